#include "services/registry/read_model.h"

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/registry/checks.h"
#include "services/registry/rows.h"
#include "status/status_macros.h"
#include "storage/merkle/sha256.h"

namespace tutornet::registry {
namespace {

using projections::RowReader;
using projections::Rows;

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr absl::string_view kPageTokenPrefix = "p1:";

using projections::ParseRow;
using projections::ScanRows;

absl::Status RequireNetworkRow(const RowReader& rows,
                               const std::string& network_id) {
  RETURN_IF_ERROR(ValidateId("network_id", network_id));
  ASSIGN_OR_RETURN(std::optional<std::string> row,
                   rows.Get(absl::StrCat("n/", network_id)));
  if (!row.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("network \"", network_id, "\" does not exist"));
  }
  return absl::OkStatus();
}

// 16 hex digits of a SHA-256 over a school query's filters.
std::string QueryFingerprint(const v1::ListSchoolsRequest& r) {
  merkle::Sha256 sha;
  sha.Update(absl::StrCat(r.network_id(), "\n", r.region_id(), "\n",
                          r.municipality_id(), "\n", r.language(), "\n",
                          r.has_as_of() ? FormatDate(r.as_of()) : "today"));
  return merkle::ToHex(sha.Finish()).substr(0, 16);
}

// NOT_FOUND unless the network has the region (a filter naming one).
absl::Status RequireRegionRow(const RowReader& rows,
                              const std::string& network_id,
                              const std::string& region_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> region,
                   rows.Get(Key("g", network_id, region_id)));
  if (region.has_value()) return absl::OkStatus();
  return absl::NotFoundError(absl::StrCat("region_id: region \"", region_id,
                                          "\" does not exist in network \"",
                                          network_id, "\""));
}

