// country_bench: the read side measured on a country written by
// tools/country/tutornet_country (docs/PERFORMANCE.md, "Country scale").
//
//   build-release/tools/country/tutornet_country --data_dir=/tmp/country
//   build-release/tools/bench/country_bench --data_dir=/tmp/country
//
// 1. Rebuild: every projection tutornetd keeps, made again from the logs
//    into fresh stores, all at once as a cold start does (each on its own
//    projector thread): the time until each has applied its logs' heads.
// 2. Queries: a tutornetd of its own on the data directory (a child
//    process on 127.0.0.1), asked from one client, one call at a time:
//    dashboards of a network, a region and a municipality for a school
//    year, a month's totals of a project, the yearly evaluation report;
//    p50 and p99 of each.
// 3. The month report: the bundle of a closed month of the largest
//    project, and its offline check (what tutornet_verify does).
// 4. The server's resident memory after all that, and at most.
//
// The rebuild only reads the data directory; the tutornetd started on it
// signs tree heads and keeps its views there, as any start does. Compare
// figures only within one run.
#include <grpcpp/grpcpp.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/activity/month_report_check.h"
#include "services/activity/read_model.h"
#include "services/badges/context.h"
#include "services/badges/read_model.h"
#include "services/development/context.h"
#include "services/development/read_model.h"
#include "services/projections/projector.h"
#include "services/registry/read_model.h"
#include "services/training/context.h"
#include "services/training/read_model.h"
#include "services/values/dates.h"
#include "storage/event_log.h"
#include "tools/bench/bench_logs.h"
#include "tools/bench/child_server.h"
#include "tutornet/v1/activity_service.grpc.pb.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"
#include "tutornet/v1/transparency_service.grpc.pb.h"

ABSL_FLAG(std::string, data_dir, "", "A country (tools/country).");
ABSL_FLAG(std::string, tutornetd, TUTORNETD_PATH, "The server to start.");
ABSL_FLAG(int, networks, 20, "The country's shape, as it was written.");
ABSL_FLAG(int, municipalities, 300, "");
ABSL_FLAG(int, years, 10, "");
ABSL_FLAG(int, calls, 300, "Calls per kind of query.");
ABSL_FLAG(bool, rebuild, true, "Measure the rebuild.");
ABSL_FLAG(std::vector<std::string>, views, {},
          "Rebuild only these views (by name, e.g. activity); all when "
          "empty. For profiling one view.");
ABSL_FLAG(std::vector<std::string>, queries, {},
          "Ask only these kinds of query (network, region, municipality, "
          "totals, evaluation); all when empty. For profiling one kind.");
ABSL_FLAG(bool, serve, true,
          "Measure the queries, the month report and tutornetd's memory.");

