// The development queries of mentoring processes, work-pair periods and
// digital mentors.
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/development/keys.h"
#include "services/development/query_support.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using projections::ReadRow;

template <typename Message>
absl::StatusOr<std::vector<Message>> ReadIndexed(
    const projections::RowReader& rows, absl::string_view index,
    std::string (*key)(absl::string_view)) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   projections::KeySuffixes(rows, index));
  std::vector<Message> out;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<Message> m, ReadRow<Message>(rows, key(id)));
    if (!m.has_value()) return projections::MissingRow(key(id));
    out.push_back(*std::move(m));
  }
  return out;
}

// Genders are the partners' own statements: shown to each about
// themself, and to admins.
void HideGenders(const Principal& p, v1::WorkPairPeriod& period) {
  if (access::IsAdmin(p)) return;
  for (v1::FileWorkPairFollowUp& f : *period.mutable_follow_ups()) {
    if (f.person_id() != p.id) f.clear_gender();
  }
  for (v1::HistoryEntry& h : *period.mutable_history()) {
    if (!h.event().has_follow_up_filed()) continue;
    v1::FileWorkPairFollowUp& f =
        *h.mutable_event()->mutable_follow_up_filed()->mutable_follow_up();
    if (f.person_id() != p.id) f.clear_gender();
  }
}

std::string FirstDay(const v1::WorkPairPeriod& p, v1::Date* day) {
  std::string first;
  for (const v1::WorkPairDayRecorded& d : p.days()) {
    const std::string formatted = values::FormatDate(d.date());
    if (first.empty() || formatted < first) {
      first = formatted;
      *day = d.date();
    }
  }
  return first;
}

// The term's months, "yyyy-mm".
std::pair<std::string, std::string> TermMonths(const v1::Term& term) {
  if (term.half() == v1::TERM_HALF_AUTUMN) {
    return {MonthKey(term.year(), 8), MonthKey(term.year(), 12)};
  }
  return {MonthKey(term.year(), 1), MonthKey(term.year(), 7)};
}

absl::StatusOr<int64_t> MentorMinutes(const QueryContext& q,
                                      const v1::AppointDigitalMentor& a) {
  const auto [first, last] = TermMonths(a.term());
  int64_t total = 0;
  RETURN_IF_ERROR(ScanMinutes(
      q.hours, absl::StrCat("hm/", a.network_id(), "/", a.person_id(), "/"),
      first, last, [&](absl::string_view school, int, int64_t minutes) {
        if (school == a.unit_id()) total += minutes;
      }));
  return total;
}

bool ReadsMentorship(const Principal& p, const v1::Mentorship& m) {
  if (p.role == access::AccessRole::kFunder) return false;
  const v1::AppointDigitalMentor& a = m.appointment();
  return (p.id == a.person_id() && p.network_id == a.network_id()) ||
         CoversAny(p, a.network_id(), {m.placement().region_id()});
}

// A period's partners and their supervisors; coordinators of a partner's
// organisation's region; admins. Never a funder.
absl::StatusOr<bool> ReadsPeriod(const QueryContext& q,
                                 const v1::WorkPairPeriod& p) {
  if (q.caller.role == access::AccessRole::kFunder) return false;
  google::protobuf::RepeatedPtrField<std::string> organisations;
  for (const v1::WorkPairPartner& partner : p.application().partners()) {
    if (partner.person_id() == q.caller.id ||
        partner.supervisor_id() == q.caller.id) {
      return true;
    }
    *organisations.Add() = partner.organisation_id();
  }
  const std::string& net = p.application().network_id();
  ASSIGN_OR_RETURN(std::vector<std::string> regions,
                   RegionsOf(q, net, organisations));
  return CoversAny(q.caller, net, regions);
}

}  // namespace

absl::StatusOr<v1::MentoringProcess> GetMentoringProcess(
    const QueryContext& q, const v1::GetMentoringProcessRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("process_id", r.process_id()));
  ASSIGN_OR_RETURN(
      std::optional<v1::MentoringProcess> p,
      ReadRow<v1::MentoringProcess>(q.rows, ProcessKey(r.process_id())));
  if (!p.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no mentoring process \"", r.process_id(), "\""));
  }
  RETURN_IF_ERROR(AuthorizeMemberRead(q.caller, p->process().network_id(),
                                      "read mentoring processes"));
  ASSIGN_OR_RETURN(
      *p->mutable_history(),
      History(q.rows, absl::StrCat(kProcessStream, r.process_id())));
  return *std::move(p);
}

