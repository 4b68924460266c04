// The projection runner on real logs: a counting projection applied
// incrementally, resumed after a restart from its checkpoints, rebuilt,
// replayed as of a position and a time, over one and two source logs.
#include "services/projections/projector.h"

#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/projections/counting_projection.h"
#include "tests/support/event_log_testing.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::projections {
namespace {

using ::tutornet::testing::TestEvent;

// Waits (bounded) until the projector has applied `position` of `log`.
bool AwaitApplied(const Projector& p, const std::string& log,
                  uint64_t position) {
  for (int i = 0; i < 1000 && p.Applied(log) < position; ++i) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  return p.Applied(log) >= position;
}

// Every row of a store, for comparing copies.
std::map<std::string, std::string> Dump(const RowStore& store) {
  std::map<std::string, std::string> rows;
  std::unique_ptr<RowReader> reader = store.Read();
  EXPECT_OK(reader->Scan("", "", [&](absl::string_view k, absl::string_view v) {
    rows[std::string(k)] = std::string(v);
    return true;
  }));
  return rows;
}

class ProjectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = tutornet::testing::OpenTestLog(dir_.Sub("a"));
    b_ = tutornet::testing::OpenTestLog(dir_.Sub("b"));
    ASSERT_NE(a_, nullptr);
    ASSERT_NE(b_, nullptr);
  }
  void Append(storage::EventLog& log, const std::string& stream, int n) {
    for (int i = 0; i < n; ++i) {
      ASSERT_OK(log.Append(stream, storage::ExpectedVersion::Any(),
                           {TestEvent(absl::StrCat(i))}));
    }
  }
  Logs logs() const { return {{"a", a_.get()}, {"b", b_.get()}}; }

  tutornet::testing::TempDir dir_;
  std::unique_ptr<storage::EventLog> a_, b_;
  CountingProjection counting_{{"a", "b"}};
};

TEST_F(ProjectorTest, AppliesEveryEventOfEverySourceOnce) {
  Append(*a_, "s-1", 30);
  Append(*b_, "s-2", 20);
  absl::StatusOr<std::unique_ptr<Projector>> p =
      Projector::Start(counting_, logs(), dir_.Sub("proj"));
  ASSERT_OK(p);
  Append(*a_, "s-1", 5);  // Live, after the catch-up.
  ASSERT_TRUE(AwaitApplied(**p, "a", 35));
  ASSERT_TRUE(AwaitApplied(**p, "b", 20));
  EXPECT_EQ(CountingProjection::Total(*(*p)->store()), 55u);
  std::vector<SourceLag> lag = (*p)->Lag();
  ASSERT_EQ(lag.size(), 2u);
  EXPECT_EQ(lag[0].applied, lag[0].head);
  EXPECT_OK((*p)->health());
}

