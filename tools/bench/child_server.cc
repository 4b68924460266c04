#include "tools/bench/child_server.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace tutornet::bench {
namespace {

// The server this run started, stopped on every way out.
pid_t started_server = 0;

int64_t StatusKb(pid_t pid, const char* field) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  for (std::string line; std::getline(in, line);) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, field)) continue;
    rest = absl::StripAsciiWhitespace(absl::StripSuffix(rest, "kB"));
    int64_t kb = 0;
    return absl::SimpleAtoi(rest, &kb) ? kb : 0;
  }
  return 0;
}

}  // namespace

void StopChildServer() {
  if (started_server == 0) return;
  kill(started_server, SIGTERM);
  int status = 0;
  waitpid(started_server, &status, 0);
  started_server = 0;
}

ChildServer StartChildServer(const std::string& tutornetd,
                             const std::string& data_dir,
                             const std::vector<std::string>& extra_flags) {
  // Its output goes to a file beside the data (a pipe nobody drains would
  // stall it), where its first line says the port.
  const std::string log = data_dir + ".log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<std::string> args = {tutornetd, "--listen=127.0.0.1:0",
                                   "--http_listen=127.0.0.1:0",
                                   "--data_dir=" + data_dir};
  args.insert(args.end(), extra_flags.begin(), extra_flags.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ChildServer s;
  if (posix_spawn(&s.pid, tutornetd.c_str(), &actions, nullptr, argv.data(),
                  environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", tutornetd.c_str());
    std::exit(2);
  }
  started_server = s.pid;
  std::atexit(StopChildServer);
  // "tutornetd: serving on 127.0.0.1:NNNN, data in ...", after whatever
  // it says first (a projection it rebuilds, say).
  std::string line;
  for (int i = 0; i < 6000 && line.find("serving on ") == std::string::npos;
       ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    std::ifstream in(log);
    while (std::getline(in, line) &&
           line.find("serving on ") == std::string::npos) {
    }
  }
  const size_t at = line.find("serving on ");
  if (at == std::string::npos) {
    std::fprintf(stderr, "tutornetd did not start: %s\n", line.c_str());
    std::exit(2);
  }
  s.address = line.substr(at + 11, line.find(',', at) - at - 11);
  std::ifstream(data_dir + "/admin.token") >> s.token;
  return s;
}

std::unique_ptr<grpc::ClientContext> AdminContext(const ChildServer& server,
                                                  absl::Duration timeout) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->AddMetadata("authorization", "Bearer " + server.token);
  ctx->set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return ctx;
}

absl::Duration CpuOf(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const std::vector<std::string> f =
      absl::StrSplit(text.substr(text.rfind(')') + 2), ' ');
  int64_t utime = 0, stime = 0;
  (void)absl::SimpleAtoi(f[11], &utime);  // Fields 14 and 15 of stat.
  (void)absl::SimpleAtoi(f[12], &stime);
  return absl::Seconds(static_cast<double>(utime + stime) /
                       sysconf(_SC_CLK_TCK));
}

int64_t ResidentKb(pid_t pid) { return StatusKb(pid, "VmRSS:"); }
int64_t PeakResidentKb(pid_t pid) { return StatusKb(pid, "VmHWM:"); }

}  // namespace tutornet::bench
