// RegistryHandler: runs registry commands against a network's event stream.
//
//   load the stream -> fold with Evolve -> Decide -> append with the version
//   read as the expected version; on a version conflict re-read and retry
//   (a bounded number of times).
//
// A request id makes a retry return the first outcome: the log remembers
// request ids, and every event records the SHA-256 of the command that caused
// it (causation_id), so reusing a request id for another command is
// ALREADY_EXISTS. No gRPC here: the server layer maps statuses.
//
// Thread-safe (the log is); the log must outlive the handler.
#ifndef TUTORNET_SERVICES_REGISTRY_COMMAND_HANDLER_H_
#define TUTORNET_SERVICES_REGISTRY_COMMAND_HANDLER_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/registry/network_state.h"
#include "storage/event_log.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

struct CommandOutcome {
  uint64_t network_version = 0;  // The network stream's version after it.
  uint64_t position = 0;         // The log position of its last event.
  bool deduplicated = false;     // A retry of an earlier request.
};

struct NetworkHistory {
  uint64_t version = 0;
  std::vector<v1::RegistryEvent> events;
};

class RegistryHandler {
 public:
  explicit RegistryHandler(storage::EventLog& log) : log_(log) {}

  // Errors: Decide's (see decider.h); ABORTED when `expected_version` is set
  // and not the network's version, or when other writers keep winning;
  // ALREADY_EXISTS when `request_id` was used for another command;
  // INVALID_ARGUMENT for a malformed request id; the log's own errors.
  //
  // `authorize` sees the network's state before each decision and may refuse
  // (e.g. PERMISSION_DENIED); nothing is written then.
  using Authorize = absl::FunctionRef<absl::Status(const NetworkState&)>;
  absl::StatusOr<CommandOutcome> Handle(
      const v1::RegistryCommand& command, absl::string_view request_id,
      std::optional<uint64_t> expected_version, absl::string_view actor,
      absl::Time now, Authorize authorize);

  // Every event of the network, in order. NOT_FOUND if it has none.
  absl::StatusOr<NetworkHistory> Load(absl::string_view network_id) const;

 private:
  // A network's folded state at a stream version.
  struct FoldedNetwork {
    uint64_t version = 0;
    NetworkState state;
  };
  // Calls `visit` for each of the network's events from `from_version` on.
  absl::Status ReadEvents(
      absl::string_view network_id, uint64_t from_version,
      absl::FunctionRef<void(v1::RegistryEvent, uint64_t version)> visit) const;
  // The cached fold brought up to date: reads only the events after it.
  absl::StatusOr<FoldedNetwork> CurrentState(
      const std::string& network_id) const;
  void Remember(const std::string& network_id, FoldedNetwork folded) const;
  absl::StatusOr<std::optional<CommandOutcome>> EarlierOutcome(
      absl::string_view request_id, absl::string_view digest) const;

  storage::EventLog& log_;
  // Commands on one network run one at a time in this process, so they do
  // not race each other into version conflicts; the expected-version check
  // still guards against other processes. Striped by network id.
  std::array<absl::Mutex, 64> network_locks_;
  // The last fold of each network written through this handler, so that a
  // command reads only the events since, not the whole stream. One entry
  // per network (networks are few).
  mutable absl::Mutex cache_mu_;
  mutable std::map<std::string, FoldedNetwork> folded_
      ABSL_GUARDED_BY(cache_mu_);
};

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_COMMAND_HANDLER_H_
