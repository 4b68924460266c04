#include "tools/tutornetctl/development_client.h"

#include <iostream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "tools/tutornetctl/calls.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {
namespace {

using S = v1::DevelopmentService::Stub;

template <typename Request>
int Send(Client& c,
         grpc::Status (S::*method)(grpc::ClientContext*, const Request&,
                                   v1::CommandResult*),
         Request& req) {
  return SendCommand(c, c.development(), method, req);
}

template <typename Request, typename Response>
int Query(Client& c,
          grpc::Status (S::*method)(grpc::ClientContext*, const Request&,
                                    Response*),
          const Request& req, void (*table)(const Response&)) {
  return RunQuery(c, c.development(), method, req, table);
}

absl::StatusOr<int> Number(const std::string& field, const std::string& text) {
  int n = 0;
  if (!absl::SimpleAtoi(text, &n)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" is not a number"));
  }
  return n;
}

// "needs-training" -> "NEEDS_TRAINING", for ParseEnum.
std::string EnumWord(const std::string& text) {
  return absl::StrReplaceAll(text, {{"-", "_"}});
}

// "key=value,key=value" -> pairs; INVALID_ARGUMENT naming `field`.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Pairs(
    const std::string& field, const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& part : CommaList(text)) {
    std::vector<std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
    if (kv.size() != 2 || kv[0].empty() || kv[1].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": \"", part, "\" is not KEY=VALUE"));
    }
    out.emplace_back(kv[0], kv[1]);
  }
  return out;
}

v1::LocalizedText Names(const std::vector<std::string>& names) {
  v1::LocalizedText t;
  if (!names.empty()) t.set_fi(names[0]);
  if (names.size() > 1) t.set_sv(names[1]);
  if (names.size() > 2) t.set_en(names[2]);
  return t;
}

std::string Kind(v1::WorkKind k) {
  return Lower(v1::WorkKind_Name(k), "WORK_KIND_");
}

void CatalogueTable(const v1::Catalogue& res) {
  Table t;
  t.Add({"", "ID", "NAME"});
  for (const v1::CompetenceArea& a : res.areas()) {
    t.Add({"area", a.area_id(), DisplayName(a.name())});
  }
  for (const v1::MentoringMethod& m : res.methods()) {
    t.Add({"method", m.method_id(), DisplayName(m.name())});
  }
  t.Print();
}

void PlansTable(const v1::ListActivityPlansResponse& res) {
  Table t;
  t.Add({"PERSON", "STATUS", "VERSION", "APPROVED", "SCHOOLS"});
  for (const v1::ActivityPlanSummary& p : res.plans()) {
    t.Add({p.person_id(),
           Lower(v1::PlanStatus_Name(p.status()), "PLAN_STATUS_"),
           absl::StrCat(p.current_version()),
           p.approved_version() == 0 ? "-" : absl::StrCat(p.approved_version()),
           absl::StrJoin(p.school_ids(), ",")});
  }
  t.Print();
}

std::string Hours(int64_t minutes) {
  return absl::StrFormat("%d:%02d", minutes / 60, minutes % 60);
}

void ActualTable(const v1::PlanAgainstActual& res) {
  Table t;
  t.Add({"SCHOOL", "KIND", "PLANNED", "ACTUAL"});
  for (const v1::PlanLine& l : res.lines()) {
    t.Add({l.school_id(), Kind(l.kind()), Hours(l.planned_minutes()),
           Hours(l.actual_minutes())});
  }
  t.Add(
      {"total", "", Hours(res.planned_minutes()), Hours(res.actual_minutes())});
  t.Print();
  std::cout << res.approved_plans() << " approved plan(s) counted, "
            << res.unapproved_plans() << " without an approved version ("
            << SchoolYearText(res.school_year()) << ")\n";
}

