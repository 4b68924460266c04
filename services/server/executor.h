// Executor: a fixed pool of threads that runs the blocking half of calls
// (folds, appends that wait for their fsync, queries) off gRPC's own
// threads. Its size bounds the server's threads whatever the clients do;
// its queue is bounded too, and a call that finds it full is refused with
// RESOURCE_EXHAUSTED instead of waiting unboundedly.
//
// Thread-safe. The destructor runs what is queued, then joins.
#ifndef TUTORNET_SERVICES_SERVER_EXECUTOR_H_
#define TUTORNET_SERVICES_SERVER_EXECUTOR_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace tutornet::server {

class Executor {
 public:
  Executor(size_t threads, size_t max_queued);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Queues `task`; RESOURCE_EXHAUSTED (and `task` is not run) when full.
  absl::Status Submit(std::function<void()> task);

 private:
  void Work();

  const size_t max_queued_;
  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_EXECUTOR_H_
