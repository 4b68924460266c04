#include "services/server/read_waits.h"

#include <algorithm>

#include "absl/time/clock.h"

namespace tutornet::server {
namespace {

constexpr absl::Duration kCancelCheck = absl::Milliseconds(100);

}  // namespace

ReadWaits::ReadWaits(Executor& executor, size_t max_waiting)
    : executor_(executor),
      max_waiting_(max_waiting),
      thread_([this] { Loop(); }) {}

ReadWaits::~ReadWaits() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  thread_.join();
}

void ReadWaits::Finish(Waiter& w, absl::Status status) {
  auto done = std::move(w.done);
  if (!executor_.Submit([done, status] { done(status); }).ok()) {
    // The executor is full or stopping: the call is answered here, but its
    // work is not run on this thread (it would hold up every other wait).
    done(status.ok() ? absl::ResourceExhaustedError(
                           "the server is busy; retry with backoff")
                     : status);
  }
}

void ReadWaits::Wait(std::function<bool()> ready,
                     std::function<bool()> cancelled, absl::Time deadline,
                     std::function<void(absl::Status)> done) {
  Waiter w{std::move(ready), std::move(cancelled), deadline, std::move(done)};
  if (w.ready()) return Finish(w, absl::OkStatus());
  absl::MutexLock lock(&mu_);
  if (stop_) return Finish(w, absl::UnavailableError("the server is stopping"));
  if (waiters_.size() >= max_waiting_) {
    return Finish(w, absl::ResourceExhaustedError(
                         "too many reads are waiting for their position "
                         "tokens; retry with backoff"));
  }
  waiters_.push_back(std::move(w));
  poked_ = true;  // The loop recomputes its next deadline.
}

void ReadWaits::Poke() {
  absl::MutexLock lock(&mu_);
  poked_ = true;
}

size_t ReadWaits::waiting() const {
  absl::MutexLock lock(&mu_);
  return waiters_.size();
}

void ReadWaits::Loop() {
  absl::MutexLock lock(&mu_);
  while (true) {
    absl::Time wake = absl::Now() + kCancelCheck;
    for (const Waiter& w : waiters_) wake = std::min(wake, w.deadline);
    mu_.AwaitWithDeadline(
        absl::Condition(
            +[](ReadWaits* r) { return r->poked_ || r->stop_; }, this),
        wake);
    poked_ = false;
    const absl::Time now = absl::Now();
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      absl::Status outcome;
      bool finished = true;
      if (stop_) {
        outcome = absl::UnavailableError("the server is stopping");
      } else if (it->ready()) {
        outcome = absl::OkStatus();
      } else if (it->cancelled()) {
        outcome = absl::CancelledError("the call was cancelled");
      } else if (now >= it->deadline) {
        outcome = absl::DeadlineExceededError(
            "position_tokens: the views have not reached the position yet; "
            "retry");
      } else {
        finished = false;
      }
      if (finished) {
        Finish(*it, outcome);
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
    if (stop_) return;
  }
}

}  // namespace tutornet::server
