// The development service's command side, put together: every process on
// one command runner over the development log, with the facts its rules
// read from the service's own view of the registry log (schools, where
// they are, who is principal or tutor teacher there) and from the
// network's catalogue stream. Each process is one stream, so its steps
// are decided in order under the runner's stream lock.
//
// Thread-safe. Requires: the log and the view outlive it.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_DEVELOPMENT_H_
#define TUTORNET_SERVICES_DEVELOPMENT_DEVELOPMENT_H_

#include "services/commands/command_runner.h"
#include "services/development/context.h"
#include "services/projections/projector.h"
#include "storage/event_log.h"

namespace tutornet::development {

class Development {
 public:
  // `registry_view` projects the registry log (a RegistryProjection of
  // this service's own).
  Development(storage::EventLog& log,
              const projections::Projector& registry_view,
              commands::RunnerOptions options = {});

  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::DevelopmentCommand& command, const v1::RequestHeader& header,
      const access::Principal& principal);

 private:
  absl::StatusOr<Facts> ReadFacts(const FactsQuery& query);

  const projections::Projector& registry_view_;
  DevelopmentContext context_;
  commands::CommandRunner<DevelopmentContext> runner_;
};

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_DEVELOPMENT_H_
