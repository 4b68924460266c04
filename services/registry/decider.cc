// Decide: the registry's rules. Each command has one function; the shared
// checks (ids, names, references) come first.
#include "services/registry/decider.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/registry/appointments.h"
#include "services/registry/checks.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::registry {
namespace {

using Events = std::vector<v1::RegistryEvent>;

template <typename Event>
Events One(Event event, Event* (v1::RegistryEvent::*mutable_field)()) {
  Events events(1);
  *(events[0].*mutable_field)() = std::move(event);
  return events;
}

absl::StatusOr<Events> DecideCreateNetwork(const NetworkState& state,
                                           const v1::CreateNetwork& c) {
  RETURN_IF_ERROR(ValidateId("network_id", c.network_id()));
  RETURN_IF_ERROR(ValidateName("name", c.name()));
  RETURN_IF_ERROR(ValidateId("coordinating_municipality_id",
                             c.coordinating_municipality_id()));
  for (int i = 0; i < c.partner_organisations_size(); ++i) {
    const std::string field = absl::StrCat("partner_organisations[", i, "]");
    if (c.partner_organisations(i).empty())
      return Invalid(field, "must not be empty");
    RETURN_IF_ERROR(ValidateText(field, c.partner_organisations(i)));
  }
  if (state.exists) {
    return absl::AlreadyExistsError(
        absl::StrCat("network \"", c.network_id(), "\" already exists"));
  }
  v1::NetworkCreated e;
  e.set_network_id(c.network_id());
  *e.mutable_name() = c.name();
  e.set_coordinating_municipality_id(c.coordinating_municipality_id());
  *e.mutable_partner_organisations() = c.partner_organisations();
  return One(std::move(e), &v1::RegistryEvent::mutable_network_created);
}

absl::StatusOr<Events> DecideAddRegion(const NetworkState& state,
                                       const v1::AddRegion& c) {
  RETURN_IF_ERROR(RequireNetwork(state, c.network_id()));
  RETURN_IF_ERROR(ValidateId("region_id", c.region_id()));
  RETURN_IF_ERROR(ValidateName("name", c.name()));
  if (state.region_ids.count(c.region_id()) > 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("region \"", c.region_id(), "\" already exists"));
  }
  v1::RegionAdded e;
  e.set_network_id(c.network_id());
  e.set_region_id(c.region_id());
  *e.mutable_name() = c.name();
  return One(std::move(e), &v1::RegistryEvent::mutable_region_added);
}

absl::StatusOr<Events> DecideAssignMunicipality(
    const NetworkState& state, const v1::AssignMunicipality& c) {
  RETURN_IF_ERROR(RequireNetwork(state, c.network_id()));
  RETURN_IF_ERROR(ValidateId("municipality_id", c.municipality_id()));
  RETURN_IF_ERROR(RequireRegion(state, "region_id", c.region_id()));
  RETURN_IF_ERROR(ValidateDate("effective", c.effective()));
  auto it = state.municipalities.find(c.municipality_id());
  const bool known = it != state.municipalities.end();
  if (!known || c.has_name()) RETURN_IF_ERROR(ValidateName("name", c.name()));
  // An assignment holds from its day until the next one; one for a day
  // that already has one replaces it, so a move decided for a later day can
  // be brought forward, put off or undone before it takes effect.
  const absl::CivilDay day = ToCivilDay(c.effective());
  const std::string before = known ? it->second.RegionOn(day) : "";
  if (known && before == c.region_id()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "municipality \"", c.municipality_id(), "\" is already in region \"",
        c.region_id(), "\" on ", FormatDate(c.effective())));
  }
  v1::MunicipalityAssigned e;
  e.set_network_id(c.network_id());
  e.set_municipality_id(c.municipality_id());
  if (c.has_name()) *e.mutable_name() = c.name();  // A move may keep the name.
  e.set_region_id(c.region_id());
  *e.mutable_effective() = c.effective();
  e.set_previous_region_id(before);
  return One(std::move(e), &v1::RegistryEvent::mutable_municipality_assigned);
}

