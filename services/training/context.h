// The training context on the shared command path
// (services/commands/command_runner.h): trainings, and the meetings,
// takeovers and peer groups ("gatherings"), with the facts their rules
// read from elsewhere gathered here so that the deciders stay pure.
//
// Immutable after construction; thread-safe.
#ifndef TUTORNET_SERVICES_TRAINING_CONTEXT_H_
#define TUTORNET_SERVICES_TRAINING_CONTEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/training/decider.h"
#include "services/training/policy.h"
#include "services/training/state.h"

namespace tutornet::training {

// The name of the training service's log.
inline constexpr char kTrainingLog[] = "training";

std::string TrainingStream(absl::string_view training_id);
// The stream a gathering command writes: meeting-, takeover-, peergroup-
// or facilitator-<id>.
absl::StatusOr<std::string> GatheringStream(const v1::GatheringCommand& c);
std::string FacilitatorStream(absl::string_view person_id);

// What a command asks of the registry and the other streams. Each answer
// lands in the Facts field of the same name; empty ids are not looked up.
struct FactsQuery {
  absl::Time now;
  std::string network_id;
  // facts.organiser: a region, or a municipality (with its region today).
  std::string organiser_region_id;
  std::string organiser_municipality_id;
  // facts.venue: a school (on school_day), or a municipality.
  std::string venue_school_id;
  std::string venue_municipality_id;
  std::string school_id;       // facts.school, on school_day.
  std::string region_id;       // facts.region.
  absl::CivilDay school_day;   // The day schools must be open.
  std::string facilitator_id;  // facts.facilitator_trained.
};
using FactsReader = std::function<absl::StatusOr<Facts>(const FactsQuery&)>;

class TrainingContext {
 public:
  using State = TrainingState;
  using Command = v1::TrainingCommand;
  using Event = v1::TrainingEvent;

  explicit TrainingContext(FactsReader facts) : facts_(std::move(facts)) {}

  absl::StatusOr<std::string> StreamOf(const Command& command) const;
  State Evolve(State state, const Event& event) const {
    return training::Evolve(std::move(state), event);
  }
  using Facts = training::Facts;
  // The registry's facts the command names, and the time.
  absl::StatusOr<Facts> Gather(const access::Principal& principal,
                               const State& state, const Command& command,
                               absl::Time now) const;
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command,
                                            const Facts& facts) const;
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         const Facts& facts) const;

 private:
  FactsReader facts_;
};

class GatheringContext {
 public:
  using State = GatheringState;
  using Command = v1::GatheringCommand;
  using Event = v1::GatheringEvent;

  explicit GatheringContext(FactsReader facts) : facts_(std::move(facts)) {}

  absl::StatusOr<std::string> StreamOf(const Command& command) const {
    return GatheringStream(command);
  }
  State Evolve(State state, const Event& event) const {
    return training::Evolve(std::move(state), event);
  }
  using Facts = training::Facts;
  // The registry's facts the command names, and the time.
  absl::StatusOr<Facts> Gather(const access::Principal& principal,
                               const State& state, const Command& command,
                               absl::Time now) const;
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command,
                                            const Facts& facts) const;
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         const Facts& facts) const;

 private:
  FactsReader facts_;
};

}  // namespace tutornet::training

#endif  // TUTORNET_SERVICES_TRAINING_CONTEXT_H_
