#include "services/registry/appointments.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/registry/checks.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::registry {
namespace {

enum class ScopeKind { kSchools, kOneSchool, kRegions, kNetwork };

ScopeKind ScopeOf(v1::Role role) {
  switch (role) {
    case v1::ROLE_TUTOR_TEACHER:
    case v1::ROLE_MENTOR:
      return ScopeKind::kSchools;
    case v1::ROLE_PRINCIPAL:
      return ScopeKind::kOneSchool;
    case v1::ROLE_REGIONAL_COORDINATOR:
      return ScopeKind::kRegions;
    default:
      return ScopeKind::kNetwork;
  }
}

absl::Status ValidateScope(const NetworkState& state, v1::Role role,
                           absl::CivilDay start, const v1::Scope& scope) {
  RETURN_IF_ERROR(ValidateIdList("scope.school_ids", scope.school_ids()));
  RETURN_IF_ERROR(ValidateIdList("scope.region_ids", scope.region_ids()));
  const std::string role_name = v1::Role_Name(role);
  switch (ScopeOf(role)) {
    case ScopeKind::kOneSchool:
      if (scope.school_ids_size() != 1) {
        return Invalid("scope.school_ids",
                       absl::StrCat(role_name, " takes exactly one school"));
      }
      [[fallthrough]];
    case ScopeKind::kSchools:
      if (scope.school_ids().empty()) {
        return Invalid("scope.school_ids",
                       absl::StrCat(role_name, " takes at least one school"));
      }
      if (!scope.region_ids().empty()) {
        return Invalid("scope.region_ids",
                       absl::StrCat(role_name, " takes schools, not regions"));
      }
      break;
    case ScopeKind::kRegions:
      if (scope.region_ids().empty()) {
        return Invalid("scope.region_ids",
                       absl::StrCat(role_name, " takes at least one region"));
      }
      if (!scope.school_ids().empty()) {
        return Invalid("scope.school_ids",
                       absl::StrCat(role_name, " takes regions, not schools"));
      }
      break;
    case ScopeKind::kNetwork:
      if (!scope.school_ids().empty() || !scope.region_ids().empty()) {
        return Invalid("scope",
                       absl::StrCat(role_name, " holds for the whole network"));
      }
      break;
  }
  for (int i = 0; i < scope.school_ids_size(); ++i) {
    RETURN_IF_ERROR(RequireOpenSchool(state,
                                      absl::StrCat("scope.school_ids[", i, "]"),
                                      scope.school_ids(i), start));
  }
  for (int i = 0; i < scope.region_ids_size(); ++i) {
    RETURN_IF_ERROR(RequireRegion(
        state, absl::StrCat("scope.region_ids[", i, "]"), scope.region_ids(i)));
  }
  return absl::OkStatus();
}

bool Intersect(const std::set<std::string>& a, const std::set<std::string>& b) {
  return std::any_of(a.begin(), a.end(),
                     [&b](const std::string& x) { return b.count(x) > 0; });
}

AppointmentState StateOf(const v1::AppointRole& c) {
  AppointmentState a;
  a.person_id = c.person_id();
  a.role = c.role();
  a.school_ids = {c.scope().school_ids().begin(), c.scope().school_ids().end()};
  a.region_ids = {c.scope().region_ids().begin(), c.scope().region_ids().end()};
  a.start = ToCivilDay(c.start());
  if (c.has_end()) a.end = ToCivilDay(c.end());
  return a;
}

}  // namespace

bool Overlaps(const AppointmentState& a, const AppointmentState& b) {
  if (a.person_id != b.person_id || a.role != b.role) return false;
  const bool same_scope = ScopeOf(a.role) == ScopeKind::kNetwork ||
                          Intersect(a.school_ids, b.school_ids) ||
                          Intersect(a.region_ids, b.region_ids);
  if (!same_scope) return false;
  // [start, end] intervals, an unset end being open.
  const bool a_before_b = a.end.has_value() && *a.end < b.start;
  const bool b_before_a = b.end.has_value() && *b.end < a.start;
  return !a_before_b && !b_before_a;
}

absl::StatusOr<std::vector<v1::RegistryEvent>> DecideAppointRole(
    const NetworkState& state, const v1::AppointRole& c) {
  RETURN_IF_ERROR(RequireNetwork(state, c.network_id()));
  RETURN_IF_ERROR(ValidateId("appointment_id", c.appointment_id()));
  RETURN_IF_ERROR(ValidateId("person_id", c.person_id()));
  if (c.role() == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(c.role())) {
    return Invalid("role", "is not a role");
  }
  RETURN_IF_ERROR(ValidateDate("start", c.start()));
  if (c.has_end()) {
    RETURN_IF_ERROR(ValidateDate("end", c.end()));
    if (ToCivilDay(c.end()) < ToCivilDay(c.start())) {
      return Invalid("end",
                     absl::StrCat(FormatDate(c.end()), " is before start ",
                                  FormatDate(c.start())));
    }
  }
  RETURN_IF_ERROR(
      ValidateScope(state, c.role(), ToCivilDay(c.start()), c.scope()));
  if (state.appointments.count(c.appointment_id()) > 0) {
    return absl::AlreadyExistsError(absl::StrCat(
        "appointment \"", c.appointment_id(), "\" already exists"));
  }
  const AppointmentState wanted = StateOf(c);
  for (const auto& [id, held] : state.appointments) {
    if (Overlaps(wanted, held)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "person \"", c.person_id(), "\" already holds ",
          v1::Role_Name(c.role()),
          " over an overlapping scope in overlapping dates (appointment \"", id,
          "\")"));
    }
  }
  std::vector<v1::RegistryEvent> events(1);
  v1::RoleAppointed& e = *events[0].mutable_role_appointed();
  e.set_network_id(c.network_id());
  e.set_appointment_id(c.appointment_id());
  e.set_person_id(c.person_id());
  e.set_role(c.role());
  *e.mutable_scope() = c.scope();
  *e.mutable_start() = c.start();
  if (c.has_end()) *e.mutable_end() = c.end();
  return events;
}

}  // namespace tutornet::registry
