// The activity context on the shared command path
// (services/commands/command_runner.h): funded projects and hour records,
// and the facts their rules read from elsewhere, gathered here so that the
// deciders (decider.h) stay pure.
//
// Immutable after construction; thread-safe.
#ifndef TUTORNET_SERVICES_ACTIVITY_CONTEXT_H_
#define TUTORNET_SERVICES_ACTIVITY_CONTEXT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/activity/decider.h"
#include "services/activity/policy.h"
#include "services/activity/state.h"

namespace tutornet::activity {

std::string ProjectStream(absl::string_view project_id);
std::string TutorStream(absl::string_view person_id);

class ProjectContext {
 public:
  using State = ProjectState;
  using Command = v1::ProjectCommand;
  using Event = v1::ProjectEvent;
  // Fills a decided MonthClosed with the month's totals, the log position
  // they were read at and a signed tree head covering it.
  using Closing = std::function<absl::Status(v1::MonthClosed*)>;

  // `today` is the day decisions are made on (a month closes after it).
  ProjectContext(Closing closing, std::function<absl::CivilDay()> today)
      : closing_(std::move(closing)), today_(std::move(today)) {}

  absl::StatusOr<std::string> StreamOf(const Command& command) const;
  State Evolve(State state, const Event& event) const {
    return activity::Evolve(std::move(state), event);
  }
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command) const;
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         absl::Time) const {
    return AuthorizeProjectCommand(principal, command, state);
  }

 private:
  Closing closing_;
  std::function<absl::CivilDay()> today_;
};

class HoursContext {
 public:
  using State = TutorState;
  using Command = v1::HoursCommand;
  using Event = v1::HoursEvent;
  // A funded project's state now.
  using Projects =
      std::function<absl::StatusOr<ProjectState>(const std::string&)>;
  // The registry's facts of an entry's school for `person_id`, in
  // `network_id`.
  using Schools = std::function<absl::StatusOr<SchoolFacts>(
      const std::string& network_id, const std::string& person_id,
      const v1::HourEntry& entry)>;

  HoursContext(Projects projects, Schools schools)
      : projects_(std::move(projects)), schools_(std::move(schools)) {}

  absl::StatusOr<std::string> StreamOf(const Command& command) const;
  State Evolve(State state, const Event& event) const {
    return activity::Evolve(std::move(state), event);
  }
  using Facts = HoursFacts;
  // The projects the command touches and, for log and amend, the registry's
  // facts of the entry's school.
  absl::StatusOr<Facts> Gather(const access::Principal& principal,
                               const State& state, const Command& command,
                               absl::Time now) const;
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command,
                                            const Facts& facts) const {
    return DecideHours(state, command, facts);
  }
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         const Facts& facts) const;

 private:
  Projects projects_;
  Schools schools_;
};

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_CONTEXT_H_
