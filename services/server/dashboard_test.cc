// Dashboards through the real server: hours by month, kind and place from
// the activity projection, the other contexts' figures beside them, and a
// dashboard as it stood at the end of a day (the logs replayed as far as
// they went then) next to today's, over gRPC and as JSON over HTTP.
#include <httplib.h>

#include <atomic>
#include <filesystem>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/server/activity_fixture.h"
#include "services/values/dates.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"

namespace tutornet::server {
namespace {

using ::testing::HasSubstr;

class DashboardTest : public ActivityTest {
 protected:
  DashboardTest() {
    SetDay(2026, 10, 20);
    clock_ = [this] { return absl::FromUnixMicros(now_micros_.load()); };
  }

  // The logs' clock: noon, Finnish time, of the day.
  void SetDay(int y, int m, int d) {
    now_micros_ = absl::ToUnixMicros(values::FromFinnishMinute(
        absl::CivilMinute(absl::CivilDay(y, m, d)) + 12 * 60));
  }

  void Connect() override {
    ActivityTest::Connect();
    dashboards_ = v1::DashboardService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  // October 2026 of network ks, optionally in a region or municipality,
  // and as it stood at the end of 31 October.
  static v1::GetDashboardRequest October(const std::string& region = "",
                                         const std::string& municipality = "") {
    v1::GetDashboardRequest req;
    req.set_network_id("ks");
    req.set_region_id(region);
    req.set_municipality_id(municipality);
    *req.mutable_from() = Day(2026, 10, 1);
    *req.mutable_to() = Day(2026, 10, 31);
    *req.mutable_as_of() = Day(2026, 10, 31);
    return req;
  }

  grpc::Status Get(const std::string& as, v1::GetDashboardRequest req,
                   v1::DashboardResponse* out) {
    token_ = as;
    ReadAfter("", req);
    return dashboards_->GetDashboard(Context().get(), req, out);
  }

  // Logged on 20 October: person-1 60 min peer support and 45 min
  // co-teaching in Jyväskylä, person-4 90 min in Muurame, approved; on
  // 5 November person-1's first record is shortened to 30 and person-4's
  // voided.
  void OctoberThenNovember() {
    Approved(tutor_, "person-1", "r-1", Entry(8));
    v1::HourEntry co_teaching = Entry(9, 9, 45);
    co_teaching.set_kind(v1::WORK_KIND_CO_TEACHING);
    Approved(tutor_, "person-1", "r-2", co_teaching);
    Approved(tutor4_, "person-4", "r-1", Entry(8, 13, 90, "school-muurame-1"));
    ASSERT_OK(FromGrpc(Log(tutor4_, "person-4", "r-2",
                           Entry(12, 13, 30, "school-muurame-1"), "l-4-2")));
    october_token_ = last_token_;
    SetDay(2026, 11, 5);
    ASSERT_OK(FromGrpc(Amend(network_, "person-1", "r-1", Entry(8, 9, 30),
                             "Kesto tarkistettu", "am-1")));
    ASSERT_OK(FromGrpc(Void(network_, "person-4", "r-1", "v-1")));
  }

  std::atomic<int64_t> now_micros_{0};
  std::string october_token_;  // The last write of 20 October.
  std::unique_ptr<v1::DashboardService::Stub> dashboards_;
};

TEST_F(DashboardTest, HoursByMonthKindAndPlaceAsKnownTodayAndAsTheyStood) {
  OctoberThenNovember();
  v1::DashboardResponse res;
  ASSERT_OK(FromGrpc(Get(network_, October(), &res)));

  const v1::HoursFigures& now = res.current().hours();
  EXPECT_EQ(now.minutes(), 30 + 45);
  EXPECT_EQ(now.records(), 2);
  EXPECT_EQ(now.active_tutors(), 1);
  ASSERT_EQ(now.kinds_size(), 2);
  EXPECT_EQ(now.kinds(0).kind(), v1::WORK_KIND_PEER_SUPPORT);
  EXPECT_EQ(now.kinds(0).minutes(), 30);
  EXPECT_EQ(now.kinds(1).kind(), v1::WORK_KIND_CO_TEACHING);
  EXPECT_EQ(now.kinds(1).minutes(), 45);
  ASSERT_EQ(now.months_size(), 1);
  EXPECT_EQ(now.months(0).month().month(), 10);
  EXPECT_EQ(now.months(0).tutors(), 1);

  // As it stood at the end of 31 October: before the amendment and the
  // void, which were recorded on 5 November.
  ASSERT_TRUE(res.has_as_of());
  EXPECT_EQ(res.as_of().as_of().day(), 31);
  const v1::HoursFigures& then = res.as_of().hours();
  EXPECT_EQ(then.minutes(), 60 + 45 + 90);
  EXPECT_EQ(then.records(), 3);
  EXPECT_EQ(then.active_tutors(), 2);
  EXPECT_EQ(then.months(0).tutors(), 2);

  // A municipality and a region: where the work was done.
  ASSERT_OK(FromGrpc(Get(network_, October("", "muurame"), &res)));
  EXPECT_EQ(res.current().hours().minutes(), 0);
  EXPECT_EQ(res.as_of().hours().minutes(), 90);
  ASSERT_OK(FromGrpc(Get(regional_, October("ks-jyvaskyla"), &res)));
  EXPECT_EQ(res.as_of().hours().minutes(), 60 + 45 + 90);
  ASSERT_OK(FromGrpc(Get(network_, October("ks-etela"), &res)));
  EXPECT_EQ(res.as_of().hours().minutes(), 0);
  // The other contexts' figures are there, of the same scope.
  EXPECT_EQ(res.current().badges().region_id(), "ks-etela");
  EXPECT_GT(res.current().training().reach().schools(), 0);

  // As of a write: the logs up to it, and the positions read echoed.
  v1::GetDashboardRequest at_write = October();
  at_write.clear_as_of();
  at_write.add_as_of_positions(october_token_);
  ASSERT_OK(FromGrpc(Get(network_, at_write, &res)));
  EXPECT_EQ(res.as_of().hours().minutes(), 60 + 45 + 90);
  EXPECT_EQ(res.as_of().as_of().day(), 20);
  EXPECT_THAT(res.as_of().positions(), ::testing::Contains(october_token_));
  EXPECT_EQ(res.current().hours().minutes(), 75);
  // The positions and day echoed give the same figures again, whether the
  // first question was by positions or by day.
  for (const v1::GetDashboardRequest& first : {at_write, October()}) {
    ASSERT_OK(FromGrpc(Get(network_, first, &res)));
    v1::GetDashboardRequest again = first;
    again.clear_as_of_positions();
    *again.mutable_as_of() = res.as_of().as_of();
    for (const std::string& p : res.as_of().positions()) {
      again.add_as_of_positions(p);
    }
    v1::DashboardResponse same;
    ASSERT_OK(FromGrpc(Get(network_, again, &same)));
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
        res.as_of(), same.as_of()))
        << res.as_of().ShortDebugString() << "\n"
        << same.as_of().ShortDebugString();
  }

