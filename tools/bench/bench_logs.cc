#include "tools/bench/bench_logs.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace tutornet::bench {
namespace {

constexpr size_t kPayloadBytes = 300;

std::string Payload(uint64_t seed) {
  std::string p(kPayloadBytes, ' ');
  for (size_t i = 0; i < p.size(); ++i)
    p[i] = static_cast<char>('a' + (seed + i * 7) % 26);
  return p;
}

struct ReplayLog {
  std::unique_ptr<testing::TempDir> dir;
  std::unique_ptr<storage::EventLog> log;
};
ReplayLog* replay = new ReplayLog;  // Emptied by CloseLogs.

}  // namespace

storage::NewEvent Event(uint64_t seed) {
  storage::NewEvent e;
  e.type = "tutornet.v1.TutoringHoursLogged";
  e.payload = Payload(seed);
  e.metadata.actor = "person-1234";
  e.metadata.occurred_at = absl::FromUnixSeconds(1'700'000'000);
  return e;
}

std::unique_ptr<testing::TempDir> NewDir() {
  if (const char* base = std::getenv("TUTORNET_BENCH_DIR"))
    setenv("TMPDIR", base, 1);
  return std::make_unique<testing::TempDir>();
}

void CloseLogs() {
  replay->log.reset();
  replay->dir.reset();
}

storage::EventLog* ReplayLogOf(uint64_t total) {
  if (replay->log != nullptr && replay->log->Head() == total)
    return replay->log.get();
  replay->log.reset();
  replay->dir = NewDir();
  absl::StatusOr<std::unique_ptr<storage::EventLog>> opened =
      storage::EventLog::Open(replay->dir->path());
  if (!opened.ok()) return nullptr;
  replay->log = *std::move(opened);
  std::vector<storage::NewEvent> page;
  for (int i = 0; i < 1000; ++i) page.push_back(Event(i));
  for (uint64_t n = 0; n < total; n += page.size()) {
    page.resize(std::min<uint64_t>(page.size(), total - n));
    if (!replay->log
             ->Append(absl::StrCat("tutor-", n % 5000),
                      storage::ExpectedVersion::Any(), page)
             .ok()) {
      return nullptr;
    }
  }
  replay->log.reset();
  opened = storage::EventLog::Open(replay->dir->path());
  if (!opened.ok()) return nullptr;
  replay->log = *std::move(opened);
  return replay->log.get();
}

}  // namespace tutornet::bench
