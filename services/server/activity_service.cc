#include "services/server/activity_service.h"

#include "absl/strings/str_cat.h"
#include "services/activity/month_report_bundle.h"
#include "services/activity/read_model.h"
#include "services/server/status_mapping.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::server {
namespace {

using projections::RowReader;

absl::StatusOr<v1::FundedProject> GetProject(
    const RowReader& rows, const Principal& p,
    const v1::GetFundedProjectRequest& req) {
  return activity::GetFundedProject(rows, p, req.project_id());
}

absl::StatusOr<v1::ListFundedProjectsResponse> ListProjects(
    const RowReader& rows, const Principal& p,
    const v1::ListFundedProjectsRequest& req) {
  return activity::ListFundedProjects(rows, p, req.network_id());
}

}  // namespace

ActivityServiceImpl::ActivityServiceImpl(
    ServerCore& core, storage::EventLog& log, activity::Activity& activity,
    const projections::Projector& registry_view,
    const projections::Projector& hours_view)
    : DeclaredService(AuthenticatorOf(core)),
      core_(core),
      log_(log),
      activity_(activity),
      registry_view_(registry_view),
      hours_view_(hours_view) {
  using H = v1::HoursCommand;
  using P = v1::ProjectCommand;
  auto command = [this](auto field) {
    return
        [this, field](const Rpc& rpc, const auto* req, v1::CommandResult* res) {
          return Run(rpc, req->header(), field, req->command(), res);
        };
  };
  auto query = [this](auto read) {
    return [this, read](const Rpc& rpc, const auto* req, auto* res) {
      return Query(rpc, req, res, read);
    };
  };
  Unary<v1::CreateFundedProjectRequest, v1::CommandResult>(
      "CreateFundedProject", command(&P::mutable_create));
  Unary<v1::CloseFundedProjectRequest, v1::CommandResult>(
      "CloseFundedProject", command(&P::mutable_close));
  Unary<v1::CloseMonthRequest, v1::CommandResult>(
      "CloseMonth", command(&P::mutable_close_month));
  Unary<v1::LogHoursRequest, v1::CommandResult>("LogHours",
                                                command(&H::mutable_log));
  Unary<v1::LogHoursBatchRequest, v1::LogHoursBatchResponse>(
      "LogHoursBatch", [this](const Rpc& rpc, const auto* req, auto* res) {
        return LogHoursBatch(rpc, req, res);
      });
  Unary<v1::SubmitHoursRequest, v1::CommandResult>("SubmitHours",
                                                   command(&H::mutable_submit));
  Unary<v1::ApproveHoursRequest, v1::CommandResult>(
      "ApproveHours", command(&H::mutable_approve));
  Unary<v1::ReturnHoursRequest, v1::CommandResult>(
      "ReturnHours", command(&H::mutable_return_));
  Unary<v1::AmendHoursRequest, v1::CommandResult>("AmendHours",
                                                  command(&H::mutable_amend));
  Unary<v1::VoidHoursRequest, v1::CommandResult>("VoidHours",
                                                 command(&H::mutable_void_));
  Unary<v1::GetFundedProjectRequest, v1::FundedProject>("GetFundedProject",
                                                        query(&GetProject));
  Unary<v1::ListFundedProjectsRequest, v1::ListFundedProjectsResponse>(
      "ListFundedProjects", query(&ListProjects));
  Unary<v1::ListHourRecordsRequest, v1::ListHourRecordsResponse>(
      "ListHourRecords", query(&activity::ListHourRecords));
  Unary<v1::ListSubmittedHoursRequest, v1::ListHourRecordsResponse>(
      "ListSubmittedHours", query(&activity::ListSubmittedHours));
  Unary<v1::GetHourRecordRequest, v1::HourRecord>(
      "GetHourRecord", query(&activity::GetHourRecord));
  Unary<v1::GetMonthlyTotalsRequest, v1::MonthlyTotals>(
      "GetMonthlyTotals", [this](const Rpc& rpc, const auto* req, auto* res) {
        return GetMonthlyTotals(rpc, req, res);
      });
  Unary<v1::GetMonthReportRequest, v1::MonthReportBundle>(
      "GetMonthReport", [this](const Rpc& rpc, const auto* req, auto* res) {
        return GetMonthReport(rpc, req, res);
      });
}

grpc::ServerUnaryReactor* ActivityServiceImpl::GetMonthReport(
    const Rpc& rpc, const v1::GetMonthReportRequest* req,
    v1::MonthReportBundle* res) {
  return ServeQuery(core_, rpc, req->position_tokens(), {&hours_view_},
                    [this, req, res](const Principal& p) {
                      ASSIGN_OR_RETURN(*res, MonthReport(p, *req));
                      return absl::OkStatus();
                    });
}

