// A small country written through the real services in process, then read
// back over gRPC and from the logs: the figures the generator says it wrote
// are the figures the dashboards serve, and the same seed writes the same
// history.
#include "tools/country/country.h"

#include <grpcpp/grpcpp.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/server/server.h"
#include "services/values/dates.h"
#include "storage/event_log.h"
#include "tests/support/temp_dir.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"

namespace tutornet::country {
namespace {

using testing::TempDir;

CountryShape Small(uint64_t seed) {
  CountryShape shape;
  shape.networks = 2;
  shape.municipalities = 4;
  shape.schools = 6;
  shape.tutors = 12;
  shape.teachers = 40;
  shape.years = 2;
  shape.trainings_per_month = 1;
  shape.correct_one_in = 20;  // Corrected months in every run.
  shape.seed = seed;
  return shape;
}

struct Written {
  std::unique_ptr<server::TutornetServer> server;
  CountryTally tally;
};

Written Write(const std::string& dir, const CountryShape& shape, absl::Time now,
              HistoryClock& clock) {
  server::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir;
  options.clock = [&clock] { return clock.Now(); };
  options.bulk_load = true;
  options.sign_interval = absl::ZeroDuration();
  Written w;
  absl::StatusOr<std::unique_ptr<server::TutornetServer>> server =
      server::TutornetServer::Start(options);
  EXPECT_TRUE(server.ok()) << server.status();
  if (!server.ok()) return w;
  w.server = std::move(*server);
  int last_done = 0;
  absl::StatusOr<CountryTally> tally =
      WriteCountry(*w.server, clock, shape, now,
                   [&](absl::CivilMonth, int done, int total, int64_t) {
                     EXPECT_EQ(done, last_done + 1);
                     EXPECT_LE(done, total);
                     last_done = done;
                   });
  EXPECT_TRUE(tally.ok()) << tally.status();
  if (tally.ok()) w.tally = std::move(*tally);
  EXPECT_TRUE(w.server->AwaitViews(absl::Seconds(30)).ok());
  return w;
}

std::unique_ptr<storage::EventLog> OpenLog(const std::string& dir) {
  storage::EventLogOptions options;
  options.read_only = true;
  absl::StatusOr<std::unique_ptr<storage::EventLog>> log =
      storage::EventLog::Open(dir, options);
  EXPECT_TRUE(log.ok()) << log.status();
  return log.ok() ? std::move(*log) : nullptr;
}

TEST(CountryTest, TheDashboardsServeTheHoursItApproved) {
  TempDir dir;
  HistoryClock clock;
  const absl::Time now = absl::Now();
  Written w = Write(dir.path(), Small(7), now, clock);
  ASSERT_NE(w.server, nullptr);
  EXPECT_GT(w.tally.commands["hours.approve"], 100);
  EXPECT_GT(w.tally.commands["hours.correct"], 5);
  EXPECT_GT(w.tally.commands["training.feedback"], 10);
  EXPECT_GT(w.tally.commands["badges.import"], 10);
  EXPECT_EQ(w.tally.commands["development.plan"], 12 * 2);
  EXPECT_GT(w.tally.commands["development.phase"], 10);
  EXPECT_GT(w.tally.commands["training.close_feedback"], 5);

  std::string token;
  std::ifstream(dir.Sub("admin.token")) >> token;
  auto stub = v1::DashboardService::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", w.server->port()),
                          grpc::InsecureChannelCredentials()));
  const absl::CivilDay today = values::FinnishDay(now);
  const absl::CivilDay start = HistoryStart(Small(7), today);
  int months_checked = 0;
  for (const std::string network : {"n01", "n02"}) {
    // School year by school year, each month's approved minutes.
    for (absl::CivilDay from = start; from <= today;
         from = absl::CivilDay(from.year() + 1, 8, 1)) {
      v1::GetDashboardRequest req;
      req.set_network_id(network);
      *req.mutable_from() = values::FromCivilDay(from);
      *req.mutable_to() = values::FromCivilDay(
          std::min(today, absl::CivilDay(from.year() + 1, 7, 31)));
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", "Bearer " + token);
      v1::DashboardResponse res;
      const grpc::Status s = stub->GetDashboard(&ctx, req, &res);
      ASSERT_TRUE(s.ok()) << s.error_message();
      std::map<std::string, int64_t> served;
      int64_t total = 0;
      for (const v1::MonthHours& m : res.current().hours().months()) {
        served[absl::StrFormat("%04d-%02d", m.month().year(),
                               m.month().month())] = m.minutes();
        total += m.minutes();
      }
      int64_t approved = 0;
      for (const auto& [month, minutes] : w.tally.approved_minutes[network]) {
        const absl::CivilDay first(std::stoi(month.substr(0, 4)),
                                   std::stoi(month.substr(5, 2)), 1);
        if (first < from || first > absl::CivilDay(from.year() + 1, 7, 31)) {
          continue;
        }
        EXPECT_EQ(served[month], minutes) << network << " " << month;
        approved += minutes;
        ++months_checked;
      }
      EXPECT_EQ(res.current().hours().minutes(), approved);
      if (from.year() < today.year() - 1 || today.month() >= 10) {
        // A school year with trainings a month behind it.
        EXPECT_GT(res.current().training().feedback_closed(), 0) << from;
        EXPECT_GT(res.current().training().feedback_average(), 1.0) << from;
      }
      EXPECT_EQ(total, approved);
    }
  }
  EXPECT_GT(months_checked, 10);
}

