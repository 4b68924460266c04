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
//   admins read and change anyone's; a network coordinator reads and
//   changes those of people who hold or held a role in their network (an
//   appointment that has started: one decided for a later day does not
//   count yet), never an admin's; a regional coordinator reads the same
//   people's, but changes only those whose roles there are all at school
//   level (tutors, mentors, principals), not their coordinators'; everyone
//   reads and changes their own; funders never see personal data, not
//   even their own through a role.
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
struct PersonFacts {
  bool is_admin = false;  // Holds an admin token.
  // The networks where the person holds or held a role by today, each with
  // whether one of those roles is above school level.
  std::map<std::string, bool> networks;
};
enum class PersonalDataAccess { kRead, kWrite };
absl::Status AuthorizePersonalData(const access::Principal& principal,
                                   absl::string_view person_id,
                                   const PersonFacts& facts,
                                   PersonalDataAccess access);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_POLICY_H_
