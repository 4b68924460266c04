// The activity context's rules: pure deciders for funded projects and for
// a tutor's hour records.
//
// Errors, each leaving everything unchanged:
//   INVALID_ARGUMENT     malformed input, naming the field
//                        ("entry.duration_minutes: ...")
//   NOT_FOUND            a project, school or record that does not exist
//   ALREADY_EXISTS       a project or record id that is taken
//   FAILED_PRECONDITION  a rule the current state forbids: a date outside
//                        the project's period, a school outside its scope,
//                        no tutor appointment there that day, an overlap
//                        with another record of the tutor, a step the
//                        record's status does not allow, a closed month
//                        changed without naming it as a correction
//
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_ACTIVITY_DECIDER_H_
#define TUTORNET_SERVICES_ACTIVITY_DECIDER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/activity/commands.h"
#include "services/activity/state.h"
#include "tutornet/v1/activity.pb.h"

namespace tutornet::activity {

// What the registry says of an entry's school on the entry's day (read
// from the activity service's own view of the registry log).
struct SchoolFacts {
  bool known = false;  // The school is registered in the project's network.
  bool open = false;   // Not closed on the day.
  v1::Placement placement;  // Its municipality and region on the day.
  bool appointed = false;   // The tutor holds a tutor appointment covering
                            // the school on the day.
};

// What a decision on hours reads besides the tutor's own stream.
struct HoursFacts {
  absl::CivilDay today;  // In Finland.
  // Every project the command touches: the record's current one and, for
  // log and amend, the entry's.
  std::map<std::string, ProjectState> projects;
  SchoolFacts school;  // Log and amend: the entry's school.
};

absl::StatusOr<std::vector<v1::ProjectEvent>> DecideProject(
    const ProjectState& state, const v1::ProjectCommand& command,
    absl::CivilDay today);

absl::StatusOr<std::vector<v1::HoursEvent>> DecideHours(
    const TutorState& state, const v1::HoursCommand& command,
    const HoursFacts& facts);

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_DECIDER_H_
