// Competence mapping rounds (osaamiskartoitus) and personal training plans
// (kouluttautumissuunnitelma). Areas come from the network's catalogue;
// a round names its areas at opening, and each answer covers every one.
#include <set>

#include "absl/strings/str_cat.h"
#include "services/development/decider.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using C = v1::DevelopmentCommand;

inline constexpr int kMaxPlanItems = 100;

absl::StatusOr<Events> Open(const DevelopmentState& state,
                            const v1::OpenMappingRound& o, const Facts& facts) {
  if (state.exists) {
    return absl::AlreadyExistsError(
        absl::StrCat("round_id: \"", o.round_id(), "\" is taken"));
  }
  if (!facts.network_known) {
    return absl::NotFoundError(
        absl::StrCat("no network \"", o.network_id(), "\""));
  }
  RETURN_IF_ERROR(values::ValidateName("title", o.title()));
  if (!o.school_id().empty()) {
    RETURN_IF_ERROR(RequireSchool("school_id", o.school_id(), facts));
  }
  if (o.area_ids().empty() || o.area_ids_size() > kMaxRoundAreas) {
    return values::Invalid("area_ids", "must name 1-50 areas");
  }
  RETURN_IF_ERROR(values::ValidateIdList("area_ids", o.area_ids()));
  RETURN_IF_ERROR(values::ValidateDate("opens", o.opens()));
  RETURN_IF_ERROR(values::ValidateDate("closes", o.closes()));
  if (values::ToCivilDay(o.closes()) < values::ToCivilDay(o.opens())) {
    return values::Invalid("closes", "must not be before opens");
  }
  Events events;
  v1::MappingRoundOpened& e = *events.emplace_back().mutable_round_opened();
  *e.mutable_round() = o;
  for (int i = 0; i < o.area_ids_size(); ++i) {
    auto area = facts.catalogue.areas.find(o.area_ids(i));
    if (area == facts.catalogue.areas.end()) {
      return absl::NotFoundError(absl::StrCat("area_ids[", i, "]: \"",
                                              o.area_ids(i),
                                              "\" is not in the catalogue"));
    }
    *e.add_areas() = area->second;
  }
  if (!o.school_id().empty()) {
    *e.mutable_placement() = facts.School(o.school_id()).placement;
  }
  return events;
}

absl::StatusOr<Events> Answer(const DevelopmentState& state,
                              const v1::AnswerMapping& a, const Facts& facts) {
  const v1::OpenMappingRound& round = state.round.round;
  if (!state.exists) {
    return absl::NotFoundError(
        absl::StrCat("no mapping round \"", a.round_id(), "\""));
  }
  if (state.round.closed) {
    return absl::FailedPreconditionError("the round is closed");
  }
  if (facts.today < values::ToCivilDay(round.opens()) ||
      facts.today > values::ToCivilDay(round.closes())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the round takes answers from ", values::FormatDate(round.opens()),
        " to ", values::FormatDate(round.closes())));
  }
  RETURN_IF_ERROR(values::ValidateId("person_id", a.person_id()));
  if (!round.school_id().empty() && a.school_id() != round.school_id()) {
    return values::Invalid(
        "school_id",
        absl::StrCat("the round is for school \"", round.school_id(), "\""));
  }
  RETURN_IF_ERROR(RequireSchool("school_id", a.school_id(), facts));
  const std::set<std::string> areas(round.area_ids().begin(),
                                    round.area_ids().end());
  std::set<std::string> answered;
  for (int i = 0; i < a.answers_size(); ++i) {
    const v1::AreaAnswer& answer = a.answers(i);
    const std::string field = absl::StrCat("answers[", i, "]");
    if (areas.count(answer.area_id()) == 0) {
      return values::Invalid(absl::StrCat(field, ".area_id"),
                             "is not an area of the round");
    }
    if (!answered.insert(answer.area_id()).second) {
      return values::Invalid(absl::StrCat(field, ".area_id"),
                             "is answered twice");
    }
    if (answer.level() <= v1::SELF_ASSESSMENT_UNSPECIFIED ||
        !v1::SelfAssessment_IsValid(answer.level())) {
      return values::Invalid(
          absl::StrCat(field, ".level"),
          "must be 1 basic, 2 advanced, 3 developer or 4 needs training");
    }
  }
  if (answered.size() != areas.size()) {
    return values::Invalid("answers", absl::StrCat("must answer each of the "
                                                   "round's ",
                                                   areas.size(), " areas"));
  }
  Events events;
  v1::MappingAnswered& e = *events.emplace_back().mutable_mapping_answered();
  e.set_round_id(a.round_id());
  e.set_network_id(state.network_id);
  e.set_person_id(a.person_id());
  e.set_school_id(a.school_id());
  *e.mutable_placement() = facts.School(a.school_id()).placement;
  *e.mutable_answers() = a.answers();
  e.set_replaces(state.round.answered.count(a.person_id()) > 0);
  return events;
}

