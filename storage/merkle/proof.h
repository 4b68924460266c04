// Building RFC 6962 proofs from stored perfect-subtree hashes.
//
// A NodeReader returns the hash of a perfect subtree (see compact_range.h);
// a store keeps every one of them, so a root for any past size, an inclusion
// proof or a consistency proof takes O(log n) node reads and no rehashing of
// leaves. Paths are leaf-to-root, as RFC 6962 section 2.1 defines them.
//
// Errors: INVALID_ARGUMENT for indexes or sizes out of range; whatever the
// reader returns (e.g. NOT_FOUND or DATA_LOSS for a missing node).
#ifndef TUTORNET_STORAGE_MERKLE_PROOF_H_
#define TUTORNET_STORAGE_MERKLE_PROOF_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/merkle/compact_range.h"

namespace tutornet::merkle {

class NodeReader {
 public:
  virtual ~NodeReader() = default;
  virtual absl::StatusOr<Hash> ReadNode(NodeId id) const = 0;
};

// The root of a tree of `size` leaves.
absl::StatusOr<Hash> RootAt(const NodeReader& nodes, uint64_t size);

// The audit path of leaf `index` in the tree of `size` leaves.
absl::StatusOr<std::vector<Hash>> InclusionProof(const NodeReader& nodes,
                                                 uint64_t index, uint64_t size);

// The proof that the tree of `old_size` leaves is a prefix of the tree of
// `new_size` leaves. Empty when old_size is 0 or equals new_size.
absl::StatusOr<std::vector<Hash>> ConsistencyProof(const NodeReader& nodes,
                                                   uint64_t old_size,
                                                   uint64_t new_size);

}  // namespace tutornet::merkle

#endif  // TUTORNET_STORAGE_MERKLE_PROOF_H_
