// event_log_bench: how fast the event log appends durably, compared in the
// same run with a plain RocksDB loop writing the same bytes with sync=true;
// a realistic mixed workload; replay speed; what the Merkle tree costs on
// appends; proof generation and full-audit speed on a 1 M-record log.
//
//   tools/dev bench                           # everything
//   tools/dev bench --benchmark_filter=Append # one family
//   tools/dev bench --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true
//                                             # medians of 5 runs (the ratio
//                                             # table then compares medians)
//
// After Google Benchmark's own table it prints the log / plain-RocksDB ratio
// for every writer count and batch size, and latency percentiles.
// TUTORNET_BENCH_DIR picks where the temporary logs go (default /tmp).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"
#include "storage/event_log.h"
#include "storage/record_codec.h"
#include "storage/subscription.h"
#include "tests/support/temp_dir.h"
#include "tools/bench/bench_logs.h"
#include "tools/bench/latency.h"

namespace tutornet::storage {
namespace {

using bench::Event;
using bench::NewDir;
using bench::ReplayLogOf;

// State shared by the threads of one benchmark run; thread 0 sets it up
// before the timed loop (Google Benchmark starts all threads together).
struct Shared {
  std::unique_ptr<testing::TempDir> dir;
  std::unique_ptr<EventLog> log;
  std::unique_ptr<rocksdb::DB> plain;
  LatencyRecorder latency;
};
Shared shared;

void SetUpLog(const benchmark::State& state, bool merkle_tree = true) {
  shared.dir = NewDir();
  EventLogOptions options;
  options.merkle_tree = merkle_tree;
  shared.log = *EventLog::Open(shared.dir->path(), options);
  shared.latency.Reset(state.threads());
}

void TearDown(benchmark::State& state) {
  shared.latency.Report(state);
  shared.log.reset();
  shared.plain.reset();
  shared.dir.reset();
}

// Durable appends, one append of state.range(0) events per iteration.
void LogAppend(benchmark::State& state, bool merkle_tree) {
  if (state.thread_index() == 0) SetUpLog(state, merkle_tree);
  const size_t batch = state.range(0);
  std::vector<NewEvent> events;
  for (size_t i = 0; i < batch; ++i)
    events.push_back(Event(state.thread_index() * 31 + i));
  const std::string stream = absl::StrCat("tutor-", state.thread_index());
  uint64_t n = 0;
  for (auto _ : state) {
    const absl::Time start = absl::Now();
    absl::StatusOr<AppendResult> r = shared.log->Append(
        stream, ExpectedVersion::Any(), events,
        absl::StrCat("req-", state.thread_index(), "-", n++));
    shared.latency.Add(state.thread_index(), absl::Now() - start);
    if (!r.ok()) state.SkipWithError(r.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * batch);
  state.counters["appends_per_s"] =
      benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
  if (state.thread_index() == 0) TearDown(state);
}

void BM_LogAppend(benchmark::State& state) { LogAppend(state, true); }
// The same without the Merkle tree: what tamper evidence costs.
void BM_LogAppendNoTree(benchmark::State& state) { LogAppend(state, false); }

// The baseline: the same serialized records written straight to RocksDB,
// one synced WriteBatch per iteration.
void BM_PlainRocksDB(benchmark::State& state) {
  if (state.thread_index() == 0) {
    shared.dir = NewDir();
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    if (!rocksdb::DB::Open(options, shared.dir->path(), &db).ok()) std::abort();
    shared.plain.reset(db);
    shared.latency.Reset(state.threads());
  }
  const size_t batch = state.range(0);
  std::vector<std::string> values;
  for (size_t i = 0; i < batch; ++i) {
    RecordedEvent r;
    r.stream = "tutor-1";
    r.stream_version = 1;
    r.type = "tutornet.v1.TutoringHoursLogged";
    r.payload = Event(state.thread_index() * 31 + i).payload;
    r.metadata.actor = "person-1234";
    values.push_back(EncodeRecord(r));
  }
  rocksdb::WriteOptions sync;
  sync.sync = true;
  uint64_t n = 0;
  for (auto _ : state) {
    const absl::Time start = absl::Now();
    rocksdb::WriteBatch wb;
    for (const std::string& v : values) {
      wb.Put(absl::StrCat(state.thread_index(), "/", n++), v);
    }
    rocksdb::Status s = shared.plain->Write(sync, &wb);
    shared.latency.Add(state.thread_index(), absl::Now() - start);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * batch);
  state.counters["appends_per_s"] =
      benchmark::Counter(state.iterations(), benchmark::Counter::kIsRate);
  if (state.thread_index() == 0) TearDown(state);
}

// Zipf-like stream popularity: stream k is chosen with weight 1 / k^s.
class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t k = 0; k < n; ++k) cdf_[k] = sum += 1.0 / std::pow(k + 1, s);
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(std::mt19937_64& rng) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin();
  }

