// tutornet_audit: checks that an event log's history was not rewritten.
//
// Walks every record, recomputes the Merkle tree and compares it with the
// stored tree and with every tree head the log signed. The log is opened
// read-only: a running server's log, a stopped one or a backup copy; the
// audit covers what was on disk when it opened.
//
// Exit codes: 0 the log is intact; 1 bad flags (Abseil's flag parser);
// 2 the audit could not run (no log, directory in use, I/O error); 3 the
// log was tampered with (the first bad position is printed).
#include <unistd.h>

#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/clock.h"
#include "storage/event_log.h"
#include "storage/merkle/tree_head.h"
#include "tools/flags_usage.h"

ABSL_FLAG(std::string, data_dir, "", "The event log's directory (required).");
ABSL_FLAG(bool, print_public_key, false,
          "Print the log's id and its tree-head public key (PEM) and exit, for "
          "auditors "
          "who verify tree heads and proofs themselves.");

namespace tutornet {
namespace {

constexpr int kIntact = 0;
constexpr int kTampered = 3;
constexpr int kCannotAudit = 2;
constexpr int kBadFlags = 1;

int CannotAudit(const absl::Status& status) {
  std::fprintf(stderr, "tutornet_audit: %s\n", status.ToString().c_str());
  return kCannotAudit;
}

// On a terminal: one line that counts up. Elsewhere (a log file): a line
// every 10 %.
class Progress {
 public:
  Progress() : tty_(isatty(STDERR_FILENO)) {}
  void operator()(uint64_t done, uint64_t total) {
    const int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
    if (tty_) {
      std::fprintf(stderr, "\raudited %llu of %llu records (%d %%)",
                   static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total), percent);
      if (done == total) std::fputc('\n', stderr);
    } else if (percent >= next_percent_) {
      std::fprintf(stderr, "audited %llu of %llu records (%d %%)\n",
                   static_cast<unsigned long long>(done),
                   static_cast<unsigned long long>(total), percent);
      next_percent_ = percent + 10;
    }
  }

 private:
  const bool tty_;
  int next_percent_ = 0;
};

int Run() {
  const std::string dir = absl::GetFlag(FLAGS_data_dir);
  if (dir.empty()) {
    std::fprintf(stderr,
                 "tutornet_audit: --data_dir is required; see --help\n");
    return kBadFlags;
  }
  if (access(dir.c_str(), F_OK) != 0) {
    return CannotAudit(absl::NotFoundError("no event log at " + dir));
  }
  // Read-only: an audit never creates or changes anything, so pointing it
  // at the wrong directory cannot make a log there.
  storage::EventLogOptions options;
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<storage::EventLog>> log =
      storage::EventLog::Open(dir, options);
  if (!log.ok()) return CannotAudit(log.status());

  if (absl::GetFlag(FLAGS_print_public_key)) {
    absl::StatusOr<std::string> key = (*log)->PublicKey();
    if (!key.ok()) return CannotAudit(key.status());
    absl::StatusOr<std::string> text =
        merkle::FormatLogKey({(*log)->log_id(), *key});
    if (!text.ok()) return CannotAudit(text.status());
    std::fputs(text->c_str(), stdout);
    return kIntact;
  }

  const absl::Time start = absl::Now();
  Progress progress;
  absl::StatusOr<storage::AuditReport> report = (*log)->Audit(
      [&progress](uint64_t done, uint64_t total) { progress(done, total); });
  if (!report.ok()) return CannotAudit(report.status());
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (!report->ok) {
    std::printf("TAMPERED: %s\nfirst bad position: %llu\n",
                report->finding.c_str(),
                static_cast<unsigned long long>(report->first_bad_position));
    return kTampered;
  }
  std::printf(
      "INTACT: %llu records, root %s, %llu signed tree heads match (log %s, "
      "%.1f s, %.0f "
      "records/s)\n",
      static_cast<unsigned long long>(report->records),
      merkle::ToHex(report->root).c_str(),
      static_cast<unsigned long long>(report->heads_checked),
      (*log)->log_id().c_str(), seconds,
      seconds > 0 ? report->records / seconds : 0.0);
  return kIntact;
}

}  // namespace
}  // namespace tutornet

int main(int argc, char** argv) {
  tutornet::SetUpUsage(
      argc, argv,
      "Checks that an event log's history was not rewritten.\n"
      "Usage: tutornet_audit --data_dir=DIR [--print_public_key]\n"
      "Exit codes: 0 intact, 1 bad flags, 2 could not audit, 3 tampered.");
  std::vector<char*> rest = absl::ParseCommandLine(argc, argv);
  if (rest.size() > 1) {
    std::fprintf(stderr,
                 "tutornet_audit: unexpected argument \"%s\"; see --help\n",
                 rest[1]);
    return tutornet::kBadFlags;
  }
  return tutornet::Run();
}
