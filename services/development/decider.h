// The development context's rules: pure deciders, one file per process
// (the catalogue in decider.cc; plans.cc, mapping.cc with training plans,
// mentoring.cc, work_pairs.cc,
// digital_mentors.cc), dispatched by DecideDevelopment.
//
// Errors, each leaving everything unchanged:
//   INVALID_ARGUMENT     malformed input, naming the field
//   NOT_FOUND            a network, school, area, method, plan, round,
//                        item, process, period or mentorship that does not
//                        exist
//   ALREADY_EXISTS       an id that is taken
//   FAILED_PRECONDITION  a step out of order (a skipped phase, a period
//                        closed before both follow-ups), a closed process,
//                        a date in the future, a principal or tutor the
//                        registry does not know at the school
//   ABORTED              approving or returning a plan version that is no
//                        longer the latest
//
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_DECIDER_H_
#define TUTORNET_SERVICES_DEVELOPMENT_DECIDER_H_

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/development/state.h"
#include "tutornet/v1/development.pb.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::development {

struct SchoolFacts {
  bool known = false;  // In the command's network.
  bool open = false;   // Not closed today.
  v1::Placement placement;
};

// A registry role of a person at a school, as asked and answered.
using RoleAt = std::tuple<std::string, v1::Role, std::string>;

// What a decision reads besides its own stream, gathered by the context
// from the service's own view of the registry, the catalogue stream and
// the clock.
struct Facts {
  absl::CivilDay today;  // In Finland.
  bool network_known = false;
  CatalogueState catalogue;  // The network's, when the command uses it.
  std::map<std::string, SchoolFacts> schools;  // Each school named.
  std::set<RoleAt> roles;  // The asked (person, role, school) that hold.

  const SchoolFacts& School(const std::string& school_id) const;
  bool Holds(const std::string& person, v1::Role role,
             const std::string& school_id) const;
};

// The limits the rules enforce, for callers and tests.
inline constexpr int kMaxPlanSchools = 10;
inline constexpr int kMaxGoals = 20;
inline constexpr int kMaxThemes = 20;
inline constexpr int kMaxPlannedMinutes = 100000;
inline constexpr int kMaxRoundAreas = 50;
inline constexpr int kMaxMentors = 10;
inline constexpr int kPhases = 7;
inline constexpr int kMaxParticipants = 10000;
inline constexpr int kPeriodDays = 5;
inline constexpr int kMaxAgreedHours = 2000;
inline constexpr size_t kMaxNoteBytes = 4000;

absl::StatusOr<std::vector<v1::DevelopmentEvent>> DecideDevelopment(
    const DevelopmentState& state, const v1::DevelopmentCommand& command,
    const Facts& facts);

// One process each (same contract).
using Events = std::vector<v1::DevelopmentEvent>;
absl::StatusOr<Events> DecideCatalogue(const DevelopmentState& state,
                                       const v1::DevelopmentCommand& command,
                                       const Facts& facts);
absl::StatusOr<Events> DecidePlan(const DevelopmentState& state,
                                  const v1::DevelopmentCommand& command,
                                  const Facts& facts);
absl::StatusOr<Events> DecideMapping(const DevelopmentState& state,
                                     const v1::DevelopmentCommand& command,
                                     const Facts& facts);
absl::StatusOr<Events> DecideTrainingPlan(const DevelopmentState& state,
                                          const v1::DevelopmentCommand& command,
                                          const Facts& facts);
absl::StatusOr<Events> DecideMentoring(const DevelopmentState& state,
                                       const v1::DevelopmentCommand& command,
                                       const Facts& facts);
absl::StatusOr<Events> DecideWorkPair(const DevelopmentState& state,
                                      const v1::DevelopmentCommand& command,
                                      const Facts& facts);
absl::StatusOr<Events> DecideMentorship(const DevelopmentState& state,
                                        const v1::DevelopmentCommand& command,
                                        const Facts& facts);

// Shared checks: INVALID_ARGUMENT naming `field`.
// A school year named by its autumn, 2000-2198 (field school_year).
absl::Status ValidateSchoolYear(int year);
// A required note: something visible, at most kMaxNoteBytes.
absl::Status ValidateRequiredNote(absl::string_view field,
                                  absl::string_view text);
// An optional note: empty, or a valid note.
absl::Status ValidateOptionalNote(absl::string_view field,
                                  absl::string_view text);
// A date of something done: a real day, not after `today`.
absl::Status ValidatePastDate(absl::string_view field, const v1::Date& date,
                              absl::CivilDay today);
// A valid id of a school the network has (NOT_FOUND otherwise) that is
// open today (FAILED_PRECONDITION otherwise).
absl::Status RequireSchool(absl::string_view field,
                           const std::string& school_id, const Facts& facts);

// The stream a command writes (see development.proto), or
// INVALID_ARGUMENT naming the id field.
absl::StatusOr<std::string> StreamOf(const v1::DevelopmentCommand& command);

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_DECIDER_H_
