// The development service's gRPC API (activity plans, competence mapping,
// training plans, mentoring processes, work-pair periods, digital
// mentors), declared method by method like the registry's; each RPC is
// one line on ServeCommandCase / ServeViewQuery (rpc.h). Commands run on
// development::Development; queries read the development projection and
// the service's own registry view. No business rule lives here (they are
// in services/development/).
#ifndef TUTORNET_SERVICES_SERVER_DEVELOPMENT_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_DEVELOPMENT_SERVICE_H_

#include "services/development/development.h"
#include "services/projections/projector.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "tutornet/v1/development_service.grpc.pb.h"

namespace tutornet::server {

class DevelopmentServiceImpl final
    : public DeclaredService<v1::DevelopmentService> {
 public:
  // Requires: everything passed outlives the service.
  DevelopmentServiceImpl(ServerCore& core,
                         development::Development& development,
                         const projections::Projector& registry_view,
                         const projections::Projector& development_view,
                         const projections::Projector& hours_view);

  using Reactor = grpc::ServerUnaryReactor;

 private:
  // One command: the request's command put by `field` into the oneof.
  template <typename C>
  Reactor* Run(const Rpc& rpc, const v1::RequestHeader& header,
               C* (v1::DevelopmentCommand::*field)(), const C& command,
               v1::CommandResult* res);

  ServerCore& core_;
  development::Development& development_;
  const projections::Projector& registry_view_;
  const projections::Projector& development_view_;
  const projections::Projector& hours_view_;  // Approved minutes.
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_DEVELOPMENT_SERVICE_H_
