// RocksRowStore: a projection's rows in a RocksDB of its own.
//
// Layout (default column family):
//   'r' row_key          -> row value
//   'c' log_name         -> fixed64 big-endian position (the checkpoint)
//   "!format"            -> "tutornet-rows-1"
//
// Commits are one WriteBatch, without the write-ahead log: rows are made
// again from the logs, so they need not survive a crash on their own. One
// column family's memtables reach disk whole and in order (and all of them
// when the store closes), so what a crash leaves is the rows of the
// commits up to some checkpoint, never rows without their checkpoint; the
// events after it are applied again from the log. (With the WAL a rebuild
// wrote every row twice.)
#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "services/projections/row_store.h"
#include "status/status_macros.h"
#include "storage/keys.h"
#include "storage/private_files.h"
#include "storage/rocks_files.h"
#include "storage/rocks_memory.h"
#include "storage/rocks_status.h"

namespace tutornet::projections {
namespace {

constexpr char kFormatKey[] = "!format";
constexpr char kFormat[] = "tutornet-rows-1";
// The level-0 tables a store in bulk (RowStore::BulkLoad) lets accumulate.
constexpr int kBulkLevel0Tables = 32;

using storage::FromRocks;
using storage::ToSlice;
using storage::ToView;

// Opening: a store another process holds is "in use", not unavailable.
absl::Status OpenError(const rocksdb::Status& s, const std::string& dir) {
  if (s.IsIOError() && absl::StrContains(s.ToString(), "lock")) {
    return absl::FailedPreconditionError(
        absl::StrCat("projection store ", dir, ": in use by another process"));
  }
  return FromRocks(s, absl::StrCat("opening projection store ", dir));
}

class RocksReader final : public RowReader {
 public:
  explicit RocksReader(rocksdb::DB* db)
      : db_(db), snapshot_(db->GetSnapshot()) {}
  ~RocksReader() override { db_->ReleaseSnapshot(snapshot_); }

  absl::StatusOr<std::optional<std::string>> Get(
      absl::string_view key) const override {
    std::string value;
    rocksdb::ReadOptions options;
    options.snapshot = snapshot_;
    rocksdb::Status s =
        db_->Get(options, ToSlice(absl::StrCat("r", key)), &value);
    if (s.IsNotFound()) return std::nullopt;
    RETURN_IF_ERROR(FromRocks(s, "reading a projection row"));
    return value;
  }

  absl::Status Scan(
      absl::string_view prefix, absl::string_view start,
      absl::FunctionRef<bool(absl::string_view, absl::string_view)> visit)
      const override {
    const std::string full_prefix = absl::StrCat("r", prefix);
    // The first key after every key under the prefix: the iterator stops
    // there rather than reading on into the next block to find out.
    std::string end = full_prefix;
    while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xff) {
      end.pop_back();
    }
    end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    const rocksdb::Slice upper(end);
    rocksdb::ReadOptions options;
    options.snapshot = snapshot_;
    options.iterate_upper_bound = &upper;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options));
    it->Seek(ToSlice(absl::StrCat("r", start < prefix ? prefix : start)));
    for (; it->Valid(); it->Next()) {  // The upper bound ends the prefix.
      if (!visit(ToView(it->key()).substr(1), ToView(it->value()))) break;
    }
    return FromRocks(it->status(), "scanning projection rows");
  }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
};

