// Subscriptions: catch-up then live, in order, each event once, and bounded
// memory for a subscriber that falls behind.
#include "storage/subscription.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/event_log.h"
#include "tests/support/event_log_testing.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::storage {
namespace {

using ::tutornet::testing::OpenTestLog;
using ::tutornet::testing::StatusIs;
using ::tutornet::testing::TempDir;
using ::tutornet::testing::TestEvent;

TEST(SubscriptionTest,
     CatchUpThenLiveWithConcurrentWritersDeliversEachEventOnce) {
  TempDir dir;
  EventLogOptions options;
  options.live_tail_events = 256;
  std::unique_ptr<EventLog> log = OpenTestLog(dir.path(), options);
  ASSERT_NE(log, nullptr);
  for (int i = 0; i < 500; ++i) {
    ASSERT_OK(log->Append("before", ExpectedVersion::Any(),
                          {TestEvent(absl::StrCat("b", i))}));
  }
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 500;
  const uint64_t total = 500 + kWriters * kPerWriter;

  std::unique_ptr<Subscription> sub = log->Subscribe(1);
  std::vector<RecordedEvent> received;
  std::thread reader([&] {
    for (int round = 0; round < 100000 && received.size() < total; ++round) {
      absl::StatusOr<std::vector<RecordedEvent>> batch =
          sub->Next(97, absl::Seconds(5));
      ASSERT_OK(batch);
      for (RecordedEvent& e : *batch) received.push_back(std::move(e));
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kPerWriter; ++i) {
        ASSERT_OK(log->Append(absl::StrCat("w", w), ExpectedVersion::Any(),
                              {TestEvent(absl::StrCat("w", w, "-", i))}));
      }
    });
  }
  for (std::thread& t : writers) t.join();
  reader.join();

  ASSERT_EQ(received.size(), total);
  absl::StatusOr<std::vector<RecordedEvent>> stored = log->ReadAll(1, total);
  ASSERT_OK(stored);
  for (uint64_t i = 0; i < total; ++i) {
    ASSERT_EQ(received[i].position, i + 1);
    ASSERT_EQ(received[i], (*stored)[i]);
  }
  EXPECT_EQ(sub->events_from_memory() + sub->events_from_disk(), total);
  EXPECT_GT(sub->events_from_disk(), 0u);  // The catch-up part.

  // Nothing more: waits, then returns empty.
  absl::StatusOr<std::vector<RecordedEvent>> none =
      sub->Next(10, absl::Milliseconds(20));
  ASSERT_OK(none);
  EXPECT_TRUE(none->empty());
}

TEST(SubscriptionTest, SlowSubscriberFallsBackToDiskWithBoundedMemory) {
  TempDir dir;
  EventLogOptions options;
  options.live_tail_events = 64;
  std::unique_ptr<EventLog> log = OpenTestLog(dir.path(), options);
  ASSERT_NE(log, nullptr);
  std::unique_ptr<Subscription> sub = log->Subscribe(1);

  // The subscriber reads one event, then sleeps while 5000 more arrive.
  ASSERT_OK(log->Append("s", ExpectedVersion::Any(), {TestEvent("first")}));
  absl::StatusOr<std::vector<RecordedEvent>> first =
      sub->Next(1, absl::Seconds(5));
  ASSERT_OK(first);
  ASSERT_EQ(first->size(), 1u);
  size_t largest_tail = 0;
  for (int i = 0; i < 500; ++i) {
    std::vector<NewEvent> ten;
    for (int j = 0; j < 10; ++j)
      ten.push_back(TestEvent(absl::StrCat(i, ".", j)));
    ASSERT_OK(log->Append("s", ExpectedVersion::Any(), ten));
    largest_tail = std::max(largest_tail, log->LiveTailSize());
  }
  EXPECT_LE(largest_tail, 64u);

  uint64_t expected = 2;
  while (expected <= log->Head()) {
    absl::StatusOr<std::vector<RecordedEvent>> batch =
        sub->Next(300, absl::Seconds(5));
    ASSERT_OK(batch);
    ASSERT_FALSE(batch->empty());
    for (const RecordedEvent& e : *batch) ASSERT_EQ(e.position, expected++);
  }
  EXPECT_EQ(sub->next_position(), 5002u);
  EXPECT_GE(sub->events_from_disk(), 5000u - 64u);
  // Once caught up, new events come from memory.
  const uint64_t from_memory = sub->events_from_memory();
  ASSERT_OK(log->Append("s", ExpectedVersion::Any(), {TestEvent("live")}));
  absl::StatusOr<std::vector<RecordedEvent>> live =
      sub->Next(10, absl::Seconds(5));
  ASSERT_OK(live);
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ(live->front().payload, "live");
  EXPECT_EQ(sub->events_from_memory(), from_memory + 1);
}

TEST(SubscriptionTest, LiveSubscriberWakesWhenAnEventArrives) {
  TempDir dir;
  std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
  ASSERT_NE(log, nullptr);
  std::unique_ptr<Subscription> sub = log->Subscribe(1);
  std::thread writer([&] {
    absl::SleepFor(absl::Milliseconds(50));
    ASSERT_OK(log->Append("s", ExpectedVersion::Any(), {TestEvent("late")}));
  });
  // Waits far longer than the writer needs; returns as soon as it writes.
  absl::StatusOr<std::vector<RecordedEvent>> got =
      sub->Next(10, absl::Seconds(30));
  writer.join();
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ(got->front().payload, "late");
}

TEST(SubscriptionTest, StartsFromAGivenPositionAfterReopen) {
  TempDir dir;
  {
    std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
    ASSERT_NE(log, nullptr);
    for (int i = 1; i <= 10; ++i) {
      ASSERT_OK(log->Append("s", ExpectedVersion::Any(),
                            {TestEvent(absl::StrCat(i))}));
    }
  }
  std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
  ASSERT_NE(log, nullptr);
  std::unique_ptr<Subscription> sub = log->Subscribe(8);
  absl::StatusOr<std::vector<RecordedEvent>> got =
      sub->Next(100, absl::ZeroDuration());
  ASSERT_OK(got);
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ(got->front().payload, "8");
  EXPECT_THAT(sub->Next(0, absl::ZeroDuration()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tutornet::storage
