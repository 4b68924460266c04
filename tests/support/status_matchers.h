// gMock matchers for absl::Status, written once (Abseil 20220623 has none).
//
//   EXPECT_THAT(log->Append(...), StatusIs(absl::StatusCode::kAborted));
//   EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument,
//   HasSubstr("stream"))); EXPECT_THAT(log->StreamVersion("s"),
//   IsOkAndHolds(3)); ASSERT_OK(status_or);
#ifndef TUTORNET_TESTS_SUPPORT_STATUS_MATCHERS_H_
#define TUTORNET_TESTS_SUPPORT_STATUS_MATCHERS_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace tutornet::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has status code " + absl::StatusCodeToString(code)) {
  const absl::Status& s = ::tutornet::testing::GetStatus(arg);
  *result_listener << "which is " << s;
  return s.code() == code && ::testing::Matches(::testing::Matcher<std::string>(
                                 message_matcher))(std::string(s.message()));
}

MATCHER_P(StatusIs, code, "has status code " + absl::StatusCodeToString(code)) {
  const absl::Status& s = ::tutornet::testing::GetStatus(arg);
  *result_listener << "which is " << s;
  return s.code() == code;
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = ::tutornet::testing::GetStatus(arg);
  *result_listener << "which is " << s;
  return s.ok();
}

MATCHER_P(IsOkAndHolds, value_matcher, "is OK and holds a matching value") {
  if (!arg.ok()) {
    *result_listener << "which is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(value_matcher, *arg, result_listener);
}

}  // namespace tutornet::testing

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::tutornet::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::tutornet::testing::IsOk())

#endif  // TUTORNET_TESTS_SUPPORT_STATUS_MATCHERS_H_