 private:
  std::vector<double> cdf_;
};

// Many streams with a few hot ones; a fifth of the appends use the exact
// version the writer last saw (and conflict when another writer got there
// first); a subscriber catches up from position 1 while the writers write.
void BM_Realistic(benchmark::State& state) {
  static std::atomic<bool> stop;
  static std::atomic<uint64_t> delivered;
  static std::unique_ptr<std::thread> subscriber;
  static const Zipf zipf(10'000, 1.1);
  if (state.thread_index() == 0) {
    SetUpLog(state);
    // Some history for the subscriber to catch up on.
    std::vector<NewEvent> history(100, Event(7));
    for (int i = 0; i < 200; ++i) {
      (void)shared.log->Append(absl::StrCat("old-", i), ExpectedVersion::Any(),
                               history);
    }
    stop = false;
    delivered = 0;
    subscriber = std::make_unique<std::thread>([] {
      std::unique_ptr<Subscription> sub = shared.log->Subscribe(1);
      while (!stop) {
        absl::StatusOr<std::vector<RecordedEvent>> got =
            sub->Next(512, absl::Milliseconds(5));
        if (got.ok()) delivered += got->size();
      }
    });
  }
  std::mt19937_64 rng(state.thread_index() + 1);
  std::map<size_t, uint64_t> seen_versions;
  const std::vector<NewEvent> events = {Event(state.thread_index())};
  int64_t conflicts = 0;
  for (auto _ : state) {
    const size_t k = zipf(rng);
    const std::string stream = absl::StrCat("tutor-", k);
    const bool exact = rng() % 5 == 0;
    const ExpectedVersion expected =
        exact ? ExpectedVersion::Exact(seen_versions[k])
              : ExpectedVersion::Any();
    const absl::Time start = absl::Now();
    absl::StatusOr<AppendResult> r =
        shared.log->Append(stream, expected, events);
    shared.latency.Add(state.thread_index(), absl::Now() - start);
    if (r.ok()) {
      seen_versions[k] = r->stream_version;
    } else if (std::optional<uint64_t> current =
                   ConflictingVersion(r.status())) {
      seen_versions[k] = *current;
      ++conflicts;
    } else {
      state.SkipWithError(r.status().ToString().c_str());
    }
  }
  // Each thread's share of appends that met a conflict, averaged.
  state.counters["conflict_share"] = benchmark::Counter(
      static_cast<double>(conflicts) / std::max<int64_t>(state.iterations(), 1),
      benchmark::Counter::kAvgThreads);
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    stop = true;
    subscriber->join();
    state.counters["subscriber_events"] = benchmark::Counter(delivered);
    state.counters["subscriber_lag"] = benchmark::Counter(
        shared.log->Head() - std::min<uint64_t>(delivered, shared.log->Head()));
    TearDown(state);
  }
}

// Replay: the whole log read from position 1, on one thread (the log is
// made by ReplayLogOf, bench_logs.h).
void BM_ReplayScan(benchmark::State& state) {
  const uint64_t total = state.range(0);
  EventLog* log = ReplayLogOf(total);
  if (log == nullptr) return state.SkipWithError("fill failed");
  for (auto _ : state) {
    uint64_t bytes = 0;
    absl::StatusOr<size_t> n =
        log->ScanAll(1, total, [&bytes](const RecordedEvent& e) {
          bytes += e.payload.size();
          return absl::OkStatus();
        });
    benchmark::DoNotOptimize(bytes);
    if (!n.ok() || *n != total) state.SkipWithError("short read");
  }
  state.SetItemsProcessed(state.iterations() * total);
}