absl::StatusOr<Events> DecideRegisterSchool(const NetworkState& state,
                                            const v1::RegisterSchool& c) {
  RETURN_IF_ERROR(RequireNetwork(state, c.network_id()));
  RETURN_IF_ERROR(ValidateId("school_id", c.school_id()));
  RETURN_IF_ERROR(ValidateName("name", c.name()));
  RETURN_IF_ERROR(ValidateId("municipality_id", c.municipality_id()));
  if (c.language() != v1::LANGUAGE_FI && c.language() != v1::LANGUAGE_SV) {
    return Invalid("language", "must be LANGUAGE_FI or LANGUAGE_SV");
  }
  if (c.levels().empty())
    return Invalid("levels", "give at least one education level");
  std::set<int> levels;
  for (int i = 0; i < c.levels_size(); ++i) {
    if (c.levels(i) == v1::EDUCATION_LEVEL_UNSPECIFIED ||
        !v1::EducationLevel_IsValid(c.levels(i))) {
      return Invalid(absl::StrCat("levels[", i, "]"),
                     "is not an education level");
    }
    if (!levels.insert(c.levels(i)).second) {
      return Invalid(absl::StrCat("levels[", i, "]"), "is repeated");
    }
  }
  if (state.municipalities.count(c.municipality_id()) == 0) {
    return absl::NotFoundError(
        absl::StrCat("municipality_id: municipality \"", c.municipality_id(),
                     "\" is not in network \"", state.network_id, "\""));
  }
  if (state.schools.count(c.school_id()) > 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("school \"", c.school_id(), "\" already exists"));
  }
  v1::SchoolRegistered e;
  e.set_network_id(c.network_id());
  e.set_school_id(c.school_id());
  *e.mutable_name() = c.name();
  e.set_municipality_id(c.municipality_id());
  e.set_language(c.language());
  *e.mutable_levels() = c.levels();
  return One(std::move(e), &v1::RegistryEvent::mutable_school_registered);
}

absl::StatusOr<Events> DecideCloseSchool(const NetworkState& state,
                                         const v1::CloseSchool& c) {
  RETURN_IF_ERROR(RequireNetwork(state, c.network_id()));
  ASSIGN_OR_RETURN(const SchoolState* school,
                   RequireSchool(state, "school_id", c.school_id()));
  RETURN_IF_ERROR(ValidateDate("effective", c.effective()));
  // A closing decided before may be given another day (a correction); the
  // same day again changes nothing and is refused.
  if (school->closed && school->closed_on == ToCivilDay(c.effective())) {
    return absl::FailedPreconditionError(
        absl::StrCat("school \"", c.school_id(), "\" already closes on ",
                     FormatDate(c.effective())));
  }
  // No appointment there may start on or after the closing day (the same
  // rule AppointRole applies, seen from the other side).
  const absl::CivilDay closing = ToCivilDay(c.effective());
  for (const auto& [id, a] : state.appointments) {
    if (a.school_ids.count(c.school_id()) > 0 && a.start >= closing) {
      return absl::FailedPreconditionError(absl::StrCat(
          "effective: appointment \"", id, "\" at school \"", c.school_id(),
          "\" starts on ", absl::FormatCivilTime(a.start),
          ", not before the closing"));
    }
  }
  v1::SchoolClosed e;
  e.set_network_id(c.network_id());
  e.set_school_id(c.school_id());
  *e.mutable_effective() = c.effective();
  return One(std::move(e), &v1::RegistryEvent::mutable_school_closed);
}

