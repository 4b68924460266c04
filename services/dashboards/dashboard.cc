#include "services/dashboards/dashboard.h"

#include <algorithm>
#include <future>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "services/activity/read_model.h"
#include "services/badges/read_model.h"
#include "services/development/read_model.h"
#include "services/registry/read_model.h"
#include "services/training/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::dashboards {
namespace {

using access::AccessRole;
using access::Principal;
using projections::RowReader;

constexpr int kMaxPeriodDays = 20 * 366;
// On a thread of its own, or deferred when none can be started.
constexpr std::launch kOwnThread = std::launch::async | std::launch::deferred;

// The region a scope lies in: its own, its municipality's, or none.
absl::StatusOr<std::string> RegionOfScope(const RowReader& registry,
                                          const v1::GetDashboardRequest& r,
                                          absl::CivilDay day) {
  if (!r.region_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("region_id", r.region_id()));
    ASSIGN_OR_RETURN(bool known, registry::RegionKnown(registry, r.network_id(),
                                                       r.region_id()));
    if (!known) {
      return absl::NotFoundError(
          absl::StrCat("region_id: network \"", r.network_id(),
                       "\" has no region \"", r.region_id(), "\""));
    }
    return r.region_id();
  }
  if (r.municipality_id().empty()) return std::string();
  RETURN_IF_ERROR(values::ValidateId("municipality_id", r.municipality_id()));
  ASSIGN_OR_RETURN(std::optional<std::string> region,
                   registry::MunicipalityRegionOn(registry, r.network_id(),
                                                  r.municipality_id(), day));
  if (!region.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("municipality_id: network \"", r.network_id(),
                     "\" has no municipality \"", r.municipality_id(), "\""));
  }
  return *region;
}

// Whether a training is in the scope: held at a place in it (a region's
// also when organised by the region).
bool InScope(const v1::TrainingFacts& t, const v1::GetDashboardRequest& r) {
  if (!r.municipality_id().empty()) {
    return t.municipality_id() == r.municipality_id();
  }
  if (!r.region_id().empty()) {
    return t.region_id() == r.region_id() ||
           t.organiser_region_id() == r.region_id();
  }
  return true;
}

absl::Status AddTraining(const Views& v, const Principal& reader,
                         const v1::GetDashboardRequest& r, const Period& period,
                         v1::TrainingFigures& out) {
  v1::GetReachRequest reach;
  reach.set_network_id(r.network_id());
  reach.set_region_id(r.region_id());
  reach.set_municipality_id(r.municipality_id());
  *reach.mutable_from() = values::FromCivilDay(period.from);
  *reach.mutable_to() = values::FromCivilDay(period.to);
  double sum = 0;
  ASSIGN_OR_RETURN(*out.mutable_reach(),
                   training::GetReachAndVisit(
                       v.training, v.registry, reader, reach,
                       [&](const v1::TrainingFacts& t) {
                         if (!InScope(t, r) || t.cancelled() ||
                             !t.feedback_closed() ||
                             t.feedback_responses() == 0) {
                           return;
                         }
                         out.set_feedback_closed(out.feedback_closed() + 1);
                         sum += t.feedback_average();
                       }));
  RETURN_IF_ERROR(training::ScanOpenFollowUps(
      v.training, r.network_id(), [&](const v1::TrainingFacts& t) {
        if (InScope(t, r)) out.set_open_follow_ups(out.open_follow_ups() + 1);
      }));
  if (out.feedback_closed() > 0) {
    out.set_feedback_average(sum / out.feedback_closed());
  }
  if (!r.region_id().empty() || !r.municipality_id().empty()) {
    return absl::OkStatus();  // Peer groups have no place.
  }
  v1::ListPeerGroupsRequest groups;
  groups.set_network_id(r.network_id());
  ASSIGN_OR_RETURN(v1::ListPeerGroupsResponse peer,
                   training::ListPeerGroups(v.training, reader, groups));
  for (const v1::PeerGroup& g : peer.groups()) {
    if (!g.closed()) out.set_peer_groups(out.peer_groups() + 1);
  }
  return absl::OkStatus();
}

