// EventLog: an append-only, durable log of opaque events on RocksDB.
//
// A log holds streams (one per aggregate, e.g. "tutor-42"). Every event has
// a global position (1, 2, 3, ... with no gaps) and a version within its
// stream (1, 2, 3, ...). Appends are atomic, durable before they return
// (WAL + fsync, shared by concurrent appends: group commit) and idempotent
// by request id. Reads never show an event before its append was
// acknowledged.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<EventLog> log, EventLog::Open(dir));
//   ASSIGN_OR_RETURN(AppendResult r,
//                    log->Append("tutor-42", ExpectedVersion::NoStream(),
//                                {event}, "request-1"));
//
// Thread safety: every method may be called from any number of threads at
// once. Destroying the log requires that no call is running and that every
// Subscription it handed out is already destroyed.
//
// Request ids: a successful append remembers its request id with a digest of
// its content (stream, expected version, every event and its metadata). For
// at least EventLogOptions::request_id_retention after the first append, a
// retry with the same id and content returns the first result (with
// deduplicated = true) and writes nothing, also after a restart; the same id
// with other content is ALREADY_EXISTS. After the retention the id is
// forgotten (a compaction filter removes it) and may be used again. An
// append that failed is not remembered: its retry is evaluated afresh.
//
// Errors (absl::Status codes):
//   INVALID_ARGUMENT    bad input, see validation.h; names the field.
//   ABORTED             expected version not met; ConflictingVersion()
//                       gives the stream's current version.
//   ALREADY_EXISTS      request id reused for different content.
//   UNAVAILABLE         a write to disk failed. The log then refuses every
//                       later append (the outcome of the failed one is
//                       unknown) until it is reopened; reads keep working.
//   FAILED_PRECONDITION Open: the directory is locked by another process or
//                       is not an event log.
//   DATA_LOSS           a stored record cannot be decoded.
#ifndef TUTORNET_STORAGE_EVENT_LOG_H_
#define TUTORNET_STORAGE_EVENT_LOG_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "storage/event.h"
#include "storage/live_tail.h"
#include "storage/merkle/compact_range.h"
#include "storage/merkle/ed25519.h"
#include "storage/merkle/tree_head.h"

namespace rocksdb {
class ColumnFamilyHandle;
class CompactionFilter;
class DB;
class Env;
}  // namespace rocksdb

namespace tutornet::storage {

class RequestRecord;
class Subscription;

struct EventLogOptions {
  size_t max_payload_bytes = size_t{1} << 20;  // Per event.
  size_t max_events_per_append = 1000;
  size_t max_append_bytes = size_t{16} << 20;  // Payload bytes per append.
  // absl::InfiniteDuration() keeps every request id for the log's life (the
  // services do: a retry is recognised however late it comes).
  absl::Duration request_id_retention = absl::Hours(24 * 7);
  // Appends waiting together are written in one batch with one fsync, up to
  // this many payload bytes.
  size_t max_group_bytes = size_t{8} << 20;
  // Recent events kept in memory for live subscribers; a subscriber further
  // behind reads from disk. Bounds the memory subscriptions use.
  size_t live_tail_events = 8192;
  // Stream versions kept in memory for appends; a miss costs one read.
  size_t max_cached_streams = size_t{1} << 20;
  // Where recorded_at comes from. Default: absl::Now.
  std::function<absl::Time()> clock;
  // fsync every append group before acknowledging it. False is for bulk
  // loads that write a whole history and check it at the end (tools/
  // country): an append is acknowledged once in the write-ahead log's
  // buffer, which is synced when the log closes; a crash before that loses
  // an unsynced tail. Never for a server that answers clients.
  bool sync_appends = true;
  // Keep an RFC 6962 Merkle tree over the records and sign tree heads
  // (tamper evidence; see docs/STORAGE_FORMAT.md). Fixed when the log is
  // created: a log made without its tree cannot get one later. Turning it
  // off is for benchmarks that measure what the tree costs.
  bool merkle_tree = true;
  // Open an existing log for reading only (audits, backups): nothing is
  // created or written, and the directory need not be free of writers.
  // FAILED_PRECONDITION when `dir` is not an event log. Appends fail.
  bool read_only = false;
  // RocksDB environment, for tests that inject I/O faults. Default: the
  // process's default environment. Not owned; must outlive the log.
  rocksdb::Env* env = nullptr;
};

enum class Direction { kForward, kBackward };

// What EventLog::Audit found.
struct AuditReport {
  uint64_t records = 0;        // Records walked.
  uint64_t heads_checked = 0;  // Signed tree heads compared with the records.
  merkle::Hash root{};         // The root recomputed from the records.
  bool ok = true;
  uint64_t first_bad_position = 0;  // When !ok: where the log first disagrees.
  std::string finding;              // When !ok: what disagrees, in words.
};

// For an ABORTED status returned by Append: the stream's current version.
std::optional<uint64_t> ConflictingVersion(const absl::Status& status);

class EventLog {
 public:
  // Opens the log in `dir`, creating it if missing (whole: a crash while
  // creating leaves no log, never half of one). The directory is made
  // private to the owner (0700). FAILED_PRECONDITION for a directory that
  // holds something else, or a log whose signing key is missing.
  static absl::StatusOr<std::unique_ptr<EventLog>> Open(
      const std::string& dir, EventLogOptions options = {});

  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;
  ~EventLog();

