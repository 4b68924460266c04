// RowStore: where a projection keeps its rows (sorted key -> value bytes)
// and, in the same atomic commit, one checkpoint per source log: the last
// log position whose effect the rows include. Because both change in one
// commit, every event takes effect exactly once across crashes: after a
// restart the projection resumes after its checkpoints.
//
// Two implementations: RocksRowStore (durable, its own RocksDB under the
// data directory) and MemoryRowStore (rebuilt at every start; for small
// projections, as-of replays and tests).
//
// Thread-safe. A RowReader is a consistent view of one moment; it must not
// outlive its store. A MemoryRowStore's reader holds a read lock, so keep
// readers short.
#ifndef TUTORNET_SERVICES_PROJECTIONS_ROW_STORE_H_
#define TUTORNET_SERVICES_PROJECTIONS_ROW_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/message_lite.h"

namespace tutornet::projections {

using Checkpoints = std::map<std::string, uint64_t>;  // log name -> position

class RowReader {
 public:
  virtual ~RowReader() = default;
  virtual absl::StatusOr<std::optional<std::string>> Get(
      absl::string_view key) const = 0;
  // Calls `visit` for each row whose key starts with `prefix` and is not
  // before `start`, in key order, until `visit` returns false.
  virtual absl::Status Scan(
      absl::string_view prefix, absl::string_view start,
      absl::FunctionRef<bool(absl::string_view key, absl::string_view value)>
          visit) const = 0;
};

// Row changes by key: a value to put, or nullopt to delete. Unordered:
// applying a batch is the hot path of projections, and a commit does not
// need its changes in key order.
using RowChanges = absl::flat_hash_map<std::string, std::optional<std::string>>;

// Rows held parsed, changed in place while a batch is applied
// (Rows::Mutable) and serialised once, when the batch is committed. The
// messages live on the batch's arena.
using RowMessages =
    absl::flat_hash_map<std::string, google::protobuf::MessageLite*>;

// Row changes and the checkpoints they reach. A key is in `rows` or in
// `messages`, not both.
struct RowBatch {
  RowChanges rows;
  RowMessages messages;
  Checkpoints checkpoints;
  size_t bytes = 0;  // About what the changes hold in memory (kept by Rows).
  // Where `messages` live: a batch's millions of small allocations are let
  // go at once with it.
  std::unique_ptr<google::protobuf::Arena> arena;
  bool empty() const {
    return rows.empty() && messages.empty() && checkpoints.empty();
  }
};

// One change of a batch as a commit writes it: the row's bytes, or none to
// delete it.
struct RowWrite {
  absl::string_view key;
  std::optional<absl::string_view> value;
};
// The batch's changes in key order, its messages serialised into
// `serialised` (which the writes point into). Only reads the batch, so a
// commit may run while its rows are read elsewhere.
std::vector<RowWrite> SortedWrites(const RowBatch& batch,
                                   std::vector<std::string>& serialised);

class RowStore {
 public:
  virtual ~RowStore() = default;
  virtual std::unique_ptr<RowReader> Read() const = 0;
  // Applies every change and checkpoint of `batch`, or none of them.
  virtual absl::Status Commit(const RowBatch& batch) = 0;
  virtual Checkpoints checkpoints() const = 0;
  // Delete the store's files once it is destroyed (a copy replaced by a
  // rebuild). No-op for stores without files.
  virtual void RemoveWhenClosed() {}
  // While on, commits come page after page from far behind the logs (a
  // rebuild, a replay, a long catch-up): the store may put off its upkeep
  // until it is turned off. No-op for stores without upkeep.
  virtual void BulkLoad(bool /*on*/) {}
};

std::unique_ptr<RowStore> NewMemoryRowStore();

// Opens (creating if missing, mode 0700) a RocksDB row store in `dir`.
// FAILED_PRECONDITION if it is in use or not a row store. `memtable_bytes`
// (0: RocksDB's default, 64 MB) bounds the rows it holds in memory before
// writing them to a table file.
absl::StatusOr<std::unique_ptr<RowStore>> OpenRocksRowStore(
    const std::string& dir, size_t memtable_bytes = 0);

}  // namespace tutornet::projections

#endif  // TUTORNET_SERVICES_PROJECTIONS_ROW_STORE_H_
