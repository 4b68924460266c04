// Who may do what in the registry: one pure policy, written with the
// shared scope checks of services/access/principal.h.
//
//   admin                 everything, every network.
//   network_coordinator   every registry command and read of its network,
//                         but not creating networks.
//   regional_coordinator  in its network, only within its regions (as they
//                         are today: a move decided for a later day counts
//                         from that day): assigning municipalities,
//                         registering and closing schools, appointing and
//                         ending tutors, mentors and principals; reads its
//                         network.
//   tutor, funder         read their network; no registry writes.
//
// Personal data (names, e-mail addresses; the people context):
//   admins read and change anyone's; everyone reads and changes their own;
//   funders never see personal data, not even their own through a role.
//   A coordinator reads and changes those of people who hold or held a
//   role (an appointment that has started) in their network and in no
//   other: appointing someone of another network does not open that
//   person's data to the appointer, and people of several networks are
//   the admins' to manage. Never an admin's. A network coordinator may
//   change any such person's; a regional coordinator reads them, and
//   changes only those whose roles are all at schools in its regions.
//
// Denials are PERMISSION_DENIED and say what was outside the principal's
// scope. Something a command names that does not exist is left for the
// decider to report (NOT_FOUND). Pure; thread-safe.
#ifndef TUTORNET_SERVICES_REGISTRY_POLICY_H_
#define TUTORNET_SERVICES_REGISTRY_POLICY_H_

#include <map>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/access/principal.h"
#include "services/registry/network_state.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

absl::Status AuthorizeCommand(const access::Principal& principal,
                              const v1::RegistryCommand& command,
                              const NetworkState& state, absl::CivilDay today);
absl::Status AuthorizeRead(const access::Principal& principal,
                           absl::string_view network_id);

// What the policy needs to know of the person whose data is asked for.
struct NetworkRoles {
  bool above_school = false;      // Some role there is above school level.
  std::set<std::string> regions;  // Where its school-level roles are today.
};
struct PersonFacts {
  bool is_admin = false;  // Holds an admin token.
  // The networks where the person holds or held a role by today.
  std::map<std::string, NetworkRoles> networks;
};
enum class PersonalDataAccess { kRead, kWrite };
absl::Status AuthorizePersonalData(const access::Principal& principal,
                                   absl::string_view person_id,
                                   const PersonFacts& facts,
                                   PersonalDataAccess access);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_POLICY_H_
