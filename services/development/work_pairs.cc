// Work-pair and team-teacher periods (seed 004): the plan is the
// application; the project manager approves or refuses it; the goals are
// filed with both supervisors before the period; its days are recorded;
// both partners file a follow-up evaluation; then it is closed. No step is
// skipped, and a period of fewer than five days closes only with a reason.
#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/development/decider.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using C = v1::DevelopmentCommand;

// A period may start this much before its plan said (a rescheduled one).
constexpr int kMaxDaysEarly = 60;

bool IsWorkingDay(absl::CivilDay day) {
  const absl::Weekday weekday = absl::GetWeekday(day);
  return weekday != absl::Weekday::saturday && weekday != absl::Weekday::sunday;
}

absl::Status ValidateApplication(const v1::ApplyForWorkPair& a,
                                 const Facts& facts) {
  if (a.kind() <= v1::PAIR_KIND_UNSPECIFIED ||
      !v1::PairKind_IsValid(a.kind())) {
    return values::Invalid("kind", "must be a work pair or team teachers");
  }
  if (a.partners_size() != 2) {
    return values::Invalid("partners", "must name exactly two partners");
  }
  for (int i = 0; i < 2; ++i) {
    const v1::WorkPairPartner& p = a.partners(i);
    const std::string field = absl::StrCat("partners[", i, "]");
    RETURN_IF_ERROR(
        values::ValidateId(absl::StrCat(field, ".person_id"), p.person_id()));
    RETURN_IF_ERROR(RequireSchool(absl::StrCat(field, ".organisation_id"),
                                  p.organisation_id(), facts));
    RETURN_IF_ERROR(values::ValidateId(absl::StrCat(field, ".supervisor_id"),
                                       p.supervisor_id()));
    if (p.supervisor_id() == a.partners(0).person_id() ||
        p.supervisor_id() == a.partners(1).person_id()) {
      return values::Invalid(absl::StrCat(field, ".supervisor_id"),
                             "must not be a partner");
    }
    RETURN_IF_ERROR(
        ValidateRequiredNote(absl::StrCat(field, ".goals"), p.goals()));
  }
  if (a.partners(0).person_id() == a.partners(1).person_id()) {
    return values::Invalid("partners[1].person_id", "names the first partner");
  }
  RETURN_IF_ERROR(ValidateRequiredNote("purpose", a.purpose()));
  RETURN_IF_ERROR(
      ValidateRequiredNote("community_benefit", a.community_benefit()));
  if (a.planned_days_size() != kPeriodDays) {
    return values::Invalid("planned_days", "must name five working days");
  }
  std::set<absl::CivilDay> days;
  for (int i = 0; i < a.planned_days_size(); ++i) {
    const std::string field = absl::StrCat("planned_days[", i, "]");
    RETURN_IF_ERROR(values::ValidateDate(field, a.planned_days(i)));
    const absl::CivilDay day = values::ToCivilDay(a.planned_days(i));
    if (!IsWorkingDay(day)) {
      return values::Invalid(field, "is not a working day");
    }
    if (!days.insert(day).second) {
      return values::Invalid(field, "is planned twice");
    }
  }
  return absl::OkStatus();
}

