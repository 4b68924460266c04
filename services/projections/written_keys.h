// WrittenKeys: the keys a projector has written to a store that began
// empty, as a Bloom filter. A key it has not seen is certainly not in the
// store, so the projector need not ask the store: in a rebuild, almost
// every read of the store is such a miss (a new month's figures, a
// school's first minutes of a kind), and RocksDB answers a miss by asking
// every table's filter in turn.
//
// A key it has seen may or may not be there (a Bloom filter's false
// positives, about 1 % a part, and keys deleted since): then the store is
// asked. It grows with the keys, in parts twice as large as the one
// before, each about 12 bits a key.
//
// Not thread-safe.
#ifndef TUTORNET_SERVICES_PROJECTIONS_WRITTEN_KEYS_H_
#define TUTORNET_SERVICES_PROJECTIONS_WRITTEN_KEYS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace tutornet::projections {

class WrittenKeys {
 public:
  void Add(absl::string_view key);
  // False: `key` was never added.
  bool MayHold(absl::string_view key) const;
  size_t bytes() const;

 private:
  // A blocked Bloom filter: each key sets its bits in one 64-byte block,
  // so a check costs one cache line.
  struct Part {
    std::vector<uint64_t> words;  // 8 a block.
    size_t capacity = 0;          // Keys it takes at about 1 % false.
    size_t keys = 0;
    void Set(uint64_t hash);
    bool Has(uint64_t hash) const;
  };
  std::vector<Part> parts_;
};

}  // namespace tutornet::projections

#endif  // TUTORNET_SERVICES_PROJECTIONS_WRITTEN_KEYS_H_
