// The write path: validation, group commit, expected-version checks and
// idempotency.
//
// Group commit follows LevelDB's DBImpl::Write: every Append queues a Writer;
// the writer at the front of the queue becomes the leader, takes the writers
// behind it as a group, decides each of them in queue order, writes all
// accepted events in one RocksDB batch with one fsync, then wakes the group.
// The leader stays at the front until it has finished, so there is never
// more than one leader; everything it alone touches is under commit_mu_.
// Positions are assigned by the leader in queue order, so they are gap-free,
// and the group becomes visible (LiveTail::Publish) only after its fsync.
#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "status/status_macros.h"
#include "storage/event_log.h"
#include "storage/keys.h"
#include "storage/merkle/rfc6962.h"
#include "storage/record.pb.h"
#include "storage/record_codec.h"
#include "storage/request_ids.h"
#include "storage/rocks_status.h"
#include "storage/validation.h"

namespace tutornet::storage {
namespace {

constexpr char kConflictPayloadUrl[] =
    "type.tutornet/tutornet.storage.WrongExpectedVersion";

absl::Status ConflictError(absl::string_view stream, ExpectedVersion expected,
                           uint64_t current) {
  absl::Status status = absl::AbortedError(absl::StrCat(
      "stream ", stream, ": expected version ", expected.ToString(),
      ", but the current version is ", current));
  status.SetPayload(kConflictPayloadUrl, absl::Cord(absl::StrCat(current)));
  return status;
}

absl::Status RequestReused(absl::string_view request_id) {
  return absl::AlreadyExistsError(
      absl::StrCat("request_id: \"", request_id,
                   "\" was already used for a different append"));
}

AppendResult ResultOf(const RequestRecord& r) {
  AppendResult result;
  result.first_position = r.first_position();
  result.last_position = r.last_position();
  result.stream_version = r.stream_version();
  result.recorded_at = FromMicros(r.recorded_at_micros());
  result.deduplicated = true;
  result.request_digest = r.content_digest();
  return result;
}

}  // namespace

std::optional<uint64_t> ConflictingVersion(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kConflictPayloadUrl);
  uint64_t version = 0;
  if (!payload || !absl::SimpleAtoi(std::string(*payload), &version)) {
    return std::nullopt;
  }
  return version;
}

struct EventLog::Writer {
  absl::string_view stream;
  ExpectedVersion expected;
  absl::Span<const NewEvent> events;
  absl::string_view request_id;
  absl::string_view request_digest;  // Empty: the digest of the content.
  size_t bytes = 0;

  bool done = false;  // Guarded by queue_mu_.
  absl::StatusOr<AppendResult> result =
      absl::InternalError("append not committed");
  // True when `result` holds only if the group's batch reaches disk.
  bool needs_batch = false;
  absl::CondVar cv{};
};

// What the leader builds for one group.
struct EventLog::CommitState {
  rocksdb::WriteBatch batch;
  std::vector<RecordedEvent> recorded;
  uint64_t next_position;
  absl::Time recorded_at;
  // The tree's right border with this group's leaves; kept only if the
  // batch reaches disk.
  merkle::CompactRange tree;
  // The hashes of every node this group's leaves complete, in the order
  // they complete: stored as one value (keys.h).
  std::string tree_nodes;
  // Request ids accepted earlier in this group, for retries within a group.
  absl::flat_hash_map<absl::string_view, RequestRecord> requests;
};

