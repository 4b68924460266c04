// hours_load: the hot path measured end to end. Starts a tutornetd of its
// own (a child process on 127.0.0.1, in a temporary directory), registers
// 10,000 tutors, then logs tutoring-hour records over gRPC from 1, 8 and
// 64 concurrent clients (each on its own channel, each for its own
// tutors, ~300-byte requests) and reports, per level: durable records/s,
// latency p50/p99/p99.9, the server's and the clients' CPU per record,
// and the in-process EventLog append rate at the same concurrency. With
// --fill it then logs on until the server holds that many records and
// reports the server's resident memory.
//
//   build/tools/bench/hours_load --seconds=10 --batch=20 --fill=1000000
//
// Latency is per call (a batch's whole call in the batched rows).
//
// Compare figures only within one run.
#include <fcntl.h>
#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "storage/event_log.h"
#include "tests/support/temp_dir.h"
#include "tools/bench/bench_logs.h"
#include "tools/bench/child_server.h"
#include "tutornet/v1/activity_service.grpc.pb.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

ABSL_FLAG(std::string, tutornetd, TUTORNETD_PATH, "The server to start.");
ABSL_FLAG(std::string, clients, "1,8,64", "Concurrency levels, in order.");
ABSL_FLAG(int, seconds, 10, "How long each level runs.");
ABSL_FLAG(int, tutors, 10000, "Tutors in all, shared out among the clients.");
ABSL_FLAG(int, batch, 20,
          "Records per LogHoursBatch call in the batched rows (0: none).");
ABSL_FLAG(int64_t, fill, 0,
          "Afterwards, log on with 64 clients until the server holds this "
          "many records, then report its resident memory (0: skip).");