  // A day before anything was written: the network did not exist yet.
  v1::GetDashboardRequest early = October();
  *early.mutable_as_of() = Day(2026, 9, 1);
  ASSERT_OK(FromGrpc(Get(funder_, early, &res)));
  EXPECT_EQ(res.as_of().hours().minutes(), 0);
  EXPECT_FALSE(res.as_of().has_badges());
  EXPECT_EQ(res.current().hours().minutes(), 75);
}

// Each municipality's months of the period, however its rows lie: months
// before and after the period, and municipalities out of the scope, are
// passed over (the hp/ rows are a municipality's months in order).
TEST_F(DashboardTest, HoursOfThePeriodsMonthsInEachMunicipality) {
  auto on = [](v1::HourEntry e, int month, int day) {
    *e.mutable_date() = Day(2026, month, day);
    return e;
  };
  Approved(tutor_, "person-1", "r-1", on(Entry(1, 9, 20), 9, 15));
  Approved(tutor_, "person-1", "r-2", Entry(8, 9, 40));
  Approved(tutor4_, "person-4", "r-1",
           on(Entry(1, 9, 25, "school-muurame-1"), 9, 16));
  Approved(tutor4_, "person-4", "r-2", Entry(9, 9, 50, "school-muurame-1"));
  v1::GetDashboardRequest autumn = October();
  *autumn.mutable_from() = Day(2026, 9, 1);
  v1::GetDashboardRequest september = autumn;
  *september.mutable_to() = Day(2026, 9, 30);
  *september.mutable_as_of() = Day(2026, 9, 30);
  struct Case {
    v1::GetDashboardRequest req;
    std::string municipality;
    int64_t minutes;
    int months;
  };
  const Case cases[] = {
      {October(), "", 40 + 50, 1},     {autumn, "", 20 + 40 + 25 + 50, 2},
      {september, "", 20 + 25, 1},     {October(), "jyvaskyla", 40, 1},
      {October(), "muurame", 50, 1},   {autumn, "muurame", 25 + 50, 2},
      {september, "jyvaskyla", 20, 1}, {October(), "laukaa", 0, 0},
  };
  for (const Case& c : cases) {
    v1::GetDashboardRequest req = c.req;
    req.set_municipality_id(c.municipality);
    v1::DashboardResponse res;
    ASSERT_OK(FromGrpc(Get(network_, req, &res)));
    SCOPED_TRACE(req.ShortDebugString());
    EXPECT_EQ(res.current().hours().minutes(), c.minutes);
    EXPECT_EQ(res.current().hours().months_size(), c.months);
  }
  // A region: its municipalities' months.
  v1::DashboardResponse res;
  v1::GetDashboardRequest region = autumn;
  region.set_region_id("ks-jyvaskyla");
  ASSERT_OK(FromGrpc(Get(regional_, region, &res)));
  EXPECT_EQ(res.current().hours().minutes(), 20 + 40 + 25 + 50);
  EXPECT_EQ(res.current().hours().active_tutors(), 2);
  region.set_region_id("ks-etela");
  ASSERT_OK(FromGrpc(Get(network_, region, &res)));
  EXPECT_EQ(res.current().hours().minutes(), 0);
}

// The stores of as-of replays under the data directory.
int ReplayStores(const std::string& data_dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator(data_dir + "/projections/replays")) {
    ++n;
  }
  return n;
}

