// FoldCache: the most recently used folds of streams, so that a command
// reads only the events written since its stream was last folded. Bounded
// by a number of streams (there is one stream per tutor or training, so
// many); the least recently used fold is dropped first. A fold is shared
// and immutable once cached.
//
// Thread-safe.
#ifndef TUTORNET_SERVICES_COMMANDS_FOLD_CACHE_H_
#define TUTORNET_SERVICES_COMMANDS_FOLD_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace tutornet::commands {

template <typename State>
struct Fold {
  uint64_t version = 0;  // The stream's version the state was folded to.
  std::shared_ptr<const State> state = std::make_shared<const State>();
};

template <typename State>
class FoldCache {
 public:
  // Requires: capacity >= 1.
  explicit FoldCache(size_t capacity) : capacity_(capacity) {}

  // The cached fold of `stream`, or an empty one (version 0).
  Fold<State> Get(const std::string& stream) {
    return Find(stream).value_or(Fold<State>());
  }
  // The cached fold of `stream`, or nullopt when it is not cached.
  std::optional<Fold<State>> Find(const std::string& stream) {
    absl::MutexLock lock(&mu_);
    auto it = index_.find(stream);
    if (it == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }

  void Put(const std::string& stream, Fold<State> fold) {
    absl::MutexLock lock(&mu_);
    if (auto it = index_.find(stream); it != index_.end()) {
      if (it->second->second.version > fold.version) return;  // Keep newer.
      it->second->second = std::move(fold);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(stream, std::move(fold));
    index_.emplace(stream, order_.begin());
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

  size_t size() const {
    absl::MutexLock lock(&mu_);
    return order_.size();
  }

 private:
  using Entry = std::pair<std::string, Fold<State>>;
  const size_t capacity_;
  mutable absl::Mutex mu_;
  std::list<Entry> order_ ABSL_GUARDED_BY(mu_);  // Most recent first.
  absl::flat_hash_map<std::string, typename std::list<Entry>::iterator> index_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace tutornet::commands

#endif  // TUTORNET_SERVICES_COMMANDS_FOLD_CACHE_H_
