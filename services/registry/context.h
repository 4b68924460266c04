// The registry as a context of the shared command path
// (services/commands/command_runner.h): its state, rules and policy, and
// the people context beside it (personal data in a log of its own).
//
// Both are immutable after construction; thread-safe.
#ifndef TUTORNET_SERVICES_REGISTRY_CONTEXT_H_
#define TUTORNET_SERVICES_REGISTRY_CONTEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/registry/decider.h"
#include "services/registry/network_state.h"
#include "services/registry/policy.h"
#include "storage/event_log.h"
#include "tutornet/v1/registry.pb.h"
#include "tutornet/v1/registry_service.pb.h"

namespace tutornet::registry {

class RegistryContext {
 public:
  using State = NetworkState;
  using Command = v1::RegistryCommand;
  using Event = v1::RegistryEvent;

  absl::StatusOr<std::string> StreamOf(const Command& command) const;
  State Evolve(State state, const Event& event) const {
    return registry::Evolve(std::move(state), event);
  }
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command) const {
    return registry::Decide(state, command);
  }
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         absl::Time now) const;
};

// People's personal data: one stream per person ("person-<id>") in the
// people log, each event the person's record as it now is.
inline constexpr char kPeopleLog[] = "people";

struct PersonState {
  bool exists = false;
};

class PeopleContext {
 public:
  using State = PersonState;
  using Command = v1::Person;  // Record this person's name and e-mail.
  using Event = v1::Person;    // Recorded.
  // What the policy must know of a person (from the registry's read model
  // and the tokens), asked for at each command.
  using PersonFactsReader =
      std::function<absl::StatusOr<PersonFacts>(const std::string&)>;

  explicit PeopleContext(PersonFactsReader facts) : facts_(std::move(facts)) {}

  absl::StatusOr<std::string> StreamOf(const Command& person) const;
  State Evolve(State, const Event&) const { return {true}; }
  // INVALID_ARGUMENT naming the field for a bad id, name or e-mail.
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& person) const;
  absl::Status Authorize(const access::Principal& principal,
                         const Command& person, const State& state,
                         absl::Time now) const;

  // PERMISSION_DENIED unless `principal` may read the person's data.
  absl::Status AuthorizeRead(const access::Principal& principal,
                             const std::string& person_id) const;

 private:
  PersonFactsReader facts_;
};

// The latest record of the person; NOT_FOUND if there is none.
absl::StatusOr<v1::Person> GetPerson(const storage::EventLog& log,
                                     const std::string& person_id);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_CONTEXT_H_
