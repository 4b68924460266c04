// Crash safety: a child process (crash_writer) appends from several threads
// and reports every acknowledged append; we SIGKILL it at a random moment,
// reopen the log and check that every acknowledged append is there,
// unchanged, with gap-free positions and stream versions, and that the
// Merkle tree and the signed tree heads agree with the records.
//
// TUTORNET_CRASH_ROUNDS sets the number of kill rounds (default 20; the soak
// test sets more). TUTORNET_CRASH_SEED replays a failing run.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/event_log.h"
#include "tests/crash/event_digest.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace tutornet::storage {
namespace {

using ::testing::HasSubstr;
using ::tutornet::testing::StatusIs;
using ::tutornet::testing::TempDir;

struct Ack {
  std::string stream;
  uint64_t first = 0, last = 0, version = 0, digest = 0;
};

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  uint64_t parsed = 0;
  return value != nullptr && absl::SimpleAtoi(value, &parsed) ? parsed
                                                              : fallback;
}

class Child {
 public:
  Child(const std::string& dir, int threads, uint64_t seed) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    const std::string threads_arg = absl::StrCat(threads);
    const std::string seed_arg = absl::StrCat(seed);
    std::vector<char*> argv = {const_cast<char*>(CRASH_WRITER_PATH),
                               const_cast<char*>(dir.c_str()),
                               const_cast<char*>(threads_arg.c_str()),
                               const_cast<char*>(seed_arg.c_str()), nullptr};
    if (posix_spawn(&pid_, CRASH_WRITER_PATH, &actions, nullptr, argv.data(),
                    environ) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    out_ = fds[0];
  }
  ~Child() {
    if (pid_ > 0) Kill();
    if (out_ >= 0) close(out_);
  }

  bool started() const { return pid_ > 0; }

  // Reads acks until `deadline` (or end of output); returns false at EOF.
  bool ReadUntil(absl::Time deadline, std::vector<Ack>& acks) {
    while (true) {
      const int64_t wait_ms = absl::ToInt64Milliseconds(deadline - absl::Now());
      if (wait_ms <= 0) return true;
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(wait_ms)) <= 0) continue;
      char chunk[65536];
      const ssize_t n = read(out_, chunk, sizeof chunk);
      if (n <= 0) return false;
      buffer_.append(chunk, n);
      size_t newline;
      while ((newline = buffer_.find('\n')) != std::string::npos) {
        acks.push_back(Parse(buffer_.substr(0, newline)));
        buffer_.erase(0, newline + 1);
      }
    }
  }

  // SIGKILL, then collect what the child had written before it died.
  int Kill() {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }

 private:
  static Ack Parse(const std::string& line) {
    std::vector<std::string> f = absl::StrSplit(line, ' ');
    Ack a;
    EXPECT_EQ(f.size(), 6u) << line;
    if (f.size() != 6 || f[0] != "ack") return a;
    a.stream = f[1];
    EXPECT_TRUE(absl::SimpleAtoi(f[2], &a.first) &&
                absl::SimpleAtoi(f[3], &a.last) &&
                absl::SimpleAtoi(f[4], &a.version) &&
                absl::SimpleHexAtoi(f[5], &a.digest))
        << line;
    return a;
  }

  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffer_;
};

// Reopens the log and checks it against every ack seen so far.
void VerifyLog(const std::string& dir, const std::vector<Ack>& acks) {
  absl::StatusOr<std::unique_ptr<EventLog>> log = EventLog::Open(dir);
  ASSERT_OK(log);
  std::vector<RecordedEvent> all;
  for (uint64_t next = 1;;) {
    absl::StatusOr<std::vector<RecordedEvent>> page =
        (*log)->ReadAll(next, 4096);
    ASSERT_OK(page);
    if (page->empty()) break;
    for (RecordedEvent& e : *page) {
      ASSERT_EQ(e.position, next++) << "positions are not gap-free";
      all.push_back(std::move(e));
    }
  }
  ASSERT_EQ(all.size(), (*log)->Head());
  // The Merkle tree, written in the same batches, must agree with the
  // records, and so must every tree head the child signed before dying.
  absl::StatusOr<AuditReport> audit = (*log)->Audit([](uint64_t, uint64_t) {});
  ASSERT_OK(audit);
  ASSERT_TRUE(audit->ok) << audit->finding;
  ASSERT_EQ(audit->records, all.size());
  std::map<std::string, uint64_t> versions;
  for (const RecordedEvent& e : all) {
    ASSERT_EQ(e.stream_version, ++versions[e.stream]) << "stream " << e.stream;
  }
  for (const Ack& a : acks) {
    ASSERT_LE(a.last, all.size())
        << "acknowledged position " << a.last << " is lost";
    ASSERT_LE(a.first, a.last);
    const std::vector<RecordedEvent> appended(all.begin() + (a.first - 1),
                                              all.begin() + a.last);
    for (const RecordedEvent& e : appended) ASSERT_EQ(e.stream, a.stream);
    ASSERT_EQ(appended.back().stream_version, a.version);
    ASSERT_EQ(EventDigest(appended), a.digest)
        << "append at " << a.first << " changed";
  }
}

TEST(CrashTest, EveryAcknowledgedAppendSurvivesSigkill) {
  const uint64_t rounds = EnvOr("TUTORNET_CRASH_ROUNDS", 20);
  const uint64_t seed =
      EnvOr("TUTORNET_CRASH_SEED", absl::ToUnixNanos(absl::Now()));
  SCOPED_TRACE(absl::StrCat("TUTORNET_CRASH_SEED=", seed));
  std::mt19937_64 rng(seed);
  TempDir dir;
  std::vector<Ack> acks;
  for (uint64_t round = 0; round < rounds; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    Child child(dir.path(), 4, seed + round);
    ASSERT_TRUE(child.started());
    const size_t before = acks.size();
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    while (acks.size() == before && absl::Now() < give_up) {
      ASSERT_TRUE(child.ReadUntil(absl::Now() + absl::Milliseconds(10), acks))
          << "crash_writer exited early";
    }
    ASSERT_GT(acks.size(), before)
        << "crash_writer acknowledged nothing in 30 s";
    if (round == 0) {
      // While the child holds the log, nobody else may open it.
      EXPECT_THAT(
          EventLog::Open(dir.path()),
          StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("in use")));
    }
    child.ReadUntil(absl::Now() + absl::Milliseconds(5 + rng() % 200), acks);
    const int status = child.Kill();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "crash_writer ended by itself, status " << status;
    // Lines already in the pipe were acknowledged before the kill.
    child.ReadUntil(absl::Now() + absl::Seconds(5), acks);
    VerifyLog(dir.path(), acks);
    if (::testing::Test::HasFatalFailure()) return;
  }
  RecordProperty("acknowledged_appends", static_cast<int>(acks.size()));
  std::printf("%zu acknowledged appends over %llu kills, all intact\n",
              acks.size(), static_cast<unsigned long long>(rounds));
}

}  // namespace
}  // namespace tutornet::storage
