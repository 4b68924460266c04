// The badges service's command side, put together: the catalogue and the
// holders on their command runners over the badges log, with the facts
// their rules read from the service's own view of the registry log
// (networks, schools, principals) and from the catalogue streams. Every
// rule on a person's badges is decided on their one stream, under the
// runner's stream lock: a level badge is never awarded twice.
//
// Thread-safe. Requires: the log and the view outlive it.
#ifndef TUTORNET_SERVICES_BADGES_BADGES_H_
#define TUTORNET_SERVICES_BADGES_BADGES_H_

#include "services/badges/context.h"
#include "services/commands/command_runner.h"
#include "services/projections/projector.h"
#include "storage/event_log.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::badges {

class Badges {
 public:
  // `registry_view` projects the registry log (a RegistryProjection of
  // this service's own).
  Badges(storage::EventLog& log, const projections::Projector& registry_view,
         commands::RunnerOptions options = {});

  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::BadgeCatalogCommand& command, const v1::RequestHeader& header,
      const access::Principal& principal);
  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::BadgeHolderCommand& command, const v1::RequestHeader& header,
      const access::Principal& principal);

 private:
  absl::StatusOr<Facts> ReadFacts(const FactsQuery& query);

  const projections::Projector& registry_view_;
  CatalogContext catalog_context_;
  HolderContext holder_context_;
  commands::CommandRunner<CatalogContext> catalogs_;
  commands::CommandRunner<HolderContext> holders_;
};

}  // namespace tutornet::badges

#endif  // TUTORNET_SERVICES_BADGES_BADGES_H_
