#include "storage/live_tail.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace tutornet::storage {

void LiveTail::Reset(uint64_t head) {
  absl::MutexLock lock(&mu_);
  events_.clear();
  head_ = head;
}

void LiveTail::Publish(std::vector<RecordedEvent> events) {
  if (events.empty()) return;
  absl::MutexLock lock(&mu_);
  assert(events.front().position == head_ + 1);
  head_ = events.back().position;
  if (capacity_ == 0) {
    events_.clear();
    return;
  }
  // Only the newest `capacity_` of a large batch can stay.
  const size_t skip = events.size() > capacity_ ? events.size() - capacity_ : 0;
  for (size_t i = skip; i < events.size(); ++i)
    events_.push_back(std::move(events[i]));
  while (events_.size() > capacity_) events_.pop_front();
}

uint64_t LiveTail::AwaitHead(uint64_t position, absl::Duration wait) const {
  struct Args {
    const LiveTail* tail;
    uint64_t position;
  } args{this, position};
  auto reached = [](Args* a) ABSL_NO_THREAD_SAFETY_ANALYSIS {
    return a->tail->closed_ || a->tail->head_ >= a->position;
  };
  mu_.LockWhenWithTimeout(absl::Condition(+reached, &args), wait);
  const uint64_t head = head_;
  mu_.Unlock();
  return head;
}

std::optional<std::vector<RecordedEvent>> LiveTail::Copy(uint64_t from,
                                                         size_t max) const {
  absl::MutexLock lock(&mu_);
  const uint64_t oldest = head_ - events_.size() + 1;
  if (events_.empty() || from < oldest || from > head_) return std::nullopt;
  const size_t begin = from - oldest;
  const size_t end = std::min(events_.size(), begin + max);
  return std::vector<RecordedEvent>(events_.begin() + begin,
                                    events_.begin() + end);
}

void LiveTail::Close() {
  absl::MutexLock lock(&mu_);
  closed_ = true;
}

bool LiveTail::closed() const {
  absl::MutexLock lock(&mu_);
  return closed_;
}

uint64_t LiveTail::head() const {
  absl::MutexLock lock(&mu_);
  return head_;
}

size_t LiveTail::size() const {
  absl::MutexLock lock(&mu_);
  return events_.size();
}

}  // namespace tutornet::storage
