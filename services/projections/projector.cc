#include "services/projections/projector.h"

#include <malloc.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "status/status_macros.h"
#include "storage/private_files.h"

namespace tutornet::projections {
namespace {

constexpr char kCurrentFile[] = "CURRENT";

std::string GenerationName(int generation) {
  return absl::StrCat("g", generation);
}

// Points CURRENT at `generation` so that a crash leaves the old or the new
// pointer, never neither.
// CURRENT names the copy in use and the projection version that made it:
// "g<generation> v<version>" (a copy from before versions: version 1).
absl::Status WriteCurrent(const std::string& dir, int generation, int version) {
  absl::Status written = storage::WritePrivateFile(
      absl::StrCat(dir, "/", kCurrentFile),
      absl::StrCat(GenerationName(generation), " v", version, "\n"));
  if (!written.ok()) return absl::UnavailableError(written.message());
  return absl::OkStatus();
}

struct Current {
  int generation = 0;  // 0: none yet.
  int version = 1;
};

absl::StatusOr<Current> ReadCurrent(const std::string& dir) {
  std::ifstream in(absl::StrCat(dir, "/", kCurrentFile));
  if (!in) return Current{};
  std::string name, version_text;
  in >> name >> version_text;
  absl::string_view digits = name;
  absl::string_view version_digits = version_text;
  Current current;
  if (!absl::ConsumePrefix(&digits, "g") ||
      !absl::SimpleAtoi(digits, &current.generation) ||
      current.generation < 1 ||
      (!version_text.empty() &&
       (!absl::ConsumePrefix(&version_digits, "v") ||
        !absl::SimpleAtoi(version_digits, &current.version)))) {
    return absl::DataLossError(
        absl::StrCat(dir, "/", kCurrentFile, " does not name a copy"));
  }
  return current;
}

}  // namespace

Projector::Projector(const Projection& projection, Logs logs, std::string dir,
                     ProjectorOptions options)
    : projection_(projection),
      logs_(std::move(logs)),
      dir_(std::move(dir)),
      options_(options),
      pending_(options.commit_bytes) {}

absl::StatusOr<std::unique_ptr<Projector>> Projector::Start(
    const Projection& projection, Logs logs, std::string dir,
    ProjectorOptions options) {
  for (const std::string& source : projection.sources()) {
    if (logs.count(source) == 0 || logs.at(source) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "projection ", projection.name(), ": no log \"", source, "\""));
    }
  }
  auto projector = std::unique_ptr<Projector>(
      new Projector(projection, std::move(logs), std::move(dir), options));
  RETURN_IF_ERROR(projector->Open());
  if (projector->outdated_) {
    // Rows an older Apply wrote: made again, before anyone reads them.
    std::fprintf(stderr,
                 "projection %s: its rows were made by an earlier version; "
                 "rebuilding them from the logs\n",
                 projection.name().c_str());
    RETURN_IF_ERROR(projector->Rebuild([](uint64_t, uint64_t) {}));
  }
  projector->follower_ = std::thread([p = projector.get()] { p->Follow(); });
  return projector;
}

absl::StatusOr<std::unique_ptr<RowStore>> Projector::OpenGeneration(
    int generation) {
  if (dir_.empty()) return NewMemoryRowStore();
  return OpenRocksRowStore(absl::StrCat(dir_, "/", GenerationName(generation)));
}

absl::Status Projector::Open() {
  int generation = 1;
  if (!dir_.empty()) {
    RETURN_IF_ERROR(storage::MakePrivateDirectory(dir_));
    std::error_code error;
    ASSIGN_OR_RETURN(const Current current, ReadCurrent(dir_));
    if (current.generation > 0) generation = current.generation;
    outdated_ =
        current.generation > 0 && current.version != projection_.version();
    // Copies other than the current one are what an interrupted rebuild
    // left: never swapped in, so never read.
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_directory() && name != GenerationName(generation) &&
          name.size() > 1 && name[0] == 'g') {
        std::filesystem::remove_all(entry.path(), error);
      }
    }
    ASSIGN_OR_RETURN(std::unique_ptr<RowStore> store,
                     OpenGeneration(generation));
    if (current.generation == 0) {
      RETURN_IF_ERROR(WriteCurrent(dir_, generation, projection_.version()));
    }
    absl::MutexLock lock(&mu_);
    store_ = std::move(store);
  } else {
    absl::MutexLock lock(&mu_);
    store_ = NewMemoryRowStore();
  }
  absl::MutexLock apply(&apply_mu_);
  generation_ = generation;
  {
    absl::MutexLock lock(&mu_);
    applied_ = store_->checkpoints();
    resumed_from_ = applied_;
  }
  ResetSubscriptions();
  return absl::OkStatus();
}