namespace tutornet::bench {
namespace {

using Clock = absl::Duration;

// ---- The server, as a child process --------------------------------------

absl::Duration SelfCpu() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return absl::DurationFromTimeval(u.ru_utime) +
         absl::DurationFromTimeval(u.ru_stime);
}

// ---- Setup through the API -----------------------------------------------

std::unique_ptr<grpc::ClientContext> Ctx(const ChildServer& s) {
  return AdminContext(s, absl::Seconds(30));
}

void Check(const grpc::Status& s, const std::string& what) {
  if (s.ok() || s.error_code() == grpc::StatusCode::ALREADY_EXISTS) return;
  std::fprintf(stderr, "hours_load: %s: %s\n", what.c_str(),
               s.error_message().c_str());
  std::exit(2);
}

v1::Date Day(int y, int m, int d) {
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

constexpr int kSchools = 100;

std::string SchoolOf(int tutor) { return absl::StrCat("s-", tutor % kSchools); }

// One network, one region, one municipality, 100 schools, a tutor
// appointment for each tutor (from 16 threads: the appointments share
// one stream, so they mostly queue) and one funded project.
void SetUp(const ChildServer& s, int tutors) {
  auto registry = v1::RegistryService::NewStub(
      grpc::CreateChannel(s.address, grpc::InsecureChannelCredentials()));
  v1::CreateNetworkRequest n;
  n.mutable_header()->set_request_id("n");
  n.mutable_command()->set_network_id("bench");
  n.mutable_command()->mutable_name()->set_fi("Kuormitus");
  n.mutable_command()->set_coordinating_municipality_id("m");
  v1::CommandResult r;
  Check(registry->CreateNetwork(Ctx(s).get(), n, &r), "network");
  v1::AddRegionRequest g;
  g.mutable_header()->set_request_id("g");
  g.mutable_command()->set_network_id("bench");
  g.mutable_command()->set_region_id("r");
  g.mutable_command()->mutable_name()->set_fi("Alue");
  Check(registry->AddRegion(Ctx(s).get(), g, &r), "region");
  v1::AssignMunicipalityRequest m;
  m.mutable_header()->set_request_id("m");
  m.mutable_command()->set_network_id("bench");
  m.mutable_command()->set_municipality_id("m");
  m.mutable_command()->mutable_name()->set_fi("Kunta");
  m.mutable_command()->set_region_id("r");
  *m.mutable_command()->mutable_effective() = Day(2020, 1, 1);
  Check(registry->AssignMunicipality(Ctx(s).get(), m, &r), "municipality");
  for (int i = 0; i < kSchools; ++i) {
    v1::RegisterSchoolRequest req;
    req.mutable_header()->set_request_id(absl::StrCat("s", i));
    req.mutable_command()->set_network_id("bench");
    req.mutable_command()->set_school_id(SchoolOf(i));
    req.mutable_command()->mutable_name()->set_fi(absl::StrCat("Koulu ", i));
    req.mutable_command()->set_municipality_id("m");
    req.mutable_command()->set_language(v1::LANGUAGE_FI);
    req.mutable_command()->add_levels(v1::EDUCATION_LEVEL_BASIC);
    Check(registry->RegisterSchool(Ctx(s).get(), req, &r), "school");
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < tutors; i += 16) {
        v1::AppointRoleRequest req;
        req.mutable_header()->set_request_id(absl::StrCat("a", i));
        v1::AppointRole& a = *req.mutable_command();
        a.set_network_id("bench");
        a.set_appointment_id(absl::StrCat("a-", i));
        a.set_person_id(absl::StrCat("t-", i));
        a.set_role(v1::ROLE_TUTOR_TEACHER);
        a.mutable_scope()->add_school_ids(SchoolOf(i));
        *a.mutable_start() = Day(2020, 1, 1);
        v1::CommandResult res;
        Check(registry->AppointRole(Ctx(s).get(), req, &res), "appointment");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  auto activity = v1::ActivityService::NewStub(
      grpc::CreateChannel(s.address, grpc::InsecureChannelCredentials()));
  v1::CreateFundedProjectRequest p;
  p.mutable_header()->set_request_id("p");
  v1::CreateFundedProject& c = *p.mutable_command();
  c.set_project_id("p");
  c.set_network_id("bench");
  c.mutable_name()->set_fi("Hanke");
  c.mutable_funder()->set_kind(v1::FUNDER_KIND_STATE_AGENCY);
  c.mutable_funder()->set_name("Opetushallitus");
  *c.mutable_start() = Day(2020, 1, 1);
  *c.mutable_end() = Day(2025, 12, 31);
  Check(activity->CreateFundedProject(Ctx(s).get(), p, &r), "project");
}

// ---- The load
// ----------------------------------------------------------------

// A tutor's k-th record: eight one-hour slots a day from 2020-01-01 on,
// so that no two of a tutor's records overlap.
v1::LogHoursRequest Record(int tutor, int k, int client) {
  v1::LogHoursRequest req;
  req.mutable_header()->set_request_id(
      absl::StrCat("c", client, "-", tutor, "-", k));
  v1::LogHours& c = *req.mutable_command();
  c.set_person_id(absl::StrCat("t-", tutor));
  c.set_record_id(absl::StrCat("r-", k));
  v1::HourEntry& e = *c.mutable_entry();
  const absl::CivilDay day = absl::CivilDay(2020, 1, 1) + k / 8;
  *e.mutable_date() = Day(static_cast<int>(day.year()), day.month(), day.day());
  e.set_start_minute(8 * 60 + (k % 8) * 60);
  e.set_duration_minutes(45);
  e.set_school_id(SchoolOf(tutor));
  e.set_kind(v1::WORK_KIND_PEER_SUPPORT);
  e.set_theme("Pilvipalvelujen käyttö opetuksessa ja arvioinnissa");
  e.set_teachers_reached(4);
  e.set_project_id("p");
  e.set_note(
      "Samanaikaisopetusta 5B-luokassa: oppilaat tekivät esityksen "
      "yhteiseen dokumenttiin, opettaja harjoitteli kommentointia ja "
      "palautteen antamista. Seuraavalla kerralla sähköinen koe.");
  return req;
}

struct Level {
  int clients = 0;
  int64_t records = 0, errors = 0;
  absl::Duration wall, server_cpu, client_cpu;
  std::vector<int64_t> latencies_ns;
  double Rate() const { return records / absl::ToDoubleSeconds(wall); }
  double Percentile(double q) const {
    if (latencies_ns.empty()) return 0;
    return latencies_ns[std::min(
               latencies_ns.size() - 1,
               static_cast<size_t>(q * latencies_ns.size()))] /
           1e6;
  }
};

// Runs `clients` client threads for `duration` or until the server holds
// `stop_at_records`; each sends LogHours one record at a time (batch 1)
// or LogHoursBatch calls of `batch` records.
Level RunGrpc(const ChildServer& s, int clients, int batch, int tutors,
              std::vector<std::atomic<int>>& next, absl::Duration duration,
              int64_t stop_at_records) {
  Level level;
  level.clients = clients;
  std::atomic<bool> stop{false};
  std::atomic<int64_t> total{0};
  std::vector<std::vector<int64_t>> samples(clients);
  std::vector<int64_t> errors(clients, 0);
  const absl::Duration server_before = CpuOf(s.pid);
  const absl::Duration self_before = SelfCpu();
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // Its own channel.
      auto stub = v1::ActivityService::NewStub(grpc::CreateCustomChannel(
          s.address, grpc::InsecureChannelCredentials(), args));
      int tutor = c;
      auto next_tutor = [&] {
        const int t = tutor;
        tutor = tutor + clients < tutors ? tutor + clients : c;
        return t;
      };
      auto failed = [&](const std::string& message) {
        if (++errors[c] <= 3) {
          std::fprintf(stderr, "hours_load: %s\n", message.c_str());
        }
      };
      while (!stop.load(std::memory_order_relaxed)) {
        const absl::Time sent = absl::Now();
        int64_t logged = 0;
        if (batch <= 1) {
          const int t = next_tutor();
          v1::CommandResult res;
          const grpc::Status st =
              stub->LogHours(Ctx(s).get(), Record(t, next[t]++, c), &res);
          if (st.ok()) ++logged;
          if (!st.ok()) failed(st.error_message());
        } else {
          v1::LogHoursBatchRequest req;
          for (int i = 0; i < batch; ++i) {
            const int t = next_tutor();
            *req.add_requests() = Record(t, next[t]++, c);
          }
          v1::LogHoursBatchResponse res;
          const grpc::Status st = stub->LogHoursBatch(Ctx(s).get(), req, &res);
          if (!st.ok()) failed(st.error_message());
          for (const v1::LogHoursOutcome& o : res.outcomes()) {
            if (o.status().code() == 0) ++logged;
            if (o.status().code() != 0) failed(o.status().message());
          }
        }
        samples[c].push_back(absl::ToInt64Nanoseconds(absl::Now() - sent));
        if ((total += logged) >= stop_at_records) stop = true;
      }
    });
  }
  while (!stop && absl::Now() - start < duration) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  stop = true;
  for (std::thread& t : threads) t.join();
  level.wall = absl::Now() - start;
  level.server_cpu = CpuOf(s.pid) - server_before;
  level.client_cpu = SelfCpu() - self_before;
  level.records = total;
  for (int c = 0; c < clients; ++c) {
    level.errors += errors[c];
    level.latencies_ns.insert(level.latencies_ns.end(), samples[c].begin(),
                              samples[c].end());
  }
  std::sort(level.latencies_ns.begin(), level.latencies_ns.end());
  return level;
}

