// The badges context on the shared command path
// (services/commands/command_runner.h): a network's badge catalogue, and
// each person's applications and awards, with the facts their rules read
// from elsewhere (the registry view, the catalogue, the caller's roles)
// gathered here so that the deciders stay pure.
//
// Immutable after construction; thread-safe.
#ifndef TUTORNET_SERVICES_BADGES_CONTEXT_H_
#define TUTORNET_SERVICES_BADGES_CONTEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/badges/decider.h"
#include "services/badges/policy.h"
#include "services/badges/state.h"

namespace tutornet::badges {

// The name of the badges log.
inline constexpr char kBadgesLog[] = "badges";

// "badge-catalog-<network>".
std::string CatalogStream(absl::string_view network_id);
// "badges-<network>:<person>" (ids hold no ':').
std::string HolderStream(absl::string_view network_id,
                         absl::string_view person_id);

// What a command asks of the registry and the catalogue. Empty ids are
// not looked up.
struct FactsQuery {
  absl::Time now;
  std::string actor;
  std::string network_id;
  bool catalog = false;       // facts.catalog
  std::string school_id;      // facts.school, today
  std::string supervisor_of;  // facts.caller_supervises: a school id
};
using FactsReader = std::function<absl::StatusOr<Facts>(const FactsQuery&)>;

class CatalogContext {
 public:
  using State = CatalogState;
  using Command = v1::BadgeCatalogCommand;
  using Event = v1::BadgeCatalogEvent;
  using Facts = badges::Facts;

  explicit CatalogContext(FactsReader facts) : facts_(std::move(facts)) {}

  absl::StatusOr<std::string> StreamOf(const Command& command) const;
  State Evolve(State state, const Event& event) const {
    return badges::Evolve(std::move(state), event);
  }
  absl::StatusOr<Facts> Gather(const access::Principal& principal,
                               const State& state, const Command& command,
                               absl::Time now) const;
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command,
                                            const Facts& facts) const {
    return DecideCatalog(state, command, facts);
  }
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State&,
                         const Facts&) const {
    return AuthorizeCatalogCommand(principal, command);
  }

 private:
  FactsReader facts_;
};

class HolderContext {
 public:
  using State = HolderState;
  using Command = v1::BadgeHolderCommand;
  using Event = v1::BadgeHolderEvent;
  using Facts = badges::Facts;

  explicit HolderContext(FactsReader facts) : facts_(std::move(facts)) {}

  absl::StatusOr<std::string> StreamOf(const Command& command) const;
  State Evolve(State state, const Event& event) const {
    return badges::Evolve(std::move(state), event);
  }
  absl::StatusOr<Facts> Gather(const access::Principal& principal,
                               const State& state, const Command& command,
                               absl::Time now) const;
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command,
                                            const Facts& facts) const {
    return DecideHolder(state, command, facts);
  }
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         const Facts& facts) const {
    return AuthorizeHolderCommand(principal, command, state, facts);
  }
  // A level badge is caused by the award that completed its level, and
  // its revocation by the revocation it came with: "<stream>/<award id>".
  std::string CausationOf(const std::string& stream, const Event& e) const;

 private:
  FactsReader facts_;
};

}  // namespace tutornet::badges

#endif  // TUTORNET_SERVICES_BADGES_CONTEXT_H_