void Projector::ResetSubscriptions() {
  subscriptions_.clear();
  pending_.Clear();
  far_behind_ = false;  // A new store starts in its normal mode.
  for (const std::string& source : projection_.sources()) {
    // Subscribe needs a mutable log; subscribing changes nothing in it.
    auto* log = const_cast<storage::EventLog*>(logs_.at(source));
    subscriptions_[source] = log->Subscribe(Applied(source) + 1);
  }
  // Every commit carries its checkpoints: a store with none has no rows.
  absl::MutexLock lock(&mu_);
  if (applied_.empty()) pending_.TrackWrites();
}

Projector::~Projector() { Stop(); }

void Projector::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (follower_.joinable()) follower_.join();
  absl::MutexLock apply(&apply_mu_);
  subscriptions_.clear();
  pending_.Clear();  // A commit under way ends before its store closes.
}

std::shared_ptr<const RowStore> Projector::store() const {
  absl::MutexLock lock(&mu_);
  return store_;
}

uint64_t Projector::Applied(const std::string& log) const {
  absl::MutexLock lock(&mu_);
  auto it = applied_.find(log);
  return it == applied_.end() ? 0 : it->second;
}

bool Projector::AwaitApplied(const std::string& log, uint64_t position,
                             absl::Time deadline) const {
  // Position 0 (nothing written yet) is applied from the start, before the
  // projector has applied anything of `log`.
  auto applied = [this, &log, position]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    auto it = applied_.find(log);
    return position == 0 || (it != applied_.end() && it->second >= position) ||
           stop_;
  };
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithDeadline(absl::Condition(&applied), deadline);
  auto it = applied_.find(log);
  return position == 0 || (it != applied_.end() && it->second >= position);
}

std::vector<SourceLag> Projector::Lag() const {
  std::vector<SourceLag> lag;
  for (const std::string& source : projection_.sources()) {
    lag.push_back({source, Applied(source), logs_.at(source)->Head()});
  }
  return lag;
}

absl::Status Projector::health() const {
  absl::MutexLock lock(&mu_);
  return health_;
}

void Projector::OnAdvance(std::function<void()> listener) {
  absl::MutexLock lock(&mu_);
  listeners_.push_back(std::move(listener));
}

void Projector::Notify() {
  std::vector<std::function<void()>> listeners;
  {
    absl::MutexLock lock(&mu_);
    listeners = listeners_;
  }
  for (const auto& listener : listeners) listener();
}

namespace {

// Gives back to the system the memory a catch-up's large batches held:
// glibc keeps what is freed in its arenas, and a server that rebuilt a
// view at start stayed hundreds of MB larger for good.
void ReleaseFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

}  // namespace

PendingRows::~PendingRows() { Finish().IgnoreError(); }

absl::StatusOr<Checkpoints> PendingRows::Finish() {
  if (!committer_.joinable()) return Checkpoints();
  committer_.join();
  ended_.store(false, std::memory_order_relaxed);
  RETURN_IF_ERROR(committed_);
  return recent_.checkpoints;
}

absl::StatusOr<Checkpoints> PendingRows::Commit(RowStore& store,
                                                bool keep_recent) {
  ASSIGN_OR_RETURN(Checkpoints reached, Finish());
  RETURN_IF_ERROR(store.Commit(batch_));
  for (const auto& [log, position] : batch_.checkpoints) {
    reached[log] = position;
  }
  recent_ = keep_recent ? std::move(batch_) : RowBatch();
  batch_ = RowBatch();
  return reached;
}

absl::StatusOr<Checkpoints> PendingRows::CommitInBackground(RowStore& store) {
  ASSIGN_OR_RETURN(Checkpoints reached, Finish());
  // The last commit's rows, millions of small allocations, are let go on
  // the committing thread: the applying one goes on at once.
  RowBatch committed = std::move(recent_);
  recent_ = std::move(batch_);
  batch_ = RowBatch();
  committer_ =
      std::thread([this, &store, gone = std::move(committed)]() mutable {
        { RowBatch let_go = std::move(gone); }
        committed_ = store.Commit(recent_);
        ended_.store(true, std::memory_order_release);
      });
  return reached;
}

void PendingRows::Clear() {
  Finish().IgnoreError();
  batch_ = RowBatch();
  recent_ = RowBatch();
  written_.reset();
}

