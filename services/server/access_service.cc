#include "services/server/access_service.h"

#include "services/server/access.h"
#include "services/server/status_mapping.h"

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

}  // namespace

absl::StatusOr<Principal> AuthenticateCall(const TokenStore& tokens,
                                           const grpc::ServerContext* ctx) {
  const auto& metadata = ctx->client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return tokens.Authenticate("");
  return tokens.Authenticate(
      absl::string_view(it->second.data(), it->second.size()));
}

grpc::Status AccessServiceImpl::CreateToken(grpc::ServerContext* ctx,
                                            const v1::CreateTokenRequest* req,
                                            v1::CreateTokenResponse* res) {
  absl::StatusOr<Principal> caller = AuthenticateCall(tokens_, ctx);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::Status s = AuthorizeTokenAdmin(*caller); !s.ok())
    return ToGrpcStatus(s);
  absl::StatusOr<AccessRole> role = FromProto(req->role());
  if (!role.ok()) return ToGrpcStatus(role.status());
  Principal principal{req->principal_id(),
                      *role,
                      req->network_id(),
                      {req->region_ids().begin(), req->region_ids().end()}};
  absl::StatusOr<std::string> token = tokens_.Create(principal);
  if (!token.ok()) return ToGrpcStatus(token.status());
  res->set_token(*token);
  return grpc::Status::OK;
}

grpc::Status AccessServiceImpl::RevokeToken(grpc::ServerContext* ctx,
                                            const v1::RevokeTokenRequest* req,
                                            v1::RevokeTokenResponse* res) {
  absl::StatusOr<Principal> caller = AuthenticateCall(tokens_, ctx);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::Status s = AuthorizeTokenAdmin(*caller); !s.ok())
    return ToGrpcStatus(s);
  absl::StatusOr<int> revoked = tokens_.Revoke(req->principal_id());
  if (!revoked.ok()) return ToGrpcStatus(revoked.status());
  res->set_revoked(*revoked);
  return grpc::Status::OK;
}

}  // namespace tutornet::server
