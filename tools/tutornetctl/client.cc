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
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {
namespace {

constexpr auto kTimeout = std::chrono::seconds(30);

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

Client::Client(const std::string& address, std::string token)
    : token_(std::move(token)) {
  // A month report bundle of a large network runs to tens of megabytes
  // (about 2 kB per record counted); gRPC's default is 4 MiB.
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(kMaxAnswerBytes);
  auto channel = grpc::CreateCustomChannel(
      address, grpc::InsecureChannelCredentials(), arguments);
  registry_ = v1::RegistryService::NewStub(channel);
  access_ = v1::AccessService::NewStub(channel);
  operations_ = v1::OperationsService::NewStub(channel);
  activity_ = v1::ActivityService::NewStub(channel);
  training_ = v1::TrainingService::NewStub(channel);
  badges_ = v1::BadgeService::NewStub(channel);
  development_ = v1::DevelopmentService::NewStub(channel);
  transparency_ = v1::TransparencyService::NewStub(channel);
  dashboards_ = v1::DashboardService::NewStub(channel);
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
  if (PrintedAsJson(result)) return kExitOk;
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

int Client::CreateToken(const std::string& principal_id,
                        const std::string& role, const std::string& network_id,
                        const std::vector<std::string>& regions,
                        const std::vector<std::string>& projects) {
  v1::CreateTokenRequest req;
  req.set_principal_id(principal_id);
  absl::StatusOr<v1::AccessRole> r = ParseEnum<v1::AccessRole>(
      "role", "ACCESS_ROLE_", role, v1::AccessRole_Parse);
  if (!r.ok()) return BadArgument(r.status());
  req.set_role(*r);
  req.set_network_id(network_id);
  for (const std::string& region : regions) req.add_region_ids(region);
  for (const std::string& project : projects) req.add_project_ids(project);
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

int Client::RecordStaff(const std::string& request_id,
                        const std::string& network_id,
                        const std::string& school_id,
                        const std::string& school_year,
                        const std::string& permanent_teachers) {
  v1::RecordStaffRequest req;
  req.mutable_header()->set_request_id(request_id);
  v1::RecordStaff& c = *req.mutable_command();
  c.set_network_id(network_id);
  c.set_school_id(school_id);
  int year = 0, count = 0;
  if (!absl::SimpleAtoi(school_year, &year)) {
    return BadArgument(absl::InvalidArgumentError(
        "school_year: not a year, e.g. 2026 for 2026-27"));
  }
  if (!absl::SimpleAtoi(permanent_teachers, &count)) {
    return BadArgument(
        absl::InvalidArgumentError("permanent_teachers: not a number"));
  }
  c.set_school_year(year);
  c.set_permanent_teachers(count);
  v1::CommandResult res;
  return Report(FromGrpc(registry_->RecordStaff(Context().get(), req, &res)),
                res);
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
  if (PrintedAsJson(res)) return kExitOk;
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
  if (PrintedAsJson(res)) return kExitOk;
  std::printf("ok: projection %s rebuilt and swapped in\n", name.c_str());
  google::protobuf::RepeatedPtrField<v1::ProjectionStatus> one;
  *one.Add() = res.status();
  PrintProjections(one);
  return kExitOk;
}

}  // namespace tutornet::ctl
