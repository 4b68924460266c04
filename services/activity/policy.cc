#include "services/activity/policy.h"

#include "absl/strings/str_cat.h"
#include "services/activity/decider.h"

namespace tutornet::activity {
namespace {

using access::AccessRole;
using access::Denied;
using access::Principal;

// "log", "submit", "approve", "return", "amend", "void": the step's field.
std::string StepName(const v1::HoursCommand& c) {
  const google::protobuf::FieldDescriptor* step =
      c.GetReflection()->GetOneofFieldDescriptor(
          c, v1::HoursCommand::descriptor()->oneof_decl(0));
  return step == nullptr ? "change" : step->name();
}

bool IsCoordinator(const Principal& p) {
  return p.role == AccessRole::kNetworkCoordinator ||
         p.role == AccessRole::kRegionalCoordinator;
}

absl::Status CoordinatorScope(const Principal& p, const RecordScope& s,
                              absl::string_view what) {
  return access::RequireRegion(p, s.network_id, s.region_id, what);
}

absl::Status TutorCommand(const Principal& p, const v1::HoursCommand& command,
                          const RecordState* current,
                          const RecordScope* entry) {
  const std::string& person = PersonOf(command);
  const std::string step = StepName(command);
  if (person != p.id) {
    return Denied(
        p, absl::StrCat(step, " the hour records of person \"", person, "\""));
  }
  // A coordinator here acts on its own records: another coordinator does
  // what a tutor may not.
  const char* who = IsCoordinator(p) ? "another coordinator" : "a coordinator";
  if (command.has_approve() || command.has_return_()) {
    return Denied(p,
                  absl::StrCat(step, " its own hour records; ", who, " does"));
  }
  if (CorrectionOf(command) != nullptr) {
    return Denied(p, absl::StrCat("correct a closed month with its own hour "
                                  "records; ",
                                  who, " does"));
  }
  if (current != nullptr && current->status == v1::HOUR_STATUS_APPROVED) {
    return Denied(
        p, absl::StrCat(step, " its own approved hour record; ", who, " does"));
  }
  if (entry != nullptr && entry->network_id != p.network_id) {
    return Denied(
        p, absl::StrCat(step, " hours in network \"", entry->network_id, "\""));
  }
  if (current != nullptr && current->network_id != p.network_id) {
    return Denied(p, absl::StrCat(step, " records of network \"",
                                  current->network_id, "\""));
  }
  return absl::OkStatus();
}

}  // namespace

RecordScope ScopeOf(const RecordState& r) {
  return {r.network_id, r.region_id, r.project_id};
}

absl::Status AuthorizeProjectCommand(const Principal& p,
                                     const v1::ProjectCommand& command,
                                     const ProjectState& state) {
  if (access::IsAdmin(p)) return absl::OkStatus();
  const std::string& network = command.has_create()
                                   ? command.create().network_id()
                                   : state.definition.network_id();
  if (p.role != AccessRole::kNetworkCoordinator) {
    return Denied(p,
                  "create or close funded projects or close months; "
                  "network coordinators do");
  }
  if (!state.exists && !command.has_create()) {
    return absl::OkStatus();  // The decider says it does not exist.
  }
  return access::RequireNetwork(
      p, network,
      absl::StrCat("manage funded projects of network \"", network, "\""));
}

absl::Status AuthorizeHoursCommand(const Principal& p,
                                   const v1::HoursCommand& command,
                                   const RecordState* current,
                                   const RecordScope* entry) {
  if (access::IsAdmin(p)) return absl::OkStatus();
  // On their own records coordinators are tutors: no one approves their
  // own hours, and an approved record of theirs is changed by another.
  if (p.role == AccessRole::kTutor || PersonOf(command) == p.id) {
    return TutorCommand(p, command, current, entry);
  }
  if (!IsCoordinator(p)) {
    return Denied(p, "change hour records");
  }
  const std::string what =
      absl::StrCat(StepName(command), " hour records outside its scope");
  if (current != nullptr) {
    const RecordScope scope = ScopeOf(*current);
    if (absl::Status s = CoordinatorScope(p, scope, what); !s.ok()) return s;
  }
  if (entry != nullptr) {
    if (absl::Status s = CoordinatorScope(p, *entry, what); !s.ok()) return s;
  }
  if ((command.has_approve() || command.has_return_()) &&
      PersonOf(command) == p.id) {
    return Denied(p, absl::StrCat(StepName(command), " its own hour records"));
  }
  return absl::OkStatus();
}

bool MayReadRecord(const Principal& p, const std::string& person_id,
                   const RecordScope& record) {
  switch (p.role) {
    case AccessRole::kAdmin:
      return true;
    case AccessRole::kNetworkCoordinator:
      return record.network_id == p.network_id;
    case AccessRole::kRegionalCoordinator:
      return record.network_id == p.network_id &&
             p.region_ids.count(record.region_id) > 0;
    case AccessRole::kTutor:
      return person_id == p.id && record.network_id == p.network_id;
    case AccessRole::kFunder:
      return record.network_id == p.network_id &&
             p.project_ids.count(record.project_id) > 0;
  }
  return false;
}

absl::Status AuthorizeRecordRead(const Principal& p,
                                 const std::string& person_id,
                                 const RecordScope& record) {
  if (MayReadRecord(p, person_id, record)) return absl::OkStatus();
  return Denied(p, absl::StrCat("read the hour records of person \"", person_id,
                                "\" there"));
}

absl::Status AuthorizeProjectRead(const Principal& p,
                                  const v1::CreateFundedProject& project) {
  if (p.role == AccessRole::kFunder) {
    if (project.network_id() == p.network_id &&
        p.project_ids.count(project.project_id())) {
      return absl::OkStatus();
    }
    return Denied(
        p, absl::StrCat("read funded project \"", project.project_id(), "\""));
  }
  return access::RequireNetwork(
      p, project.network_id(),
      absl::StrCat("read funded projects of network \"", project.network_id(),
                   "\""));
}

absl::Status AuthorizeTotalsRead(const Principal& p,
                                 const v1::CreateFundedProject& project) {
  // Totals are every person's of the project, whatever their region.
  if (p.role == AccessRole::kTutor ||
      p.role == AccessRole::kRegionalCoordinator) {
    return Denied(p, "read the monthly totals of funded projects");
  }
  return AuthorizeProjectRead(p, project);
}

absl::Status AuthorizeQueueRead(const Principal& p,
                                const std::string& network_id,
                                const std::string& region_id) {
  if (access::IsAdmin(p)) return absl::OkStatus();
  if (!IsCoordinator(p)) return Denied(p, "read the queue of submitted hours");
  if (region_id.empty()) {
    return access::RequireNetwork(
        p, network_id,
        absl::StrCat("read the queue of network \"", network_id, "\""));
  }
  return access::RequireRegion(
      p, network_id, region_id,
      absl::StrCat("read the queue of region \"", region_id, "\""));
}

absl::Status AuthorizeRecordList(const Principal& p,
                                 const std::string& person_id,
                                 const std::string& project_id) {
  switch (p.role) {
    case AccessRole::kTutor:
      if (person_id != p.id) {
        return Denied(p, "list the hour records of others");
      }
      return absl::OkStatus();
    case AccessRole::kFunder:
      if (project_id.empty() || !p.project_ids.count(project_id)) {
        return Denied(p, "list hour records outside its funded projects");
      }
      return absl::OkStatus();
    default:
      return absl::OkStatus();  // Filtered record by record.
  }
}

}  // namespace tutornet::activity
