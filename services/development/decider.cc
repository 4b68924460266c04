#include "services/development/decider.h"

#include "absl/strings/str_cat.h"
#include "services/development/keys.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using C = v1::DevelopmentCommand;

absl::StatusOr<std::string> TrainingPlanStream(const std::string& network,
                                               const std::string& person) {
  RETURN_IF_ERROR(values::ValidateId("network_id", network));
  RETURN_IF_ERROR(values::ValidateId("person_id", person));
  return TrainingPlanStreamName(network, person);
}

template <typename Plan>
absl::StatusOr<std::string> PlanStream(const Plan& c) {
  RETURN_IF_ERROR(values::ValidateId("network_id", c.network_id()));
  RETURN_IF_ERROR(values::ValidateId("person_id", c.person_id()));
  RETURN_IF_ERROR(ValidateSchoolYear(c.school_year()));
  return PlanStreamName(c.network_id(), c.person_id(), c.school_year());
}

absl::StatusOr<std::string> IdStream(absl::string_view prefix,
                                     absl::string_view field,
                                     const std::string& id) {
  RETURN_IF_ERROR(values::ValidateId(field, id));
  return absl::StrCat(prefix, id);
}

}  // namespace

const SchoolFacts& Facts::School(const std::string& school_id) const {
  static const SchoolFacts* const kUnknown = new SchoolFacts();
  auto it = schools.find(school_id);
  return it == schools.end() ? *kUnknown : it->second;
}

bool Facts::Holds(const std::string& person, v1::Role role,
                  const std::string& school_id) const {
  return roles.count(RoleAt{person, role, school_id}) > 0;
}

absl::Status ValidateSchoolYear(int year) {
  if (year < 2000 || year > 2198) {
    return values::Invalid("school_year",
                           "must be a school year's autumn, 2000-2198");
  }
  return absl::OkStatus();
}

absl::Status ValidateRequiredNote(absl::string_view field,
                                  absl::string_view text) {
  if (text.empty()) return values::Invalid(field, "is required");
  RETURN_IF_ERROR(values::ValidateNote(field, text, kMaxNoteBytes));
  if (text.find_first_not_of(" \n") == absl::string_view::npos) {
    return values::Invalid(field, "is required");
  }
  return absl::OkStatus();
}

absl::Status ValidateOptionalNote(absl::string_view field,
                                  absl::string_view text) {
  if (text.empty()) return absl::OkStatus();
  return values::ValidateNote(field, text, kMaxNoteBytes);
}

absl::Status ValidatePastDate(absl::string_view field, const v1::Date& date,
                              absl::CivilDay today) {
  RETURN_IF_ERROR(values::ValidateDate(field, date));
  if (values::ToCivilDay(date) > today) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": ", values::FormatDate(date),
                     " is in the future; record it on the day or after"));
  }
  return absl::OkStatus();
}

absl::Status RequireSchool(absl::string_view field,
                           const std::string& school_id, const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId(field, school_id));
  const SchoolFacts& school = facts.School(school_id);
  if (!school.known) {
    return absl::NotFoundError(
        absl::StrCat(field, ": the network has no school \"", school_id, "\""));
  }
  if (!school.open) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": school \"", school_id, "\" is closed"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> StreamOf(const C& c) {
  switch (c.command_case()) {
    case C::kDefineArea:
      return IdStream("catalogue-", "network_id", c.define_area().network_id());
    case C::kDefineMethod:
      return IdStream("catalogue-", "network_id",
                      c.define_method().network_id());
    case C::kSubmitPlan:
      return PlanStream(c.submit_plan());
    case C::kRevisePlan:
      return PlanStream(c.revise_plan());
    case C::kApprovePlan:
      return PlanStream(c.approve_plan());
    case C::kReturnPlan:
      return PlanStream(c.return_plan());
    case C::kOpenRound:
      return IdStream(kRoundStream, "round_id", c.open_round().round_id());
    case C::kAnswerMapping:
      return IdStream(kRoundStream, "round_id", c.answer_mapping().round_id());
    case C::kCloseRound:
      return IdStream(kRoundStream, "round_id", c.close_round().round_id());
    case C::kAddPlanItem:
      return TrainingPlanStream(c.add_plan_item().network_id(),
                                c.add_plan_item().person_id());
    case C::kSetItemStatus:
      return TrainingPlanStream(c.set_item_status().network_id(),
                                c.set_item_status().person_id());
    case C::kStartProcess:
      return IdStream(kProcessStream, "process_id",
                      c.start_process().process_id());
    case C::kChangeTeam:
      return IdStream(kProcessStream, "process_id",
                      c.change_team().process_id());
    case C::kChangeMentors:
      return IdStream(kProcessStream, "process_id",
                      c.change_mentors().process_id());
    case C::kEnterPhase:
      return IdStream(kProcessStream, "process_id",
                      c.enter_phase().process_id());
    case C::kRecordMethod:
      return IdStream(kProcessStream, "process_id",
                      c.record_method().process_id());
    case C::kCloseProcess:
      return IdStream(kProcessStream, "process_id",
                      c.close_process().process_id());
    case C::kApplyWorkPair:
      return IdStream(kPeriodStream, "period_id",
                      c.apply_work_pair().period_id());
    case C::kDecideWorkPair:
      return IdStream(kPeriodStream, "period_id",
                      c.decide_work_pair().period_id());
    case C::kFileGoals:
      return IdStream(kPeriodStream, "period_id", c.file_goals().period_id());
    case C::kRecordDay:
      return IdStream(kPeriodStream, "period_id", c.record_day().period_id());
    case C::kFileFollowUp:
      return IdStream(kPeriodStream, "period_id",
                      c.file_follow_up().period_id());
    case C::kCloseWorkPair:
      return IdStream(kPeriodStream, "period_id",
                      c.close_work_pair().period_id());
    case C::kAppointMentor:
      return IdStream(kMentorshipStream, "mentorship_id",
                      c.appoint_mentor().mentorship_id());
    case C::kFollowUpGoals:
      return IdStream(kMentorshipStream, "mentorship_id",
                      c.follow_up_goals().mentorship_id());
    case C::kEndMentorship:
      return IdStream(kMentorshipStream, "mentorship_id",
                      c.end_mentorship().mentorship_id());
    case C::COMMAND_NOT_SET:
      break;
  }
  return values::Invalid("command", "is not set");
}

