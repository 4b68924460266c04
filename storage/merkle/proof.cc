#include "storage/merkle/proof.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "status/status_macros.h"

namespace tutornet::merkle {
namespace {

bool IsPowerOfTwo(uint64_t n) { return n != 0 && (n & (n - 1)) == 0; }

int Log2(uint64_t power_of_two) { return __builtin_ctzll(power_of_two); }

// MTH(D[begin:end]) for a range of the RFC 6962 recursion: its left parts
// are aligned perfect subtrees (one read each); only a right border needs
// folding, so this costs O(log n) reads.
absl::StatusOr<Hash> RangeRoot(const NodeReader& nodes, uint64_t begin,
                               uint64_t end) {
  const uint64_t n = end - begin;
  if (IsPowerOfTwo(n) && begin % n == 0) {
    return nodes.ReadNode(
        NodeId{static_cast<uint32_t>(Log2(n)), begin >> Log2(n)});
  }
  const uint64_t k = SplitPoint(n);
  ASSIGN_OR_RETURN(Hash left, RangeRoot(nodes, begin, begin + k));
  ASSIGN_OR_RETURN(Hash right, RangeRoot(nodes, begin + k, end));
  return HashChildren(left, right);
}

// RFC 6962 PATH(m, D[begin:end]), appended to `out` leaf-to-root.
absl::Status Path(const NodeReader& nodes, uint64_t m, uint64_t begin,
                  uint64_t end, std::vector<Hash>& out) {
  if (end - begin == 1) return absl::OkStatus();
  const uint64_t split = begin + SplitPoint(end - begin);
  if (m < split) {
    RETURN_IF_ERROR(Path(nodes, m, begin, split, out));
    ASSIGN_OR_RETURN(Hash sibling, RangeRoot(nodes, split, end));
    out.push_back(sibling);
  } else {
    RETURN_IF_ERROR(Path(nodes, m, split, end, out));
    ASSIGN_OR_RETURN(Hash sibling, RangeRoot(nodes, begin, split));
    out.push_back(sibling);
  }
  return absl::OkStatus();
}

// RFC 6962 SUBPROOF(m, D[begin:end], b) with m counted from `begin`.
absl::Status SubProof(const NodeReader& nodes, uint64_t m, uint64_t begin,
                      uint64_t end, bool whole_old_tree,
                      std::vector<Hash>& out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!whole_old_tree) {
      ASSIGN_OR_RETURN(Hash root, RangeRoot(nodes, begin, end));
      out.push_back(root);
    }
    return absl::OkStatus();
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    RETURN_IF_ERROR(SubProof(nodes, m, begin, begin + k, whole_old_tree, out));
    ASSIGN_OR_RETURN(Hash right, RangeRoot(nodes, begin + k, end));
    out.push_back(right);
  } else {
    RETURN_IF_ERROR(SubProof(nodes, m - k, begin + k, end, false, out));
    ASSIGN_OR_RETURN(Hash left, RangeRoot(nodes, begin, begin + k));
    out.push_back(left);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Hash> RootAt(const NodeReader& nodes, uint64_t size) {
  if (size == 0) return EmptyRoot();
  return RangeRoot(nodes, 0, size);
}

absl::StatusOr<std::vector<Hash>> InclusionProof(const NodeReader& nodes,
                                                 uint64_t index,
                                                 uint64_t size) {
  if (index >= size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "leaf index ", index, " is not in a tree of ", size, " leaves"));
  }
  std::vector<Hash> proof;
  RETURN_IF_ERROR(Path(nodes, index, 0, size, proof));
  return proof;
}

absl::StatusOr<std::vector<Hash>> ConsistencyProof(const NodeReader& nodes,
                                                   uint64_t old_size,
                                                   uint64_t new_size) {
  if (old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "old size ", old_size, " is larger than new size ", new_size));
  }
  std::vector<Hash> proof;
  if (old_size == 0 || old_size == new_size) return proof;
  RETURN_IF_ERROR(SubProof(nodes, old_size, 0, new_size, true, proof));
  return proof;
}

}  // namespace tutornet::merkle
