// Upkeep of a RocksDB's files that RocksDB itself leaves undone.
#ifndef TUTORNET_STORAGE_ROCKS_FILES_H_
#define TUTORNET_STORAGE_ROCKS_FILES_H_

#include "rocksdb/db.h"

namespace tutornet::storage {

// RocksDB 7.8 keeps the empty write-ahead log of every open until a
// memtable is flushed (fixed in 8.3, facebook/rocksdb#11409): a store
// opened and closed without a flush (a projection's, whose commits skip
// the log; an event log restarted with nothing to append) gained an empty
// file at each start, and every open reads them all. Removes the empty
// logs older than the one in use: they hold nothing to recover, and
// RocksDB does not track logs in its manifest
// (`track_and_verify_wals_in_manifest`, off). Call right after opening;
// a file it cannot remove stays, as before.
void RemoveEmptyOldLogs(rocksdb::DB& db);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_ROCKS_FILES_H_
