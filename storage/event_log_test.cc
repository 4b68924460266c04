// EventLog contract on a real RocksDB in a temp dir: expected versions,
// atomic multi-event appends, idempotent retries, reads, reopen.
#include "storage/event_log.h"

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tutornet::testing::IsOkAndHolds;
using ::tutornet::testing::StatusIs;
using ::tutornet::testing::TempDir;

NewEvent Event(std::string type, std::string payload) {
  NewEvent e;
  e.type = std::move(type);
  e.payload = std::move(payload);
  e.metadata.actor = "person-1";
  e.metadata.occurred_at = absl::FromUnixSeconds(1700000000);
  return e;
}

std::vector<uint64_t> Positions(const std::vector<RecordedEvent>& events) {
  std::vector<uint64_t> out;
  for (const RecordedEvent& e : events) out.push_back(e.position);
  return out;
}

std::vector<uint64_t> Versions(const std::vector<RecordedEvent>& events) {
  std::vector<uint64_t> out;
  for (const RecordedEvent& e : events) out.push_back(e.stream_version);
  return out;
}

class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    log_.reset();
    absl::StatusOr<std::unique_ptr<EventLog>> log =
        EventLog::Open(dir_.path(), options_);
    ASSERT_OK(log);
    log_ = *std::move(log);
  }

  // Appends `count` events to `stream`, unconditionally.
  void Fill(const std::string& stream, int count) {
    for (int i = 0; i < count; ++i) {
      ASSERT_OK(log_->Append(stream, ExpectedVersion::Any(),
                             {Event("Filled", absl::StrCat(stream, "#", i))}));
    }
  }

  TempDir dir_;
  EventLogOptions options_;
  std::unique_ptr<EventLog> log_;
};

TEST_F(EventLogTest, EmptyLogHasHeadZero) {
  EXPECT_EQ(log_->Head(), 0u);
  EXPECT_THAT(log_->StreamVersion("tutor-1"), IsOkAndHolds(0u));
  absl::StatusOr<std::vector<RecordedEvent>> all = log_->ReadAll(1, 10);
  ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
}

TEST_F(EventLogTest, AppendAssignsPositionsAndVersions) {
  absl::StatusOr<AppendResult> a =
      log_->Append("tutor-1", ExpectedVersion::NoStream(),
                   {Event("A", "1"), Event("B", "2")}, "r1");
  ASSERT_OK(a);
  EXPECT_EQ(a->first_position, 1u);
  EXPECT_EQ(a->last_position, 2u);
  EXPECT_EQ(a->stream_version, 2u);
  EXPECT_FALSE(a->deduplicated);

  absl::StatusOr<AppendResult> b =
      log_->Append("tutor-2", ExpectedVersion::Any(), {Event("C", "3")});
  ASSERT_OK(b);
  EXPECT_EQ(b->first_position, 3u);
  EXPECT_EQ(b->stream_version, 1u);
  EXPECT_EQ(log_->Head(), 3u);
  EXPECT_THAT(log_->StreamVersion("tutor-1"), IsOkAndHolds(2u));
}

// What survives a power loss is not shown here (the sync at close is what
// it needs); what is: a log written without an fsync per append reads back
// whole, request ids and tree included.
TEST_F(EventLogTest, ABulkLoadWithoutAnFsyncPerAppendReadsBackWhole) {
  options_.sync_appends = false;
  Reopen();
  Fill("tutor-1", 50);
  ASSERT_OK(log_->Append("tutor-2", ExpectedVersion::Any(), {Event("A", "a")},
                         "req-1"));
  options_.sync_appends = true;
  Reopen();  // The bulk-loaded log synced as it closed.
  EXPECT_EQ(log_->Head(), 51u);
  absl::StatusOr<std::optional<AppendResult>> earlier =
      log_->LookupRequest("req-1");
  ASSERT_OK(earlier);
  ASSERT_TRUE(earlier->has_value());
  EXPECT_EQ((*earlier)->last_position, 51u);
  absl::StatusOr<AuditReport> audit = log_->Audit([](uint64_t, uint64_t) {});
  ASSERT_OK(audit);
  EXPECT_TRUE(audit->ok);
}

// RocksDB 7.8 kept an empty write-ahead log of every open (RemoveEmptyOldLogs).
TEST_F(EventLogTest, ReopeningLeavesNoEmptyLogFilesBehind) {
  auto logs = [this] {
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
      n += entry.path().extension() == ".log";
    }
    return n;
  };
  Fill("s-1", 3);
  for (int i = 0; i < 6; ++i) Reopen();
  EXPECT_LE(logs(), 2);
  EXPECT_THAT(log_->ReadAll(1, 10), IsOkAndHolds(::testing::SizeIs(3)));
  Fill("s-1", 1);
  Reopen();
  EXPECT_LE(logs(), 2);
  EXPECT_EQ(log_->Head(), 4u);
}