absl::StatusOr<v1::ListMentoringProcessesResponse> ListMentoringProcesses(
    const QueryContext& q, const v1::ListMentoringProcessesRequest& r) {
  v1::ListMentoringProcessesResponse out;
  RETURN_IF_ERROR(VisitMentoringProcesses(
      q, r,
      [&](const v1::MentoringProcessSummary& s) { *out.add_processes() = s; }));
  return out;
}

absl::Status VisitMentoringProcesses(
    const QueryContext& q, const v1::ListMentoringProcessesRequest& r,
    absl::FunctionRef<void(const v1::MentoringProcessSummary&)> visit) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  RETURN_IF_ERROR(AuthorizeNetworkRead(q.caller, r.network_id(),
                                       "list mentoring processes"));
  return projections::VisitRows<v1::MentoringProcessSummary>(
      q.rows, absl::StrCat("mn/", r.network_id(), "/"),
      [&](absl::string_view, const v1::MentoringProcessSummary& s) {
        visit(s);
      });
}

absl::StatusOr<v1::WorkPairPeriod> GetWorkPairPeriod(
    const QueryContext& q, const v1::GetWorkPairPeriodRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("period_id", r.period_id()));
  ASSIGN_OR_RETURN(
      std::optional<v1::WorkPairPeriod> p,
      ReadRow<v1::WorkPairPeriod>(q.rows, PeriodKey(r.period_id())));
  if (!p.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no work-pair period \"", r.period_id(), "\""));
  }
  const std::string& net = p->application().network_id();
  const char* what = "read the work-pair period";
  RETURN_IF_ERROR(access::RequireNetwork(q.caller, net, what));
  ASSIGN_OR_RETURN(const bool reads, ReadsPeriod(q, *p));
  if (!reads) return access::Denied(q.caller, what);
  ASSIGN_OR_RETURN(*p->mutable_history(),
                   History(q.rows, absl::StrCat(kPeriodStream, r.period_id())));
  HideGenders(q.caller, *p);
  return *std::move(p);
}

absl::StatusOr<v1::ListWorkPairPeriodsResponse> ListWorkPairPeriods(
    const QueryContext& q, const v1::ListWorkPairPeriodsRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  const char* what = "list work-pair periods";
  RETURN_IF_ERROR(access::RequireNetwork(q.caller, r.network_id(), what));
  if (q.caller.role == access::AccessRole::kFunder ||
      !access::Coordinates(q.caller, r.network_id())) {
    return access::Denied(q.caller, what);
  }
  ASSIGN_OR_RETURN(std::vector<v1::WorkPairPeriod> periods,
                   ReadIndexed<v1::WorkPairPeriod>(
                       q.rows, absl::StrCat("wn/", r.network_id(), "/"),
                       [](absl::string_view id) { return PeriodKey(id); }));
  v1::ListWorkPairPeriodsResponse out;
  for (const v1::WorkPairPeriod& p : periods) {
    ASSIGN_OR_RETURN(const bool reads, ReadsPeriod(q, p));
    if (!reads) continue;
    v1::WorkPairSummary& s = *out.add_periods();
    s.set_period_id(p.application().period_id());
    s.set_kind(p.application().kind());
    for (const v1::WorkPairPartner& partner : p.application().partners()) {
      s.add_person_ids(partner.person_id());
    }
    s.set_status(p.status());
    s.set_days(p.days_size());
    v1::Date first;
    if (!FirstDay(p, &first).empty()) *s.mutable_first_day() = first;
  }
  return out;
}

