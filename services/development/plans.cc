// Tutor activity plans (tutortoimintasuunnitelma): one per tutor and school
// year, approved school by school by each school's principal; an approved
// plan is revised with a reason and approved again, the approved version
// staying in force meanwhile.
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/development/decider.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using C = v1::DevelopmentCommand;

absl::Status ValidateContent(const v1::ActivityPlanContent& plan,
                             const std::string& person, const Facts& facts) {
  if (plan.school_ids().empty() || plan.school_ids_size() > kMaxPlanSchools) {
    return values::Invalid("plan.school_ids", "must name 1-10 schools");
  }
  RETURN_IF_ERROR(values::ValidateIdList("plan.school_ids", plan.school_ids()));
  if (plan.goals().empty() || plan.goals_size() > kMaxGoals) {
    return values::Invalid("plan.goals", "must hold 1-20 goals");
  }
  for (int i = 0; i < plan.goals_size(); ++i) {
    RETURN_IF_ERROR(values::ValidateLabel(absl::StrCat("plan.goals[", i, "]"),
                                          plan.goals(i)));
  }
  if (plan.themes_size() > kMaxThemes) {
    return values::Invalid("plan.themes", "must hold at most 20 themes");
  }
  for (int i = 0; i < plan.themes_size(); ++i) {
    RETURN_IF_ERROR(values::ValidateLabel(absl::StrCat("plan.themes[", i, "]"),
                                          plan.themes(i)));
  }
  const std::set<std::string> schools(plan.school_ids().begin(),
                                      plan.school_ids().end());
  if (plan.activities().empty() ||
      plan.activities_size() > kMaxPlanSchools * 7) {
    return values::Invalid("plan.activities",
                           "must hold 1-70 planned kinds of work");
  }
  std::set<std::pair<std::string, int>> seen;
  for (int i = 0; i < plan.activities_size(); ++i) {
    const v1::PlannedWork& work = plan.activities(i);
    const std::string field = absl::StrCat("plan.activities[", i, "]");
    if (schools.count(work.school_id()) == 0) {
      return values::Invalid(absl::StrCat(field, ".school_id"),
                             "must be one of the plan's schools");
    }
    if (work.kind() <= v1::WORK_KIND_UNSPECIFIED ||
        !v1::WorkKind_IsValid(work.kind())) {
      return values::Invalid(absl::StrCat(field, ".kind"),
                             "must be a kind of work");
    }
    if (work.planned_minutes() < 1 ||
        work.planned_minutes() > kMaxPlannedMinutes) {
      return values::Invalid(absl::StrCat(field, ".planned_minutes"),
                             "must be 1-100000");
    }
    if (!work.description().empty()) {
      RETURN_IF_ERROR(values::ValidateText(absl::StrCat(field, ".description"),
                                           work.description()));
    }
    if (!seen.insert({work.school_id(), work.kind()}).second) {
      return values::Invalid(field,
                             "plans a school's kind of work a second time");
    }
  }
  for (int i = 0; i < plan.school_ids_size(); ++i) {
    const std::string& school = plan.school_ids(i);
    RETURN_IF_ERROR(
        RequireSchool(absl::StrCat("plan.school_ids[", i, "]"), school, facts));
    if (!facts.Holds(person, v1::ROLE_TUTOR_TEACHER, school)) {
      return absl::FailedPreconditionError(
          absl::StrCat("plan.school_ids[", i, "]: ", person,
                       " is not a tutor teacher of school \"", school,
                       "\" in the registry today"));
    }
  }
  return absl::OkStatus();
}

template <typename Plan>
v1::ActivityPlanSubmitted Submitted(const Plan& c, int version) {
  v1::ActivityPlanSubmitted e;
  e.set_network_id(c.network_id());
  e.set_person_id(c.person_id());
  e.set_school_year(c.school_year());
  e.set_version(version);
  *e.mutable_plan() = c.plan();
  return e;
}

