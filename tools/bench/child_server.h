// A tutornetd of a benchmark's own, as a child process on 127.0.0.1 (the
// load generators: hours_load, country_bench): started on a data
// directory, stopped with SIGTERM on every way out, and its CPU time and
// memory read from /proc.
#ifndef TUTORNET_TOOLS_BENCH_CHILD_SERVER_H_
#define TUTORNET_TOOLS_BENCH_CHILD_SERVER_H_

#include <grpcpp/grpcpp.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace tutornet::bench {

struct ChildServer {
  pid_t pid = 0;
  std::string address;  // host:port of its gRPC service.
  std::string token;    // The admin token of the data directory.
};

// Starts `tutornetd` on `data_dir` (its output in <data_dir>.log) with
// `extra_flags`, and waits until it serves (up to 10 minutes: a first start
// on a large directory builds its views). Exits the process on failure.
ChildServer StartChildServer(const std::string& tutornetd,
                             const std::string& data_dir,
                             const std::vector<std::string>& extra_flags = {});
// Stops the server StartChildServer started (SIGTERM, then waits).
void StopChildServer();

// A call's context carrying the server's admin token, with a deadline.
std::unique_ptr<grpc::ClientContext> AdminContext(const ChildServer& server,
                                                  absl::Duration timeout);

// The process's CPU time (user + system).
absl::Duration CpuOf(pid_t pid);
// Its resident memory now (VmRSS) and at most so far (VmHWM), in kB.
int64_t ResidentKb(pid_t pid);
int64_t PeakResidentKb(pid_t pid);

}  // namespace tutornet::bench

#endif  // TUTORNET_TOOLS_BENCH_CHILD_SERVER_H_
