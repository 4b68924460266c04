// What tutornet_verify checks of a month report bundle
// (month_report.proto), offline: nothing but the file's bytes and the
// activity log's key (its id and Ed25519 public key, obtained out of band).
//
//   1. Both signed tree heads are the log's, signed with its key, and the
//      newer extends the one the month was closed at (consistency proof).
//   2. Every record is the log's: its leaf hash and inclusion proof lead
//      to the root of the head its position falls under.
//   3. The closing record is this project's closing of this month and
//      names the closed head.
//   4. The records, folded (month_report.h), give exactly the totals per
//      person the closing recorded, the report and the corrections as
//      written, and no step changes the month unmarked.
//   5. The file is the canonical form of what it holds, byte for byte.
//
// Pure; thread-safe.
#ifndef TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_CHECK_H_
#define TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/merkle/tree_head.h"
#include "tutornet/v1/month_report.pb.h"

namespace tutornet::activity {

inline constexpr char kMonthReportFormat[] = "tutornet-month-report/1";

// The file form of a bundle: protobuf's JSON mapping of it, without
// whitespace, and a line break. INTERNAL if it cannot be printed.
absl::StatusOr<std::string> MonthReportFile(
    const v1::MonthReportBundle& bundle);

struct MonthReportCheck {
  // What does not hold, each naming where; empty when all is verified.
  std::vector<std::string> problems;
  // What the file holds, and what was recomputed from it.
  v1::MonthReportBundle bundle;
  uint64_t closed_at = 0;      // The position the totals were read at.
  int64_t closed_minutes = 0;  // Approved minutes as closed.
  int64_t closed_records = 0;
  int64_t corrections = 0;
  int64_t corrected_minutes = 0;  // The corrections' deltas, summed.
};

MonthReportCheck CheckMonthReport(absl::string_view file,
                                  const merkle::LogKey& key);

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_CHECK_H_
