// tutornetd: the tutornet server with its embedded stores.
//
//   tutornetd --data_dir=var/tutornetd --listen=127.0.0.1:50051 [--demo]
//
// Stops cleanly on SIGINT or SIGTERM: no new calls, calls in flight finish,
// the logs are closed. Before it listens (a start may rebuild views for
// minutes) it stops at once: nothing has been acknowledged yet.
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "google/protobuf/stubs/logging.h"
#include "services/server/demo_network.h"
#include "services/server/server.h"
#include "tools/flags_usage.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to serve gRPC on (host:port). Loopback by default; port 0 "
          "picks a free port.");
ABSL_FLAG(std::string, data_dir, "var/tutornetd",
          "Directory of the event logs and access tokens; created if missing.");
ABSL_FLAG(std::string, tokens_file, "",
          "File of hashed access tokens (mode 0600); default "
          "<data_dir>/tokens. On first start "
          "the first admin token is written to admin.token beside it.");
ABSL_FLAG(std::string, http_listen, "127.0.0.1:50080",
          "Address to serve the public Open Badges documents on over HTTP "
          "(host:port; port 0 picks one; empty: not served). No token: "
          "issuer profiles, achievements, keys, revocation lists.");
ABSL_FLAG(std::string, public_base_url, "",
          "The badge documents' base URL as verifiers see it, e.g. "
          "https://badges.example.fi behind a TLS proxy; default "
          "http://<http_listen>. Credentials name it: set it before the "
          "first badge is issued.");
ABSL_FLAG(std::string, issuer_email, "badges@tutornet.invalid",
          "The badge issuer's contact e-mail (Open Badges 2.0 issuers must "
          "give one).");
ABSL_FLAG(absl::Duration, sign_interval, absl::Minutes(1),
          "How often to sign a tree head for each log that grew (and once "
          "more at shutdown), e.g. 30s or 5m; 0 signs at shutdown only.");
ABSL_FLAG(uint32_t, cached_folds, 10000,
          "Folded streams (a tutor's records, a training, ...) each service "
          "keeps in memory. Keep it above the number of tutors who log in "
          "the same days: below it, each command at a month's end folds its "
          "stream from the log again.");
ABSL_FLAG(int, malloc_arenas, 0,
          "Most malloc arenas the server's threads share (0: one per core "
          "the process may run on). "
          "glibc's default, 8 per core, let each of gRPC's threads keep "
          "freed memory of its own: a third more resident memory for no "
          "measurable speed on 2 cores (docs/PERFORMANCE.md).");
ABSL_FLAG(bool, demo, false,
          "Load a fictional demo network (Central Finland's shape) through the "
          "API; loading it again changes nothing.");

namespace {

// The cores this process may run on (its CPU affinity, which a container's
// cpuset narrows), at least 1.
int CoresAllowed() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) != 0) {
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  return std::max(1, CPU_COUNT(&set));
}