void ResultsTable(const v1::MappingResults& res) {
  if (!res.suppressed()) std::cout << res.answered() << " answered\n";
  if (res.suppressed()) {
    std::cout << "not shown: results are shown once the round is closed and "
                 "for five answers or more (the school's principal and "
                 "admins see them always)\n";
    return;
  }
  Table t;
  t.Add({"AREA", "BASIC", "ADVANCED", "DEVELOPER", "NEEDS TRAINING"});
  for (const v1::AreaResult& a : res.areas()) {
    t.Add({DisplayName(a.name()), absl::StrCat(a.basic()),
           absl::StrCat(a.advanced()), absl::StrCat(a.developer()),
           absl::StrCat(a.needs_training())});
  }
  t.Print();
}

void ProcessesTable(const v1::ListMentoringProcessesResponse& res) {
  Table t;
  t.Add({"PROCESS", "CYCLE", "PHASE", "SINCE", "SCHOOLS", "TITLE"});
  for (const v1::MentoringProcessSummary& p : res.processes()) {
    t.Add({p.process_id(), absl::StrCat(p.cycle()),
           p.closed() ? "closed" : absl::StrCat(p.phase()),
           p.has_phase_entered() ? DateText(p.phase_entered()) : "-",
           absl::StrJoin(p.school_ids(), ","), DisplayName(p.title())});
  }
  t.Print();
}

void WorkPairsTable(const v1::ListWorkPairPeriodsResponse& res) {
  Table t;
  t.Add({"PERIOD", "KIND", "PARTNERS", "STATUS", "DAYS", "FIRST"});
  for (const v1::WorkPairSummary& p : res.periods()) {
    t.Add({p.period_id(), Lower(v1::PairKind_Name(p.kind()), "PAIR_KIND_"),
           absl::StrJoin(p.person_ids(), ","),
           Lower(v1::WorkPairStatus_Name(p.status()), "WORK_PAIR_STATUS_"),
           absl::StrCat(p.days()),
           p.has_first_day() ? DateText(p.first_day()) : "-"});
  }
  t.Print();
}

void FiguresTable(const v1::WorkPairFigures& f) {
  Table t;
  t.Add({"YEAR", "PAIRS", "PEOPLE", "WOMEN", "MEN", "OTHER", "NOT RECORDED",
         "CLOSED", "DAYS"});
  auto gender = [&f](int n) {
    return f.gender_suppressed() ? std::string("-") : absl::StrCat(n);
  };
  t.Add({absl::StrCat(f.year()), absl::StrCat(f.pairs()),
         absl::StrCat(f.people()), gender(f.women()), gender(f.men()),
         gender(f.other_gender()), gender(f.gender_not_recorded()),
         absl::StrCat(f.closed()), absl::StrCat(f.days())});
  t.Print();
  if (f.gender_suppressed()) {
    std::cout << "genders are shown once the year is over and five people "
                 "have stated theirs\n";
  }
}

void MentorshipsTable(const v1::ListMentorshipsResponse& res) {
  Table t;
  t.Add({"MENTORSHIP", "UNIT", "PERSON", "TERM", "AGREED", "APPROVED",
         "GOALS MET", "ENDED"});
  for (const v1::MentorshipSummary& m : res.mentorships()) {
    t.Add(
        {m.mentorship_id(), m.unit_id(), m.person_id(),
         absl::StrCat(m.term().year(), " ",
                      Lower(v1::TermHalf_Name(m.term().half()), "TERM_HALF_")),
         absl::StrCat(m.agreed_hours(), " h"), Hours(m.approved_minutes()),
         absl::StrCat(m.goals_achieved(), "/", m.goals()),
         m.ended() ? "yes" : "no"});
  }
  t.Print();
}

}  // namespace