absl::StatusOr<AppendResult> EventLog::Append(
    absl::string_view stream, ExpectedVersion expected,
    absl::Span<const NewEvent> events, absl::string_view request_id,
    absl::string_view request_digest) {
  RETURN_IF_ERROR(ValidateAppend(
      stream, events, request_id,
      {options_.max_payload_bytes, options_.max_events_per_append,
       options_.max_append_bytes}));
  if (request_id.empty() && !request_digest.empty()) {
    return absl::InvalidArgumentError(
        "request_digest: given without a request_id");
  }
  Writer w{stream, expected, events, request_id, request_digest};
  for (const NewEvent& e : events) w.bytes += e.payload.size() + e.type.size();

  queue_mu_.Lock();
  queue_.push_back(&w);
  while (!w.done && queue_.front() != &w) w.cv.Wait(&queue_mu_);
  if (w.done) {
    queue_mu_.Unlock();
    return std::move(w.result);
  }
  const std::vector<Writer*> group = TakeGroup();
  const absl::Status earlier_error = write_error_;
  queue_mu_.Unlock();

  absl::Status write_status = earlier_error;
  if (earlier_error.ok()) {
    write_status = CommitGroup(group);
  } else {
    for (Writer* g : group) g->result = earlier_error;
  }

  queue_mu_.Lock();
  if (!write_status.ok() && write_error_.ok()) write_error_ = write_status;
  for (Writer* g : group) {
    queue_.pop_front();
    if (g != &w) {
      g->done = true;
      g->cv.Signal();
    }
  }
  if (!queue_.empty()) queue_.front()->cv.Signal();
  queue_mu_.Unlock();
  return std::move(w.result);
}

std::vector<EventLog::Writer*> EventLog::TakeGroup() {
  std::vector<Writer*> group;
  size_t bytes = 0;
  for (Writer* w : queue_) {
    if (!group.empty() && bytes + w->bytes > options_.max_group_bytes) break;
    bytes += w->bytes;
    group.push_back(w);
  }
  return group;
}

absl::Status EventLog::CommitGroup(absl::Span<Writer* const> group) {
  absl::MutexLock lock(&commit_mu_);
  // Crude but bounded: a full cache starts over; misses cost one read.
  if (stream_versions_.size() > options_.max_cached_streams)
    stream_versions_.clear();
  CommitState state;
  state.next_position = next_position_;
  state.recorded_at = NextRecordedAt();
  state.tree = tree_range_;
  for (Writer* w : group) w->result = Stage(*w, state);
  if (state.batch.Count() == 0) return absl::OkStatus();
  if (options_.merkle_tree && state.next_position > next_position_) {
    // The group's tree nodes go in the same batch as its records: a crash
    // can never leave one without the other.
    state.batch.Put(tree_, keys::TreeGroupKey(state.next_position - 2),
                    keys::EncodeFixed64(next_position_ - 1) + state.tree_nodes);
  }

  rocksdb::WriteOptions sync;
  sync.sync = options_.sync_appends;
  absl::Status written =
      FromRocks(db_->Write(sync, &state.batch), "appending to the log");
  if (!written.ok()) {
    // The outcome on disk is unknown, so no later append may be acknowledged
    // on top of it, as LevelDB does after a failed fsync.
    absl::Status error = absl::UnavailableError(absl::StrCat(
        written.message(), "; the log refuses appends until it is reopened"));
    for (Writer* w : group) {
      if (w->needs_batch) w->result = error;
    }
    return error;
  }
  next_position_ = state.next_position;
  tree_range_ = std::move(state.tree);
  tail_.Publish(std::move(state.recorded));
  return absl::OkStatus();
}