absl::Status RequireStatus(const DevelopmentState& state,
                           const std::string& period_id,
                           std::set<v1::WorkPairStatus> allowed,
                           absl::string_view what) {
  if (!state.exists) {
    return absl::NotFoundError(
        absl::StrCat("no work-pair period \"", period_id, "\""));
  }
  if (allowed.count(state.period.status) == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        what, " (the period is ",
        absl::AsciiStrToLower(
            v1::WorkPairStatus_Name(state.period.status).substr(17)),
        ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> FileGoals(const DevelopmentState& state,
                                 const v1::FileWorkPairGoals& g) {
  RETURN_IF_ERROR(RequireStatus(state, g.period_id(),
                                {v1::WORK_PAIR_STATUS_APPROVED},
                                "goals are filed once, after approval"));
  RETURN_IF_ERROR(ValidateRequiredNote("goals", g.goals()));
  std::set<std::string> expected;
  for (const v1::WorkPairPartner& p : state.period.application.partners()) {
    expected.insert(p.supervisor_id());
  }
  const std::set<std::string> given(g.supervisor_ids().begin(),
                                    g.supervisor_ids().end());
  if (given != expected ||
      g.supervisor_ids_size() != static_cast<int>(expected.size())) {
    return values::Invalid(
        "supervisor_ids", absl::StrCat("must name both partners' supervisors (",
                                       absl::StrJoin(expected, ", "), ")"));
  }
  Events events;
  v1::WorkPairGoalsFiled& e = *events.emplace_back().mutable_goals_filed();
  e.set_period_id(g.period_id());
  e.set_network_id(state.network_id);
  e.set_goals(g.goals());
  *e.mutable_supervisor_ids() = g.supervisor_ids();
  return events;
}

absl::StatusOr<Events> RecordDay(const DevelopmentState& state,
                                 const v1::RecordWorkPairDay& d,
                                 const Facts& facts) {
  RETURN_IF_ERROR(RequireStatus(
      state, d.period_id(),
      {v1::WORK_PAIR_STATUS_GOALS_FILED, v1::WORK_PAIR_STATUS_HELD},
      "days are recorded once the goals are filed, before closing"));
  if (!state.period.followed_up.empty()) {
    return absl::FailedPreconditionError(
        "a follow-up has been filed: the period's days are over");
  }
  RETURN_IF_ERROR(ValidatePastDate("date", d.date(), facts.today));
  const absl::CivilDay day = values::ToCivilDay(d.date());
  if (!IsWorkingDay(day))
    return values::Invalid("date", "is not a working day");
  absl::CivilDay first_planned =
      values::ToCivilDay(state.period.application.planned_days(0));
  for (const v1::Date& planned : state.period.application.planned_days()) {
    first_planned = std::min(first_planned, values::ToCivilDay(planned));
  }
  if (day < first_planned - kMaxDaysEarly) {
    return values::Invalid("date",
                           absl::StrCat("is more than ", kMaxDaysEarly,
                                        " days before the first planned day"));
  }
  RETURN_IF_ERROR(ValidateOptionalNote("note", d.note()));
  if (state.period.days.count(values::ToCivilDay(d.date())) > 0) {
    return absl::AlreadyExistsError(absl::StrCat(
        "date: ", values::FormatDate(d.date()), " is already recorded"));
  }
  if (static_cast<int>(state.period.days.size()) >= kPeriodDays) {
    return absl::FailedPreconditionError(
        "the period already has its five days");
  }
  Events events;
  v1::WorkPairDayRecorded& e = *events.emplace_back().mutable_day_recorded();
  e.set_period_id(d.period_id());
  e.set_network_id(state.network_id);
  *e.mutable_date() = d.date();
  e.set_note(d.note());
  return events;
}

absl::StatusOr<Events> FileFollowUp(const DevelopmentState& state,
                                    const v1::FileWorkPairFollowUp& f) {
  RETURN_IF_ERROR(
      RequireStatus(state, f.period_id(), {v1::WORK_PAIR_STATUS_HELD},
                    "follow-ups are filed after the period's days"));
  if (!state.period.IsPartner(f.person_id())) {
    return absl::NotFoundError(absl::StrCat("person_id: ", f.person_id(),
                                            " is not a partner of the period"));
  }
  if (state.period.followed_up.count(f.person_id()) > 0) {
    return absl::AlreadyExistsError(absl::StrCat("person_id: ", f.person_id(),
                                                 " has filed their follow-up"));
  }
  RETURN_IF_ERROR(ValidateRequiredNote("goals_achieved", f.goals_achieved()));
  RETURN_IF_ERROR(ValidateRequiredNote("learnt", f.learnt()));
  if (!v1::Gender_IsValid(f.gender())) {
    return values::Invalid("gender", "must be unset, woman, man or other");
  }
  Events events;
  v1::WorkPairFollowUpFiled& e =
      *events.emplace_back().mutable_follow_up_filed();
  e.set_period_id(f.period_id());
  e.set_network_id(state.network_id);
  *e.mutable_follow_up() = f;
  return events;
}

absl::StatusOr<Events> Close(const DevelopmentState& state,
                             const v1::CloseWorkPair& c) {
  RETURN_IF_ERROR(RequireStatus(state, c.period_id(),
                                {v1::WORK_PAIR_STATUS_HELD},
                                "a period closes after its days are held"));
  std::vector<std::string> missing;
  for (const v1::WorkPairPartner& p : state.period.application.partners()) {
    if (state.period.followed_up.count(p.person_id()) == 0) {
      missing.push_back(p.person_id());
    }
  }
  if (!missing.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("both partners' follow-up evaluations are needed; "
                     "missing: ",
                     absl::StrJoin(missing, ", ")));
  }
  const int days = static_cast<int>(state.period.days.size());
  if (days < kPeriodDays) {
    if (c.shortened_reason().empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "only ", days, " of five days were recorded: give shortened_reason"));
    }
    RETURN_IF_ERROR(
        ValidateRequiredNote("shortened_reason", c.shortened_reason()));
  } else if (!c.shortened_reason().empty()) {
    return values::Invalid("shortened_reason", "the period had all five days");
  }
  Events events;
  v1::WorkPairClosed& e = *events.emplace_back().mutable_work_pair_closed();
  e.set_period_id(c.period_id());
  e.set_network_id(state.network_id);
  e.set_days(days);
  e.set_shortened_reason(c.shortened_reason());
  return events;
}

}  // namespace

