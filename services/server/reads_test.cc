// Reads through the real server: position tokens that name their log and
// are checked at once, waits that hold no thread, effective dates, page
// tokens bound to their query.
#include <fstream>

#include "services/server/read_waits.h"
#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

class ReadsTest : public TokensTest {};

TEST_F(ReadsTest, PositionTokensNameTheirLogAndAreCheckedAtOnce) {
  v1::CommandResult r;
  ASSERT_TRUE(AddRegionAs(admin_, "tok-1", "ks-t", &r).ok());
  EXPECT_THAT(r.position_token(), ::testing::StartsWith("registry:"));
  v1::CommandResult person;
  ASSERT_TRUE(RecordPerson(admin_, "person-7", "", "tok-2", &person).ok());
  // A people token does not make registry reads wait: they do not read it.
  v1::ListSchoolsRequest req;
  req.add_position_tokens(person.position_token());
  req.add_position_tokens(r.position_token());
  v1::ListSchoolsResponse res;
  const absl::Time start = absl::Now();
  token_ = admin_;
  ASSERT_TRUE(List(req, &res).ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

TEST_F(ReadsTest, ManyReadsBeyondTheHeadNeitherWaitNorMakeThreads) {
  auto threads_now = [] {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
    }
    return -1;
  };
  const int before = threads_now();
  constexpr int kReads = 500;
  grpc::CompletionQueue cq;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<v1::ListSchoolsResponse> responses(kReads);
  std::vector<grpc::Status> statuses(kReads);
  for (int i = 0; i < kReads; ++i) {
    v1::ListSchoolsRequest req;
    req.set_network_id("ks");
    req.add_position_tokens("registry:99999999");
    contexts.push_back(Context());
    auto call = stub_->AsyncListSchools(contexts.back().get(), req, &cq);
    call->Finish(&responses[i], &statuses[i], reinterpret_cast<void*>(i + 1));
  }
  for (int i = 0; i < kReads; ++i) {
    void* tag;
    bool ok;
    ASSERT_TRUE(cq.Next(&tag, &ok));
  }
  for (const grpc::Status& s : statuses) {
    EXPECT_EQ(s.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  }
  EXPECT_LT(threads_now(), before + 50);
  cq.Shutdown();
}

TEST(ReadWaitsTest, TwoHundredWaitingReadsDoNotHoldUpOtherWork) {
  Executor executor(4, 1000);
  ReadWaits waits(executor, 1000);
  std::atomic<bool> arrived{false};
  std::atomic<int> finished{0};
  for (int i = 0; i < 200; ++i) {
    waits.Wait([&] { return arrived.load(); }, [] { return false; },
               absl::Now() + absl::Seconds(30),
               [&](absl::Status s) {
                 EXPECT_TRUE(s.ok()) << s;
                 ++finished;
               });
  }
  EXPECT_EQ(waits.waiting(), 200u);
  // Other work runs at once on the same four threads.
  absl::Notification other;
  ASSERT_TRUE(executor.Submit([&] { other.Notify(); }).ok());
  EXPECT_TRUE(other.WaitForNotificationWithTimeout(absl::Seconds(5)));
  arrived = true;
  waits.Poke();
  for (int i = 0; i < 500 && finished < 200; ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_EQ(finished, 200);
}

TEST(ReadWaitsTest, DeadlinesAndCancellationEndWaits) {
  Executor executor(2, 100);
  ReadWaits waits(executor, 1);
  absl::Notification timed_out, refused;
  waits.Wait([] { return false; }, [] { return false; },
             absl::Now() + absl::Milliseconds(50),
             [&](absl::Status s) {
               EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded);
               timed_out.Notify();
             });
  waits.Wait([] { return false; }, [] { return false; },
             absl::Now() + absl::Seconds(30),
             [&](absl::Status s) {
               EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
               refused.Notify();
             });
  EXPECT_TRUE(refused.WaitForNotificationWithTimeout(absl::Seconds(5)));
  EXPECT_TRUE(timed_out.WaitForNotificationWithTimeout(absl::Seconds(5)));
  absl::Notification cancelled;
  waits.Wait([] { return false; }, [] { return true; },
             absl::Now() + absl::Seconds(30),
             [&](absl::Status s) {
               EXPECT_EQ(s.code(), absl::StatusCode::kCancelled);
               cancelled.Notify();
             });
  EXPECT_TRUE(cancelled.WaitForNotificationWithTimeout(absl::Seconds(5)));
}

TEST_F(ReadsTest, EffectiveDatesApplyFromTheirDayOn) {
  // jamsa moves from ks-etela to ks-jyvaskyla in 2031.
  token_ = admin_;
  v1::AssignMunicipalityRequest move;
  move.mutable_header()->set_request_id("move-2031");
  move.mutable_command()->set_network_id("ks");
  move.mutable_command()->set_municipality_id("jamsa");
  move.mutable_command()->set_region_id("ks-jyvaskyla");
  *move.mutable_command()->mutable_effective() = [] {
    v1::Date d;
    d.set_year(2031);
    d.set_month(1);
    d.set_day(1);
    return d;
  }();
  v1::CommandResult moved;
  ASSERT_TRUE(stub_->AssignMunicipality(Context().get(), move, &moved).ok());
  v1::ListSchoolsRequest today;
  today.set_municipality_id("jamsa");
  today.add_position_tokens(moved.position_token());
  v1::ListSchoolsResponse now;
  ASSERT_TRUE(List(today, &now).ok());
  ASSERT_GT(now.schools_size(), 0);
  EXPECT_EQ(now.schools(0).region_id(), "ks-etela");
  v1::ListSchoolsRequest later = today;
  later.mutable_as_of()->set_year(2031);
  later.mutable_as_of()->set_month(1);
  later.mutable_as_of()->set_day(1);
  v1::ListSchoolsResponse then;
  ASSERT_TRUE(List(later, &then).ok());
  EXPECT_EQ(then.schools(0).region_id(), "ks-jyvaskyla");
  // The new region's coordinator may not act there before the day.
  const std::string north =
      MakeToken("person-400", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks",
                {"ks-jyvaskyla"});
  token_ = north;
  v1::CloseSchoolRequest close;
  close.mutable_header()->set_request_id("close-1");
  close.mutable_command()->set_network_id("ks");
  close.mutable_command()->set_school_id(now.schools(0).school_id());
  close.mutable_command()->mutable_effective()->set_year(2031);
  close.mutable_command()->mutable_effective()->set_month(6);
  close.mutable_command()->mutable_effective()->set_day(1);
  v1::CommandResult closed;
  EXPECT_EQ(stub_->CloseSchool(Context().get(), close, &closed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ReadsTest, PageTokensBelongToTheirQuery) {
  token_ = admin_;
  v1::ListSchoolsRequest first;
  first.set_page_size(2);
  v1::ListSchoolsResponse page;
  ASSERT_TRUE(List(first, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  v1::ListSchoolsRequest next = first;
  next.set_page_token(page.next_page_token());
  v1::ListSchoolsResponse second;
  ASSERT_TRUE(List(next, &second).ok());
  EXPECT_GT(second.schools(0).school_id(), page.schools(1).school_id());
  v1::ListSchoolsRequest other = next;
  other.set_region_id("ks-etela");
  EXPECT_EQ(List(other, &second).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListSchoolsRequest forged = first;
  forged.set_page_token("p1:0000000000000000:school-x");
  EXPECT_EQ(List(forged, &second).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListSchoolsRequest nowhere;
  nowhere.set_region_id("nope");
  EXPECT_EQ(List(nowhere, &second).error_code(), grpc::StatusCode::NOT_FOUND);
}
}  // namespace
}  // namespace tutornet::server
