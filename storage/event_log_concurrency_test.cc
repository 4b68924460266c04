// Many threads appending at once: exact expected versions admit exactly one
// winner per version, and global positions stay gap-free.
#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/event_log.h"
#include "tests/support/event_log_testing.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::storage {
namespace {

using ::tutornet::testing::IsOkAndHolds;
using ::tutornet::testing::OpenTestLog;
using ::tutornet::testing::TempDir;
using ::tutornet::testing::TestEvent;

// Reads the whole log and checks positions are exactly 1..head.
std::vector<RecordedEvent> ReadWholeLog(const EventLog& log) {
  std::vector<RecordedEvent> all;
  uint64_t next = 1;
  while (true) {
    absl::StatusOr<std::vector<RecordedEvent>> page = log.ReadAll(next, 1000);
    EXPECT_OK(page);
    if (!page.ok() || page->empty()) break;
    for (RecordedEvent& e : *page) {
      EXPECT_EQ(e.position, next) << "gap or duplicate in the log";
      ++next;
      all.push_back(std::move(e));
    }
  }
  EXPECT_EQ(all.size(), log.Head());
  return all;
}

TEST(EventLogConcurrencyTest, ExactlyOneWriterWinsEachVersion) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<EventLog>> log = EventLog::Open(dir.path());
  ASSERT_OK(log);
  constexpr int kThreads = 8;
  constexpr uint64_t kTarget = 400;  // Versions to fill in the one stream.

  absl::Mutex mu;
  std::map<uint64_t, int> winner_of_version;  // version -> thread
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int attempt = 0; attempt < 100000; ++attempt) {
        absl::StatusOr<uint64_t> v = (*log)->StreamVersion("contested");
        ASSERT_OK(v);
        if (*v >= kTarget) return;
        absl::StatusOr<AppendResult> r =
            (*log)->Append("contested", ExpectedVersion::Exact(*v),
                           {TestEvent(absl::StrCat("t", t, "v", *v + 1))});
        if (r.ok()) {
          ASSERT_EQ(r->stream_version, *v + 1);
          absl::MutexLock lock(&mu);
          ASSERT_TRUE(winner_of_version.emplace(r->stream_version, t).second)
              << "two winners of version " << r->stream_version;
        } else {
          ASSERT_EQ(r.status().code(), absl::StatusCode::kAborted)
              << r.status();
          ASSERT_GT(ConflictingVersion(r.status()).value_or(0), *v);
          ++conflicts;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();

  ASSERT_EQ(winner_of_version.size(), kTarget);
  EXPECT_EQ(winner_of_version.begin()->first, 1u);
  EXPECT_EQ(winner_of_version.rbegin()->first, kTarget);
  std::vector<RecordedEvent> all = ReadWholeLog(**log);
  ASSERT_EQ(all.size(), kTarget);
  for (const RecordedEvent& e : all) {
    // The stored payload names the thread that won that version.
    EXPECT_EQ(e.payload, absl::StrCat("t", winner_of_version[e.stream_version],
                                      "v", e.stream_version));
  }
}

TEST(EventLogConcurrencyTest, ManyWritersOnManyStreamsKeepPositionsGapFree) {
  TempDir dir;
  absl::StatusOr<std::unique_ptr<EventLog>> log = EventLog::Open(dir.path());
  ASSERT_OK(log);
  constexpr int kThreads = 16;
  constexpr int kAppendsPerThread = 150;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsPerThread; ++i) {
        const std::string stream = absl::StrCat("s-", (t * 7 + i) % 23);
        // Two events per append: they must sit next to each other.
        ASSERT_OK((*log)->Append(stream, ExpectedVersion::Any(),
                                 {TestEvent(absl::StrCat(t, ":", i, ":a")),
                                  TestEvent(absl::StrCat(t, ":", i, ":b"))},
                                 absl::StrCat("req-", t, "-", i)));
      }
    });
  }
  for (std::thread& t : threads) t.join();

  std::vector<RecordedEvent> all = ReadWholeLog(**log);
  ASSERT_EQ(all.size(), size_t{kThreads * kAppendsPerThread * 2});
  std::set<std::string> payloads;
  std::map<std::string, uint64_t> last_version;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_TRUE(payloads.insert(all[i].payload).second)
        << "duplicate " << all[i].payload;
    EXPECT_EQ(all[i].stream_version, ++last_version[all[i].stream])
        << all[i].stream;
    if (absl::EndsWith(all[i].payload, ":a")) {
      ASSERT_LT(i + 1, all.size());
      EXPECT_EQ(all[i + 1].request_id, all[i].request_id) << "append was split";
    }
  }
  for (const auto& [stream, version] : last_version) {
    EXPECT_THAT((*log)->StreamVersion(stream), IsOkAndHolds(version));
  }
}

}  // namespace
}  // namespace tutornet::storage
