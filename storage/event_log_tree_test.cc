// Tamper evidence of the event log on a real RocksDB: proofs from the log
// verify with the pure verifier, signed heads are kept, and tampering behind
// the log's back (a record byte, a tree node, a dropped record) is found by
// the audit and breaks proofs against a head signed before.
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/event_log.h"
#include "storage/keys.h"
#include "storage/merkle/verify.h"
#include "storage/record_codec.h"
#include "storage/tree_nodes.h"
#include "tests/support/event_log_testing.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::storage {
namespace {

using ::testing::HasSubstr;
using ::tutornet::testing::OpenTestLog;
using ::tutornet::testing::StatusIs;
using ::tutornet::testing::TempDir;
using ::tutornet::testing::TestEvent;

void Fill(EventLog& log, int events) {
  for (int i = 0; i < events;) {
    std::vector<NewEvent> batch;
    for (int j = 0; j < 1 + i % 3 && i < events; ++j, ++i) {
      batch.push_back(TestEvent(absl::StrCat("event ", i)));
    }
    ASSERT_OK(log.Append(absl::StrCat("tutor-", i % 7), ExpectedVersion::Any(),
                         batch));
  }
}

merkle::Hash LeafOf(const EventLog& log, uint64_t position) {
  absl::StatusOr<std::vector<RecordedEvent>> read = log.ReadAll(position, 1);
  EXPECT_OK(read);
  return merkle::HashLeaf(EncodeRecord(read->at(0)));
}

void NoProgress(uint64_t, uint64_t) {}

// Opens the log's RocksDB directly, as an attacker with disk access would.
class RawDb {
 public:
  explicit RawDb(const std::string& dir) {
    std::vector<std::string> names;
    EXPECT_TRUE(
        rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names)
            .ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const std::string& n : names)
      families.push_back({n, rocksdb::ColumnFamilyOptions()});
    rocksdb::DB* db = nullptr;
    EXPECT_TRUE(
        rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles_, &db)
            .ok());
    db_.reset(db);
    for (size_t i = 0; i < names.size(); ++i) by_name_[names[i]] = handles_[i];
  }
  ~RawDb() {
    for (auto* h : handles_) db_->DestroyColumnFamilyHandle(h);
  }
  // Flips one bit of the value under `key` in `family`.
  void FlipByte(const std::string& family, const std::string& key,
                size_t offset_from_end) {
    std::string value;
    ASSERT_TRUE(
        db_->Get(rocksdb::ReadOptions(), by_name_[family], key, &value).ok());
    value[value.size() - 1 - offset_from_end] ^= 0x01;
    ASSERT_TRUE(
        db_->Put(rocksdb::WriteOptions(), by_name_[family], key, value).ok());
  }
  // The first key at or after `from` in `family`, and its value.
  void Find(const std::string& family, const std::string& from,
            std::string& key, std::string& value) {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), by_name_[family]));
    it->Seek(from);
    ASSERT_TRUE(it->Valid());
    key = it->key().ToString();
    value = it->value().ToString();
  }
  void Delete(const std::string& family, const std::string& key) {
    ASSERT_TRUE(
        db_->Delete(rocksdb::WriteOptions(), by_name_[family], key).ok());
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name_;
};

TEST(EventLogTreeTest, ProofsFromTheLogVerifyAgainstSignedHeads) {
  TempDir dir;
  std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
  ASSERT_NE(log, nullptr);
  std::vector<merkle::SignedTreeHead> heads;
  absl::StatusOr<std::string> key = log->PublicKey();
  ASSERT_OK(key);
  for (int round = 0; round < 6; ++round) {
    Fill(*log, 17 + round * 11);
    absl::StatusOr<merkle::SignedTreeHead> sth = log->SignTreeHead();
    ASSERT_OK(sth);
    ASSERT_EQ(sth->head.tree_size, log->Head());
    ASSERT_OK(merkle::VerifySignedTreeHead(*sth, *key, log->log_id()));
    heads.push_back(*sth);
  }
  const uint64_t size = log->Head();
  for (uint64_t p = 1; p <= size; ++p) {
    absl::StatusOr<std::vector<merkle::Hash>> proof =
        log->InclusionProof(p, size);
    ASSERT_OK(proof);
    ASSERT_OK(merkle::VerifyInclusion(p - 1, size, LeafOf(*log, p), *proof,
                                      heads.back().head.root));
  }
  for (size_t i = 0; i < heads.size(); ++i) {
    for (size_t j = i; j < heads.size(); ++j) {
      const merkle::TreeHead& a = heads[i].head;
      const merkle::TreeHead& b = heads[j].head;
      absl::StatusOr<std::vector<merkle::Hash>> proof =
          log->ConsistencyProof(a.tree_size, b.tree_size);
      ASSERT_OK(proof);
      ASSERT_OK(merkle::VerifyConsistency(a.tree_size, b.tree_size, a.root,
                                          b.root, *proof));
    }
  }
  absl::StatusOr<AuditReport> audit = log->Audit(NoProgress);
  ASSERT_OK(audit);
  EXPECT_TRUE(audit->ok) << audit->finding;
  EXPECT_EQ(audit->records, size);
  EXPECT_EQ(audit->heads_checked, heads.size());
  EXPECT_EQ(audit->root, heads.back().head.root);
}