// The same concurrency straight on an EventLog in this process: the
// ceiling the server is measured against.
Level RunInProcess(const std::string& dir, int clients,
                   absl::Duration duration) {
  absl::StatusOr<std::unique_ptr<storage::EventLog>> log =
      storage::EventLog::Open(dir);
  if (!log.ok()) std::exit(2);
  Level level;
  level.clients = clients;
  std::atomic<bool> stop{false};
  std::atomic<int64_t> total{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (uint64_t i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        std::vector<storage::NewEvent> events{Event(i)};
        if ((*log)
                ->Append(absl::StrCat("tutor-", c, "-", i % 100),
                         storage::ExpectedVersion::Any(), events,
                         absl::StrCat("rq-", c, "-", i))
                .ok()) {
          ++total;
        }
      }
    });
  }
  absl::SleepFor(duration);
  stop = true;
  for (std::thread& t : threads) t.join();
  level.wall = absl::Now() - start;
  level.records = total;
  return level;
}

}  // namespace
}  // namespace tutornet::bench

int main(int argc, char** argv) {
  using namespace tutornet::bench;
  absl::ParseCommandLine(argc, argv);
  signal(SIGPIPE, SIG_IGN);
  auto dir = NewDir();
  const int tutors = absl::GetFlag(FLAGS_tutors);
  const absl::Duration seconds = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  ChildServer server =
      StartChildServer(absl::GetFlag(FLAGS_tutornetd), dir->Sub("data"));
  const absl::Time setup_start = absl::Now();
  SetUp(server, tutors);
  std::printf("setup: %d tutors appointed in %.1f s\n", tutors,
              absl::ToDoubleSeconds(absl::Now() - setup_start));
  std::vector<std::atomic<int>> next(tutors);
  std::printf("%8s %7s %10s %9s %9s %9s %12s %12s %12s %7s\n", "calls",
              "clients", "grpc rec/s", "p50 ms", "p99 ms", "p99.9 ms",
              "server us/r", "client us/r", "in-proc r/s", "ratio");
  int64_t logged = 0;
  std::vector<int> levels;
  for (const absl::string_view text :
       absl::StrSplit(absl::GetFlag(FLAGS_clients), ',')) {
    int clients = 0;
    if (!absl::SimpleAtoi(text, &clients) || clients < 1) return 1;
    levels.push_back(clients);
  }
  // The in-process ceiling per level, measured once.
  std::vector<double> in_process;
  for (int clients : levels) {
    in_process.push_back(
        RunInProcess(dir->Sub(absl::StrCat("inproc-", clients)), clients,
                     seconds)
            .Rate());
  }
  const int batch = absl::GetFlag(FLAGS_batch);
  for (int b : {1, batch}) {
    if (b < 1 || (b == batch && batch == 1)) continue;
    for (size_t l = 0; l < levels.size(); ++l) {
      const Level g =
          RunGrpc(server, levels[l], b, tutors, next, seconds, INT64_MAX);
      logged += g.records;
      const std::string calls = b == 1 ? "unary" : absl::StrCat("batch ", b);
      std::printf(
          "%8s %7d %10.0f %9.2f %9.2f %9.2f %12.0f %12.0f %12.0f %7.2f%s\n",
          calls.c_str(), levels[l], g.Rate(), g.Percentile(0.5),
          g.Percentile(0.99), g.Percentile(0.999),
          absl::ToDoubleMicroseconds(g.server_cpu) / g.records,
          absl::ToDoubleMicroseconds(g.client_cpu) / g.records, in_process[l],
          g.Rate() / in_process[l],
          g.errors > 0 ? absl::StrCat("  (", g.errors, " errors)").c_str()
                       : "");
      std::fflush(stdout);
    }
  }
  const int64_t fill = absl::GetFlag(FLAGS_fill);
  if (fill > logged) {
    const Level f = RunGrpc(server, 64, std::max(batch, 1), tutors, next,
                            absl::Hours(10), fill - logged);
    logged += f.records;
    std::printf(
        "fill: %lld records in all (%.0f rec/s, 64 clients, batch "
        "%d); server resident memory %.0f MB\n",
        static_cast<long long>(logged), f.Rate(), std::max(batch, 1),
        ResidentKb(server.pid) / 1024.0);
  } else {
    std::printf("server resident memory after %lld records: %.0f MB\n",
                static_cast<long long>(logged),
                ResidentKb(server.pid) / 1024.0);
  }
  StopChildServer();
  return 0;
}