absl::StatusOr<AppendResult> EventLog::Stage(Writer& w, CommitState& state) {
  std::string digest;
  if (!w.request_id.empty()) {
    digest = w.request_digest.empty()
                 ? AppendDigest(w.stream, w.expected, w.events)
                 : std::string(w.request_digest);
    ASSIGN_OR_RETURN(std::optional<RequestRecord> earlier,
                     FindRequest(w.request_id, state));
    if (earlier.has_value()) {
      if (earlier->content_digest() != digest)
        return RequestReused(w.request_id);
      w.needs_batch = state.requests.contains(w.request_id);
      return ResultOf(*earlier);
    }
  }

  ASSIGN_OR_RETURN(uint64_t version, CachedStreamVersion(w.stream));
  if (!w.expected.IsSatisfiedBy(version)) {
    return ConflictError(w.stream, w.expected, version);
  }

  AppendResult result;
  result.first_position = state.next_position;
  result.recorded_at = state.recorded_at;
  for (const NewEvent& e : w.events) {
    RecordedEvent r{state.next_position++,
                    std::string(w.stream),
                    ++version,
                    e.type,
                    e.payload,
                    e.metadata,
                    state.recorded_at,
                    std::string(w.request_id)};
    const std::string record = EncodeRecord(r);
    state.batch.Put(records_, keys::RecordKey(r.position), record);
    if (options_.merkle_tree) {
      state.tree.Append(merkle::HashLeaf(record),
                        [&state](merkle::NodeId, const merkle::Hash& h) {
                          state.tree_nodes.append(merkle::AsBytes(h).data(),
                                                  h.size());
                        });
    }
    state.batch.Put(streams_, keys::StreamKey(w.stream, r.stream_version),
                    keys::EncodeFixed64(r.position));
    state.recorded.push_back(std::move(r));
  }
  result.last_position = state.next_position - 1;
  result.stream_version = version;
  // Later writers of this group see this append's version; if the batch
  // fails the log stops taking appends, so the cache never outlives a lie.
  stream_versions_[w.stream] = version;
  w.needs_batch = true;

  if (!w.request_id.empty()) {
    RequestRecord request;
    request.set_content_digest(digest);
    request.set_stream_id(std::string(w.stream));
    request.set_first_position(result.first_position);
    request.set_last_position(result.last_position);
    request.set_stream_version(result.stream_version);
    request.set_recorded_at_micros(ToMicros(result.recorded_at));
    state.batch.Put(requests_, ToSlice(w.request_id),
                    request.SerializeAsString());
    state.requests.emplace(w.request_id, std::move(request));
  }
  return result;
}

absl::StatusOr<std::optional<RequestRecord>> EventLog::FindRequest(
    absl::string_view request_id, const CommitState& state) const {
  if (auto it = state.requests.find(request_id); it != state.requests.end()) {
    return it->second;
  }
  return StoredRequest(request_id, state.recorded_at);
}

absl::StatusOr<std::optional<RequestRecord>> EventLog::StoredRequest(
    absl::string_view request_id, absl::Time now) const {
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), requests_, ToSlice(request_id), &value);
  if (s.IsNotFound()) return std::nullopt;
  RETURN_IF_ERROR(FromRocks(s, "looking up a request id"));
  RequestRecord record;
  if (!record.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat(
        "the record of request id \"", request_id, "\" cannot be decoded"));
  }
  if (RequestExpired(FromMicros(record.recorded_at_micros()), now,
                     options_.request_id_retention)) {
    return std::nullopt;  // Forgotten, even if compaction has not dropped it
                          // yet.
  }
  return record;
}

absl::StatusOr<std::optional<AppendResult>> EventLog::LookupRequest(
    absl::string_view request_id) const {
  RETURN_IF_ERROR(ValidateRequestId(request_id));
  if (request_id.empty())
    return absl::InvalidArgumentError("request_id: must not be empty");
  ASSIGN_OR_RETURN(std::optional<RequestRecord> record,
                   StoredRequest(request_id, options_.clock()));
  if (!record.has_value()) return std::nullopt;
  return ResultOf(*record);
}

absl::StatusOr<uint64_t> EventLog::CachedStreamVersion(
    absl::string_view stream) {
  if (auto it = stream_versions_.find(stream); it != stream_versions_.end()) {
    return it->second;
  }
  // Every earlier group is published before a new leader runs, so the
  // durable version is the current one.
  ASSIGN_OR_RETURN(uint64_t version, StreamVersion(stream));
  stream_versions_.emplace(stream, version);
  return version;
}

absl::Time EventLog::NextRecordedAt() {
  // Stored as microseconds; never earlier than the previous group, so that
  // "as of time T" is a prefix of the log even if the clock steps back.
  const absl::Time now = FromMicros(ToMicros(options_.clock()));
  last_recorded_at_ = std::max(last_recorded_at_, now);
  return last_recorded_at_;
}

}  // namespace tutornet::storage
