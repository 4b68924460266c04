#include "tools/tutornetctl/training_client.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tools/tutornetctl/calls.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {
namespace {

using S = v1::TrainingService::Stub;

template <typename Request>
int Send(Client& c,
         grpc::Status (S::*method)(grpc::ClientContext*, const Request&,
                                   v1::CommandResult*),
         Request& req) {
  return SendCommand(c, c.training(), method, req);
}

template <typename Request>
int FromFile(Client& c,
             grpc::Status (S::*method)(grpc::ClientContext*, const Request&,
                                       v1::CommandResult*),
             const std::string& file) {
  return SendCommandFromFile(c, c.training(), method, file);
}

template <typename Request, typename Response>
int Query(Client& c,
          grpc::Status (S::*method)(grpc::ClientContext*, const Request&,
                                    Response*),
          const Request& req, void (*table)(const Response&)) {
  return RunQuery(c, c.training(), method, req, table);
}

std::string Level(v1::CompetenceLevel level) {
  return Lower(v1::CompetenceLevel_Name(level), "COMPETENCE_LEVEL_");
}

std::string Status(const v1::Registration& r) {
  std::string s =
      Lower(v1::RegistrationStatus_Name(r.status()), "REGISTRATION_STATUS_");
  if (r.status() == v1::REGISTRATION_STATUS_WAITING && r.waiting_number() > 0) {
    absl::StrAppend(&s, " #", r.waiting_number());
  }
  if (r.training_cancelled()) s += " (training cancelled)";
  if (r.certificate()) s += ", certificate";
  return s;
}

std::string Where(const v1::CreateTraining& d) {
  if (d.venue().online()) return "online";
  if (!d.venue().school_id().empty()) return d.venue().school_id();
  return absl::StrCat(d.venue().place_name(), ", ",
                      d.venue().municipality_id());
}

void TrainingsTable(const v1::ListTrainingsResponse& res) {
  Table t;
  t.Add({"TRAINING", "FIRST", "LEVEL", "LANG", "WHERE", "PLACES", "WAITING",
         "THEME"});
  for (const v1::Training& x : res.trainings()) {
    const v1::CreateTraining& d = x.definition();
    t.Add({d.training_id(),
           absl::StrCat(DateText(d.sessions(0).date()), " ",
                        Clock(d.sessions(0).start_minute())),
           Level(d.level()),
           Lower(v1::Language_Name(d.language()), "LANGUAGE_"), Where(d),
           absl::StrCat(x.places_taken(), "/", d.capacity()),
           absl::StrCat(x.waiting()),
           x.cancelled() ? DisplayName(d.theme()) + " (cancelled)"
                         : DisplayName(d.theme())});
  }
  t.Print();
}

void RegistrationsTable(const v1::ListRegistrationsResponse& res) {
  Table t;
  t.Add({"TRAINING", "SCHOOL", "STATUS", "SESSIONS", "FEEDBACK"});
  for (const v1::Registration& r : res.registrations()) {
    t.Add({r.training_id(), r.school_id(), Status(r),
           absl::StrJoin(r.attended_sessions(), ","),
           r.feedback_given() ? "given" : ""});
  }
  t.Print();
}

void FollowUpsTable(const v1::ListFollowUpsResponse& res) {
  Table t;
  t.Add({"TRAINING", "AVERAGE", "RESPONSES", "TRAINERS", "THEME"});
  for (const v1::Training& x : res.trainings()) {
    t.Add({x.definition().training_id(),
           absl::StrFormat("%.2f", x.feedback().average()),
           absl::StrCat(x.feedback().responses()),
           absl::StrJoin(x.definition().trainer_ids(), ","),
           DisplayName(x.definition().theme())});
  }
  t.Print();
}

void ReachTable(const v1::Reach& r) {
  Table t;
  t.Add({"LEVEL", "TRAININGS", "TEACHERS"});
  for (const v1::LevelReach& l : r.levels()) {
    t.Add({Level(l.level()), absl::StrCat(l.trainings()),
           absl::StrCat(l.teachers())});
  }
  t.Add({"all", absl::StrCat(r.trainings()), absl::StrCat(r.teachers())});
  t.Print();
  std::printf(
      "%d teachers trained of %d permanent teachers in %s: %.1f %%\n"
      "(%d schools in scope, %d without a staff record for the year)\n",
      r.teachers(), r.permanent_teachers(),
      SchoolYearText(r.school_year()).c_str(), r.share_percent(), r.schools(),
      r.schools_without_staff());
}

void MeetingsTable(const v1::ListMeetingsResponse& res) {
  Table t;
  t.Add({"MEETING", "DATE", "KIND", "REGION", "PRESENT", "MINUTES", "TITLE"});
  for (const v1::Meeting& m : res.meetings()) {
    const v1::CreateMeeting& d = m.definition();
    t.Add({d.meeting_id(), DateText(d.session().date()),
           Lower(v1::MeetingKind_Name(d.kind()), "MEETING_KIND_"),
           d.region_id(), absl::StrCat(m.present_person_ids_size()),
           m.minutes_ref(), DisplayName(d.title())});
  }
  t.Print();
  if (res.takeovers_size() == 0) return;
  std::printf("\n");
  Table k;
  k.Add({"TAKEOVER", "SCHOOL", "REGION", "DAYS", "TEACHERS", "STUDENTS",
         "MODULE"});
  for (const v1::TakeoverRecorded& r : res.takeovers()) {
    const v1::RecordTakeover& x = r.takeover();
    std::vector<std::string> days;
    for (const v1::Date& d : x.days()) days.push_back(DateText(d));
    k.Add({x.takeover_id(), x.school_id(), r.placement().region_id(),
           absl::StrJoin(days, " "), absl::StrCat(x.teachers_trained()),
           absl::StrCat(x.students_teaching()), DisplayName(x.module())});
  }
  k.Print();
}

void PeerGroupsTable(const v1::ListPeerGroupsResponse& res) {
  Table t;
  t.Add({"GROUP", "FACILITATOR", "MEMBERS", "MEETINGS", "STATE", "NAME"});
  for (const v1::PeerGroup& g : res.groups()) {
    const v1::CreatePeerGroup& d = g.definition();
    t.Add({d.group_id(), d.facilitator_id(), absl::StrCat(d.members_size()),
           absl::StrCat(g.meetings_size()), g.closed() ? "closed" : "open",
           DisplayName(d.name())});
  }
  t.Print();
}

void FiguresTable(const v1::YearFigures& f) {
  Table t;
  t.Add({"YEAR", "MEETINGS", "ATTENDANCES", "TAKEOVERS", "TEACHERS", "STUDENTS",
         "PEER GROUPS", "PARTICIPANTS"});
  t.Add({absl::StrCat(f.year()), absl::StrCat(f.meetings()),
         absl::StrCat(f.meeting_attendances()), absl::StrCat(f.takeovers()),
         absl::StrCat(f.takeover_teachers_trained()),
         absl::StrCat(f.takeover_students_teaching()),
         absl::StrCat(f.peer_groups()),
         absl::StrCat(f.peer_group_participants())});
  t.Print();
}

}  // namespace

