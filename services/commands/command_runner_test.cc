// CommandRunner on a real event log, with the registry as its context:
// commands become events on the stream, retries return the first outcome
// (also under a namespaced id, also concurrently), versions guard writes,
// the fold cache is bounded and catches up with other writers.
#include "services/commands/command_runner.h"

#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/context.h"
#include "tests/support/event_log_testing.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/text_proto.h"

namespace tutornet::commands {
namespace {

using ::testing::HasSubstr;
using ::tutornet::testing::StatusIs;
using Runner = CommandRunner<registry::RegistryContext>;

v1::RegistryCommand Command(const std::string& text) {
  return ::tutornet::testing::ParseTextProto<v1::RegistryCommand>(text);
}

const char kCreate[] =
    R"(create_network { network_id: "ks" name { fi: "Keski-Suomi" }
                          coordinating_municipality_id: "jyvaskyla" })";

v1::RegistryCommand AddRegion(const std::string& id,
                              const std::string& network = "ks") {
  return Command(absl::StrCat(R"(add_region { network_id: ")", network,
                              R"(" region_id: ")", id,
                              R"(" name { fi: "Alue" } })"));
}

v1::RequestHeader Header(const std::string& id,
                         std::optional<uint64_t> exact = std::nullopt) {
  v1::RequestHeader h;
  h.set_request_id(id);
  if (exact.has_value()) h.set_exact(*exact);
  return h;
}

const access::Principal kAdmin{
    "person-admin", access::AccessRole::kAdmin, "", {}, {}};

class CommandRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_ = tutornet::testing::OpenTestLog(dir_.path());
    ASSERT_NE(log_, nullptr);
    runner_ = std::make_unique<Runner>(*log_, context_);
  }
  absl::StatusOr<CommandOutcome> Run(
      const v1::RegistryCommand& c, const std::string& request_id,
      std::optional<uint64_t> expected = std::nullopt,
      const access::Principal& principal = kAdmin) {
    return runner_->Run(c, Header(request_id, expected), principal, now_);
  }

  tutornet::testing::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  registry::RegistryContext context_;
  std::unique_ptr<Runner> runner_;
  absl::Time now_ = absl::FromUnixSeconds(1'700'000'000);
};

TEST_F(CommandRunnerTest, CommandsBecomeEventsOnTheNetworkStream) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  absl::StatusOr<CommandOutcome> added = Run(AddRegion("ks-1"), "r2");
  ASSERT_OK(added);
  EXPECT_EQ(added->stream_version, 2u);
  EXPECT_EQ(added->position, 2u);

  absl::StatusOr<std::vector<storage::RecordedEvent>> stored =
      log_->ReadStream("network-ks", 1, storage::Direction::kForward, 10);
  ASSERT_OK(stored);
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[0].type, "tutornet.v1.NetworkCreated");
  EXPECT_EQ((*stored)[1].type, "tutornet.v1.RegionAdded");
  EXPECT_EQ((*stored)[1].metadata.actor, "person-admin");
  EXPECT_EQ((*stored)[1].metadata.occurred_at, now_);
  // causation_id is left for what caused an event; the retry fingerprint
  // lives in the log's request record.
  EXPECT_EQ((*stored)[1].metadata.causation_id, "");
  EXPECT_EQ((*stored)[1].request_id, NamespacedRequestId("person-admin", "r2"));

  absl::StatusOr<Fold<registry::NetworkState>> fold =
      runner_->Load("network-ks");
  ASSERT_OK(fold);
  EXPECT_EQ(fold->version, 2u);
  EXPECT_EQ(fold->state->region_ids.count("ks-1"), 1u);
}

