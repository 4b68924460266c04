// Projector: runs one Projection. It follows each source log with a
// subscription from the projection's checkpoint on, applies events in
// batches and commits each batch's rows with the checkpoints they reach,
// so a restart resumes where the last commit ended: nothing applied twice,
// nothing missed.
//
//   <dir>/CURRENT     names the live copy ("g3"), replaced atomically
//   <dir>/g3/         its RocksDB row store
//
// With an empty `dir` the rows live in memory and are rebuilt at start.
//
// Rebuild() replays every source from position 1 into a fresh copy while
// queries go on reading the old one, then swaps it in atomically when it
// has caught up. AsOf() replays into a scratch copy up to given positions.
//
// Thread-safe. Requires: the logs outlive the projector; Stop() (or the
// destructor) before they close.
#ifndef TUTORNET_SERVICES_PROJECTIONS_PROJECTOR_H_
#define TUTORNET_SERVICES_PROJECTIONS_PROJECTOR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/projections/projection.h"
#include "services/projections/row_store.h"
#include "services/projections/written_keys.h"
#include "storage/event_log.h"
#include "storage/subscription.h"

namespace tutornet::projections {

using Logs = std::map<std::string, const storage::EventLog*>;

struct SourceLag {
  std::string log;
  uint64_t applied = 0;  // The last position whose effect the rows include.
  uint64_t head = 0;     // The log's head.
};

struct ProjectorOptions {
  size_t batch_events = 1024;  // Events read from a log at a time...
  // ... and far behind (below), or in a replay: a log's reads ahead (2 MB)
  // are then used whole rather than read again for each page.
  size_t catch_up_events = 16384;
  // A projector following its logs more than `far_behind` events behind
  // (a cold start, a restart after a long stop) applies page after page
  // and commits when its changes reach about `commit_bytes`, or
  // `commit_delay` after the first of them (shorter than a read waits for
  // its position, services/server/rpc.h): one commit then writes each row
  // once however many events changed it, and the rows of the last commit
  // are read from memory. Nearer the head, it commits every page as it
  // comes. Rebuild, ReplayInto and AsOf commit by `commit_bytes` only.
  size_t far_behind = 65536;
  size_t commit_bytes = size_t{64} << 20;
  absl::Duration commit_delay = absl::Seconds(3);
};

// Events applied and not yet committed, and the rows of the last commit
// kept to be read from memory (the store holds them too: its projector is
// its only writer). A far-behind projector commits in the background: it
// goes on applying events over the rows being committed (read from memory
// until the commit ends) while another thread writes them, one commit at
// a time and in order. Not thread-safe (the commit's thread only reads
// the rows it commits).
class PendingRows {
 public:
  explicit PendingRows(size_t commit_bytes) : commit_bytes_(commit_bytes) {}
  ~PendingRows();  // Waits for a commit under way.
  PendingRows(const PendingRows&) = delete;
  PendingRows& operator=(const PendingRows&) = delete;

  // The rows to apply events to: the pending changes over the recent
  // ones over `store`.
  Rows Over(const RowReader& store) {
    if (batch_.empty()) since_ = absl::Now();
    return Rows(store, batch_, &recent_, written_.get());
  }
  // The store has no rows and these are its only writer: from now on,
  // keys never written are not looked up in it (WrittenKeys), until
  // Clear().
  void TrackWrites() { written_ = std::make_unique<WrittenKeys>(); }
  // Records that the changes include `log` up to `position`.
  void Reached(const std::string& log, uint64_t position) {
    batch_.checkpoints[log] = position;
  }
  bool empty() const { return batch_.empty(); }
  bool full() const { return batch_.bytes >= commit_bytes_; }
  absl::Time since() const { return since_; }

  // Commits the pending changes with their checkpoints, after a commit
  // under way, and returns the checkpoints both reached. `keep_recent`:
  // keep the committed rows to read (more events follow at once), or let
  // them go.
  absl::StatusOr<Checkpoints> Commit(RowStore& store, bool keep_recent);
  // Starts committing the pending changes on a thread of their own, once
  // the commit under way has ended, and returns that one's checkpoints
  // (none if there was none). `store` must outlive Finish().
  absl::StatusOr<Checkpoints> CommitInBackground(RowStore& store);
  // Waits for the commit under way: its checkpoints, or none.
  absl::StatusOr<Checkpoints> Finish();
  bool committing() const { return committer_.joinable(); }
  // Whether a commit under way has ended (Finish() will not wait).
  bool ended() const {
    return committer_.joinable() && ended_.load(std::memory_order_acquire);
  }
  // Drops what is pending and recent (the store was replaced, or the
  // projector is idle and lets the last commit's rows go), after waiting
  // for a commit under way. Stops tracking writes: near the head the
  // store's misses are few, and the filter's memory is not kept for them.
  void Clear();

 private:
  const size_t commit_bytes_;
  RowBatch batch_;
  RowBatch recent_;  // Committed, or being committed by `committer_`.
  std::unique_ptr<WrittenKeys> written_;  // Null: not tracked.
  std::thread committer_;
  absl::Status committed_;          // Set by `committer_` before it ends.
  std::atomic<bool> ended_{false};  // `committer_` has set `committed_`.
  absl::Time since_;
};

class Projector {
 public:
  // `logs` must hold every source of the projection. FAILED_PRECONDITION
  // when the store cannot be opened.
  static absl::StatusOr<std::unique_ptr<Projector>> Start(
      const Projection& projection, Logs logs, std::string dir,
      ProjectorOptions options = {});
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  void Stop();

