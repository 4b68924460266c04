#include "storage/merkle/verify.h"

#include "absl/strings/str_cat.h"

namespace tutornet::merkle {
namespace {

absl::Status Mismatch(absl::string_view what) {
  return absl::DataLossError(absl::StrCat(what, " does not match"));
}

absl::Status BadLength(size_t got) {
  return absl::InvalidArgumentError(absl::StrCat(
      "proof: ", got, " hashes is the wrong length for these sizes"));
}

// Right-shifts fn and sn until fn's lowest bit is set or fn is 0.
void ShiftUntilOdd(uint64_t& fn, uint64_t& sn) {
  while ((fn & 1) == 0 && fn != 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

absl::StatusOr<Hash> RootFromInclusionProof(uint64_t index, uint64_t size,
                                            const Hash& leaf_hash,
                                            absl::Span<const Hash> proof) {
  if (index >= size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "leaf index ", index, " is not in a tree of ", size, " leaves"));
  }
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return BadLength(proof.size());
    if ((fn & 1) == 1 || fn == sn) {
      r = HashChildren(p, r);
      ShiftUntilOdd(fn, sn);
    } else {
      r = HashChildren(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return BadLength(proof.size());
  return r;
}

absl::Status VerifyInclusion(uint64_t index, uint64_t size,
                             const Hash& leaf_hash,
                             absl::Span<const Hash> proof, const Hash& root) {
  absl::StatusOr<Hash> computed =
      RootFromInclusionProof(index, size, leaf_hash, proof);
  if (!computed.ok()) return computed.status();
  if (*computed != root) return Mismatch("the inclusion proof's root");
  return absl::OkStatus();
}

absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size,
                               const Hash& old_root, const Hash& new_root,
                               absl::Span<const Hash> proof) {
  if (old_size > new_size) {
    return absl::InvalidArgumentError(absl::StrCat(
        "old size ", old_size, " is larger than new size ", new_size));
  }
  if (old_size == new_size) {
    if (!proof.empty()) return BadLength(proof.size());
    return old_root == new_root ? absl::OkStatus()
                                : Mismatch("the roots of equal sizes");
  }
  if (old_size == 0) {
    if (!proof.empty()) return BadLength(proof.size());
    return absl::OkStatus();  // Every tree extends the empty one.
  }
  if (proof.empty()) return BadLength(0);

  // When the old tree is a perfect subtree its root starts the path.
  std::vector<Hash> path;
  if ((old_size & (old_size - 1)) == 0) path.push_back(old_root);
  path.insert(path.end(), proof.begin(), proof.end());

  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return BadLength(proof.size());
    if ((fn & 1) == 1 || fn == sn) {
      fr = HashChildren(path[i], fr);
      sr = HashChildren(path[i], sr);
      ShiftUntilOdd(fn, sn);
    } else {
      sr = HashChildren(sr, path[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return BadLength(proof.size());
  if (fr != old_root) return Mismatch("the consistency proof's old root");
  if (sr != new_root) return Mismatch("the consistency proof's new root");
  return absl::OkStatus();
}

}  // namespace tutornet::merkle