  // Appends `events` to `stream` if its version satisfies `expected`; all of
  // them land or none. Returns after the events are on disk. An empty
  // request_id disables idempotency for this append. `request_digest`, when
  // not empty, is what tells a retry of this request from another request
  // under the same id, instead of the digest of the append's content: a
  // command handler whose events carry the server's time passes the digest
  // of the command, so that its retry is recognised (see LookupRequest).
  absl::StatusOr<AppendResult> Append(absl::string_view stream,
                                      ExpectedVersion expected,
                                      absl::Span<const NewEvent> events,
                                      absl::string_view request_id = {},
                                      absl::string_view request_digest = {});

  // Up to `limit` events of `stream`, starting at `from_version` and going in
  // `direction`. Backward from kEndOfStream starts at the newest event. A
  // stream that does not exist reads as empty.
  static constexpr uint64_t kEndOfStream = UINT64_MAX;
  absl::StatusOr<std::vector<RecordedEvent>> ReadStream(
      absl::string_view stream, uint64_t from_version, Direction direction,
      size_t limit) const;

  // Up to `limit` events of the whole log, from `from_position` on.
  absl::StatusOr<std::vector<RecordedEvent>> ReadAll(uint64_t from_position,
                                                     size_t limit) const;

  // The events at `positions`, in the order given. OUT_OF_RANGE for a
  // position past the head (not acknowledged yet, or never written);
  // DATA_LOSS naming a position at or below it that holds no event.
  absl::StatusOr<std::vector<RecordedEvent>> ReadPositions(
      const std::vector<uint64_t>& positions) const;

  // Calls `visit` for up to `limit` events from `from_position` on, in log
  // order, without copying them: the event is valid only during the call.
  // Stops at the first error `visit` returns and returns it. Returns how
  // many events were visited. The fast way to replay the log.
  absl::StatusOr<size_t> ScanAll(
      uint64_t from_position, size_t limit,
      absl::FunctionRef<absl::Status(const RecordedEvent&)> visit) const;

  // The first result of the append made with `request_id`, if the log
  // still remembers it (see "Request ids" above), with deduplicated = true;
  // nullopt if it does not. For callers that must recognise a retry before
  // they decide what to append. INVALID_ARGUMENT for an empty or malformed id.
  absl::StatusOr<std::optional<AppendResult>> LookupRequest(
      absl::string_view request_id) const;

  // The stream's current version: 0 if it does not exist.
  absl::StatusOr<uint64_t> StreamVersion(absl::string_view stream) const;

  // The position of the newest acknowledged event; 0 for an empty log.
  uint64_t Head() const { return tail_.head(); }

  // Delivers every event from `from_position` on (1 = the beginning): first
  // those already in the log, then new ones as they are appended, in order,
  // each once. Requires: from_position >= 1.
  std::unique_ptr<Subscription> Subscribe(uint64_t from_position);

  // --- Tamper evidence. Leaf i of the Merkle tree is the record at
  // position i + 1; a tree of size N covers positions 1..N. Each call is
  // FAILED_PRECONDITION on a log without a tree, INVALID_ARGUMENT for sizes
  // beyond Head(), DATA_LOSS when stored tree nodes are missing.

  // A random id given to the log when it was created (32 hex digits).
  const std::string& log_id() const { return log_id_; }
  // The raw 32-byte Ed25519 key that verifies this log's tree heads.
  absl::StatusOr<std::string> PublicKey() const;

  absl::StatusOr<merkle::Hash> RootAt(uint64_t tree_size) const;
  // The audit path of the record at `position` in the tree of `tree_size`.
  absl::StatusOr<std::vector<merkle::Hash>> InclusionProof(
      uint64_t position, uint64_t tree_size) const;
  // Proof that the tree of `old_size` is a prefix of the tree of `new_size`.
  absl::StatusOr<std::vector<merkle::Hash>> ConsistencyProof(
      uint64_t old_size, uint64_t new_size) const;

  // Signs and keeps a head for the current size; a size signed before
  // returns its kept head (one head per size).
  absl::StatusOr<merkle::SignedTreeHead> SignTreeHead();
  // The kept head of `tree_size`: NOT_FOUND if that size was never signed.
  absl::StatusOr<merkle::SignedTreeHead> SignedTreeHeadAt(
      uint64_t tree_size) const;
  // The kept head of the largest size; NOT_FOUND if none was signed.
  absl::StatusOr<merkle::SignedTreeHead> LatestSignedTreeHead() const;

