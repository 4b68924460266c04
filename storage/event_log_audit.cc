// The full audit: walk every record, recompute its leaf and every subtree
// the stored tree should hold, and compare them with the stored nodes and
// with every signed tree head the log has kept.
//
// Records and tree nodes are each read in one forward pass: tree groups
// sort in log order and hold their nodes in the order a CompactRange
// completes subtrees (keys.h), so the expected node is always the next one.
// Leaf hashing runs on a second thread.
#include <deque>
#include <map>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/db.h"
#include "status/status_macros.h"
#include "storage/event_log.h"
#include "storage/keys.h"
#include "storage/rocks_status.h"

namespace tutornet::storage {
namespace {

constexpr uint64_t kProgressEvery = 1 << 16;
constexpr uint64_t kStopCheckEvery = 1 << 12;

// Every scan of one audit reads the same snapshot, so that appends and
// signatures made while it runs (a live server's) are not half seen.
std::unique_ptr<rocksdb::Iterator> ScanFamily(rocksdb::DB* db,
                                              rocksdb::ColumnFamilyHandle* cf,
                                              const rocksdb::Snapshot* at) {
  rocksdb::ReadOptions options;
  options.snapshot = at;
  options.fill_cache = false;
  options.readahead_size = size_t{2} << 20;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(options, cf));
  it->SeekToFirst();
  return it;
}

// Reads the records and hashes their leaves on a thread of its own, so the
// audit's two halves (leaf hashing; tree comparison) use two cores. Batches
// are bounded: the reader waits when the auditor falls behind.
class LeafReader {
 public:
  struct Leaf {
    uint64_t position;
    merkle::Hash hash;
  };

  LeafReader(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* records,
             const rocksdb::Snapshot* at)
      : thread_([this, db, records, at] { Run(db, records, at); }) {}
  ~LeafReader() {
    {
      absl::MutexLock lock(&mu_);
      stop_ = true;
    }
    thread_.join();
  }

  // The next leaf in position order; false at the end (then see status()).
  bool Next(Leaf& out) {
    if (next_ == current_.size()) {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(this, &LeafReader::ReadyOrDone));
      if (batches_.empty()) return false;
      current_ = std::move(batches_.front());
      batches_.pop_front();
      next_ = 0;
    }
    out = current_[next_++];
    return true;
  }

  absl::Status status() {
    absl::MutexLock lock(&mu_);
    return status_;
  }

 private:
  static constexpr size_t kBatch = 4096;
  static constexpr size_t kMaxBatches = 8;

  void Run(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* records,
           const rocksdb::Snapshot* at) {
    std::unique_ptr<rocksdb::Iterator> it = ScanFamily(db, records, at);
    std::vector<Leaf> batch;
    for (; it->Valid(); it->Next()) {
      batch.push_back({keys::DecodeFixed64(ToView(it->key())),
                       merkle::HashLeaf(ToView(it->value()))});
      if (batch.size() == kBatch && !Push(std::exchange(batch, {}))) return;
    }
    absl::Status status = FromRocks(it->status(), "auditing the records");
    if (!batch.empty()) Push(std::move(batch));
    absl::MutexLock lock(&mu_);
    status_ = std::move(status);
    done_ = true;
  }

  bool Push(std::vector<Leaf> batch) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &LeafReader::RoomOrStopped));
    if (stop_) return false;
    batches_.push_back(std::move(batch));
    return true;
  }

  bool ReadyOrDone() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !batches_.empty() || done_;
  }
  bool RoomOrStopped() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return batches_.size() < kMaxBatches || stop_;
  }

  absl::Mutex mu_;
  std::deque<std::vector<Leaf>> batches_ ABSL_GUARDED_BY(mu_);
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
  std::vector<Leaf> current_;  // Only the auditing thread touches these two.
  size_t next_ = 0;
  std::thread thread_;  // Last: starts once everything above exists.
};

// Walks the stored tree's group values (keys.h) hash by hash, in the order
// a CompactRange emits nodes.
class StoredNodes {
 public:
  explicit StoredNodes(std::unique_ptr<rocksdb::Iterator> it)
      : it_(std::move(it)) {
    Load();
  }

  // The stored 32 bytes for `id`, the next node in emission order; nullptr
  // if the stored tree does not have it there.
  const char* Next(merkle::NodeId id) {
    if (offset_ == group_.size()) {
      if (!it_->Valid()) return nullptr;
      it_->Next();
      Load();
    }
    if (!it_->Valid() || group_.empty()) return nullptr;
    // A group starts with a leaf: the first leaf it claims.
    if (offset_ == 8 && (id.level != 0 || first_leaf_ != id.last_leaf()))
      return nullptr;
    const char* hash = group_.data() + offset_;
    offset_ += 32;
    return hash;
  }

  // True when no stored hash is left.
  bool AtEnd() {
    while (it_->Valid() && offset_ == group_.size()) {
      it_->Next();
      Load();
    }
    return !it_->Valid();
  }

  rocksdb::Status status() const { return it_->status(); }

