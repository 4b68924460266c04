// LatencyRecorder: per-thread latency samples of one benchmark run, merged
// into percentiles at the end. Each thread writes only its own slot, so Add
// needs no lock; Reset and Report run on thread 0 outside the timed loop,
// when Google Benchmark has stopped the other threads.
#ifndef TUTORNET_TOOLS_BENCH_LATENCY_H_
#define TUTORNET_TOOLS_BENCH_LATENCY_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "benchmark/benchmark.h"

namespace tutornet::storage {

class LatencyRecorder {
 public:
  void Reset(int threads) {
    samples_.assign(threads, {});
    for (auto& s : samples_) s.reserve(1 << 16);
  }

  void Add(int thread, absl::Duration d) {
    samples_[thread].push_back(absl::ToInt64Nanoseconds(d));
  }

  // Sets p50_us, p99_us and p99.9_us counters on `state`.
  void Report(benchmark::State& state) {
    std::vector<int64_t> all;
    for (const auto& s : samples_) all.insert(all.end(), s.begin(), s.end());
    if (all.empty()) return;
    std::sort(all.begin(), all.end());
    auto at = [&all](double q) {
      return all[std::min(all.size() - 1,
                          static_cast<size_t>(q * all.size()))] /
             1e3;
    };
    state.counters["p50_us"] = at(0.50);
    state.counters["p99_us"] = at(0.99);
    state.counters["p99.9_us"] = at(0.999);
  }

 private:
  std::vector<std::vector<int64_t>> samples_;
};

}  // namespace tutornet::storage

#endif  // TUTORNET_TOOLS_BENCH_LATENCY_H_
