// What the benchmarks share: realistic events, temporary directories, and
// one 1 M-event log filled once per run, so that replay, audit and
// projection rebuilds are measured on the same log in the same run.
#ifndef TUTORNET_TOOLS_BENCH_BENCH_LOGS_H_
#define TUTORNET_TOOLS_BENCH_BENCH_LOGS_H_

#include <cstdint>
#include <memory>

#include "storage/event_log.h"
#include "tests/support/temp_dir.h"

namespace tutornet::bench {

// An event shaped like a tutoring-hours record (300-byte payload).
storage::NewEvent Event(uint64_t seed);
// A temporary directory under TUTORNET_BENCH_DIR (default /tmp).
std::unique_ptr<testing::TempDir> NewDir();
// A log holding `total` events over 5,000 streams, filled once and
// reopened so that it is read from SST files as an old log would be.
// nullptr if filling failed.
storage::EventLog* ReplayLogOf(uint64_t total);
// Closes and removes the log ReplayLogOf made.
void CloseLogs();

}  // namespace tutornet::bench

#endif  // TUTORNET_TOOLS_BENCH_BENCH_LOGS_H_
