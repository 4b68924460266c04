#include "services/activity/activity.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/activity/read_model.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "status/status_macros.h"
#include "storage/merkle/tree_head.h"

namespace tutornet::activity {

Activity::Activity(storage::EventLog& log,
                   const projections::Projector& registry_view,
                   const projections::Projector& hours_view,
                   absl::Duration max_wait, commands::RunnerOptions options)
    : log_(log),
      registry_view_(registry_view),
      hours_view_(hours_view),
      max_wait_(max_wait),
      project_context_([this](v1::MonthClosed* m) { return Close(m); },
                       [this] { return values::FinnishDay(projects_.Now()); }),
      hours_context_(
          [this](const std::string& id) { return Project(id); },
          [this](const std::string& network, const std::string& person,
                 const v1::HourEntry& entry) {
            return School(network, person, entry);
          }),
      projects_(log, project_context_, options),
      hours_(log, hours_context_, options) {}

absl::StatusOr<commands::CommandOutcome> Activity::Run(
    const v1::HoursCommand& command, const v1::RequestHeader& header,
    const access::Principal& principal) {
  absl::ReaderMutexLock shared(&gate_);
  return hours_.Run(command, header, principal);
}

absl::StatusOr<commands::CommandOutcome> Activity::Run(
    const v1::ProjectCommand& command, const v1::RequestHeader& header,
    const access::Principal& principal) {
  // Creating a project changes nothing an hours command reads of another;
  // closing a project or a month must not interleave with them.
  if (command.has_create()) {
    absl::ReaderMutexLock shared(&gate_);
    return projects_.Run(command, header, principal);
  }
  absl::MutexLock alone(&gate_);
  return projects_.Run(command, header, principal);
}

absl::StatusOr<ProjectState> Activity::Project(const std::string& project_id) {
  ASSIGN_OR_RETURN(commands::Fold<ProjectState> fold,
                   projects_.Load(ProjectStream(project_id)));
  return *fold.state;
}

absl::StatusOr<SchoolFacts> Activity::School(const std::string& network_id,
                                             const std::string& person_id,
                                             const v1::HourEntry& entry) const {
  const absl::CivilDay day = values::ToCivilDay(entry.date());
  std::shared_ptr<const projections::RowStore> store = registry_view_.store();
  std::unique_ptr<projections::RowReader> rows = store->Read();
  ASSIGN_OR_RETURN(
      std::optional<registry::SchoolOnDay> school,
      registry::SchoolOn(*rows, network_id, entry.school_id(), day));
  SchoolFacts facts;
  if (!school.has_value()) return facts;
  facts.known = true;
  facts.open = school->open;
  facts.placement.set_network_id(network_id);
  facts.placement.set_municipality_id(school->municipality_id);
  facts.placement.set_region_id(school->region_id);
  ASSIGN_OR_RETURN(facts.appointed,
                   registry::HoldsRoleAtSchool(*rows, person_id, network_id,
                                               v1::ROLE_TUTOR_TEACHER,
                                               entry.school_id(), day));
  return facts;
}

absl::Status Activity::Close(v1::MonthClosed* closing) {
  // No hours command runs meanwhile (the gate): the head is where the
  // totals are read.
  const uint64_t head = log_.Head();
  if (!hours_view_.AwaitApplied(kActivityLog, head, absl::Now() + max_wait_)) {
    return absl::UnavailableError(
        "the activity view is behind its log; retry the closing");
  }
  std::shared_ptr<const projections::RowStore> store = hours_view_.store();
  ASSIGN_OR_RETURN(std::vector<v1::PersonMinutes> totals,
                   ApprovedMinutes(*store->Read(), closing->project_id(),
                                   ToMonthKey(closing->month())));
  for (v1::PersonMinutes& t : totals) *closing->add_totals() = std::move(t);
  closing->set_position(head);
  if (head > 0) {
    ASSIGN_OR_RETURN(merkle::SignedTreeHead sth, log_.SignTreeHead());
    closing->set_tree_size(sth.head.tree_size);
    closing->set_signed_tree_head(merkle::EncodeSignedTreeHead(sth));
  }
  closing->set_log_id(log_.log_id());
  return absl::OkStatus();
}

}  // namespace tutornet::activity
