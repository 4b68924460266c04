// crash_writer: the child of crash_test. Appends from several threads to the
// log in --dir until it is killed, and after each acknowledged append writes
// one line to stdout:
//
//   ack <stream> <first_position> <last_position> <stream_version> <digest>
//
// where <digest> is FNV-1a 64 (hex) over the appended events' types and
// payloads. A line is written only after Append returned OK, so every line
// the parent reads names an append the log promised to keep. Thread 0 also
// signs a tree head now and then, so kills land during signing too.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "storage/event_log.h"
#include "tests/crash/event_digest.h"

namespace tutornet::storage {
namespace {

absl::Mutex stdout_mu;

void Report(const std::string& line) {
  absl::MutexLock lock(&stdout_mu);
  // One write(2) per line: below PIPE_BUF, so the parent never sees half.
  if (write(STDOUT_FILENO, line.data(), line.size()) !=
      static_cast<ssize_t>(line.size())) {
    std::_Exit(3);
  }
}

void Writer(EventLog& log, int thread, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const std::string own = absl::StrCat("own-", thread);
  absl::StatusOr<uint64_t> own_version = log.StreamVersion(own);
  if (!own_version.ok()) std::_Exit(4);
  for (uint64_t i = 0;; ++i) {
    const bool exact = rng() % 2 == 0;
    const std::string stream = exact ? own : absl::StrCat("shared-", rng() % 5);
    std::vector<NewEvent> events(1 + rng() % 4);
    for (NewEvent& e : events) {
      e.type = "CrashTest";
      e.payload.resize(20 + rng() % 400);
      for (char& c : e.payload) c = static_cast<char>('a' + rng() % 26);
      e.metadata.actor = absl::StrCat("writer-", thread);
    }
    const ExpectedVersion expected =
        exact ? ExpectedVersion::Exact(*own_version) : ExpectedVersion::Any();
    absl::StatusOr<AppendResult> r = log.Append(
        stream, expected, events, absl::StrCat(getpid(), "-", thread, "-", i));
    if (!r.ok()) {
      std::fprintf(stderr, "append failed: %s\n",
                   r.status().ToString().c_str());
      std::_Exit(5);
    }
    if (exact) *own_version = r->stream_version;
    if (thread == 0 && i % 16 == 0 && !log.SignTreeHead().ok()) std::_Exit(6);
    Report(absl::StrFormat("ack %s %d %d %d %016x\n", stream, r->first_position,
                           r->last_position, r->stream_version,
                           EventDigest(events)));
  }
}

}  // namespace
}  // namespace tutornet::storage

int main(int argc, char** argv) {
  int threads = 0;
  uint64_t seed = 0;
  if (argc != 4 || !absl::SimpleAtoi(argv[2], &threads) ||
      !absl::SimpleAtoi(argv[3], &seed) || threads < 1) {
    std::fprintf(stderr, "usage: crash_writer DIR THREADS SEED\n");
    return 2;
  }
  auto log = tutornet::storage::EventLog::Open(argv[1]);
  if (!log.ok()) {
    std::fprintf(stderr, "crash_writer: %s\n", log.status().ToString().c_str());
    return 1;
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back(tutornet::storage::Writer, std::ref(**log), t,
                         seed * 1000 + t);
  }
  for (std::thread& w : workers)
    w.join();  // Never returns: killed by the parent.
  return 0;
}
