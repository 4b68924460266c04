// Crash safety of projections: a child appends to a log while a counting
// projection follows it into a durable row store; we SIGKILL the child at
// a random moment, then resume the projection from its checkpoints and
// compare its counts with counts made from the log directly. Any event
// applied twice or missed across the crashes shows as a difference.
//
// TUTORNET_CRASH_ROUNDS sets the number of kills (default 12);
// TUTORNET_CRASH_SEED replays a failing run.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <map>
#include <random>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/projections/counting_projection.h"
#include "services/projections/projector.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace tutornet::projections {
namespace {

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  uint64_t parsed = 0;
  return value != nullptr && absl::SimpleAtoi(value, &parsed) ? parsed
                                                              : fallback;
}

void RunAndKill(const std::string& log_dir, const std::string& rows_dir,
                uint64_t seed, absl::Duration after) {
  const std::string seed_arg = absl::StrCat(seed);
  const char* argv[] = {PROJECTION_CHILD_PATH, log_dir.c_str(),
                        rows_dir.c_str(), seed_arg.c_str(), nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, PROJECTION_CHILD_PATH, nullptr, nullptr,
                        const_cast<char**>(argv), environ),
            0);
  absl::SleepFor(after);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child ended by itself";
}

TEST(ProjectionCrashTest, EveryEventTakesEffectExactlyOnceAcrossKills) {
  const uint64_t seed = EnvOr("TUTORNET_CRASH_SEED", std::random_device{}());
  const uint64_t rounds = EnvOr("TUTORNET_CRASH_ROUNDS", 12);
  SCOPED_TRACE(absl::StrCat("TUTORNET_CRASH_SEED=", seed));
  std::mt19937_64 random(seed);
  testing::TempDir dir;
  const std::string log_dir = dir.Sub("log");
  const std::string rows_dir = dir.Sub("rows");
  for (uint64_t round = 0; round < rounds; ++round) {
    RunAndKill(log_dir, rows_dir, random(),
               absl::Milliseconds(60 + random() % 400));
    absl::StatusOr<std::unique_ptr<storage::EventLog>> log =
        storage::EventLog::Open(log_dir);
    ASSERT_OK(log);
    std::map<std::string, uint64_t> expected;
    // A child killed before its first append leaves an empty log.
    if ((*log)->Head() > 0) {
      ASSERT_OK((*log)->ScanAll(1, (*log)->Head(),
                                [&](const storage::RecordedEvent& e) {
                                  ++expected[e.stream];
                                  return absl::OkStatus();
                                }));
    }
    CountingProjection counting({"log"});
    absl::StatusOr<std::unique_ptr<Projector>> projector =
        Projector::Start(counting, {{"log", log->get()}}, rows_dir);
    ASSERT_OK(projector);
    auto resumed = (*projector)->resumed_from().find("log");
    const uint64_t resumed_at =
        resumed == (*projector)->resumed_from().end() ? 0 : resumed->second;
    for (int i = 0; i < 2000 && (*projector)->Applied("log") < (*log)->Head();
         ++i) {
      absl::SleepFor(absl::Milliseconds(5));
    }
    ASSERT_EQ((*projector)->Applied("log"), (*log)->Head());
    // Resumed, not replayed: only what the child had not applied yet.
    EXPECT_EQ(counting.applied(), (*log)->Head() - resumed_at);
    EXPECT_EQ(CountingProjection::Total(*(*projector)->store()), (*log)->Head())
        << "round " << round;
    for (const auto& [stream, count] : expected) {
      EXPECT_EQ(CountingProjection::Count(*(*projector)->store(), stream),
                count)
          << "round " << round << ", stream " << stream;
    }
  }
}

}  // namespace
}  // namespace tutornet::projections
