// tutornetctl's activity commands: funded projects and tutoring hours.
// Each prints its result (a table, or JSON with --output=json) and returns
// the exit code, like Client's own methods.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_ACTIVITY_CLIENT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_ACTIVITY_CLIENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/tutornetctl/client.h"

namespace tutornet::ctl {

struct ProjectArgs {
  std::string network_id, project_id, name, funder_kind, funder_name, start,
      end, decision_number, grant_call;
  std::vector<std::string> regions, schools, kinds;
};

// An hour entry as typed: DATE HH:MM MINUTES SCHOOL KIND THEME PROJECT,
// with KIND one of peer_support co_teaching training_delivered planning
// meeting school_visit, or "other:<what>".
struct EntryArgs {
  std::string date, start, minutes, school, kind, theme, project, teachers,
      note;
};
absl::StatusOr<v1::HourEntry> ParseEntry(const EntryArgs& args);

// A closed month a command corrects: --correct=YYYY-MM
// --correction_reason=TEXT; nullopt when neither is given.
struct CorrectionArgs {
  std::string month, reason;
};

int CreateProject(Client& c, const ProjectArgs& args);
int CloseProject(Client& c, const std::string& project_id,
                 const std::string& reason);
int ShowProject(Client& c, const std::string& project_id);
int ListProjects(Client& c, const std::string& network_id);
int CloseMonth(Client& c, const std::string& project_id,
               const std::string& month);

int LogHours(Client& c, const std::string& person, const std::string& record,
             const EntryArgs& entry, const CorrectionArgs& correction);
// step: submit, approve, return, void. `text`: the return's comment or
// the void's reason.
int StepHours(Client& c, const std::string& step, const std::string& person,
              const std::string& record, const std::string& text,
              const CorrectionArgs& correction);
int AmendHours(Client& c, const std::string& person, const std::string& record,
               const EntryArgs& entry, const std::string& reason,
               const CorrectionArgs& correction);
int ListHours(Client& c, const std::string& month, const std::string& person,
              const std::string& project);
int HoursQueue(Client& c, const std::string& network_id,
               const std::string& region_id);
int HoursHistory(Client& c, const std::string& person,
                 const std::string& record);
// Saves a closed month's report bundle to `out` (default
// <project>-<YYYY-MM>.json) and checks it as tutornet_verify does, with
// the activity log's key pinned from `pinned_key` (else the server's).
// Exit kExitUnverified (5) when it does not verify.
int HoursReport(Client& c, const std::string& project, const std::string& month,
                const std::string& out, const std::string& pinned_key);
int HoursTotals(Client& c, const std::string& project,
                const std::string& month);

// Sends one LogHours for an import line; the status, nothing printed.
absl::Status SendLogHours(Client& c, const std::string& request_id,
                          const std::string& person, const std::string& record,
                          const EntryArgs& entry);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_ACTIVITY_CLIENT_H_
