// The operations service: projection lag and rebuilds, for admins.
#ifndef TUTORNET_SERVICES_SERVER_OPERATIONS_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_OPERATIONS_SERVICE_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "services/projections/projector.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "tutornet/v1/operations_service.grpc.pb.h"

namespace tutornet::server {

class OperationsServiceImpl final
    : public DeclaredService<v1::OperationsService> {
 public:
  // Requires: `core` and every projector outlive the service.
  OperationsServiceImpl(ServerCore& core,
                        std::vector<projections::Projector*> projectors);

 private:
  struct Rebuild {
    std::atomic<bool> running{false};
    std::atomic<uint64_t> done{0};
    std::atomic<uint64_t> total{0};
  };
  grpc::ServerUnaryReactor* ListProjections(
      const Rpc& rpc, const v1::ListProjectionsRequest* req,
      v1::ListProjectionsResponse* res);
  grpc::ServerUnaryReactor* RebuildProjection(
      const Rpc& rpc, const v1::RebuildProjectionRequest* req,
      v1::RebuildProjectionResponse* res);
  v1::ProjectionStatus StatusOf(const projections::Projector& p) const;

  ServerCore& core_;
  std::map<std::string, projections::Projector*> projectors_;
  std::map<std::string, std::unique_ptr<Rebuild>> rebuilds_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_OPERATIONS_SERVICE_H_
