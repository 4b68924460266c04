// The yearly programme evaluation of a network (seed 002's report), per
// action area: self-assessment answers by level of schooling, trainings
// held per competence level and topic with their teachers and share of
// permanent teachers, tutor teachers trained and with activity plans,
// people with class badges of each level and their share of staff.
// Composed, like a dashboard, from the contexts' own read models; as of a
// day by the same replay (dashboard_service.cc).
//
// Pure over its RowReaders; thread-safe.
#ifndef TUTORNET_SERVICES_DASHBOARDS_EVALUATION_H_
#define TUTORNET_SERVICES_DASHBOARDS_EVALUATION_H_

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/dashboards/dashboard.h"
#include "tutornet/v1/dashboard_service.pb.h"

namespace tutornet::dashboards {

// INVALID_ARGUMENT naming the field for a bad network id or year, or an
// as_of after today; NOT_FOUND for an unknown network; PERMISSION_DENIED
// unless an admin, or a network coordinator or funder of the network.
absl::Status AuthorizeEvaluation(const projections::RowReader& registry,
                                 const access::Principal& p,
                                 const v1::GetEvaluationReportRequest& request,
                                 absl::CivilDay today);

// The report as the views stand at `now` (a year not over yet: up to
// today).
absl::StatusOr<v1::EvaluationReport> BuildEvaluationReport(
    const Views& views, const v1::GetEvaluationReportRequest& request,
    absl::Time now);

}  // namespace tutornet::dashboards

#endif  // TUTORNET_SERVICES_DASHBOARDS_EVALUATION_H_