bool FinalStatus(v1::TrainingPlanItemStatus s) {
  return s == v1::TRAINING_PLAN_ITEM_STATUS_DONE ||
         s == v1::TRAINING_PLAN_ITEM_STATUS_DROPPED;
}

absl::StatusOr<Events> AddItem(const DevelopmentState& state,
                               const v1::AddTrainingPlanItem& a,
                               const Facts& facts) {
  if (!facts.network_known) {
    return absl::NotFoundError(
        absl::StrCat("no network \"", a.network_id(), "\""));
  }
  RETURN_IF_ERROR(values::ValidateId("item_id", a.item_id()));
  if (state.training_plan.items.count(a.item_id()) > 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("item_id: \"", a.item_id(), "\" is taken"));
  }
  if (state.training_plan.items.size() >= kMaxPlanItems) {
    return absl::FailedPreconditionError(
        "a training plan holds at most 100 items");
  }
  RETURN_IF_ERROR(values::ValidateId("area_id", a.area_id()));
  if (facts.catalogue.areas.count(a.area_id()) == 0) {
    return absl::NotFoundError(
        absl::StrCat("area_id: \"", a.area_id(), "\" is not in the catalogue"));
  }
  if (a.training_id().empty() == a.other_means().empty()) {
    return values::Invalid("training_id",
                           "give exactly one of training_id and other_means");
  }
  if (!a.training_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("training_id", a.training_id()));
  } else {
    RETURN_IF_ERROR(values::ValidateLabel("other_means", a.other_means()));
  }
  RETURN_IF_ERROR(ValidateOptionalNote("note", a.note()));
  Events events;
  *events.emplace_back().mutable_plan_item_added()->mutable_item() = a;
  return events;
}

absl::StatusOr<Events> SetStatus(const DevelopmentState& state,
                                 const v1::SetTrainingPlanItemStatus& s) {
  auto item = state.training_plan.items.find(s.item_id());
  if (item == state.training_plan.items.end()) {
    return absl::NotFoundError(
        absl::StrCat("item_id: the plan has no item \"", s.item_id(), "\""));
  }
  if (s.status() <= v1::TRAINING_PLAN_ITEM_STATUS_PLANNED ||
      !v1::TrainingPlanItemStatus_IsValid(s.status())) {
    return values::Invalid("status", "must be in progress, done or dropped");
  }
  RETURN_IF_ERROR(ValidateOptionalNote("note", s.note()));
  Events events;
  if (item->second == s.status()) return events;
  if (FinalStatus(item->second)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "item \"", s.item_id(), "\" is already ",
        item->second == v1::TRAINING_PLAN_ITEM_STATUS_DONE ? "done"
                                                           : "dropped"));
  }
  v1::TrainingPlanItemStatusSet& e =
      *events.emplace_back().mutable_item_status_set();
  e.set_network_id(s.network_id());
  e.set_person_id(s.person_id());
  e.set_item_id(s.item_id());
  e.set_status(s.status());
  e.set_note(s.note());
  return events;
}

}  // namespace

absl::StatusOr<Events> DecideMapping(const DevelopmentState& state, const C& c,
                                     const Facts& facts) {
  switch (c.command_case()) {
    case C::kOpenRound:
      return Open(state, c.open_round(), facts);
    case C::kAnswerMapping:
      return Answer(state, c.answer_mapping(), facts);
    case C::kCloseRound: {
      if (!state.exists) {
        return absl::NotFoundError(absl::StrCat(
            "no mapping round \"", c.close_round().round_id(), "\""));
      }
      Events events;
      if (state.round.closed) return events;
      v1::MappingRoundClosed& e = *events.emplace_back().mutable_round_closed();
      e.set_round_id(c.close_round().round_id());
      e.set_network_id(state.network_id);
      return events;
    }
    default:
      return values::Invalid("command", "is not a mapping command");
  }
}

absl::StatusOr<Events> DecideTrainingPlan(const DevelopmentState& state,
                                          const C& c, const Facts& facts) {
  if (c.has_add_plan_item()) return AddItem(state, c.add_plan_item(), facts);
  if (c.has_set_item_status()) return SetStatus(state, c.set_item_status());
  return values::Invalid("command", "is not a training plan command");
}

}  // namespace tutornet::development