 private:
  // A well-formed group holds exactly the nodes of its leaves; a malformed
  // one reads as empty, so its first node is reported missing.
  void Load() {
    group_ = {};
    offset_ = 8;
    if (!it_->Valid()) return;
    const absl::string_view value = ToView(it_->value());
    const uint64_t last_leaf = keys::DecodeFixed64(ToView(it_->key()));
    if (value.size() < 8) return;
    first_leaf_ = keys::DecodeFixed64(value.substr(0, 8));
    if (first_leaf_ > last_leaf ||
        value.size() != 8 + 32 * (merkle::NodesBefore(last_leaf + 1) -
                                  merkle::NodesBefore(first_leaf_))) {
      return;
    }
    group_ = value;
  }

  std::unique_ptr<rocksdb::Iterator> it_;
  absl::string_view group_;  // The current group's value; empty if malformed.
  size_t offset_ = 8;
  uint64_t first_leaf_ = 0;
};

// The first finding wins; later ones are consequences.
void Find(AuditReport& report, uint64_t position, std::string finding) {
  if (!report.ok) return;
  report.ok = false;
  report.first_bad_position = position;
  report.finding = std::move(finding);
}

}  // namespace

absl::StatusOr<AuditReport> EventLog::Audit(
    absl::FunctionRef<void(uint64_t done, uint64_t total)> progress) const {
  static const std::atomic<bool> kNever{false};
  return Audit(progress, kNever);
}

absl::StatusOr<AuditReport> EventLog::Audit(
    absl::FunctionRef<void(uint64_t done, uint64_t total)> progress,
    const std::atomic<bool>& stop) const {
  RETURN_IF_ERROR(RequireTree());
  AuditReport report;
  const std::string public_key = signing_key_->PublicKey();
  rocksdb::ManagedSnapshot snapshot(db_.get());
  const rocksdb::Snapshot* at = snapshot.snapshot();

  // Every kept head, by size; each must verify and match the records.
  std::map<uint64_t, merkle::SignedTreeHead> heads;
  for (auto it = ScanFamily(db_.get(), heads_, at); it->Valid(); it->Next()) {
    absl::StatusOr<merkle::SignedTreeHead> sth =
        merkle::DecodeSignedTreeHead(ToView(it->value()));
    const uint64_t size = keys::DecodeFixed64(ToView(it->key()));
    if (!sth.ok() || sth->head.tree_size != size ||
        !merkle::VerifySignedTreeHead(*sth, public_key, log_id_).ok()) {
      Find(report, size,
           absl::StrCat("the signed tree head kept for size ", size,
                        " does not verify with this log's key"));
      return report;
    }
    heads.emplace(size, *std::move(sth));
  }

  const uint64_t total = Head();
  merkle::CompactRange range;
  StoredNodes nodes(ScanFamily(db_.get(), tree_, at));
  auto check_node = [&](merkle::NodeId id, const merkle::Hash& expected) {
    if (!report.ok) return;
    const uint64_t first =
        (id.index << id.level) + 1;  // First position it covers.
    const char* stored = nodes.Next(id);
    if (stored == nullptr) {
      Find(report, first,
           absl::StrCat("the tree node at level ", id.level,
                        " covering positions ", first, "-", id.last_leaf() + 1,
                        " is missing"));
    } else if (absl::string_view(stored, 32) != merkle::AsBytes(expected)) {
      Find(report, first,
           id.level == 0 ? absl::StrCat("the record at position ", first,
                                        " does not match its leaf in the tree")
                         : absl::StrCat("the tree node at level ", id.level,
                                        " covering positions ", first, "-",
                                        id.last_leaf() + 1,
                                        " does not match the records"));
    }
  };

  LeafReader leaves(db_.get(), records_, at);
  LeafReader::Leaf leaf;
  while (report.ok && leaves.Next(leaf)) {
    if (leaf.position != range.size() + 1) {
      Find(report, range.size() + 1,
           absl::StrCat("the record at position ", range.size() + 1,
                        " is missing"));
      break;
    }
    range.Append(leaf.hash, check_node);
    if (auto head = heads.find(range.size());
        head != heads.end() && report.ok) {
      ++report.heads_checked;
      if (range.Root() != head->second.head.root) {
        Find(report, leaf.position,
             absl::StrCat(
                 "the records up to position ", leaf.position,
                 " do not have the root of the tree head signed for that size: "
                 "history before it was rewritten"));
      }
    }
    if (range.size() % kProgressEvery == 0) progress(range.size(), total);
    if (range.size() % kStopCheckEvery == 0 &&
        stop.load(std::memory_order_relaxed)) {
      return absl::CancelledError(absl::StrCat("the audit was stopped after ",
                                               range.size(), " records"));
    }
  }
  if (report.ok) RETURN_IF_ERROR(leaves.status());
  RETURN_IF_ERROR(FromRocks(nodes.status(), "auditing the tree"));
  report.records = range.size();
  report.root = range.Root();
  if (report.ok && !nodes.AtEnd()) {
    Find(report, range.size() + 1,
         absl::StrCat("the tree has nodes past the last record (position ",
                      range.size(), "): records after it were removed"));
  }
  if (report.ok && !heads.empty() && heads.rbegin()->first > range.size()) {
    Find(report, range.size() + 1,
         absl::StrCat("a tree head was signed for ", heads.rbegin()->first,
                      " records but the log holds ", range.size(),
                      ": records were removed"));
  }
  progress(range.size(), range.size());  // Done: the snapshot's records.
  return report;
}

}  // namespace tutornet::storage
