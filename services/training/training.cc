#include "services/training/training.h"

#include "absl/time/clock.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::training {

Training::Training(storage::EventLog& log,
                   const projections::Projector& registry_view,
                   commands::RunnerOptions options)
    : registry_view_(registry_view),
      training_context_([this](const FactsQuery& q) { return ReadFacts(q); }),
      gathering_context_([this](const FactsQuery& q) { return ReadFacts(q); }),
      trainings_(log, training_context_, options),
      gatherings_(log, gathering_context_, options) {}

absl::StatusOr<commands::CommandOutcome> Training::Run(
    const v1::TrainingCommand& command, const v1::RequestHeader& header,
    const access::Principal& principal) {
  return trainings_.Run(command, header, principal);
}

absl::StatusOr<commands::CommandOutcome> Training::Run(
    const v1::GatheringCommand& command, const v1::RequestHeader& header,
    const access::Principal& principal) {
  return gatherings_.Run(command, header, principal);
}

absl::StatusOr<Facts> Training::ReadFacts(const FactsQuery& q) {
  Facts facts;
  facts.now = values::FinnishMinute(q.now);
  std::shared_ptr<const projections::RowStore> store = registry_view_.store();
  std::unique_ptr<projections::RowReader> rows = store->Read();
  ASSIGN_OR_RETURN(facts.network_known,
                   registry::NetworkKnown(*rows, q.network_id));
  if (!facts.network_known) return facts;
  const absl::CivilDay today = values::FinnishDay(q.now);
  auto placement = [&](const std::string& municipality,
                       const std::string& region) {
    v1::Placement p;
    p.set_network_id(q.network_id);
    p.set_municipality_id(municipality);
    p.set_region_id(region);
    return p;
  };
  auto region = [&](const std::string& id) -> absl::StatusOr<PlaceFacts> {
    PlaceFacts f;
    ASSIGN_OR_RETURN(f.known, registry::RegionKnown(*rows, q.network_id, id));
    f.placement = placement("", id);
    return f;
  };
  auto municipality = [&](const std::string& id) -> absl::StatusOr<PlaceFacts> {
    ASSIGN_OR_RETURN(
        std::optional<std::string> in,
        registry::MunicipalityRegionOn(*rows, q.network_id, id, today));
    PlaceFacts f;
    f.known = in.has_value();
    f.placement = placement(id, in.value_or(""));
    return f;
  };
  auto school = [&](const std::string& id) -> absl::StatusOr<PlaceFacts> {
    ASSIGN_OR_RETURN(std::optional<registry::SchoolOnDay> on,
                     registry::SchoolOn(*rows, q.network_id, id, q.school_day));
    PlaceFacts f;
    f.known = on.has_value();
    if (on.has_value()) {
      f.open = on->open;
      f.placement = placement(on->municipality_id, on->region_id);
    }
    return f;
  };
  if (!q.organiser_region_id.empty()) {
    ASSIGN_OR_RETURN(facts.organiser, region(q.organiser_region_id));
  }
  if (!q.organiser_municipality_id.empty()) {
    ASSIGN_OR_RETURN(facts.organiser,
                     municipality(q.organiser_municipality_id));
  }
  if (!q.venue_school_id.empty()) {
    ASSIGN_OR_RETURN(facts.venue, school(q.venue_school_id));
  }
  if (!q.venue_municipality_id.empty()) {
    ASSIGN_OR_RETURN(facts.venue, municipality(q.venue_municipality_id));
  }
  if (!q.school_id.empty()) {
    ASSIGN_OR_RETURN(facts.school, school(q.school_id));
  }
  if (!q.region_id.empty()) {
    ASSIGN_OR_RETURN(facts.region, region(q.region_id));
  }
  if (!q.facilitator_id.empty() &&
      values::ValidateId("", q.facilitator_id).ok()) {
    ASSIGN_OR_RETURN(commands::Fold<GatheringState> fold,
                     gatherings_.Load(FacilitatorStream(q.facilitator_id)));
    facts.facilitator_trained =
        fold.state->kind == GatheringState::Kind::kFacilitator &&
        fold.state->network_id == q.network_id;
  }
  return facts;
}

}  // namespace tutornet::training