int CreateFromFile(Client& c, const std::string& what,
                   const std::string& file) {
  if (what == "training") {
    return FromFile<v1::CreateTrainingRequest>(c, &S::CreateTraining, file);
  }
  if (what == "meeting") {
    return FromFile<v1::CreateMeetingRequest>(c, &S::CreateMeeting, file);
  }
  if (what == "takeover") {
    return FromFile<v1::RecordTakeoverRequest>(c, &S::RecordTakeover, file);
  }
  if (what == "peer-group") {
    return FromFile<v1::CreatePeerGroupRequest>(c, &S::CreatePeerGroup, file);
  }
  if (what == "peer-meeting") {
    return FromFile<v1::HoldPeerMeetingRequest>(c, &S::HoldPeerMeeting, file);
  }
  return BadArgument(absl::InvalidArgumentError(absl::StrCat(
      "\"", what,
      "\" is not training, meeting, takeover, peer-group or peer-meeting")));
}

int CancelTraining(Client& c, const std::string& training,
                   const std::string& reason) {
  v1::CancelTrainingRequest req;
  req.mutable_command()->set_training_id(training);
  req.mutable_command()->set_reason(reason);
  return Send(c, &S::CancelTraining, req);
}

int RegisterForTraining(Client& c, const std::string& training,
                        const std::string& person, const std::string& school) {
  v1::RegisterForTrainingRequest req;
  req.mutable_command()->set_training_id(training);
  req.mutable_command()->set_person_id(person);
  req.mutable_command()->set_school_id(school);
  return Send(c, &S::RegisterForTraining, req);
}