absl::StatusOr<bool> Projector::FollowOnce(absl::Duration wait) {
  std::shared_ptr<RowStore> store;
  {
    absl::MutexLock lock(&mu_);
    store = store_;
  }
  bool behind = false;  // Far behind a source: commits can wait.
  bool any = false;
  for (auto& [log, subscription] : subscriptions_) {
    ASSIGN_OR_RETURN(
        std::vector<storage::RecordedEvent> events,
        subscription->Next(
            far_behind_ ? options_.catch_up_events : options_.batch_events,
            pending_.empty() ? wait : absl::ZeroDuration()));
    if (events.empty()) continue;
    any = true;
    const uint64_t head = logs_.at(log)->Head();
    behind = behind || (head > events.back().position &&
                        head - events.back().position > options_.far_behind);
    {
      // The reader must be gone before a commit (a memory store's reader
      // holds its lock).
      std::unique_ptr<RowReader> reader = store->Read();
      Rows rows = pending_.Over(*reader);
      for (const storage::RecordedEvent& e : events) {
        RETURN_IF_ERROR(projection_.Apply(log, e, rows));
      }
    }
    pending_.Reached(log, events.back().position);
  }
  if (behind != far_behind_) store->BulkLoad(behind);
  far_behind_ = behind;
  caught_up_from_far_ = caught_up_from_far_ || behind;
  // A commit that ended in the background counts at once: reads wait for
  // it.
  bool advanced = false;
  if (pending_.ended()) {
    ASSIGN_OR_RETURN(const Checkpoints ended, pending_.Finish());
    advanced = Advance(ended);
  }
  if (!any && pending_.empty()) {
    // Idle: the last commit's rows are let go once it has ended.
    ASSIGN_OR_RETURN(const Checkpoints reached, pending_.Finish());
    pending_.Clear();
    if (caught_up_from_far_) {
      caught_up_from_far_ = false;
      ReleaseFreedMemory();
    }
    return Advance(reached) || advanced;
  }
  if (behind && !pending_.full() &&
      absl::Now() - pending_.since() < options_.commit_delay) {
    return advanced;
  }
  // Far behind, the rows are written while the next events are applied.
  if (behind) {
    ASSIGN_OR_RETURN(const Checkpoints reached,
                     pending_.CommitInBackground(*store));
    return Advance(reached) || advanced;
  }
  ASSIGN_OR_RETURN(const Checkpoints reached,
                   pending_.Commit(*store, /*keep_recent=*/false));
  // Near the head nothing is pending now: Clear only stops tracking
  // writes, whose filter would otherwise grow for as long as events come.
  pending_.Clear();
  return Advance(reached) || advanced;
}

bool Projector::Advance(const Checkpoints& reached) {
  absl::MutexLock lock(&mu_);
  for (const auto& [log, position] : reached) applied_[log] = position;
  return !reached.empty();
}

void Projector::Follow() {
  const absl::Duration wait = projection_.sources().size() == 1
                                  ? absl::Milliseconds(50)
                                  : absl::Milliseconds(10);
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stop_) return;
    }
    absl::StatusOr<bool> advanced;
    {
      absl::MutexLock apply(&apply_mu_);
      advanced = FollowOnce(wait);
    }
    if (!advanced.ok()) {
      absl::MutexLock lock(&mu_);
      if (!stop_) {
        health_ = absl::Status(advanced.status().code(),
                               absl::StrCat("projection ", projection_.name(),
                                            ": ", advanced.status().message()));
      }
      return;
    }
    if (*advanced) Notify();
  }
}

absl::Status Projector::CatchUp(const Projection& projection, RowStore& store,
                                const std::string& log,
                                const storage::EventLog& source, uint64_t until,
                                const ProjectorOptions& options,
                                absl::FunctionRef<void(uint64_t)> applied) {
  uint64_t next = 1;
  const Checkpoints checkpoints = store.checkpoints();
  if (auto it = checkpoints.find(log); it != checkpoints.end()) {
    next = it->second + 1;
  }
  // Back to normal after the last commit has ended (`pending` goes
  // first, waiting for it).
  store.BulkLoad(true);
  absl::Cleanup normal = [&store] { store.BulkLoad(false); };
  PendingRows pending(options.commit_bytes);
  // Every commit carries its checkpoints: a store with none has no rows.
  if (checkpoints.empty()) pending.TrackWrites();
  while (next <= until) {
    const size_t limit = static_cast<size_t>(
        std::min<uint64_t>(options.catch_up_events, until - next + 1));
    size_t visited = 0;
    {
      std::unique_ptr<RowReader> reader = store.Read();
      Rows rows = pending.Over(*reader);
      ASSIGN_OR_RETURN(
          visited,
          source.ScanAll(next, limit, [&](const storage::RecordedEvent& e) {
            return projection.Apply(log, e, rows);
          }));
    }
    if (visited == 0) {
      return absl::DataLossError(
          absl::StrCat("log ", log, " ends at ", next - 1, ", before ", until));
    }
    next += visited;
    pending.Reached(log, next - 1);
    if (next > until) {
      RETURN_IF_ERROR(pending.Commit(store, /*keep_recent=*/false).status());
      applied(next - 1);
    } else if (pending.full()) {
      RETURN_IF_ERROR(pending.CommitInBackground(store).status());
      applied(next - 1);
    }
  }
  return absl::OkStatus();
}