namespace tutornet::bench {
namespace {

absl::Duration SelfCpu() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return absl::DurationFromTimeval(u.ru_utime) +
         absl::DurationFromTimeval(u.ru_stime);
}

// ---- 1. Rebuild -------------------------------------------------------------

void Rebuild(const std::string& data_dir) {
  std::map<std::string, std::unique_ptr<storage::EventLog>> logs;
  for (const char* name :
       {registry::kRegistryLog, activity::kActivityLog, training::kTrainingLog,
        badges::kBadgesLog, development::kDevelopmentLog}) {
    storage::EventLogOptions options;
    options.read_only = true;
    absl::StatusOr<std::unique_ptr<storage::EventLog>> log =
        storage::EventLog::Open(absl::StrCat(data_dir, "/", name), options);
    if (!log.ok()) {
      std::fprintf(stderr, "country_bench: %s\n",
                   log.status().ToString().c_str());
      std::exit(2);
    }
    logs[name] = std::move(*log);
  }
  auto log = [&logs](const char* name) {
    return std::pair<const std::string, const storage::EventLog*>(
        name, logs[name].get());
  };
  // The projections of services/server/server.cc, each over its sources.
  registry::RegistryProjection registry[5];
  activity::HoursProjection hours;
  training::TrainingProjection trainings;
  badges::BadgesProjection badges;
  development::DevelopmentProjection development;
  struct View {
    View(std::string name, const projections::Projection* projection,
         projections::Logs logs)
        : name(std::move(name)),
          projection(projection),
          logs(std::move(logs)) {}
    std::string name;
    const projections::Projection* projection;
    projections::Logs logs;
    std::unique_ptr<projections::Projector> projector;
    uint64_t events = 0;
    absl::Duration took;
  };
  std::vector<View> views;
  const char* copies[] = {"registry", "activity-registry", "training-registry",
                          "badges-registry", "development-registry"};
  for (int i = 0; i < 5; ++i) {
    views.emplace_back(copies[i], &registry[i],
                       projections::Logs{log(registry::kRegistryLog)});
  }
  views.emplace_back("activity", &hours,
                     projections::Logs{log(activity::kActivityLog)});
  views.emplace_back("training", &trainings,
                     projections::Logs{log(training::kTrainingLog)});
  views.emplace_back("badges", &badges,
                     projections::Logs{log(badges::kBadgesLog)});
  views.emplace_back("development", &development,
                     projections::Logs{log(development::kDevelopmentLog)});
  if (const std::vector<std::string> only = absl::GetFlag(FLAGS_views);
      !only.empty()) {
    views.erase(std::remove_if(views.begin(), views.end(),
                               [&](const View& v) {
                                 return std::find(only.begin(), only.end(),
                                                  v.name) == only.end();
                               }),
                views.end());
  }
  std::unique_ptr<testing::TempDir> dir = NewDir();
  const absl::Time start = absl::Now();
  const absl::Duration cpu_before = SelfCpu();
  for (View& v : views) {
    absl::StatusOr<std::unique_ptr<projections::Projector>> p =
        projections::Projector::Start(*v.projection, v.logs, dir->Sub(v.name));
    if (!p.ok()) {
      std::fprintf(stderr, "country_bench: %s\n",
                   p.status().ToString().c_str());
      std::exit(2);
    }
    v.projector = std::move(*p);
    for (const auto& [name, source] : v.logs) v.events += source->Head();
  }
  // Each view's catch-up time, in the order they finish.
  std::vector<bool> done(views.size(), false);
  for (size_t finished = 0; finished < views.size();) {
    absl::SleepFor(absl::Milliseconds(20));
    for (size_t i = 0; i < views.size(); ++i) {
      if (done[i]) continue;
      bool caught_up = true;
      for (const projections::SourceLag& lag : views[i].projector->Lag()) {
        caught_up = caught_up && lag.applied >= lag.head;
      }
      if (!views[i].projector->health().ok()) {
        std::fprintf(stderr, "country_bench: %s: %s\n", views[i].name.c_str(),
                     views[i].projector->health().ToString().c_str());
        std::exit(2);
      }
      if (caught_up) {
        done[i] = true;
        views[i].took = absl::Now() - start;
        ++finished;
      }
    }
  }
  const absl::Duration wall = absl::Now() - start;
  const absl::Duration cpu = SelfCpu() - cpu_before;
  uint64_t events = 0;
  std::printf("\n## Rebuild: every projection from the logs, all at once\n\n");
  std::printf("| projection | events applied | caught up after s |\n");
  std::printf("|---|---:|---:|\n");
  for (const View& v : views) {
    std::printf("| %s | %llu | %.1f |\n", v.name.c_str(),
                static_cast<unsigned long long>(v.events),
                absl::ToDoubleSeconds(v.took));
    events += v.events;
  }
  std::printf(
      "\nall %zu projections: %.1f s wall, %.1f s CPU, %llu events applied "
      "(%.0f k/s)\n",
      views.size(), absl::ToDoubleSeconds(wall), absl::ToDoubleSeconds(cpu),
      static_cast<unsigned long long>(events),
      events / absl::ToDoubleSeconds(wall) / 1000);
  std::fflush(stdout);
  for (View& v : views) v.projector->Stop();
}

// ---- 2. Queries -------------------------------------------------------------

class Percentiles {
 public:
  void Add(absl::Duration d) { us_.push_back(absl::ToDoubleMicroseconds(d)); }
  double At(double q) {
    std::sort(us_.begin(), us_.end());
    return us_.empty() ? 0
                       : us_[std::min(us_.size() - 1,
                                      static_cast<size_t>(q * us_.size()))];
  }