void BM_ReplayReadAll(benchmark::State& state) {
  const uint64_t total = state.range(0);
  EventLog* log = ReplayLogOf(total);
  if (log == nullptr) return state.SkipWithError("fill failed");
  for (auto _ : state) {
    uint64_t read = 0;
    for (uint64_t next = 1; next <= total;) {
      absl::StatusOr<std::vector<RecordedEvent>> events =
          log->ReadAll(next, 10'000);
      if (!events.ok() || events->empty()) break;
      next = events->back().position + 1;
      read += events->size();
    }
    if (read != total) state.SkipWithError("short read");
  }
  state.SetItemsProcessed(state.iterations() * total);
}

// Proofs on the 1 M-record log, for random positions (or old sizes) in the
// whole tree: `prove(log, random 1..size, size)` makes one.
template <typename Prove>
void ProofBench(benchmark::State& state, Prove prove) {
  EventLog* log = ReplayLogOf(state.range(0));
  if (log == nullptr) return state.SkipWithError("fill failed");
  std::mt19937_64 rng(state.range(0));
  const uint64_t size = log->Head();
  for (auto _ : state) {
    absl::StatusOr<std::vector<merkle::Hash>> proof =
        prove(*log, 1 + rng() % size, size);
    if (!proof.ok()) state.SkipWithError(proof.status().ToString().c_str());
    benchmark::DoNotOptimize(proof);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_InclusionProof(benchmark::State& state) {
  ProofBench(state, [](const EventLog& log, uint64_t position, uint64_t size) {
    return log.InclusionProof(position, size);
  });
}

void BM_ConsistencyProof(benchmark::State& state) {
  ProofBench(state, [](const EventLog& log, uint64_t old_size, uint64_t size) {
    return log.ConsistencyProof(old_size, size);
  });
}

// The full audit: every leaf and node recomputed and compared.
void BM_Audit(benchmark::State& state) {
  const uint64_t total = state.range(0);
  EventLog* log = ReplayLogOf(total);
  if (log == nullptr) return state.SkipWithError("fill failed");
  for (auto _ : state) {
    absl::StatusOr<AuditReport> report = log->Audit([](uint64_t, uint64_t) {});
    if (!report.ok() || !report->ok || report->records != total) {
      state.SkipWithError("audit failed");
    }
  }
  state.SetItemsProcessed(state.iterations() * total);
}

BENCHMARK(BM_LogAppend)
    ->Arg(1)
    ->Arg(10)
    ->Threads(1)
    ->Threads(8)
    ->Threads(64)
    ->UseRealTime();
BENCHMARK(BM_LogAppendNoTree)
    ->Arg(1)
    ->Arg(10)
    ->Threads(1)
    ->Threads(8)
    ->Threads(64)
    ->UseRealTime();
BENCHMARK(BM_PlainRocksDB)
    ->Arg(1)
    ->Arg(10)
    ->Threads(1)
    ->Threads(8)
    ->Threads(64)
    ->UseRealTime();
BENCHMARK(BM_Realistic)->Threads(16)->UseRealTime();
BENCHMARK(BM_ReplayScan)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);
BENCHMARK(BM_ReplayReadAll)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);
BENCHMARK(BM_InclusionProof)->Arg(1'000'000);
BENCHMARK(BM_ConsistencyProof)->Arg(1'000'000);
BENCHMARK(BM_Audit)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

// Remembers every run's rate so that main() can print the ratios.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end())
        rates_[run.benchmark_name()] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }

  void PrintRatios() const {
    PrintRatio("BM_LogAppend/", "BM_PlainRocksDB/",
               "Event log vs plain RocksDB (sync=true), events/s, same run:");
    PrintRatio(
        "BM_LogAppend/", "BM_LogAppendNoTree/",
        "Event log with vs without the Merkle tree, events/s, same run:");
  }

  // Prints a / b for every case both benchmark families ran.
  void PrintRatio(const std::string& a, const std::string& b,
                  const char* title) const {
    // With --benchmark_repetitions, compare the medians only.
    const bool medians = std::any_of(
        rates_.begin(), rates_.end(),
        [](const auto& r) { return absl::EndsWith(r.first, "_median"); });
    std::printf("\n%s\n%-28s %14s %14s %8s\n", title, "case", "a", "b", "a/b");
    for (const auto& [name, rate_a] : rates_) {
      if (name.rfind(a, 0) != 0) continue;
      if (medians && !absl::EndsWith(name, "_median")) continue;
      const std::string which = name.substr(a.size());
      auto it = rates_.find(b + which);
      if (it == rates_.end()) continue;
      std::printf("%-28s %14.0f %14.0f %8.2f\n", which.c_str(), rate_a,
                  it->second, rate_a / it->second);
    }
  }

 private:
  std::map<std::string, double> rates_;
};

}  // namespace
}  // namespace tutornet::storage

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  tutornet::storage::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  tutornet::bench::CloseLogs();  // Before static destructors run.
  benchmark::Shutdown();
  return 0;
}
