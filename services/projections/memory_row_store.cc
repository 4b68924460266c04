// MemoryRowStore: rows in a sorted map under one lock.
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "services/projections/row_store.h"

namespace tutornet::projections {
namespace {

using Rows = std::map<std::string, std::string, std::less<>>;

class MemoryReader final : public RowReader {
 public:
  MemoryReader(absl::Mutex& mu, const Rows& rows) : lock_(&mu), rows_(rows) {}

  absl::StatusOr<std::optional<std::string>> Get(
      absl::string_view key) const override {
    auto it = rows_.find(key);
    if (it == rows_.end()) return std::nullopt;
    return it->second;
  }

  absl::Status Scan(
      absl::string_view prefix, absl::string_view start,
      absl::FunctionRef<bool(absl::string_view, absl::string_view)> visit)
      const override {
    for (auto it = rows_.lower_bound(start < prefix ? prefix : start);
         it != rows_.end() && absl::StartsWith(it->first, prefix); ++it) {
      if (!visit(it->first, it->second)) break;
    }
    return absl::OkStatus();
  }

 private:
  absl::ReaderMutexLock lock_;
  const Rows& rows_;
};

class MemoryRowStore final : public RowStore {
 public:
  std::unique_ptr<RowReader> Read() const override {
    return std::make_unique<MemoryReader>(mu_, rows_);
  }

  absl::Status Commit(const RowBatch& batch) override {
    absl::MutexLock lock(&mu_);
    for (const auto& [key, value] : batch.rows) {
      if (value.has_value()) {
        rows_[key] = *value;
      } else {
        rows_.erase(key);
      }
    }
    for (const auto& [key, message] : batch.messages) {
      rows_[key] = message->SerializeAsString();
    }
    for (const auto& [log, position] : batch.checkpoints) {
      checkpoints_[log] = position;
    }
    return absl::OkStatus();
  }

  Checkpoints checkpoints() const override {
    absl::ReaderMutexLock lock(&mu_);
    return checkpoints_;
  }

 private:
  mutable absl::Mutex mu_;
  Rows rows_ ABSL_GUARDED_BY(mu_);
  Checkpoints checkpoints_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<RowStore> NewMemoryRowStore() {
  return std::make_unique<MemoryRowStore>();
}

}  // namespace tutornet::projections