absl::Status AddDevelopment(const Views& v, const Principal& reader,
                            const v1::GetDashboardRequest& r,
                            const Period& period, absl::CivilDay day,
                            absl::Time now, v1::DevelopmentFigures& out) {
  const development::QueryContext q{v.development, v.registry, v.hours, reader,
                                    now};
  const bool whole_network =
      r.region_id().empty() && r.municipality_id().empty();
  std::map<std::string, registry::SchoolOnDay> schools;
  if (!whole_network) {
    ASSIGN_OR_RETURN(schools,
                     registry::SchoolsPlacedOn(v.registry, r.network_id(),
                                               r.municipality_id(), day));
  }
  std::map<int, int> by_phase;
  v1::ListMentoringProcessesRequest processes;
  processes.set_network_id(r.network_id());
  RETURN_IF_ERROR(development::VisitMentoringProcesses(
      q, processes, [&](const v1::MentoringProcessSummary& m) {
        if (m.closed()) return;
        // In the scope when one of its schools is, on the scope's day.
        const bool in_scope =
            whole_network ||
            std::any_of(m.school_ids().begin(), m.school_ids().end(),
                        [&](const std::string& school) {
                          auto on = schools.find(school);
                          if (on == schools.end()) return false;
                          return r.municipality_id().empty()
                                     ? on->second.region_id == r.region_id()
                                     : on->second.municipality_id ==
                                           r.municipality_id();
                        });
        if (!in_scope) return;
        out.set_mentoring_processes(out.mentoring_processes() + 1);
        ++by_phase[m.phase()];
      }));
  for (const auto& [phase, n] : by_phase) {
    v1::PhaseCount& c = *out.add_by_phase();
    c.set_phase(phase);
    c.set_processes(n);
  }
  if (!r.region_id().empty() || !r.municipality_id().empty()) {
    return absl::OkStatus();  // Work pairs have no place.
  }
  v1::ListWorkPairPeriodsRequest pairs;
  pairs.set_network_id(r.network_id());
  ASSIGN_OR_RETURN(v1::ListWorkPairPeriodsResponse periods,
                   development::ListWorkPairPeriods(q, pairs));
  for (const v1::WorkPairSummary& w : periods.periods()) {
    if (!w.has_first_day()) continue;
    const absl::CivilDay first = values::ToCivilDay(w.first_day());
    if (first < period.from || period.to < first) continue;
    out.set_work_pair_periods(out.work_pair_periods() + 1);
    if (w.status() == v1::WORK_PAIR_STATUS_CLOSED) {
      out.set_work_pair_periods_closed(out.work_pair_periods_closed() + 1);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Period> PeriodOf(const v1::GetDashboardRequest& r,
                                absl::CivilDay today) {
  Period period{today, today};
  if (r.has_to()) {
    RETURN_IF_ERROR(values::ValidateDate("to", r.to()));
    period.to = values::ToCivilDay(r.to());
  }
  period.from = std::max(absl::CivilDay(values::SchoolYearOf(period.to), 8, 1),
                         absl::CivilDay(2000, 1, 1));
  if (r.has_from()) {
    RETURN_IF_ERROR(values::ValidateDate("from", r.from()));
    period.from = values::ToCivilDay(r.from());
  }
  if (period.from > period.to) {
    return values::Invalid("from", "is after to");
  }
  if (period.to - period.from > kMaxPeriodDays) {
    return values::Invalid("from", "a period is at most 20 years");
  }
  if (r.has_as_of()) {
    RETURN_IF_ERROR(values::ValidateDate("as_of", r.as_of()));
    if (values::ToCivilDay(r.as_of()) > today) {
      return values::Invalid("as_of",
                             "is after today: figures are known up to now");
    }
  }
  return period;
}

absl::Status AuthorizeDashboard(const RowReader& registry, const Principal& p,
                                const v1::GetDashboardRequest& r,
                                absl::CivilDay day) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  if (!r.region_id().empty() && !r.municipality_id().empty()) {
    return values::Invalid("municipality_id",
                           "give a region or a municipality, not both");
  }
  // Other networks are refused before anything of them is looked up.
  RETURN_IF_ERROR(access::RequireNetwork(p, r.network_id(), "read dashboards"));
  if (p.role == AccessRole::kTutor) {
    return access::Denied(p, "read dashboards");
  }
  ASSIGN_OR_RETURN(bool known,
                   registry::NetworkKnown(registry, r.network_id()));
  if (!known) {
    return absl::NotFoundError(absl::StrCat(
        "network_id: network \"", r.network_id(), "\" does not exist"));
  }
  ASSIGN_OR_RETURN(const std::string region, RegionOfScope(registry, r, day));
  if (p.role != AccessRole::kRegionalCoordinator) return absl::OkStatus();
  if (region.empty()) {
    return access::Denied(p, "read the whole network's dashboard");
  }
  return access::RequireRegion(p, r.network_id(), region, "read the dashboard");
}

absl::CivilDay ScopeDay(const Period& period, absl::Time now) {
  return std::min(period.to, values::FinnishDay(now));
}

absl::StatusOr<v1::Dashboard> BuildDashboard(const Views& v, const Principal& p,
                                             const v1::GetDashboardRequest& r,
                                             const Period& period,
                                             absl::Time now) {
  v1::Dashboard d;
  d.set_network_id(r.network_id());
  d.set_region_id(r.region_id());
  d.set_municipality_id(r.municipality_id());
  *d.mutable_from() = values::FromCivilDay(period.from);
  *d.mutable_to() = values::FromCivilDay(period.to);
  const absl::CivilDay day = ScopeDay(period, now);
  // A scope the registry does not know (yet, in a dashboard as of a day
  // before it was made) has no figures.
  ASSIGN_OR_RETURN(bool known,
                   registry::NetworkKnown(v.registry, r.network_id()));
  if (!known) return d;
  absl::StatusOr<std::string> scope_region = RegionOfScope(v.registry, r, day);
  if (absl::IsNotFound(scope_region.status())) return d;
  RETURN_IF_ERROR(scope_region.status());

  // The other contexts' queries are asked as the network's coordinator
  // would ask them: the caller was authorised for the scope above, and only
  // counts leave this function.
  Principal reader;
  reader.id = absl::StrCat("dashboard for ", p.id);
  reader.role = AccessRole::kNetworkCoordinator;
  reader.network_id = r.network_id();
  // The contexts' figures are independent reads of their own snapshots:
  // training's and badges' are read on threads of their own while this one
  // reads hours and development, so a dashboard takes about its longest
  // part rather than their sum. (The futures wait for their threads
  // whichever way this function returns. Without a thread to be had, a
  // part is read here, at get().)
  v1::TrainingFigures training_figures;
  v1::BadgeFigures badge_figures;
  auto training_read = std::async(kOwnThread, [&] {
    return AddTraining(v, reader, r, period, training_figures);
  });
  auto badges_read = std::async(kOwnThread, [&]() -> absl::Status {
    v1::GetBadgeFiguresRequest req;
    req.set_network_id(r.network_id());
    req.set_region_id(r.region_id());
    req.set_municipality_id(r.municipality_id());
    // The staff of the school year the period starts in, as reach's.
    req.set_school_year(std::max(2000, values::SchoolYearOf(period.from)));
    ASSIGN_OR_RETURN(
        badge_figures,
        badges::GetBadgeFigures(v.badges, v.registry, reader, req, now));
    return absl::OkStatus();
  });

  // Hours: of the municipalities in the scope on its day; a funder's, of
  // its projects only.
  std::map<std::string, bool> in_region;
  absl::Status lookup;
  activity::HoursScope hours;
  if (!r.municipality_id().empty()) {
    hours.municipality_id = r.municipality_id();
  } else if (!r.region_id().empty()) {
    hours.municipality = [&](absl::string_view m) {
      auto [it, fresh] = in_region.try_emplace(std::string(m), false);
      if (fresh) {
        absl::StatusOr<std::optional<std::string>> region =
            registry::MunicipalityRegionOn(v.registry, r.network_id(),
                                           it->first, day);
        if (!region.ok()) lookup = region.status();
        it->second =
            region.ok() && region->has_value() && **region == r.region_id();
      }
      return it->second;
    };
  }
  if (p.role == AccessRole::kFunder) hours.projects = &p.project_ids;
  ASSIGN_OR_RETURN(
      *d.mutable_hours(),
      activity::GetHoursFigures(
          v.hours, r.network_id(), hours,
          {static_cast<int>(period.from.year()), period.from.month()},
          {static_cast<int>(period.to.year()), period.to.month()}));
  RETURN_IF_ERROR(lookup);

  RETURN_IF_ERROR(
      AddDevelopment(v, reader, r, period, day, now, *d.mutable_development()));
  RETURN_IF_ERROR(training_read.get());
  RETURN_IF_ERROR(badges_read.get());
  *d.mutable_training() = std::move(training_figures);
  *d.mutable_badges() = std::move(badge_figures);
  return d;
}

}  // namespace tutornet::dashboards
