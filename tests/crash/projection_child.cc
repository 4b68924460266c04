// projection_child LOG_DIR ROWS_DIR SEED: appends events to the log from
// two threads and, at the same time, runs a counting projection over it
// into a durable row store, until it is killed (projection_crash_test).
#include <atomic>
#include <cstdio>
#include <random>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/projections/counting_projection.h"
#include "services/projections/projector.h"
#include "storage/event_log.h"

int main(int argc, char** argv) {
  uint64_t seed = 0;
  if (argc != 4 || !absl::SimpleAtoi(argv[3], &seed)) {
    std::fprintf(stderr, "usage: projection_child LOG_DIR ROWS_DIR SEED\n");
    return 2;
  }
  auto log = tutornet::storage::EventLog::Open(argv[1]);
  if (!log.ok()) {
    std::fprintf(stderr, "%s\n", log.status().ToString().c_str());
    return 1;
  }
  tutornet::projections::CountingProjection counting({"log"});
  // Small batches: more commits, so more moments to be killed between.
  // More than 21 events behind, a commit waits for about 300 bytes of
  // changes (a few pages) and the next pages read its rows from memory.
  tutornet::projections::ProjectorOptions options;
  options.batch_events = 7;
  options.catch_up_events = 7;  // Far behind too.
  options.far_behind = 21;
  options.commit_bytes = 300;
  auto projector = tutornet::projections::Projector::Start(
      counting, {{"log", log->get()}}, argv[2], options);
  if (!projector.ok()) {
    std::fprintf(stderr, "%s\n", projector.status().ToString().c_str());
    return 1;
  }
  std::vector<std::thread> writers;
  for (int t = 0; t < 2; ++t) {
    writers.emplace_back([&, t] {
      std::mt19937_64 random(seed * 2 + t);
      for (uint64_t i = 0;; ++i) {
        tutornet::storage::NewEvent e;
        e.type = "Counted";
        e.payload = absl::StrCat(i);
        std::vector<tutornet::storage::NewEvent> events(1 + random() % 3, e);
        if (!(*log)
                 ->Append(absl::StrCat("s-", random() % 5),
                          tutornet::storage::ExpectedVersion::Any(), events)
                 .ok()) {
          return;
        }
      }
    });
  }
  for (std::thread& w : writers) w.join();
  return 1;
}
