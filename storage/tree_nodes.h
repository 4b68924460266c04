// Internal to storage/: the Merkle tree's perfect-subtree hashes as stored
// in the log's "tree" column family, one value per append group (layout in
// keys.h).
#ifndef TUTORNET_STORAGE_TREE_NODES_H_
#define TUTORNET_STORAGE_TREE_NODES_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "storage/merkle/proof.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Iterator;
}  // namespace rocksdb

namespace tutornet::storage {

// Where the hash of `id` starts in the value of a group whose first leaf is
// `first_leaf`. Requires: first_leaf <= id.last_leaf().
inline size_t NodeOffsetInGroup(uint64_t first_leaf, merkle::NodeId id) {
  return 8 + 32 * (merkle::NodesBefore(id.last_leaf()) -
                   merkle::NodesBefore(first_leaf) + id.level);
}

// Reads nodes through one iterator, for one proof or root. DATA_LOSS for a
// missing or malformed node. Not thread-safe: one per call.
class TreeNodes final : public merkle::NodeReader {
 public:
  TreeNodes(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree);
  ~TreeNodes() override;
  absl::StatusOr<merkle::Hash> ReadNode(merkle::NodeId id) const override;

 private:
  std::unique_ptr<rocksdb::Iterator> it_;
};

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_TREE_NODES_H_