int CancelRegistration(Client& c, const std::string& training,
                       const std::string& person) {
  v1::CancelRegistrationRequest req;
  req.mutable_command()->set_training_id(training);
  req.mutable_command()->set_person_id(person);
  return Send(c, &S::CancelRegistration, req);
}

int RecordAttendance(Client& c, const std::string& training,
                     const std::string& session,
                     const std::vector<std::string>& present) {
  v1::RecordAttendanceRequest req;
  int n = 0;
  if (!absl::SimpleAtoi(session, &n)) {
    return BadArgument(absl::InvalidArgumentError("SESSION: not a number"));
  }
  req.mutable_command()->set_training_id(training);
  req.mutable_command()->set_session(n);
  for (const std::string& p : present) {
    req.mutable_command()->add_present_person_ids(p);
  }
  return Send(c, &S::RecordAttendance, req);
}

int GiveFeedback(Client& c, const std::string& training,
                 const std::string& person, const std::string& score,
                 const std::string& comment) {
  v1::GiveFeedbackRequest req;
  int n = 0;
  if (!absl::SimpleAtoi(score, &n)) {
    return BadArgument(absl::InvalidArgumentError("SCORE: not 1-5"));
  }
  req.mutable_command()->set_training_id(training);
  req.mutable_command()->set_person_id(person);
  req.mutable_command()->set_score(n);
  req.mutable_command()->set_comment(comment);
  return Send(c, &S::GiveFeedback, req);
}

int CloseFeedback(Client& c, const std::string& training) {
  v1::CloseFeedbackRequest req;
  req.mutable_command()->set_training_id(training);
  return Send(c, &S::CloseFeedback, req);
}

int CloseFollowUp(Client& c, const std::string& training,
                  const std::string& note) {
  v1::CloseFollowUpRequest req;
  req.mutable_command()->set_training_id(training);
  req.mutable_command()->set_note(note);
  return Send(c, &S::CloseFollowUp, req);
}

int RecordMeetingAttendance(Client& c, const std::string& meeting,
                            const std::vector<std::string>& present) {
  v1::RecordMeetingAttendanceRequest req;
  req.mutable_command()->set_meeting_id(meeting);
  for (const std::string& p : present) {
    req.mutable_command()->add_present_person_ids(p);
  }
  return Send(c, &S::RecordMeetingAttendance, req);
}

int RecordMinutes(Client& c, const std::string& meeting,
                  const std::string& ref) {
  v1::RecordMinutesRequest req;
  req.mutable_command()->set_meeting_id(meeting);
  req.mutable_command()->set_minutes_ref(ref);
  return Send(c, &S::RecordMinutes, req);
}

int RecordFacilitator(Client& c, const std::string& network,
                      const std::string& person, const std::string& date,
                      const std::string& provider) {
  v1::RecordFacilitatorTrainingRequest req;
  absl::StatusOr<v1::Date> day = ParseDate("DATE", date);
  if (!day.ok()) return BadArgument(day.status());
  req.mutable_command()->set_network_id(network);
  req.mutable_command()->set_person_id(person);
  *req.mutable_command()->mutable_completed() = *day;
  req.mutable_command()->set_provider(provider);
  return Send(c, &S::RecordFacilitatorTraining, req);
}

