// Projection benchmarks, in the same binary (and run) as the log's replay:
//
//   BM_ProjectionRebuild/1000000   a counting projection rebuilt from zero
//                                  into a fresh RocksDB row store, one core
//   BM_ProjectionMemory/1000000    the same into the in-memory store
//
// Compare their items_per_second with BM_ReplayScan/1000000 of the same
// run: the target is a rebuild at least half as fast as the raw replay.
#include "benchmark/benchmark.h"
#include "services/projections/counting_projection.h"
#include "services/projections/projector.h"
#include "tools/bench/bench_logs.h"

namespace tutornet::projections {
namespace {

void Rebuild(benchmark::State& state, bool durable) {
  const uint64_t total = state.range(0);
  const storage::EventLog* log = bench::ReplayLogOf(total);
  if (log == nullptr) return state.SkipWithError("fill failed");
  CountingProjection counting({"bench"});
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<testing::TempDir> dir = bench::NewDir();
    std::unique_ptr<RowStore> store;
    if (durable) {
      absl::StatusOr<std::unique_ptr<RowStore>> opened =
          OpenRocksRowStore(dir->Sub("rows"));
      if (!opened.ok()) return state.SkipWithError("cannot open the store");
      store = *std::move(opened);
    } else {
      store = NewMemoryRowStore();
    }
    state.ResumeTiming();
    absl::Status replayed =
        Projector::ReplayInto(counting, {{"bench", log}}, *store, {});
    if (!replayed.ok()) return state.SkipWithError("replay failed");
    state.PauseTiming();
    if (CountingProjection::Total(*store) != total) {
      return state.SkipWithError("wrong count");
    }
    store.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * total);
}

void BM_ProjectionRebuild(benchmark::State& state) { Rebuild(state, true); }
void BM_ProjectionMemory(benchmark::State& state) { Rebuild(state, false); }

BENCHMARK(BM_ProjectionRebuild)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK(BM_ProjectionMemory)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
}  // namespace tutornet::projections
