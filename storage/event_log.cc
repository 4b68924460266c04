// Opening, closing and reading the log. The write path is in
// event_log_append.cc; key and value layouts are in keys.h and record.proto.
#include "storage/event_log.h"

#include <openssl/rand.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/compaction_filter.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/options.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "status/status_macros.h"
#include "storage/keys.h"
#include "storage/private_files.h"
#include "storage/record_codec.h"
#include "storage/request_ids.h"
#include "storage/rocks_files.h"
#include "storage/rocks_memory.h"
#include "storage/rocks_status.h"
#include "storage/signing_key.h"
#include "storage/subscription.h"
#include "storage/validation.h"

namespace tutornet::storage {
namespace {

constexpr char kRecordsFamily[] = "records";
constexpr char kStreamsFamily[] = "streams";
constexpr char kRequestsFamily[] = "requests";
constexpr char kTreeFamily[] = "tree";
constexpr char kHeadsFamily[] = "heads";
constexpr absl::string_view kSigningKeyFile = "tree_head_key.pem";

absl::Status OpenError(const rocksdb::Status& s, const std::string& dir) {
  if (s.IsIOError() && absl::StrContains(s.ToString(), "lock")) {
    return absl::FailedPreconditionError(absl::StrCat(
        "event log ", dir, " is in use by another process: ", s.ToString()));
  }
  if (s.IsInvalidArgument()) {
    return absl::FailedPreconditionError(
        absl::StrCat(dir, " is not a tutornet event log: ", s.ToString()));
  }
  return FromRocks(s, absl::StrCat("opening event log ", dir));
}

absl::Status ValidateOptions(const EventLogOptions& o) {
  if (o.max_payload_bytes == 0) {
    return absl::InvalidArgumentError("max_payload_bytes: must be at least 1");
  }
  if (o.max_events_per_append == 0) {
    return absl::InvalidArgumentError(
        "max_events_per_append: must be at least 1");
  }
  if (o.max_append_bytes < o.max_payload_bytes) {
    return absl::InvalidArgumentError(
        "max_append_bytes: must be at least max_payload_bytes");
  }
  if (o.request_id_retention <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("request_id_retention: must be positive");
  }
  return absl::OkStatus();
}

std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors(
    const rocksdb::CompactionFilter* request_filter) {
  // Almost every lookup of a request id misses (it is a first attempt): a
  // bloom filter answers those without reading data blocks.
  rocksdb::BlockBasedTableOptions requests_table;
  requests_table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions requests_options =
      SharedFamilyOptions(requests_table);
  requests_options.compaction_filter = request_filter;
  requests_options.memtable_whole_key_filtering = true;
  requests_options.memtable_prefix_bloom_size_ratio = 0.05;

  // Records are written in key order and mostly read in long scans: larger
  // blocks mean fewer block lookups and decompressions per event. Positions
  // only grow, so with a prefix hint (all keys share their first byte) the
  // memtable inserts a group's records without a fresh skip-list search.
  rocksdb::BlockBasedTableOptions sequential_table;
  sequential_table.block_size = 32 << 10;
  rocksdb::ColumnFamilyOptions sequential_options =
      SharedFamilyOptions(sequential_table);
  sequential_options.memtable_insert_with_hint_prefix_extractor.reset(
      rocksdb::NewFixedPrefixTransform(1));

  return {
      {rocksdb::kDefaultColumnFamilyName, SharedFamilyOptions()},
      {kRecordsFamily, sequential_options},
      {kStreamsFamily, SharedFamilyOptions()},
      {kRequestsFamily, requests_options},
      {kTreeFamily,
       sequential_options},  // Tree nodes are written in key order too.
      {kHeadsFamily, SharedFamilyOptions()},
  };
}

bool HoldsDatabase(const std::string& dir) {
  std::error_code error;
  return std::filesystem::exists(std::filesystem::path(dir) / "CURRENT", error);
}

std::string RandomLogId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    std::abort();  // No entropy: cannot go on.
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

}  // namespace

EventLog::EventLog(EventLogOptions options, std::string dir)
    : options_(std::move(options)),
      dir_(std::move(dir)),
      tail_(options_.live_tail_events) {}

absl::StatusOr<std::unique_ptr<EventLog>> EventLog::Open(
    const std::string& dir, EventLogOptions options) {
  RETURN_IF_ERROR(ValidateOptions(options));
  if (dir.empty()) return absl::InvalidArgumentError("dir: must not be empty");
  if (!options.clock) options.clock = [] { return absl::Now(); };
  if (options.read_only) {
    if (!HoldsDatabase(dir)) {
      return absl::FailedPreconditionError(
          absl::StrCat(dir, " is not a tutornet event log"));
    }
  } else if (!HoldsDatabase(dir)) {
    RETURN_IF_ERROR(CreateWhole(dir, options));
  }
  auto log = absl::WrapUnique(new EventLog(std::move(options), dir));
  RETURN_IF_ERROR(log->OpenDb(/*create=*/false));
  RETURN_IF_ERROR(log->LoadHead());
  if (log->options_.read_only) {
    log->StopWrites(absl::FailedPreconditionError(
        absl::StrCat("event log ", dir, " is open for reading only")));
  }
  return log;
}

// A new log is made whole in a sibling directory and renamed into place, so
// that a crash at any moment leaves either no log or a complete one (its
// column families, identity and signing key); a leftover of a crash is
// removed and made again, since nothing in it was ever acknowledged.
absl::Status EventLog::CreateWhole(const std::string& dir,
                                   const EventLogOptions& options) {
  std::error_code error;
  const std::filesystem::path target(dir);
  if (std::filesystem::exists(target, error) &&
      !std::filesystem::is_empty(target, error)) {
    return absl::FailedPreconditionError(absl::StrCat(
        dir, " is not a tutornet event log (it holds other files)"));
  }
  const std::string staging = dir + ".creating";
  std::filesystem::remove_all(staging, error);
  RETURN_IF_ERROR(MakePrivateDirectory(staging));
  {
    EventLog fresh(options, staging);
    RETURN_IF_ERROR(fresh.OpenDb(/*create=*/true));
  }
  RETURN_IF_ERROR(SyncDirectory(staging));
  std::filesystem::remove(target, error);  // Only if empty.
  if (::rename(staging.c_str(), dir.c_str()) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot put the new event log in place at ", dir, ": ",
                     std::strerror(errno)));
  }
  return SyncDirectory(target.parent_path().empty()
                           ? std::string(".")
                           : target.parent_path().string());
}

