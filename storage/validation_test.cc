#include "storage/validation.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"

namespace tutornet::storage {
namespace {

using ::testing::HasSubstr;
using ::tutornet::testing::StatusIs;

TEST(ValidationTest, StreamIds) {
  for (const char* ok : {"tutor-42", "region:ks-3", "a", "A.b_c@d", "9lives"}) {
    EXPECT_OK(ValidateStreamId(ok)) << ok;
  }
  for (const std::string& bad :
       {std::string(""), std::string("-lead"), std::string("a b"),
        std::string("a\0b", 3), std::string("ä"),
        std::string(kMaxStreamIdBytes + 1, 'a'), std::string("a/b")}) {
    EXPECT_THAT(
        ValidateStreamId(bad),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream")))
        << bad;
  }
  EXPECT_OK(ValidateStreamId(std::string(kMaxStreamIdBytes, 'a')));
}

TEST(ValidationTest, EventTypes) {
  EXPECT_OK(ValidateEventType("type", "tutornet.v1.SchoolRegistered"));
  EXPECT_OK(ValidateEventType("type", "A_b"));
  for (const std::string& bad :
       {std::string(""), std::string("_x"), std::string("1x"),
        std::string("a-b"), std::string(kMaxEventTypeBytes + 1, 'a')}) {
    EXPECT_THAT(ValidateEventType("events[3].type", bad),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("events[3].type")))
        << bad;
  }
}

TEST(ValidationTest, RequestIds) {
  EXPECT_OK(ValidateRequestId(""));
  EXPECT_OK(ValidateRequestId("9b2c1e7a-0a6d-4c8e-8d47-4b1c0f0e2a11"));
  EXPECT_THAT(ValidateRequestId("a b"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ValidateRequestId(std::string(kMaxRequestIdBytes + 1, 'r')),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
}

TEST(ValidationTest, ErrorMessagesDoNotEchoHugeInput) {
  absl::Status s =
      ValidateStreamId(std::string(150, 'a') + " " + std::string(40, 'b'));
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_LT(s.message().size(), 150u);
}

TEST(ValidationTest, AppendLimits) {
  const AppendLimits limits{/*max_payload_bytes=*/10,
                            /*max_events_per_append=*/2,
                            /*max_append_bytes=*/15};
  NewEvent e;
  e.type = "T";
  e.payload = std::string(8, 'x');
  EXPECT_OK(ValidateAppend("s", {e}, "", limits));
  EXPECT_THAT(
      ValidateAppend("s", {e, e}, "", limits),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("payload bytes")));
  NewEvent early = e;
  early.metadata.occurred_at = absl::UnixEpoch() - absl::Seconds(1);
  EXPECT_THAT(
      ValidateAppend("s", {early}, "", limits),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("occurred_at")));
}

}  // namespace
}  // namespace tutornet::storage