absl::StatusOr<Events> DecideDevelopment(const DevelopmentState& state,
                                         const C& c, const Facts& facts) {
  switch (c.command_case()) {
    case C::kDefineArea:
    case C::kDefineMethod:
      return DecideCatalogue(state, c, facts);
    case C::kSubmitPlan:
    case C::kRevisePlan:
    case C::kApprovePlan:
    case C::kReturnPlan:
      return DecidePlan(state, c, facts);
    case C::kOpenRound:
    case C::kAnswerMapping:
    case C::kCloseRound:
      return DecideMapping(state, c, facts);
    case C::kAddPlanItem:
    case C::kSetItemStatus:
      return DecideTrainingPlan(state, c, facts);
    case C::kStartProcess:
    case C::kChangeTeam:
    case C::kChangeMentors:
    case C::kEnterPhase:
    case C::kRecordMethod:
    case C::kCloseProcess:
      return DecideMentoring(state, c, facts);
    case C::kApplyWorkPair:
    case C::kDecideWorkPair:
    case C::kFileGoals:
    case C::kRecordDay:
    case C::kFileFollowUp:
    case C::kCloseWorkPair:
      return DecideWorkPair(state, c, facts);
    case C::kAppointMentor:
    case C::kFollowUpGoals:
    case C::kEndMentorship:
      return DecideMentorship(state, c, facts);
    case C::COMMAND_NOT_SET:
      break;
  }
  return values::Invalid("command", "is not set");
}

absl::StatusOr<Events> DecideCatalogue(const DevelopmentState& state,
                                       const C& c, const Facts& facts) {
  (void)state;
  const std::string& network = c.has_define_area()
                                   ? c.define_area().network_id()
                                   : c.define_method().network_id();
  if (!facts.network_known) {
    return absl::NotFoundError(absl::StrCat("no network \"", network, "\""));
  }
  Events events;
  v1::DevelopmentEvent& e = events.emplace_back();
  if (c.has_define_area()) {
    const v1::CompetenceArea& area = c.define_area().area();
    RETURN_IF_ERROR(values::ValidateId("area.area_id", area.area_id()));
    RETURN_IF_ERROR(values::ValidateName("area.name", area.name()));
    if (area.has_description()) {
      RETURN_IF_ERROR(values::ValidateLocalizedNote(
          "area.description", area.description(), kMaxNoteBytes));
    }
    e.mutable_area_defined()->set_network_id(network);
    *e.mutable_area_defined()->mutable_area() = area;
    return events;
  }
  const v1::MentoringMethod& method = c.define_method().method();
  RETURN_IF_ERROR(values::ValidateId("method.method_id", method.method_id()));
  RETURN_IF_ERROR(values::ValidateName("method.name", method.name()));
  if (method.has_description()) {
    RETURN_IF_ERROR(values::ValidateLocalizedNote(
        "method.description", method.description(), kMaxNoteBytes));
  }
  std::set<int> phases;
  for (int phase : method.suggested_phases()) {
    if (phase < 1 || phase > kPhases || !phases.insert(phase).second) {
      return values::Invalid("method.suggested_phases",
                             "must be different phases 1-7");
    }
  }
  e.mutable_method_defined()->set_network_id(network);
  *e.mutable_method_defined()->mutable_method() = method;
  return events;
}

}  // namespace tutornet::development
