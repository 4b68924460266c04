// The dashboard service's gRPC API (dashboard_service.proto), and the same
// call for the JSON over HTTP bridge (json_api.h). The figures are
// services/dashboards/'s; this file finds the views they read: the live
// ones, or ones replayed from the logs as far as they went at the end of
// `as_of` (Projector::AsOf), kept in a small cache because a past day's
// replay never changes.
//
// Thread-safe. Requires: the core and views outlive it.
#ifndef TUTORNET_SERVICES_SERVER_DASHBOARD_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_DASHBOARD_SERVICE_H_

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "services/dashboards/dashboard.h"
#include "services/projections/projector.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"

namespace tutornet::server {

class DashboardServiceImpl final
    : public DeclaredService<v1::DashboardService> {
 public:
  // The views a dashboard reads; `registry` is a RegistryProjection's.
  struct Views {
    const projections::Projector& registry;
    const projections::Projector& hours;
    const projections::Projector& training;
    const projections::Projector& badges;
    const projections::Projector& development;
  };

  // As-of replays are kept in stores under `replay_dir` (emptied by the
  // server when it starts), or in memory when it is empty. A country's
  // hour records replayed into memory took gigabytes.
  DashboardServiceImpl(ServerCore& core, Views sources,
                       std::string replay_dir = "");

  // The answer, for a caller already authenticated whose tokens the views
  // have applied.
  absl::StatusOr<v1::DashboardResponse> Dashboard(
      const Principal& p, const v1::GetDashboardRequest& request);

  absl::StatusOr<v1::EvaluationReportResponse> EvaluationReport(
      const Principal& p, const v1::GetEvaluationReportRequest& request);

  std::vector<const projections::Projector*> views() const;

  // As-of replays kept (each one projection's rows at given positions:
  // five make a dashboard's day), and replays run at once (each reads
  // logs from the start, on an executor thread commands share).
  static constexpr size_t kCachedReplays = 25;
  // More at once are RESOURCE_EXHAUSTED; a caller asking for a replay
  // under way waits for it at most kReplayWait.
  static constexpr int kConcurrentReplays = 2;
  static constexpr absl::Duration kReplayWait = absl::Seconds(30);

 private:
  // Where figures "as they stood" are read: each log's position, and the
  // time that stands for (the end of the day asked, or when the latest
  // named write was recorded). INVALID_ARGUMENT / OUT_OF_RANGE naming the
  // field for a bad day or token; nullopt when neither was asked.
  struct Cut {
    projections::Checkpoints positions;
    absl::Time time;
  };
  absl::StatusOr<std::optional<Cut>> CutOf(
      const v1::Date* as_of,
      const google::protobuf::RepeatedPtrField<std::string>& tokens) const;

  // Calls read(views, now, nullptr) on the live views and, with a cut,
  // read(replayed views, its time, &cut).
  absl::Status Read(
      absl::Time now, const std::optional<Cut>& cut,
      const std::function<absl::Status(const dashboards::Views&, absl::Time,
                                       const Cut* replayed)>& read);
  // The view's rows replayed up to its sources' positions in `cut`.
  absl::StatusOr<std::shared_ptr<const projections::RowStore>> AsOf(
      const projections::Projector& view, const Cut& cut);

  ServerCore& core_;
  const Views views_;
  const std::string replay_dir_;
  absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<const projections::RowStore>> cache_
      ABSL_GUARDED_BY(mu_);
  std::deque<std::string> cached_ ABSL_GUARDED_BY(mu_);  // Oldest first.
  // Replays under way, which a second asker of the same waits for.
  struct Pending {
    absl::Notification done;
    absl::StatusOr<std::shared_ptr<const projections::RowStore>> rows;
  };
  std::map<std::string, std::shared_ptr<Pending>> pending_ ABSL_GUARDED_BY(mu_);
  int replaying_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t replays_made_ ABSL_GUARDED_BY(mu_) = 0;  // Names their stores.
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_DASHBOARD_SERVICE_H_