TEST_F(DashboardTest, AsOfReplaysAreKeptOnDiskAndLetGoAtRestart) {
  OctoberThenNovember();
  v1::DashboardResponse res;
  ASSERT_OK(FromGrpc(Get(network_, October(), &res)));
  EXPECT_EQ(res.as_of().hours().minutes(), 60 + 45 + 90);
  // One store per view the dashboard reads, asked again: the same ones.
  EXPECT_EQ(ReplayStores(dir_.path()), 5);
  ASSERT_OK(FromGrpc(Get(funder_, October(), &res)));
  EXPECT_EQ(ReplayStores(dir_.path()), 5);
  // A restart lets them go, and what a crash would leave too; the day is
  // replayed again, to the same figures.
  std::filesystem::create_directory(dir_.path() + "/projections/replays/99");
  RestartServer();
  EXPECT_EQ(ReplayStores(dir_.path()), 0);
  ASSERT_OK(FromGrpc(Get(network_, October(), &res)));
  EXPECT_EQ(res.as_of().hours().minutes(), 60 + 45 + 90);
  EXPECT_EQ(res.current().hours().minutes(), 75);
  EXPECT_EQ(ReplayStores(dir_.path()), 5);
}

TEST_F(DashboardTest, AFundersHoursAreOfItsProjectsOnly) {
  ASSERT_OK(FromGrpc(CreateProject(network_, "esr-1", "p-esr")));
  Approved(tutor_, "person-1", "r-1", Entry(8));  // oph-2026, 60 min.
  v1::HourEntry esr = Entry(9, 9, 500);
  esr.set_project_id("esr-1");
  Approved(tutor_, "person-1", "r-2", esr);
  v1::DashboardResponse res;
  ASSERT_OK(FromGrpc(Get(funder_, October(), &res)));
  EXPECT_EQ(res.current().hours().minutes(), 60);
  EXPECT_EQ(res.as_of().hours().minutes(), 60);
  ASSERT_OK(FromGrpc(Get(other_funder_, October(), &res)));
  EXPECT_EQ(res.current().hours().minutes(), 500);
  ASSERT_OK(FromGrpc(Get(network_, October(), &res)));
  EXPECT_EQ(res.current().hours().minutes(), 560);
}

