// Subscription: catch-up then live delivery of a log's events.
//
// Pull-based: the subscriber asks for the next events when it is ready, so a
// slow subscriber never makes the log queue anything for it. Events it has
// not read yet come from the log's in-memory live tail while they are recent
// and from disk once they are not.
//
// Not thread-safe: one thread uses a subscription at a time. Requires: the
// EventLog that made it outlives it.
#ifndef TUTORNET_STORAGE_SUBSCRIPTION_H_
#define TUTORNET_STORAGE_SUBSCRIPTION_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/event.h"

namespace tutornet::storage {

class EventLog;
class LiveTail;

class Subscription {
 public:
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // Returns the next up to `max_events` events in log order, each exactly
  // once over the subscription's life. Waits up to `wait` when there is none
  // yet and then returns an empty vector.
  // Errors: INVALID_ARGUMENT if max_events is 0; CANCELLED once the log is
  // closing; DATA_LOSS if the stored log has a gap.
  absl::StatusOr<std::vector<RecordedEvent>> Next(size_t max_events,
                                                  absl::Duration wait);

  // The position the next delivered event will have.
  uint64_t next_position() const { return next_position_; }
  // How many delivered events came from memory and how many from disk.
  uint64_t events_from_memory() const { return from_memory_; }
  uint64_t events_from_disk() const { return from_disk_; }

 private:
  friend class EventLog;
  Subscription(const EventLog* log, const LiveTail* tail,
               uint64_t from_position)
      : log_(log), tail_(tail), next_position_(from_position) {}

  const EventLog* log_;
  const LiveTail* tail_;
  uint64_t next_position_;
  uint64_t from_memory_ = 0;
  uint64_t from_disk_ = 0;
};

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_SUBSCRIPTION_H_
