// The rules of role appointments: which scope each role takes, and that a
// person never holds the same role over the same scope twice at once.
// Pure; thread-safe.
#ifndef TUTORNET_SERVICES_REGISTRY_APPOINTMENTS_H_
#define TUTORNET_SERVICES_REGISTRY_APPOINTMENTS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "services/registry/network_state.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

// Decide for AppointRole (see decider.h for the error codes).
absl::StatusOr<std::vector<v1::RegistryEvent>> DecideAppointRole(
    const NetworkState& state, const v1::AppointRole& command);

// True if both are the same person's same role, their scopes share a
// school or region (or the role is network-wide), and their dates overlap.
bool Overlaps(const AppointmentState& a, const AppointmentState& b);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_APPOINTMENTS_H_