int ClosePeerGroup(Client& c, const std::string& group) {
  v1::ClosePeerGroupRequest req;
  req.mutable_command()->set_group_id(group);
  return Send(c, &S::ClosePeerGroup, req);
}

int ListTrainings(Client& c, const std::string& network,
                  const TrainingFilter& filter) {
  v1::ListTrainingsRequest req;
  req.set_network_id(network);
  req.set_all(filter.all);
  req.set_online_only(filter.online);
  req.set_region_id(filter.region);
  if (!filter.language.empty()) {
    auto language = ParseEnum<v1::Language>(
        "--language", "LANGUAGE_", filter.language, v1::Language_Parse);
    if (!language.ok()) return BadArgument(language.status());
    req.set_language(*language);
  }
  if (!filter.level.empty()) {
    auto level =
        ParseEnum<v1::CompetenceLevel>("--level", "COMPETENCE_LEVEL_",
                                       filter.level, v1::CompetenceLevel_Parse);
    if (!level.ok()) return BadArgument(level.status());
    req.set_level(*level);
  }
  return Query(c, &S::ListTrainings, req, &TrainingsTable);
}

int ShowTraining(Client& c, const std::string& network,
                 const std::string& training) {
  v1::GetTrainingRequest req;
  req.set_network_id(network);
  req.set_training_id(training);
  return Query<v1::GetTrainingRequest, v1::Training>(c, &S::GetTraining, req,
                                                     nullptr);
}

int ListRegistrations(Client& c, const std::string& network,
                      const std::string& person) {
  v1::ListRegistrationsRequest req;
  req.set_network_id(network);
  req.set_person_id(person);
  return Query(c, &S::ListRegistrations, req, &RegistrationsTable);
}

int ShowCertificate(Client& c, const std::string& network,
                    const std::string& training, const std::string& person) {
  v1::GetCertificateRequest req;
  req.set_network_id(network);
  req.set_training_id(training);
  req.set_person_id(person);
  return Query<v1::GetCertificateRequest, v1::Certificate>(
      c, &S::GetCertificate, req, nullptr);
}

int ListFollowUps(Client& c, const std::string& network) {
  v1::ListFollowUpsRequest req;
  req.set_network_id(network);
  return Query(c, &S::ListFollowUps, req, &FollowUpsTable);
}

int ShowReach(Client& c, const std::string& network, const std::string& from,
              const std::string& to, const std::string& region,
              const std::string& municipality, const std::string& school) {
  v1::GetReachRequest req;
  req.set_network_id(network);
  absl::StatusOr<v1::Date> f = ParseDate("FROM", from);
  if (!f.ok()) return BadArgument(f.status());
  absl::StatusOr<v1::Date> t = ParseDate("TO", to);
  if (!t.ok()) return BadArgument(t.status());
  *req.mutable_from() = *f;
  *req.mutable_to() = *t;
  req.set_region_id(region);
  req.set_municipality_id(municipality);
  req.set_school_id(school);
  return Query(c, &S::GetReach, req, &ReachTable);
}

int ListMeetings(Client& c, const std::string& network) {
  v1::ListMeetingsRequest req;
  req.set_network_id(network);
  return Query(c, &S::ListMeetings, req, &MeetingsTable);
}

int ListPeerGroups(Client& c, const std::string& network) {
  v1::ListPeerGroupsRequest req;
  req.set_network_id(network);
  return Query(c, &S::ListPeerGroups, req, &PeerGroupsTable);
}

int ShowYearFigures(Client& c, const std::string& network,
                    const std::string& year) {
  v1::GetYearFiguresRequest req;
  int y = 0;
  if (!absl::SimpleAtoi(year, &y)) {
    return BadArgument(absl::InvalidArgumentError("YEAR: not a year"));
  }
  req.set_network_id(network);
  req.set_year(y);
  return Query(c, &S::GetYearFigures, req, &FiguresTable);
}

}  // namespace tutornet::ctl
