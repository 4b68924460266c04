// A dashboard: figures of a network, region or municipality over a period,
// composed from the read models of the other contexts by the queries they
// answer themselves (hours from the activity projection, reach and
// feedback from training, badge figures from badges, processes and work
// pairs from development, schools and staff from the registry). Nothing
// here reads a log: a dashboard as it stood on a day is the same function
// over views replayed to that day (services/server/dashboard_service.cc).
//
// Pure over its RowReaders; thread-safe.
#ifndef TUTORNET_SERVICES_DASHBOARDS_DASHBOARD_H_
#define TUTORNET_SERVICES_DASHBOARDS_DASHBOARD_H_

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/projections/row_store.h"
#include "tutornet/v1/dashboard_service.pb.h"

namespace tutornet::dashboards {

struct Views {
  const projections::RowReader& registry;  // A RegistryProjection's rows.
  const projections::RowReader& hours;
  const projections::RowReader& training;
  const projections::RowReader& badges;
  const projections::RowReader& development;
};

struct Period {
  absl::CivilDay from;
  absl::CivilDay to;
};

// The request's period: `to` defaults to `today`, `from` to 1 August of
// `to`'s school year. INVALID_ARGUMENT naming the field for a bad date,
// `from` after `to`, or a period over 20 years; `as_of` after `today`.
absl::StatusOr<Period> PeriodOf(const v1::GetDashboardRequest& request,
                                absl::CivilDay today);

// Who may read it (dashboard_service.proto); INVALID_ARGUMENT for a bad
// or doubled scope, PERMISSION_DENIED outside the caller's network or
// regions, NOT_FOUND for an unknown network, region or municipality. A
// municipality is in the region it is in on `day` (ScopeDay), the day the
// figures place it too.
absl::Status AuthorizeDashboard(const projections::RowReader& registry,
                                const access::Principal& p,
                                const v1::GetDashboardRequest& request,
                                absl::CivilDay day);

// The day a scope is taken on: the period's last, or today if earlier.
absl::CivilDay ScopeDay(const Period& period, absl::Time now);

// The dashboard as the views stand; `now` is the moment they stand for
// (today's places, the current school year, badges valid now).
absl::StatusOr<v1::Dashboard> BuildDashboard(
    const Views& views, const access::Principal& p,
    const v1::GetDashboardRequest& request, const Period& period,
    absl::Time now);

}  // namespace tutornet::dashboards

#endif  // TUTORNET_SERVICES_DASHBOARDS_DASHBOARD_H_