absl::Status EventLog::OpenDb(bool create) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = create;
  db_options.create_missing_column_families = create;
  if (options_.env != nullptr) db_options.env = options_.env;
  request_filter_ =
      NewExpiredRequestFilter(options_.request_id_retention, options_.clock);
  const std::vector<rocksdb::ColumnFamilyDescriptor> families =
      FamilyDescriptors(request_filter_.get());

  // An existing database must be one of ours before we touch it.
  if (!create) {
    std::vector<std::string> existing;
    RETURN_IF_ERROR(OpenError(
        rocksdb::DB::ListColumnFamilies(db_options, dir_, &existing), dir_));
    for (const rocksdb::ColumnFamilyDescriptor& family : families) {
      if (std::find(existing.begin(), existing.end(), family.name) ==
          existing.end()) {
        return absl::FailedPreconditionError(
            absl::StrCat(dir_, " is not a tutornet event log of format ",
                         keys::kFormatMarker, ": it has no column family \"",
                         family.name, "\""));
      }
    }
  }
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      options_.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, dir_, families, &handles_,
                                         &db)
          : rocksdb::DB::Open(db_options, dir_, families, &handles_, &db);
  if (!s.ok()) return OpenError(s, dir_);
  db_.reset(db);
  records_ = handles_[1];
  streams_ = handles_[2];
  requests_ = handles_[3];
  tree_ = handles_[4];
  heads_ = handles_[5];
  if (!options_.read_only) {
    RETURN_IF_ERROR(MakePrivateDirectory(dir_));
    RemoveEmptyOldLogs(*db_);
  }
  return LoadIdentity(create);
}

