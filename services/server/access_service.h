// The gRPC service that makes and revokes access tokens (admins only).
#ifndef TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_

#include "services/server/tokens.h"
#include "tutornet/v1/access_service.grpc.pb.h"

namespace tutornet::server {

// The principal of a call's "authorization" metadata.
absl::StatusOr<Principal> AuthenticateCall(const TokenStore& tokens,
                                           const grpc::ServerContext* ctx);

class AccessServiceImpl final : public v1::AccessService::Service {
 public:
  // Requires: `tokens` outlives the service.
  explicit AccessServiceImpl(TokenStore& tokens) : tokens_(tokens) {}

  grpc::Status CreateToken(grpc::ServerContext* ctx,
                           const v1::CreateTokenRequest* req,
                           v1::CreateTokenResponse* res) override;
  grpc::Status RevokeToken(grpc::ServerContext* ctx,
                           const v1::RevokeTokenRequest* req,
                           v1::RevokeTokenResponse* res) override;

 private:
  TokenStore& tokens_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_
