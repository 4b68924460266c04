// Verification of RFC 6962 / RFC 9162 proofs. Pure: needs only hashes, no
// store. This is what an auditor runs, with the log's public key.
//
// Errors: INVALID_ARGUMENT for a malformed proof (wrong length, index out of
// range); DATA_LOSS when the proof does not lead to the expected root, i.e.
// the data or the log's history is not what was signed.
#ifndef TUTORNET_STORAGE_MERKLE_VERIFY_H_
#define TUTORNET_STORAGE_MERKLE_VERIFY_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "storage/merkle/rfc6962.h"

namespace tutornet::merkle {

// The root that `proof` leads to from `leaf_hash` at `index` in a tree of
// `size` leaves (RFC 9162 section 2.1.3.2).
absl::StatusOr<Hash> RootFromInclusionProof(uint64_t index, uint64_t size,
                                            const Hash& leaf_hash,
                                            absl::Span<const Hash> proof);

absl::Status VerifyInclusion(uint64_t index, uint64_t size,
                             const Hash& leaf_hash,
                             absl::Span<const Hash> proof, const Hash& root);

// RFC 9162 section 2.1.4.2: the tree of `old_size` leaves with `old_root` is
// a prefix of the tree of `new_size` leaves with `new_root`.
absl::Status VerifyConsistency(uint64_t old_size, uint64_t new_size,
                               const Hash& old_root, const Hash& new_root,
                               absl::Span<const Hash> proof);

}  // namespace tutornet::merkle

#endif  // TUTORNET_STORAGE_MERKLE_VERIFY_H_
