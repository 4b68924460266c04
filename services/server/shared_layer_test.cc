// The shared layer's promises through the real server: idempotency in
// every case, request ids that no one else can take, position tokens that
// name their log, bounded waits, effective dates, personal data by scope,
// a tokens file that is never silently replaced, private data files, and
// a first start that survives SIGKILL.
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "services/server/read_waits.h"
#include "services/server/server_fixture.h"

extern char** environ;

namespace tutornet::server {
namespace {

class SharedLayerTest : public TokensTest {
 protected:
  grpc::Status Region(const std::string& as, const std::string& request_id,
                      const std::string& region, v1::CommandResult* result) {
    token_ = as;
    return AddRegion(request_id, region, result);
  }

  grpc::Status RecordPerson(const std::string& as, const std::string& id,
                            const std::string& email,
                            const std::string& request_id,
                            v1::CommandResult* res) {
    token_ = as;
    v1::RecordPersonRequest req;
    req.mutable_header()->set_request_id(request_id);
    req.mutable_person()->set_person_id(id);
    req.mutable_person()->set_name("Aino Esimerkki");
    req.mutable_person()->set_email(email);
    return stub_->RecordPerson(Context().get(), req, res);
  }

  uint64_t Head() {
    token_ = admin_;
    v1::Network network;
    EXPECT_TRUE(GetNetwork("", &network).ok());
    return network.version();
  }
};

TEST_F(SharedLayerTest, EightCopiesOfOneRequestAtOnceLandOnce) {
  const uint64_t before = Head();
  constexpr int kCopies = 8;
  std::vector<v1::CommandResult> results(kCopies);
  std::vector<grpc::Status> statuses(kCopies);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCopies; ++i) {
    threads.emplace_back([&, i] {
      v1::AddRegionRequest req;
      req.mutable_header()->set_request_id("same-request");
      req.mutable_command()->set_network_id("ks");
      req.mutable_command()->set_region_id("ks-uusi");
      req.mutable_command()->mutable_name()->set_fi("Uusi");
      auto ctx = std::make_unique<grpc::ClientContext>();
      ctx->AddMetadata("authorization", "Bearer " + admin_);
      statuses[i] = stub_->AddRegion(ctx.get(), req, &results[i]);
    });
  }
  for (std::thread& t : threads) t.join();
  int first = 0;
  for (int i = 0; i < kCopies; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << statuses[i].error_message();
    EXPECT_EQ(results[i].stream_version(), before + 1);
    EXPECT_EQ(results[i].position_token(), results[0].position_token());
    first += results[i].deduplicated() ? 0 : 1;
  }
  EXPECT_EQ(first, 1);
  EXPECT_EQ(Head(), before + 1);
}

TEST_F(SharedLayerTest, ARetryOfRecordPersonIsAnsweredWithTheFirstResult) {
  v1::CommandResult first, retry;
  ASSERT_TRUE(
      RecordPerson(admin_, "person-1", "a@b.fi", "person-r1", &first).ok());
  absl::SleepFor(absl::Milliseconds(2));  // Another server time.
  const grpc::Status s =
      RecordPerson(admin_, "person-1", "a@b.fi", "person-r1", &retry);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(retry.deduplicated());
  EXPECT_EQ(retry.position_token(), first.position_token());
  EXPECT_THAT(first.position_token(), ::testing::StartsWith("people:"));
}

TEST_F(SharedLayerTest, AReusedRequestIdForAnotherCommandWritesNothing) {
  v1::CommandResult r;
  ASSERT_TRUE(Region(admin_, "reuse-1", "ks-a", &r).ok());
  const uint64_t before = Head();
  const grpc::Status s = Region(admin_, "reuse-1", "ks-b", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Head(), before);
}

TEST_F(SharedLayerTest, ARecordedRequestIsNotAnsweredToWhoMayNotIssueIt) {
  const std::string coordinator =
      MakeToken("person-300", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "ks");
  v1::CommandResult r;
  ASSERT_TRUE(Region(coordinator, "mine-1", "ks-c", &r).ok());
  // The same person, now only a tutor, replays the recorded request.
  token_ = admin_;
  v1::RevokeTokenRequest revoke;
  revoke.set_principal_id("person-300");
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(access_->RevokeToken(Context().get(), revoke, &revoked).ok());
  const std::string tutor =
      MakeToken("person-300", v1::ACCESS_ROLE_TUTOR, "ks");
  EXPECT_EQ(Region(tutor, "mine-1", "ks-c", &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Someone else replaying the id is refused for what they ask, not
  // answered with another's result.
  const std::string stranger =
      MakeToken("person-901", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  EXPECT_EQ(Region(stranger, "mine-1", "ks-c", &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SharedLayerTest, NoOneCanSquatAnotherPrincipalsRequestId) {
  const std::string stranger =
      MakeToken("person-902", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  v1::CommandResult r;
  // A coordinator of another network takes a predictable id first ...
  EXPECT_FALSE(Region(stranger, "import-schools-line-2", "ks-x", &r).ok());
  // ... and the coordinator of ks uses it as if nothing happened.
  const std::string coordinator =
      MakeToken("person-301", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "ks");
  ASSERT_TRUE(Region(coordinator, "import-schools-line-2", "ks-x", &r).ok());
  EXPECT_FALSE(r.deduplicated());
}

TEST_F(SharedLayerTest, TheDemoLoadsAgainAfterARestart) {
  Restart();
  absl::StatusOr<std::string> again = LoadDemoNetwork(address_, dir_.path());
  ASSERT_TRUE(again.ok()) << again.status();
}

TEST_F(SharedLayerTest, PositionTokensNameTheirLogAndAreCheckedAtOnce) {
  v1::CommandResult r;
  ASSERT_TRUE(Region(admin_, "tok-1", "ks-t", &r).ok());
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

TEST_F(SharedLayerTest, ManyReadsBeyondTheHeadNeitherWaitNorMakeThreads) {
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

TEST_F(SharedLayerTest, EffectiveDatesApplyFromTheirDayOn) {
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

TEST_F(SharedLayerTest, PersonalDataOnlyWithinTheCoordinatorsNetwork) {
  v1::CommandResult r;
  ASSERT_TRUE(RecordPerson(admin_, "person-admin", "admin@tutornet.fi",
                           "admin-self", &r)
                  .ok());
  ASSERT_TRUE(
      RecordPerson(admin_, "person-101", "tutor@ks.fi", "p101", &r).ok());
  const std::string stranger =
      MakeToken("person-903", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  const std::string regional = MakeToken(
      "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
  v1::Person person;
  v1::GetPersonRequest get;
  get.set_person_id("person-101");
  token_ = stranger;
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  get.set_person_id("person-admin");
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(RecordPerson(regional, "person-admin", "evil@x.fi", "evil", &r)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  token_ = admin_;
  ASSERT_TRUE(stub_->GetPerson(Context().get(), get, &person).ok());
  EXPECT_EQ(person.email(), "admin@tutornet.fi");
}

TEST_F(SharedLayerTest, ASecondServerCannotTakeThePort) {
  testing::TempDir other;
  ServerOptions options;
  options.listen = address_;
  options.data_dir = other.Sub("data");
  EXPECT_THAT(TutornetServer::Start(options).status(),
              testing::StatusIs(absl::StatusCode::kUnavailable));
}

TEST(DataDirectoryTest, AForeignPeopleDirectoryIsNotMistakenForOurs) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.Sub("people"));
  std::ofstream(dir.Sub("people/photo.jpg")) << "x";
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.path();
  EXPECT_THAT(TutornetServer::Start(options).status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("people")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("tokens")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("registry")));
}

TEST(DataDirectoryTest, AForeignDirectoryIsNeitherFilledNorChanged) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("notes.txt")) << "someone else's";
  ::chmod(dir.path().c_str(), 0755);
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.path();
  EXPECT_THAT(TutornetServer::Start(options).status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("notes.txt")));
  struct stat st;
  ASSERT_EQ(::stat(dir.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("registry")));
}

TEST_F(SharedLayerTest, TheLastAdminCannotBeRevoked) {
  token_ = admin_;
  v1::RevokeTokenRequest revoke;
  revoke.set_principal_id("person-admin");
  v1::RevokeTokenResponse res;
  const grpc::Status s = access_->RevokeToken(Context().get(), revoke, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::Network network;
  EXPECT_TRUE(GetNetwork("", &network).ok());  // Still an admin.
}

TEST_F(SharedLayerTest, DataFilesArePrivateWhateverTheUmask) {
  for (const char* dir : {"registry", "people", "projections/registry"}) {
    struct stat st;
    ASSERT_EQ(::stat(dir_.Sub(dir).c_str(), &st), 0) << dir;
    EXPECT_EQ(st.st_mode & 077, 0u) << dir;
  }
  struct stat st;
  ASSERT_EQ(::stat(dir_.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
}

// Tokens files that cannot be trusted stop the server; none is replaced.
class TokensFileTest : public ::testing::Test {
 protected:
  absl::Status StartOn(const std::string& data_dir) {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = data_dir;
    return TutornetServer::Start(options).status();
  }
  testing::TempDir dir_;
};

TEST_F(TokensFileTest, MissingEmptyOrADirectoryIsAnError) {
  ASSERT_TRUE(StartOn(dir_.path()).ok());  // First start: made.
  const std::string tokens = dir_.Sub("tokens");
  std::filesystem::rename(tokens, tokens + ".saved");
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("missing")));
  EXPECT_FALSE(std::filesystem::exists(tokens));  // Not made anew.
  { std::ofstream empty(tokens); }
  ::chmod(tokens.c_str(), 0600);
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("no admin")));
  std::filesystem::remove(tokens);
  std::filesystem::create_directory(tokens);
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("not a regular file")));
  std::filesystem::remove(tokens);
  // The same hash twice: which principal would it be?
  std::string line;
  { std::ifstream(tokens + ".saved") >> line; }
  {
    std::ofstream twice(tokens);
    twice << line << " person-x tutor ks\n" << line << " person-admin admin\n";
  }
  ::chmod(tokens.c_str(), 0600);
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("earlier line")));
  std::filesystem::remove(tokens);
  std::filesystem::rename(tokens + ".saved", tokens);
  EXPECT_TRUE(StartOn(dir_.path()).ok());
}

// tutornetd killed 10-200 ms after its very first start: the next start
// must find a usable data directory every time.
TEST(FirstStartCrashTest, ADataDirectoryKilledWhileBeingMadeStillOpens) {
  std::mt19937 random(std::random_device{}());
  for (int round = 0; round < 8; ++round) {
    testing::TempDir dir;
    const std::string data = dir.Sub("data");
    const std::string flag = "--data_dir=" + data;
    const char* argv[] = {TUTORNETD_PATH, flag.c_str(), "--listen=127.0.0.1:0",
                          nullptr};
    pid_t pid = 0;
    ASSERT_EQ(::posix_spawn(&pid, TUTORNETD_PATH, nullptr, nullptr,
                            const_cast<char**>(argv), environ),
              0);
    absl::SleepFor(absl::Milliseconds(10 + random() % 190));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = data;
    absl::StatusOr<std::unique_ptr<TutornetServer>> server =
        TutornetServer::Start(options);
    // A kill before the tokens file was written leaves no logs either, so
    // this start is a first start again; after it, the file is there.
    EXPECT_TRUE(server.ok()) << "round " << round << ": " << server.status();
  }
}

}  // namespace
}  // namespace tutornet::server

