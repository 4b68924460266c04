// Helpers for tests of the event log: a plain event and a log opened in a
// directory, failing the test (not crashing) when it cannot be opened.
#ifndef TUTORNET_TESTS_SUPPORT_EVENT_LOG_TESTING_H_
#define TUTORNET_TESTS_SUPPORT_EVENT_LOG_TESTING_H_

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "storage/event_log.h"
#include "tests/support/status_matchers.h"

namespace tutornet::testing {

inline storage::NewEvent TestEvent(std::string payload,
                                   std::string type = "Appended") {
  storage::NewEvent e;
  e.type = std::move(type);
  e.payload = std::move(payload);
  e.metadata.actor = "person-1";
  return e;
}

// nullptr (and a test failure) if the log cannot be opened.
inline std::unique_ptr<storage::EventLog> OpenTestLog(
    const std::string& dir, storage::EventLogOptions options = {}) {
  absl::StatusOr<std::unique_ptr<storage::EventLog>> log =
      storage::EventLog::Open(dir, options);
  EXPECT_OK(log);
  return log.ok() ? *std::move(log) : nullptr;
}

}  // namespace tutornet::testing

#endif  // TUTORNET_TESTS_SUPPORT_EVENT_LOG_TESTING_H_
