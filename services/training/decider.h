// The training context's rules: pure deciders for a training and for a
// meeting, takeover, peer group or facilitator record.
//
// Errors, each leaving everything unchanged:
//   INVALID_ARGUMENT     malformed input, naming the field
//                        ("sessions[1].start_minute: ...")
//   NOT_FOUND            a training, meeting, group, network, region,
//                        municipality or school that does not exist, or a
//                        registration that is not there
//   ALREADY_EXISTS       an id that is taken; a second registration or
//                        feedback of one person
//   FAILED_PRECONDITION  what the state or the clock forbids: a cancelled
//                        training, a closed school, a session not yet
//                        started, the feedback window, a skipped meeting
//                        number, a facilitator without the training
//
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_TRAINING_DECIDER_H_
#define TUTORNET_SERVICES_TRAINING_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/training/state.h"
#include "tutornet/v1/training.pb.h"

namespace tutornet::training {

// A place of the registry: a school, a municipality or a region.
struct PlaceFacts {
  bool known = false;  // In the command's network.
  bool open = true;    // Schools: not closed on the day asked.
  v1::Placement placement;
};

// What a decision reads besides its own stream, gathered by the context
// from the service's own view of the registry log and the clock.
struct Facts {
  absl::CivilMinute now;  // Finnish local time.
  bool network_known = false;
  PlaceFacts organiser;  // Create: the organising municipality or region.
  PlaceFacts venue;   // Create, meetings: the venue's school or municipality.
  PlaceFacts school;  // Register, takeover: the school named.
  PlaceFacts region;  // Regional meetings: the region.
  // Peer groups: whether the facilitator's training is on record.
  bool facilitator_trained = false;
};

// The limits the rules enforce, for callers and tests.
inline constexpr int kMaxSessions = 20;
inline constexpr int kMaxCapacity = 10000;
inline constexpr int kMaxTrainers = 20;
inline constexpr int kMaxFeedbackDays = 60;
inline constexpr size_t kMaxCommentBytes = 2000;
inline constexpr int kMaxPresent = 10000;
inline constexpr int kMinPeerGroup = 5;
inline constexpr int kMaxPeerGroup = 10;
inline constexpr int kMaxPeerMeetings = 6;
inline constexpr int kMinPeerMeetingsToClose = 5;
// The 3.5 rule: a closed feedback window whose average is below
// kFollowUpBelowTenths / 10 opens a follow-up.
inline constexpr int kFollowUpBelowTenths = 35;

// Whether responses with this sum average below 3.5.
bool BelowFollowUpLine(int responses, int score_sum);

absl::StatusOr<std::vector<v1::TrainingEvent>> DecideTraining(
    const TrainingState& state, const v1::TrainingCommand& command,
    const Facts& facts);

absl::StatusOr<std::vector<v1::GatheringEvent>> DecideGathering(
    const GatheringState& state, const v1::GatheringCommand& command,
    const Facts& facts);

// Field checks shared with the policy and the client: INVALID_ARGUMENT
// naming `field`.
absl::Status ValidateSession(absl::string_view field,
                             const v1::Session& session);
absl::Status ValidateLocalTime(absl::string_view field,
                               const v1::LocalTime& time);
// Exactly one of online, a school (known and open in `facts.venue`) or a
// named place in a known municipality.
absl::Status ValidateVenue(absl::string_view field, const v1::Venue& venue,
                           const Facts& facts);

// The id a command names: training_id; meeting, takeover, group ids or the
// facilitator's person id. Empty when unset.
const std::string& TrainingIdOf(const v1::TrainingCommand& command);
const std::string& GatheringIdOf(const v1::GatheringCommand& command);

}  // namespace tutornet::training

#endif  // TUTORNET_SERVICES_TRAINING_DECIDER_H_
