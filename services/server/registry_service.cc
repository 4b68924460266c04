#include "services/server/registry_service.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/server/access.h"
#include "services/server/access_service.h"
#include "services/server/status_mapping.h"

namespace tutornet::server {
namespace {

// How long a read waits for a position token's write to become visible.
constexpr absl::Duration kMaxReadWait = absl::Seconds(5);

std::string PositionToken(uint64_t position) { return absl::StrCat(position); }

absl::StatusOr<uint64_t> ParsePositionToken(absl::string_view token) {
  uint64_t position = 0;
  if (!token.empty() && !absl::SimpleAtoi(token, &position)) {
    return absl::InvalidArgumentError(
        "position_token: not a token this server issued");
  }
  return position;
}

absl::Time ReadDeadline(const grpc::ServerContext* ctx) {
  return std::min(absl::FromChrono(ctx->deadline()),
                  absl::Now() + kMaxReadWait);
}

// The request header every mutating RPC carries: a request id is required
// (a retry must be recognisable); an expected version is optional.
absl::StatusOr<std::optional<uint64_t>> ExpectedVersionOf(
    const v1::RequestHeader& header) {
  if (header.request_id().empty()) {
    return absl::InvalidArgumentError(
        "header.request_id: required, so that a retry cannot record a command "
        "twice");
  }
  if (!header.has_expected_version()) return std::nullopt;
  return header.expected_version().version();
}

}  // namespace

absl::StatusOr<Principal> RegistryServiceImpl::Authenticate(
    const grpc::ServerContext* ctx) const {
  return AuthenticateCall(tokens_, ctx);
}

grpc::Status RegistryServiceImpl::Run(grpc::ServerContext* ctx,
                                      const v1::RequestHeader& header,
                                      v1::RegistryCommand command,
                                      v1::CommandResult* result) {
  absl::StatusOr<Principal> principal = Authenticate(ctx);
  if (!principal.ok()) return ToGrpcStatus(principal.status());
  absl::StatusOr<std::optional<uint64_t>> expected = ExpectedVersionOf(header);
  if (!expected.ok()) return ToGrpcStatus(expected.status());
  absl::StatusOr<registry::CommandOutcome> outcome =
      handler_.Handle(command, header.request_id(), *expected, principal->id,
                      absl::Now(), [&](const registry::NetworkState& state) {
                        return AuthorizeCommand(*principal, command, state);
                      });
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  result->set_network_version(outcome->network_version);
  result->set_position_token(PositionToken(outcome->position));
  result->set_deduplicated(outcome->deduplicated);
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::CreateNetwork(
    grpc::ServerContext* ctx, const v1::CreateNetworkRequest* req,
    v1::CommandResult* res) {
  v1::RegistryCommand c;
  *c.mutable_create_network() = req->command();
  return Run(ctx, req->header(), std::move(c), res);
}

grpc::Status RegistryServiceImpl::AddRegion(grpc::ServerContext* ctx,
                                            const v1::AddRegionRequest* req,
                                            v1::CommandResult* res) {
  v1::RegistryCommand c;
  *c.mutable_add_region() = req->command();
  return Run(ctx, req->header(), std::move(c), res);
}

grpc::Status RegistryServiceImpl::AssignMunicipality(
    grpc::ServerContext* ctx, const v1::AssignMunicipalityRequest* req,
    v1::CommandResult* res) {
  v1::RegistryCommand c;
  *c.mutable_assign_municipality() = req->command();
  return Run(ctx, req->header(), std::move(c), res);
}

grpc::Status RegistryServiceImpl::RegisterSchool(
    grpc::ServerContext* ctx, const v1::RegisterSchoolRequest* req,
    v1::CommandResult* res) {
  v1::RegistryCommand c;
  *c.mutable_register_school() = req->command();
  return Run(ctx, req->header(), std::move(c), res);
}

grpc::Status RegistryServiceImpl::CloseSchool(grpc::ServerContext* ctx,
                                              const v1::CloseSchoolRequest* req,
                                              v1::CommandResult* res) {
  v1::RegistryCommand c;
  *c.mutable_close_school() = req->command();
  return Run(ctx, req->header(), std::move(c), res);
}

grpc::Status RegistryServiceImpl::AppointRole(grpc::ServerContext* ctx,
                                              const v1::AppointRoleRequest* req,
                                              v1::CommandResult* res) {
  v1::RegistryCommand c;
  *c.mutable_appoint_role() = req->command();
  return Run(ctx, req->header(), std::move(c), res);
}

grpc::Status RegistryServiceImpl::EndAppointment(
    grpc::ServerContext* ctx, const v1::EndAppointmentRequest* req,
    v1::CommandResult* res) {
  v1::RegistryCommand c;
  *c.mutable_end_appointment() = req->command();
  return Run(ctx, req->header(), std::move(c), res);
}

grpc::Status RegistryServiceImpl::GetNetwork(grpc::ServerContext* ctx,
                                             const v1::GetNetworkRequest* req,
                                             v1::Network* res) {
  if (absl::Status s =
          PrepareQuery(ctx, req->network_id(), req->position_token());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<registry::NetworkHistory> history =
      handler_.Load(req->network_id());
  if (!history.ok()) return ToGrpcStatus(history.status());
  if (history->events.empty()) {
    return ToGrpcStatus(absl::NotFoundError(
        absl::StrCat("network \"", req->network_id(), "\" does not exist")));
  }
  res->set_network_id(req->network_id());
  res->set_version(history->version);
  for (v1::RegistryEvent& e : history->events)
    *res->add_history() = std::move(e);
  return grpc::Status::OK;
}

absl::Status RegistryServiceImpl::PrepareQuery(const grpc::ServerContext* ctx,
                                               absl::string_view network_id,
                                               absl::string_view token) const {
  absl::StatusOr<Principal> principal = Authenticate(ctx);
  if (!principal.ok()) return principal.status();
  if (absl::Status s = AuthorizeRead(*principal, network_id); !s.ok()) return s;
  absl::StatusOr<uint64_t> position = ParsePositionToken(token);
  if (!position.ok()) return position.status();
  return model_.AwaitPosition(*position, ReadDeadline(ctx));
}

grpc::Status RegistryServiceImpl::ListSchools(grpc::ServerContext* ctx,
                                              const v1::ListSchoolsRequest* req,
                                              v1::ListSchoolsResponse* res) {
  if (absl::Status s =
          PrepareQuery(ctx, req->network_id(), req->position_token());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<v1::ListSchoolsResponse> page = model_.ListSchools(*req);
  if (!page.ok()) return ToGrpcStatus(page.status());
  *res = *std::move(page);
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::WhoHeldRole(grpc::ServerContext* ctx,
                                              const v1::WhoHeldRoleRequest* req,
                                              v1::WhoHeldRoleResponse* res) {
  if (absl::Status s =
          PrepareQuery(ctx, req->network_id(), req->position_token());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<v1::WhoHeldRoleResponse> held = model_.WhoHeldRole(*req);
  if (!held.ok()) return ToGrpcStatus(held.status());
  *res = *std::move(held);
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::RecordPerson(
    grpc::ServerContext* ctx, const v1::RecordPersonRequest* req,
    v1::RecordPersonResponse* res) {
  absl::StatusOr<Principal> principal = Authenticate(ctx);
  if (!principal.ok()) return ToGrpcStatus(principal.status());
  if (absl::Status s =
          AuthorizePersonalData(*principal, req->person().person_id());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<std::optional<uint64_t>> expected =
      ExpectedVersionOf(req->header());
  if (!expected.ok()) return ToGrpcStatus(expected.status());
  absl::StatusOr<storage::AppendResult> recorded =
      people_.Record(req->person(), req->header().request_id(), *expected,
                     principal->id, absl::Now());
  if (!recorded.ok()) return ToGrpcStatus(recorded.status());
  res->set_position_token(PositionToken(recorded->last_position));
  res->set_deduplicated(recorded->deduplicated);
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::GetPerson(grpc::ServerContext* ctx,
                                            const v1::GetPersonRequest* req,
                                            v1::Person* res) {
  absl::StatusOr<Principal> principal = Authenticate(ctx);
  if (!principal.ok()) return ToGrpcStatus(principal.status());
  if (absl::Status s = AuthorizePersonalData(*principal, req->person_id());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<v1::Person> person = people_.Get(req->person_id());
  if (!person.ok()) return ToGrpcStatus(person.status());
  *res = *std::move(person);
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::ListNetworks(
    grpc::ServerContext* ctx, const v1::ListNetworksRequest* req,
    v1::ListNetworksResponse* res) {
  absl::StatusOr<Principal> principal = Authenticate(ctx);
  if (!principal.ok()) return ToGrpcStatus(principal.status());
  absl::StatusOr<uint64_t> position = ParsePositionToken(req->position_token());
  if (!position.ok()) return ToGrpcStatus(position.status());
  if (absl::Status s = model_.AwaitPosition(*position, ReadDeadline(ctx));
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  // Everyone but an admin sees only their own network.
  *res = model_.ListNetworks(
      principal->role == AccessRole::kAdmin ? "" : principal->network_id);
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::ListRegions(grpc::ServerContext* ctx,
                                              const v1::ListRegionsRequest* req,
                                              v1::ListRegionsResponse* res) {
  if (absl::Status s =
          PrepareQuery(ctx, req->network_id(), req->position_token());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<v1::ListRegionsResponse> regions = model_.ListRegions(*req);
  if (!regions.ok()) return ToGrpcStatus(regions.status());
  *res = *std::move(regions);
  return grpc::Status::OK;
}

grpc::Status RegistryServiceImpl::ListMunicipalities(
    grpc::ServerContext* ctx, const v1::ListMunicipalitiesRequest* req,
    v1::ListMunicipalitiesResponse* res) {
  if (absl::Status s =
          PrepareQuery(ctx, req->network_id(), req->position_token());
      !s.ok()) {
    return ToGrpcStatus(s);
  }
  absl::StatusOr<v1::ListMunicipalitiesResponse> list =
      model_.ListMunicipalities(*req);
  if (!list.ok()) return ToGrpcStatus(list.status());
  *res = *std::move(list);
  return grpc::Status::OK;
}

}  // namespace tutornet::server
