// The activity service's gRPC API (funded projects, tutoring hours),
// declared method by method like the registry's; each RPC is one line on
// ServeCommand / ServeQuery (rpc.h). Commands run on
// activity::Activity; queries read the activity projection. No business
// rule lives here (they are in services/activity/).
#ifndef TUTORNET_SERVICES_SERVER_ACTIVITY_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_ACTIVITY_SERVICE_H_

#include "services/activity/activity.h"
#include "services/projections/projector.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "tutornet/v1/activity_service.grpc.pb.h"

namespace tutornet::server {

class ActivityServiceImpl final : public DeclaredService<v1::ActivityService> {
 public:
  // Requires: everything passed outlives the service.
  ActivityServiceImpl(ServerCore& core, storage::EventLog& log,
                      activity::Activity& activity,
                      const projections::Projector& registry_view,
                      const projections::Projector& hours_view);

  using Reactor = grpc::ServerUnaryReactor;

  // GetMonthReport for a caller already authenticated whose tokens the
  // hours view has applied (also the JSON API's).
  absl::StatusOr<v1::MonthReportBundle> MonthReport(
      const Principal& p, const v1::GetMonthReportRequest& req);
  const projections::Projector& hours_view() const { return hours_view_; }

  // At most this many records in one LogHoursBatch.
  static constexpr int kMaxBatch = 1000;

 private:
  Reactor* LogHoursBatch(const Rpc& rpc, const v1::LogHoursBatchRequest* req,
                         v1::LogHoursBatchResponse* res);
  Reactor* GetMonthReport(const Rpc& rpc, const v1::GetMonthReportRequest* req,
                          v1::MonthReportBundle* res);
  Reactor* GetMonthlyTotals(const Rpc& rpc,
                            const v1::GetMonthlyTotalsRequest* req,
                            v1::MonthlyTotals* res);

  // One command: the request's command put by `field` into the oneof of
  // Command (HoursCommand or ProjectCommand), run by Activity::Run.
  template <typename Command, typename C>
  Reactor* Run(const Rpc& rpc, const v1::RequestHeader& header,
               C* (Command::*field)(), const C& command,
               v1::CommandResult* res);
  // A query of the activity projection; `read` gets the caller and a
  // consistent view of the rows.
  template <typename Request, typename Response>
  Reactor* Query(const Rpc& rpc, const Request* req, Response* res,
                 absl::StatusOr<Response> (*read)(const projections::RowReader&,
                                                  const Principal&,
                                                  const Request&));

  ServerCore& core_;
  storage::EventLog& log_;
  activity::Activity& activity_;
  const projections::Projector& registry_view_;
  const projections::Projector& hours_view_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_ACTIVITY_SERVICE_H_
