#include "services/projections/written_keys.h"

#include <algorithm>

#include "absl/hash/hash.h"

namespace tutornet::projections {
namespace {

constexpr size_t kFirstCapacity = size_t{1} << 16;
constexpr size_t kBitsPerKey = 12;
constexpr size_t kWordsPerBlock = 8;  // 512 bits: one cache line.
// Bits a key sets in its block, 9 bits of the mixed hash each: with 12
// bits a key, about 1 % of keys never added pass.
constexpr int kProbes = 7;

uint64_t HashOf(absl::string_view key) {
  return absl::Hash<absl::string_view>{}(key);
}

// The block of a part with `blocks` blocks that `hash` falls in.
size_t BlockOf(uint64_t hash, size_t blocks) {
  return static_cast<size_t>(((hash >> 32) * blocks) >> 32);
}

// Bit positions within a block, from bits the block's choice did not use.
uint64_t ProbeBits(uint64_t hash) { return hash * 0x9E3779B97F4A7C15ULL; }

}  // namespace

void WrittenKeys::Part::Set(uint64_t hash) {
  uint64_t* block =
      &words[BlockOf(hash, words.size() / kWordsPerBlock) * kWordsPerBlock];
  uint64_t bits = ProbeBits(hash);
  for (int i = 0; i < kProbes; ++i, bits >>= 9) {
    const unsigned bit = bits & 511;
    block[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  ++keys;
}

bool WrittenKeys::Part::Has(uint64_t hash) const {
  const uint64_t* block =
      &words[BlockOf(hash, words.size() / kWordsPerBlock) * kWordsPerBlock];
  uint64_t bits = ProbeBits(hash);
  for (int i = 0; i < kProbes; ++i, bits >>= 9) {
    const unsigned bit = bits & 511;
    if ((block[bit >> 6] & (uint64_t{1} << (bit & 63))) == 0) return false;
  }
  return true;
}

void WrittenKeys::Add(absl::string_view key) {
  if (parts_.empty() || parts_.back().keys >= parts_.back().capacity) {
    Part part;
    part.capacity =
        parts_.empty() ? kFirstCapacity : 2 * parts_.back().capacity;
    const size_t blocks =
        (part.capacity * kBitsPerKey + 511) / 512;  // At least one.
    part.words.assign(blocks * kWordsPerBlock, 0);
    parts_.push_back(std::move(part));
  }
  parts_.back().Set(HashOf(key));
}

bool WrittenKeys::MayHold(absl::string_view key) const {
  const uint64_t hash = HashOf(key);
  // The newest part holds about half the keys: asked first.
  return std::any_of(parts_.rbegin(), parts_.rend(),
                     [hash](const Part& part) { return part.Has(hash); });
}

size_t WrittenKeys::bytes() const {
  size_t total = 0;
  for (const Part& part : parts_) total += part.words.size() * sizeof(uint64_t);
  return total;
}

}  // namespace tutornet::projections
