// RegistryHandler on a real event log: commands become events on the
// network's stream, retries return the first outcome, versions guard writes.
#include "services/registry/command_handler.h"

#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "tests/support/event_log_testing.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::registry {
namespace {

using ::testing::HasSubstr;
using ::tutornet::testing::StatusIs;

v1::RegistryCommand Command(const std::string& text) {
  v1::RegistryCommand c;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &c)) << text;
  return c;
}

absl::Status AllowAll(const NetworkState&) { return absl::OkStatus(); }

const char kCreate[] =
    R"(create_network { network_id: "ks" name { fi: "Keski-Suomi" }
                          coordinating_municipality_id: "jyvaskyla" })";

v1::RegistryCommand AddRegion(const std::string& id) {
  return Command(absl::StrCat(R"(add_region { network_id: "ks" region_id: ")",
                              id, R"(" name { fi: "Alue" } })"));
}

class CommandHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_ = tutornet::testing::OpenTestLog(dir_.path());
    ASSERT_NE(log_, nullptr);
    handler_ = std::make_unique<RegistryHandler>(*log_);
  }
  absl::StatusOr<CommandOutcome> Run(
      const v1::RegistryCommand& c, const std::string& request_id,
      std::optional<uint64_t> expected = std::nullopt) {
    return handler_->Handle(c, request_id, expected, "person-admin", now_,
                            AllowAll);
  }

  tutornet::testing::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  std::unique_ptr<RegistryHandler> handler_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
};

TEST_F(CommandHandlerTest, CommandsBecomeEventsOnTheNetworkStream) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  absl::StatusOr<CommandOutcome> added = Run(AddRegion("ks-1"), "r2");
  ASSERT_OK(added);
  EXPECT_EQ(added->network_version, 2u);
  EXPECT_EQ(added->position, 2u);

  absl::StatusOr<std::vector<storage::RecordedEvent>> stored =
      log_->ReadStream("network-ks", 1, storage::Direction::kForward, 10);
  ASSERT_OK(stored);
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].type, "tutornet.v1.NetworkCreated");
  EXPECT_EQ((*stored)[1].type, "tutornet.v1.RegionAdded");
  EXPECT_EQ((*stored)[1].metadata.actor, "person-admin");
  EXPECT_EQ((*stored)[1].metadata.occurred_at, now_);
  EXPECT_EQ((*stored)[1].request_id, "r2");

  absl::StatusOr<NetworkHistory> history = handler_->Load("ks");
  ASSERT_OK(history);
  EXPECT_EQ(history->version, 2u);
  EXPECT_EQ(history->events[1].region_added().region_id(), "ks-1");
}

TEST_F(CommandHandlerTest, RetryReturnsTheFirstOutcome) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  absl::StatusOr<CommandOutcome> first = Run(AddRegion("ks-1"), "r2");
  ASSERT_OK(first);
  ASSERT_OK(Run(AddRegion("ks-2"), "r3"));
  // Deciding again would say "already exists"; the retry is recognised first.
  absl::StatusOr<CommandOutcome> retry = Run(AddRegion("ks-1"), "r2");
  ASSERT_OK(retry);
  EXPECT_TRUE(retry->deduplicated);
  EXPECT_EQ(retry->network_version, first->network_version);
  EXPECT_EQ(retry->position, first->position);
  EXPECT_EQ(log_->Head(), 3u);
  EXPECT_THAT(Run(AddRegion("ks-9"), "r2"),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       HasSubstr("different command")));
  EXPECT_EQ(log_->Head(), 3u);
}

TEST_F(CommandHandlerTest, ExpectedVersionGuardsTheWrite) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  absl::StatusOr<CommandOutcome> stale =
      Run(AddRegion("ks-1"), "r2", /*expected=*/0);
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted,
                              HasSubstr("current version is 1")));
  ASSERT_OK(Run(AddRegion("ks-1"), "r3", /*expected=*/1));
  EXPECT_EQ(log_->Head(), 2u);
}

TEST_F(CommandHandlerTest, RuleViolationsWriteNothing) {
  EXPECT_THAT(Run(AddRegion("ks-1"), "r1"),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK(Run(Command(kCreate), "r2"));
  EXPECT_THAT(Run(Command(kCreate), "r3"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(
      Run(AddRegion("ks-1"), "has space"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(log_->Head(), 1u);
}

TEST_F(CommandHandlerTest, RefusedAuthorizationWritesNothing) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  auto refuse = [](const NetworkState& state) {
    EXPECT_TRUE(state.exists);  // It sees the network as folded.
    return absl::PermissionDeniedError("no");
  };
  EXPECT_THAT(handler_->Handle(AddRegion("ks-1"), "r2", std::nullopt, "p", now_,
                               refuse),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(log_->Head(), 1u);
}

TEST_F(CommandHandlerTest, CachedFoldCatchesUpWithOtherWriters) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  ASSERT_OK(Run(AddRegion("ks-1"), "r2"));  // Cached by handler_ at version 2.
  RegistryHandler other(*log_);             // As another process would.
  ASSERT_OK(
      other.Handle(AddRegion("ks-2"), "r3", std::nullopt, "p", now_, AllowAll));
  // handler_ must see ks-2 although its cache predates it.
  EXPECT_THAT(Run(AddRegion("ks-2"), "r4"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  absl::StatusOr<CommandOutcome> next =
      Run(AddRegion("ks-3"), "r5", /*expected=*/3);
  ASSERT_OK(next);
  EXPECT_EQ(next->network_version, 4u);
}

TEST_F(CommandHandlerTest, ConcurrentWritersToOneNetworkAllLand) {
  ASSERT_OK(Run(Command(kCreate), "r0"));
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string id = absl::StrCat("r-", t, "-", i);
        ASSERT_OK(handler_->Handle(AddRegion(id), id, std::nullopt, "p", now_,
                                   AllowAll));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  absl::StatusOr<NetworkHistory> history = handler_->Load("ks");
  ASSERT_OK(history);
  EXPECT_EQ(history->version, 1u + kThreads * kEach);
}

}  // namespace
}  // namespace tutornet::registry
