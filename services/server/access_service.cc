#include "services/server/access_service.h"

#include "status/status_macros.h"

namespace tutornet::server {
namespace {

absl::StatusOr<AccessRole> FromProto(v1::AccessRole role) {
  switch (role) {
    case v1::ACCESS_ROLE_ADMIN:
      return AccessRole::kAdmin;
    case v1::ACCESS_ROLE_NETWORK_COORDINATOR:
      return AccessRole::kNetworkCoordinator;
    case v1::ACCESS_ROLE_REGIONAL_COORDINATOR:
      return AccessRole::kRegionalCoordinator;
    case v1::ACCESS_ROLE_TUTOR:
      return AccessRole::kTutor;
    case v1::ACCESS_ROLE_FUNDER:
      return AccessRole::kFunder;
    default:
      return absl::InvalidArgumentError("role: not an access role");
  }
}

absl::Status RequireAdmin(const Principal& p) {
  if (access::IsAdmin(p)) return absl::OkStatus();
  return access::Denied(p, "manage access tokens");
}

}  // namespace

AccessServiceImpl::AccessServiceImpl(ServerCore& core, TokenStore& tokens)
    : DeclaredService(AuthenticatorOf(core)), core_(core), tokens_(tokens) {
  Unary<v1::CreateTokenRequest, v1::CreateTokenResponse>(
      "CreateToken", [this](const Rpc& rpc, const auto* req, auto* res) {
        return CreateToken(rpc, req, res);
      });
  Unary<v1::RevokeTokenRequest, v1::RevokeTokenResponse>(
      "RevokeToken", [this](const Rpc& rpc, const auto* req, auto* res) {
        return RevokeToken(rpc, req, res);
      });
}

grpc::ServerUnaryReactor* AccessServiceImpl::CreateToken(
    const Rpc& rpc, const v1::CreateTokenRequest* req,
    v1::CreateTokenResponse* res) {
  return ServeCall(core_, rpc, [this, req, res](const Principal& caller) {
    RETURN_IF_ERROR(RequireAdmin(caller));
    ASSIGN_OR_RETURN(const AccessRole role, FromProto(req->role()));
    Principal principal{req->principal_id(),
                        role,
                        req->network_id(),
                        {req->region_ids().begin(), req->region_ids().end()},
                        {req->project_ids().begin(), req->project_ids().end()}};
    ASSIGN_OR_RETURN(*res->mutable_token(), tokens_.Create(principal));
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* AccessServiceImpl::RevokeToken(
    const Rpc& rpc, const v1::RevokeTokenRequest* req,
    v1::RevokeTokenResponse* res) {
  return ServeCall(core_, rpc, [this, req, res](const Principal& caller) {
    RETURN_IF_ERROR(RequireAdmin(caller));
    ASSIGN_OR_RETURN(const int revoked, tokens_.Revoke(req->principal_id()));
    res->set_revoked(revoked);
    return absl::OkStatus();
  });
}

}  // namespace tutornet::server