absl::Status RequirePending(const PlanState& plan, int version,
                            const std::string& school) {
  if (version < 1) return values::Invalid("version", "must be 1 or more");
  if (plan.status != v1::PLAN_STATUS_SUBMITTED) {
    return absl::FailedPreconditionError(
        "the plan is not waiting for approval");
  }
  if (version != plan.version) {
    return absl::AbortedError(absl::StrCat("version: ", version,
                                           " is not the plan's latest (",
                                           plan.version, "); read it again"));
  }
  for (const std::string& id : plan.school_ids) {
    if (id == school) return absl::OkStatus();
  }
  return absl::NotFoundError(
      absl::StrCat("school_id: the plan is not for school \"", school, "\""));
}

}  // namespace

absl::StatusOr<Events> DecidePlan(const DevelopmentState& state, const C& c,
                                  const Facts& facts) {
  const PlanState& plan = state.plan;
  Events events;
  switch (c.command_case()) {
    case C::kSubmitPlan: {
      const v1::SubmitActivityPlan& s = c.submit_plan();
      if (!facts.network_known) {
        return absl::NotFoundError(
            absl::StrCat("no network \"", s.network_id(), "\""));
      }
      if (plan.approved_version > 0) {
        return absl::FailedPreconditionError(
            "the plan has been approved: revise it, with a reason");
      }
      if (plan.status == v1::PLAN_STATUS_SUBMITTED) {
        return absl::FailedPreconditionError(absl::StrCat(
            "version ", plan.version, " of the plan is waiting for approval"));
      }
      RETURN_IF_ERROR(ValidateContent(s.plan(), s.person_id(), facts));
      *events.emplace_back().mutable_plan_submitted() =
          Submitted(s, plan.version + 1);
      return events;
    }
    case C::kRevisePlan: {
      const v1::ReviseActivityPlan& r = c.revise_plan();
      if (!state.exists) {
        return absl::NotFoundError(absl::StrCat(
            "no activity plan of ", r.person_id(), " for ", r.school_year()));
      }
      if (plan.approved_version == 0) {
        return absl::FailedPreconditionError(
            "the plan has never been approved: submit it instead");
      }
      if (plan.status == v1::PLAN_STATUS_SUBMITTED) {
        return absl::FailedPreconditionError(absl::StrCat(
            "version ", plan.version, " of the plan is waiting for approval"));
      }
      RETURN_IF_ERROR(ValidateRequiredNote("reason", r.reason()));
      RETURN_IF_ERROR(ValidateContent(r.plan(), r.person_id(), facts));
      v1::ActivityPlanSubmitted e = Submitted(r, plan.version + 1);
      e.set_reason(r.reason());
      *events.emplace_back().mutable_plan_submitted() = std::move(e);
      return events;
    }
    case C::kApprovePlan: {
      const v1::ApproveActivityPlan& a = c.approve_plan();
      if (!state.exists) {
        return absl::NotFoundError(absl::StrCat(
            "no activity plan of ", a.person_id(), " for ", a.school_year()));
      }
      // A repeat of an approval already given changes nothing, whether or
      // not it completed the plan.
      if (a.version() == plan.version &&
          plan.approved_by_school.count(a.school_id()) > 0) {
        return events;
      }
      RETURN_IF_ERROR(RequirePending(plan, a.version(), a.school_id()));
      v1::ActivityPlanApproved& e =
          *events.emplace_back().mutable_plan_approved();
      e.set_network_id(a.network_id());
      e.set_person_id(a.person_id());
      e.set_school_year(a.school_year());
      e.set_school_id(a.school_id());
      e.set_version(a.version());
      e.set_plan_approved(plan.approved_by_school.size() + 1 ==
                          plan.school_ids.size());
      return events;
    }
    case C::kReturnPlan: {
      const v1::ReturnActivityPlan& r = c.return_plan();
      if (!state.exists) {
        return absl::NotFoundError(absl::StrCat(
            "no activity plan of ", r.person_id(), " for ", r.school_year()));
      }
      RETURN_IF_ERROR(RequirePending(plan, r.version(), r.school_id()));
      RETURN_IF_ERROR(ValidateRequiredNote("comment", r.comment()));
      v1::ActivityPlanReturned& e =
          *events.emplace_back().mutable_plan_returned();
      e.set_network_id(r.network_id());
      e.set_person_id(r.person_id());
      e.set_school_year(r.school_year());
      e.set_school_id(r.school_id());
      e.set_version(r.version());
      e.set_comment(r.comment());
      return events;
    }
    default:
      return values::Invalid("command", "is not a plan command");
  }
}

}  // namespace tutornet::development