class RocksRowStore final : public RowStore {
 public:
  RocksRowStore(std::string dir, std::unique_ptr<rocksdb::DB> db)
      : dir_(std::move(dir)),
        db_(std::move(db)),
        compaction_trigger_(
            db_->GetOptions().level0_file_num_compaction_trigger) {}
  ~RocksRowStore() override {
    db_->Close();
    db_.reset();
    if (remove_) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  std::unique_ptr<RowReader> Read() const override {
    return std::make_unique<RocksReader>(db_.get());
  }

  absl::Status Commit(const RowBatch& batch) override {
    // In key order: the memtable's skip list then inserts each row next to
    // the one before it (a large commit in hash order searched it from the
    // top for every row, most of a rebuild's time).
    std::vector<std::string> serialised;
    rocksdb::WriteBatch write;
    std::string stored;
    for (const RowWrite& change : SortedWrites(batch, serialised)) {
      stored.assign("r").append(change.key.data(), change.key.size());
      if (change.value.has_value()) {
        write.Put(stored, ToSlice(*change.value));
      } else {
        write.Delete(stored);
      }
    }
    for (const auto& [log, position] : batch.checkpoints) {
      write.Put(absl::StrCat("c", log), storage::keys::EncodeFixed64(position));
    }
    rocksdb::WriteOptions options;
    options.disableWAL = true;
    return FromRocks(db_->Write(options, &write), "committing projection rows");
  }

  Checkpoints checkpoints() const override {
    Checkpoints out;
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions()));
    for (it->Seek("c"); it->Valid() && it->key().starts_with("c"); it->Next()) {
      out[std::string(ToView(it->key()).substr(1))] =
          storage::keys::DecodeFixed64(ToView(it->value()));
    }
    return out;
  }

  void RemoveWhenClosed() override { remove_ = true; }

  // Leveled compaction merges the level-0 tables into level 1 every few
  // memtables, and a rebuild's rows (keyed by person, record, school)
  // overlap the whole of level 1 each time: a country's rebuild rewrote
  // level 1 five times, a third of its CPU. In bulk, level 0 is let grow
  // to kBulkLevel0Tables first; back to normal, they are merged in the
  // background. Reads meanwhile check each table's bloom filter. Writes
  // slow down and stop only well above that (OpenRocksRowStore), in both
  // modes, so that turning bulk off never stops the commits near the head
  // while the merge runs.
  void BulkLoad(bool on) override {
    if (on == bulk_) return;
    const rocksdb::Status s = db_->SetOptions(
        {{"level0_file_num_compaction_trigger",
          std::to_string(on ? kBulkLevel0Tables : compaction_trigger_)}});
    // An option RocksDB refused leaves the store as it was: slower, not
    // wrong.
    if (s.ok()) bulk_ = on;
  }

 private:
  const std::string dir_;
  std::unique_ptr<rocksdb::DB> db_;
  const int compaction_trigger_;
  bool remove_ = false;
  bool bulk_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStore>> OpenRocksRowStore(
    const std::string& dir, size_t memtable_bytes) {
  RETURN_IF_ERROR(storage::MakePrivateDirectory(dir));
  // Applying an event reads rows it may be the first to write (a new
  // record, a new month's figures): bloom filters, in the tables and the
  // memtable, answer those misses without searching every level.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::Options options(rocksdb::DBOptions(),
                           storage::SharedFamilyOptions(table));
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.05;
  options.create_if_missing = true;
  if (memtable_bytes > 0) options.write_buffer_size = memtable_bytes;
  options.level0_slowdown_writes_trigger = kBulkLevel0Tables * 3 / 2;
  options.level0_stop_writes_trigger = kBulkLevel0Tables * 2;
  rocksdb::DB* raw = nullptr;
  RETURN_IF_ERROR(OpenError(rocksdb::DB::Open(options, dir, &raw), dir));
  std::unique_ptr<rocksdb::DB> db(raw);
  storage::RemoveEmptyOldLogs(*db);
  std::string format;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), kFormatKey, &format);
  if (s.IsNotFound()) {
    RETURN_IF_ERROR(
        FromRocks(db->Put(rocksdb::WriteOptions(), kFormatKey, kFormat),
                  "writing the projection store's format"));
  } else if (!s.ok() || format != kFormat) {
    return absl::FailedPreconditionError(
        absl::StrCat(dir, " is not a tutornet projection store"));
  }
  return std::make_unique<RocksRowStore>(dir, std::move(db));
}

}  // namespace tutornet::projections