TEST_F(EventLogTest, RecordsEveryFieldAndMetadata) {
  NewEvent e =
      Event("tutornet.v1.SchoolRegistered", std::string("\0bin\xff", 5));
  e.metadata.correlation_id = "corr-9";
  e.metadata.causation_id = "cause-8";
  e.metadata.schema_version = 3;
  options_.clock = [] { return absl::FromUnixMicros(1'800'000'000'123'456); };
  Reopen();
  ASSERT_OK(log_->Append("school-7", ExpectedVersion::Any(), {e}, "req-42"));

  absl::StatusOr<std::vector<RecordedEvent>> read = log_->ReadAll(1, 10);
  ASSERT_OK(read);
  ASSERT_EQ(read->size(), 1u);
  const RecordedEvent& r = read->front();
  EXPECT_EQ(r.position, 1u);
  EXPECT_EQ(r.stream, "school-7");
  EXPECT_EQ(r.stream_version, 1u);
  EXPECT_EQ(r.type, e.type);
  EXPECT_EQ(r.payload, e.payload);
  EXPECT_EQ(r.metadata.actor, "person-1");
  EXPECT_EQ(r.metadata.occurred_at, e.metadata.occurred_at);
  EXPECT_EQ(r.metadata.correlation_id, "corr-9");
  EXPECT_EQ(r.metadata.causation_id, "cause-8");
  EXPECT_EQ(r.metadata.schema_version, 3u);
  EXPECT_EQ(r.recorded_at, absl::FromUnixMicros(1'800'000'000'123'456));
  EXPECT_EQ(r.request_id, "req-42");
}

struct ExpectedCase {
  const char* name;
  uint64_t existing_events;  // Events in the stream before the append.
  ExpectedVersion expected;
  bool accepted;
};

void PrintTo(const ExpectedCase& c, std::ostream* os) { *os << c.name; }

class ExpectedVersionTest : public EventLogTest,
                            public ::testing::WithParamInterface<ExpectedCase> {
};

TEST_P(ExpectedVersionTest, AcceptsOrRejectsWithCurrentVersion) {
  const ExpectedCase& c = GetParam();
  Fill("other-stream", 1);
  Fill("tutor-1", static_cast<int>(c.existing_events));
  const uint64_t head = log_->Head();

  absl::StatusOr<AppendResult> r =
      log_->Append("tutor-1", c.expected, {Event("X", "x"), Event("Y", "y")});
  if (c.accepted) {
    ASSERT_OK(r);
    EXPECT_EQ(r->stream_version, c.existing_events + 2);
    EXPECT_EQ(r->first_position, head + 1);
    EXPECT_EQ(log_->Head(), head + 2);
  } else {
    EXPECT_THAT(r, StatusIs(absl::StatusCode::kAborted,
                            HasSubstr(absl::StrCat("current version is ",
                                                   c.existing_events))));
    EXPECT_EQ(ConflictingVersion(r.status()), c.existing_events);
    EXPECT_EQ(log_->Head(), head);  // Nothing written.
    EXPECT_THAT(log_->StreamVersion("tutor-1"),
                IsOkAndHolds(c.existing_events));
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, ExpectedVersionTest,
    ::testing::Values(
        ExpectedCase{"AnyOnMissing", 0, ExpectedVersion::Any(), true},
        ExpectedCase{"AnyOnExisting", 3, ExpectedVersion::Any(), true},
        ExpectedCase{"NoStreamOnMissing", 0, ExpectedVersion::NoStream(), true},
        ExpectedCase{"NoStreamOnExisting", 3, ExpectedVersion::NoStream(),
                     false},
        ExpectedCase{"ExistsOnMissing", 0, ExpectedVersion::StreamExists(),
                     false},
        ExpectedCase{"ExistsOnExisting", 3, ExpectedVersion::StreamExists(),
                     true},
        ExpectedCase{"ExactZeroOnMissing", 0, ExpectedVersion::Exact(0), true},
        ExpectedCase{"ExactRight", 3, ExpectedVersion::Exact(3), true},
        ExpectedCase{"ExactBehind", 3, ExpectedVersion::Exact(2), false},
        ExpectedCase{"ExactAhead", 3, ExpectedVersion::Exact(4), false},
        ExpectedCase{"ExactOnMissing", 0, ExpectedVersion::Exact(1), false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(EventLogTest, InvalidEventInBatchWritesNothing) {
  NewEvent bad = Event("9starts-with-digit", "x");
  absl::StatusOr<AppendResult> r =
      log_->Append("tutor-1", ExpectedVersion::Any(), {Event("Ok", "a"), bad});
  EXPECT_THAT(r, StatusIs(absl::StatusCode::kInvalidArgument,
                          HasSubstr("events[1].type")));
  EXPECT_EQ(log_->Head(), 0u);
}

TEST_F(EventLogTest, RejectsBadInputNamingTheField) {
  options_.max_payload_bytes = 16;
  options_.max_events_per_append = 3;
  Reopen();
  const std::vector<NewEvent> one = {Event("A", "a")};
  EXPECT_THAT(
      log_->Append("", ExpectedVersion::Any(), one),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream")));
  EXPECT_THAT(
      log_->Append("has space", ExpectedVersion::Any(), one),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream")));
  EXPECT_THAT(
      log_->Append(std::string(201, 'a'), ExpectedVersion::Any(), one),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream")));
  EXPECT_THAT(
      log_->Append("s", ExpectedVersion::Any(), {}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("events")));
  EXPECT_THAT(log_->Append("s", ExpectedVersion::Any(),
                           {Event("A", std::string(17, 'x'))}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("events[0].payload")));
  EXPECT_THAT(
      log_->Append(
          "s", ExpectedVersion::Any(),
          {Event("A", ""), Event("A", ""), Event("A", ""), Event("A", "")}),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("events")));
  EXPECT_THAT(
      log_->Append("s", ExpectedVersion::Any(), one, "has space"),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  NewEvent control = Event("A", "");
  control.metadata.actor = "bad\nactor";
  EXPECT_THAT(log_->Append("s", ExpectedVersion::Any(), {control}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("events[0].metadata.actor")));
  NewEvent schema = Event("A", "");
  schema.metadata.schema_version = 0;
  EXPECT_THAT(log_->Append("s", ExpectedVersion::Any(), {schema}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("schema_version")));
  EXPECT_THAT(log_->ReadAll(1, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit")));
  EXPECT_EQ(log_->Head(), 0u);
}

TEST_F(EventLogTest, RetryWithSameRequestIdReturnsFirstResult) {
  const std::vector<NewEvent> events = {Event("A", "1"), Event("B", "2")};
  absl::StatusOr<AppendResult> first =
      log_->Append("tutor-1", ExpectedVersion::NoStream(), events, "req-1");
  ASSERT_OK(first);
  Fill("tutor-1", 1);  // The stream moves on; the retry must still match.

  absl::StatusOr<AppendResult> retry =
      log_->Append("tutor-1", ExpectedVersion::NoStream(), events, "req-1");
  ASSERT_OK(retry);
  EXPECT_EQ(*retry, *first);
  EXPECT_TRUE(retry->deduplicated);
  EXPECT_EQ(log_->Head(), 3u);

  Reopen();
  absl::StatusOr<AppendResult> after_restart =
      log_->Append("tutor-1", ExpectedVersion::NoStream(), events, "req-1");
  ASSERT_OK(after_restart);
  EXPECT_EQ(*after_restart, *first);
  EXPECT_EQ(log_->Head(), 3u);
}

TEST_F(EventLogTest, LookupRequestFindsTheFirstResult) {
  EXPECT_THAT(log_->LookupRequest("req-1"), IsOkAndHolds(std::nullopt));
  absl::StatusOr<AppendResult> first = log_->Append(
      "tutor-1", ExpectedVersion::Any(), {Event("A", "1")}, "req-1");
  ASSERT_OK(first);
  Reopen();
  absl::StatusOr<std::optional<AppendResult>> found =
      log_->LookupRequest("req-1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, *first);
  EXPECT_TRUE((*found)->deduplicated);
  EXPECT_THAT(log_->LookupRequest(""),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(EventLogTest, SameRequestIdWithOtherContentIsRejected) {
  ASSERT_OK(log_->Append("tutor-1", ExpectedVersion::Any(), {Event("A", "1")},
                         "req-1"));
  EXPECT_THAT(
      log_->Append("tutor-1", ExpectedVersion::Any(), {Event("A", "2")},
                   "req-1"),
      StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("request_id")));
  EXPECT_THAT(log_->Append("tutor-2", ExpectedVersion::Any(), {Event("A", "1")},
                           "req-1"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(log_->Head(), 1u);
}

TEST_F(EventLogTest, FailedAppendIsNotRemembered) {
  Fill("tutor-1", 1);
  EXPECT_THAT(log_->Append("tutor-1", ExpectedVersion::Exact(5),
                           {Event("A", "1")}, "req-1"),
              StatusIs(absl::StatusCode::kAborted));
  Fill("tutor-1", 4);
  absl::StatusOr<AppendResult> r = log_->Append(
      "tutor-1", ExpectedVersion::Exact(5), {Event("A", "1")}, "req-1");
  ASSERT_OK(r);
  EXPECT_FALSE(r->deduplicated);
  EXPECT_EQ(r->stream_version, 6u);
}

TEST_F(EventLogTest, RequestIdsAreForgottenAfterRetention) {
  absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  options_.clock = [&now] { return now; };
  options_.request_id_retention = absl::Hours(1);
  Reopen();
  ASSERT_OK(log_->Append("tutor-1", ExpectedVersion::Any(), {Event("A", "1")},
                         "req-1"));
  now += absl::Minutes(59);
  absl::StatusOr<AppendResult> within = log_->Append(
      "tutor-1", ExpectedVersion::Any(), {Event("A", "1")}, "req-1");
  ASSERT_OK(within);
  EXPECT_TRUE(within->deduplicated);
  now += absl::Minutes(2);
  absl::StatusOr<AppendResult> after = log_->Append(
      "tutor-1", ExpectedVersion::Any(), {Event("A", "1")}, "req-1");
  ASSERT_OK(after);
  EXPECT_FALSE(after->deduplicated);
  EXPECT_EQ(after->first_position, 2u);
}

TEST_F(EventLogTest, WithInfiniteRetentionRequestIdsAreNeverForgotten) {
  absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  options_.clock = [&now] { return now; };
  options_.request_id_retention = absl::InfiniteDuration();
  Reopen();
  ASSERT_OK(log_->Append("tutor-1", ExpectedVersion::Any(), {Event("A", "1")},
                         "req-1", "digest-of-the-command"));
  now += absl::Hours(24 * 365 * 10);  // Ten years on, after a restart.
  Reopen();
  absl::StatusOr<std::optional<AppendResult>> found =
      log_->LookupRequest("req-1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->request_digest, "digest-of-the-command");
  // Same id and digest, other content (the events carry another time):
  // still the first result.
  absl::StatusOr<AppendResult> retry =
      log_->Append("tutor-1", ExpectedVersion::Any(), {Event("A", "other")},
                   "req-1", "digest-of-the-command");
  ASSERT_OK(retry);
  EXPECT_TRUE(retry->deduplicated);
  EXPECT_THAT(log_->Append("tutor-1", ExpectedVersion::Any(), {Event("A", "1")},
                           "req-1", "another-command"),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_EQ(log_->Head(), 1u);
}

TEST_F(EventLogTest, RecordedAtNeverGoesBackwards) {
  absl::Time now = absl::FromUnixSeconds(1'700'000'000);
  options_.clock = [&now] { return now; };
  Reopen();
  Fill("s", 1);
  now -= absl::Hours(1);  // The clock steps back.
  Fill("s", 1);
  absl::StatusOr<std::vector<RecordedEvent>> all = log_->ReadAll(1, 10);
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].recorded_at, (*all)[0].recorded_at);
}

TEST_F(EventLogTest, ReadsStreamForwardAndBackwardWithLimits) {
  for (int i = 0; i < 5; ++i) {
    Fill("a", 1);
    Fill("b", 1);
  }
  absl::StatusOr<std::vector<RecordedEvent>> fwd =
      log_->ReadStream("a", 2, Direction::kForward, 3);
  ASSERT_OK(fwd);
  EXPECT_THAT(Versions(*fwd), ElementsAre(2, 3, 4));
  EXPECT_THAT(Positions(*fwd), ElementsAre(3, 5, 7));
  EXPECT_EQ((*fwd)[0].payload, "a#0");

  absl::StatusOr<std::vector<RecordedEvent>> back =
      log_->ReadStream("a", EventLog::kEndOfStream, Direction::kBackward, 2);
  ASSERT_OK(back);
  EXPECT_THAT(Versions(*back), ElementsAre(5, 4));

  absl::StatusOr<std::vector<RecordedEvent>> back_from =
      log_->ReadStream("b", 3, Direction::kBackward, 10);
  ASSERT_OK(back_from);
  EXPECT_THAT(Versions(*back_from), ElementsAre(3, 2, 1));

  absl::StatusOr<std::vector<RecordedEvent>> past_end =
      log_->ReadStream("a", 6, Direction::kForward, 10);
  ASSERT_OK(past_end);
  EXPECT_TRUE(past_end->empty());

  absl::StatusOr<std::vector<RecordedEvent>> missing =
      log_->ReadStream("nope", 1, Direction::kForward, 10);
  ASSERT_OK(missing);
  EXPECT_TRUE(missing->empty());
}

TEST_F(EventLogTest, StreamsWithSharedPrefixDoNotMix) {
  Fill("ab", 2);
  Fill("ab-x", 3);
  Fill("a", 1);
  absl::StatusOr<std::vector<RecordedEvent>> ab =
      log_->ReadStream("ab", 1, Direction::kForward, 100);
  ASSERT_OK(ab);
  EXPECT_THAT(Versions(*ab), ElementsAre(1, 2));
  absl::StatusOr<std::vector<RecordedEvent>> ab_back =
      log_->ReadStream("ab", EventLog::kEndOfStream, Direction::kBackward, 100);
  ASSERT_OK(ab_back);
  EXPECT_THAT(Versions(*ab_back), ElementsAre(2, 1));
  EXPECT_THAT(log_->StreamVersion("ab-x"), IsOkAndHolds(3u));
}

TEST_F(EventLogTest, ReadsAllFromPositionWithLimit) {
  Fill("a", 4);
  Fill("b", 3);
  absl::StatusOr<std::vector<RecordedEvent>> page = log_->ReadAll(3, 4);
  ASSERT_OK(page);
  EXPECT_THAT(Positions(*page), ElementsAre(3, 4, 5, 6));
  absl::StatusOr<std::vector<RecordedEvent>> tail = log_->ReadAll(6, 100);
  ASSERT_OK(tail);
  EXPECT_THAT(Positions(*tail), ElementsAre(6, 7));
  absl::StatusOr<std::vector<RecordedEvent>> beyond = log_->ReadAll(8, 100);
  ASSERT_OK(beyond);
  EXPECT_TRUE(beyond->empty());
}

TEST_F(EventLogTest, ReopenKeepsEverythingAndContinuesPositions) {
  Fill("a", 3);
  absl::StatusOr<std::vector<RecordedEvent>> before = log_->ReadAll(1, 100);
  ASSERT_OK(before);
  Reopen();
  EXPECT_EQ(log_->Head(), 3u);
  absl::StatusOr<std::vector<RecordedEvent>> after = log_->ReadAll(1, 100);
  ASSERT_OK(after);
  EXPECT_EQ(*after, *before);
  absl::StatusOr<AppendResult> next =
      log_->Append("a", ExpectedVersion::Exact(3), {Event("A", "x")});
  ASSERT_OK(next);
  EXPECT_EQ(next->first_position, 4u);
  EXPECT_EQ(next->stream_version, 4u);
}

TEST_F(EventLogTest, SecondOpenOfTheSameDirectoryFails) {
  absl::StatusOr<std::unique_ptr<EventLog>> second =
      EventLog::Open(dir_.path());
  EXPECT_THAT(second, StatusIs(absl::StatusCode::kFailedPrecondition,
                               HasSubstr("in use")));
}

TEST(EventLogOpenTest, RefusesADatabaseThatIsNotAnEventLog) {
  TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir.path(), &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    ASSERT_TRUE(
        db->Put(rocksdb::WriteOptions(), "format", "something-else").ok());
  }
  EXPECT_THAT(EventLog::Open(dir.path()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("not a tutornet")));
}

TEST(EventLogOpenTest, CreatesMissingParentDirectories) {
  TempDir dir;
  const std::string nested = dir.Sub("a/b/log");
  absl::StatusOr<std::unique_ptr<EventLog>> log = EventLog::Open(nested);
  ASSERT_OK(log);
  EXPECT_OK((*log)->Append("s", ExpectedVersion::Any(), {Event("A", "x")}));
}

TEST(EventLogOpenTest, ExplainsADirectoryThatCannotBeCreated) {
  TempDir dir;
  const std::string file = dir.Sub("plain-file");
  std::FILE* f = std::fopen(file.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fclose(f);
  EXPECT_THAT(EventLog::Open(file + "/log"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("cannot create")));
}

TEST(EventLogOpenTest, RejectsBadOptions) {
  TempDir dir;
  EventLogOptions options;
  options.max_payload_bytes = 0;
  EXPECT_THAT(EventLog::Open(dir.path(), options),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("max_payload_bytes")));
}

}  // namespace
}  // namespace tutornet::storage
