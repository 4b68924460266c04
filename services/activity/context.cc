#include "services/activity/context.h"

#include "absl/strings/str_cat.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::activity {

std::string ProjectStream(absl::string_view project_id) {
  return absl::StrCat("project-", project_id);
}

std::string TutorStream(absl::string_view person_id) {
  return absl::StrCat("tutor-", person_id);
}

absl::StatusOr<std::string> ProjectContext::StreamOf(
    const Command& command) const {
  if (command.command_case() == Command::COMMAND_NOT_SET) {
    return values::Invalid("command", "is not set");
  }
  RETURN_IF_ERROR(values::ValidateId("project_id", ProjectIdOf(command)));
  return ProjectStream(ProjectIdOf(command));
}

absl::StatusOr<std::vector<ProjectContext::Event>> ProjectContext::Decide(
    const State& state, const Command& command) const {
  ASSIGN_OR_RETURN(std::vector<Event> events,
                   DecideProject(state, command, today_()));
  for (Event& e : events) {
    if (e.has_month_closed())
      RETURN_IF_ERROR(closing_(e.mutable_month_closed()));
  }
  return events;
}

absl::StatusOr<std::string> HoursContext::StreamOf(
    const Command& command) const {
  if (command.command_case() == Command::COMMAND_NOT_SET) {
    return values::Invalid("command", "is not set");
  }
  RETURN_IF_ERROR(values::ValidateId("person_id", PersonOf(command)));
  RETURN_IF_ERROR(values::ValidateId("record_id", RecordOf(command)));
  return TutorStream(PersonOf(command));
}

absl::StatusOr<HoursFacts> HoursContext::Gather(const access::Principal&,
                                                const State& state,
                                                const Command& command,
                                                absl::Time now) const {
  HoursFacts facts;
  facts.today = values::FinnishDay(now);
  const auto record = state.records.find(RecordOf(command));
  if (record != state.records.end()) {
    const std::string& id = record->second.project_id;
    ASSIGN_OR_RETURN(facts.projects[id], projects_(id));
  }
  const v1::HourEntry* entry = EntryOf(command);
  // A malformed entry is the decider's to report.
  if (entry == nullptr || !ValidateEntry(*entry, facts.today).ok()) {
    return facts;
  }
  if (!facts.projects.count(entry->project_id())) {
    ASSIGN_OR_RETURN(facts.projects[entry->project_id()],
                     projects_(entry->project_id()));
  }
  const ProjectState& project = facts.projects[entry->project_id()];
  if (project.exists) {
    ASSIGN_OR_RETURN(facts.school, schools_(project.definition.network_id(),
                                            PersonOf(command), *entry));
  }
  return facts;
}

absl::Status HoursContext::Authorize(const access::Principal& principal,
                                     const Command& command, const State& state,
                                     const Facts& facts) const {
  if (access::IsAdmin(principal)) return absl::OkStatus();
  const auto record = state.records.find(RecordOf(command));
  // Logging makes a record: who may do it depends on the entry alone (a
  // record already there under the id is the decider's ALREADY_EXISTS,
  // or the first result of a retry).
  const RecordState* current =
      record == state.records.end() || command.has_log() ? nullptr
                                                         : &record->second;
  // Where the entry would put the record: a tutor's rules need only its
  // network, a coordinator's also its region.
  const v1::HourEntry* entry = EntryOf(command);
  RecordScope scope;
  const RecordScope* entry_scope = nullptr;
  if (entry != nullptr) {
    const auto project = facts.projects.find(entry->project_id());
    if (project != facts.projects.end() && project->second.exists) {
      scope.network_id = project->second.definition.network_id();
      scope.region_id = facts.school.placement.region_id();
      scope.project_id = entry->project_id();
      entry_scope = &scope;
    }
  }
  return AuthorizeHoursCommand(principal, command, current, entry_scope);
}

}  // namespace tutornet::activity