 private:
  std::vector<double> us_;
};

std::unique_ptr<grpc::ClientContext> Ctx(const ChildServer& s) {
  return AdminContext(s, absl::Minutes(2));
}

void Fail(const grpc::Status& s, const std::string& what) {
  if (s.ok()) return;
  std::fprintf(stderr, "country_bench: %s: %s\n", what.c_str(),
               s.error_message().c_str());
  std::exit(2);
}

std::string Network(int n) { return absl::StrFormat("n%02d", n + 1); }

struct Shape {
  int networks;
  int municipalities;
  int first_year;  // The first school year.
  int last_year;   // Today's.
};

// A school year's period, up to today.
void Period(int year, v1::Date* from, v1::Date* to) {
  const absl::CivilDay today = values::FinnishDay(absl::Now());
  *from = values::FromCivilDay(absl::CivilDay(year, 8, 1));
  *to = values::FromCivilDay(std::min(today, absl::CivilDay(year + 1, 7, 31)));
}

void Queries(const ChildServer& server, const Shape& shape, int calls) {
  auto channel =
      grpc::CreateChannel(server.address, grpc::InsecureChannelCredentials());
  auto dashboards = v1::DashboardService::NewStub(channel);
  auto activity = v1::ActivityService::NewStub(channel);
  uint64_t seed = 42;
  auto below = [&seed](int n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((seed >> 33) % n);
  };
  const int years = shape.last_year - shape.first_year + 1;
  const std::vector<std::string> only = absl::GetFlag(FLAGS_queries);
  auto wanted = [&only](const char* kind) {
    return only.empty() ||
           std::find(only.begin(), only.end(), kind) != only.end();
  };
  std::map<std::string, Percentiles> kinds;
  for (int i = 0; i < calls; ++i) {
    const int n = below(shape.networks);
    const int year = shape.first_year + below(years);
    for (int scope = 0; scope < 3; ++scope) {
      const char* scopes[] = {"network", "region", "municipality"};
      if (!wanted(scopes[scope])) continue;
      v1::GetDashboardRequest req;
      req.set_network_id(Network(n));
      const int m =
          n + shape.networks * below(shape.municipalities / shape.networks);
      if (scope == 1)
        req.set_region_id(absl::StrCat(Network(n), "-r", 1 + below(3)));
      if (scope == 2) req.set_municipality_id(absl::StrFormat("m%03d", m + 1));
      Period(year, req.mutable_from(), req.mutable_to());
      v1::DashboardResponse res;
      const absl::Time t = absl::Now();
      Fail(dashboards->GetDashboard(Ctx(server).get(), req, &res),
           "GetDashboard");
      const char* names[] = {"dashboard, network, school year",
                             "dashboard, region, school year",
                             "dashboard, municipality, school year"};
      kinds[names[scope]].Add(absl::Now() - t);
    }
    if (wanted("totals")) {
      v1::GetMonthlyTotalsRequest req;
      req.set_project_id(absl::StrCat(Network(n), "-tutor-", year));
      const int month = 1 + (7 + below(10)) % 12;  // August to May.
      req.mutable_month()->set_year(month >= 8 ? year : year + 1);
      req.mutable_month()->set_month(month);
      const absl::CivilMonth asked(req.month().year(), month);
      if (asked > absl::CivilMonth(values::FinnishDay(absl::Now()))) continue;
      v1::MonthlyTotals res;
      const absl::Time t = absl::Now();
      Fail(activity->GetMonthlyTotals(Ctx(server).get(), req, &res),
           "GetMonthlyTotals");
      kinds["month's totals of a project"].Add(absl::Now() - t);
    }
    if (i % 10 == 0 && wanted("evaluation")) {
      v1::GetEvaluationReportRequest req;
      req.set_network_id(Network(n));
      req.set_year(shape.first_year + 1 + below(years - 1));
      v1::EvaluationReportResponse res;
      const absl::Time t = absl::Now();
      Fail(dashboards->GetEvaluationReport(Ctx(server).get(), req, &res),
           "GetEvaluationReport");
      kinds["evaluation report, network, year (1 call in 10)"].Add(absl::Now() -
                                                                   t);
    }
  }
  std::printf("\n## Queries: one client, one call at a time, %d calls each\n\n",
              calls);
  std::printf("| query | p50 ms | p99 ms |\n|---|---:|---:|\n");
  for (auto& [name, p] : kinds) {
    std::printf("| %s | %.2f | %.2f |\n", name.c_str(), p.At(0.5) / 1000,
                p.At(0.99) / 1000);
  }
}

// ---- 3. The month report ----------------------------------------------------

void MonthReport(const ChildServer& server, const Shape& shape) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(512 << 20);  // As tutornetctl takes them.
  auto channel = grpc::CreateCustomChannel(
      server.address, grpc::InsecureChannelCredentials(), args);
  auto activity = v1::ActivityService::NewStub(channel);
  auto transparency = v1::TransparencyService::NewStub(channel);
  // The last school year's October: a whole month, closed.
  const int year = shape.last_year - 1;
  v1::GetMonthReportRequest req;
  req.set_project_id(absl::StrCat(Network(0), "-tutor-", year));
  req.mutable_month()->set_year(year);
  req.mutable_month()->set_month(10);
  v1::MonthReportBundle bundle;
  Percentiles made;
  for (int i = 0; i < 3; ++i) {
    bundle.Clear();
    auto ctx = Ctx(server);
    const absl::Time t = absl::Now();
    Fail(activity->GetMonthReport(ctx.get(), req, &bundle), "GetMonthReport");
    made.Add(absl::Now() - t);
  }
  v1::ListLogsResponse logs;
  Fail(transparency->ListLogs(Ctx(server).get(), v1::ListLogsRequest(), &logs),
       "ListLogs");
  merkle::LogKey key;
  for (const v1::LogInfo& info : logs.logs()) {
    if (info.log() == activity::kActivityLog) {
      key.log_id = info.log_id();
      key.public_key = info.public_key();
    }
  }
  absl::StatusOr<std::string> file = activity::MonthReportFile(bundle);
  if (!file.ok()) std::exit(2);
  Percentiles checked;
  activity::MonthReportCheck check;
  for (int i = 0; i < 3; ++i) {
    const absl::Time t = absl::Now();
    check = activity::CheckMonthReport(*file, key);
    checked.Add(absl::Now() - t);
  }
  std::printf("\n## The month report of %s, %d-10\n\n",
              req.project_id().c_str(), year);
  std::printf(
      "%d records, %d proven steps, %.1f MB as a file; made in %.0f ms "
      "(median of 3), checked offline in %.0f ms (median of 3): %s\n",
      static_cast<int>(check.closed_records), bundle.records_size(),
      file->size() / 1e6, made.At(0.5) / 1000, checked.At(0.5) / 1000,
      check.problems.empty() ? "verified" : check.problems.front().c_str());
}

