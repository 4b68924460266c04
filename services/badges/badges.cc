#include "services/badges/badges.h"

#include "absl/time/clock.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::badges {

// The runner must see CausationOf, or level badges would name no cause.
static_assert(commands::NamesCauses<HolderContext>::value);
static_assert(commands::GathersFacts<HolderContext>::value);

Badges::Badges(storage::EventLog& log,
               const projections::Projector& registry_view,
               commands::RunnerOptions options)
    : registry_view_(registry_view),
      catalog_context_([this](const FactsQuery& q) { return ReadFacts(q); }),
      holder_context_([this](const FactsQuery& q) { return ReadFacts(q); }),
      catalogs_(log, catalog_context_, options),
      holders_(log, holder_context_, options) {}

absl::StatusOr<commands::CommandOutcome> Badges::Run(
    const v1::BadgeCatalogCommand& command, const v1::RequestHeader& header,
    const access::Principal& principal) {
  return catalogs_.Run(command, header, principal);
}

absl::StatusOr<commands::CommandOutcome> Badges::Run(
    const v1::BadgeHolderCommand& command, const v1::RequestHeader& header,
    const access::Principal& principal) {
  return holders_.Run(command, header, principal);
}

absl::StatusOr<Facts> Badges::ReadFacts(const FactsQuery& q) {
  Facts facts;
  facts.now = q.now;
  facts.actor = q.actor;
  // A bad id is the decider's INVALID_ARGUMENT; nothing is looked up.
  if (!values::ValidateId("", q.network_id).ok()) return facts;
  std::shared_ptr<const projections::RowStore> store = registry_view_.store();
  std::unique_ptr<projections::RowReader> rows = store->Read();
  ASSIGN_OR_RETURN(facts.network_known,
                   registry::NetworkKnown(*rows, q.network_id));
  if (!facts.network_known) return facts;
  const absl::CivilDay today = values::FinnishDay(q.now);
  if (q.catalog) {
    // The catalogue's writes all go through catalogs_, whose cache each
    // updates before it answers: the fold is the log's.
    ASSIGN_OR_RETURN(commands::Fold<CatalogState> fold,
                     catalogs_.Load(CatalogStream(q.network_id)));
    facts.catalog = fold.state;
  }
  if (values::ValidateId("", q.school_id).ok()) {
    ASSIGN_OR_RETURN(
        std::optional<registry::SchoolOnDay> on,
        registry::SchoolOn(*rows, q.network_id, q.school_id, today));
    facts.school.known = on.has_value();
    if (on.has_value()) {
      facts.school.open = on->open;
      facts.school.placement.set_network_id(q.network_id);
      facts.school.placement.set_municipality_id(on->municipality_id);
      facts.school.placement.set_region_id(on->region_id);
    }
  }
  if (!q.supervisor_of.empty()) {
    ASSIGN_OR_RETURN(facts.caller_supervises,
                     registry::HoldsRoleAtSchool(*rows, q.actor, q.network_id,
                                                 v1::ROLE_PRINCIPAL,
                                                 q.supervisor_of, today));
  }
  return facts;
}

}  // namespace tutornet::badges