int SendDevelopmentFile(Client& c, const std::string& what,
                        const std::string& file) {
  v1::DevelopmentService::Stub& d = c.development();
  if (what == "plan")
    return SendCommandFromFile(c, d, &S::SubmitActivityPlan, file);
  if (what == "revision")
    return SendCommandFromFile(c, d, &S::ReviseActivityPlan, file);
  if (what == "round")
    return SendCommandFromFile(c, d, &S::OpenMappingRound, file);
  if (what == "process")
    return SendCommandFromFile(c, d, &S::StartMentoringProcess, file);
  if (what == "team")
    return SendCommandFromFile(c, d, &S::ChangeCoordinationTeam, file);
  if (what == "mentors")
    return SendCommandFromFile(c, d, &S::ChangeMentors, file);
  if (what == "work-pair")
    return SendCommandFromFile(c, d, &S::ApplyForWorkPair, file);
  if (what == "mentor")
    return SendCommandFromFile(c, d, &S::AppointDigitalMentor, file);
  return BadArgument(absl::InvalidArgumentError(absl::StrCat("no ", what)));
}

int DefineArea(Client& c, const std::string& network, const std::string& area,
               const std::vector<std::string>& names) {
  v1::DefineCompetenceAreaRequest req;
  req.mutable_command()->set_network_id(network);
  req.mutable_command()->mutable_area()->set_area_id(area);
  *req.mutable_command()->mutable_area()->mutable_name() = Names(names);
  return Send(c, &S::DefineCompetenceArea, req);
}

int DefineMethod(Client& c, const std::string& network,
                 const std::string& method,
                 const std::vector<std::string>& names) {
  v1::DefineMentoringMethodRequest req;
  req.mutable_command()->set_network_id(network);
  req.mutable_command()->mutable_method()->set_method_id(method);
  *req.mutable_command()->mutable_method()->mutable_name() = Names(names);
  return Send(c, &S::DefineMentoringMethod, req);
}

int ShowCatalogue(Client& c, const std::string& network) {
  v1::GetCatalogueRequest req;
  req.set_network_id(network);
  return Query(c, &S::GetCatalogue, req, &CatalogueTable);
}

int DecidePlan(Client& c, bool approve, const std::vector<std::string>& a) {
  // NETWORK PERSON YEAR SCHOOL VERSION [COMMENT]
  absl::StatusOr<int> year = Number("YEAR", a[2]);
  if (!year.ok()) return BadArgument(year.status());
  absl::StatusOr<int> version = Number("VERSION", a[4]);
  if (!version.ok()) return BadArgument(version.status());
  auto fill = [&](auto& command) {
    command.set_network_id(a[0]);
    command.set_person_id(a[1]);
    command.set_school_year(*year);
    command.set_school_id(a[3]);
    command.set_version(*version);
  };
  if (approve) {
    v1::ApproveActivityPlanRequest req;
    fill(*req.mutable_command());
    return Send(c, &S::ApproveActivityPlan, req);
  }
  v1::ReturnActivityPlanRequest req;
  fill(*req.mutable_command());
  req.mutable_command()->set_comment(a.size() > 5 ? a[5] : "");
  return Send(c, &S::ReturnActivityPlan, req);
}

int ShowPlan(Client& c, const std::string& network, const std::string& person,
             const std::string& year) {
  absl::StatusOr<int> y = Number("YEAR", year);
  if (!y.ok()) return BadArgument(y.status());
  v1::GetActivityPlanRequest req;
  req.set_network_id(network);
  req.set_person_id(person);
  req.set_school_year(*y);
  return Query<v1::GetActivityPlanRequest, v1::ActivityPlan>(
      c, &S::GetActivityPlan, req, nullptr);
}

int ListPlans(Client& c, const std::string& network, const std::string& year,
              const std::string& school) {
  absl::StatusOr<int> y = Number("YEAR", year);
  if (!y.ok()) return BadArgument(y.status());
  v1::ListActivityPlansRequest req;
  req.set_network_id(network);
  req.set_school_year(*y);
  req.set_school_id(school);
  return Query(c, &S::ListActivityPlans, req, &PlansTable);
}

