#include "services/server/operations_service.h"

#include "absl/strings/str_cat.h"
#include "status/status_macros.h"

namespace tutornet::server {
namespace {

absl::Status RequireAdmin(const Principal& p) {
  if (access::IsAdmin(p)) return absl::OkStatus();
  return access::Denied(p, "operate the server");
}

}  // namespace

OperationsServiceImpl::OperationsServiceImpl(
    ServerCore& core, std::vector<projections::Projector*> projectors)
    : DeclaredService(AuthenticatorOf(core)), core_(core) {
  for (projections::Projector* p : projectors) {
    projectors_[p->projection().name()] = p;
    rebuilds_[p->projection().name()] = std::make_unique<Rebuild>();
  }
  Unary<v1::ListProjectionsRequest, v1::ListProjectionsResponse>(
      "ListProjections", [this](const Rpc& rpc, const auto* req, auto* res) {
        return ListProjections(rpc, req, res);
      });
  Unary<v1::RebuildProjectionRequest, v1::RebuildProjectionResponse>(
      "RebuildProjection", [this](const Rpc& rpc, const auto* req, auto* res) {
        return RebuildProjection(rpc, req, res);
      });
}

v1::ProjectionStatus OperationsServiceImpl::StatusOf(
    const projections::Projector& p) const {
  v1::ProjectionStatus status;
  status.set_name(p.projection().name());
  for (const projections::SourceLag& lag : p.Lag()) {
    v1::ProjectionSource& source = *status.add_sources();
    source.set_log(lag.log);
    source.set_applied(lag.applied);
    source.set_head(lag.head);
    source.set_lag(lag.head > lag.applied ? lag.head - lag.applied : 0);
  }
  const absl::Status health = p.health();
  status.set_healthy(health.ok());
  status.set_error(std::string(health.message()));
  const Rebuild& rebuild = *rebuilds_.at(p.projection().name());
  status.set_rebuilding(rebuild.running.load());
  status.set_rebuild_done(rebuild.done.load());
  status.set_rebuild_total(rebuild.total.load());
  return status;
}

grpc::ServerUnaryReactor* OperationsServiceImpl::ListProjections(
    const Rpc& rpc, const v1::ListProjectionsRequest*,
    v1::ListProjectionsResponse* res) {
  return ServeCall(core_, rpc, [this, res](const Principal& p) {
    RETURN_IF_ERROR(RequireAdmin(p));
    for (const auto& [name, projector] : projectors_) {
      *res->add_projections() = StatusOf(*projector);
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* OperationsServiceImpl::RebuildProjection(
    const Rpc& rpc, const v1::RebuildProjectionRequest* req,
    v1::RebuildProjectionResponse* res) {
  return ServeCall(core_, rpc, [this, req, res](const Principal& p) {
    RETURN_IF_ERROR(RequireAdmin(p));
    auto it = projectors_.find(req->name());
    if (it == projectors_.end()) {
      return absl::NotFoundError(
          absl::StrCat("name: no projection \"", req->name(), "\""));
    }
    Rebuild& rebuild = *rebuilds_.at(req->name());
    if (rebuild.running.exchange(true)) {
      return absl::FailedPreconditionError(
          absl::StrCat("projection ", req->name(), " is being rebuilt"));
    }
    const absl::Status rebuilt =
        it->second->Rebuild([&rebuild](uint64_t done, uint64_t total) {
          rebuild.done = done;
          rebuild.total = total;
        });
    rebuild.running = false;
    RETURN_IF_ERROR(rebuilt);
    *res->mutable_status() = StatusOf(*it->second);
    return absl::OkStatus();
  });
}

}  // namespace tutornet::server
