#include "storage/subscription.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "status/status_macros.h"
#include "storage/event_log.h"
#include "storage/live_tail.h"

namespace tutornet::storage {

absl::StatusOr<std::vector<RecordedEvent>> Subscription::Next(
    size_t max_events, absl::Duration wait) {
  if (max_events == 0)
    return absl::InvalidArgumentError("max_events: must be at least 1");
  const uint64_t head = tail_->AwaitHead(next_position_, wait);
  if (tail_->closed()) return absl::CancelledError("the event log is closing");
  if (head < next_position_) return std::vector<RecordedEvent>();

  if (std::optional<std::vector<RecordedEvent>> recent =
          tail_->Copy(next_position_, max_events)) {
    from_memory_ += recent->size();
    next_position_ += recent->size();
    return std::move(*recent);
  }
  const size_t want = std::min<uint64_t>(max_events, head - next_position_ + 1);
  ASSIGN_OR_RETURN(std::vector<RecordedEvent> events,
                   log_->ReadAll(next_position_, want));
  for (const RecordedEvent& e : events) {
    if (e.position != next_position_) {
      return absl::DataLossError(
          absl::StrCat("the log has a gap: expected position ", next_position_,
                       ", found ", e.position));
    }
    ++next_position_;
  }
  if (events.size() != want) {
    return absl::DataLossError(absl::StrCat("the log has a gap: position ",
                                            next_position_, " is missing"));
  }
  from_disk_ += events.size();
  return events;
}

}  // namespace tutornet::storage