namespace tutornet::server {
namespace {

TEST_F(SharedLayerTest, InvalidUtf8IsInvalidArgumentNamingTheField) {
  v1::CommandResult r;
  // The client's protobuf logs that it sends bad UTF-8; it sends it anyway,
  // as any client in any language could.
  const grpc::Status s =
      RecordPerson(admin_, "person-8", "", "utf8-1", &r);  // Sanity: valid.
  ASSERT_TRUE(s.ok()) << s.error_message();
  token_ = admin_;
  v1::RecordPersonRequest req;
  req.mutable_header()->set_request_id("utf8-2");
  req.mutable_person()->set_person_id("person-8");
  req.mutable_person()->set_name(std::string("Aino \xff\xfe"));
  const grpc::Status bad = stub_->RecordPerson(Context().get(), req, &r);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message(), "person.name: is not valid UTF-8");
  v1::AddRegionRequest region;
  region.mutable_header()->set_request_id("utf8-3");
  region.mutable_command()->set_network_id("ks");
  region.mutable_command()->set_region_id("ks-utf");
  region.mutable_command()->mutable_name()->set_sv(std::string("\xc0\xaf"));
  const grpc::Status nested = stub_->AddRegion(Context().get(), region, &r);
  EXPECT_EQ(nested.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(nested.error_message(), "command.name.sv: is not valid UTF-8");
  // Without a token, nothing is said about the request.
  grpc::ClientContext anonymous;
  EXPECT_EQ(stub_->AddRegion(&anonymous, region, &r).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace tutornet::server

namespace tutornet::server {
namespace {

TEST_F(SharedLayerTest, AFutureAppointmentGrantsNoPersonalData) {
  v1::CommandResult r;
  ASSERT_TRUE(RecordPerson(admin_, "person-101", "t@ks.fi", "pd-1", &r).ok());
  // A coordinator of another network appoints a ks tutor into its own
  // network from 2199 on: not a role held, so no access.
  token_ = admin_;
  v1::CreateNetworkRequest create;
  create.mutable_header()->set_request_id("pd-net");
  create.mutable_command()->set_network_id("zz");
  create.mutable_command()->mutable_name()->set_fi("Zeta");
  create.mutable_command()->set_coordinating_municipality_id("zeta");
  ASSERT_TRUE(stub_->CreateNetwork(Context().get(), create, &r).ok());
  const std::string zz =
      MakeToken("person-950", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  token_ = zz;
  v1::AppointRoleRequest grab;
  grab.mutable_header()->set_request_id("grab");
  grab.mutable_command()->set_network_id("zz");
  grab.mutable_command()->set_appointment_id("grab-1");
  grab.mutable_command()->set_person_id("person-101");
  grab.mutable_command()->set_role(v1::ROLE_STAKEHOLDER_REPRESENTATIVE);
  grab.mutable_command()->mutable_start()->set_year(2199);
  grab.mutable_command()->mutable_start()->set_month(1);
  grab.mutable_command()->mutable_start()->set_day(1);
  ASSERT_TRUE(stub_->AppointRole(Context().get(), grab, &r).ok());
  v1::GetPersonRequest get;
  get.set_person_id("person-101");
  v1::Person person;
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Back-dated, the role is held, but in two networks now: the appointer
  // still gets nothing, and neither may change it.
  grab.mutable_header()->set_request_id("grab-2");
  grab.mutable_command()->set_appointment_id("grab-2");
  grab.mutable_command()->mutable_start()->set_year(2000);
  *grab.mutable_command()->mutable_end() = grab.command().start();
  const grpc::Status appointed = stub_->AppointRole(Context().get(), grab, &r);
  ASSERT_TRUE(appointed.ok()) << appointed.error_message();
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      RecordPerson(zz, "person-101", "x@evil.fi", "grab-3", &r).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  token_ = admin_;
  ASSERT_TRUE(stub_->GetPerson(Context().get(), get, &person).ok());
  EXPECT_EQ(person.email(), "t@ks.fi");
}

TEST_F(SharedLayerTest, RegionalCoordinatorsDoNotChangeTheirCoordinators) {
  v1::CommandResult r;
  // person-200 is the demo network's coordinator.
  ASSERT_TRUE(RecordPerson(admin_, "person-200", "nc@ks.fi", "pd-2", &r).ok());
  const std::string regional = MakeToken(
      "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
  EXPECT_EQ(RecordPerson(regional, "person-200", "evil@x.fi", "pd-3", &r)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SharedLayerTest, RegionalCoordinatorsChangeOnlyTheirRegionsPeople) {
  v1::CommandResult r;
  // person-1 tutors in ks-jyvaskyla, outside ks-etela.
  ASSERT_TRUE(RecordPerson(admin_, "person-1", "t1@ks.fi", "pd-4", &r).ok());
  const std::string south = MakeToken(
      "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
  EXPECT_EQ(
      RecordPerson(south, "person-1", "evil@x.fi", "pd-5", &r).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(SharedLayerTest, NoVersionIsRevealedToWhoMayNotWrite) {
  const std::string funder =
      MakeToken("funder-9", v1::ACCESS_ROLE_FUNDER, "ks");
  token_ = funder;
  v1::AddRegionRequest req;
  req.mutable_header()->set_request_id("probe");
  req.mutable_header()->set_exact(0);
  req.mutable_command()->set_network_id("ks");
  req.mutable_command()->set_region_id("r");
  req.mutable_command()->mutable_name()->set_fi("R");
  v1::CommandResult r;
  const grpc::Status s = stub_->AddRegion(Context().get(), req, &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), ::testing::Not(HasSubstr("version")));
}

}  // namespace
}  // namespace tutornet::server

namespace tutornet::server {
namespace {

TEST_F(SharedLayerTest, PageTokensBelongToTheirQuery) {
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