  const Projection& projection() const { return projection_; }
  // The live copy of the rows. Hold the pointer for one query: a rebuild
  // may replace it meanwhile; the old copy lives until it is let go.
  std::shared_ptr<const RowStore> store() const;

  // The checkpoints the projector found when it started: where it resumed.
  const Checkpoints& resumed_from() const { return resumed_from_; }
  // The last position of `log` applied; 0 if none or not a source.
  uint64_t Applied(const std::string& log) const;
  std::vector<SourceLag> Lag() const;
  // Blocks until `position` of `log` is applied or `deadline` passes;
  // returns whether it was applied. For callers on their own thread; a
  // read that must not hold a thread waits through OnAdvance instead.
  bool AwaitApplied(const std::string& log, uint64_t position,
                    absl::Time deadline) const;
  // OK while following; the error that stopped it otherwise.
  absl::Status health() const;

  // Called after every commit (from the projector's thread; keep it short).
  void OnAdvance(std::function<void()> listener);

  // Replays every source from its first event into a fresh copy and swaps
  // it in. `progress(done, total)` is called now and then. Runs on the
  // calling thread; queries keep reading the old copy until the swap.
  absl::Status Rebuild(absl::FunctionRef<void(uint64_t, uint64_t)> progress);

  // Applies each source log to `store` from after its checkpoint up to
  // `until[log]` (a source missing from `until`: up to its head),
  // committing as `options` say, each commit with its checkpoint.
  // OUT_OF_RANGE for a position beyond a log's head.
  static absl::Status ReplayInto(const Projection& projection, const Logs& logs,
                                 RowStore& store, const Checkpoints& until,
                                 const ProjectorOptions& options = {});

  // The rows as they were once `positions[log]` of each source had been
  // applied (0 = none of that log), replayed into a store in `dir` (made;
  // removed when the store is let go, or on failure) or, when `dir` is
  // empty, into memory.
  static absl::StatusOr<std::unique_ptr<RowStore>> AsOf(
      const Projection& projection, const Logs& logs,
      const Checkpoints& positions, const std::string& dir = "");

  // The last position of `log` recorded at or before `time` (0 if none):
  // recorded_at never decreases along a log, so a binary search.
  static absl::StatusOr<uint64_t> PositionAt(const storage::EventLog& log,
                                             absl::Time time);

 private:
  Projector(const Projection& projection, Logs logs, std::string dir,
            ProjectorOptions options);
  absl::Status Open();
  absl::StatusOr<std::unique_ptr<RowStore>> OpenGeneration(int generation);
  void Follow();
  // One round of following: a page of each source applied, and committed
  // when due (ProjectorOptions). Returns whether anything was committed.
  absl::StatusOr<bool> FollowOnce(absl::Duration wait)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(apply_mu_);
  // Marks the checkpoints a commit reached as applied; whether there were
  // any.
  bool Advance(const Checkpoints& reached);
  // Replays `log` into `store` from after its checkpoint up to `until`.
  static absl::Status CatchUp(const Projection& projection, RowStore& store,
                              const std::string& log,
                              const storage::EventLog& source, uint64_t until,
                              const ProjectorOptions& options,
                              absl::FunctionRef<void(uint64_t)> applied);
  void ResetSubscriptions() ABSL_EXCLUSIVE_LOCKS_REQUIRED(apply_mu_);
  void Notify();

  const Projection& projection_;
  const Logs logs_;
  const std::string dir_;  // Empty: in memory.
  const ProjectorOptions options_;
  Checkpoints resumed_from_;  // Set before the follower starts.

  // Held while a batch is applied and while a rebuild swaps copies.
  absl::Mutex apply_mu_;
  std::map<std::string, std::unique_ptr<storage::Subscription>> subscriptions_
      ABSL_GUARDED_BY(apply_mu_);
  int generation_ ABSL_GUARDED_BY(apply_mu_) = 0;
  bool far_behind_ ABSL_GUARDED_BY(apply_mu_) = false;  // At the last round.
  // Far behind since it was last idle: its memory is given back when idle.
  bool caught_up_from_far_ ABSL_GUARDED_BY(apply_mu_) = false;

  mutable absl::Mutex mu_;
  std::shared_ptr<RowStore> store_ ABSL_GUARDED_BY(mu_);
  // After store_: a commit under way ends before the store it writes to is
  // destroyed.
  PendingRows pending_ ABSL_GUARDED_BY(apply_mu_);
  bool outdated_ = false;  // Open found a copy of another version.
  Checkpoints applied_ ABSL_GUARDED_BY(mu_);
  absl::Status health_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::function<void()>> listeners_ ABSL_GUARDED_BY(mu_);

  std::thread follower_;
};

}  // namespace tutornet::projections

#endif  // TUTORNET_SERVICES_PROJECTIONS_PROJECTOR_H_