absl::Status ApplyEvent(const std::string& network,
                        const v1::RegistryEvent& event, Rows& rows) {
  switch (event.event_case()) {
    case v1::RegistryEvent::kNetworkCreated:
      rows.PutMessage(absl::StrCat("n/", network), event.network_created());
      break;
    case v1::RegistryEvent::kRegionAdded:
      rows.PutMessage(Key("g", network, event.region_added().region_id()),
                      event.region_added());
      break;
    case v1::RegistryEvent::kMunicipalityAssigned: {
      v1::MunicipalityAssigned e = event.municipality_assigned();
      const std::string key =
          absl::StrCat(Key("m", network, e.municipality_id()), "/",
                       FormatDate(e.effective()));
      // An assignment that replaces one of the same day keeps its name
      // unless it gives a new one.
      if (!e.has_name()) {
        ASSIGN_OR_RETURN(std::optional<v1::MunicipalityAssigned> before,
                         rows.GetMessage<v1::MunicipalityAssigned>(key));
        if (before.has_value() && before->has_name()) {
          *e.mutable_name() = before->name();
        }
      }
      rows.PutMessage(key, e);
      break;
    }
    case v1::RegistryEvent::kSchoolRegistered: {
      const v1::SchoolRegistered& e = event.school_registered();
      v1::School s;
      s.set_school_id(e.school_id());
      *s.mutable_name() = e.name();
      s.set_municipality_id(e.municipality_id());
      s.set_language(e.language());
      *s.mutable_levels() = e.levels();
      rows.PutMessage(Key("s", network, e.school_id()), s);
      rows.Put(absl::StrCat("sm/", network, "/", e.municipality_id(), "/",
                            e.school_id()),
               "");
      break;
    }
    case v1::RegistryEvent::kSchoolClosed: {
      const std::string key =
          Key("s", network, event.school_closed().school_id());
      ASSIGN_OR_RETURN(std::optional<v1::School> s,
                       rows.GetMessage<v1::School>(key));
      if (!s.has_value()) break;
      *s->mutable_closed_on() = event.school_closed().effective();
      rows.PutMessage(key, *s);
      break;
    }
    case v1::RegistryEvent::kRoleAppointed: {
      const v1::RoleAppointed& e = event.role_appointed();
      v1::Appointment a;
      a.set_appointment_id(e.appointment_id());
      a.set_person_id(e.person_id());
      a.set_role(e.role());
      *a.mutable_scope() = e.scope();
      *a.mutable_start() = e.start();
      if (e.has_end()) *a.mutable_end() = e.end();
      rows.PutMessage(Key("a", network, e.appointment_id()), a);
      rows.PutMessage(absl::StrCat("p/", e.person_id(), "/", network, "/",
                                   e.appointment_id()),
                      a);
      break;
    }
    case v1::RegistryEvent::kAppointmentEnded: {
      const std::string key =
          Key("a", network, event.appointment_ended().appointment_id());
      ASSIGN_OR_RETURN(std::optional<v1::Appointment> a,
                       rows.GetMessage<v1::Appointment>(key));
      if (!a.has_value()) break;
      *a->mutable_end() = event.appointment_ended().end();
      rows.PutMessage(key, *a);
      rows.PutMessage(absl::StrCat("p/", a->person_id(), "/", network, "/",
                                   a->appointment_id()),
                      *a);
      break;
    }
    case v1::RegistryEvent::kStaffRecorded: {
      const v1::StaffRecorded& e = event.staff_recorded();
      rows.PutMessage(
          absl::StrCat(Key("t", network, absl::StrCat(e.school_year())), "/",
                       e.school_id()),
          e);
      break;
    }
    case v1::RegistryEvent::EVENT_NOT_SET:
      break;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status RegistryProjection::Apply(absl::string_view,
                                       const storage::RecordedEvent& recorded,
                                       Rows& rows) const {
  absl::string_view network = recorded.stream;
  if (!absl::ConsumePrefix(&network, "network-")) return absl::OkStatus();
  v1::RegistryEvent event;
  if (!event.ParseFromString(recorded.payload)) {
    return absl::DataLossError(absl::StrCat("the event at position ",
                                            recorded.position,
                                            " is not a registry event"));
  }
  return ApplyEvent(std::string(network), event, rows);
}

absl::StatusOr<v1::ListSchoolsResponse> ListSchools(
    const RowReader& rows, const v1::ListSchoolsRequest& r,
    absl::CivilDay day) {
  if (r.page_size() < 0 || r.page_size() > kMaxPageSize) {
    return Invalid("page_size",
                   absl::StrCat("must be 0 (default 100) to ", kMaxPageSize));
  }
  // A page token names the last school of its page and the query it
  // belongs to, so it cannot be made up or carried to another query.
  const std::string query = QueryFingerprint(r);
  absl::string_view after = r.page_token();
  if (!after.empty() && (!absl::ConsumePrefix(&after, kPageTokenPrefix) ||
                         !absl::ConsumePrefix(&after, query) ||
                         !absl::ConsumePrefix(&after, ":") ||
                         !ValidateId("page_token", after).ok())) {
    return Invalid("page_token", "not a token of this query");
  }
  if (!r.region_id().empty())
    RETURN_IF_ERROR(ValidateId("region_id", r.region_id()));
  if (!r.municipality_id().empty()) {
    RETURN_IF_ERROR(ValidateId("municipality_id", r.municipality_id()));
  }
  if (!v1::Language_IsValid(r.language())) {
    return Invalid("language", "not a language");
  }
  RETURN_IF_ERROR(RequireNetworkRow(rows, r.network_id()));
  if (!r.region_id().empty()) {
    RETURN_IF_ERROR(RequireRegionRow(rows, r.network_id(), r.region_id()));
  }
  ASSIGN_OR_RETURN(auto municipalities, Municipalities(rows, r.network_id()));
  if (!r.municipality_id().empty() &&
      municipalities.count(r.municipality_id()) == 0) {
    return absl::NotFoundError(
        absl::StrCat("municipality_id: municipality \"", r.municipality_id(),
                     "\" does not exist in network \"", r.network_id(), "\""));
  }
  const int page_size = r.page_size() == 0 ? kDefaultPageSize : r.page_size();
  const std::string prefix = Key("s", r.network_id());
  v1::ListSchoolsResponse response;
  absl::Status status;
  RETURN_IF_ERROR(rows.Scan(
      prefix, after.empty() ? prefix : absl::StrCat(prefix, after, "\x01"),
      [&](absl::string_view key, absl::string_view value) {
        v1::School school;
        status = ParseRow(key, value, &school);
        if (!status.ok()) return false;
        auto m = municipalities.find(school.municipality_id());
        if (m != municipalities.end()) {
          if (const auto* on = m->second.On(day)) {
            school.set_region_id(on->region_id());
          }
        }
        school.set_closed(school.has_closed_on() &&
                          ToCivilDay(school.closed_on()) <= day);
        if ((!r.region_id().empty() && school.region_id() != r.region_id()) ||
            (!r.municipality_id().empty() &&
             school.municipality_id() != r.municipality_id()) ||
            (r.language() != v1::LANGUAGE_UNSPECIFIED &&
             school.language() != r.language())) {
          return true;
        }
        if (response.schools_size() == page_size) {
          response.set_next_page_token(
              absl::StrCat(kPageTokenPrefix, query, ":",
                           response.schools(page_size - 1).school_id()));
          return false;
        }
        *response.add_schools() = std::move(school);
        return true;
      }));
  RETURN_IF_ERROR(status);
  return response;
}

absl::StatusOr<v1::WhoHeldRoleResponse> WhoHeldRole(
    const RowReader& rows, const v1::WhoHeldRoleRequest& r) {
  if (r.role() == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(r.role())) {
    return Invalid("role", "is not a role");
  }
  RETURN_IF_ERROR(ValidateDate("date", r.date()));
  if (!r.school_id().empty())
    RETURN_IF_ERROR(ValidateId("school_id", r.school_id()));
  if (!r.region_id().empty())
    RETURN_IF_ERROR(ValidateId("region_id", r.region_id()));
  RETURN_IF_ERROR(RequireNetworkRow(rows, r.network_id()));
  const absl::CivilDay day = ToCivilDay(r.date());
  v1::WhoHeldRoleResponse response;
  RETURN_IF_ERROR(ScanRows<v1::Appointment>(
      rows, Key("a", r.network_id()),
      [&](absl::string_view, v1::Appointment a) {
        if (a.role() != r.role() || !Holds(a, day)) return;
        if (!r.school_id().empty() &&
            !Contains(a.scope().school_ids(), r.school_id()))
          return;
        if (!r.region_id().empty() &&
            !Contains(a.scope().region_ids(), r.region_id()))
          return;
        *response.add_appointments() = std::move(a);
      }));
  return response;
}

absl::StatusOr<v1::ListNetworksResponse> ListNetworks(
    const RowReader& rows, const std::string& only_network_id) {
  v1::ListNetworksResponse response;
  std::vector<v1::NetworkCreated> networks;
  RETURN_IF_ERROR(ScanRows<v1::NetworkCreated>(
      rows, "n/", [&](absl::string_view, v1::NetworkCreated n) {
        if (only_network_id.empty() || n.network_id() == only_network_id) {
          networks.push_back(std::move(n));
        }
      }));
  for (const v1::NetworkCreated& n : networks) {
    v1::NetworkSummary& s = *response.add_networks();
    s.set_network_id(n.network_id());
    *s.mutable_name() = n.name();
    s.set_coordinating_municipality_id(n.coordinating_municipality_id());
    auto count = [&](absl::string_view kind) -> absl::StatusOr<int> {
      int rows_seen = 0;
      RETURN_IF_ERROR(rows.Scan(Key(kind, n.network_id()),
                                Key(kind, n.network_id()),
                                [&](absl::string_view, absl::string_view) {
                                  ++rows_seen;
                                  return true;
                                }));
      return rows_seen;
    };
    ASSIGN_OR_RETURN(const int regions, count("g"));
    ASSIGN_OR_RETURN(const int schools, count("s"));
    ASSIGN_OR_RETURN(auto municipalities, Municipalities(rows, n.network_id()));
    s.set_regions(regions);
    s.set_schools(schools);
    s.set_municipalities(static_cast<int>(municipalities.size()));
  }
  return response;
}

absl::StatusOr<v1::ListRegionsResponse> ListRegions(
    const RowReader& rows, const v1::ListRegionsRequest& r,
    absl::CivilDay day) {
  RETURN_IF_ERROR(RequireNetworkRow(rows, r.network_id()));
  std::map<std::string, v1::Region> regions;
  RETURN_IF_ERROR(
      ScanRows<v1::RegionAdded>(rows, Key("g", r.network_id()),
                                [&](absl::string_view, v1::RegionAdded g) {
                                  v1::Region& region = regions[g.region_id()];
                                  region.set_region_id(g.region_id());
                                  *region.mutable_name() = g.name();
                                }));
  ASSIGN_OR_RETURN(auto municipalities, Municipalities(rows, r.network_id()));
  for (const auto& [id, history] : municipalities) {
    if (const auto* on = history.On(day)) {
      regions[on->region_id()].add_municipality_ids(id);
    }
  }
  v1::ListRegionsResponse response;
  for (auto& [id, region] : regions)
    *response.add_regions() = std::move(region);
  return response;
}

absl::StatusOr<v1::ListMunicipalitiesResponse> ListMunicipalities(
    const RowReader& rows, const v1::ListMunicipalitiesRequest& r,
    absl::CivilDay day) {
  if (!r.region_id().empty())
    RETURN_IF_ERROR(ValidateId("region_id", r.region_id()));
  RETURN_IF_ERROR(RequireNetworkRow(rows, r.network_id()));
  if (!r.region_id().empty()) {
    RETURN_IF_ERROR(RequireRegionRow(rows, r.network_id(), r.region_id()));
  }
  ASSIGN_OR_RETURN(auto municipalities, Municipalities(rows, r.network_id()));
  v1::ListMunicipalitiesResponse response;
  for (const auto& [id, history] : municipalities) {
    // One whose first assignment is still to come is listed with no
    // region yet and the one it is going to.
    const v1::MunicipalityAssigned* on = history.On(day);
    const std::string region = on == nullptr ? "" : on->region_id();
    if (!r.region_id().empty() && region != r.region_id()) continue;
    v1::Municipality& m = *response.add_municipalities();
    m.set_municipality_id(id);
    *m.mutable_name() = history.Name();
    m.set_region_id(region);
    if (on != nullptr) *m.mutable_since() = on->effective();
    if (const auto* next = history.After(day)) {
      m.set_next_region_id(next->region_id());
      *m.mutable_next_since() = next->effective();
    }
  }
  return response;
}

}  // namespace tutornet::registry
