// Internal to storage/: the Merkle tree's perfect-subtree hashes as stored
// in the log's "tree" column family (key layout in keys.h).
#ifndef TUTORNET_STORAGE_TREE_NODES_H_
#define TUTORNET_STORAGE_TREE_NODES_H_

#include "storage/merkle/proof.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
}  // namespace rocksdb

namespace tutornet::storage {

// Reads nodes; DATA_LOSS for a missing or malformed one. Thread-safe.
class TreeNodes final : public merkle::NodeReader {
 public:
  TreeNodes(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* tree)
      : db_(db), tree_(tree) {}
  absl::StatusOr<merkle::Hash> ReadNode(merkle::NodeId id) const override;

 private:
  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* tree_;
};

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_TREE_NODES_H_
