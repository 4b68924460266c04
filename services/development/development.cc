#include "services/development/development.h"

#include "absl/time/clock.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {

static_assert(commands::GathersFacts<DevelopmentContext>::value);

Development::Development(storage::EventLog& log,
                         const projections::Projector& registry_view,
                         commands::RunnerOptions options)
    : registry_view_(registry_view),
      context_([this](const FactsQuery& q) { return ReadFacts(q); }),
      runner_(log, context_, options) {}

absl::StatusOr<commands::CommandOutcome> Development::Run(
    const v1::DevelopmentCommand& command, const v1::RequestHeader& header,
    const access::Principal& principal) {
  return runner_.Run(command, header, principal);
}

absl::StatusOr<Facts> Development::ReadFacts(const FactsQuery& q) {
  Facts facts;
  facts.today = values::FinnishDay(q.now);
  std::shared_ptr<const projections::RowStore> store = registry_view_.store();
  std::unique_ptr<projections::RowReader> rows = store->Read();
  ASSIGN_OR_RETURN(facts.network_known,
                   registry::NetworkKnown(*rows, q.network_id));
  if (!facts.network_known) return facts;
  for (const std::string& id : q.school_ids) {
    // A bad id is the decider's INVALID_ARGUMENT; nothing is looked up.
    if (!values::ValidateId("", id).ok() || facts.schools.count(id) > 0) {
      continue;
    }
    ASSIGN_OR_RETURN(std::optional<registry::SchoolOnDay> on,
                     registry::SchoolOn(*rows, q.network_id, id, facts.today));
    SchoolFacts& school = facts.schools[id];
    school.known = on.has_value();
    if (on.has_value()) {
      school.open = on->open;
      school.placement.set_network_id(q.network_id);
      school.placement.set_municipality_id(on->municipality_id);
      school.placement.set_region_id(on->region_id);
    }
  }
  for (const RoleAt& role : q.roles) {
    const auto& [person, kind, school] = role;
    if (!values::ValidateId("", person).ok() ||
        !values::ValidateId("", school).ok()) {
      continue;
    }
    ASSIGN_OR_RETURN(bool holds,
                     registry::HoldsRoleAtSchool(*rows, person, q.network_id,
                                                 kind, school, facts.today));
    if (holds) facts.roles.insert(role);
  }
  if (q.catalogue) {
    // Every write of the catalogue goes through runner_, whose cache each
    // updates before it answers: the fold is the log's.
    ASSIGN_OR_RETURN(commands::Fold<DevelopmentState> fold,
                     runner_.Load(CatalogueStream(q.network_id)));
    facts.catalogue = fold.state->catalogue;
  }
  return facts;
}

}  // namespace tutornet::development
