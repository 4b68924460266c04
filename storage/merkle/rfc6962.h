// The RFC 6962 hashes: leaf = SHA-256(0x00 || data),
// node = SHA-256(0x01 || left || right), empty tree = SHA-256("").
// Thread-safe (each thread hashes with its own context).
#ifndef TUTORNET_STORAGE_MERKLE_RFC6962_H_
#define TUTORNET_STORAGE_MERKLE_RFC6962_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "storage/merkle/sha256.h"

namespace tutornet::merkle {

Hash HashLeaf(absl::string_view data);
Hash HashChildren(const Hash& left, const Hash& right);
Hash EmptyRoot();

// The largest power of two strictly below n. Requires: n >= 2.
uint64_t SplitPoint(uint64_t n);

}  // namespace tutornet::merkle

#endif  // TUTORNET_STORAGE_MERKLE_RFC6962_H_
