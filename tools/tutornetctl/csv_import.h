// CSV imports for tutornetctl: one command per line, each with a request
// id derived from the line's content, so rerunning an import adds nothing.
// Progress goes to stderr (a bar on a terminal); every rejected line is
// reported with its number and reason, and the other lines are still imported.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_CSV_IMPORT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_CSV_IMPORT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "tools/tutornetctl/client.h"

namespace tutornet::ctl {

// Splits one CSV line; fields may be double-quoted ("a, b" and "" inside).
// INVALID_ARGUMENT for an unterminated quote.
absl::StatusOr<std::vector<std::string>> ParseCsvLine(absl::string_view line);

// Columns: id,name,region_id,effective (YYYY-MM-DD). Returns the exit code.
int ImportMunicipalities(Client& client, const std::string& network_id,
                         const std::string& path);
// Columns: id,name,municipality_id,language (fi|sv),levels
// (basic;upper_secondary).
int ImportSchools(Client& client, const std::string& network_id,
                  const std::string& path);

// Hour records, one per line. Columns:
//   person_id,record_id,date,start,minutes,school_id,kind,theme,
//   teachers_reached,project_id,note
// date YYYY-MM-DD, start HH:MM, kind as for `hours log`
// (peer_support, ..., other:<what>), teachers_reached and note may be
// empty. A header line starting with "person_id," is skipped.
int ImportHours(Client& client, const std::string& path);

// Badges earned elsewhere, one award per line. Columns:
//   person_id,award_id,class_id,school_id,issued_on,source
// issued_on YYYY-MM-DD. A header line starting with "person_id," is
// skipped.
int ImportAwards(Client& client, const std::string& network_id,
                 const std::string& path);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_CSV_IMPORT_H_