absl::StatusOr<Events> DecideEndAppointment(const NetworkState& state,
                                            const v1::EndAppointment& c) {
  RETURN_IF_ERROR(RequireNetwork(state, c.network_id()));
  RETURN_IF_ERROR(ValidateId("appointment_id", c.appointment_id()));
  RETURN_IF_ERROR(ValidateDate("end", c.end()));
  auto it = state.appointments.find(c.appointment_id());
  if (it == state.appointments.end()) {
    return absl::NotFoundError(absl::StrCat(
        "appointment \"", c.appointment_id(), "\" does not exist"));
  }
  const absl::CivilDay end = ToCivilDay(c.end());
  if (end < it->second.start) {
    return Invalid(
        "end",
        absl::StrCat(FormatDate(c.end()), " is before the appointment's start ",
                     absl::FormatCivilTime(it->second.start)));
  }
  if (it->second.end.has_value() && *it->second.end <= end) {
    return absl::FailedPreconditionError(absl::StrCat(
        "appointment \"", c.appointment_id(), "\" already ends on ",
        absl::FormatCivilTime(*it->second.end)));
  }
  v1::AppointmentEnded e;
  e.set_network_id(c.network_id());
  e.set_appointment_id(c.appointment_id());
  *e.mutable_end() = c.end();
  return One(std::move(e), &v1::RegistryEvent::mutable_appointment_ended);
}

absl::StatusOr<Events> DecideRecordStaff(const NetworkState& state,
                                         const v1::RecordStaff& c) {
  RETURN_IF_ERROR(RequireNetwork(state, c.network_id()));
  RETURN_IF_ERROR(RequireSchool(state, "school_id", c.school_id()).status());
  if (c.school_year() < 2000 || c.school_year() > 2199) {
    return Invalid("school_year", "must be 2000-2199 (the autumn's year)");
  }
  if (c.permanent_teachers() < 0 || c.permanent_teachers() > 10000) {
    return Invalid("permanent_teachers", "must be 0-10000");
  }
  v1::StaffRecorded e;
  e.set_network_id(c.network_id());
  e.set_school_id(c.school_id());
  e.set_school_year(c.school_year());
  e.set_permanent_teachers(c.permanent_teachers());
  return One(std::move(e), &v1::RegistryEvent::mutable_staff_recorded);
}

}  // namespace

std::string NetworkStream(absl::string_view network_id) {
  return absl::StrCat("network-", network_id);
}

const std::string& NetworkIdOf(const v1::RegistryCommand& command) {
  switch (command.command_case()) {
    case v1::RegistryCommand::kCreateNetwork:
      return command.create_network().network_id();
    case v1::RegistryCommand::kAddRegion:
      return command.add_region().network_id();
    case v1::RegistryCommand::kAssignMunicipality:
      return command.assign_municipality().network_id();
    case v1::RegistryCommand::kRegisterSchool:
      return command.register_school().network_id();
    case v1::RegistryCommand::kCloseSchool:
      return command.close_school().network_id();
    case v1::RegistryCommand::kAppointRole:
      return command.appoint_role().network_id();
    case v1::RegistryCommand::kEndAppointment:
      return command.end_appointment().network_id();
    case v1::RegistryCommand::kRecordStaff:
      return command.record_staff().network_id();
    case v1::RegistryCommand::COMMAND_NOT_SET:
      break;
  }
  static const std::string* const kNone = new std::string();
  return *kNone;
}

absl::StatusOr<Events> Decide(const NetworkState& state,
                              const v1::RegistryCommand& command) {
  switch (command.command_case()) {
    case v1::RegistryCommand::kCreateNetwork:
      return DecideCreateNetwork(state, command.create_network());
    case v1::RegistryCommand::kAddRegion:
      return DecideAddRegion(state, command.add_region());
    case v1::RegistryCommand::kAssignMunicipality:
      return DecideAssignMunicipality(state, command.assign_municipality());
    case v1::RegistryCommand::kRegisterSchool:
      return DecideRegisterSchool(state, command.register_school());
    case v1::RegistryCommand::kCloseSchool:
      return DecideCloseSchool(state, command.close_school());
    case v1::RegistryCommand::kAppointRole:
      return DecideAppointRole(state, command.appoint_role());
    case v1::RegistryCommand::kEndAppointment:
      return DecideEndAppointment(state, command.end_appointment());
    case v1::RegistryCommand::kRecordStaff:
      return DecideRecordStaff(state, command.record_staff());
    case v1::RegistryCommand::COMMAND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("command: not set");
}

}  // namespace tutornet::registry
