#include "tools/tutornetctl/client.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {
namespace {

constexpr auto kTimeout = std::chrono::seconds(30);

absl::Status FromGrpc(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      s.error_message());
}

// "tutor_teacher" -> ROLE_TUTOR_TEACHER, and likewise for other enums.
template <typename Enum, typename Parse>
absl::StatusOr<Enum> ParseEnum(const std::string& field,
                               const std::string& prefix,
                               const std::string& text, Parse parse) {
  Enum value;
  if (!parse(prefix + absl::AsciiStrToUpper(text), &value) ||
      static_cast<int>(value) == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" is not one; see --help"));
  }
  return value;
}

std::string Name(const v1::LocalizedText& t) {
  return !t.fi().empty() ? t.fi() : !t.sv().empty() ? t.sv() : t.en();
}

std::string FormatDate(const v1::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::string RoleName(v1::Role role) {
  return absl::AsciiStrToLower(v1::Role_Name(role).substr(5));
}

// One readable row per event of a network's history.
std::vector<std::string> DescribeEvent(const v1::RegistryEvent& e) {
  switch (e.event_case()) {
    case v1::RegistryEvent::kNetworkCreated:
      return {"network created", e.network_created().network_id(),
              Name(e.network_created().name()),
              absl::StrCat("coordinated by ",
                           e.network_created().coordinating_municipality_id())};
    case v1::RegistryEvent::kRegionAdded:
      return {"region added", e.region_added().region_id(),
              Name(e.region_added().name()), ""};
    case v1::RegistryEvent::kMunicipalityAssigned: {
      const auto& m = e.municipality_assigned();
      return {"municipality assigned", m.municipality_id(), Name(m.name()),
              absl::StrCat("to ", m.region_id(), " from ",
                           FormatDate(m.effective()))};
    }
    case v1::RegistryEvent::kSchoolRegistered: {
      const auto& s = e.school_registered();
      return {"school registered", s.school_id(), Name(s.name()),
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
    case v1::RegistryEvent::EVENT_NOT_SET:
      break;
  }
  return {"(an event this client does not know)", "", "", ""};
}

}  // namespace

int BadArgument(const absl::Status& status) {
  std::fprintf(stderr, "tutornetctl: %s\n",
               std::string(status.message()).c_str());
  return kExitUsage;
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "tutornetctl: %s\n", status.ToString().c_str());
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      return kExitUnavailable;
    default:
      return kExitRefused;
  }
}

absl::StatusOr<v1::Date> ParseDate(const std::string& field,
                                   const std::string& text) {
  // Exactly YYYY-MM-DD: four, two and two digits.
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::all_of(text.begin(), text.end(), [](char c) {
                        return absl::ascii_isdigit(c) || c == '-';
                      });
  int y = 0, m = 0, d = 0;
  if (!shaped || !absl::SimpleAtoi(text.substr(0, 4), &y) ||
      !absl::SimpleAtoi(text.substr(5, 2), &m) ||
      !absl::SimpleAtoi(text.substr(8, 2), &d)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" is not YYYY-MM-DD"));
  }
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

Client::Client(const std::string& address, std::string token)
    : token_(std::move(token)) {
  auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  registry_ = v1::RegistryService::NewStub(channel);
  access_ = v1::AccessService::NewStub(channel);
  operations_ = v1::OperationsService::NewStub(channel);
}

std::unique_ptr<grpc::ClientContext> Client::Context() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + token_);
  ctx->set_deadline(std::chrono::system_clock::now() + kTimeout);
  return ctx;
}

int Client::Report(const absl::Status& status,
                   const v1::CommandResult& result) const {
  if (!status.ok()) return Fail(status);
  if (JsonOutput()) {
    PrintJson(result);
    return kExitOk;
  }
  std::printf("ok: stream version %llu%s (position token %s)\n",
              static_cast<unsigned long long>(result.stream_version()),
              result.deduplicated() ? ", a retry of an earlier request" : "",
              result.position_token().c_str());
  return kExitOk;
}

int Client::CreateNetwork(const std::string& request_id,
                          const std::string& network_id,
                          const std::string& name,
                          const std::string& coordinating_municipality_id) {
  v1::CreateNetworkRequest req;
  req.mutable_header()->set_request_id(request_id);
  req.mutable_command()->set_network_id(network_id);
  req.mutable_command()->mutable_name()->set_fi(name);
  req.mutable_command()->set_coordinating_municipality_id(
      coordinating_municipality_id);
  v1::CommandResult res;
  return Report(FromGrpc(registry_->CreateNetwork(Context().get(), req, &res)),
                res);
}

