// The activity service's command side, put together: the project and
// hours contexts on their command runners over the activity log, with the
// facts they read (funded projects from the log, schools and tutor
// appointments from the service's own view of the registry log) and the
// month closing.
//
// Closing a month and recording hours exclude each other: hours commands
// share a gate that a project command holds alone. So a closing reads its
// totals at a log position no hours command can slip under: every step on
// a record either is in the closed totals or comes after the closing and
// sees the month closed.
//
// Thread-safe. Requires: the log and views outlive it.
#ifndef TUTORNET_SERVICES_ACTIVITY_ACTIVITY_H_
#define TUTORNET_SERVICES_ACTIVITY_ACTIVITY_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/activity/context.h"
#include "services/commands/command_runner.h"
#include "services/projections/projector.h"
#include "storage/event_log.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::activity {

class Activity {
 public:
  // `registry_view` projects the registry log (a RegistryProjection of
  // this service's own); `hours_view` is the HoursProjection of `log`.
  // A decision waits at most `max_wait` for a view to catch up.
  Activity(storage::EventLog& log, const projections::Projector& registry_view,
           const projections::Projector& hours_view, absl::Duration max_wait,
           commands::RunnerOptions options = {});

  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::HoursCommand& command, const v1::RequestHeader& header,
      const access::Principal& principal);
  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::ProjectCommand& command, const v1::RequestHeader& header,
      const access::Principal& principal);

  size_t cached_tutors() const { return hours_.cached_streams(); }

 private:
  absl::StatusOr<ProjectState> Project(const std::string& project_id);
  absl::StatusOr<SchoolFacts> School(const std::string& network_id,
                                     const std::string& person_id,
                                     const v1::HourEntry& entry) const;
  absl::Status Close(v1::MonthClosed* closing);

  storage::EventLog& log_;
  const projections::Projector& registry_view_;
  const projections::Projector& hours_view_;
  const absl::Duration max_wait_;
  ProjectContext project_context_;
  HoursContext hours_context_;
  commands::CommandRunner<ProjectContext> projects_;
  commands::CommandRunner<HoursContext> hours_;
  absl::Mutex gate_;
};

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_ACTIVITY_H_
