// ReadWaits: reads that must wait until the views they use have reached
// the caller's position tokens, without a thread each. A waiting read is a
// few closures in a list; one thread re-checks the list whenever a view
// advances (Poke), at the earliest deadline, and every 100 ms for
// cancelled calls. Whatever its outcome, `done` runs on the executor.
//
// Bounded: at most `max_waiting` reads wait at once; more are refused with
// RESOURCE_EXHAUSTED.
//
// Thread-safe. The destructor finishes every waiting read with UNAVAILABLE.
#ifndef TUTORNET_SERVICES_SERVER_READ_WAITS_H_
#define TUTORNET_SERVICES_SERVER_READ_WAITS_H_

#include <cstddef>
#include <functional>
#include <list>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/server/executor.h"

namespace tutornet::server {

class ReadWaits {
 public:
  ReadWaits(Executor& executor, size_t max_waiting);
  ~ReadWaits();

  // Runs done(OK) once ready() holds, done(DEADLINE_EXCEEDED) at
  // `deadline`, done(CANCELLED) once cancelled() holds. `ready` and
  // `cancelled` must be cheap and thread-safe.
  void Wait(std::function<bool()> ready, std::function<bool()> cancelled,
            absl::Time deadline, std::function<void(absl::Status)> done);

  // A view advanced: re-check the waiting reads.
  void Poke();

  size_t waiting() const;

 private:
  struct Waiter {
    std::function<bool()> ready;
    std::function<bool()> cancelled;
    absl::Time deadline;
    std::function<void(absl::Status)> done;
  };
  void Loop();
  void Finish(Waiter& w, absl::Status status);

  Executor& executor_;
  const size_t max_waiting_;
  mutable absl::Mutex mu_;
  std::list<Waiter> waiters_ ABSL_GUARDED_BY(mu_);
  bool poked_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_READ_WAITS_H_