absl::Status EventLog::LoadIdentity(bool create) {
  auto get = [this](absl::string_view key, std::string& value) {
    return db_->Get(rocksdb::ReadOptions(), ToSlice(key), &value);
  };
  std::string format;
  rocksdb::Status s = get(keys::kFormatKey, format);
  const std::string tree_marker = options_.merkle_tree ? "on" : "off";
  if (s.IsNotFound() && !create) {
    return absl::FailedPreconditionError(
        absl::StrCat(dir_, " is not a tutornet event log (no format marker)"));
  }
  if (create) {
    // A new log: its identity is written once, before any record.
    log_id_ = RandomLogId();
    rocksdb::WriteBatch batch;
    batch.Put(ToSlice(keys::kFormatKey), ToSlice(keys::kFormatMarker));
    batch.Put(ToSlice(keys::kLogIdKey), log_id_);
    batch.Put(ToSlice(keys::kMerkleTreeKey), tree_marker);
    rocksdb::WriteOptions sync;
    sync.sync = true;
    RETURN_IF_ERROR(
        FromRocks(db_->Write(sync, &batch), "writing the log's identity"));
  } else {
    RETURN_IF_ERROR(FromRocks(s, "reading the format marker"));
    // A format marker tells our logs from future incompatible layouts.
    if (format != keys::kFormatMarker) {
      return absl::FailedPreconditionError(
          absl::StrCat(dir_, " holds an event log of format \"", format,
                       "\"; this build reads \"", keys::kFormatMarker, "\""));
    }
    std::string stored_tree_marker;
    RETURN_IF_ERROR(
        FromRocks(get(keys::kLogIdKey, log_id_), "reading the log id"));
    RETURN_IF_ERROR(FromRocks(get(keys::kMerkleTreeKey, stored_tree_marker),
                              "reading the tree marker"));
    if (stored_tree_marker != tree_marker) {
      return absl::FailedPreconditionError(absl::StrCat(
          dir_, " was created with merkle_tree ", stored_tree_marker,
          " and cannot be opened with merkle_tree ", tree_marker));
    }
  }
  if (options_.merkle_tree) {
    const std::string key_file = dir_ + "/" + std::string(kSigningKeyFile);
    // Only a new log gets a key: a key that went missing later is an error,
    // never silently replaced (heads signed before could not be verified).
    ASSIGN_OR_RETURN(
        merkle::Ed25519PrivateKey key,
        create ? CreateSigningKey(key_file) : LoadSigningKey(key_file));
    signing_key_ = std::move(key);
  }
  return absl::OkStatus();
}

absl::Status EventLog::LoadHead() {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), records_));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocks(it->status(), "finding the log head"));
  uint64_t head = 0;
  absl::MutexLock lock(&commit_mu_);
  if (it->Valid()) {
    head = keys::DecodeFixed64(ToView(it->key()));
    absl::StatusOr<RecordedEvent> last =
        DecodeRecord(head, ToView(it->value()));
    if (last.ok()) {
      last_recorded_at_ = last->recorded_at;
    } else {
      // Readable enough to audit and read, too damaged to append to.
      StopWrites(last.status());
    }
  }
  next_position_ = head + 1;
  tail_.Reset(head);
  if (options_.merkle_tree) return LoadTree(head);
  return absl::OkStatus();
}

void EventLog::StopWrites(absl::Status error) {
  absl::MutexLock lock(&queue_mu_);
  if (write_error_.ok()) write_error_ = std::move(error);
}

EventLog::~EventLog() {
  tail_.Close();
  if (db_ == nullptr) return;
  // Appends acknowledged without an fsync (a bulk load) reach the disk now.
  if (!options_.sync_appends && !options_.read_only) {
    const rocksdb::Status synced = db_->SyncWAL();
    if (!synced.ok()) {
      std::fprintf(stderr, "event log %s: syncing at close: %s\n", dir_.c_str(),
                   synced.ToString().c_str());
    }
  }
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle);
  }
  db_->Close();
}

absl::Status EventLog::WriteHealth() const {
  absl::MutexLock lock(&queue_mu_);
  return write_error_;
}

absl::StatusOr<uint64_t> EventLog::StreamVersion(
    absl::string_view stream) const {
  RETURN_IF_ERROR(ValidateStreamId(stream));
  // The newest index entry says it: no record needs to be read.
  ASSIGN_OR_RETURN(std::vector<StreamEntry> newest,
                   StreamIndex(stream, kEndOfStream, Direction::kBackward, 1));
  return newest.empty() ? 0 : newest.front().version;
}

absl::StatusOr<std::vector<RecordedEvent>> EventLog::ReadStream(
    absl::string_view stream, uint64_t from_version, Direction direction,
    size_t limit) const {
  RETURN_IF_ERROR(ValidateStreamId(stream));
  if (limit == 0)
    return absl::InvalidArgumentError("limit: must be at least 1");
  ASSIGN_OR_RETURN(std::vector<StreamEntry> entries,
                   StreamIndex(stream, from_version, direction, limit));
  std::vector<uint64_t> positions;
  positions.reserve(entries.size());
  for (const StreamEntry& e : entries) positions.push_back(e.position);
  return ReadPositions(positions);
}