TEST_F(ProjectorTest, PositionZeroOfAnEmptyLogIsAppliedAtOnce) {
  absl::StatusOr<std::unique_ptr<Projector>> p =
      Projector::Start(counting_, logs(), dir_.Sub("proj"));
  ASSERT_OK(p);
  // Nothing of "a" was ever applied; there is nothing to wait for either.
  const absl::Time start = absl::Now();
  EXPECT_TRUE((*p)->AwaitApplied("a", 0, start + absl::Seconds(30)));
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

TEST_F(ProjectorTest, ResumesFromItsCheckpointsAfterARestart) {
  Append(*a_, "s-1", 40);
  {
    auto p = Projector::Start(counting_, logs(), dir_.Sub("proj"));
    ASSERT_OK(p);
    ASSERT_TRUE(AwaitApplied(**p, "a", 40));
  }
  Append(*a_, "s-1", 10);
  CountingProjection watching({"a", "b"});
  auto p = Projector::Start(watching, logs(), dir_.Sub("proj"));
  ASSERT_OK(p);
  // It resumed after the 40 it had: not replayed.
  EXPECT_EQ((*p)->resumed_from().at("a"), 40u);
  ASSERT_TRUE(AwaitApplied(**p, "a", 50));
  EXPECT_EQ(CountingProjection::Total(*(*p)->store()), 50u);
  EXPECT_EQ(watching.applied(), 10u);  // Only the new ones were applied.
}

TEST_F(ProjectorTest, ACopyOfAnEarlierVersionIsRebuiltAtStart) {
  Append(*a_, "s-1", 40);
  {
    auto p = Projector::Start(counting_, logs(), dir_.Sub("proj"));
    ASSERT_OK(p);
    ASSERT_TRUE(AwaitApplied(**p, "a", 40));
  }
  // The same version resumes; version 2 replays every event.
  CountingProjection same({"a", "b"}, 1);
  {
    auto p = Projector::Start(same, logs(), dir_.Sub("proj"));
    ASSERT_OK(p);
    EXPECT_EQ(same.applied(), 0u);
  }
  Append(*a_, "s-1", 2);
  CountingProjection newer({"a", "b"}, 2);
  {
    auto p = Projector::Start(newer, logs(), dir_.Sub("proj"));
    ASSERT_OK(p);
    EXPECT_EQ(newer.applied(), 42u);  // Before Start returned.
    EXPECT_EQ(CountingProjection::Total(*(*p)->store()), 42u);
  }
  std::ifstream current(dir_.Sub("proj") + "/CURRENT");
  std::string line;
  std::getline(current, line);
  EXPECT_THAT(line, ::testing::EndsWith(" v2"));
  // And version 2 again resumes where it was.
  CountingProjection again({"a", "b"}, 2);
  auto p = Projector::Start(again, logs(), dir_.Sub("proj"));
  ASSERT_OK(p);
  EXPECT_EQ((*p)->resumed_from().at("a"), 42u);
}

TEST_F(ProjectorTest, RebuildEqualsIncrementalAndKeepsAnswering) {
  Append(*a_, "s-1", 25);
  Append(*a_, "s-2", 25);
  Append(*b_, "s-3", 7);
  auto p = Projector::Start(counting_, logs(), dir_.Sub("proj"));
  ASSERT_OK(p);
  ASSERT_TRUE(AwaitApplied(**p, "a", 50));
  ASSERT_TRUE(AwaitApplied(**p, "b", 7));
  const auto incremental = Dump(*(*p)->store());
  std::shared_ptr<const RowStore> old = (*p)->store();
  uint64_t last_done = 0, last_total = 0;
  ASSERT_OK((*p)->Rebuild([&](uint64_t done, uint64_t total) {
    EXPECT_GE(done, last_done);
    last_done = done;
    last_total = total;
  }));
  EXPECT_EQ(last_done, last_total);
  EXPECT_EQ(last_total, 57u);
  EXPECT_NE((*p)->store(), old);
  EXPECT_EQ(Dump(*old), incremental);  // The old copy still answers.
  old.reset();
  EXPECT_EQ(Dump(*(*p)->store()), incremental);
  // It goes on following after the swap, and after a restart.
  Append(*a_, "s-1", 3);
  ASSERT_TRUE(AwaitApplied(**p, "a", 53));
  EXPECT_EQ(CountingProjection::Total(*(*p)->store()), 60u);
  p->reset();
  auto again = Projector::Start(counting_, logs(), dir_.Sub("proj"));
  ASSERT_OK(again);
  EXPECT_EQ(CountingProjection::Total(*(*again)->store()), 60u);
}

TEST_F(ProjectorTest, AsOfAPositionEqualsARebuildOfThatPrefix) {
  Append(*a_, "s-1", 10);
  Append(*a_, "s-2", 10);
  absl::StatusOr<std::unique_ptr<RowStore>> as_of =
      Projector::AsOf(counting_, logs(), {{"a", 12}});
  ASSERT_OK(as_of);
  EXPECT_EQ(CountingProjection::Total(**as_of), 12u);
  EXPECT_EQ(CountingProjection::Count(**as_of, "s-1"), 10u);
  EXPECT_EQ(CountingProjection::Count(**as_of, "s-2"), 2u);
  EXPECT_EQ(Projector::AsOf(counting_, logs(), {{"a", 99}}).status().code(),
            absl::StatusCode::kOutOfRange);
}

TEST_F(ProjectorTest, PositionAtATimeIsTheLastRecordedBeforeIt) {
  Append(*a_, "s-1", 5);
  absl::SleepFor(absl::Milliseconds(5));
  const absl::Time cut = absl::Now();
  absl::SleepFor(absl::Milliseconds(5));
  Append(*a_, "s-1", 5);
  EXPECT_THAT(Projector::PositionAt(*a_, cut),
              tutornet::testing::IsOkAndHolds(5u));
  EXPECT_THAT(Projector::PositionAt(*a_, absl::InfinitePast()),
              tutornet::testing::IsOkAndHolds(0u));
  EXPECT_THAT(Projector::PositionAt(*a_, absl::InfiniteFuture()),
              tutornet::testing::IsOkAndHolds(10u));
}

TEST_F(ProjectorTest, AwaitAppliedWaitsForAPositionOrItsDeadline) {
  auto p = Projector::Start(counting_, logs(), "");
  ASSERT_OK(p);
  Append(*a_, "s-1", 3);
  EXPECT_TRUE((*p)->AwaitApplied("a", 3, absl::Now() + absl::Seconds(10)));
  EXPECT_FALSE(
      (*p)->AwaitApplied("a", 4, absl::Now() + absl::Milliseconds(20)));
}

TEST_F(ProjectorTest, FarBehindItCommitsInLargeCommitsAndStillCatchesUp) {
  Append(*a_, "s-1", 300);
  Append(*b_, "s-2", 50);
  ProjectorOptions options;
  options.batch_events = 8;  // Many pages: far behind for a while.
  options.catch_up_events = 8;
  options.far_behind = 16;
  options.commit_bytes = 1 << 20;
  options.commit_delay = absl::Hours(1);
  auto p = Projector::Start(counting_, logs(), dir_.Sub("proj"), options);
  ASSERT_OK(p);
  // Near the head, it commits although neither size nor delay is reached.
  ASSERT_TRUE(AwaitApplied(**p, "a", 300));
  ASSERT_TRUE(AwaitApplied(**p, "b", 50));
  EXPECT_EQ(CountingProjection::Total(*(*p)->store()), 350u);
  Append(*a_, "s-1", 2);  // And live events one by one.
  ASSERT_TRUE(AwaitApplied(**p, "a", 302));
  EXPECT_EQ(CountingProjection::Count(*(*p)->store(), "s-1"), 302u);
}

TEST_F(ProjectorTest, SmallCommitsGiveTheSameRowsAsOneCommit) {
  Append(*a_, "s-1", 120);
  Append(*a_, "s-2", 80);
  ProjectorOptions tiny;
  tiny.catch_up_events = 3;
  tiny.commit_bytes = 1;  // Every page commits, reading the last from memory.
  std::unique_ptr<RowStore> small = NewMemoryRowStore();
  std::unique_ptr<RowStore> whole = NewMemoryRowStore();
  ASSERT_OK(Projector::ReplayInto(counting_, logs(), *small, {}, tiny));
  ASSERT_OK(Projector::ReplayInto(counting_, logs(), *whole, {}));
  EXPECT_EQ(Dump(*small), Dump(*whole));
  EXPECT_EQ(CountingProjection::Total(*small), 200u);
  EXPECT_EQ(small->checkpoints().at("a"), 200u);
}

TEST(PendingRowsTest, TheLastCommitIsReadFromMemoryUntilLetGo) {
  std::unique_ptr<RowStore> store = NewMemoryRowStore();
  std::unique_ptr<RowStore> other = NewMemoryRowStore();  // Always empty.
  PendingRows pending(1 << 20);
  {
    std::unique_ptr<RowReader> reader = store->Read();
    Rows rows = pending.Over(*reader);
    rows.Put("k", "v");
  }
  pending.Reached("a", 7);
  EXPECT_FALSE(pending.full());
  absl::StatusOr<Checkpoints> reached = pending.Commit(*store, true);
  ASSERT_OK(reached);
  EXPECT_EQ(reached->at("a"), 7u);
  EXPECT_TRUE(pending.empty());
  EXPECT_EQ(store->checkpoints().at("a"), 7u);
  {
    // Over a store without the row, it is still there: from memory.
    std::unique_ptr<RowReader> reader = other->Read();
    Rows rows = pending.Over(*reader);
    EXPECT_THAT(rows.Get("k"), tutornet::testing::IsOkAndHolds(
                                   std::optional<std::string>("v")));
  }
  ASSERT_OK(pending.Commit(*store, false).status());
  std::unique_ptr<RowReader> reader = other->Read();
  Rows rows = pending.Over(*reader);
  EXPECT_THAT(rows.Get("k"),
              tutornet::testing::IsOkAndHolds(std::optional<std::string>()));
}

TEST(PendingRowsTest, BackgroundCommitsEndInOrderAndAreReadMeanwhile) {
  std::unique_ptr<RowStore> store = NewMemoryRowStore();
  std::unique_ptr<RowStore> other = NewMemoryRowStore();  // Always empty.
  PendingRows pending(1 << 20);
  auto put = [&](const std::string& value, uint64_t position) {
    std::unique_ptr<RowReader> reader = other->Read();
    Rows rows = pending.Over(*reader);
    EXPECT_THAT(rows.Get("k"),
                tutornet::testing::IsOkAndHolds(
                    position == 1 ? std::nullopt
                                  : std::optional<std::string>(
                                        absl::StrCat("v", position - 1))));
    rows.Put("k", value);
    pending.Reached("a", position);
  };
  put("v1", 1);
  absl::StatusOr<Checkpoints> reached = pending.CommitInBackground(*store);
  ASSERT_OK(reached);
  EXPECT_TRUE(reached->empty());  // None under way before it.
  EXPECT_TRUE(pending.committing());
  put("v2", 2);  // Reads v1 from memory while it is written.
  reached = pending.CommitInBackground(*store);
  ASSERT_OK(reached);
  EXPECT_EQ(reached->at("a"), 1u);  // The first commit ended.
  put("v3", 3);
  reached = pending.Commit(*store, false);  // After the one under way.
  ASSERT_OK(reached);
  EXPECT_EQ(reached->at("a"), 3u);
  EXPECT_FALSE(pending.committing());
  EXPECT_EQ(store->checkpoints().at("a"), 3u);
  std::unique_ptr<RowReader> reader = store->Read();
  EXPECT_THAT(reader->Get("k"), tutornet::testing::IsOkAndHolds(
                                    std::optional<std::string>("v3")));
}

TEST(PendingRowsTest, IsFullAtItsCommitSize) {
  std::unique_ptr<RowStore> store = NewMemoryRowStore();
  PendingRows pending(1000);
  std::unique_ptr<RowReader> reader = store->Read();
  Rows rows = pending.Over(*reader);
  rows.Put("k", std::string(500, 'x'));
  EXPECT_FALSE(pending.full());
  rows.Put("k", std::string(400, 'x'));  // Replaced: counted once.
  EXPECT_FALSE(pending.full());
  rows.Put("j", std::string(600, 'x'));
  EXPECT_TRUE(pending.full());
}

TEST_F(ProjectorTest, InMemoryProjectionsReplayAtStart) {
  Append(*a_, "s-1", 8);
  auto p = Projector::Start(counting_, logs(), "");
  ASSERT_OK(p);
  ASSERT_TRUE(AwaitApplied(**p, "a", 8));
  EXPECT_EQ(CountingProjection::Total(*(*p)->store()), 8u);
}

}  // namespace
}  // namespace tutornet::projections
