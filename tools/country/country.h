// A country of tutor networks, written through the services' own command
// path in process (TutornetServer::in_process), month by month in time
// order, with the server's clock set to each step's moment: what the rules
// check against "today" (registration windows, feedback after a training,
// no hours in the future, months closed after they end) holds as it would
// have then, and each event's recorded_at is its moment in the history.
//
// The same shape and seed write the same commands in the same order, so
// the same events (tools/country/README in docs/PERFORMANCE.md).
#ifndef TUTORNET_TOOLS_COUNTRY_COUNTRY_H_
#define TUTORNET_TOOLS_COUNTRY_COUNTRY_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace tutornet::server {
class TutornetServer;
}

namespace tutornet::country {

struct CountryShape {
  int networks = 20;
  int municipalities = 300;  // Shared out among the networks.
  int schools = 2500;        // Shared out among the municipalities.
  int tutors = 15000;        // Shared out among the schools.
  int teachers = 40000;      // Shared out among the schools.
  int years = 10;            // School years, the last one being today's.
  // Hour records per tutor per month, on average (0 to twice this).
  int records_per_month = 2;
  int trainings_per_month = 4;  // Per network, August to May.
  // One approved record in this many is corrected after its month closed.
  int correct_one_in = 200;
  uint64_t seed = 1;
};

// The history's clock: the server's (ServerOptions::clock) and the
// generator's, set forward step by step; never goes back.
class HistoryClock {
 public:
  absl::Time Now() const { return absl::FromUnixMicros(micros_.load()); }
  void AdvanceTo(absl::Time t);

 private:
  std::atomic<int64_t> micros_{0};
};

// What was written, by kind of command, and the figures a reader of the
// data can check against (CountryTally::approved_minutes).
struct CountryTally {
  std::map<std::string, int64_t> commands;  // By kind, e.g. "hours.log".
  int64_t total_commands = 0;
  // Approved minutes per network and calendar month "YYYY-MM", as they
  // stand at the end (after every correction and void).
  std::map<std::string, std::map<std::string, int64_t>> approved_minutes;
};

// Called after each month: the month written, months done and in all,
// commands written so far.
using Progress = std::function<void(absl::CivilMonth month, int done, int total,
                                    int64_t commands)>;

// The first day of the history: August 1st of the first school year.
absl::CivilDay HistoryStart(const CountryShape& shape, absl::CivilDay today);

// Writes the country into `server`, whose clock is `clock`, up to `now`
// (steps at or after it are left out). INVALID_ARGUMENT for a shape that
// does not fit (fewer schools than municipalities, ...); the first
// command's error otherwise, naming the step.
absl::StatusOr<CountryTally> WriteCountry(server::TutornetServer& server,
                                          HistoryClock& clock,
                                          const CountryShape& shape,
                                          absl::Time now,
                                          const Progress& progress);

}  // namespace tutornet::country

#endif  // TUTORNET_TOOLS_COUNTRY_COUNTRY_H_