TEST_F(CommandRunnerTest, RetryReturnsTheFirstOutcomeEvenAtAnotherTime) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  absl::StatusOr<CommandOutcome> first = Run(AddRegion("ks-1"), "r2");
  ASSERT_OK(first);
  ASSERT_OK(Run(AddRegion("ks-2"), "r3"));
  now_ += absl::Hours(24 * 400);  // Events would carry another time.
  absl::StatusOr<CommandOutcome> retry = Run(AddRegion("ks-1"), "r2");
  ASSERT_OK(retry);
  EXPECT_TRUE(retry->deduplicated);
  EXPECT_EQ(retry->stream_version, first->stream_version);
  EXPECT_EQ(retry->position, first->position);
  EXPECT_EQ(log_->Head(), 3u);
  EXPECT_THAT(Run(AddRegion("ks-9"), "r2"),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       HasSubstr("different command")));
  EXPECT_EQ(log_->Head(), 3u);
}

TEST_F(CommandRunnerTest, RequestIdsArePerPrincipal) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  const access::Principal other{
      "person-2", access::AccessRole::kAdmin, "", {}, {}};
  // The same id from another principal is that principal's own request.
  absl::StatusOr<CommandOutcome> theirs =
      Run(AddRegion("ks-1"), "r1", std::nullopt, other);
  ASSERT_OK(theirs);
  EXPECT_FALSE(theirs->deduplicated);
  EXPECT_EQ(log_->Head(), 2u);
}

TEST_F(CommandRunnerTest, ExpectedVersionGuardsTheWriteWithATypedDetail) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  absl::StatusOr<CommandOutcome> stale =
      Run(AddRegion("ks-1"), "r2", /*expected=*/0);
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted,
                              HasSubstr("current version is 1")));
  std::optional<v1::WrongExpectedVersion> detail =
      WrongExpectedVersionOf(stale.status());
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->current_version(), 1u);
  EXPECT_EQ(detail->expected_exact(), 0u);
  EXPECT_EQ(detail->stream(), "network-ks");
  ASSERT_OK(Run(AddRegion("ks-1"), "r3", /*expected=*/1));
  EXPECT_EQ(log_->Head(), 2u);
}

