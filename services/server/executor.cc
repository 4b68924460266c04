#include "services/server/executor.h"

namespace tutornet::server {

Executor::Executor(size_t threads, size_t max_queued)
    : max_queued_(max_queued) {
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i)
    threads_.emplace_back([this] { Work(); });
}

Executor::~Executor() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  for (std::thread& t : threads_) t.join();
}

absl::Status Executor::Submit(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  if (stop_) return absl::UnavailableError("the server is stopping");
  if (queue_.size() >= max_queued_) {
    return absl::ResourceExhaustedError(
        "the server is busy; retry with backoff");
  }
  queue_.push_back(std::move(task));
  return absl::OkStatus();
}

void Executor::Work() {
  while (true) {
    std::function<void()> task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](Executor* e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(e->mu_) {
            return e->stop_ || !e->queue_.empty();
          },
          this));
      if (queue_.empty()) return;  // Stopping, and nothing left to run.
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace tutornet::server
