// The badge service's gRPC API (badge classes, applications, reviews,
// awards, credentials, figures), declared method by method like the
// training service's; each RPC is one line on ServeCommandCase /
// ServeQuery (rpc.h). Commands run on badges::Badges; queries read the
// badges projection (figures also the service's own registry view);
// credentials are made by badges::BadgeIssuer. No business rule lives
// here (they are in services/badges/).
#ifndef TUTORNET_SERVICES_SERVER_BADGE_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_BADGE_SERVICE_H_

#include "services/badges/badges.h"
#include "services/badges/issuer.h"
#include "services/projections/projector.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "tutornet/v1/badges_service.grpc.pb.h"

namespace tutornet::server {

class BadgeServiceImpl final : public DeclaredService<v1::BadgeService> {
 public:
  // Requires: everything passed outlives the service.
  BadgeServiceImpl(ServerCore& core, badges::Badges& badges,
                   const badges::BadgeIssuer& issuer,
                   const projections::Projector& registry_view,
                   const projections::Projector& badges_view);

  using Reactor = grpc::ServerUnaryReactor;

 private:
  template <typename Command, typename C>
  Reactor* Run(const Rpc& rpc, const v1::RequestHeader& header,
               C* (Command::*field)(), const C& command,
               v1::CommandResult* res);
  // A query of the badges projection and the registry view: `read` gets
  // both as consistent views and the caller.
  template <typename Request, typename Response, typename Read>
  Reactor* Query(const Rpc& rpc, const Request* req, Response* res, Read read);

  ServerCore& core_;
  badges::Badges& badges_;
  const badges::BadgeIssuer& issuer_;
  const projections::Projector& registry_view_;
  const projections::Projector& badges_view_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_BADGE_SERVICE_H_