int PlanAgainstActual(Client& c, const std::string& network,
                      const std::string& year, const std::string& person,
                      const std::string& school) {
  absl::StatusOr<int> y = Number("YEAR", year);
  if (!y.ok()) return BadArgument(y.status());
  v1::GetPlanAgainstActualRequest req;
  req.set_network_id(network);
  req.set_school_year(*y);
  req.set_person_id(person);
  req.set_school_id(school);
  return Query(c, &S::GetPlanAgainstActual, req, &ActualTable);
}

int AnswerMapping(Client& c, const std::string& round,
                  const std::string& person, const std::string& school,
                  const std::string& answers) {
  auto pairs = Pairs("ANSWERS", answers);
  if (!pairs.ok()) return BadArgument(pairs.status());
  v1::AnswerMappingRequest req;
  v1::AnswerMapping& a = *req.mutable_command();
  a.set_round_id(round);
  a.set_person_id(person);
  a.set_school_id(school);
  for (const auto& [area, level] : *pairs) {
    auto parsed = ParseEnum<v1::SelfAssessment>("ANSWERS", "SELF_ASSESSMENT_",
                                                EnumWord(level),
                                                v1::SelfAssessment_Parse);
    if (!parsed.ok()) return BadArgument(parsed.status());
    v1::AreaAnswer& answer = *a.add_answers();
    answer.set_area_id(area);
    answer.set_level(*parsed);
  }
  return Send(c, &S::AnswerMapping, req);
}

int CloseRound(Client& c, const std::string& round) {
  v1::CloseMappingRoundRequest req;
  req.mutable_command()->set_round_id(round);
  return Send(c, &S::CloseMappingRound, req);
}

int MappingResults(Client& c, const std::string& round,
                   const std::string& region, const std::string& municipality,
                   const std::string& school) {
  v1::GetMappingResultsRequest req;
  req.set_round_id(round);
  req.set_region_id(region);
  req.set_municipality_id(municipality);
  req.set_school_id(school);
  return Query(c, &S::GetMappingResults, req, &ResultsTable);
}

int MappingAnswers(Client& c, const std::string& round,
                   const std::string& person, const std::string& school) {
  v1::ListMappingAnswersRequest req;
  req.set_round_id(round);
  req.set_person_id(person);
  req.set_school_id(school);
  return Query<v1::ListMappingAnswersRequest, v1::ListMappingAnswersResponse>(
      c, &S::ListMappingAnswers, req, nullptr);
}

int AddPlanItem(Client& c, const std::vector<std::string>& a) {
  // NETWORK PERSON ITEM AREA MEANS [NOTE]
  v1::AddTrainingPlanItemRequest req;
  v1::AddTrainingPlanItem& item = *req.mutable_command();
  item.set_network_id(a[0]);
  item.set_person_id(a[1]);
  item.set_item_id(a[2]);
  item.set_area_id(a[3]);
  if (absl::StartsWith(a[4], "training:")) {
    item.set_training_id(a[4].substr(9));
  } else {
    item.set_other_means(a[4]);
  }
  if (a.size() > 5) item.set_note(a[5]);
  return Send(c, &S::AddTrainingPlanItem, req);
}

int SetItemStatus(Client& c, const std::vector<std::string>& a) {
  // NETWORK PERSON ITEM STATUS [NOTE]
  auto status = ParseEnum<v1::TrainingPlanItemStatus>(
      "STATUS", "TRAINING_PLAN_ITEM_STATUS_", EnumWord(a[3]),
      v1::TrainingPlanItemStatus_Parse);
  if (!status.ok()) return BadArgument(status.status());
  v1::SetTrainingPlanItemStatusRequest req;
  req.mutable_command()->set_network_id(a[0]);
  req.mutable_command()->set_person_id(a[1]);
  req.mutable_command()->set_item_id(a[2]);
  req.mutable_command()->set_status(*status);
  if (a.size() > 4) req.mutable_command()->set_note(a[4]);
  return Send(c, &S::SetTrainingPlanItemStatus, req);
}

int ShowTrainingPlan(Client& c, const std::string& network,
                     const std::string& person) {
  v1::GetTrainingPlanRequest req;
  req.set_network_id(network);
  req.set_person_id(person);
  return Query<v1::GetTrainingPlanRequest, v1::TrainingPlan>(
      c, &S::GetTrainingPlan, req, nullptr);
}

