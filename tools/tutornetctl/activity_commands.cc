// The activity service's commands: funded projects and tutoring hours.
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "tools/tutornetctl/activity_client.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/csv_import.h"

ABSL_DECLARE_FLAG(std::string, log_key);
ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(std::string, regions);
ABSL_DECLARE_FLAG(std::string, schools);
ABSL_FLAG(std::string, decision, "",
          "A funded project's decision number, e.g. \"OPH 73/570/2016\".");
ABSL_FLAG(std::string, grant_call, "",
          "The grant call a project was funded "
          "under.");
ABSL_FLAG(std::string, kinds, "",
          "Kinds of work a project pays for, comma-separated (default all).");
ABSL_FLAG(std::string, person, "", "Filter: a person id (hours list).");
ABSL_FLAG(std::string, project, "", "Filter: a funded project (hours list).");
ABSL_FLAG(std::string, teachers, "", "Teachers reached (hours log, amend).");
ABSL_FLAG(std::string, note, "", "A free note (hours log, amend).");
ABSL_FLAG(std::string, correct, "",
          "YYYY-MM: the closed month a command corrects (with "
          "--correction_reason).");
ABSL_FLAG(std::string, out, "",
          "Where `hours report` saves the bundle (default "
          "<project>-<YYYY-MM>.json).");
ABSL_FLAG(std::string, correction_reason, "",
          "Why a closed month is corrected.");

namespace tutornet::ctl {
namespace {

constexpr char kEntry[] =
    "DATE HH:MM MINUTES SCHOOL KIND THEME PROJECT [--teachers=N] [--note=..]";

EntryArgs Entry(const Args& a, size_t from) {
  return {a[from],
          a[from + 1],
          a[from + 2],
          a[from + 3],
          a[from + 4],
          a[from + 5],
          a[from + 6],
          absl::GetFlag(FLAGS_teachers),
          absl::GetFlag(FLAGS_note)};
}

CorrectionArgs Correction() {
  return {absl::GetFlag(FLAGS_correct), absl::GetFlag(FLAGS_correction_reason)};
}

}  // namespace

CommandGroup ActivityCommands() {
  return {
      "Activity (funded projects, tutoring hours)",
      {
          {"project create",
           "NETWORK PROJECT NAME FUNDER_KIND FUNDER START END [--decision=..] "
           "[--grant_call=..] [--regions=..] [--schools=..] [--kinds=..]",
           "create a funded project (FUNDER_KIND: state_agency eu_programme "
           "municipality other)",
           7, 7,
           [](Client& c, const Args& a) {
             ProjectArgs p{a[0],
                           a[1],
                           a[2],
                           a[3],
                           a[4],
                           a[5],
                           a[6],
                           absl::GetFlag(FLAGS_decision),
                           absl::GetFlag(FLAGS_grant_call),
                           CommaList(absl::GetFlag(FLAGS_regions)),
                           CommaList(absl::GetFlag(FLAGS_schools)),
                           CommaList(absl::GetFlag(FLAGS_kinds))};
             return CreateProject(c, p);
           }},
          {"project close", "PROJECT REASON", "close a funded project", 2, 2,
           [](Client& c, const Args& a) {
             return CloseProject(c, a[0], a[1]);
           }},
          {"project list", "NETWORK", "the funded projects you may see", 1, 1,
           [](Client& c, const Args& a) { return ListProjects(c, a[0]); }},
          {"project show", "PROJECT", "one funded project, as JSON", 1, 1,
           [](Client& c, const Args& a) { return ShowProject(c, a[0]); }},
          {"month close", "PROJECT YYYY-MM",
           "close a month: fix its approved minutes per person", 2, 2,
           [](Client& c, const Args& a) { return CloseMonth(c, a[0], a[1]); }},
          {"hours log", std::string("PERSON RECORD ") + kEntry,
           "log a tutor's hours (KIND: peer_support co_teaching "
           "training_delivered planning meeting school_visit other:<what>)",
           9, 9,
           [](Client& c, const Args& a) {
             return LogHours(c, a[0], a[1], Entry(a, 2), Correction());
           }},
          {"hours submit", "PERSON RECORD", "submit a record for approval", 2,
           2,
           [](Client& c, const Args& a) {
             return StepHours(c, "submit", a[0], a[1], "", Correction());
           }},
          {"hours approve", "PERSON RECORD", "approve a submitted record", 2, 2,
           [](Client& c, const Args& a) {
             return StepHours(c, "approve", a[0], a[1], "", Correction());
           }},
          {"hours return", "PERSON RECORD COMMENT",
           "return a submitted record to its tutor", 3, 3,
           [](Client& c, const Args& a) {
             return StepHours(c, "return", a[0], a[1], a[2], Correction());
           }},
          {"hours amend", std::string("PERSON RECORD ") + kEntry + " REASON",
           "a new version of a record, with the reason", 10, 10,
           [](Client& c, const Args& a) {
             return AmendHours(c, a[0], a[1], Entry(a, 2), a[9], Correction());
           }},
          {"hours void", "PERSON RECORD REASON", "void a record, for good", 3,
           3,
           [](Client& c, const Args& a) {
             return StepHours(c, "void", a[0], a[1], a[2], Correction());
           }},
          {"hours list", "YYYY-MM [--person=P] [--project=P]",
           "a person's or a project's records of a month", 1, 1,
           [](Client& c, const Args& a) {
             return ListHours(c, a[0], absl::GetFlag(FLAGS_person),
                              absl::GetFlag(FLAGS_project));
           }},
          {"hours queue", "NETWORK [--region=R]",
           "submitted records waiting for a coordinator, oldest first", 1, 1,
           [](Client& c, const Args& a) {
             return HoursQueue(c, a[0], absl::GetFlag(FLAGS_region));
           }},
          {"hours history", "PERSON RECORD",
           "every step and version of a record", 2, 2,
           [](Client& c, const Args& a) {
             return HoursHistory(c, a[0], a[1]);
           }},
          {"hours totals", "PROJECT YYYY-MM",
           "approved and pending minutes per person; a closed month's "
           "closing and corrections",
           2, 2,
           [](Client& c, const Args& a) { return HoursTotals(c, a[0], a[1]); }},
          {"hours report", "PROJECT YYYY-MM [--out=FILE] [--log_key=FILE]",
           "a closed month's report bundle for a funder, saved and verified "
           "(check it offline with tutornet_verify)",
           2, 2,
           [](Client& c, const Args& a) {
             return HoursReport(c, a[0], a[1], absl::GetFlag(FLAGS_out),
                                absl::GetFlag(FLAGS_log_key));
           }},
          {"import hours", "FILE.csv",
           "log hour records from a spreadsheet (columns: person_id,"
           "record_id,date,start,minutes,school_id,kind,theme,"
           "teachers_reached,project_id,note); reruns add nothing",
           1, 1, [](Client& c, const Args& a) { return ImportHours(c, a[0]); }},
      }};
}

}  // namespace tutornet::ctl
