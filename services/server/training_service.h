// The training service's gRPC API (trainings, meetings, takeovers, peer
// groups, reach), declared method by method like the registry's; each RPC
// is one line on ServeCommand / ServeQuery (rpc.h). Commands run on
// training::Training; queries read the training projection (reach also
// the service's own registry view). No business rule lives here (they are
// in services/training/).
#ifndef TUTORNET_SERVICES_SERVER_TRAINING_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_TRAINING_SERVICE_H_

#include "services/projections/projector.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "services/training/training.h"
#include "tutornet/v1/training_service.grpc.pb.h"

namespace tutornet::server {

class TrainingServiceImpl final : public DeclaredService<v1::TrainingService> {
 public:
  // Requires: everything passed outlives the service.
  TrainingServiceImpl(ServerCore& core, training::Training& training,
                      const projections::Projector& registry_view,
                      const projections::Projector& training_view);

  using Reactor = grpc::ServerUnaryReactor;

 private:
  // One command: the request's command put by `field` into the oneof of
  // Command (TrainingCommand or GatheringCommand).
  template <typename Command, typename C>
  Reactor* Run(const Rpc& rpc, const v1::RequestHeader& header,
               C* (Command::*field)(), const C& command,
               v1::CommandResult* res);
  // A query of the training projection (and, for reach, the registry
  // view): `read` gets both as consistent views and the caller.
  template <typename Request, typename Response, typename Read>
  Reactor* Query(const Rpc& rpc, const Request* req, Response* res, Read read);

  ServerCore& core_;
  training::Training& training_;
  const projections::Projector& registry_view_;
  const projections::Projector& training_view_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_TRAINING_SERVICE_H_