int Client::ListNetworks() {
  v1::ListNetworksResponse res;
  const grpc::Status s =
      registry_->ListNetworks(Context().get(), v1::ListNetworksRequest(), &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (JsonOutput()) {
    PrintJson(res);
    return kExitOk;
  }
  Table table;
  table.Add({"NETWORK", "REGIONS", "MUNICIPALITIES", "SCHOOLS", "NAME"});
  for (const v1::NetworkSummary& n : res.networks()) {
    table.Add({n.network_id(), absl::StrCat(n.regions()),
               absl::StrCat(n.municipalities()), absl::StrCat(n.schools()),
               Name(n.name())});
  }
  table.Print();
  std::printf("%d networks\n", res.networks_size());
  return kExitOk;
}

int Client::ListRegions(const std::string& network_id,
                        const std::string& as_of) {
  v1::ListRegionsRequest req;
  req.set_network_id(network_id);
  if (!as_of.empty()) {
    absl::StatusOr<v1::Date> day = ParseDate("as_of", as_of);
    if (!day.ok()) return BadArgument(day.status());
    *req.mutable_as_of() = *day;
  }
  v1::ListRegionsResponse res;
  const grpc::Status s = registry_->ListRegions(Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (JsonOutput()) {
    PrintJson(res);
    return kExitOk;
  }
  Table table;
  table.Add({"REGION", "NAME", "MUNICIPALITIES"});
  for (const v1::Region& r : res.regions()) {
    table.Add({r.region_id(), Name(r.name()),
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
  if (!as_of.empty()) {
    absl::StatusOr<v1::Date> day = ParseDate("as_of", as_of);
    if (!day.ok()) return BadArgument(day.status());
    *req.mutable_as_of() = *day;
  }
  v1::ListMunicipalitiesResponse res;
  const grpc::Status s =
      registry_->ListMunicipalities(Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (JsonOutput()) {
    PrintJson(res);
    return kExitOk;
  }
  Table table;
  table.Add({"MUNICIPALITY", "NAME", "REGION", "SINCE", "MOVES"});
  for (const v1::Municipality& m : res.municipalities()) {
    table.Add({m.municipality_id(), Name(m.name()), m.region_id(),
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
  if (JsonOutput()) {
    PrintJson(network);
    return kExitOk;
  }
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

int Client::AddRegion(const std::string& request_id,
                      const std::string& network_id,
                      const std::string& region_id, const std::string& name) {
  v1::AddRegionRequest req;
  req.mutable_header()->set_request_id(request_id);
  req.mutable_command()->set_network_id(network_id);
  req.mutable_command()->set_region_id(region_id);
  req.mutable_command()->mutable_name()->set_fi(name);
  v1::CommandResult res;
  return Report(FromGrpc(registry_->AddRegion(Context().get(), req, &res)),
                res);
}

absl::Status Client::SendAssignMunicipality(const std::string& request_id,
                                            const std::string& network_id,
                                            const std::string& municipality_id,
                                            const std::string& region_id,
                                            const std::string& effective,
                                            const std::string& name) {
  absl::StatusOr<v1::Date> date = ParseDate("effective", effective);
  if (!date.ok()) return date.status();
  v1::AssignMunicipalityRequest req;
  req.mutable_header()->set_request_id(request_id);
  v1::AssignMunicipality& c = *req.mutable_command();
  c.set_network_id(network_id);
  c.set_municipality_id(municipality_id);
  c.set_region_id(region_id);
  *c.mutable_effective() = *date;
  if (!name.empty()) c.mutable_name()->set_fi(name);
  v1::CommandResult res;
  return FromGrpc(registry_->AssignMunicipality(Context().get(), req, &res));
}

int Client::AssignMunicipality(const std::string& request_id,
                               const std::string& network_id,
                               const std::string& municipality_id,
                               const std::string& region_id,
                               const std::string& effective,
                               const std::string& name) {
  absl::Status s = SendAssignMunicipality(
      request_id, network_id, municipality_id, region_id, effective, name);
  if (!s.ok()) return Fail(s);
  std::printf("ok: %s is in region %s from %s\n", municipality_id.c_str(),
              region_id.c_str(), effective.c_str());
  return kExitOk;
}

int Client::ListSchools(const std::string& network_id,
                        const std::string& region_id,
                        const std::string& municipality_id,
                        const std::string& language, const std::string& as_of) {
  v1::ListSchoolsRequest req;
  req.set_network_id(network_id);
  if (!as_of.empty()) {
    absl::StatusOr<v1::Date> day = ParseDate("as_of", as_of);
    if (!day.ok()) return BadArgument(day.status());
    *req.mutable_as_of() = *day;
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
  if (JsonOutput()) {
    PrintJson(all);
    return kExitOk;
  }
  Table table;
  table.Add({"SCHOOL", "REGION", "MUNICIPALITY", "NAME", "CLOSING"});
  for (const v1::School& school : all.schools()) {
    table.Add({school.school_id(), school.region_id(), school.municipality_id(),
               Name(school.name()),
               school.closed() ? "closed"
               : school.has_closed_on()
                   ? absl::StrCat("closes ", FormatDate(school.closed_on()))
                   : ""});
  }
  table.Print();
  std::printf("%d schools\n", all.schools_size());
  return kExitOk;
}

absl::Status Client::SendRegisterSchool(const std::string& request_id,
                                        const SchoolArgs& a,
                                        v1::CommandResult* result) {
  v1::RegisterSchoolRequest req;
  req.mutable_header()->set_request_id(request_id);
  v1::RegisterSchool& c = *req.mutable_command();
  c.set_network_id(a.network_id);
  c.set_school_id(a.school_id);
  c.mutable_name()->set_fi(a.name);
  c.set_municipality_id(a.municipality_id);
  absl::StatusOr<v1::Language> lang = ParseEnum<v1::Language>(
      "language", "LANGUAGE_", a.language, v1::Language_Parse);
  if (!lang.ok()) return lang.status();
  c.set_language(*lang);
  for (absl::string_view level :
       absl::StrSplit(a.levels, absl::ByAnyChar(",;"))) {
    absl::StatusOr<v1::EducationLevel> parsed = ParseEnum<v1::EducationLevel>(
        "levels", "EDUCATION_LEVEL_", std::string(level),
        v1::EducationLevel_Parse);
    if (!parsed.ok()) return parsed.status();
    c.add_levels(*parsed);
  }
  v1::CommandResult res;
  if (result == nullptr) result = &res;
  return FromGrpc(registry_->RegisterSchool(Context().get(), req, result));
}

int Client::RegisterSchool(const std::string& request_id,
                           const SchoolArgs& school) {
  v1::CommandResult result;
  return Report(SendRegisterSchool(request_id, school, &result), result);
}

int Client::AppointRole(const std::string& request_id,
                        const std::string& network_id,
                        const std::string& appointment_id,
                        const std::string& person_id, const std::string& role,
                        const std::string& start, const std::string& end,
                        const std::vector<std::string>& schools,
                        const std::vector<std::string>& regions) {
  v1::AppointRoleRequest req;
  req.mutable_header()->set_request_id(request_id);
  v1::AppointRole& c = *req.mutable_command();
  c.set_network_id(network_id);
  c.set_appointment_id(appointment_id);
  c.set_person_id(person_id);
  absl::StatusOr<v1::Role> r =
      ParseEnum<v1::Role>("role", "ROLE_", role, v1::Role_Parse);
  if (!r.ok()) return BadArgument(r.status());
  c.set_role(*r);
  for (const std::string& s : schools) c.mutable_scope()->add_school_ids(s);
  for (const std::string& s : regions) c.mutable_scope()->add_region_ids(s);
  absl::StatusOr<v1::Date> from = ParseDate("start", start);
  if (!from.ok()) return BadArgument(from.status());
  *c.mutable_start() = *from;
  if (!end.empty()) {
    absl::StatusOr<v1::Date> to = ParseDate("end", end);
    if (!to.ok()) return BadArgument(to.status());
    *c.mutable_end() = *to;
  }
  v1::CommandResult res;
  return Report(FromGrpc(registry_->AppointRole(Context().get(), req, &res)),
                res);
}

int Client::EndAppointment(const std::string& request_id,
                           const std::string& network_id,
                           const std::string& appointment_id,
                           const std::string& end) {
  v1::EndAppointmentRequest req;
  req.mutable_header()->set_request_id(request_id);
  req.mutable_command()->set_network_id(network_id);
  req.mutable_command()->set_appointment_id(appointment_id);
  absl::StatusOr<v1::Date> date = ParseDate("end", end);
  if (!date.ok()) return BadArgument(date.status());
  *req.mutable_command()->mutable_end() = *date;
  v1::CommandResult res;
  return Report(FromGrpc(registry_->EndAppointment(Context().get(), req, &res)),
                res);
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
  if (JsonOutput()) {
    PrintJson(res);
    return kExitOk;
  }
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

int Client::CreateToken(const std::string& principal_id,
                        const std::string& role, const std::string& network_id,
                        const std::vector<std::string>& regions) {
  v1::CreateTokenRequest req;
  req.set_principal_id(principal_id);
  absl::StatusOr<v1::AccessRole> r = ParseEnum<v1::AccessRole>(
      "role", "ACCESS_ROLE_", role, v1::AccessRole_Parse);
  if (!r.ok()) return BadArgument(r.status());
  req.set_role(*r);
  req.set_network_id(network_id);
  for (const std::string& region : regions) req.add_region_ids(region);
  v1::CreateTokenResponse res;
  const grpc::Status s = access_->CreateToken(Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  std::printf("%s\n", res.token().c_str());
  std::fflush(stdout);  // The token first, then the note on stderr.
  std::fprintf(stderr,
               "tutornetctl: this token is shown once; the server keeps only "
               "its hash\n");
  return kExitOk;
}

int Client::RevokeToken(const std::string& principal_id) {
  v1::RevokeTokenRequest req;
  req.set_principal_id(principal_id);
  v1::RevokeTokenResponse res;
  const grpc::Status s = access_->RevokeToken(Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  std::printf("ok: %d tokens of %s revoked\n", res.revoked(),
              principal_id.c_str());
  return kExitOk;
}

int Client::CloseSchool(const std::string& request_id,
                        const std::string& network_id,
                        const std::string& school_id,
                        const std::string& effective) {
  v1::CloseSchoolRequest req;
  req.mutable_header()->set_request_id(request_id);
  req.mutable_command()->set_network_id(network_id);
  req.mutable_command()->set_school_id(school_id);
  absl::StatusOr<v1::Date> date = ParseDate("effective", effective);
  if (!date.ok()) return BadArgument(date.status());
  *req.mutable_command()->mutable_effective() = *date;
  v1::CommandResult res;
  return Report(FromGrpc(registry_->CloseSchool(Context().get(), req, &res)),
                res);
}

int Client::RecordPerson(const std::string& request_id,
                         const std::string& person_id, const std::string& name,
                         const std::string& email) {
  v1::RecordPersonRequest req;
  req.mutable_header()->set_request_id(request_id);
  req.mutable_person()->set_person_id(person_id);
  req.mutable_person()->set_name(name);
  req.mutable_person()->set_email(email);
  v1::CommandResult res;
  return Report(FromGrpc(registry_->RecordPerson(Context().get(), req, &res)),
                res);
}

int Client::ShowPerson(const std::string& person_id) {
  v1::GetPersonRequest req;
  req.set_person_id(person_id);
  v1::Person person;
  const grpc::Status s = registry_->GetPerson(Context().get(), req, &person);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (JsonOutput()) {
    PrintJson(person);
    return kExitOk;
  }
  Table table;
  table.Add({"person", person.person_id()});
  table.Add({"name", person.name()});
  table.Add({"e-mail", person.email()});
  table.Print();
  return kExitOk;
}

void PrintProjections(
    const google::protobuf::RepeatedPtrField<v1::ProjectionStatus>& list) {
  Table table;
  table.Add({"PROJECTION", "LOG", "APPLIED", "HEAD", "LAG", "STATE"});
  for (const v1::ProjectionStatus& p : list) {
    const std::string state =
        !p.healthy()     ? absl::StrCat("stopped: ", p.error())
        : p.rebuilding() ? absl::StrCat("rebuilding ", p.rebuild_done(), "/",
                                        p.rebuild_total())
                         : "following";
    for (const v1::ProjectionSource& s : p.sources()) {
      table.Add({p.name(), s.log(), absl::StrCat(s.applied()),
                 absl::StrCat(s.head()), absl::StrCat(s.lag()), state});
    }
  }
  table.Print();
}

int Client::ListProjections() {
  v1::ListProjectionsResponse res;
  const grpc::Status s = operations_->ListProjections(
      Context().get(), v1::ListProjectionsRequest(), &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (JsonOutput()) {
    PrintJson(res);
    return kExitOk;
  }
  PrintProjections(res.projections());
  return kExitOk;
}

int Client::RebuildProjection(const std::string& name) {
  v1::RebuildProjectionRequest req;
  req.set_name(name);
  v1::RebuildProjectionResponse res;
  std::unique_ptr<grpc::ClientContext> ctx = Context();
  // A rebuild replays whole logs: give it hours, not the usual seconds.
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::hours(6));
  const grpc::Status s = operations_->RebuildProjection(ctx.get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (JsonOutput()) {
    PrintJson(res);
    return kExitOk;
  }
  std::printf("ok: projection %s rebuilt and swapped in\n", name.c_str());
  google::protobuf::RepeatedPtrField<v1::ProjectionStatus> one;
  *one.Add() = res.status();
  PrintProjections(one);
  return kExitOk;
}

}  // namespace tutornet::ctl