grpc::ServerUnaryReactor* ActivityServiceImpl::GetMonthlyTotals(
    const Rpc& rpc, const v1::GetMonthlyTotalsRequest* req,
    v1::MonthlyTotals* res) {
  return ServeQuery(
      core_, rpc, req->position_tokens(), {&hours_view_},
      [this, req, res, stored = rpc.stored_fields](const Principal& p) {
        std::shared_ptr<const projections::RowStore> rows = hours_view_.store();
        ASSIGN_OR_RETURN(activity::MonthlyTotalsParts parts,
                         activity::GetMonthlyTotals(*rows->Read(), p, *req));
        *res = std::move(parts.head);
        *stored = std::move(parts.stored);
        return absl::OkStatus();
      });
}

absl::StatusOr<v1::MonthReportBundle> ActivityServiceImpl::MonthReport(
    const Principal& p, const v1::GetMonthReportRequest& req) {
  // Refusals first, from the view as it is; then a head of the log now,
  // and the view caught up with it, so that no correction it covers is
  // missed.
  std::shared_ptr<const projections::RowStore> store = hours_view_.store();
  RETURN_IF_ERROR(
      activity::GetClosedMonth(*store->Read(), p, req.project_id(), req.month())
          .status());
  ASSIGN_OR_RETURN(merkle::SignedTreeHead latest, log_.SignTreeHead());
  if (!hours_view_.AwaitApplied(activity::kActivityLog, latest.head.tree_size,
                                absl::Now() + core_.max_read_wait)) {
    return absl::UnavailableError(
        "the activity view is behind its log; retry the report");
  }
  store = hours_view_.store();
  ASSIGN_OR_RETURN(activity::MonthReportSources sources,
                   activity::GetMonthReportSources(
                       *store->Read(), p, req.project_id(), req.month()));
  return activity::BuildMonthReport(log_, sources, latest);
}

grpc::ServerUnaryReactor* ActivityServiceImpl::LogHoursBatch(
    const Rpc& rpc, const v1::LogHoursBatchRequest* req,
    v1::LogHoursBatchResponse* res) {
  const int n = req->requests_size();
  const absl::Status refused =
      n > kMaxBatch
          ? values::Invalid("requests", absl::StrCat("at most ", kMaxBatch,
                                                     " in one batch, not ", n))
          : absl::OkStatus();
  std::vector<std::string> tokens;
  for (const v1::LogHoursRequest& r : req->requests()) {
    tokens.insert(tokens.end(), r.header().position_tokens().begin(),
                  r.header().position_tokens().end());
  }
  // Every outcome exists before the items run, each written by its own.
  for (int i = 0; refused.ok() && i < n; ++i) res->add_outcomes();
  return ServeEach(
      core_, rpc, refused, tokens, {&registry_view_}, refused.ok() ? n : 0,
      [this, req, res](const Principal& p, size_t i) {
        const v1::LogHoursRequest& r = req->requests(static_cast<int>(i));
        v1::HoursCommand c;
        *c.mutable_log() = r.command();
        absl::StatusOr<commands::CommandOutcome> o =
            activity_.Run(c, r.header(), p);
        v1::LogHoursOutcome* out = res->mutable_outcomes(static_cast<int>(i));
        if (o.ok()) {
          FillResult(activity::kActivityLog, *o, out->mutable_result());
        } else {
          *out->mutable_status() = ToRpcStatus(o.status());
        }
      },
      [res](size_t i, const absl::Status& s) {
        *res->mutable_outcomes(static_cast<int>(i))->mutable_status() =
            ToRpcStatus(s);
      });
}

template <typename Command, typename C>
grpc::ServerUnaryReactor* ActivityServiceImpl::Run(
    const Rpc& rpc, const v1::RequestHeader& header, C* (Command::*field)(),
    const C& command, v1::CommandResult* res) {
  // The rules read the registry's view: wait for the header's tokens.
  return ServeCommandCase(
      core_, rpc, header, {&registry_view_}, activity::kActivityLog, field,
      command,
      [this](const Command& c, const v1::RequestHeader& h, const Principal& p) {
        return activity_.Run(c, h, p);
      },
      res);
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* ActivityServiceImpl::Query(
    const Rpc& rpc, const Request* req, Response* res,
    absl::StatusOr<Response> (*read)(const RowReader&, const Principal&,
                                     const Request&)) {
  return ServeQuery(core_, rpc, req->position_tokens(), {&hours_view_},
                    [this, req, res, read](const Principal& p) {
                      std::shared_ptr<const projections::RowStore> store =
                          hours_view_.store();
                      ASSIGN_OR_RETURN(*res, read(*store->Read(), p, *req));
                      return absl::OkStatus();
                    });
}

}  // namespace tutornet::server
