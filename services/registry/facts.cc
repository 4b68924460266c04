// The facts other contexts read from their copies of the registry's rows:
// where a school or municipality is on a day, which schools a scope has
// and their permanent teachers, who holds which role where (read_model.h).
#include <map>

#include "absl/strings/str_cat.h"
#include "services/registry/checks.h"
#include "services/registry/read_model.h"
#include "services/registry/rows.h"
#include "status/status_macros.h"

namespace tutornet::registry {

using projections::RowReader;
using projections::ScanRows;

namespace {

// Where `school` is on `day`; `history` is its municipality's (null when
// the municipality has none).
SchoolOnDay OnDay(const v1::School& school, const MunicipalityHistory* history,
                  absl::CivilDay day) {
  SchoolOnDay on;
  on.municipality_id = school.municipality_id();
  on.open = !school.has_closed_on() || day < ToCivilDay(school.closed_on());
  if (history != nullptr) {
    if (const v1::MunicipalityAssigned* at = history->On(day)) {
      on.region_id = at->region_id();
    }
  }
  return on;
}

// SchoolsOn for the schools ever in one municipality (its sm/ rows).
absl::StatusOr<std::map<std::string, SchoolOnDay>> SchoolsOfMunicipalityOn(
    const RowReader& rows, const std::string& network_id,
    const std::string& municipality_id, absl::CivilDay day) {
  ASSIGN_OR_RETURN(const MunicipalityHistory history,
                   HistoryOf(rows, network_id, municipality_id));
  ASSIGN_OR_RETURN(
      std::vector<std::string> ids,
      projections::KeySuffixes(
          rows, absl::StrCat("sm/", network_id, "/", municipality_id, "/")));
  std::map<std::string, SchoolOnDay> out;
  for (const std::string& id : ids) {
    const std::string key = Key("s", network_id, id);
    ASSIGN_OR_RETURN(std::optional<v1::School> school,
                     projections::ReadRow<v1::School>(rows, key));
    if (!school.has_value()) return projections::CorruptRow(key);
    out.emplace(id, OnDay(*school, &history, day));
  }
  return out;
}

// PermanentTeachers of `schools` only.
absl::StatusOr<std::map<std::string, int>> PermanentTeachersOf(
    const RowReader& rows, const std::string& network_id, int school_year,
    const std::map<std::string, SchoolOnDay>& schools) {
  std::map<std::string, int> out;
  for (const auto& [id, on] : schools) {
    ASSIGN_OR_RETURN(
        std::optional<v1::StaffRecorded> staff,
        projections::ReadRow<v1::StaffRecorded>(
            rows, absl::StrCat("t/", network_id, "/", school_year, "/", id)));
    if (staff.has_value()) out[id] = staff->permanent_teachers();
  }
  return out;
}

}  // namespace

absl::StatusOr<MunicipalityHistory> HistoryOf(
    const RowReader& rows, const std::string& network_id,
    const std::string& municipality_id) {
  MunicipalityHistory history;
  RETURN_IF_ERROR(ScanRows<v1::MunicipalityAssigned>(
      rows, absl::StrCat(Key("m", network_id, municipality_id), "/"),
      [&](absl::string_view, v1::MunicipalityAssigned m) {
        history.moves.push_back(std::move(m));
      }));
  return history;
}

absl::StatusOr<std::map<std::string, MunicipalityHistory>> Municipalities(
    const RowReader& rows, const std::string& network_id) {
  std::map<std::string, MunicipalityHistory> out;
  RETURN_IF_ERROR(ScanRows<v1::MunicipalityAssigned>(
      rows, Key("m", network_id),
      [&](absl::string_view, v1::MunicipalityAssigned m) {
        out[m.municipality_id()].moves.push_back(std::move(m));
      }));
  return out;
}

absl::StatusOr<std::optional<SchoolOnDay>> SchoolOn(
    const RowReader& rows, const std::string& network_id,
    const std::string& school_id, absl::CivilDay day) {
  ASSIGN_OR_RETURN(
      std::optional<v1::School> school,
      projections::ReadRow<v1::School>(rows, Key("s", network_id, school_id)));
  if (!school.has_value()) return std::nullopt;
  ASSIGN_OR_RETURN(const MunicipalityHistory history,
                   HistoryOf(rows, network_id, school->municipality_id()));
  return OnDay(*school, &history, day);
}

absl::StatusOr<bool> NetworkKnown(const RowReader& rows,
                                  const std::string& network_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> row,
                   rows.Get(absl::StrCat("n/", network_id)));
  return row.has_value();
}

