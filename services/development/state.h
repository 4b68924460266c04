// The development context's folded state of one stream: a catalogue, an
// activity plan, a mapping round, a training plan, a mentoring process, a
// work-pair period or a digital mentorship (the stream's prefix says
// which). Only what the rules read; every version, answer and note is in
// the log and the read model.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_STATE_H_
#define TUTORNET_SERVICES_DEVELOPMENT_STATE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "tutornet/v1/development.pb.h"

namespace tutornet::development {

struct CatalogueState {
  std::map<std::string, v1::CompetenceArea> areas;
  std::map<std::string, v1::MentoringMethod> methods;
};

struct PlanState {
  v1::PlanStatus status = v1::PLAN_STATUS_UNSPECIFIED;
  int version = 0;                           // The latest version.
  int approved_version = 0;                  // The version in force; 0: none.
  std::vector<std::string> school_ids;       // Of the latest version.
  std::set<std::string> approved_by_school;  // For the latest version.
};

struct RoundState {
  v1::OpenMappingRound round;
  bool closed = false;
  std::set<std::string> answered;
};

struct TrainingPlanState {
  std::map<std::string, v1::TrainingPlanItemStatus> items;
};

struct ProcessState {
  v1::StartMentoringProcess process;  // With the current teams and mentors.
  int cycle = 0;                      // 0 before phase 1.
  int phase = 0;
  // The day each phase of the current cycle began.
  std::map<int, absl::CivilDay> phase_days;
  bool closed = false;

  bool IsMentor(const std::string& person) const;
  bool InTeam(const std::string& person) const;
  const v1::CoordinationTeam* TeamOf(const std::string& school_id) const;
};

struct PeriodState {
  v1::ApplyForWorkPair application;
  v1::WorkPairStatus status = v1::WORK_PAIR_STATUS_UNSPECIFIED;
  std::set<absl::CivilDay> days;
  std::set<std::string> followed_up;  // Partners who filed theirs.

  bool IsPartner(const std::string& person) const;
};

struct MentorshipState {
  v1::AppointDigitalMentor appointment;
  bool ended = false;
};

struct DevelopmentState {
  bool exists = false;
  std::string network_id;
  CatalogueState catalogue;
  PlanState plan;
  RoundState round;
  TrainingPlanState training_plan;
  ProcessState process;
  PeriodState period;
  MentorshipState mentorship;
};

DevelopmentState Evolve(DevelopmentState state,
                        const v1::DevelopmentEvent& event);

// The network a stream's event belongs to.
std::string NetworkOf(const v1::DevelopmentEvent& event);

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_STATE_H_