TEST(CountryTest, ADirectoryWhoseBulkLoadDidNotFinishIsNotServed) {
  TempDir dir;
  HistoryClock clock;
  Written w = Write(dir.path(), Small(7), absl::Now(), clock);
  ASSERT_NE(w.server, nullptr);
  const std::string marker = dir.Sub(server::kUnfinishedMarker);
  EXPECT_TRUE(std::filesystem::exists(marker));  // Not synced yet.
  w.server.reset();
  EXPECT_FALSE(std::filesystem::exists(marker));  // Synced as they closed.

  server::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.path();
  absl::StatusOr<std::unique_ptr<server::TutornetServer>> served =
      server::TutornetServer::Start(options);
  ASSERT_TRUE(served.ok()) << served.status();
  served->reset();
  std::ofstream(marker) << "killed half-way\n";  // As a crash leaves it.
  served = server::TutornetServer::Start(options);
  EXPECT_EQ(served.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(served.status().message()),
              ::testing::HasSubstr("did not finish"));
}

TEST(CountryTest, TheSameSeedWritesTheSameHistory) {
  const absl::Time now = absl::Now();
  TempDir first, second, other;
  std::map<std::string, std::string> dirs = {{"first", first.path()},
                                             {"second", second.path()},
                                             {"other", other.path()}};
  for (const auto& [name, dir] : dirs) {
    HistoryClock clock;
    Written w = Write(dir, Small(name == "other" ? 8 : 7), now, clock);
  }  // Each server closes: its logs sync.
  // The logs without signed heads in their events are the same, record for
  // record; the activity log's month closings carry a head signed with the
  // data directory's own key, so its other events are compared.
  for (const char* log : {"registry", "training", "badges", "development"}) {
    auto a = OpenLog(dirs["first"] + "/" + log);
    auto b = OpenLog(dirs["second"] + "/" + log);
    auto c = OpenLog(dirs["other"] + "/" + log);
    ASSERT_TRUE(a && b && c);
    EXPECT_GT(a->Head(), 10u) << log;
    ASSERT_EQ(a->Head(), b->Head()) << log;
    EXPECT_EQ(*a->RootAt(a->Head()), *b->RootAt(b->Head())) << log;
    if (std::string(log) != "registry") {
      EXPECT_TRUE(c->Head() != a->Head() ||
                  *c->RootAt(c->Head()) != *a->RootAt(a->Head()))
          << log << ": another seed wrote the same history";
    }
  }
  auto a = OpenLog(dirs["first"] + "/activity");
  auto b = OpenLog(dirs["second"] + "/activity");
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->Head(), b->Head());
  auto events = [](const storage::EventLog& log) {
    std::vector<storage::RecordedEvent> kept;
    EXPECT_TRUE(log.ScanAll(1, log.Head(),
                            [&kept](const storage::RecordedEvent& e) {
                              if (!absl::EndsWith(e.type, "MonthClosed")) {
                                kept.push_back(e);
                              }
                              return absl::OkStatus();
                            })
                    .ok());
    return kept;
  };
  const std::vector<storage::RecordedEvent> left = events(*a);
  const std::vector<storage::RecordedEvent> right = events(*b);
  EXPECT_GT(left.size(), 500u);
  EXPECT_EQ(left, right);
}

}  // namespace
}  // namespace tutornet::country
