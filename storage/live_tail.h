// LiveTail: the log's head position and its newest events, kept in memory so
// that live subscribers get new events without reading from disk.
//
// It holds at most `capacity` events; a subscriber whose next position has
// already left the tail reads from disk instead. Memory is therefore bounded
// however slow a subscriber is: nothing is queued per subscriber.
//
// Thread-safe. Positions published must follow the head without gaps.
#ifndef TUTORNET_STORAGE_LIVE_TAIL_H_
#define TUTORNET_STORAGE_LIVE_TAIL_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/event.h"

namespace tutornet::storage {

class LiveTail {
 public:
  explicit LiveTail(size_t capacity) : capacity_(capacity) {}

  // Sets the head of a freshly opened log; the tail starts empty.
  void Reset(uint64_t head);

  // Adds acknowledged events and advances the head to the last of them.
  // Requires: events[i].position == head() + 1 + i.
  void Publish(std::vector<RecordedEvent> events);

  // Waits until head() >= position, Close(), or `wait` has passed; returns
  // the head then.
  uint64_t AwaitHead(uint64_t position, absl::Duration wait) const;

  // Up to `max` events from position `from` to the head, if the tail still
  // holds `from`; nullopt if `from` is older than the oldest event held.
  // Requires: from <= head().
  std::optional<std::vector<RecordedEvent>> Copy(uint64_t from,
                                                 size_t max) const;

  // Wakes every waiter; AwaitHead returns at once from now on.
  void Close();
  bool closed() const;

  uint64_t head() const;
  size_t size() const;

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  // Invariant: events_ holds positions head_ - events_.size() + 1 .. head_.
  std::deque<RecordedEvent> events_ ABSL_GUARDED_BY(mu_);
  uint64_t head_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_LIVE_TAIL_H_