TEST_F(CommandRunnerTest, RuleViolationsWriteNothing) {
  EXPECT_THAT(Run(AddRegion("ks-1"), "r1"),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK(Run(Command(kCreate), "r2"));
  EXPECT_THAT(Run(Command(kCreate), "r3"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(Run(AddRegion("ks-1"), "has space"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("header.request_id")));
  EXPECT_THAT(Run(AddRegion("ks-1"), ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("header.request_id")));
  EXPECT_EQ(log_->Head(), 1u);
}

TEST_F(CommandRunnerTest, RefusedAuthorizationWritesNothing) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  const access::Principal tutor{
      "person-9", access::AccessRole::kTutor, "ks", {}, {}};
  EXPECT_THAT(Run(AddRegion("ks-1"), "r2", std::nullopt, tutor),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(log_->Head(), 1u);
}

TEST_F(CommandRunnerTest, CachedFoldCatchesUpWithOtherWriters) {
  ASSERT_OK(Run(Command(kCreate), "r1"));
  ASSERT_OK(Run(AddRegion("ks-1"), "r2"));  // Cached by runner_ at version 2.
  Runner other(*log_, context_);            // As another process would.
  ASSERT_OK(other.Run(AddRegion("ks-2"), Header("r3"), kAdmin, now_));
  // runner_ must see ks-2 although its cache predates it.
  EXPECT_THAT(Run(AddRegion("ks-2"), "r4"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  absl::StatusOr<CommandOutcome> next =
      Run(AddRegion("ks-3"), "r5", /*expected=*/3);
  ASSERT_OK(next);
  EXPECT_EQ(next->stream_version, 4u);
}

TEST_F(CommandRunnerTest, TheFoldCacheIsBounded) {
  RunnerOptions options;
  options.cached_streams = 3;
  Runner small(*log_, context_, options);
  for (int i = 0; i < 10; ++i) {
    v1::RegistryCommand create = Command(kCreate);
    create.mutable_create_network()->set_network_id(absl::StrCat("n", i));
    ASSERT_OK(small.Run(create, Header(absl::StrCat("c", i)), kAdmin, now_));
  }
  EXPECT_EQ(small.cached_streams(), 3u);
  // An evicted stream is folded again from the log.
  EXPECT_THAT(small.Run(AddRegion("r", "n0"), Header("a0"), kAdmin, now_),
              StatusIs(absl::StatusCode::kOk));
}

TEST_F(CommandRunnerTest, EightCopiesOfOneRequestAtOnceLandOnce) {
  ASSERT_OK(Run(Command(kCreate), "r0"));
  constexpr int kCopies = 8;
  std::vector<absl::StatusOr<CommandOutcome>> outcomes(
      kCopies, absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (int t = 0; t < kCopies; ++t) {
    threads.emplace_back(
        [&, t] { outcomes[t] = Run(AddRegion("ks-1"), "same"); });
  }
  for (std::thread& t : threads) t.join();
  int first = 0;
  for (const auto& o : outcomes) {
    ASSERT_OK(o);
    EXPECT_EQ(o->stream_version, 2u);
    EXPECT_EQ(o->position, 2u);
    first += o->deduplicated ? 0 : 1;
  }
  EXPECT_EQ(first, 1);
  EXPECT_EQ(log_->Head(), 2u);
}

TEST_F(CommandRunnerTest, ConcurrentWritersToOneNetworkAllLand) {
  ASSERT_OK(Run(Command(kCreate), "r0"));
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string id = absl::StrCat("r-", t, "-", i);
        ASSERT_OK(Run(AddRegion(id), id));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(log_->Head(), 1u + kThreads * kEach);
}

// The registry's rules with facts: each gathering is numbered, so that a
// test sees how often the runner gathered and which gathering the
// authorization and the decision read.
class GatheringRegistry {
 public:
  using State = registry::RegistryContext::State;
  using Command = registry::RegistryContext::Command;
  using Event = registry::RegistryContext::Event;
  struct Facts {
    int gathering = 0;
    absl::Time now;
  };

  absl::StatusOr<std::string> StreamOf(const Command& c) const {
    return rules_.StreamOf(c);
  }
  State Evolve(State s, const Event& e) const {
    return rules_.Evolve(std::move(s), e);
  }
  absl::StatusOr<Facts> Gather(const access::Principal&, const State&,
                               const Command&, absl::Time now) const {
    return Facts{++gatherings, now};
  }
  absl::Status Authorize(const access::Principal& p, const Command& c,
                         const State& s, const Facts& f) const {
    authorized_with = f.gathering;
    return rules_.Authorize(p, c, s, f.now);
  }
  absl::StatusOr<std::vector<Event>> Decide(const State& s, const Command& c,
                                            const Facts& f) const {
    decided_with = f.gathering;
    return rules_.Decide(s, c);
  }

  mutable int gatherings = 0, authorized_with = 0, decided_with = 0;

 private:
  registry::RegistryContext rules_;
};

TEST(CommandRunnerFacts, GatheredOnceForAuthorizationAndDecision) {
  tutornet::testing::TempDir dir;
  std::unique_ptr<storage::EventLog> log =
      tutornet::testing::OpenTestLog(dir.path());
  ASSERT_NE(log, nullptr);
  GatheringRegistry context;
  CommandRunner<GatheringRegistry> runner(*log, context);
  const absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  ASSERT_OK(runner.Run(Command(kCreate), Header("r1"), kAdmin, now));
  EXPECT_EQ(context.gatherings, 1);
  EXPECT_EQ(context.authorized_with, 1);
  EXPECT_EQ(context.decided_with, 1);
  ASSERT_OK(runner.Run(AddRegion("ks-1"), Header("r2"), kAdmin, now));
  EXPECT_EQ(context.gatherings, 2);
  EXPECT_EQ(context.authorized_with, 2);
  EXPECT_EQ(context.decided_with, 2);
  // A retry is authorized on facts of its own and decides nothing.
  absl::StatusOr<CommandOutcome> retry =
      runner.Run(AddRegion("ks-1"), Header("r2"), kAdmin, now);
  ASSERT_OK(retry);
  EXPECT_TRUE(retry->deduplicated);
  EXPECT_EQ(context.gatherings, 3);
  EXPECT_EQ(context.authorized_with, 3);
  EXPECT_EQ(context.decided_with, 2);
}

}  // namespace
}  // namespace tutornet::commands
