// Rows changed in place (Rows::Mutable, Fresh): what a projection reads
// and what a commit writes are the same as with Get and Put, on a RocksDB
// store in a temp dir and in memory, across commits under way.
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/wrappers.pb.h"
#include "gtest/gtest.h"
#include "services/projections/projector.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::projections {
namespace {

using google::protobuf::Int64Value;
using google::protobuf::UInt64Value;
using ::tutornet::testing::IsOkAndHolds;

std::string Bytes(int64_t n) {
  Int64Value v;
  v.set_value(n);
  return v.SerializeAsString();
}

// The row at `key` of `store`, as a number; -1 when there is none.
int64_t Stored(const RowStore& store, const std::string& key) {
  absl::StatusOr<std::optional<std::string>> bytes = store.Read()->Get(key);
  if (!bytes.ok() || !bytes->has_value()) return -1;
  Int64Value v;
  EXPECT_TRUE(v.ParseFromString(**bytes));
  return v.value();
}

class RowsTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      absl::StatusOr<std::unique_ptr<RowStore>> rocks =
          OpenRocksRowStore(dir_.Sub("rows"));
      ASSERT_OK(rocks);
      store_ = std::move(*rocks);
    } else {
      store_ = NewMemoryRowStore();
    }
  }

  // Adds `n` to the row at `key` in place, as a projection would.
  void Add(PendingRows& pending, const std::string& key, int64_t n) {
    std::unique_ptr<RowReader> reader = store_->Read();
    Rows rows = pending.Over(*reader);
    absl::StatusOr<Int64Value*> row = rows.Mutable<Int64Value>(key);
    ASSERT_OK(row);
    (*row)->set_value((*row)->value() + n);
  }

  testing::TempDir dir_;
  std::unique_ptr<RowStore> store_;
};

TEST_P(RowsTest, ARowChangedInPlaceIsReadAndCommittedAsItsLastValue) {
  PendingRows pending(1 << 20);
  {
    std::unique_ptr<RowReader> reader = store_->Read();
    Rows rows = pending.Over(*reader);
    rows.Put("a", Bytes(5));
    absl::StatusOr<Int64Value*> a = rows.Mutable<Int64Value>("a");
    ASSERT_OK(a);
    EXPECT_EQ((*a)->value(), 5);  // Parsed from the batch's own change.
    (*a)->set_value(6);
    absl::StatusOr<Int64Value*> again = rows.Mutable<Int64Value>("a");
    ASSERT_OK(again);
    EXPECT_EQ(*again, *a);  // Parsed once per batch.
    EXPECT_THAT(rows.Get("a"),
                IsOkAndHolds(std::optional<std::string>(Bytes(6))));
    absl::StatusOr<Int64Value*> b = rows.Mutable<Int64Value>("b");
    ASSERT_OK(b);
    EXPECT_EQ((*b)->value(), 0);  // No row: empty.
    (*b)->set_value(1);
    rows.Fresh<Int64Value>("c")->set_value(9);
    rows.Fresh<Int64Value>("gone")->set_value(1);
    rows.Delete("gone");  // The last change wins.
  }
  pending.Reached("log", 1);
  ASSERT_OK(pending.Commit(*store_, /*keep_recent=*/false).status());
  EXPECT_EQ(Stored(*store_, "a"), 6);
  EXPECT_EQ(Stored(*store_, "b"), 1);
  EXPECT_EQ(Stored(*store_, "c"), 9);
  EXPECT_EQ(Stored(*store_, "gone"), -1);
  EXPECT_EQ(store_->checkpoints().at("log"), 1u);
}

TEST_P(RowsTest, APutAfterAChangeInPlaceReplacesIt) {
  PendingRows pending(1 << 20);
  Add(pending, "a", 3);
  {
    std::unique_ptr<RowReader> reader = store_->Read();
    Rows rows = pending.Over(*reader);
    rows.Put("a", Bytes(40));
    absl::StatusOr<Int64Value*> a = rows.Mutable<Int64Value>("a");
    ASSERT_OK(a);
    EXPECT_EQ((*a)->value(), 40);
  }
  Add(pending, "a", 2);
  ASSERT_OK(pending.Commit(*store_, false).status());
  EXPECT_EQ(Stored(*store_, "a"), 42);
}

TEST_P(RowsTest, ChangesInPlaceAddUpAcrossCommitsUnderWay) {
  PendingRows pending(1 << 20);
  for (int round = 1; round <= 5; ++round) {
    Add(pending, "total", round);
    pending.Reached("log", round);
    // Each commit runs while the next round reads its row from memory
    // (copied, so the row being written does not change under it).
    ASSERT_OK(pending.CommitInBackground(*store_).status());
  }
  Add(pending, "total", 100);
  ASSERT_OK(pending.Commit(*store_, false).status());
  EXPECT_EQ(Stored(*store_, "total"), 115);
  EXPECT_EQ(store_->checkpoints().at("log"), 5u);
}

