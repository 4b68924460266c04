#include "tools/tutornetctl/csv_import.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "storage/merkle/sha256.h"
#include "tools/tutornetctl/activity_client.h"
#include "tools/tutornetctl/badge_client.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {
namespace {

using LineCommand = std::function<absl::Status(
    const std::string& request_id, const std::vector<std::string>& fields)>;

// Runs `command` for every data line of `path` with `columns` fields; a
// first line starting with `header` is the header.
int Import(const std::string& path, const std::string& kind,
           const std::string& scope, size_t columns, const std::string& header,
           const LineCommand& command) {
  std::error_code error;
  std::ifstream in(path);
  if (!std::filesystem::is_regular_file(path, error) || !in) {
    return BadArgument(absl::InvalidArgumentError(
        absl::StrCat(path, " is not a file this user can read")));
  }
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // Spreadsheets write a byte-order mark before the header.
  if (!lines.empty() && absl::StartsWith(lines[0], "\xef\xbb\xbf")) {
    lines[0].erase(0, 3);
  }
  int imported = 0, rejected = 0;
  ProgressBar progress(lines.size(), "lines");
  for (size_t i = 0; i < lines.size(); ++i) {
    progress.Show(i + 1);
    const std::string line(absl::StripAsciiWhitespace(lines[i]));
    if (line.empty() || (i == 0 && absl::StartsWith(line, header + ",")))
      continue;  // Header.
    absl::StatusOr<std::vector<std::string>> fields = ParseCsvLine(line);
    absl::Status status = fields.status();
    if (status.ok() && fields->size() != columns) {
      status = absl::InvalidArgumentError(absl::StrCat(
          "expected ", columns, " columns, found ", fields->size()));
    }
    if (status.ok()) {
      merkle::Sha256 sha;
      sha.Update(absl::StrCat(scope, "\n", kind, "\n", line));
      status = command(
          absl::StrCat("import-", merkle::ToHex(sha.Finish()).substr(0, 32)),
          *fields);
    }
    // The server could not take the line now: stop; a rerun continues
    // where this one stopped (the lines before are retries then).
    if (status.code() == absl::StatusCode::kUnavailable ||
        status.code() == absl::StatusCode::kDeadlineExceeded ||
        status.code() == absl::StatusCode::kResourceExhausted) {
      progress.End();
      std::fprintf(stderr, "line %zu: %s; stopping (rerun to continue)\n",
                   i + 1, status.ToString().c_str());
      return kExitUnavailable;
    }
    if (status.ok()) {
      ++imported;
    } else {
      ++rejected;
      std::printf("line %zu rejected: %s\n", i + 1, status.ToString().c_str());
    }
  }
  progress.End();
  std::printf("%s: %d imported, %d rejected\n", kind.c_str(), imported,
              rejected);
  return rejected == 0 ? kExitOk : kExitRejectedLines;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseCsvLine(absl::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  if (quoted) return absl::InvalidArgumentError("a quoted field is not closed");
  for (std::string& f : fields) f = std::string(absl::StripAsciiWhitespace(f));
  return fields;
}

int ImportMunicipalities(Client& client, const std::string& network_id,
                         const std::string& path) {
  return Import(
      path, "municipalities", network_id, 4, "id",
      [&](const std::string& request_id, const std::vector<std::string>& f) {
        return client.SendAssignMunicipality(request_id, network_id, f[0], f[2],
                                             f[3], f[1]);
      });
}

int ImportSchools(Client& client, const std::string& network_id,
                  const std::string& path) {
  return Import(
      path, "schools", network_id, 5, "id",
      [&](const std::string& request_id, const std::vector<std::string>& f) {
        return client.SendRegisterSchool(
            request_id, {network_id, f[0], f[1], f[2], f[3], f[4]});
      });
}

int ImportHours(Client& client, const std::string& path) {
  return Import(
      path, "hours", "", 11, "person_id",
      [&](const std::string& request_id, const std::vector<std::string>& f) {
        EntryArgs entry{f[2], f[3], f[4], f[5], f[6], f[7], f[9], f[8], f[10]};
        return SendLogHours(client, request_id, f[0], f[1], entry);
      });
}

int ImportAwards(Client& client, const std::string& network_id,
                 const std::string& path) {
  return Import(
      path, "awards", network_id, 6, "person_id",
      [&](const std::string& request_id, const std::vector<std::string>& f) {
        return SendImportAward(client, request_id, network_id, f);
      });
}

}  // namespace tutornet::ctl
