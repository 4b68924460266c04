#include "services/server/access.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/registry/decider.h"
#include "storage/status_macros.h"

namespace tutornet::server {
namespace {

absl::Status Denied(const Principal& p, absl::string_view what) {
  return absl::PermissionDeniedError(
      absl::StrCat(p.id, " (", AccessRoleName(p.role), ") may not ", what));
}

// Regional coordinators work on schools in their regions; a school or
// municipality the network does not know is left to the decider.
absl::Status RequireRegion(const Principal& p, const std::string& region_id,
                           absl::string_view what) {
  if (p.region_ids.count(region_id) > 0) return absl::OkStatus();
  return Denied(p, absl::StrCat(what, " in region \"", region_id,
                                "\", outside its regions"));
}

absl::Status RequireMunicipality(const Principal& p,
                                 const registry::NetworkState& state,
                                 const std::string& municipality_id,
                                 absl::string_view what) {
  auto it = state.municipalities.find(municipality_id);
  if (it == state.municipalities.end()) return absl::OkStatus();
  return RequireRegion(p, it->second.region_id, what);
}

absl::Status RequireSchool(const Principal& p,
                           const registry::NetworkState& state,
                           const std::string& school_id,
                           absl::string_view what) {
  auto it = state.schools.find(school_id);
  if (it == state.schools.end()) return absl::OkStatus();
  return RequireMunicipality(p, state, it->second.municipality_id, what);
}

bool SchoolLevelRole(v1::Role role) {
  return role == v1::ROLE_TUTOR_TEACHER || role == v1::ROLE_MENTOR ||
         role == v1::ROLE_PRINCIPAL;
}

absl::Status AuthorizeRegional(const Principal& p,
                               const v1::RegistryCommand& command,
                               const registry::NetworkState& state) {
  switch (command.command_case()) {
    case v1::RegistryCommand::kAssignMunicipality: {
      const v1::AssignMunicipality& c = command.assign_municipality();
      RETURN_IF_ERROR(RequireRegion(p, c.region_id(), "assign municipalities"));
      return RequireMunicipality(p, state, c.municipality_id(),
                                 "move municipalities");
    }
    case v1::RegistryCommand::kRegisterSchool:
      return RequireMunicipality(p, state,
                                 command.register_school().municipality_id(),
                                 "register schools");
    case v1::RegistryCommand::kCloseSchool:
      return RequireSchool(p, state, command.close_school().school_id(),
                           "close schools");
    case v1::RegistryCommand::kAppointRole: {
      const v1::AppointRole& c = command.appoint_role();
      if (!SchoolLevelRole(c.role())) {
        return Denied(p, absl::StrCat("appoint ", v1::Role_Name(c.role())));
      }
      for (const std::string& school : c.scope().school_ids()) {
        RETURN_IF_ERROR(RequireSchool(p, state, school, "appoint people"));
      }
      return absl::OkStatus();
    }
    case v1::RegistryCommand::kEndAppointment: {
      auto it =
          state.appointments.find(command.end_appointment().appointment_id());
      if (it == state.appointments.end()) return absl::OkStatus();
      if (!SchoolLevelRole(it->second.role)) {
        return Denied(p, absl::StrCat("end a ", v1::Role_Name(it->second.role),
                                      " appointment"));
      }
      for (const std::string& school : it->second.school_ids) {
        RETURN_IF_ERROR(RequireSchool(p, state, school, "end appointments"));
      }
      return absl::OkStatus();
    }
    default:
      return Denied(p, "create networks or regions");
  }
}

}  // namespace

absl::Status AuthorizeRead(const Principal& p, absl::string_view network_id) {
  if (p.role == AccessRole::kAdmin || p.network_id == network_id)
    return absl::OkStatus();
  return Denied(p, absl::StrCat("read network \"", network_id, "\""));
}

absl::Status AuthorizeCommand(const Principal& p,
                              const v1::RegistryCommand& command,
                              const registry::NetworkState& state) {
  if (p.role == AccessRole::kAdmin) return absl::OkStatus();
  if (command.has_create_network()) return Denied(p, "create networks");
  const std::string& network_id = registry::NetworkIdOf(command);
  if (p.network_id != network_id) {
    return Denied(p, absl::StrCat("change network \"", network_id, "\""));
  }
  switch (p.role) {
    case AccessRole::kNetworkCoordinator:
      return absl::OkStatus();
    case AccessRole::kRegionalCoordinator:
      return AuthorizeRegional(p, command, state);
    default:
      return Denied(p, "change the registry");
  }
}

absl::Status AuthorizeTokenAdmin(const Principal& p) {
  if (p.role == AccessRole::kAdmin) return absl::OkStatus();
  return Denied(p, "manage access tokens");
}

absl::Status AuthorizePersonalData(const Principal& p,
                                   absl::string_view person_id) {
  if (p.id == person_id || p.role == AccessRole::kAdmin ||
      p.role == AccessRole::kNetworkCoordinator ||
      p.role == AccessRole::kRegionalCoordinator) {
    return absl::OkStatus();
  }
  return Denied(p, absl::StrCat("see or change the personal data of \"",
                                person_id, "\""));
}

}  // namespace tutornet::server