absl::StatusOr<v1::WorkPairFigures> GetWorkPairFigures(
    const QueryContext& q, const v1::GetWorkPairFiguresRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  if (r.year() < 2000 || r.year() > 2199) {
    return values::Invalid("year", "must be 2000-2199");
  }
  RETURN_IF_ERROR(AuthorizeFiguresRead(q.caller, r.network_id()));
  ASSIGN_OR_RETURN(std::vector<v1::WorkPairPeriod> periods,
                   ReadIndexed<v1::WorkPairPeriod>(
                       q.rows, absl::StrCat("wn/", r.network_id(), "/"),
                       [](absl::string_view id) { return PeriodKey(id); }));
  v1::WorkPairFigures out;
  out.set_network_id(r.network_id());
  out.set_year(r.year());
  std::set<std::string> people;
  for (const v1::WorkPairPeriod& p : periods) {
    v1::Date first;
    if (FirstDay(p, &first).empty() || first.year() != r.year()) continue;
    out.set_pairs(out.pairs() + 1);
    out.set_days(out.days() + p.days_size());
    if (p.status() == v1::WORK_PAIR_STATUS_CLOSED) {
      out.set_closed(out.closed() + 1);
    }
    if (p.application().kind() == v1::PAIR_KIND_TEAM_TEACHER) {
      out.set_team_teachers(out.team_teachers() + 1);
    } else {
      out.set_work_pairs(out.work_pairs() + 1);
    }
    for (const v1::WorkPairPartner& partner : p.application().partners()) {
      people.insert(partner.person_id());
    }
  }
  out.set_people(static_cast<int>(people.size()));
  for (const std::string& person : people) {
    ASSIGN_OR_RETURN(std::optional<v1::FileWorkPairFollowUp> stated,
                     ReadRow<v1::FileWorkPairFollowUp>(
                         q.rows, GenderKey(r.network_id(), person)));
    switch (stated.has_value() ? stated->gender() : v1::GENDER_UNSPECIFIED) {
      case v1::GENDER_WOMAN:
        out.set_women(out.women() + 1);
        break;
      case v1::GENDER_MAN:
        out.set_men(out.men() + 1);
        break;
      case v1::GENDER_OTHER:
        out.set_other_gender(out.other_gender() + 1);
        break;
      default:
        out.set_gender_not_recorded(out.gender_not_recorded() + 1);
        break;
    }
  }
  const int stated = out.people() - out.gender_not_recorded();
  const bool year_over = r.year() < values::FinnishDay(q.now).year();
  if (!access::IsAdmin(q.caller) && (!year_over || stated < kMinAnswersShown)) {
    out.set_gender_suppressed(true);
    out.clear_women();
    out.clear_men();
    out.clear_other_gender();
    out.clear_gender_not_recorded();
  }
  return out;
}

absl::StatusOr<v1::Mentorship> GetMentorship(
    const QueryContext& q, const v1::GetMentorshipRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("mentorship_id", r.mentorship_id()));
  ASSIGN_OR_RETURN(
      std::optional<v1::Mentorship> m,
      ReadRow<v1::Mentorship>(q.rows, MentorshipKey(r.mentorship_id())));
  if (!m.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no mentorship \"", r.mentorship_id(), "\""));
  }
  const char* what = "read the digital mentorship";
  RETURN_IF_ERROR(
      access::RequireNetwork(q.caller, m->appointment().network_id(), what));
  if (!ReadsMentorship(q.caller, *m)) return access::Denied(q.caller, what);
  ASSIGN_OR_RETURN(int64_t minutes, MentorMinutes(q, m->appointment()));
  m->set_approved_minutes(minutes);
  ASSIGN_OR_RETURN(
      *m->mutable_history(),
      History(q.rows, absl::StrCat(kMentorshipStream, r.mentorship_id())));
  return *std::move(m);
}

absl::StatusOr<v1::ListMentorshipsResponse> ListMentorships(
    const QueryContext& q, const v1::ListMentorshipsRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  if (!r.unit_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("unit_id", r.unit_id()));
  }
  const char* what = "list digital mentors";
  RETURN_IF_ERROR(access::RequireNetwork(q.caller, r.network_id(), what));
  if (q.caller.role == access::AccessRole::kFunder ||
      !access::Coordinates(q.caller, r.network_id())) {
    return access::Denied(q.caller, what);
  }
  ASSIGN_OR_RETURN(std::vector<v1::Mentorship> mentorships,
                   ReadIndexed<v1::Mentorship>(
                       q.rows, absl::StrCat("dn/", r.network_id(), "/"),
                       [](absl::string_view id) { return MentorshipKey(id); }));
  v1::ListMentorshipsResponse out;
  for (const v1::Mentorship& m : mentorships) {
    const v1::AppointDigitalMentor& a = m.appointment();
    if (!ReadsMentorship(q.caller, m)) continue;
    if (!r.unit_id().empty() && a.unit_id() != r.unit_id()) continue;
    v1::MentorshipSummary& s = *out.add_mentorships();
    s.set_mentorship_id(a.mentorship_id());
    s.set_unit_id(a.unit_id());
    s.set_person_id(a.person_id());
    *s.mutable_term() = a.term();
    s.set_agreed_hours(a.agreed_hours());
    ASSIGN_OR_RETURN(int64_t minutes, MentorMinutes(q, a));
    s.set_approved_minutes(minutes);
    s.set_goals(a.goals_size());
    for (const v1::GoalFollowUp& g : m.goals()) {
      if (g.progress() == v1::GOAL_PROGRESS_ACHIEVED) {
        s.set_goals_achieved(s.goals_achieved() + 1);
      }
    }
    s.set_ended(m.ended());
  }
  return out;
}

}  // namespace tutornet::development
