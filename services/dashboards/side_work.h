// SideWork: a call's independent parts, run on standing threads while the
// call goes on with its own part. A dashboard reads training's and badges'
// figures this way while it reads hours and development itself.
//
// The threads are started once per process and kept: a thread started per
// call costs its creation and, at its exit, the return of its malloc cache,
// which the next large allocation pays for in consolidation. A part no
// thread has started by the time the caller needs it is run by the caller:
// a call never waits behind other calls' parts, and with no thread free it
// costs what running its parts one after the other costs.
#ifndef TUTORNET_SERVICES_DASHBOARDS_SIDE_WORK_H_
#define TUTORNET_SERVICES_DASHBOARDS_SIDE_WORK_H_

#include <memory>

#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"

namespace tutornet::dashboards {

class SideWork {
 public:
  class Part;

  // A part under way. Its destructor waits for it, whichever way the
  // caller leaves, so a part never outlives what it reads.
  class Handle {
   public:
    explicit Handle(std::shared_ptr<Part> part) : part_(std::move(part)) {}
    Handle(Handle&&) = default;
    Handle& operator=(Handle&&) = delete;
    ~Handle();
    // The part's status, once it has run: here, if no thread has taken it.
    absl::Status Wait();

   private:
    std::shared_ptr<Part> part_;
  };

  // `part` queued for the process's standing threads.
  static Handle Start(absl::AnyInvocable<absl::Status() &&> part);
};

}  // namespace tutornet::dashboards

#endif  // TUTORNET_SERVICES_DASHBOARDS_SIDE_WORK_H_
