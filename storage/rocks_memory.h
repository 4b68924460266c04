// The memory every RocksDB database of the process shares: one block
// cache, instead of a cache for each column family. tutornetd holds 6 logs
// (6 column families each) and 9 projection stores: on their own, their
// caches and memtables' arenas (8 MB blocks) would grow to several hundred
// megabytes. (A shared memtable budget of 128 MB was tried and dropped:
// in a country-scale rebuild it flushed small memtables all the time, and
// compaction wrote 31 GB for 0.3 GB of rows.)
//
// Thread-safe; the shared objects live as long as the process.
#ifndef TUTORNET_STORAGE_ROCKS_MEMORY_H_
#define TUTORNET_STORAGE_ROCKS_MEMORY_H_

#include "rocksdb/options.h"
#include "rocksdb/table.h"

namespace tutornet::storage {

inline constexpr size_t kSharedBlockCacheBytes = size_t{64} << 20;

// Column family options whose tables read through the shared block cache
// (with `table`'s other settings) and whose memtables grow in 1 MB blocks.
rocksdb::ColumnFamilyOptions SharedFamilyOptions(
    rocksdb::BlockBasedTableOptions table = {});

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_ROCKS_MEMORY_H_