int EnterPhase(Client& c, const std::string& process, const std::string& phase,
               const std::string& date, const std::string& notes) {
  absl::StatusOr<int> n = Number("PHASE", phase);
  if (!n.ok()) return BadArgument(n.status());
  absl::StatusOr<v1::Date> day = ParseDate("DATE", date);
  if (!day.ok()) return BadArgument(day.status());
  v1::EnterPhaseRequest req;
  req.mutable_command()->set_process_id(process);
  req.mutable_command()->set_phase(*n);
  *req.mutable_command()->mutable_date() = *day;
  req.mutable_command()->set_notes(notes);
  return Send(c, &S::EnterPhase, req);
}

int RecordMethod(Client& c, const std::vector<std::string>& a) {
  // PROCESS METHOD PHASE DATE MINUTES PARTICIPANTS [NOTE]
  absl::StatusOr<int> phase = Number("PHASE", a[2]);
  absl::StatusOr<v1::Date> day = ParseDate("DATE", a[3]);
  absl::StatusOr<int> minutes = Number("MINUTES", a[4]);
  absl::StatusOr<int> people = Number("PARTICIPANTS", a[5]);
  for (const absl::Status& s :
       {phase.status(), day.status(), minutes.status(), people.status()}) {
    if (!s.ok()) return BadArgument(s);
  }
  v1::RecordMethodUseRequest req;
  v1::RecordMethodUse& m = *req.mutable_command();
  m.set_process_id(a[0]);
  m.set_method_id(a[1]);
  m.set_phase(*phase);
  *m.mutable_date() = *day;
  m.set_duration_minutes(*minutes);
  m.set_participants(*people);
  if (a.size() > 6) m.set_note(a[6]);
  return Send(c, &S::RecordMethodUse, req);
}

int CloseProcess(Client& c, const std::string& process,
                 const std::string& reason) {
  v1::CloseMentoringProcessRequest req;
  req.mutable_command()->set_process_id(process);
  req.mutable_command()->set_reason(reason);
  return Send(c, &S::CloseMentoringProcess, req);
}

int ShowProcess(Client& c, const std::string& process) {
  v1::GetMentoringProcessRequest req;
  req.set_process_id(process);
  return Query<v1::GetMentoringProcessRequest, v1::MentoringProcess>(
      c, &S::GetMentoringProcess, req, nullptr);
}

int ListProcesses(Client& c, const std::string& network) {
  v1::ListMentoringProcessesRequest req;
  req.set_network_id(network);
  return Query(c, &S::ListMentoringProcesses, req, &ProcessesTable);
}

int DecideWorkPair(Client& c, const std::string& period, bool approve,
                   const std::string& reason) {
  v1::DecideWorkPairRequest req;
  req.mutable_command()->set_period_id(period);
  req.mutable_command()->set_approve(approve);
  req.mutable_command()->set_reason(reason);
  return Send(c, &S::DecideWorkPair, req);
}

int FileGoals(Client& c, const std::string& period, const std::string& goals,
              const std::string& supervisors) {
  v1::FileWorkPairGoalsRequest req;
  req.mutable_command()->set_period_id(period);
  req.mutable_command()->set_goals(goals);
  for (const std::string& s : CommaList(supervisors)) {
    req.mutable_command()->add_supervisor_ids(s);
  }
  return Send(c, &S::FileWorkPairGoals, req);
}

int RecordDay(Client& c, const std::string& period, const std::string& date,
              const std::string& note) {
  absl::StatusOr<v1::Date> day = ParseDate("DATE", date);
  if (!day.ok()) return BadArgument(day.status());
  v1::RecordWorkPairDayRequest req;
  req.mutable_command()->set_period_id(period);
  *req.mutable_command()->mutable_date() = *day;
  req.mutable_command()->set_note(note);
  return Send(c, &S::RecordWorkPairDay, req);
}

