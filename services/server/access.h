// Access control: every decision of who may do what, in one place.
//
//   admin                 everything, every network.
//   network_coordinator   every registry command and read of its network,
//                         but not creating networks.
//   regional_coordinator  in its network, only within its regions:
//                         assigning municipalities, registering and closing
//                         schools, appointing and ending tutors, mentors and
//                         principals; reads its network.
//   tutor, funder         read their network; no registry writes.
//   tokens                admins only.
//   personal data         recorded and read by admins and coordinators, and
//                         by each person for themself; funders never see it.
//
// Denials are PERMISSION_DENIED and say what was outside the principal's
// scope. Something a command names that does not exist is left for the
// decider to report (NOT_FOUND). Pure; thread-safe.
#ifndef TUTORNET_SERVICES_SERVER_ACCESS_H_
#define TUTORNET_SERVICES_SERVER_ACCESS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/registry/network_state.h"
#include "services/server/tokens.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::server {

absl::Status AuthorizeCommand(const Principal& principal,
                              const v1::RegistryCommand& command,
                              const registry::NetworkState& state);
absl::Status AuthorizeRead(const Principal& principal,
                           absl::string_view network_id);
absl::Status AuthorizeTokenAdmin(const Principal& principal);
absl::Status AuthorizePersonalData(const Principal& principal,
                                   absl::string_view person_id);

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_ACCESS_H_
