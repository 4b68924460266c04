// The development context on the shared command path
// (services/commands/command_runner.h): one context for every process of
// the development log, since each stream is one process and the rules
// read the same facts (the registry's schools and roles, the network's
// catalogue, the day). The facts a command names are gathered here so
// that the deciders stay pure.
//
// Immutable after construction; thread-safe.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_CONTEXT_H_
#define TUTORNET_SERVICES_DEVELOPMENT_CONTEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/development/decider.h"
#include "services/development/policy.h"
#include "services/development/state.h"

namespace tutornet::development {

// The name of the development service's log.
inline constexpr char kDevelopmentLog[] = "development";

std::string CatalogueStream(absl::string_view network_id);

// What a command asks of the registry and the catalogue; each answer lands
// in the Facts field of the same name.
struct FactsQuery {
  absl::Time now;
  std::string network_id;
  bool catalogue = false;
  std::vector<std::string> school_ids;
  std::vector<RoleAt> roles;
};
using FactsReader = std::function<absl::StatusOr<Facts>(const FactsQuery&)>;

class DevelopmentContext {
 public:
  using State = DevelopmentState;
  using Command = v1::DevelopmentCommand;
  using Event = v1::DevelopmentEvent;
  using Facts = development::Facts;

  explicit DevelopmentContext(FactsReader facts) : facts_(std::move(facts)) {}

  absl::StatusOr<std::string> StreamOf(const Command& command) const {
    return development::StreamOf(command);
  }
  State Evolve(State state, const Event& event) const {
    return development::Evolve(std::move(state), event);
  }
  // The registry's facts and the catalogue the command and the stream
  // name, and the day.
  absl::StatusOr<Facts> Gather(const access::Principal& principal,
                               const State& state, const Command& command,
                               absl::Time now) const;
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command,
                                            const Facts& facts) const {
    return DecideDevelopment(state, command, facts);
  }
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         const Facts& facts) const {
    return AuthorizeCommand(principal, command, state, facts);
  }

 private:
  FactsReader facts_;
};

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_CONTEXT_H_
