// What every command's request promises, through the real server:
// idempotency in every case (concurrent copies, retries of every command,
// reused ids, replays by who may not, ids no one else can take), no
// version revealed to who may not write, and bad bytes named by field.
#include <thread>

#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

class RequestsTest : public TokensTest {};

TEST_F(RequestsTest, EightCopiesOfOneRequestAtOnceLandOnce) {
  const uint64_t before = NetworkVersion();
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
  EXPECT_EQ(NetworkVersion(), before + 1);
}

TEST_F(RequestsTest, ARetryOfRecordPersonIsAnsweredWithTheFirstResult) {
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

TEST_F(RequestsTest, AReusedRequestIdForAnotherCommandWritesNothing) {
  v1::CommandResult r;
  ASSERT_TRUE(AddRegionAs(admin_, "reuse-1", "ks-a", &r).ok());
  const uint64_t before = NetworkVersion();
  const grpc::Status s = AddRegionAs(admin_, "reuse-1", "ks-b", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(NetworkVersion(), before);
}

TEST_F(RequestsTest, ARecordedRequestIsNotAnsweredToWhoMayNotIssueIt) {
  const std::string coordinator =
      MakeToken("person-300", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "ks");
  v1::CommandResult r;
  ASSERT_TRUE(AddRegionAs(coordinator, "mine-1", "ks-c", &r).ok());
  // The same person, now only a tutor, replays the recorded request.
  token_ = admin_;
  v1::RevokeTokenRequest revoke;
  revoke.set_principal_id("person-300");
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(access_->RevokeToken(Context().get(), revoke, &revoked).ok());
  const std::string tutor =
      MakeToken("person-300", v1::ACCESS_ROLE_TUTOR, "ks");
  EXPECT_EQ(AddRegionAs(tutor, "mine-1", "ks-c", &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Someone else replaying the id is refused for what they ask, not
  // answered with another's result.
  const std::string stranger =
      MakeToken("person-901", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  EXPECT_EQ(AddRegionAs(stranger, "mine-1", "ks-c", &r).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(RequestsTest, NoOneCanSquatAnotherPrincipalsRequestId) {
  const std::string stranger =
      MakeToken("person-902", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  v1::CommandResult r;
  // A coordinator of another network takes a predictable id first ...
  EXPECT_FALSE(AddRegionAs(stranger, "import-schools-line-2", "ks-x", &r).ok());
  // ... and the coordinator of ks uses it as if nothing happened.
  const std::string coordinator =
      MakeToken("person-301", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "ks");
  ASSERT_TRUE(
      AddRegionAs(coordinator, "import-schools-line-2", "ks-x", &r).ok());
  EXPECT_FALSE(r.deduplicated());
}

TEST_F(RequestsTest, TheDemoLoadsAgainAfterARestart) {
  Restart();
  absl::StatusOr<std::string> again = LoadDemoNetwork(address_, dir_.path());
  ASSERT_TRUE(again.ok()) << again.status();
}

TEST_F(RequestsTest, NoVersionIsRevealedToWhoMayNotWrite) {
  const std::string funder =
      MakeToken("funder-9", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-1"});
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

TEST_F(RequestsTest, InvalidUtf8IsInvalidArgumentNamingTheField) {
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