int Run() {
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) {
    std::fprintf(stderr, "country_bench: --data_dir is required\n");
    return 1;
  }
  const int this_year = values::SchoolYearOf(values::FinnishDay(absl::Now()));
  const Shape shape{absl::GetFlag(FLAGS_networks),
                    absl::GetFlag(FLAGS_municipalities),
                    this_year - absl::GetFlag(FLAGS_years) + 1, this_year};
  if (absl::GetFlag(FLAGS_rebuild)) Rebuild(data_dir);
  if (!absl::GetFlag(FLAGS_serve)) return 0;
  const absl::Time start = absl::Now();
  const ChildServer server =
      StartChildServer(absl::GetFlag(FLAGS_tutornetd), data_dir);
  std::printf("\ntutornetd serving after %.1f s, resident %.0f MB\n",
              absl::ToDoubleSeconds(absl::Now() - start),
              ResidentKb(server.pid) / 1024.0);
  Queries(server, shape, absl::GetFlag(FLAGS_calls));
  std::printf("\ntutornetd resident after the queries: %.0f MB\n",
              ResidentKb(server.pid) / 1024.0);
  std::fflush(stdout);
  MonthReport(server, shape);
  std::printf(
      "\n## tutornetd's memory\n\nresident %.0f MB now, %.0f MB at "
      "most\n",
      ResidentKb(server.pid) / 1024.0, PeakResidentKb(server.pid) / 1024.0);
  StopChildServer();
  return 0;
}

}  // namespace
}  // namespace tutornet::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return tutornet::bench::Run();
}