absl::StatusOr<bool> RegionKnown(const RowReader& rows,
                                 const std::string& network_id,
                                 const std::string& region_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> row,
                   rows.Get(Key("g", network_id, region_id)));
  return row.has_value();
}

absl::StatusOr<std::optional<std::string>> MunicipalityRegionOn(
    const RowReader& rows, const std::string& network_id,
    const std::string& municipality_id, absl::CivilDay day) {
  ASSIGN_OR_RETURN(const MunicipalityHistory history,
                   HistoryOf(rows, network_id, municipality_id));
  if (history.moves.empty()) return std::nullopt;
  const v1::MunicipalityAssigned* on = history.On(day);
  // Not in a region yet (its first assignment is later): the region it
  // goes to first.
  return on != nullptr ? on->region_id() : history.moves.front().region_id();
}

absl::StatusOr<std::map<std::string, SchoolOnDay>> SchoolsOn(
    const RowReader& rows, const std::string& network_id, absl::CivilDay day) {
  // Two scans, the schools and the municipalities' histories, rather than
  // a lookup of each school's municipality: a network has hundreds.
  using Histories = std::map<std::string, MunicipalityHistory>;
  ASSIGN_OR_RETURN(const Histories histories, Municipalities(rows, network_id));
  std::map<std::string, SchoolOnDay> out;
  RETURN_IF_ERROR(ScanRows<v1::School>(
      rows, absl::StrCat("s/", network_id, "/"),
      [&](absl::string_view, const v1::School& school) {
        auto history = histories.find(school.municipality_id());
        out.emplace(
            school.school_id(),
            OnDay(school,
                  history == histories.end() ? nullptr : &history->second,
                  day));
      }));
  return out;
}

absl::StatusOr<std::map<std::string, int>> PermanentTeachers(
    const RowReader& rows, const std::string& network_id, int school_year) {
  std::map<std::string, int> out;
  RETURN_IF_ERROR(ScanRows<v1::StaffRecorded>(
      rows, absl::StrCat("t/", network_id, "/", school_year, "/"),
      [&](absl::string_view, const v1::StaffRecorded& s) {
        out[s.school_id()] = s.permanent_teachers();
      }));
  return out;
}

absl::StatusOr<std::map<std::string, SchoolOnDay>> SchoolsPlacedOn(
    const RowReader& rows, const std::string& network_id,
    const std::string& municipality_id, absl::CivilDay day) {
  if (municipality_id.empty()) return SchoolsOn(rows, network_id, day);
  return SchoolsOfMunicipalityOn(rows, network_id, municipality_id, day);
}

