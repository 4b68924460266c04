// The registry's reads as tutornetctl prints them: aligned tables for
// people, JSON for scripts (output.h).
#include <grpcpp/grpcpp.h>

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/values/dates.h"
#include "tools/tutornetctl/client.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {
namespace {

using values::FormatDate;

std::string RoleName(v1::Role role) {
  return absl::AsciiStrToLower(v1::Role_Name(role).substr(5));
}

// One readable row per event of a network's history.
std::vector<std::string> DescribeEvent(const v1::RegistryEvent& e) {
  switch (e.event_case()) {
    case v1::RegistryEvent::kNetworkCreated:
      return {"network created", e.network_created().network_id(),
              DisplayName(e.network_created().name()),
              absl::StrCat("coordinated by ",
                           e.network_created().coordinating_municipality_id())};
    case v1::RegistryEvent::kRegionAdded:
      return {"region added", e.region_added().region_id(),
              DisplayName(e.region_added().name()), ""};
    case v1::RegistryEvent::kMunicipalityAssigned: {
      const auto& m = e.municipality_assigned();
      return {"municipality assigned", m.municipality_id(),
              DisplayName(m.name()),
              absl::StrCat("to ", m.region_id(), " from ",
                           FormatDate(m.effective()))};
    }
    case v1::RegistryEvent::kSchoolRegistered: {
      const auto& s = e.school_registered();
      return {"school registered", s.school_id(), DisplayName(s.name()),
              absl::StrCat("in ", s.municipality_id())};
    }
    case v1::RegistryEvent::kSchoolClosed:
      return {"school closed", e.school_closed().school_id(), "",
              absl::StrCat("from ", FormatDate(e.school_closed().effective()))};
    case v1::RegistryEvent::kRoleAppointed: {
      const auto& a = e.role_appointed();
      std::vector<std::string> scope(a.scope().school_ids().begin(),
                                     a.scope().school_ids().end());
      scope.insert(scope.end(), a.scope().region_ids().begin(),
                   a.scope().region_ids().end());
      return {
          "role appointed", a.appointment_id(),
          absl::StrCat(a.person_id(), " as ", RoleName(a.role())),
          absl::StrCat("from ", FormatDate(a.start()),
                       a.has_end() ? " to " + FormatDate(a.end()) : "",
                       scope.empty() ? "" : " in ", absl::StrJoin(scope, ","))};
    }
    case v1::RegistryEvent::kAppointmentEnded:
      return {"appointment ended", e.appointment_ended().appointment_id(), "",
              absl::StrCat("on ", FormatDate(e.appointment_ended().end()))};
    case v1::RegistryEvent::kStaffRecorded: {
      const auto& s = e.staff_recorded();
      return {"staff recorded", s.school_id(), "",
              absl::StrCat(s.permanent_teachers(), " permanent teachers in ",
                           SchoolYearText(s.school_year()))};
    }
    case v1::RegistryEvent::EVENT_NOT_SET:
      break;
  }
  return {"(an event this client does not know)", "", "", ""};
}

// Sets the request's as_of from the --as_of text, if one was given (an
// unset as_of means today to the server).
template <typename Request>
absl::Status SetAsOf(const std::string& text, Request& req) {
  if (text.empty()) return absl::OkStatus();
  absl::StatusOr<v1::Date> day = ParseDate("as_of", text);
  if (!day.ok()) return day.status();
  *req.mutable_as_of() = *day;
  return absl::OkStatus();
}

}  // namespace

int Client::ListNetworks() {
  v1::ListNetworksResponse res;
  const grpc::Status s =
      registry_->ListNetworks(Context().get(), v1::ListNetworksRequest(), &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(res)) return kExitOk;
  Table table;
  table.Add({"NETWORK", "REGIONS", "MUNICIPALITIES", "SCHOOLS", "NAME"});
  for (const v1::NetworkSummary& n : res.networks()) {
    table.Add({n.network_id(), absl::StrCat(n.regions()),
               absl::StrCat(n.municipalities()), absl::StrCat(n.schools()),
               DisplayName(n.name())});
  }
  table.Print();
  std::printf("%d networks\n", res.networks_size());
  return kExitOk;
}

int Client::ListRegions(const std::string& network_id,
                        const std::string& as_of) {
  v1::ListRegionsRequest req;
  req.set_network_id(network_id);
  if (absl::Status s = SetAsOf(as_of, req); !s.ok()) {
    return BadArgument(s);
  }
  v1::ListRegionsResponse res;
  const grpc::Status s = registry_->ListRegions(Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(res)) return kExitOk;
  Table table;
  table.Add({"REGION", "NAME", "MUNICIPALITIES"});
  for (const v1::Region& r : res.regions()) {
    table.Add({r.region_id(), DisplayName(r.name()),
               absl::StrJoin(r.municipality_ids(), ",")});
  }
  table.Print();
  std::printf("%d regions\n", res.regions_size());
  return kExitOk;
}