// An online audit: appends and signatures go on while it walks, and it
// reads one snapshot (without one, its record and node scans would see
// different logs and report records "removed").
TEST(EventLogTreeTest, AuditWhileAppendsAndSignaturesGoOn) {
  TempDir dir;
  std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
  ASSERT_NE(log, nullptr);
  Fill(*log, 3000);
  ASSERT_OK(log->SignTreeHead());
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop.load() && i < 2000; ++i) {
      ASSERT_OK(log->Append(absl::StrCat("tutor-w", i % 5),
                            ExpectedVersion::Any(),
                            {TestEvent(absl::StrCat("during ", i))}));
      if (i % 50 == 0) {
        ASSERT_OK(log->SignTreeHead());
      }
    }
  });
  for (int round = 0; round < 5; ++round) {
    absl::StatusOr<AuditReport> audit = log->Audit(NoProgress);
    ASSERT_OK(audit);
    EXPECT_TRUE(audit->ok) << audit->finding;
    EXPECT_GE(audit->records, 3000u);
  }
  stop = true;
  writer.join();
  absl::StatusOr<AuditReport> after = log->Audit(NoProgress);
  ASSERT_OK(after);
  EXPECT_TRUE(after->ok) << after->finding;
  EXPECT_EQ(after->records, log->Head());
}

TEST(EventLogTreeTest, AnAuditStopsWhenAsked) {
  TempDir dir;
  std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
  ASSERT_NE(log, nullptr);
  Fill(*log, 5000);
  const std::atomic<bool> stop{true};
  EXPECT_THAT(log->Audit(NoProgress, stop),
              StatusIs(absl::StatusCode::kCancelled));
  const std::atomic<bool> go_on{false};
  absl::StatusOr<AuditReport> audit = log->Audit(NoProgress, go_on);
  ASSERT_OK(audit);
  EXPECT_TRUE(audit->ok);
  EXPECT_EQ(audit->records, 5000u);
}

