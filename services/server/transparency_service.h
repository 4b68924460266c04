// The transparency service's gRPC API (transparency_service.proto): each
// log's signed tree heads, inclusion and consistency proofs, id and public
// key, for every token; and the online audit of a serving log, for
// admins. The heads themselves are signed by TutornetServer's signer
// (server.h); this only reads them.
//
// Thread-safe. Requires: the logs outlive the service.
#ifndef TUTORNET_SERVICES_SERVER_TRANSPARENCY_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_TRANSPARENCY_SERVICE_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "tutornet/v1/transparency_service.grpc.pb.h"

namespace tutornet::server {

class TransparencyServiceImpl final
    : public DeclaredService<v1::TransparencyService> {
 public:
  explicit TransparencyServiceImpl(ServerCore& core);
  // Stops the audits still running and waits for them.
  ~TransparencyServiceImpl() override;

  using Reactor = grpc::ServerUnaryReactor;

 private:
  // One audit: its thread updates the counters and, at the end, the status.
  struct Audit {
    std::string log;
    std::atomic<uint64_t> walked{0};
    std::atomic<uint64_t> total{0};
    std::atomic<bool> stop{false};  // Set at shutdown.
    absl::Mutex mu;
    v1::AuditStatus status ABSL_GUARDED_BY(mu);
    std::thread thread;
  };

  // The log named `log`: INVALID_ARGUMENT when empty, NOT_FOUND unknown.
  absl::StatusOr<const storage::EventLog*> LogNamed(
      const std::string& log) const;
  v1::AuditStatus StatusOf(uint64_t number, Audit& audit) const;
  absl::Status StartAudit(const std::string& log, v1::AuditStatus* out);

  ServerCore& core_;
  absl::Mutex mu_;
  uint64_t next_audit_ ABSL_GUARDED_BY(mu_) = 0;
  // By number ("audit-<number>"), oldest first.
  std::map<uint64_t, std::unique_ptr<Audit>> audits_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_TRANSPARENCY_SERVICE_H_
