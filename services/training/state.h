// The training context's folded states: one training with its places,
// waiting list, attendance and feedback; and one meeting, takeover, peer
// group or facilitator record ("gatherings"). Only what the rules read;
// the full picture is in the log and the read model.
#ifndef TUTORNET_SERVICES_TRAINING_STATE_H_
#define TUTORNET_SERVICES_TRAINING_STATE_H_

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/civil_time.h"
#include "tutornet/v1/training.pb.h"

namespace tutornet::training {

// The start and end of a session, Finnish local time.
absl::CivilMinute StartOf(const v1::Session& session);
absl::CivilMinute EndOf(const v1::Session& session);
absl::CivilMinute ToCivilMinute(const v1::LocalTime& time);

struct Participant {
  std::string school_id;
  v1::Placement placement;
};

struct TrainingState {
  bool exists = false;
  v1::CreateTraining definition;
  std::string organiser_region_id;
  bool cancelled = false;
  std::map<std::string, Participant> places;
  // In queue order: the front is next in line.
  std::vector<std::pair<std::string, Participant>> waiting;
  // Session number (1-based) -> who was present.
  std::map<int, std::set<std::string>> attendance;
  std::set<std::string> feedback_from;
  int responses = 0;
  int score_sum = 0;
  bool feedback_closed = false;
  bool follow_up_open = false;

  bool Registered(const std::string& person) const;
  // Present at one session at least.
  bool Attended(const std::string& person) const;
  absl::CivilMinute FirstStart() const;
  absl::CivilMinute LastEnd() const;
  absl::CivilMinute FeedbackEnd() const;
};

TrainingState Evolve(TrainingState state, const v1::TrainingEvent& event);

struct GatheringState {
  enum class Kind { kNone, kMeeting, kTakeover, kFacilitator, kPeerGroup };
  Kind kind = Kind::kNone;
  std::string network_id;
  // Meetings: the whole meeting as created (its kind, region, session).
  v1::CreateMeeting meeting;
  // Peer groups.
  std::string facilitator_id;
  std::set<std::string> members;
  int meetings_held = 0;
  absl::CivilDay last_meeting_day;
  bool closed = false;
};

GatheringState Evolve(GatheringState state, const v1::GatheringEvent& event);

}  // namespace tutornet::training

#endif  // TUTORNET_SERVICES_TRAINING_STATE_H_
