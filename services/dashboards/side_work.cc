#include "services/dashboards/side_work.h"

#include <algorithm>
#include <deque>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace tutornet::dashboards {

class SideWork::Part {
 public:
  explicit Part(absl::AnyInvocable<absl::Status() &&> work)
      : work_(std::move(work)) {}

  // Runs the part unless another thread has taken it.
  void TryRun() {
    {
      absl::MutexLock lock(&mu_);
      if (state_ != State::kQueued) return;
      state_ = State::kRunning;
    }
    absl::Status status = std::move(work_)();
    work_ = nullptr;  // What it captured is the caller's; let go of it now.
    absl::MutexLock lock(&mu_);
    status_ = std::move(status);
    state_ = State::kDone;
  }

  absl::Status Wait() {
    TryRun();
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](State* s) { return *s == State::kDone; }, &state_));
    return status_;
  }

 private:
  enum class State { kQueued, kRunning, kDone };
  absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kQueued;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
  absl::AnyInvocable<absl::Status() &&> work_;  // Only its runner touches it.
};

namespace {

// Threads that take parts in the order they were queued, for the life of
// the process (never destroyed: they may be waiting when it exits).
class Threads {
 public:
  explicit Threads(int count) {
    for (int i = 0; i < count; ++i) std::thread([this] { Loop(); }).detach();
  }

  void Add(std::shared_ptr<SideWork::Part> part) {
    absl::MutexLock lock(&mu_);
    queue_.push_back(std::move(part));
  }

  static Threads& Shared() {
    static Threads* threads = new Threads(
        static_cast<int>(std::max(2u, std::thread::hardware_concurrency())));
    return *threads;
  }

 private:
  void Loop() {
    for (;;) {
      std::shared_ptr<SideWork::Part> part;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](std::deque<std::shared_ptr<SideWork::Part>>* q) {
              return !q->empty();
            },
            &queue_));
        part = std::move(queue_.front());
        queue_.pop_front();
      }
      part->TryRun();  // Nothing, if its caller has run it already.
    }
  }

  absl::Mutex mu_;
  std::deque<std::shared_ptr<SideWork::Part>> queue_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

SideWork::Handle SideWork::Start(absl::AnyInvocable<absl::Status() &&> work) {
  auto part = std::make_shared<Part>(std::move(work));
  Threads::Shared().Add(part);
  return Handle(std::move(part));
}

absl::Status SideWork::Handle::Wait() { return part_->Wait(); }

SideWork::Handle::~Handle() {
  if (part_ != nullptr) part_->Wait().IgnoreError();
}

}  // namespace tutornet::dashboards
