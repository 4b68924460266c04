#include "storage/rocks_memory.h"

#include <memory>

#include "rocksdb/cache.h"

namespace tutornet::storage {
namespace {

struct Shared {
  std::shared_ptr<rocksdb::Cache> cache =
      rocksdb::NewLRUCache(kSharedBlockCacheBytes);
};

const Shared& TheShared() {
  static const Shared* shared = new Shared();  // Never destroyed.
  return *shared;
}

}  // namespace

rocksdb::ColumnFamilyOptions SharedFamilyOptions(
    rocksdb::BlockBasedTableOptions table) {
  table.block_cache = TheShared().cache;
  rocksdb::ColumnFamilyOptions options;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  options.arena_block_size = size_t{1} << 20;
  return options;
}

}  // namespace tutornet::storage
