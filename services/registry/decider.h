// The registry's rules, as a pure decider:
//
//   Decide(state, command) -> events | error     what may happen
//   Evolve(state, event)   -> state              what did happen
//
// No clock, randomness, I/O or logging: the caller loads the network's
// stream, folds it with Evolve, calls Decide and appends the events with the
// stream's version as the expected version. Evolve applies facts and never
// rejects. Thread-safe (no shared state).
//
// Decide's errors:
//   INVALID_ARGUMENT    malformed input; the message names the field.
//   NOT_FOUND           the network, region, municipality, school or
//                       appointment named does not exist.
//   ALREADY_EXISTS      the network, region, school or appointment id is taken.
//   FAILED_PRECONDITION the command conflicts with the network's state:
//                       an overlapping appointment, a closed school, a move
//                       that does not move forward in time, ...
#ifndef TUTORNET_SERVICES_REGISTRY_DECIDER_H_
#define TUTORNET_SERVICES_REGISTRY_DECIDER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/registry/network_state.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

// The stream of a network's registry events.
std::string NetworkStream(absl::string_view network_id);

// The network a command is about (every command names one).
const std::string& NetworkIdOf(const v1::RegistryCommand& command);

absl::StatusOr<std::vector<v1::RegistryEvent>> Decide(
    const NetworkState& state, const v1::RegistryCommand& command);

NetworkState Evolve(NetworkState state, const v1::RegistryEvent& event);

NetworkState Fold(absl::Span<const v1::RegistryEvent> events);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_DECIDER_H_