absl::StatusOr<Events> DecideWorkPair(const DevelopmentState& state, const C& c,
                                      const Facts& facts) {
  Events events;
  switch (c.command_case()) {
    case C::kApplyWorkPair: {
      const v1::ApplyForWorkPair& a = c.apply_work_pair();
      if (state.exists) {
        return absl::AlreadyExistsError(
            absl::StrCat("period_id: \"", a.period_id(), "\" is taken"));
      }
      if (!facts.network_known) {
        return absl::NotFoundError(
            absl::StrCat("no network \"", a.network_id(), "\""));
      }
      RETURN_IF_ERROR(ValidateApplication(a, facts));
      *events.emplace_back()
           .mutable_work_pair_applied()
           ->mutable_application() = a;
      return events;
    }
    case C::kDecideWorkPair: {
      const v1::DecideWorkPair& d = c.decide_work_pair();
      RETURN_IF_ERROR(RequireStatus(state, d.period_id(),
                                    {v1::WORK_PAIR_STATUS_APPLIED},
                                    "the application is decided once"));
      if (d.approve()) {
        v1::WorkPairApproved& e =
            *events.emplace_back().mutable_work_pair_approved();
        e.set_period_id(d.period_id());
        e.set_network_id(state.network_id);
        return events;
      }
      RETURN_IF_ERROR(ValidateRequiredNote("reason", d.reason()));
      v1::WorkPairRefused& e =
          *events.emplace_back().mutable_work_pair_refused();
      e.set_period_id(d.period_id());
      e.set_network_id(state.network_id);
      e.set_reason(d.reason());
      return events;
    }
    case C::kFileGoals:
      return FileGoals(state, c.file_goals());
    case C::kRecordDay:
      return RecordDay(state, c.record_day(), facts);
    case C::kFileFollowUp:
      return FileFollowUp(state, c.file_follow_up());
    case C::kCloseWorkPair:
      return Close(state, c.close_work_pair());
    default:
      return values::Invalid("command", "is not a work-pair command");
  }
}

}  // namespace tutornet::development
