#include "storage/merkle/rfc6962.h"

#include <cassert>

namespace tutornet::merkle {
namespace {

Sha256& ThreadHasher() {
  thread_local Sha256 sha;
  return sha;
}

}  // namespace

Hash HashLeaf(absl::string_view data) {
  Sha256& sha = ThreadHasher();
  const uint8_t prefix = 0x00;
  sha.Update(&prefix, 1);
  sha.Update(data);
  return sha.Finish();
}

Hash HashChildren(const Hash& left, const Hash& right) {
  Sha256& sha = ThreadHasher();
  const uint8_t prefix = 0x01;
  sha.Update(&prefix, 1);
  sha.Update(left);
  sha.Update(right);
  return sha.Finish();
}

Hash EmptyRoot() { return ThreadHasher().Finish(); }

uint64_t SplitPoint(uint64_t n) {
  assert(n >= 2);
  uint64_t k = 1;
  while (k << 1 < n) k <<= 1;
  return k;
}

}  // namespace tutornet::merkle
