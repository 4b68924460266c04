// CompactRange: the right border of an append-only Merkle tree — the roots
// of the perfect subtrees that make up leaves [0, size), one per set bit of
// size, largest (leftmost) first. Enough to append leaves and to compute the
// current root without reading anything else.
//
// A perfect subtree is named by (level, index): it covers the 2^level
// leaves [index * 2^level, (index + 1) * 2^level).
//
// A value type; externally synchronised.
#ifndef TUTORNET_STORAGE_MERKLE_COMPACT_RANGE_H_
#define TUTORNET_STORAGE_MERKLE_COMPACT_RANGE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/merkle/rfc6962.h"

namespace tutornet::merkle {

struct NodeId {
  uint32_t level = 0;
  uint64_t index = 0;
  // The last leaf this subtree covers: it is complete once that leaf is in.
  uint64_t last_leaf() const { return ((index + 1) << level) - 1; }
  friend bool operator==(NodeId a, NodeId b) {
    return a.level == b.level && a.index == b.index;
  }
};

// How many nodes CompactRange::Append emits for leaves [0, n): every
// perfect subtree inside them, sum over L of floor(n / 2^L) = 2n - popcount(n).
inline uint64_t NodesBefore(uint64_t n) {
  return 2 * n - __builtin_popcountll(n);
}

class CompactRange {
 public:
  CompactRange() = default;

  // The perfect subtrees making up [0, size), left to right.
  static std::vector<NodeId> PeakIds(uint64_t size);

  // Rebuilds the range of a tree of `size` leaves from its peaks' hashes,
  // given in PeakIds(size) order. INVALID_ARGUMENT if the count is wrong.
  static absl::StatusOr<CompactRange> FromPeaks(uint64_t size,
                                                std::vector<Hash> peaks);

  uint64_t size() const { return size_; }
  const std::vector<Hash>& peaks() const { return peaks_; }

  // Adds a leaf. Calls emit(NodeId, const Hash&) for the leaf itself and for
  // every perfect subtree it completes, lowest level first: exactly the
  // nodes a store must keep.
  template <typename Emit>
  void Append(const Hash& leaf, Emit&& emit) {
    Hash node = leaf;
    NodeId id{0, size_};
    emit(id, node);
    while (id.index & 1) {  // A left sibling of the same level is waiting.
      node = HashChildren(peaks_.back(), node);
      peaks_.pop_back();
      id = NodeId{id.level + 1, id.index >> 1};
      emit(id, node);
    }
    peaks_.push_back(node);
    ++size_;
  }

  // The RFC 6962 root of leaves [0, size): EmptyRoot() when empty.
  Hash Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<Hash> peaks_;
};

}  // namespace tutornet::merkle

#endif  // TUTORNET_STORAGE_MERKLE_COMPACT_RANGE_H_
