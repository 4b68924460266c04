// Digital mentors of a university (seed 003): a named mentor of a unit (a
// faculty or degree programme) for a term, with the hours agreed, goals
// and an action plan; the goals are followed up; their hours are the hour
// records'.
#include <set>

#include "absl/strings/str_cat.h"
#include "services/development/decider.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using C = v1::DevelopmentCommand;

absl::StatusOr<Events> Appoint(const DevelopmentState& state,
                               const v1::AppointDigitalMentor& a,
                               const Facts& facts) {
  if (state.exists) {
    return absl::AlreadyExistsError(
        absl::StrCat("mentorship_id: \"", a.mentorship_id(), "\" is taken"));
  }
  if (!facts.network_known) {
    return absl::NotFoundError(
        absl::StrCat("no network \"", a.network_id(), "\""));
  }
  RETURN_IF_ERROR(RequireSchool("unit_id", a.unit_id(), facts));
  RETURN_IF_ERROR(values::ValidateId("person_id", a.person_id()));
  if (a.term().year() < 2000 || a.term().year() > 2199) {
    return values::Invalid("term.year", "must be 2000-2199");
  }
  if (a.term().half() <= v1::TERM_HALF_UNSPECIFIED ||
      !v1::TermHalf_IsValid(a.term().half())) {
    return values::Invalid("term.half", "must be autumn or spring");
  }
  if (a.agreed_hours() < 1 || a.agreed_hours() > kMaxAgreedHours) {
    return values::Invalid("agreed_hours", "must be 1-2000");
  }
  if (a.goals().empty() || a.goals_size() > kMaxGoals) {
    return values::Invalid("goals", "must hold 1-20 goals");
  }
  for (int i = 0; i < a.goals_size(); ++i) {
    RETURN_IF_ERROR(
        values::ValidateLabel(absl::StrCat("goals[", i, "]"), a.goals(i)));
  }
  RETURN_IF_ERROR(ValidateRequiredNote("action_plan", a.action_plan()));
  Events events;
  v1::DigitalMentorAppointed& e =
      *events.emplace_back().mutable_mentor_appointed();
  *e.mutable_appointment() = a;
  *e.mutable_placement() = facts.School(a.unit_id()).placement;
  return events;
}

absl::StatusOr<Events> FollowUp(const DevelopmentState& state,
                                const v1::FollowUpMentorGoals& f) {
  if (!state.exists) {
    return absl::NotFoundError(
        absl::StrCat("no mentorship \"", f.mentorship_id(), "\""));
  }
  if (state.mentorship.ended) {
    return absl::FailedPreconditionError("the mentorship has ended");
  }
  if (f.goals().empty()) {
    return values::Invalid("goals", "must follow up one goal at least");
  }
  const int goals = state.mentorship.appointment.goals_size();
  std::set<int> seen;
  for (int i = 0; i < f.goals_size(); ++i) {
    const v1::GoalFollowUp& g = f.goals(i);
    const std::string field = absl::StrCat("goals[", i, "]");
    if (g.goal() < 0 || g.goal() >= goals) {
      return values::Invalid(
          absl::StrCat(field, ".goal"),
          absl::StrCat("must be a goal's index, 0-", goals - 1));
    }
    if (!seen.insert(g.goal()).second) {
      return values::Invalid(absl::StrCat(field, ".goal"),
                             "is followed up twice");
    }
    if (g.progress() <= v1::GOAL_PROGRESS_UNSPECIFIED ||
        !v1::GoalProgress_IsValid(g.progress())) {
      return values::Invalid(absl::StrCat(field, ".progress"),
                             "must be not started, in progress, achieved or "
                             "not achieved");
    }
    RETURN_IF_ERROR(
        ValidateOptionalNote(absl::StrCat(field, ".note"), g.note()));
  }
  Events events;
  v1::MentorGoalsFollowedUp& e =
      *events.emplace_back().mutable_goals_followed_up();
  e.set_mentorship_id(f.mentorship_id());
  e.set_network_id(state.network_id);
  *e.mutable_goals() = f.goals();
  return events;
}

}  // namespace

absl::StatusOr<Events> DecideMentorship(const DevelopmentState& state,
                                        const C& c, const Facts& facts) {
  switch (c.command_case()) {
    case C::kAppointMentor:
      return Appoint(state, c.appoint_mentor(), facts);
    case C::kFollowUpGoals:
      return FollowUp(state, c.follow_up_goals());
    case C::kEndMentorship: {
      const v1::EndMentorship& end = c.end_mentorship();
      if (!state.exists) {
        return absl::NotFoundError(
            absl::StrCat("no mentorship \"", end.mentorship_id(), "\""));
      }
      Events events;
      if (state.mentorship.ended) return events;
      RETURN_IF_ERROR(ValidateRequiredNote("reason", end.reason()));
      v1::MentorshipEnded& e =
          *events.emplace_back().mutable_mentorship_ended();
      e.set_mentorship_id(end.mentorship_id());
      e.set_network_id(state.network_id);
      e.set_reason(end.reason());
      return events;
    }
    default:
      return values::Invalid("command", "is not a mentorship command");
  }
}

}  // namespace tutornet::development