absl::StatusOr<std::vector<EventLog::StreamEntry>> EventLog::StreamIndex(
    absl::string_view stream, uint64_t from_version, Direction direction,
    size_t limit) const {
  // Events past the head are durable but not yet acknowledged to their
  // writer; nothing is shown before it is.
  const uint64_t head = Head();
  const std::string prefix = keys::StreamPrefix(stream);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), streams_));
  std::vector<StreamEntry> entries;
  auto in_stream = [&] {
    return it->Valid() && absl::StartsWith(ToView(it->key()), prefix);
  };
  auto entry = [&] {
    return StreamEntry{keys::StreamKeyVersion(ToView(it->key())),
                       keys::DecodeFixed64(ToView(it->value()))};
  };
  if (direction == Direction::kForward) {
    for (it->Seek(keys::StreamKey(stream, from_version));
         in_stream() && entries.size() < limit; it->Next()) {
      const StreamEntry e = entry();
      if (e.position > head) break;
      entries.push_back(e);
    }
  } else {
    for (it->SeekForPrev(keys::StreamKey(stream, from_version));
         in_stream() && entries.size() < limit; it->Prev()) {
      const StreamEntry e = entry();
      if (e.position <= head) entries.push_back(e);
    }
  }
  RETURN_IF_ERROR(
      FromRocks(it->status(), absl::StrCat("reading stream ", stream)));
  return entries;
}

absl::StatusOr<std::vector<RecordedEvent>> EventLog::ReadPositions(
    const std::vector<uint64_t>& positions) const {
  const uint64_t head = Head();
  for (uint64_t p : positions) {
    if (p == 0 || p > head) {
      return absl::OutOfRangeError(absl::StrCat(
          "position ", p, " is not in the log (its head is ", head, ")"));
    }
  }
  std::vector<std::string> keys;
  keys.reserve(positions.size());
  for (uint64_t p : positions) keys.push_back(keys::RecordKey(p));
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<std::string> values;
  std::vector<rocksdb::Status> statuses = db_->MultiGet(
      rocksdb::ReadOptions(),
      std::vector<rocksdb::ColumnFamilyHandle*>(keys.size(), records_), slices,
      &values);
  std::vector<RecordedEvent> events;
  events.reserve(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      return absl::DataLossError(
          absl::StrCat("the log has no record at position ", positions[i],
                       ", below its head"));
    }
    RETURN_IF_ERROR(FromRocks(statuses[i], "reading a record"));
    ASSIGN_OR_RETURN(RecordedEvent e, DecodeRecord(positions[i], values[i]));
    events.push_back(std::move(e));
  }
  return events;
}

absl::StatusOr<std::vector<RecordedEvent>> EventLog::ReadAll(
    uint64_t from_position, size_t limit) const {
  std::vector<RecordedEvent> events;
  const uint64_t head = Head();
  if (from_position <= head) {
    events.reserve(std::min<uint64_t>(limit, head - from_position + 1));
  }
  RETURN_IF_ERROR(
      ScanAll(from_position, limit, [&events](const RecordedEvent& e) {
        events.push_back(e);
        return absl::OkStatus();
      }).status());
  return events;
}

absl::StatusOr<size_t> EventLog::ScanAll(
    uint64_t from_position, size_t limit,
    absl::FunctionRef<absl::Status(const RecordedEvent&)> visit) const {
  if (limit == 0)
    return absl::InvalidArgumentError("limit: must be at least 1");
  const uint64_t head = Head();
  if (from_position > head) return 0;
  const std::string upper = keys::RecordKey(head + 1);
  const rocksdb::Slice upper_slice = ToSlice(upper);
  rocksdb::ReadOptions read_options;
  read_options.iterate_upper_bound = &upper_slice;
  read_options.readahead_size = size_t{2} << 20;
  // A scan reads each block once; caching it would only evict hot blocks.
  read_options.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read_options, records_));
  RecordedEvent event;
  size_t visited = 0;
  for (it->Seek(keys::RecordKey(std::max<uint64_t>(from_position, 1)));
       it->Valid() && visited < limit; it->Next()) {
    RETURN_IF_ERROR(DecodeRecordInto(keys::DecodeFixed64(ToView(it->key())),
                                     ToView(it->value()), event));
    RETURN_IF_ERROR(visit(event));
    ++visited;
  }
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the log"));
  return visited;
}

std::unique_ptr<Subscription> EventLog::Subscribe(uint64_t from_position) {
  return absl::WrapUnique(
      new Subscription(this, &tail_, std::max<uint64_t>(from_position, 1)));
}

}  // namespace tutornet::storage