TEST_P(RowsTest, ARowHeldAsAnotherMessageIsReadThroughItsBytes) {
  PendingRows pending(1 << 20);
  Add(pending, "k", 7);
  std::unique_ptr<RowReader> reader = store_->Read();
  Rows rows = pending.Over(*reader);
  // The same bytes (field 1, a varint) read as another message.
  absl::StatusOr<UInt64Value*> other = rows.Mutable<UInt64Value>("k");
  ASSERT_OK(other);
  EXPECT_EQ((*other)->value(), 7u);
  (*other)->set_value(8);
  absl::StatusOr<Int64Value*> back = rows.Mutable<Int64Value>("k");
  ASSERT_OK(back);
  EXPECT_EQ((*back)->value(), 8);
}

TEST_P(RowsTest, ARowThatDoesNotParseIsDataLoss) {
  RowBatch garbage;
  garbage.rows["bad"] = std::string("\xff\xff\xff", 3);
  ASSERT_OK(store_->Commit(garbage));
  PendingRows pending(1 << 20);
  std::unique_ptr<RowReader> reader = store_->Read();
  Rows rows = pending.Over(*reader);
  EXPECT_EQ(rows.Mutable<Int64Value>("bad").status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_P(RowsTest, ARowHeldInPlaceCountsTowardsTheCommitSize) {
  PendingRows pending(1000);
  std::unique_ptr<RowReader> reader = store_->Read();
  Rows rows = pending.Over(*reader);
  rows.Fresh<Int64Value>("k0");
  EXPECT_FALSE(pending.full());
  rows.Fresh<Int64Value>("k1");
  rows.Fresh<Int64Value>("k2");
  EXPECT_TRUE(pending.full());
}

TEST_P(RowsTest, ARowChangedAgainAndAgainGrowsTheBatch) {
  PendingRows pending(1000);
  std::unique_ptr<RowReader> reader = store_->Read();
  Rows rows = pending.Over(*reader);
  rows.Fresh<Int64Value>("k");
  EXPECT_FALSE(pending.full());
  for (int i = 0; i < 12; ++i) ASSERT_OK(rows.Mutable<Int64Value>("k"));
  EXPECT_TRUE(pending.full());  // Its growth is counted, though unseen.
}

// A projector that tracks its writes (the store began empty) skips the
// store for keys it never wrote: the keys it did write are found however
// they were written, and wherever they are by now.
TEST_P(RowsTest, TrackedWritesFindEveryRowWrittenAcrossCommits) {
  PendingRows pending(size_t{1} << 30);
  pending.TrackWrites();
  constexpr int kRows = 70000;  // Past the filter's first part.
  {
    std::unique_ptr<RowReader> reader = store_->Read();
    Rows rows = pending.Over(*reader);
    for (int i = 0; i < kRows; ++i) rows.Put(absl::StrCat("a/", i), Bytes(i));
    rows.Fresh<Int64Value>("held")->set_value(7);
    rows.Delete("again");  // Deleted first, then written in the batch.
    rows.Put("again", Bytes(8));
  }
  pending.Reached("log", 1);
  ASSERT_OK(pending.CommitInBackground(*store_).status());
  Add(pending, "b", 1);
  pending.Reached("log", 2);
  // The first commit's rows are now only in the store.
  ASSERT_OK(pending.CommitInBackground(*store_).status());
  ASSERT_OK(pending.Finish().status());
  std::unique_ptr<RowReader> reader = store_->Read();
  Rows rows = pending.Over(*reader);
  for (int i = 0; i < kRows; ++i) {
    ASSERT_THAT(rows.Get(absl::StrCat("a/", i)),
                IsOkAndHolds(std::optional<std::string>(Bytes(i))))
        << i;
  }
  absl::StatusOr<Int64Value*> held = rows.Mutable<Int64Value>("held");
  ASSERT_OK(held);
  EXPECT_EQ((*held)->value(), 7);
  EXPECT_THAT(rows.Get("again"),
              IsOkAndHolds(std::optional<std::string>(Bytes(8))));
  EXPECT_THAT(rows.Get("never"), IsOkAndHolds(std::nullopt));
}

// RocksDB 7.8 kept an empty log file of every open (RemoveEmptyOldLogs).
TEST(RocksRowStoreTest, ReopeningLeavesNoEmptyLogFilesBehind) {
  testing::TempDir dir;
  const std::string path = dir.Sub("rows");
  for (int i = 0; i < 6; ++i) {
    absl::StatusOr<std::unique_ptr<RowStore>> store = OpenRocksRowStore(path);
    ASSERT_OK(store);
    if (i == 0) {  // Then started again and again with nothing to apply.
      RowBatch batch;
      batch.rows["a"] = Bytes(7);
      batch.checkpoints["log"] = 1;
      ASSERT_OK((*store)->Commit(batch));
    }
    EXPECT_EQ(Stored(**store, "a"), 7);
  }
  int logs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    logs += entry.path().extension() == ".log";
  }
  EXPECT_LE(logs, 2);
}

INSTANTIATE_TEST_SUITE_P(Stores, RowsTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Rocks" : "Memory";
                         });

}  // namespace
}  // namespace tutornet::projections
