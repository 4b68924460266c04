// RocksDB status and slice conversions, for storage/ and the other
// RocksDB store, the projections' row store.
#ifndef TUTORNET_STORAGE_ROCKS_STATUS_H_
#define TUTORNET_STORAGE_ROCKS_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace tutornet::storage {

// Maps a RocksDB status onto our codes: corruption is DATA_LOSS, I/O is
// UNAVAILABLE, anything else INTERNAL. `what` says what was being done.
absl::Status FromRocks(const rocksdb::Status& status, absl::string_view what);

inline rocksdb::Slice ToSlice(absl::string_view s) {
  return {s.data(), s.size()};
}
inline absl::string_view ToView(const rocksdb::Slice& s) {
  return {s.data(), s.size()};
}

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_ROCKS_STATUS_H_
