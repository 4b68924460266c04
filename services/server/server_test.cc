// tutornetd's gRPC API end to end: a real server on 127.0.0.1 with a picked
// port, real event logs in a temp dir, a real channel.
#include "services/server/server.h"

#include <grpcpp/grpcpp.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/server/demo_network.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

namespace tutornet::server {
namespace {

using ::testing::HasSubstr;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Start();
    std::ifstream in(dir_.Sub("admin.token"));
    ASSERT_TRUE(in >> token_);
  }

  void Start() {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = dir_.path();
    absl::StatusOr<std::unique_ptr<TutornetServer>> server =
        TutornetServer::Start(options);
    ASSERT_OK(server);
    server_ = *std::move(server);
    address_ = absl::StrCat("127.0.0.1:", server_->port());
    stub_ = v1::RegistryService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  void Restart() {
    server_.reset();
    Start();
  }

  std::unique_ptr<grpc::ClientContext> Context(bool authenticated = true) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (authenticated) ctx->AddMetadata("authorization", "Bearer " + token_);
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(10));
    return ctx;
  }

  grpc::Status CreateNetwork(const std::string& request_id,
                             v1::CommandResult* result,
                             bool authenticated = true) {
    v1::CreateNetworkRequest req;
    req.mutable_header()->set_request_id(request_id);
    req.mutable_command()->set_network_id("ks");
    req.mutable_command()->mutable_name()->set_fi("Keski-Suomi");
    req.mutable_command()->set_coordinating_municipality_id("jyvaskyla");
    return stub_->CreateNetwork(Context(authenticated).get(), req, result);
  }

  grpc::Status AddRegion(const std::string& request_id,
                         const std::string& region, v1::CommandResult* result,
                         std::optional<uint64_t> expected = std::nullopt) {
    v1::AddRegionRequest req;
    req.mutable_header()->set_request_id(request_id);
    if (expected.has_value())
      req.mutable_header()->mutable_expected_version()->set_version(*expected);
    req.mutable_command()->set_network_id("ks");
    req.mutable_command()->set_region_id(region);
    req.mutable_command()->mutable_name()->set_fi("Alue");
    return stub_->AddRegion(Context().get(), req, result);
  }

  grpc::Status GetNetwork(const std::string& token, v1::Network* network) {
    v1::GetNetworkRequest req;
    req.set_network_id("ks");
    req.set_position_token(token);
    return stub_->GetNetwork(Context().get(), req, network);
  }

  testing::TempDir dir_;
  std::unique_ptr<TutornetServer> server_;
  std::string address_;
  std::string token_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

TEST_F(ServerTest, ClientReadsItsOwnWrites) {
  v1::CommandResult created, added;
  ASSERT_TRUE(CreateNetwork("r1", &created).ok());
  ASSERT_TRUE(AddRegion("r2", "ks-1", &added).ok());
  EXPECT_EQ(added.network_version(), 2u);
  v1::Network network;
  const grpc::Status s = GetNetwork(added.position_token(), &network);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(network.version(), 2u);
  ASSERT_EQ(network.history_size(), 2);
  EXPECT_EQ(network.history(1).region_added().region_id(), "ks-1");
}

TEST_F(ServerTest, RetryReturnsTheFirstResult) {
  v1::CommandResult first, retry;
  ASSERT_TRUE(CreateNetwork("r1", &first).ok());
  ASSERT_TRUE(CreateNetwork("r1", &retry).ok());
  EXPECT_TRUE(retry.deduplicated());
  EXPECT_EQ(retry.position_token(), first.position_token());
  v1::CommandResult again;
  const grpc::Status s = CreateNetwork("r2", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS)
      << s.error_message();
}

TEST_F(ServerTest, VersionConflictIsAbortedWithTheCurrentVersion) {
  v1::CommandResult r;
  ASSERT_TRUE(CreateNetwork("r1", &r).ok());
  const grpc::Status s = AddRegion("r2", "ks-1", &r, /*expected=*/7);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(s.error_message(), HasSubstr("current version is 1"));
}

TEST_F(ServerTest, BadInputIsRefusedByFieldAndChangesNothing) {
  v1::CommandResult r;
  ASSERT_TRUE(CreateNetwork("r1", &r).ok());
  grpc::Status s = AddRegion("", "ks-1", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("header.request_id"));
  s = AddRegion("r2", "Bad Region", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("region_id"));
  v1::Network network;
  ASSERT_TRUE(GetNetwork("", &network).ok());
  EXPECT_EQ(network.version(), 1u);
  s = GetNetwork("not-a-token", &network);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, CallsWithoutAValidTokenAreUnauthenticated) {
  v1::CommandResult r;
  grpc::Status s = CreateNetwork("r1", &r, /*authenticated=*/false);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  token_ = "tn_not-a-real-token";
  s = CreateNetwork("r1", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::Network network;
  EXPECT_EQ(GetNetwork("", &network).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ServerTest, RestartKeepsEverything) {
  v1::CommandResult r;
  ASSERT_TRUE(CreateNetwork("r1", &r).ok());
  ASSERT_TRUE(AddRegion("r2", "ks-1", &r).ok());
  Restart();
  EXPECT_TRUE(
      server_->admin_token_file().empty());  // Made once, at first start.
  v1::Network network;
  ASSERT_TRUE(GetNetwork(r.position_token(), &network).ok());
  EXPECT_EQ(network.version(), 2u);
  v1::CommandResult retry;
  ASSERT_TRUE(AddRegion("r2", "ks-1", &retry).ok());
  EXPECT_TRUE(retry.deduplicated());
}

TEST_F(ServerTest, DemoNetworkLoadsThroughTheApiOnce) {
  absl::StatusOr<std::string> loaded = LoadDemoNetwork(address_, dir_.path());
  ASSERT_OK(loaded);
  EXPECT_THAT(*loaded, HasSubstr("21 municipalities"));
  v1::Network network;
  ASSERT_TRUE(GetNetwork("", &network).ok());
  int regions = 0, municipalities = 0, schools = 0;
  for (const v1::RegistryEvent& e : network.history()) {
    regions += e.has_region_added();
    municipalities += e.has_municipality_assigned();
    schools += e.has_school_registered();
  }
  EXPECT_EQ(regions, 6);
  EXPECT_EQ(municipalities, 21);
  EXPECT_EQ(schools, 23);
  ASSERT_OK(LoadDemoNetwork(address_, dir_.path()));  // Retries, nothing new.
  v1::Network again;
  ASSERT_TRUE(GetNetwork("", &again).ok());
  EXPECT_EQ(again.version(), network.version());
}

}  // namespace
}  // namespace tutornet::server