int Client::ListMunicipalities(const std::string& network_id,
                               const std::string& region_id,
                               const std::string& as_of) {
  v1::ListMunicipalitiesRequest req;
  req.set_network_id(network_id);
  req.set_region_id(region_id);
  if (absl::Status s = SetAsOf(as_of, req); !s.ok()) {
    return BadArgument(s);
  }
  v1::ListMunicipalitiesResponse res;
  const grpc::Status s =
      registry_->ListMunicipalities(Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(res)) return kExitOk;
  Table table;
  table.Add({"MUNICIPALITY", "NAME", "REGION", "SINCE", "MOVES"});
  for (const v1::Municipality& m : res.municipalities()) {
    table.Add({m.municipality_id(), DisplayName(m.name()), m.region_id(),
               m.has_since() ? FormatDate(m.since()) : "",
               m.next_region_id().empty()
                   ? ""
                   : absl::StrCat("to ", m.next_region_id(), " on ",
                                  FormatDate(m.next_since()))});
  }
  table.Print();
  std::printf("%d municipalities\n", res.municipalities_size());
  return kExitOk;
}

int Client::ShowNetwork(const std::string& network_id) {
  v1::GetNetworkRequest req;
  req.set_network_id(network_id);
  v1::Network network;
  const grpc::Status s = registry_->GetNetwork(Context().get(), req, &network);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(network)) return kExitOk;
  std::printf("network %s, version %llu\n", network_id.c_str(),
              static_cast<unsigned long long>(network.version()));
  Table table;
  int version = 0;
  for (const v1::RegistryEvent& e : network.history()) {
    std::vector<std::string> row = DescribeEvent(e);
    row.insert(row.begin(), absl::StrCat(++version));
    table.Add(std::move(row));
  }
  table.Print();
  return kExitOk;
}

int Client::ListSchools(const std::string& network_id,
                        const std::string& region_id,
                        const std::string& municipality_id,
                        const std::string& language, const std::string& as_of) {
  v1::ListSchoolsRequest req;
  req.set_network_id(network_id);
  if (absl::Status s = SetAsOf(as_of, req); !s.ok()) {
    return BadArgument(s);
  }
  req.set_region_id(region_id);
  req.set_municipality_id(municipality_id);
  if (!language.empty()) {
    absl::StatusOr<v1::Language> lang = ParseEnum<v1::Language>(
        "language", "LANGUAGE_", language, v1::Language_Parse);
    if (!lang.ok()) return BadArgument(lang.status());
    req.set_language(*lang);
  }
  req.set_page_size(1000);
  v1::ListSchoolsResponse all;
  do {
    v1::ListSchoolsResponse res;
    const grpc::Status s = registry_->ListSchools(Context().get(), req, &res);
    if (!s.ok()) return Fail(FromGrpc(s));
    for (v1::School& school : *res.mutable_schools()) {
      *all.add_schools() = std::move(school);
    }
    req.set_page_token(res.next_page_token());
  } while (!req.page_token().empty());
  if (PrintedAsJson(all)) return kExitOk;
  Table table;
  table.Add({"SCHOOL", "REGION", "MUNICIPALITY", "NAME", "CLOSING"});
  for (const v1::School& school : all.schools()) {
    table.Add({school.school_id(), school.region_id(), school.municipality_id(),
               DisplayName(school.name()),
               school.closed() ? "closed"
               : school.has_closed_on()
                   ? absl::StrCat("closes ", FormatDate(school.closed_on()))
                   : ""});
  }
  table.Print();
  std::printf("%d schools\n", all.schools_size());
  return kExitOk;
}

int Client::WhoHeldRole(const std::string& network_id, const std::string& role,
                        const std::string& date, const std::string& school_id,
                        const std::string& region_id) {
  v1::WhoHeldRoleRequest req;
  req.set_network_id(network_id);
  absl::StatusOr<v1::Role> r =
      ParseEnum<v1::Role>("role", "ROLE_", role, v1::Role_Parse);
  if (!r.ok()) return BadArgument(r.status());
  req.set_role(*r);
  absl::StatusOr<v1::Date> day = ParseDate("date", date);
  if (!day.ok()) return BadArgument(day.status());
  *req.mutable_date() = *day;
  req.set_school_id(school_id);
  req.set_region_id(region_id);
  v1::WhoHeldRoleResponse res;
  const grpc::Status s = registry_->WhoHeldRole(Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(res)) return kExitOk;
  Table table;
  table.Add({"APPOINTMENT", "PERSON", "FROM", "TO", "SCHOOLS", "REGIONS"});
  for (const v1::Appointment& a : res.appointments()) {
    table.Add({a.appointment_id(), a.person_id(), FormatDate(a.start()),
               a.has_end() ? FormatDate(a.end()) : "",
               absl::StrJoin(a.scope().school_ids(), ","),
               absl::StrJoin(a.scope().region_ids(), ",")});
  }
  table.Print();
  std::printf("%d appointments\n", res.appointments_size());
  return kExitOk;
}

int Client::ShowPerson(const std::string& person_id) {
  v1::GetPersonRequest req;
  req.set_person_id(person_id);
  v1::Person person;
  const grpc::Status s = registry_->GetPerson(Context().get(), req, &person);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(person)) return kExitOk;
  Table table;
  table.Add({"person", person.person_id()});
  table.Add({"name", person.name()});
  table.Add({"e-mail", person.email()});
  table.Print();
  return kExitOk;
}

}  // namespace tutornet::ctl
