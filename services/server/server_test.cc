// tutornetd's commands end to end: own writes, retries, conflicts, bad
// input, tokens, restart, the demo network.
#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

TEST_F(ServerTest, ClientReadsItsOwnWrites) {
  v1::CommandResult created, added;
  ASSERT_TRUE(CreateNetwork("r1", &created).ok());
  ASSERT_TRUE(AddRegion("r2", "ks-1", &added).ok());
  EXPECT_EQ(added.stream_version(), 2u);
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