// SIGINT and SIGTERM, blocked in every thread and waited for by a thread
// of its own from the start. Before the server listens, a stop ends the
// process at once: a start that rebuilds its views can take minutes, no
// call has been acknowledged yet, and a view's half-made copy is made
// again at the next start (as after a crash). From then on (and when the
// start failed) main decides: it stops in order, or returns its error.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    std::thread([this] {
      int number = 0;
      sigwait(&set_, &number);
      if (!serving_.load()) {
        std::printf("tutornetd: %s received before serving, stopped\n",
                    strsignal(number));
        std::fflush(stdout);
        std::_Exit(0);
      }
      received_ = number;
      stop_.Notify();
    }).detach();
  }
  // From here on main handles a stop.
  void HandOver() { serving_.store(true); }
  // Blocks until a stop signal comes; its number.
  int Wait() {
    stop_.WaitForNotification();
    return received_;
  }

 private:
  sigset_t set_;
  std::atomic<bool> serving_{false};
  int received_ = 0;  // Written before stop_ is notified.
  absl::Notification stop_;
};

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "tutornetd: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  // Abseil's lock-order graph costs every Mutex acquisition a lookup (a few
  // percent of a write's CPU); the tests run with it, and with TSan-style
  // annotations checked by clang, so the server does not.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // A client's string that is not UTF-8 is answered with INVALID_ARGUMENT;
  // protobuf's own log line for each would let any client fill the log.
  google::protobuf::SetLogHandler([](google::protobuf::LogLevel level,
                                     const char* file, int line,
                                     const std::string& message) {
    if (message.find("invalid UTF-8") != std::string::npos) return;
    std::fprintf(stderr, "[libprotobuf %d %s:%d] %s\n", static_cast<int>(level),
                 file, line, message.c_str());
  });
  // Every file this process creates is its owner's alone: the logs hold
  // personal data.
  ::umask(077);
  tutornet::SetUpUsage(
      argc, argv,
      "The tutornet server: regions, networks, people, funded projects,\n"
      "tutoring hours, trainings and badges over gRPC, with health checking\n"
      "and server reflection; the public Open Badges documents over HTTP.\n"
      "Usage: tutornetd [--listen=127.0.0.1:50051] [--data_dir=var/tutornetd] "
      "[--http_listen=127.0.0.1:50080] [--public_base_url=URL] [--demo]");
  absl::ParseCommandLine(argc, argv);
  // Before any thread starts: an arena is chosen when a thread first
  // allocates.
  int arenas = absl::GetFlag(FLAGS_malloc_arenas);
  if (arenas <= 0) arenas = CoresAllowed();
  if (mallopt(M_ARENA_MAX, arenas) != 1) {
    std::fprintf(stderr, "tutornetd: could not limit malloc arenas to %d\n",
                 arenas);
  }

  // Before the server's threads, which inherit the blocked signals.
  static StopSignals* const stop = new StopSignals();

  tutornet::server::ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.tokens_file = absl::GetFlag(FLAGS_tokens_file);
  options.http_listen = absl::GetFlag(FLAGS_http_listen);
  options.public_base_url = absl::GetFlag(FLAGS_public_base_url);
  options.issuer_email = absl::GetFlag(FLAGS_issuer_email);
  options.sign_interval = absl::GetFlag(FLAGS_sign_interval);
  options.cached_folds = absl::GetFlag(FLAGS_cached_folds);
  options.before_listening = [] { stop->HandOver(); };
  absl::StatusOr<std::unique_ptr<tutornet::server::TutornetServer>> server =
      tutornet::server::TutornetServer::Start(options);
  stop->HandOver();
  if (!server.ok()) return Fail(server.status());

  const std::string address =
      absl::StrCat(options.listen.substr(0, options.listen.rfind(':')), ":",
                   (*server)->port());
  std::printf("tutornetd: serving on %s, data in %s\n", address.c_str(),
              options.data_dir.c_str());
  if ((*server)->http_port() != 0) {
    std::printf(
        "tutornetd: Open Badges documents on http://%s:%d/ob/\n",
        options.http_listen.substr(0, options.http_listen.rfind(':')).c_str(),
        (*server)->http_port());
  }
  if (!(*server)->admin_token_file().empty()) {
    std::printf(
        "tutornetd: first start: the admin token is in %s (only you can read "
        "it)\n",
        (*server)->admin_token_file().c_str());
  }
  if (absl::GetFlag(FLAGS_demo)) {
    absl::StatusOr<std::string> loaded = tutornet::server::LoadDemoNetwork(
        address, options.tokens_file.empty()
                     ? options.data_dir
                     : std::filesystem::path(options.tokens_file)
                           .parent_path()
                           .string());
    if (!loaded.ok()) return Fail(loaded.status());
    std::printf("tutornetd: %s\n", loaded->c_str());
  }
  std::fflush(stdout);

  const int signal_number = stop->Wait();
  std::printf("tutornetd: %s received, stopping\n", strsignal(signal_number));
  (*server)->Shutdown(absl::Seconds(10));
  (*server)->Wait();
  server->reset();
  std::printf("tutornetd: stopped\n");
  return 0;
}
