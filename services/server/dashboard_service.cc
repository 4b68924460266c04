#include "services/server/dashboard_service.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/dashboards/dashboard.h"
#include "services/dashboards/evaluation.h"
#include "services/projections/position_token.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::server {

DashboardServiceImpl::DashboardServiceImpl(ServerCore& core, Views sources,
                                           std::string replay_dir)
    : DeclaredService(AuthenticatorOf(core)),
      core_(core),
      views_(sources),
      replay_dir_(std::move(replay_dir)) {
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

namespace {

// The end of a day in Finland: the last microsecond before the next.
absl::Time EndOfDay(absl::CivilDay day) {
  return values::FromFinnishMinute(absl::CivilMinute(day + 1)) -
         absl::Microseconds(1);
}

}  // namespace

absl::StatusOr<std::optional<DashboardServiceImpl::Cut>>
DashboardServiceImpl::CutOf(
    const v1::Date* as_of,
    const google::protobuf::RepeatedPtrField<std::string>& tokens) const {
  if (as_of == nullptr && tokens.empty()) return std::nullopt;
  Cut cut;
  cut.time = absl::InfinitePast();
  for (const std::string& text : tokens) {
    absl::StatusOr<projections::PositionToken> token =
        projections::ParsePositionToken(text);
    if (!token.ok()) {
      return values::Invalid(
          "as_of_positions",
          absl::StrCat("\"", text, "\" is not log:position"));
    }
    const auto log = core_.logs.find(token->log);
    if (log == core_.logs.end()) {
      return values::Invalid(
          "as_of_positions",
          absl::StrCat("names log \"", token->log,
                       "\", which this server does not have"));
    }
    if (token->position > log->second->Head()) {
      return absl::OutOfRangeError(absl::StrCat(
          "as_of_positions: ", text, " is beyond the head of log \"",
          token->log, "\" (", log->second->Head(), ")"));
    }
    if (!cut.positions.emplace(token->log, token->position).second) {
      return values::Invalid(
          "as_of_positions",
          absl::StrCat("names log \"", token->log, "\" twice"));
    }
    if (token->position == 0) continue;  // None of that log.
    ASSIGN_OR_RETURN(std::vector<storage::RecordedEvent> at,
                     log->second->ReadAll(token->position, 1));
    if (!at.empty()) cut.time = std::max(cut.time, at.front().recorded_at);
  }
  // The figures stand for the end of a day (the places of that day, badges
  // valid then): the day asked, or that of the latest write named. So the
  // positions and day a cut echoes ask for exactly the same figures again.
  absl::Time logs_until = cut.time;
  if (as_of != nullptr) {
    cut.time = EndOfDay(values::ToCivilDay(*as_of));
    logs_until = cut.time;
  } else if (cut.time == absl::InfinitePast()) {
    return values::Invalid("as_of_positions",
                           "name a write (a position above 0), or give as_of");
  } else {
    cut.time = EndOfDay(values::FinnishDay(cut.time));
  }
  for (const auto& [name, log] : core_.logs) {
    if (cut.positions.count(name) > 0) continue;
    ASSIGN_OR_RETURN(cut.positions[name],
                     projections::Projector::PositionAt(*log, logs_until));
  }
  return cut;
}

absl::StatusOr<std::shared_ptr<const projections::RowStore>>
DashboardServiceImpl::AsOf(const projections::Projector& view, const Cut& cut) {
  projections::Logs logs;
  projections::Checkpoints positions;
  std::string key = view.projection().name();
  for (const std::string& source : view.projection().sources()) {
    const auto it = core_.logs.find(source);
    if (it == core_.logs.end() || cut.positions.count(source) == 0) {
      return absl::InternalError(absl::StrCat("no log \"", source, "\""));
    }
    logs[source] = it->second;
    positions[source] = cut.positions.at(source);
    absl::StrAppend(&key, " ", source, ":", positions[source]);
  }
  std::shared_ptr<Pending> pending;
  bool mine = false;
  std::string dir;
  {
    absl::MutexLock lock(&mu_);
    const auto hit = cache_.find(key);
    if (hit != cache_.end()) return hit->second;
    const auto under_way = pending_.find(key);
    if (under_way != pending_.end()) {
      pending = under_way->second;
    } else if (replaying_ >= kConcurrentReplays) {
      // Refused rather than queued: a queue of replays would hold the
      // executor's threads, which every call shares.
      return absl::ResourceExhaustedError(
          absl::StrCat("as_of: ", kConcurrentReplays,
                       " replays of the logs are running; retry in a while"));
    } else {
      pending = pending_[key] = std::make_shared<Pending>();
      mine = true;
      ++replaying_;
      if (!replay_dir_.empty()) {
        dir = absl::StrCat(replay_dir_, "/", ++replays_made_);
      }
    }
  }
  if (!mine) {  // Someone replays it: wait for theirs, bounded.
    if (!pending->done.WaitForNotificationWithTimeout(kReplayWait)) {
      return absl::UnavailableError(
          "as_of: the replay asked for is still running; retry in a while");
    }
    return pending->rows;
  }
  absl::StatusOr<std::unique_ptr<projections::RowStore>> replayed =
      projections::Projector::AsOf(view.projection(), logs, positions, dir);
  // Let go after the lock: closing and removing a store on disk takes a
  // while, and every as-of call takes the lock.
  std::shared_ptr<const projections::RowStore> evicted;
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
        auto oldest = cache_.find(cached_.front());
        evicted = std::move(oldest->second);
        cache_.erase(oldest);
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
    absl::Time now, const std::optional<Cut>& cut,
    const std::function<absl::Status(const dashboards::Views&, absl::Time,
                                     const Cut* replayed)>& read) {
  std::vector<std::shared_ptr<const projections::RowStore>> stores;
  for (const projections::Projector* view : views()) {
    stores.push_back(view->store());
  }
  RETURN_IF_ERROR(ReadDashboard(stores, [&](const dashboards::Views& v) {
    return read(v, now, nullptr);
  }));
  if (!cut.has_value()) return absl::OkStatus();
  std::vector<std::shared_ptr<const projections::RowStore>> then;
  for (const projections::Projector* view : views()) {
    ASSIGN_OR_RETURN(then.emplace_back(), AsOf(*view, *cut));
  }
  return ReadDashboard(then, [&](const dashboards::Views& v) {
    return read(v, cut->time, &*cut);
  });
}

namespace {

// The positions a cut read the logs to, as tokens.
template <typename Figures>
void SetPositions(const projections::Checkpoints& positions, Figures& out) {
  for (const auto& [log, position] : positions) {
    out.add_positions(projections::FormatPositionToken(log, position));
  }
}

}  // namespace

absl::StatusOr<v1::DashboardResponse> DashboardServiceImpl::Dashboard(
    const Principal& p, const v1::GetDashboardRequest& req) {
  const absl::Time now = absl::Now();
  const absl::CivilDay today = values::FinnishDay(now);
  ASSIGN_OR_RETURN(const dashboards::Period period,
                   dashboards::PeriodOf(req, today));
  {
    // Refused before any replay is made for the caller.
    std::shared_ptr<const projections::RowStore> registry =
        views_.registry.store();
    RETURN_IF_ERROR(dashboards::AuthorizeDashboard(
        *registry->Read(), p, req, dashboards::ScopeDay(period, now)));
  }
  ASSIGN_OR_RETURN(
      const std::optional<Cut> cut,
      CutOf(req.has_as_of() ? &req.as_of() : nullptr, req.as_of_positions()));
  v1::DashboardResponse out;
  RETURN_IF_ERROR(Read(
      now, cut,
      [&](const dashboards::Views& v, absl::Time at, const Cut* replayed) {
        v1::Dashboard* d =
            replayed != nullptr ? out.mutable_as_of() : out.mutable_current();
        ASSIGN_OR_RETURN(*d, dashboards::BuildDashboard(v, p, req, period, at));
        if (replayed != nullptr) {
          *d->mutable_as_of() = values::FromCivilDay(values::FinnishDay(at));
          SetPositions(replayed->positions, *d);
        }
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
  {
    // Refused before any replay is made for the caller.
    std::shared_ptr<const projections::RowStore> registry =
        views_.registry.store();
    RETURN_IF_ERROR(
        dashboards::AuthorizeEvaluation(*registry->Read(), p, req, today));
  }
  ASSIGN_OR_RETURN(
      const std::optional<Cut> cut,
      CutOf(req.has_as_of() ? &req.as_of() : nullptr, req.as_of_positions()));
  RETURN_IF_ERROR(Read(
      now, cut,
      [&](const dashboards::Views& v, absl::Time at, const Cut* replayed) {
        v1::EvaluationReport* r =
            replayed != nullptr ? out.mutable_as_of() : out.mutable_current();
        ASSIGN_OR_RETURN(*r, dashboards::BuildEvaluationReport(v, req, at));
        if (replayed != nullptr) {
          *r->mutable_as_of() = values::FromCivilDay(values::FinnishDay(at));
          SetPositions(replayed->positions, *r);
        }
        return absl::OkStatus();
      }));
  return out;
}

}  // namespace tutornet::server
