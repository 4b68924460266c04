// tutornet_verify: checks a funder's monthly report bundle offline, with
// no server and no database: only the bundle (`tutornetctl hours report`
// or GetMonthReport) and the activity log's key, published out of band
// (`tutornet_audit --data_dir=DIR/activity --print_public_key`):
//
//   tutornet_verify --log_key=activity.key oph-2026-2026-10.json
//
// It checks the signed tree heads with the key, every record's inclusion
// proof, the consistency of the newer head with the one the month was
// closed at, recomputes the report and the corrections from the records
// and compares them with the signed closing totals and with the CSVs in
// the bundle, and checks the file byte for byte (docs/MONTH_REPORT.md).
// It prints what it verified, or every problem, each naming where.
// With --report_csv / --corrections_csv it writes the verified CSVs.
//
// Exit codes: 0 verified; 1 bad flags; 2 unreadable files; 3 not verified.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "services/activity/month_report_check.h"
#include "storage/merkle/tree_head.h"
#include "tools/flags_usage.h"

ABSL_FLAG(std::string, log_key, "",
          "The activity log's key: the text `tutornet_audit "
          "--print_public_key` prints (its id and Ed25519 public key). "
          "Required.");
ABSL_FLAG(std::string, report_csv, "",
          "When verified, write the report (minutes per person and kind of "
          "work) to this file.");
ABSL_FLAG(std::string, corrections_csv, "",
          "When verified, write the corrections since the closing to this "
          "file.");

namespace {

constexpr int kVerified = 0;
constexpr int kBadFlags = 1;
constexpr int kUnreadable = 2;
constexpr int kNotVerified = 3;

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  return static_cast<bool>(out);
}

std::string HeadText(const std::string& encoded) {
  absl::StatusOr<tutornet::merkle::SignedTreeHead> sth =
      tutornet::merkle::DecodeSignedTreeHead(encoded);
  if (!sth.ok()) return "?";
  return absl::StrFormat(
      "%d records, signed %s", sth->head.tree_size,
      absl::FormatTime("%Y-%m-%d %H:%M:%S UTC", sth->head.timestamp,
                       absl::UTCTimeZone()));
}

}  // namespace

int main(int argc, char** argv) {
  tutornet::SetUpUsage(
      argc, argv,
      "Checks a funder's monthly report bundle offline.\n"
      "Usage: tutornet_verify --log_key=FILE BUNDLE [--report_csv=FILE] "
      "[--corrections_csv=FILE]\n"
      "Exit codes: 0 verified, 1 bad flags, 2 unreadable files, 3 not "
      "verified.");
  const std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string key_file = absl::GetFlag(FLAGS_log_key);
  if (args.size() != 2 || key_file.empty()) {
    std::fprintf(stderr,
                 "tutornet_verify: give --log_key=FILE and one bundle file "
                 "(see --help)\n");
    return kBadFlags;
  }
  const std::string bundle_file = args[1];
  std::string key_text, file;
  if (!ReadFile(key_file, &key_text)) {
    std::fprintf(stderr, "tutornet_verify: cannot read --log_key %s\n",
                 key_file.c_str());
    return kUnreadable;
  }
  absl::StatusOr<tutornet::merkle::LogKey> key =
      tutornet::merkle::ParseLogKey(key_text);
  if (!key.ok()) {
    std::fprintf(stderr, "tutornet_verify: --log_key %s: %s\n",
                 key_file.c_str(), std::string(key.status().message()).c_str());
    return kUnreadable;
  }
  if (!ReadFile(bundle_file, &file)) {
    std::fprintf(stderr, "tutornet_verify: cannot read %s\n",
                 bundle_file.c_str());
    return kUnreadable;
  }

  const tutornet::activity::MonthReportCheck check =
      tutornet::activity::CheckMonthReport(file, *key);
  if (!check.problems.empty()) {
    std::printf("NOT VERIFIED: %s: %zu problem%s\n", bundle_file.c_str(),
                check.problems.size(), check.problems.size() == 1 ? "" : "s");
    for (const std::string& p : check.problems) {
      std::printf("  %s\n", p.c_str());
    }
    return kNotVerified;
  }
  const tutornet::v1::MonthReportBundle& b = check.bundle;
  std::printf(
      "verified: funded project %s, %04d-%02d, activity log %s\n"
      "  closed at position %llu, under a head of %s\n"
      "  approved as closed: %lld minutes in %lld records\n"
      "  corrections since: %lld, changing the approved minutes by %+lld\n"
      "  records proven: %d, up to a head of %s\n",
      b.project_id().c_str(), b.month().year(), b.month().month(),
      b.log_id().c_str(), static_cast<unsigned long long>(check.closed_at),
      HeadText(b.closed_head()).c_str(),
      static_cast<long long>(check.closed_minutes),
      static_cast<long long>(check.closed_records),
      static_cast<long long>(check.corrections),
      static_cast<long long>(check.corrected_minutes), b.records_size() + 1,
      HeadText(b.latest_head()).c_str());
  for (const auto& [flag, text] :
       {std::pair{absl::GetFlag(FLAGS_report_csv), b.report_csv()},
        std::pair{absl::GetFlag(FLAGS_corrections_csv), b.corrections_csv()}}) {
    if (flag.empty()) continue;
    if (!WriteFile(flag, text)) {
      std::fprintf(stderr, "tutornet_verify: cannot write %s\n", flag.c_str());
      return kUnreadable;
    }
    std::printf("  wrote %s\n", flag.c_str());
  }
  return kVerified;
}