TEST(EventLogTreeTest, HeadsAreKeptOnePerSizeAndSurviveReopen) {
  TempDir dir;
  std::string log_id, key;
  merkle::SignedTreeHead first;
  {
    std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
    ASSERT_NE(log, nullptr);
    EXPECT_THAT(log->LatestSignedTreeHead(),
                StatusIs(absl::StatusCode::kNotFound));
    Fill(*log, 10);
    first = *log->SignTreeHead();
    absl::StatusOr<merkle::SignedTreeHead> again = log->SignTreeHead();
    ASSERT_OK(again);
    EXPECT_EQ(again->signature,
              first.signature);  // The kept one, not a new one.
    log_id = log->log_id();
    key = *log->PublicKey();
    EXPECT_THAT(log->SignedTreeHeadAt(9),
                StatusIs(absl::StatusCode::kNotFound));
    EXPECT_THAT(log->RootAt(11), StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(log->InclusionProof(0, 10),
                StatusIs(absl::StatusCode::kInvalidArgument));
  }
  struct stat st;
  ASSERT_EQ(::stat(dir.Sub("tree_head_key.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  std::unique_ptr<EventLog> log = OpenTestLog(dir.path());
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->log_id(), log_id);
  EXPECT_THAT(log->PublicKey(), tutornet::testing::IsOkAndHolds(key));
  Fill(*log, 5);
  absl::StatusOr<merkle::SignedTreeHead> later = log->SignTreeHead();
  ASSERT_OK(later);
  EXPECT_THAT(log->SignedTreeHeadAt(10), tutornet::testing::IsOk());
  EXPECT_EQ(log->LatestSignedTreeHead()->head.tree_size, 15u);
  absl::StatusOr<std::vector<merkle::Hash>> proof =
      log->ConsistencyProof(10, 15);
  ASSERT_OK(proof);
  EXPECT_OK(merkle::VerifyConsistency(10, 15, first.head.root, later->head.root,
                                      *proof));
}

TEST(EventLogTreeTest, HeadOfAnotherLogWithTheSameKeyIsRejected) {
  TempDir a, b;
  std::unique_ptr<EventLog> log_a = OpenTestLog(a.path());
  ASSERT_NE(log_a, nullptr);
  // A second log whose key was replaced by the first one's.
  OpenTestLog(b.path()).reset();
  std::filesystem::copy_file(a.Sub("tree_head_key.pem"),
                             b.Sub("tree_head_key.pem"),
                             std::filesystem::copy_options::overwrite_existing);
  std::unique_ptr<EventLog> log_b = OpenTestLog(b.path());
  ASSERT_NE(log_b, nullptr);
  ASSERT_EQ(*log_a->PublicKey(), *log_b->PublicKey());
  ASSERT_NE(log_a->log_id(), log_b->log_id());
  Fill(*log_a, 3);
  absl::StatusOr<merkle::SignedTreeHead> sth = log_a->SignTreeHead();
  ASSERT_OK(sth);
  EXPECT_THAT(
      merkle::VerifySignedTreeHead(*sth, *log_b->PublicKey(), log_b->log_id()),
      StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(EventLogTreeTest, KeyReadableByOthersIsRefused) {
  TempDir dir;
  { ASSERT_NE(OpenTestLog(dir.path()), nullptr); }
  ASSERT_EQ(::chmod(dir.Sub("tree_head_key.pem").c_str(), 0644), 0);
  EXPECT_THAT(
      EventLog::Open(dir.path()),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("chmod 600")));
}

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::unique_ptr<EventLog> log = OpenTestLog(dir_.path());
    ASSERT_NE(log, nullptr);
    Fill(*log, 100);
    absl::StatusOr<merkle::SignedTreeHead> sth = log->SignTreeHead();
    ASSERT_OK(sth);
    signed_ = *sth;
    key_ = *log->PublicKey();
  }

  // The audit verdict and an inclusion proof of `position` built from the
  // tampered log, checked against the head signed before the tampering.
  void ExpectCaught(uint64_t first_bad, uint64_t position,
                    absl::string_view finding) {
    std::unique_ptr<EventLog> log = OpenTestLog(dir_.path());
    ASSERT_NE(log, nullptr);
    absl::StatusOr<AuditReport> audit = log->Audit(NoProgress);
    ASSERT_OK(audit);
    EXPECT_FALSE(audit->ok);
    EXPECT_EQ(audit->first_bad_position, first_bad) << audit->finding;
    EXPECT_THAT(audit->finding, HasSubstr(std::string(finding)));
    if (position > log->Head()) return;
    absl::StatusOr<std::vector<merkle::Hash>> proof =
        log->InclusionProof(position, 100);
    ASSERT_OK(proof);
    EXPECT_THAT(
        merkle::VerifyInclusion(position - 1, 100, LeafOf(*log, position),
                                *proof, signed_.head.root),
        StatusIs(absl::StatusCode::kDataLoss));
  }

  TempDir dir_;
  merkle::SignedTreeHead signed_;
  std::string key_;
};

TEST_F(TamperTest, OneChangedByteOfARecordIsFound) {
  { RawDb(dir_.path()).FlipByte("records", keys::RecordKey(37), 2); }
  ExpectCaught(37, 37, "record at position 37");
}

TEST_F(TamperTest, OneChangedTreeNodeIsFound) {
  // The level-2 subtree over positions 5-8 (leaves 4-7).
  {
    RawDb raw(dir_.path());
    // Find the group holding leaf 7, where that subtree completes.
    const merkle::NodeId node{2, 1};
    std::string key, value;
    raw.Find("tree", keys::TreeGroupKey(node.last_leaf()), key, value);
    const size_t offset =
        NodeOffsetInGroup(keys::DecodeFixed64(value.substr(0, 8)), node);
    raw.FlipByte("tree", key, value.size() - 1 - offset);
  }
  // Position 1's audit path includes that subtree.
  ExpectCaught(5, 1, "level 2 covering positions 5-8");
}

TEST_F(TamperTest, DroppedLastRecordIsFoundAndStopsAppends) {
  { RawDb(dir_.path()).Delete("records", keys::RecordKey(100)); }
  ExpectCaught(100, 100, "removed");
  std::unique_ptr<EventLog> log = OpenTestLog(dir_.path());
  ASSERT_NE(log, nullptr);
  EXPECT_EQ(log->Head(), 99u);
  EXPECT_THAT(log->WriteHealth(), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(log->Append("s", ExpectedVersion::Any(), {TestEvent("on top")}),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("position 100")));
}

TEST(EventLogTreeTest, LogWithoutTreeSaysSoAndKeepsItsChoice) {
  TempDir dir;
  EventLogOptions plain;
  plain.merkle_tree = false;
  {
    std::unique_ptr<EventLog> log = OpenTestLog(dir.path(), plain);
    ASSERT_NE(log, nullptr);
    Fill(*log, 3);
    EXPECT_THAT(log->RootAt(3),
                StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_THAT(log->SignTreeHead(),
                StatusIs(absl::StatusCode::kFailedPrecondition));
  }
  EXPECT_THAT(EventLog::Open(dir.path()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("merkle_tree")));
}

}  // namespace
}  // namespace tutornet::storage