  // Walks the whole log, recomputes every leaf and node and compares them
  // with the stored tree and with every kept signed head. Calls `progress`
  // now and then with (records walked, records in the log). A tampered log
  // is an OK status with report.ok == false; the status is an error only
  // when the audit could not run. It reads one snapshot of the log, taken
  // when it starts: appends and signatures go on meanwhile (an online
  // audit of a serving log), and the report covers the records then.
  absl::StatusOr<AuditReport> Audit(
      absl::FunctionRef<void(uint64_t done, uint64_t total)> progress) const;
  // The same, ending early with CANCELLED once `stop` is set (a server
  // shutting down stops the audits it runs).
  absl::StatusOr<AuditReport> Audit(
      absl::FunctionRef<void(uint64_t done, uint64_t total)> progress,
      const std::atomic<bool>& stop) const;

  // OK while the log accepts appends; the write error once it does not.
  absl::Status WriteHealth() const;

  // The number of events the live tail holds now (for tests and metrics).
  size_t LiveTailSize() const { return tail_.size(); }

 private:
  struct Writer;
  struct CommitState;

  EventLog(EventLogOptions options, std::string dir);
  static absl::Status CreateWhole(const std::string& dir,
                                  const EventLogOptions& options);
  absl::Status OpenDb(bool create);
  absl::Status LoadHead();

  std::vector<Writer*> TakeGroup() ABSL_EXCLUSIVE_LOCKS_REQUIRED(queue_mu_);
  // Decides, encodes and writes one group and sets every writer's result.
  // Returns the write error that must stop the log, if any.
  absl::Status CommitGroup(absl::Span<Writer* const> group)
      ABSL_LOCKS_EXCLUDED(queue_mu_);
  // Decides one append and adds its events to the group's batch.
  absl::StatusOr<AppendResult> Stage(Writer& w, CommitState& state)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_);
  // The unexpired record of an earlier append with this request id.
  absl::StatusOr<std::optional<RequestRecord>> StoredRequest(
      absl::string_view request_id, absl::Time now) const;
  absl::StatusOr<std::optional<RequestRecord>> FindRequest(
      absl::string_view request_id, const CommitState& state) const;
  absl::StatusOr<uint64_t> CachedStreamVersion(absl::string_view stream)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_);
  absl::Time NextRecordedAt() ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_);

  // Opening: markers, the log id, the signing key, the tree's right border.
  absl::Status LoadIdentity(bool create);
  absl::Status LoadTree(uint64_t head)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(commit_mu_);
  // Once set, appends fail with `error` until the log is reopened.
  void StopWrites(absl::Status error);
  absl::Status RequireTree() const;
  absl::Status RequireSize(uint64_t tree_size) const;

  // A stream's index entries, bounded by the head; see ReadStream.
  struct StreamEntry {
    uint64_t version;
    uint64_t position;
  };
  absl::StatusOr<std::vector<StreamEntry>> StreamIndex(absl::string_view stream,
                                                       uint64_t from_version,
                                                       Direction direction,
                                                       size_t limit) const;

  const EventLogOptions options_;
  const std::string dir_;
  std::unique_ptr<rocksdb::CompactionFilter> request_filter_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  rocksdb::ColumnFamilyHandle* records_ = nullptr;
  rocksdb::ColumnFamilyHandle* streams_ = nullptr;
  rocksdb::ColumnFamilyHandle* requests_ = nullptr;
  rocksdb::ColumnFamilyHandle* tree_ = nullptr;
  rocksdb::ColumnFamilyHandle* heads_ = nullptr;
  std::string log_id_;
  std::optional<merkle::Ed25519PrivateKey> signing_key_;
  absl::Mutex sign_mu_;  // One head signed at a time.

  // Appends queue here; the writer at the front commits a group for all.
  mutable absl::Mutex queue_mu_;
  std::deque<Writer*> queue_ ABSL_GUARDED_BY(queue_mu_);
  absl::Status write_error_ ABSL_GUARDED_BY(queue_mu_);

  // Held only by the writer committing a group, so never contended; it
  // documents what that writer alone may touch.
  absl::Mutex commit_mu_;
  uint64_t next_position_ ABSL_GUARDED_BY(commit_mu_) = 1;
  absl::Time last_recorded_at_ ABSL_GUARDED_BY(commit_mu_) =
      absl::InfinitePast();
  absl::flat_hash_map<std::string, uint64_t> stream_versions_
      ABSL_GUARDED_BY(commit_mu_);
  // The Merkle tree's right border at next_position_ - 1 leaves.
  merkle::CompactRange tree_range_ ABSL_GUARDED_BY(commit_mu_);

  LiveTail tail_;
};

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_EVENT_LOG_H_
