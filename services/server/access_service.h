// The gRPC service that makes and revokes access tokens (admins only).
#ifndef TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_

#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "services/server/tokens.h"
#include "tutornet/v1/access_service.grpc.pb.h"

namespace tutornet::server {

class AccessServiceImpl final : public DeclaredService<v1::AccessService> {
 public:
  // Requires: `core` and `tokens` outlive the service.
  AccessServiceImpl(ServerCore& core, TokenStore& tokens);

 private:
  grpc::ServerUnaryReactor* CreateToken(const Rpc& rpc,
                                        const v1::CreateTokenRequest* req,
                                        v1::CreateTokenResponse* res);
  grpc::ServerUnaryReactor* RevokeToken(const Rpc& rpc,
                                        const v1::RevokeTokenRequest* req,
                                        v1::RevokeTokenResponse* res);

  ServerCore& core_;
  TokenStore& tokens_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_ACCESS_SERVICE_H_
