#include "tools/tutornetctl/activity_client.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "services/activity/month_report_check.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"
#include "tools/tutornetctl/transparency_client.h"

namespace tutornet::ctl {
namespace {

absl::Status Invalid(const std::string& field, const std::string& why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

// "2026-10" -> Month.
absl::StatusOr<v1::Month> ParseMonth(const std::string& field,
                                     const std::string& text) {
  int year = 0, month = 0;
  if (text.size() != 7 || text[4] != '-' ||
      !absl::SimpleAtoi(text.substr(0, 4), &year) ||
      !absl::SimpleAtoi(text.substr(5, 2), &month)) {
    return Invalid(field, absl::StrCat("\"", text, "\" is not YYYY-MM"));
  }
  v1::Month m;
  m.set_year(year);
  m.set_month(month);
  return m;
}

// "09:30" -> 570.
absl::StatusOr<int> ParseClock(const std::string& field,
                               const std::string& text) {
  int h = 0, m = 0;
  const auto digit = [&](size_t i) { return absl::ascii_isdigit(text[i]); };
  if (text.size() != 5 || text[2] != ':' || !digit(0) || !digit(1) ||
      !digit(3) || !digit(4) || !absl::SimpleAtoi(text.substr(0, 2), &h) ||
      !absl::SimpleAtoi(text.substr(3, 2), &m) || h > 23 || m > 59) {
    return Invalid(field, absl::StrCat("\"", text, "\" is not HH:MM"));
  }
  return h * 60 + m;
}

std::string FormatMonth(const v1::Month& m) {
  return absl::StrFormat("%04d-%02d", m.year(), m.month());
}

absl::StatusOr<std::optional<v1::Correction>> ParseCorrection(
    const CorrectionArgs& args) {
  if (args.month.empty() && args.reason.empty()) return std::nullopt;
  v1::Correction c;
  absl::StatusOr<v1::Month> month = ParseMonth("--correct", args.month);
  if (!month.ok()) return month.status();
  *c.mutable_month() = *month;
  c.set_reason(args.reason);
  return c;
}

template <typename Request>
void NewHeader(Request& req) {
  req.mutable_header()->set_request_id(RandomRequestId());
}

// Prints a list of records, or the call's error; returns the exit code.
int PrintRecords(const grpc::Status& status,
                 const v1::ListHourRecordsResponse& res) {
  if (!status.ok()) return Fail(FromGrpc(status));
  if (PrintedAsJson(res)) return kExitOk;
  Table t;
  t.Add({"PERSON", "RECORD", "DATE", "TIME", "MIN", "SCHOOL", "REGION", "KIND",
         "PROJECT", "STATUS", "V"});
  for (const v1::HourRecord& r : res.records()) {
    const v1::HourEntry& e = r.entry();
    t.Add({r.person_id(), r.record_id(), DateText(e.date()),
           Clock(e.start_minute()), absl::StrCat(e.duration_minutes()),
           e.school_id(), r.placement().region_id(),
           Lower(v1::WorkKind_Name(e.kind()), "WORK_KIND_"), e.project_id(),
           Lower(v1::HourStatus_Name(r.status()), "HOUR_STATUS_"),
           absl::StrCat(r.version())});
  }
  t.Print();
  return kExitOk;
}

}  // namespace

absl::StatusOr<v1::HourEntry> ParseEntry(const EntryArgs& a) {
  v1::HourEntry e;
  absl::StatusOr<v1::Date> date = ParseDate("date", a.date);
  if (!date.ok()) return date.status();
  *e.mutable_date() = *date;
  absl::StatusOr<int> start = ParseClock("start", a.start);
  if (!start.ok()) return start.status();
  e.set_start_minute(*start);
  int minutes = 0;
  if (!absl::SimpleAtoi(a.minutes, &minutes)) {
    return Invalid("minutes", absl::StrCat("\"", a.minutes,
                                           "\" is not a number of minutes"));
  }
  e.set_duration_minutes(minutes);
  e.set_school_id(a.school);
  absl::string_view kind = a.kind;
  if (absl::ConsumePrefix(&kind, "other:")) {
    e.set_kind(v1::WORK_KIND_OTHER);
    e.set_other_kind(std::string(kind));
  } else {
    absl::StatusOr<v1::WorkKind> k = ParseEnum<v1::WorkKind>(
        "kind", "WORK_KIND_", a.kind, v1::WorkKind_Parse);
    if (!k.ok() || *k == v1::WORK_KIND_OTHER) {
      return Invalid("kind",
                     absl::StrCat("\"", a.kind,
                                  "\" is none of peer_support co_teaching "
                                  "training_delivered planning meeting "
                                  "school_visit other:<what>"));
    }
    e.set_kind(*k);
  }
  e.set_theme(a.theme);
  e.set_project_id(a.project);
  if (!a.teachers.empty()) {
    int teachers = 0;
    if (!absl::SimpleAtoi(a.teachers, &teachers)) {
      return Invalid("teachers",
                     absl::StrCat("\"", a.teachers, "\" is not a number"));
    }
    e.set_teachers_reached(teachers);
  }
  e.set_note(a.note);
  return e;
}

int CreateProject(Client& c, const ProjectArgs& a) {
  v1::CreateFundedProjectRequest req;
  NewHeader(req);
  v1::CreateFundedProject& p = *req.mutable_command();
  p.set_project_id(a.project_id);
  p.set_network_id(a.network_id);
  p.mutable_name()->set_fi(a.name);
  absl::StatusOr<v1::FunderKind> kind = ParseEnum<v1::FunderKind>(
      "FUNDER_KIND", "FUNDER_KIND_", a.funder_kind, v1::FunderKind_Parse);
  if (!kind.ok()) return BadArgument(kind.status());
  p.mutable_funder()->set_kind(*kind);
  p.mutable_funder()->set_name(a.funder_name);
  p.mutable_funder()->set_decision_number(a.decision_number);
  p.mutable_funder()->set_grant_call(a.grant_call);
  for (const auto& [field, text, out] :
       {std::tuple("START", a.start, p.mutable_start()),
        std::tuple("END", a.end, p.mutable_end())}) {
    absl::StatusOr<v1::Date> d = ParseDate(field, text);
    if (!d.ok()) return BadArgument(d.status());
    *out = *d;
  }
  for (const std::string& r : a.regions) p.add_region_ids(r);
  for (const std::string& s : a.schools) p.add_school_ids(s);
  for (const std::string& k : a.kinds) {
    absl::StatusOr<v1::WorkKind> w =
        ParseEnum<v1::WorkKind>("--kinds", "WORK_KIND_", k, v1::WorkKind_Parse);
    if (!w.ok()) return BadArgument(w.status());
    p.add_work_kinds(*w);
  }
  v1::CommandResult res;
  return c.Report(
      FromGrpc(c.activity().CreateFundedProject(c.Context().get(), req, &res)),
      res);
}

int CloseProject(Client& c, const std::string& project_id,
                 const std::string& reason) {
  v1::CloseFundedProjectRequest req;
  NewHeader(req);
  req.mutable_command()->set_project_id(project_id);
  req.mutable_command()->set_reason(reason);
  v1::CommandResult res;
  return c.Report(
      FromGrpc(c.activity().CloseFundedProject(c.Context().get(), req, &res)),
      res);
}

int ShowProject(Client& c, const std::string& project_id) {
  v1::GetFundedProjectRequest req;
  req.set_project_id(project_id);
  v1::FundedProject res;
  const grpc::Status s =
      c.activity().GetFundedProject(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  PrintJson(res);  // A project is a document: JSON either way.
  return kExitOk;
}

int ListProjects(Client& c, const std::string& network_id) {
  v1::ListFundedProjectsRequest req;
  req.set_network_id(network_id);
  v1::ListFundedProjectsResponse res;
  const grpc::Status s =
      c.activity().ListFundedProjects(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(res)) return kExitOk;
  Table t;
  t.Add({"PROJECT", "NAME", "FUNDER", "DECISION", "START", "END", "STATE"});
  for (const v1::FundedProject& f : res.projects()) {
    const v1::CreateFundedProject& p = f.project();
    t.Add({p.project_id(), DisplayName(p.name()), p.funder().name(),
           p.funder().decision_number(), DateText(p.start()), DateText(p.end()),
           f.closed() ? "closed"
                      : absl::StrCat("open, ", f.closed_months_size(),
                                     " months closed")});
  }
  t.Print();
  return kExitOk;
}

int CloseMonth(Client& c, const std::string& project_id,
               const std::string& month) {
  v1::CloseMonthRequest req;
  NewHeader(req);
  req.mutable_command()->set_project_id(project_id);
  absl::StatusOr<v1::Month> m = ParseMonth("MONTH", month);
  if (!m.ok()) return BadArgument(m.status());
  *req.mutable_command()->mutable_month() = *m;
  v1::CommandResult res;
  return c.Report(
      FromGrpc(c.activity().CloseMonth(c.Context().get(), req, &res)), res);
}

absl::Status SendLogHours(Client& c, const std::string& request_id,
                          const std::string& person, const std::string& record,
                          const EntryArgs& entry) {
  v1::LogHoursRequest req;
  req.mutable_header()->set_request_id(request_id);
  req.mutable_command()->set_person_id(person);
  req.mutable_command()->set_record_id(record);
  absl::StatusOr<v1::HourEntry> e = ParseEntry(entry);
  if (!e.ok()) return e.status();
  *req.mutable_command()->mutable_entry() = *e;
  v1::CommandResult res;
  return FromGrpc(c.activity().LogHours(c.Context().get(), req, &res));
}

int LogHours(Client& c, const std::string& person, const std::string& record,
             const EntryArgs& entry, const CorrectionArgs& correction) {
  v1::LogHoursRequest req;
  NewHeader(req);
  req.mutable_command()->set_person_id(person);
  req.mutable_command()->set_record_id(record);
  absl::StatusOr<v1::HourEntry> e = ParseEntry(entry);
  if (!e.ok()) return BadArgument(e.status());
  *req.mutable_command()->mutable_entry() = *e;
  absl::StatusOr<std::optional<v1::Correction>> k = ParseCorrection(correction);
  if (!k.ok()) return BadArgument(k.status());
  if (k->has_value()) *req.mutable_command()->mutable_correction() = **k;
  v1::CommandResult res;
  return c.Report(FromGrpc(c.activity().LogHours(c.Context().get(), req, &res)),
                  res);
}

int StepHours(Client& c, const std::string& step, const std::string& person,
              const std::string& record, const std::string& text,
              const CorrectionArgs& correction) {
  absl::StatusOr<std::optional<v1::Correction>> k = ParseCorrection(correction);
  if (!k.ok()) return BadArgument(k.status());
  auto fill = [&](auto& req) {
    NewHeader(req);
    req.mutable_command()->set_person_id(person);
    req.mutable_command()->set_record_id(record);
    if (k->has_value()) *req.mutable_command()->mutable_correction() = **k;
  };
  v1::CommandResult res;
  grpc::Status s;
  if (step == "submit") {
    v1::SubmitHoursRequest req;
    fill(req);
    s = c.activity().SubmitHours(c.Context().get(), req, &res);
  } else if (step == "approve") {
    v1::ApproveHoursRequest req;
    fill(req);
    s = c.activity().ApproveHours(c.Context().get(), req, &res);
  } else if (step == "return") {
    v1::ReturnHoursRequest req;
    fill(req);
    req.mutable_command()->set_comment(text);
    s = c.activity().ReturnHours(c.Context().get(), req, &res);
  } else {
    v1::VoidHoursRequest req;
    fill(req);
    req.mutable_command()->set_reason(text);
    s = c.activity().VoidHours(c.Context().get(), req, &res);
  }
  return c.Report(FromGrpc(s), res);
}

int AmendHours(Client& c, const std::string& person, const std::string& record,
               const EntryArgs& entry, const std::string& reason,
               const CorrectionArgs& correction) {
  v1::AmendHoursRequest req;
  NewHeader(req);
  req.mutable_command()->set_person_id(person);
  req.mutable_command()->set_record_id(record);
  req.mutable_command()->set_reason(reason);
  absl::StatusOr<v1::HourEntry> e = ParseEntry(entry);
  if (!e.ok()) return BadArgument(e.status());
  *req.mutable_command()->mutable_entry() = *e;
  absl::StatusOr<std::optional<v1::Correction>> k = ParseCorrection(correction);
  if (!k.ok()) return BadArgument(k.status());
  if (k->has_value()) *req.mutable_command()->mutable_correction() = **k;
  v1::CommandResult res;
  return c.Report(
      FromGrpc(c.activity().AmendHours(c.Context().get(), req, &res)), res);
}

int ListHours(Client& c, const std::string& month, const std::string& person,
              const std::string& project) {
  v1::ListHourRecordsRequest req;
  absl::StatusOr<v1::Month> m = ParseMonth("MONTH", month);
  if (!m.ok()) return BadArgument(m.status());
  *req.mutable_month() = *m;
  req.set_person_id(person);
  req.set_project_id(project);
  v1::ListHourRecordsResponse res;
  return PrintRecords(
      c.activity().ListHourRecords(c.Context().get(), req, &res), res);
}

int HoursQueue(Client& c, const std::string& network_id,
               const std::string& region_id) {
  v1::ListSubmittedHoursRequest req;
  req.set_network_id(network_id);
  req.set_region_id(region_id);
  v1::ListHourRecordsResponse res;
  return PrintRecords(
      c.activity().ListSubmittedHours(c.Context().get(), req, &res), res);
}

int HoursHistory(Client& c, const std::string& person,
                 const std::string& record) {
  v1::GetHourRecordRequest req;
  req.set_person_id(person);
  req.set_record_id(record);
  v1::HourRecord res;
  const grpc::Status s =
      c.activity().GetHourRecord(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(res)) return kExitOk;
  Table t;
  t.Add({"POSITION", "RECORDED (UTC)", "STEP", "BY", "V", "DATE", "TIME", "MIN",
         "REASON"});
  for (const v1::HourStep& step : res.history()) {
    const bool has_entry = step.has_entry();
    std::string reason = step.reason();
    if (!step.correction_reason().empty() && step.corrects_size() > 0) {
      absl::StrAppend(&reason, reason.empty() ? "" : "; ", "correction of ",
                      FormatMonth(step.corrects(0).month()), ": ",
                      step.correction_reason());
    }
    t.Add(
        {absl::StrCat(step.position()),
         absl::FormatTime("%Y-%m-%d %H:%M:%S",
                          absl::FromUnixMicros(step.recorded_at_unix_micros()),
                          absl::UTCTimeZone()),
         Lower(v1::HourStepKind_Name(step.kind()), "HOUR_STEP_KIND_"),
         step.actor(), absl::StrCat(step.version()),
         has_entry ? DateText(step.entry().date()) : "",
         has_entry ? Clock(step.entry().start_minute()) : "",
         has_entry ? absl::StrCat(step.entry().duration_minutes()) : "",
         reason});
  }
  t.Print();
  return kExitOk;
}

int HoursReport(Client& c, const std::string& project, const std::string& month,
                const std::string& out, const std::string& pinned_key) {
  v1::GetMonthReportRequest req;
  req.set_project_id(project);
  absl::StatusOr<v1::Month> m = ParseMonth("MONTH", month);
  if (!m.ok()) return BadArgument(m.status());
  *req.mutable_month() = *m;
  v1::MonthReportBundle res;
  const grpc::Status s =
      c.activity().GetMonthReport(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  absl::StatusOr<std::string> file = activity::MonthReportFile(res);
  if (!file.ok()) return Fail(file.status());
  const std::string path =
      out.empty() ? absl::StrCat(project, "-", month, ".json") : out;
  // Written aside and named only once verified.
  const std::string part = path + ".part";
  {
    std::ofstream f(part, std::ios::binary | std::ios::trunc);
    f << *file;
    f.close();
    if (!f) return Fail(absl::UnavailableError("cannot write " + part));
  }
  absl::StatusOr<v1::LogInfo> info = PinnedLogInfo(c, "activity", pinned_key);
  if (!info.ok()) return Fail(info.status());
  const activity::MonthReportCheck check =
      activity::CheckMonthReport(*file, {info->log_id(), info->public_key()});
  if (!check.problems.empty()) {
    for (const std::string& p : check.problems) {
      std::fprintf(stderr, "tutornetctl: not verified: %s\n", p.c_str());
    }
    std::rename(part.c_str(), (path + ".unverified").c_str());
    std::fprintf(stderr, "tutornetctl: kept as %s.unverified\n", path.c_str());
    return kExitUnverified;
  }
  if (std::rename(part.c_str(), path.c_str()) != 0) {
    return Fail(absl::UnavailableError("cannot write " + path));
  }
  std::printf("%s", res.report_csv().c_str());
  std::printf(
      "\nsaved %s and verified it: %lld approved minutes in %lld records as "
      "closed, %lld corrections since (%+lld minutes).\nCheck it anywhere "
      "with: tutornet_verify --log_key=FILE %s\n",
      path.c_str(), static_cast<long long>(check.closed_minutes),
      static_cast<long long>(check.closed_records),
      static_cast<long long>(check.corrections),
      static_cast<long long>(check.corrected_minutes), path.c_str());
  return kExitOk;
}

int HoursTotals(Client& c, const std::string& project,
                const std::string& month) {
  v1::GetMonthlyTotalsRequest req;
  req.set_project_id(project);
  absl::StatusOr<v1::Month> m = ParseMonth("MONTH", month);
  if (!m.ok()) return BadArgument(m.status());
  *req.mutable_month() = *m;
  v1::MonthlyTotals res;
  const grpc::Status s =
      c.activity().GetMonthlyTotals(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (PrintedAsJson(res)) return kExitOk;
  std::map<std::string, std::vector<std::string>> rows;
  auto cell = [&](const std::string& person, size_t column,
                  const std::string& text) {
    std::vector<std::string>& row = rows[person];
    row.resize(4);
    row[column] = text;
  };
  for (const v1::PersonMinutes& p : res.approved())
    cell(p.person_id(), 0, absl::StrCat(p.minutes()));
  for (const v1::PersonMinutes& p : res.pending())
    cell(p.person_id(), 1, absl::StrCat(p.minutes()));
  for (const v1::PersonMinutes& p : res.closing().totals())
    cell(p.person_id(), 2, absl::StrCat(p.minutes()));
  for (const v1::MonthCorrection& k : res.corrections()) {
    std::vector<std::string>& row = rows[k.person_id()];
    row.resize(4);
    int64_t delta = 0;
    absl::SimpleAtoi(row[3], &delta);
    row[3] = absl::StrCat(delta + k.approved_minutes_delta());
  }
  Table t;
  t.Add({"PERSON", "APPROVED MIN", "PENDING MIN", "AT CLOSING", "CORRECTED"});
  for (auto& [person, row] : rows) {
    t.Add({person, row[0], row[1], row[2], row[3]});
  }
  t.Print();
  std::printf(
      "\n%s %s: %s\n", project.c_str(), month.c_str(),
      res.closed()
          ? absl::StrCat("closed at log position ", res.closing().position(),
                         ", ", res.corrections_size(), " corrections since")
                .c_str()
          : "open");
  return kExitOk;
}

}  // namespace tutornet::ctl
