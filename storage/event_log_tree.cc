// Tamper evidence: the Merkle tree's node store, proofs and signed tree
// heads. The tree is written by the append path (event_log_append.cc) in
// the same batch as the records; the hashing and proof logic is the pure
// code in merkle/, this file only reads and writes its nodes.
#include <utility>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "status/status_macros.h"
#include "storage/event_log.h"
#include "storage/keys.h"
#include "storage/merkle/proof.h"
#include "storage/rocks_status.h"
#include "storage/tree_nodes.h"

namespace tutornet::storage {

TreeNodes::TreeNodes(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree)
    : it_(db->NewIterator(rocksdb::ReadOptions(), tree)) {}

TreeNodes::~TreeNodes() = default;

absl::StatusOr<merkle::Hash> TreeNodes::ReadNode(merkle::NodeId id) const {
  auto missing = [&id](absl::string_view why) {
    return absl::DataLossError(absl::StrCat("the tree node at level ", id.level,
                                            " index ", id.index, " is ", why));
  };
  // The group holding the node is the first whose last leaf is not before
  // the node's last leaf.
  it_->Seek(keys::TreeGroupKey(id.last_leaf()));
  RETURN_IF_ERROR(FromRocks(it_->status(), "reading a tree node"));
  if (!it_->Valid()) return missing("missing");
  const absl::string_view value = ToView(it_->value());
  if (value.size() < 8) return missing("in a malformed group");
  const uint64_t first_leaf = keys::DecodeFixed64(value.substr(0, 8));
  if (first_leaf > id.last_leaf()) return missing("missing");
  const size_t offset = NodeOffsetInGroup(first_leaf, id);
  if (offset + 32 > value.size()) return missing("missing from its group");
  return *merkle::HashFromBytes(value.substr(offset, 32));
}

absl::Status EventLog::LoadTree(uint64_t head) {
  // The last group must end exactly at the last record: a group past it
  // means records were removed behind the log's back (appending would
  // reuse their positions); one short of it means tree nodes are missing.
  std::unique_ptr<rocksdb::Iterator> last(
      db_->NewIterator(rocksdb::ReadOptions(), tree_));
  last->SeekToLast();
  RETURN_IF_ERROR(FromRocks(last->status(), "reading the tree"));
  const uint64_t tree_leaves =
      last->Valid() ? keys::DecodeFixed64(ToView(last->key())) + 1 : 0;
  if (tree_leaves > head) {
    StopWrites(absl::DataLossError(absl::StrCat(
        "the Merkle tree covers ", tree_leaves, " records but the log holds ",
        head, ": records from position ", head + 1,
        " on were removed; run an audit")));
    return absl::OkStatus();
  }
  if (tree_leaves < head) {
    StopWrites(absl::DataLossError(absl::StrCat("the Merkle tree covers ",
                                                tree_leaves, " of ", head,
                                                " records; run an audit")));
    return absl::OkStatus();
  }
  const TreeNodes nodes(db_.get(), tree_);
  std::vector<merkle::Hash> peaks;
  for (merkle::NodeId id : merkle::CompactRange::PeakIds(head)) {
    absl::StatusOr<merkle::Hash> peak = nodes.ReadNode(id);
    if (!peak.ok()) {
      StopWrites(peak.status());
      return absl::OkStatus();
    }
    peaks.push_back(*peak);
  }
  ASSIGN_OR_RETURN(tree_range_,
                   merkle::CompactRange::FromPeaks(head, std::move(peaks)));
  return absl::OkStatus();
}

absl::Status EventLog::RequireTree() const {
  if (!options_.merkle_tree) {
    return absl::FailedPreconditionError("this event log keeps no Merkle tree");
  }
  return absl::OkStatus();
}

absl::Status EventLog::RequireSize(uint64_t tree_size) const {
  RETURN_IF_ERROR(RequireTree());
  if (tree_size > Head()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "tree_size: ", tree_size, " is beyond the log's head ", Head()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> EventLog::PublicKey() const {
  RETURN_IF_ERROR(RequireTree());
  return signing_key_->PublicKey();
}

absl::StatusOr<merkle::Hash> EventLog::RootAt(uint64_t tree_size) const {
  RETURN_IF_ERROR(RequireSize(tree_size));
  return merkle::RootAt(TreeNodes(db_.get(), tree_), tree_size);
}

absl::StatusOr<std::vector<merkle::Hash>> EventLog::InclusionProof(
    uint64_t position, uint64_t tree_size) const {
  RETURN_IF_ERROR(RequireSize(tree_size));
  if (position == 0 || position > tree_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "position: ", position, " is not in a tree of size ", tree_size));
  }
  return merkle::InclusionProof(TreeNodes(db_.get(), tree_), position - 1,
                                tree_size);
}

absl::StatusOr<std::vector<merkle::Hash>> EventLog::ConsistencyProof(
    uint64_t old_size, uint64_t new_size) const {
  RETURN_IF_ERROR(RequireSize(new_size));
  if (old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "old_size: ", old_size, " is larger than new_size ", new_size));
  }
  return merkle::ConsistencyProof(TreeNodes(db_.get(), tree_), old_size,
                                  new_size);
}

absl::StatusOr<merkle::SignedTreeHead> EventLog::SignTreeHead() {
  RETURN_IF_ERROR(RequireTree());
  absl::MutexLock lock(&sign_mu_);
  const uint64_t size = Head();
  absl::StatusOr<merkle::SignedTreeHead> kept = SignedTreeHeadAt(size);
  if (kept.ok() || kept.status().code() != absl::StatusCode::kNotFound)
    return kept;

  merkle::SignedTreeHead sth;
  sth.head.log_id = log_id_;
  sth.head.tree_size = size;
  ASSIGN_OR_RETURN(sth.head.root, RootAt(size));
  sth.head.timestamp =
      absl::FromUnixMicros(absl::ToUnixMicros(options_.clock()));
  sth.signature = signing_key_->Sign(merkle::TreeHeadSigningBytes(sth.head));
  rocksdb::WriteOptions sync;
  sync.sync = true;
  RETURN_IF_ERROR(FromRocks(db_->Put(sync, heads_, keys::EncodeFixed64(size),
                                     merkle::EncodeSignedTreeHead(sth)),
                            "keeping a signed tree head"));
  return sth;
}

absl::StatusOr<merkle::SignedTreeHead> EventLog::SignedTreeHeadAt(
    uint64_t tree_size) const {
  RETURN_IF_ERROR(RequireTree());
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), heads_,
                               keys::EncodeFixed64(tree_size), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("no tree head was signed at size ", tree_size));
  }
  RETURN_IF_ERROR(FromRocks(s, "reading a signed tree head"));
  return merkle::DecodeSignedTreeHead(value);
}

absl::StatusOr<merkle::SignedTreeHead> EventLog::LatestSignedTreeHead() const {
  RETURN_IF_ERROR(RequireTree());
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), heads_));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the signed tree heads"));
  if (!it->Valid()) return absl::NotFoundError("no tree head was signed yet");
  return merkle::DecodeSignedTreeHead(ToView(it->value()));
}

}  // namespace tutornet::storage