absl::Status Projector::Rebuild(
    absl::FunctionRef<void(uint64_t, uint64_t)> progress) {
  int generation = 0;
  {
    absl::MutexLock apply(&apply_mu_);
    generation = generation_ + 1;
  }
  ASSIGN_OR_RETURN(std::unique_ptr<RowStore> fresh, OpenGeneration(generation));
  std::map<std::string, uint64_t> heads;
  uint64_t total = 0;
  for (const std::string& source : projection_.sources()) {
    heads[source] = logs_.at(source)->Head();
    total += heads[source];
  }
  uint64_t done_before = 0;
  progress(0, total);
  for (const std::string& source : projection_.sources()) {
    RETURN_IF_ERROR(CatchUp(
        projection_, *fresh, source, *logs_.at(source), heads[source], options_,
        [&](uint64_t at) { progress(done_before + at, total); }));
    done_before += heads[source];
  }
  {
    // The last stretch with the follower paused, then the swap.
    absl::MutexLock apply(&apply_mu_);
    for (const std::string& source : projection_.sources()) {
      RETURN_IF_ERROR(CatchUp(projection_, *fresh, source, *logs_.at(source),
                              logs_.at(source)->Head(), options_,
                              [](uint64_t) {}));
    }
    if (!dir_.empty()) {
      RETURN_IF_ERROR(WriteCurrent(dir_, generation, projection_.version()));
    }
    pending_.Clear();  // A commit under way ends before its store closes.
    {
      absl::MutexLock lock(&mu_);
      store_->RemoveWhenClosed();
      store_ = std::move(fresh);
      applied_ = store_->checkpoints();
      health_ = absl::OkStatus();
    }
    generation_ = generation;
    ResetSubscriptions();
  }
  ReleaseFreedMemory();
  progress(total, total);
  Notify();
  return absl::OkStatus();
}

absl::Status Projector::ReplayInto(const Projection& projection,
                                   const Logs& logs, RowStore& store,
                                   const Checkpoints& until,
                                   const ProjectorOptions& options) {
  for (const std::string& source : projection.sources()) {
    auto log = logs.find(source);
    if (log == logs.end() || log->second == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("no log \"", source, "\""));
    }
    auto limit = until.find(source);
    const uint64_t last =
        limit == until.end() ? log->second->Head() : limit->second;
    if (last > log->second->Head()) {
      return absl::OutOfRangeError(absl::StrCat(
          "position ", last, " is beyond the head of log ", source));
    }
    RETURN_IF_ERROR(CatchUp(projection, store, source, *log->second, last,
                            options, [](uint64_t) {}));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<RowStore>> Projector::AsOf(
    const Projection& projection, const Logs& logs,
    const Checkpoints& positions, const std::string& dir) {
  std::unique_ptr<RowStore> scratch;
  ProjectorOptions options;
  if (dir.empty()) {
    scratch = NewMemoryRowStore();
  } else {
    // A replay kept for later reads holds little in memory: it commits
    // and writes table files in 8 MB steps.
    options.commit_bytes = size_t{8} << 20;
    absl::StatusOr<std::unique_ptr<RowStore>> opened =
        OpenRocksRowStore(dir, options.commit_bytes);
    if (!opened.ok()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
      return opened.status();
    }
    scratch = *std::move(opened);
    scratch->RemoveWhenClosed();
  }
  Checkpoints until;
  for (const std::string& source : projection.sources()) {
    auto it = positions.find(source);
    until[source] = it == positions.end() ? 0 : it->second;
  }
  RETURN_IF_ERROR(ReplayInto(projection, logs, *scratch, until, options));
  return scratch;
}

absl::StatusOr<uint64_t> Projector::PositionAt(const storage::EventLog& log,
                                               absl::Time time) {
  uint64_t low = 0, high = log.Head();  // Answer in [low, high].
  while (low < high) {
    const uint64_t mid = low + (high - low + 1) / 2;
    ASSIGN_OR_RETURN(std::vector<storage::RecordedEvent> at,
                     log.ReadAll(mid, 1));
    if (at.empty()) return absl::DataLossError("the log has a gap");
    if (at.front().recorded_at <= time) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}

}  // namespace tutornet::projections