int FileFollowUp(Client& c, const std::vector<std::string>& a,
                 const std::string& gender) {
  // PERIOD PERSON ACHIEVED LEARNT
  v1::FileWorkPairFollowUpRequest req;
  v1::FileWorkPairFollowUp& f = *req.mutable_command();
  f.set_period_id(a[0]);
  f.set_person_id(a[1]);
  f.set_goals_achieved(a[2]);
  f.set_learnt(a[3]);
  if (!gender.empty()) {
    auto g =
        ParseEnum<v1::Gender>("--gender", "GENDER_", gender, v1::Gender_Parse);
    if (!g.ok()) return BadArgument(g.status());
    f.set_gender(*g);
  }
  return Send(c, &S::FileWorkPairFollowUp, req);
}

int CloseWorkPair(Client& c, const std::string& period,
                  const std::string& shortened_reason) {
  v1::CloseWorkPairRequest req;
  req.mutable_command()->set_period_id(period);
  req.mutable_command()->set_shortened_reason(shortened_reason);
  return Send(c, &S::CloseWorkPair, req);
}

int ShowWorkPair(Client& c, const std::string& period) {
  v1::GetWorkPairPeriodRequest req;
  req.set_period_id(period);
  return Query<v1::GetWorkPairPeriodRequest, v1::WorkPairPeriod>(
      c, &S::GetWorkPairPeriod, req, nullptr);
}

int ListWorkPairs(Client& c, const std::string& network) {
  v1::ListWorkPairPeriodsRequest req;
  req.set_network_id(network);
  return Query(c, &S::ListWorkPairPeriods, req, &WorkPairsTable);
}

int WorkPairFigures(Client& c, const std::string& network,
                    const std::string& year) {
  absl::StatusOr<int> y = Number("YEAR", year);
  if (!y.ok()) return BadArgument(y.status());
  v1::GetWorkPairFiguresRequest req;
  req.set_network_id(network);
  req.set_year(*y);
  return Query(c, &S::GetWorkPairFigures, req, &FiguresTable);
}

int FollowUpMentor(Client& c, const std::string& mentorship,
                   const std::string& goals) {
  auto pairs = Pairs("GOALS", goals);
  if (!pairs.ok()) return BadArgument(pairs.status());
  v1::FollowUpMentorGoalsRequest req;
  req.mutable_command()->set_mentorship_id(mentorship);
  for (const auto& [index, progress] : *pairs) {
    absl::StatusOr<int> goal = Number("GOALS", index);
    if (!goal.ok()) return BadArgument(goal.status());
    auto parsed = ParseEnum<v1::GoalProgress>(
        "GOALS", "GOAL_PROGRESS_", EnumWord(progress), v1::GoalProgress_Parse);
    if (!parsed.ok()) return BadArgument(parsed.status());
    v1::GoalFollowUp& g = *req.mutable_command()->add_goals();
    g.set_goal(*goal);
    g.set_progress(*parsed);
  }
  return Send(c, &S::FollowUpMentorGoals, req);
}

int EndMentorship(Client& c, const std::string& mentorship,
                  const std::string& reason) {
  v1::EndMentorshipRequest req;
  req.mutable_command()->set_mentorship_id(mentorship);
  req.mutable_command()->set_reason(reason);
  return Send(c, &S::EndMentorship, req);
}

int ShowMentorship(Client& c, const std::string& mentorship) {
  v1::GetMentorshipRequest req;
  req.set_mentorship_id(mentorship);
  return Query<v1::GetMentorshipRequest, v1::Mentorship>(c, &S::GetMentorship,
                                                         req, nullptr);
}

int ListMentorships(Client& c, const std::string& network,
                    const std::string& unit) {
  v1::ListMentorshipsRequest req;
  req.set_network_id(network);
  req.set_unit_id(unit);
  return Query(c, &S::ListMentorships, req, &MentorshipsTable);
}

}  // namespace tutornet::ctl
