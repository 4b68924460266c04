// tutornet_country: writes a country of tutor networks into a new data
// directory, through the services' own command path in process (country.h),
// for the country-scale benchmarks (docs/PERFORMANCE.md). Serve it after
// with `tutornetd --data_dir=DIR` and the admin token it leaves there.
//
//   build-release/tools/country/tutornet_country --data_dir=/tmp/country
//
// The defaults are the country of the benchmarks: 20 networks, 300
// municipalities, 2,500 schools, 15,000 tutors and 40,000 teachers over ten
// school years, about 10 M events. Deterministic from --seed. Writes
// without an fsync per command and syncs each log when done: a run killed
// half-way leaves a directory to delete, not to serve.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/server/server.h"
#include "services/values/dates.h"
#include "storage/event_log.h"
#include "tools/country/country.h"

ABSL_FLAG(std::string, data_dir, "", "A new (missing or empty) directory.");
ABSL_FLAG(int, networks, 20, "Networks.");
ABSL_FLAG(int, municipalities, 300, "Municipalities, among the networks.");
ABSL_FLAG(int, schools, 2500, "Schools, among the municipalities.");
ABSL_FLAG(int, tutors, 15000, "Tutor teachers, among the schools.");
ABSL_FLAG(int, teachers, 40000, "Teachers, among the schools.");
ABSL_FLAG(int, years, 10, "School years, ending with today's.");
ABSL_FLAG(int, records_per_month, 2,
          "Hour records per tutor per month, on average.");
ABSL_FLAG(int, trainings_per_month, 4,
          "Trainings per network per month, August to May.");
ABSL_FLAG(uint64_t, seed, 1,
          "The same seed and --today write the same country.");
ABSL_FLAG(std::string, today, "",
          "The day the history ends (YYYY-MM-DD, Finnish time; its steps "
          "before noon are written); default: now. Not after today.");
ABSL_FLAG(bool, progress, true, "A progress bar on standard error.");

namespace tutornet::country {
namespace {

// A bar redrawn in place on a terminal; a line per month otherwise.
void ShowProgress(absl::CivilMonth month, int done, int total, int64_t commands,
                  absl::Time started, bool terminal) {
  constexpr int kWidth = 30;
  const int filled = kWidth * done / total;
  const double seconds = absl::ToDoubleSeconds(absl::Now() - started);
  const double rate = seconds > 0 ? commands / seconds : 0;
  const double left = done > 0 ? seconds * (total - done) / done : 0;
  std::fprintf(stderr,
               "%s[%s%s] %04d-%02d  %d/%d months  %lld commands  %.1f k/s  "
               "%d:%02d left %s",
               terminal ? "\r" : "", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(),
               static_cast<int>(month.year()), month.month(), done, total,
               static_cast<long long>(commands), rate / 1000,
               static_cast<int>(left) / 60, static_cast<int>(left) % 60,
               terminal ? "" : "\n");
  if (terminal && done == total) std::fprintf(stderr, "\n");
}

int Run() {
  const std::string dir = absl::GetFlag(FLAGS_data_dir);
  std::error_code error;
  if (dir.empty() || (std::filesystem::exists(dir, error) &&
                      !std::filesystem::is_empty(dir, error))) {
    std::fprintf(stderr,
                 "tutornet_country: --data_dir must name a missing or empty "
                 "directory\n");
    return 1;
  }
  CountryShape shape;
  shape.networks = absl::GetFlag(FLAGS_networks);
  shape.municipalities = absl::GetFlag(FLAGS_municipalities);
  shape.schools = absl::GetFlag(FLAGS_schools);
  shape.tutors = absl::GetFlag(FLAGS_tutors);
  shape.teachers = absl::GetFlag(FLAGS_teachers);
  shape.years = absl::GetFlag(FLAGS_years);
  shape.records_per_month = absl::GetFlag(FLAGS_records_per_month);
  shape.trainings_per_month = absl::GetFlag(FLAGS_trainings_per_month);
  shape.seed = absl::GetFlag(FLAGS_seed);

  HistoryClock clock;
  server::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir;
  options.clock = [&clock] { return clock.Now(); };
  options.bulk_load = true;
  // Every tutor's stream is touched in turn each month: all of them kept.
  options.cached_folds = static_cast<size_t>(shape.tutors + shape.teachers);
  options.sign_interval = absl::ZeroDuration();  // Signed once, at the end.
  absl::Time now = absl::Now();
  const absl::Time started = now;
  if (const std::string day = absl::GetFlag(FLAGS_today); !day.empty()) {
    absl::CivilDay civil;
    if (!absl::ParseCivilTime(day, &civil) ||
        values::FromFinnishMinute(absl::CivilMinute(civil) + 12 * 60) > now) {
      std::fprintf(stderr,
                   "tutornet_country: --today: \"%s\" is not a day "
                   "(YYYY-MM-DD) up to today\n",
                   day.c_str());
      return 1;
    }
    now = values::FromFinnishMinute(absl::CivilMinute(civil) + 12 * 60);
  }
  absl::StatusOr<CountryTally> tally;
  {
    absl::StatusOr<std::unique_ptr<server::TutornetServer>> server =
        server::TutornetServer::Start(options);
    if (!server.ok()) {
      std::fprintf(stderr, "tutornet_country: %s\n",
                   server.status().ToString().c_str());
      return 2;
    }
    const bool progress = absl::GetFlag(FLAGS_progress);
    const bool terminal = isatty(2);
    tally = WriteCountry(
        **server, clock, shape, now,
        [&](absl::CivilMonth m, int done, int total, int64_t commands) {
          if (progress) {
            ShowProgress(m, done, total, commands, started, terminal);
          }
        });
    (*server)->Shutdown(absl::Seconds(5));
  }  // The server closes: each log syncs and signs its head.
  if (!tally.ok()) {
    std::fprintf(stderr, "\ntutornet_country: %s\n",
                 tally.status().ToString().c_str());
    return 3;
  }
  std::printf("wrote %lld commands in %.0f s:\n",
              static_cast<long long>(tally->total_commands),
              absl::ToDoubleSeconds(absl::Now() - started));
  for (const auto& [kind, count] : tally->commands) {
    std::printf("  %-22s %10lld\n", kind.c_str(),
                static_cast<long long>(count));
  }
  int64_t events = 0;
  for (const char* log : {"registry", "people", "activity", "training",
                          "badges", "development"}) {
    storage::EventLogOptions read;
    read.read_only = true;
    absl::StatusOr<std::unique_ptr<storage::EventLog>> opened =
        storage::EventLog::Open(absl::StrCat(dir, "/", log), read);
    if (!opened.ok()) continue;
    std::printf("  log %-18s %10llu events\n", log,
                static_cast<unsigned long long>((*opened)->Head()));
    events += (*opened)->Head();
  }
  std::printf("%lld events in all; serve them with: tutornetd --data_dir=%s\n",
              static_cast<long long>(events), dir.c_str());
  return 0;
}

}  // namespace
}  // namespace tutornet::country

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Writes a country of tutor networks into a new data directory.\n"
      "  tutornet_country --data_dir=DIR [--seed=N] [--networks=20 ...]");
  absl::ParseCommandLine(argc, argv);
  return tutornet::country::Run();
}
