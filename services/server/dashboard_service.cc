#include "services/server/dashboard_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/dashboards/dashboard.h"
#include "services/dashboards/evaluation.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::server {

DashboardServiceImpl::DashboardServiceImpl(ServerCore& core, Views sources)
    : DeclaredService(AuthenticatorOf(core)), core_(core), views_(sources) {
  Unary<v1::GetEvaluationReportRequest, v1::EvaluationReportResponse>(
      "GetEvaluationReport",
      [this](const Rpc& rpc, const auto* req, auto* res) {
        return ServeQuery(core_, rpc, req->position_tokens(), views(),
                          [this, req, res](const Principal& p) {
                            ASSIGN_OR_RETURN(*res, EvaluationReport(p, *req));
                            return absl::OkStatus();
                          });
      });
  Unary<v1::GetDashboardRequest, v1::DashboardResponse>(
      "GetDashboard", [this](const Rpc& rpc, const auto* req, auto* res) {
        return ServeQuery(core_, rpc, req->position_tokens(), views(),
                          [this, req, res](const Principal& p) {
                            ASSIGN_OR_RETURN(*res, Dashboard(p, *req));
                            return absl::OkStatus();
                          });
      });
}

std::vector<const projections::Projector*> DashboardServiceImpl::views() const {
  return {&views_.registry, &views_.hours, &views_.training, &views_.badges,
          &views_.development};
}

absl::StatusOr<std::shared_ptr<const projections::RowStore>>
DashboardServiceImpl::AsOf(const projections::Projector& view, absl::Time end) {
  projections::Logs logs;
  projections::Checkpoints positions;
  std::string key = view.projection().name();
  for (const std::string& source : view.projection().sources()) {
    const auto it = core_.logs.find(source);
    if (it == core_.logs.end()) {
      return absl::InternalError(absl::StrCat("no log \"", source, "\""));
    }
    logs[source] = it->second;
    ASSIGN_OR_RETURN(positions[source],
                     projections::Projector::PositionAt(*it->second, end));
    absl::StrAppend(&key, " ", source, ":", positions[source]);
  }
  std::shared_ptr<Pending> pending;
  bool mine = false;
  {
    absl::MutexLock lock(&mu_);
    const auto hit = cache_.find(key);
    if (hit != cache_.end()) return hit->second;
    const auto under_way = pending_.find(key);
    if (under_way != pending_.end()) {
      pending = under_way->second;
    } else {
      pending = pending_[key] = std::make_shared<Pending>();
      mine = true;
      mu_.Await(absl::Condition(
          +[](int* replaying) { return *replaying < kConcurrentReplays; },
          &replaying_));
      ++replaying_;
    }
  }
  if (!mine) {  // Someone replays it: wait for theirs.
    pending->done.WaitForNotification();
    return pending->rows;
  }
  absl::StatusOr<std::unique_ptr<projections::RowStore>> replayed =
      projections::Projector::AsOf(view.projection(), logs, positions);
  {
    absl::MutexLock lock(&mu_);
    --replaying_;
    pending_.erase(key);
    if (replayed.ok()) {
      pending->rows =
          std::shared_ptr<const projections::RowStore>(*std::move(replayed));
      cache_.emplace(key, *pending->rows);
      cached_.push_back(key);
      if (cached_.size() > kCachedReplays) {
        cache_.erase(cached_.front());
        cached_.pop_front();
      }
    } else {
      pending->rows = replayed.status();
    }
  }
  pending->done.Notify();
  return pending->rows;
}

namespace {

// Calls `read(views)` with readers of the five stores, held for the call.
template <typename Read>
absl::Status ReadDashboard(
    const std::vector<std::shared_ptr<const projections::RowStore>>& stores,
    Read read) {
  std::vector<std::unique_ptr<projections::RowReader>> r;
  for (const auto& store : stores) r.push_back(store->Read());
  const dashboards::Views views{*r[0], *r[1], *r[2], *r[3], *r[4]};
  return read(views);
}

}  // namespace

absl::Status DashboardServiceImpl::Read(
    absl::Time now, const v1::Date* as_of,
    const std::function<absl::Status(const dashboards::Views&, absl::Time,
                                     bool replayed)>& read) {
  std::vector<std::shared_ptr<const projections::RowStore>> stores;
  for (const projections::Projector* view : views()) {
    stores.push_back(view->store());
  }
  RETURN_IF_ERROR(ReadDashboard(
      stores, [&](const dashboards::Views& v) { return read(v, now, false); }));
  if (as_of == nullptr) return absl::OkStatus();
  // The end of the day in Finland: the last microsecond before the next.
  const absl::Time end = values::FromFinnishMinute(absl::CivilMinute(
                             values::ToCivilDay(*as_of) + 1)) -
                         absl::Microseconds(1);
  std::vector<std::shared_ptr<const projections::RowStore>> then;
  for (const projections::Projector* view : views()) {
    ASSIGN_OR_RETURN(then.emplace_back(), AsOf(*view, end));
  }
  return ReadDashboard(
      then, [&](const dashboards::Views& v) { return read(v, end, true); });
}

absl::StatusOr<v1::DashboardResponse> DashboardServiceImpl::Dashboard(
    const Principal& p, const v1::GetDashboardRequest& req) {
  const absl::Time now = absl::Now();
  const absl::CivilDay today = values::FinnishDay(now);
  ASSIGN_OR_RETURN(const dashboards::Period period,
                   dashboards::PeriodOf(req, today));
  v1::DashboardResponse out;
  RETURN_IF_ERROR(Read(
      now, req.has_as_of() ? &req.as_of() : nullptr,
      [&](const dashboards::Views& v, absl::Time at, bool replayed) {
        if (!replayed) {
          RETURN_IF_ERROR(dashboards::AuthorizeDashboard(
              v.registry, p, req, dashboards::ScopeDay(period, now)));
        }
        v1::Dashboard* d =
            replayed ? out.mutable_as_of() : out.mutable_current();
        ASSIGN_OR_RETURN(*d, dashboards::BuildDashboard(v, p, req, period, at));
        if (replayed) *d->mutable_as_of() = req.as_of();
        return absl::OkStatus();
      }));
  return out;
}

absl::StatusOr<v1::EvaluationReportResponse>
DashboardServiceImpl::EvaluationReport(
    const Principal& p, const v1::GetEvaluationReportRequest& req) {
  const absl::Time now = absl::Now();
  const absl::CivilDay today = values::FinnishDay(now);
  v1::EvaluationReportResponse out;
  RETURN_IF_ERROR(Read(
      now, req.has_as_of() ? &req.as_of() : nullptr,
      [&](const dashboards::Views& v, absl::Time at, bool replayed) {
        if (!replayed) {
          RETURN_IF_ERROR(
              dashboards::AuthorizeEvaluation(v.registry, p, req, today));
        }
        v1::EvaluationReport* r =
            replayed ? out.mutable_as_of() : out.mutable_current();
        ASSIGN_OR_RETURN(*r, dashboards::BuildEvaluationReport(v, req, at));
        if (replayed) *r->mutable_as_of() = req.as_of();
        return absl::OkStatus();
      }));
  return out;
}

}  // namespace tutornet::server
