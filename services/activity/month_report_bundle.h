// A closed month's report bundle (month_report.proto), built from the
// activity log itself: the closing record, every step of the records the
// month counts or whose steps since correct it, each with its inclusion
// proof, the report computed from those very records (month_report.h),
// and a consistency proof from the head the month was closed at to
// `latest`. What tutornet_verify checks (month_report_check.h).
//
// Thread-safe (reads only).
#ifndef TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_BUNDLE_H_
#define TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_BUNDLE_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/activity/read_model.h"
#include "storage/event_log.h"
#include "storage/merkle/tree_head.h"
#include "tutornet/v1/month_report.pb.h"

namespace tutornet::activity {

// `sources` from GetMonthReportSources on a view that has applied the
// log up to `latest`, a head of `log` signed after the closing. Steps
// after `latest` are left out. DATA_LOSS if the log lacks the closing.
absl::StatusOr<v1::MonthReportBundle> BuildMonthReport(
    const storage::EventLog& log, const MonthReportSources& sources,
    const merkle::SignedTreeHead& latest);

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_BUNDLE_H_