absl::StatusOr<ScopeSchools> SchoolsInScope(
    const RowReader& rows, const std::string& network_id,
    const std::string& region_id, const std::string& municipality_id,
    const std::string& school_id, absl::CivilDay day, int school_year) {
  if (!region_id.empty() + !municipality_id.empty() + !school_id.empty() > 1) {
    return absl::InvalidArgumentError(
        "region_id: name at most one of region_id, municipality_id, "
        "school_id");
  }
  ScopeSchools scope;
  scope.region_id = region_id;
  if (!school_id.empty()) {
    RETURN_IF_ERROR(ValidateId("school_id", school_id));
  } else if (!municipality_id.empty()) {
    RETURN_IF_ERROR(ValidateId("municipality_id", municipality_id));
    ASSIGN_OR_RETURN(
        std::optional<std::string> region,
        MunicipalityRegionOn(rows, network_id, municipality_id, day));
    if (!region.has_value()) {
      return absl::NotFoundError(absl::StrCat(
          "municipality \"", municipality_id, "\" does not exist"));
    }
    scope.region_id = *region;
  } else if (!region_id.empty()) {
    RETURN_IF_ERROR(ValidateId("region_id", region_id));
    ASSIGN_OR_RETURN(bool known, RegionKnown(rows, network_id, region_id));
    if (!known) {
      return absl::NotFoundError(
          absl::StrCat("region \"", region_id, "\" does not exist"));
    }
  }
  ASSIGN_OR_RETURN(auto schools,
                   SchoolsPlacedOn(rows, network_id, municipality_id, day));
  if (!school_id.empty()) {
    auto it = schools.find(school_id);
    if (it == schools.end()) {
      return absl::NotFoundError(
          absl::StrCat("school \"", school_id, "\" does not exist"));
    }
    scope.region_id = it->second.region_id;
  }
  using Staff = std::map<std::string, int>;
  Staff staff;
  if (!municipality_id.empty()) {
    ASSIGN_OR_RETURN(
        staff, PermanentTeachersOf(rows, network_id, school_year, schools));
  } else {
    ASSIGN_OR_RETURN(staff, PermanentTeachers(rows, network_id, school_year));
  }
  for (auto& [id, on] : schools) {
    const bool in = !school_id.empty() ? id == school_id
                    : !municipality_id.empty()
                        ? on.municipality_id == municipality_id
                    : !region_id.empty() ? on.region_id == region_id
                                         : true;
    if (!in) continue;
    auto it = staff.find(id);
    if (it == staff.end()) {
      ++scope.schools_without_staff;
    } else {
      scope.permanent_teachers += it->second;
    }
    scope.schools.emplace(id, std::move(on));
  }
  return scope;
}

absl::StatusOr<bool> HoldsRoleAtSchool(const RowReader& rows,
                                       const std::string& person_id,
                                       const std::string& network_id,
                                       v1::Role role,
                                       const std::string& school_id,
                                       absl::CivilDay day) {
  bool holds = false;
  RETURN_IF_ERROR(ScanRows<v1::Appointment>(
      rows, absl::StrCat("p/", person_id, "/", network_id, "/"),
      [&](absl::string_view, v1::Appointment a) {
        holds = holds || (a.role() == role && Holds(a, day) &&
                          Contains(a.scope().school_ids(), school_id));
      }));
  return holds;
}

absl::StatusOr<std::map<std::string, NetworkRoles>> NetworksOfPerson(
    const RowReader& rows, const std::string& person_id, absl::CivilDay day) {
  std::map<std::string, std::vector<v1::Appointment>> held;
  const std::string prefix = absl::StrCat("p/", person_id, "/");
  RETURN_IF_ERROR(ScanRows<v1::Appointment>(
      rows, prefix, [&](absl::string_view key, v1::Appointment a) {
        if (ToCivilDay(a.start()) > day) return;  // Not held yet.
        key.remove_prefix(prefix.size());
        held[std::string(key.substr(0, key.find('/')))].push_back(std::move(a));
      }));
  std::map<std::string, NetworkRoles> networks;
  for (const auto& [network, appointments] : held) {
    NetworkRoles& roles = networks[network];
    ASSIGN_OR_RETURN(auto municipalities, Municipalities(rows, network));
    for (const v1::Appointment& a : appointments) {
      const bool school_level = a.role() == v1::ROLE_TUTOR_TEACHER ||
                                a.role() == v1::ROLE_MENTOR ||
                                a.role() == v1::ROLE_PRINCIPAL;
      roles.above_school = roles.above_school || !school_level;
      for (const std::string& school_id : a.scope().school_ids()) {
        ASSIGN_OR_RETURN(std::optional<v1::School> school,
                         projections::ReadRow<v1::School>(
                             rows, Key("s", network, school_id)));
        if (!school.has_value()) continue;
        auto m = municipalities.find(school->municipality_id());
        if (m == municipalities.end()) continue;
        if (const auto* on = m->second.On(day)) {
          roles.regions.insert(on->region_id());
        }
      }
    }
  }
  return networks;
}

}  // namespace tutornet::registry
