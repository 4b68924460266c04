#include "services/registry/policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/registry/decider.h"
#include "status/status_macros.h"

namespace tutornet::registry {
namespace {

using access::AccessRole;
using access::Denied;
using access::Principal;

// Regional coordinators work on schools in their regions; a school or
// municipality the network does not know is left to the decider.
absl::Status RequireMunicipality(const Principal& p, const NetworkState& state,
                                 const std::string& municipality_id,
                                 absl::CivilDay today, absl::string_view what) {
  auto it = state.municipalities.find(municipality_id);
  if (it == state.municipalities.end()) return absl::OkStatus();
  std::string region = it->second.RegionOn(today);
  // Not in any region yet (its first assignment is future-dated): it
  // belongs to the region it goes to first.
  if (region.empty() && !it->second.regions.empty()) {
    region = it->second.regions.begin()->second;
  }
  return access::RequireRegion(p, state.network_id, region, what);
}

absl::Status RequireSchool(const Principal& p, const NetworkState& state,
                           const std::string& school_id, absl::CivilDay today,
                           absl::string_view what) {
  auto it = state.schools.find(school_id);
  if (it == state.schools.end()) return absl::OkStatus();
  return RequireMunicipality(p, state, it->second.municipality_id, today, what);
}

bool SchoolLevelRole(v1::Role role) {
  return role == v1::ROLE_TUTOR_TEACHER || role == v1::ROLE_MENTOR ||
         role == v1::ROLE_PRINCIPAL;
}

absl::Status AuthorizeRegional(const Principal& p,
                               const v1::RegistryCommand& command,
                               const NetworkState& state,
                               absl::CivilDay today) {
  switch (command.command_case()) {
    case v1::RegistryCommand::kAssignMunicipality: {
      const v1::AssignMunicipality& c = command.assign_municipality();
      RETURN_IF_ERROR(access::RequireRegion(p, state.network_id, c.region_id(),
                                            "assign municipalities"));
      return RequireMunicipality(p, state, c.municipality_id(), today,
                                 "move municipalities");
    }
    case v1::RegistryCommand::kRegisterSchool:
      return RequireMunicipality(p, state,
                                 command.register_school().municipality_id(),
                                 today, "register schools");
    case v1::RegistryCommand::kCloseSchool:
      return RequireSchool(p, state, command.close_school().school_id(), today,
                           "close schools");
    case v1::RegistryCommand::kRecordStaff:
      return RequireSchool(p, state, command.record_staff().school_id(), today,
                           "record staff");
    case v1::RegistryCommand::kAppointRole: {
      const v1::AppointRole& c = command.appoint_role();
      if (!SchoolLevelRole(c.role())) {
        return Denied(p, absl::StrCat("appoint ", v1::Role_Name(c.role())));
      }
      for (const std::string& school : c.scope().school_ids()) {
        RETURN_IF_ERROR(
            RequireSchool(p, state, school, today, "appoint people"));
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
        RETURN_IF_ERROR(
            RequireSchool(p, state, school, today, "end appointments"));
      }
      return absl::OkStatus();
    }
    default:
      return Denied(p, "create networks or regions");
  }
}

}  // namespace

absl::Status AuthorizeRead(const Principal& p, absl::string_view network_id) {
  return access::RequireNetwork(p, network_id, "read");
}

absl::Status AuthorizeCommand(const Principal& p,
                              const v1::RegistryCommand& command,
                              const NetworkState& state, absl::CivilDay today) {
  if (access::IsAdmin(p)) return absl::OkStatus();
  if (command.has_create_network()) return Denied(p, "create networks");
  RETURN_IF_ERROR(
      access::RequireNetwork(p, NetworkIdOf(command), "change the registry"));
  switch (p.role) {
    case AccessRole::kNetworkCoordinator:
      return absl::OkStatus();
    case AccessRole::kRegionalCoordinator:
      return AuthorizeRegional(p, command, state, today);
    default:
      return Denied(p, "change the registry");
  }
}

absl::Status AuthorizePersonalData(const Principal& p,
                                   absl::string_view person_id,
                                   const PersonFacts& facts,
                                   PersonalDataAccess access) {
  const bool write = access == PersonalDataAccess::kWrite;
  const char* what =
      write ? "change the personal data" : "see the personal data";
  if (access::IsAdmin(p)) return absl::OkStatus();
  if (p.role == AccessRole::kFunder) return Denied(p, what);
  if (p.id == person_id) return absl::OkStatus();
  if (!access::Coordinates(p, p.network_id)) {
    return Denied(p, absl::StrCat(what, " of others (\"", person_id, "\")"));
  }
  if (facts.is_admin) {
    return Denied(p, absl::StrCat(what, " of an admin (\"", person_id, "\")"));
  }
  auto in_network = facts.networks.find(p.network_id);
  if (in_network == facts.networks.end()) {
    return Denied(p, absl::StrCat(what, " of \"", person_id,
                                  "\", who holds no role in its network"));
  }
  if (facts.networks.size() > 1) {
    return Denied(p, absl::StrCat(what, " of \"", person_id,
                                  "\", who holds roles in other networks too "
                                  "(admins manage theirs)"));
  }
  if (write && p.role == AccessRole::kRegionalCoordinator) {
    const NetworkRoles& roles = in_network->second;
    const bool in_regions =
        !roles.above_school && !roles.regions.empty() &&
        std::all_of(
            roles.regions.begin(), roles.regions.end(),
            [&p](const std::string& r) { return p.region_ids.count(r) > 0; });
    if (!in_regions) {
      return Denied(p, absl::StrCat(what, " of \"", person_id,
                                    "\", whose roles are not all at schools "
                                    "in its regions"));
    }
  }
  return absl::OkStatus();
}

}  // namespace tutornet::registry
