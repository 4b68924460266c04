// The training service's command side, put together: trainings and
// gatherings on their command runners over the training log, with the
// facts their rules read from the service's own view of the registry log
// (networks, regions, municipalities, schools) and from the log itself
// (a facilitator's training). Every rule on a training's places is
// decided on its one stream, under the runner's stream lock: concurrent
// registrations queue there, so a place is never given twice.
//
// Thread-safe. Requires: the log and the view outlive it.
#ifndef TUTORNET_SERVICES_TRAINING_TRAINING_H_
#define TUTORNET_SERVICES_TRAINING_TRAINING_H_

#include "absl/time/time.h"
#include "services/commands/command_runner.h"
#include "services/projections/projector.h"
#include "services/training/context.h"
#include "storage/event_log.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::training {

class Training {
 public:
  // `registry_view` projects the registry log (a RegistryProjection of
  // this service's own).
  Training(storage::EventLog& log, const projections::Projector& registry_view,
           commands::RunnerOptions options = {});

  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::TrainingCommand& command, const v1::RequestHeader& header,
      const access::Principal& principal);
  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::GatheringCommand& command, const v1::RequestHeader& header,
      const access::Principal& principal);

 private:
  absl::StatusOr<Facts> ReadFacts(const FactsQuery& query);

  const projections::Projector& registry_view_;
  TrainingContext training_context_;
  GatheringContext gathering_context_;
  commands::CommandRunner<TrainingContext> trainings_;
  commands::CommandRunner<GatheringContext> gatherings_;
};

}  // namespace tutornet::training

#endif  // TUTORNET_SERVICES_TRAINING_TRAINING_H_