TEST_F(DashboardTest, OnlyCoordinatorsFundersAndAdminsOfTheScopeRead) {
  v1::DashboardResponse res;
  EXPECT_OK(FromGrpc(Get(funder_, October(), &res)));
  EXPECT_OK(FromGrpc(Get(regional_, October("", "muurame"), &res)));
  struct Refusal {
    std::string token;
    v1::GetDashboardRequest request;
    grpc::StatusCode code;
    std::string says;
  };
  v1::GetDashboardRequest both = October("ks-etela", "muurame");
  v1::GetDashboardRequest backwards = October();
  *backwards.mutable_from() = Day(2026, 11, 1);
  v1::GetDashboardRequest tomorrow = October();
  *tomorrow.mutable_as_of() =
      values::FromCivilDay(values::FinnishDay(absl::Now()) + 1);
  v1::GetDashboardRequest bad_day = October();
  bad_day.mutable_to()->set_day(32);
  v1::GetDashboardRequest nothing_written = October();
  nothing_written.clear_as_of();
  nothing_written.add_as_of_positions("activity:0");
  v1::GetDashboardRequest bad_position = October();
  bad_position.clear_as_of();
  bad_position.add_as_of_positions("activity:0x1");
  v1::GetDashboardRequest beyond = October();
  beyond.clear_as_of();
  beyond.add_as_of_positions("activity:99999999");
  v1::GetDashboardRequest elsewhere = October();
  elsewhere.set_network_id("nowhere");
  const std::vector<Refusal> refusals = {
      {tutor_, October(), grpc::StatusCode::PERMISSION_DENIED, "dashboards"},
      {regional_, October(), grpc::StatusCode::PERMISSION_DENIED,
       "whole network"},
      {south_, October("ks-jyvaskyla"), grpc::StatusCode::PERMISSION_DENIED,
       "outside its regions"},
      {south_, October("", "muurame"), grpc::StatusCode::PERMISSION_DENIED,
       "outside its regions"},
      {network_, October("no-such-region"), grpc::StatusCode::NOT_FOUND,
       "region_id"},
      {network_, October("", "no-such-place"), grpc::StatusCode::NOT_FOUND,
       "municipality_id"},
      {network_, elsewhere, grpc::StatusCode::PERMISSION_DENIED,
       "network \"nowhere\""},
      {admin_, elsewhere, grpc::StatusCode::NOT_FOUND, "network_id"},
      {network_, both, grpc::StatusCode::INVALID_ARGUMENT, "municipality_id"},
      {network_, backwards, grpc::StatusCode::INVALID_ARGUMENT, "from"},
      {network_, tomorrow, grpc::StatusCode::INVALID_ARGUMENT, "as_of"},
      {network_, bad_day, grpc::StatusCode::INVALID_ARGUMENT, "to"},
      {network_, nothing_written, grpc::StatusCode::INVALID_ARGUMENT,
       "as_of_positions"},
      {network_, bad_position, grpc::StatusCode::INVALID_ARGUMENT,
       "as_of_positions"},
      {network_, beyond, grpc::StatusCode::OUT_OF_RANGE, "as_of_positions"},
  };
  for (const Refusal& r : refusals) {
    const grpc::Status s = Get(r.token, r.request, &res);
    EXPECT_EQ(s.error_code(), r.code) << r.request.ShortDebugString();
    EXPECT_THAT(s.error_message(), HasSubstr(r.says))
        << r.request.ShortDebugString();
  }
}

TEST_F(DashboardTest, TheSameMessagesAsJsonOverHttp) {
  OctoberThenNovember();
  v1::DashboardResponse grpc_answer;
  ASSERT_OK(FromGrpc(Get(funder_, October(), &grpc_answer)));

  httplib::Client http("127.0.0.1", server_->http_port());
  auto post = [&](const std::string& token, const std::string& body) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return http.Post("/v1/tutornet.v1.DashboardService/GetDashboard", headers,
                     body, "application/json");
  };
  std::string body;
  ASSERT_TRUE(
      google::protobuf::util::MessageToJsonString(October(), &body).ok());
  httplib::Result r = post(funder_, body);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  v1::DashboardResponse http_answer;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(r->body, &http_answer).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(grpc_answer,
                                                                 http_answer))
      << http_answer.ShortDebugString();
  EXPECT_THAT(r->body, HasSubstr("\"activeTutors\":1"));

  r = post("", body);
  EXPECT_EQ(r->status, 401);
  EXPECT_THAT(r->body, HasSubstr("UNAUTHENTICATED"));
  r = post(tutor_, body);
  EXPECT_EQ(r->status, 403);
  EXPECT_THAT(r->body, HasSubstr("PERMISSION_DENIED"));
  r = post(funder_, R"({"networkId":"ks","regionn":"x"})");
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(r->body,
              HasSubstr("body: not a tutornet.v1.GetDashboardRequest"));
  r = post(funder_, R"({"networkId":"nowhere"})");
  EXPECT_EQ(r->status, 403);  // Another network: nothing of it is told.
  r = post(admin_, R"({"networkId":"nowhere"})");
  EXPECT_EQ(r->status, 404);
  r = post(funder_, std::string(5000, ' '));
  EXPECT_EQ(r->status, 413);
  EXPECT_THAT(r->body, HasSubstr("RESOURCE_EXHAUSTED"));
  r = http.Get("/v1/tutornet.v1.DashboardService/GetDashboard");
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(r->get_header_value("Allow"), "POST");
  // The scheme is case-insensitive.
  r = http.Post("/v1/tutornet.v1.DashboardService/GetDashboard",
                httplib::Headers{{"Authorization", "bearer " + funder_}}, body,
                "application/json");
  EXPECT_EQ(r->status, 200);
  r = post(funder_,
           R"({"networkId":"ks","positionTokens":["activity:999999"]})");
  EXPECT_EQ(r->status, 400);
  EXPECT_THAT(r->body, HasSubstr("beyond its head"));

  // The funder's month report, the same way.
  r = http.Post("/v1/tutornet.v1.ActivityService/GetMonthReport",
                httplib::Headers{{"Authorization", "Bearer " + funder_}},
                R"({"projectId":"oph-2026","month":{"year":2026,"month":10}})",
                "application/json");
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_THAT(r->body, HasSubstr("is not closed"));
}

}  // namespace
}  // namespace tutornet::server
