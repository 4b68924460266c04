// The gRPC service that makes and revokes access tokens (admins only).
#ifndef TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_

#include "services/server/rpc.h"
#include "services/server/tokens.h"
#include "tutornet/v1/access_service.grpc.pb.h"

namespace tutornet::server {

class AccessServiceImpl final : public v1::AccessService::CallbackService {
 public:
  // Requires: `core` and `tokens` outlive the service.
  AccessServiceImpl(ServerCore& core, TokenStore& tokens)
      : core_(core), tokens_(tokens) {}

  grpc::ServerUnaryReactor* CreateToken(grpc::CallbackServerContext* ctx,
                                        const v1::CreateTokenRequest* req,
                                        v1::CreateTokenResponse* res) override;
  grpc::ServerUnaryReactor* RevokeToken(grpc::CallbackServerContext* ctx,
                                        const v1::RevokeTokenRequest* req,
                                        v1::RevokeTokenResponse* res) override;

 private:
  ServerCore& core_;
  TokenStore& tokens_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_
