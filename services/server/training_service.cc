#include "services/server/training_service.h"

#include "absl/time/clock.h"
#include "services/training/read_model.h"

namespace tutornet::server {

using projections::RowReader;

TrainingServiceImpl::TrainingServiceImpl(
    ServerCore& core, training::Training& training,
    const projections::Projector& registry_view,
    const projections::Projector& training_view)
    : DeclaredService(AuthenticatorOf(core)),
      core_(core),
      training_(training),
      registry_view_(registry_view),
      training_view_(training_view) {
  using T = v1::TrainingCommand;
  using G = v1::GatheringCommand;
  using v1::CommandResult;
  auto command = [this](auto field) {
    return [this, field](const Rpc& rpc, const auto* req, CommandResult* res) {
      return Run(rpc, req->header(), field, req->command(), res);
    };
  };
  // A query reading the training rows only.
  auto query = [this](auto read) {
    return [this, read](const Rpc& rpc, const auto* req, auto* res) {
      return Query(
          rpc, req, res,
          [read](const RowReader& rows, const RowReader&, const Principal& p,
                 const auto& r) { return read(rows, p, r); });
    };
  };
  Unary<v1::CreateTrainingRequest, CommandResult>("CreateTraining",
                                                  command(&T::mutable_create));
  Unary<v1::CancelTrainingRequest, CommandResult>("CancelTraining",
                                                  command(&T::mutable_cancel));
  Unary<v1::RegisterForTrainingRequest, CommandResult>(
      "RegisterForTraining", command(&T::mutable_register_));
  Unary<v1::CancelRegistrationRequest, CommandResult>(
      "CancelRegistration", command(&T::mutable_cancel_registration));
  Unary<v1::RecordAttendanceRequest, CommandResult>(
      "RecordAttendance", command(&T::mutable_record_attendance));
  Unary<v1::GiveFeedbackRequest, CommandResult>(
      "GiveFeedback", command(&T::mutable_give_feedback));
  Unary<v1::CloseFeedbackRequest, CommandResult>(
      "CloseFeedback", command(&T::mutable_close_feedback));
  Unary<v1::CloseFollowUpRequest, CommandResult>(
      "CloseFollowUp", command(&T::mutable_close_follow_up));
  Unary<v1::CreateMeetingRequest, CommandResult>(
      "CreateMeeting", command(&G::mutable_create_meeting));
  Unary<v1::RecordMeetingAttendanceRequest, CommandResult>(
      "RecordMeetingAttendance",
      command(&G::mutable_record_meeting_attendance));
  Unary<v1::RecordMinutesRequest, CommandResult>(
      "RecordMinutes", command(&G::mutable_record_minutes));
  Unary<v1::RecordTakeoverRequest, CommandResult>(
      "RecordTakeover", command(&G::mutable_record_takeover));
  Unary<v1::RecordFacilitatorTrainingRequest, CommandResult>(
      "RecordFacilitatorTraining",
      command(&G::mutable_record_facilitator_training));
  Unary<v1::CreatePeerGroupRequest, CommandResult>(
      "CreatePeerGroup", command(&G::mutable_create_peer_group));
  Unary<v1::HoldPeerMeetingRequest, CommandResult>(
      "HoldPeerMeeting", command(&G::mutable_hold_peer_meeting));
  Unary<v1::ClosePeerGroupRequest, CommandResult>(
      "ClosePeerGroup", command(&G::mutable_close_peer_group));

  Unary<v1::ListTrainingsRequest, v1::ListTrainingsResponse>(
      "ListTrainings", query([](const RowReader& rows, const Principal& p,
                                const v1::ListTrainingsRequest& r) {
        return training::ListTrainings(rows, p, r, absl::Now());
      }));
  Unary<v1::GetTrainingRequest, v1::Training>("GetTraining",
                                              query(&training::GetTraining));
  Unary<v1::ListRegistrationsRequest, v1::ListRegistrationsResponse>(
      "ListRegistrations", query(&training::ListRegistrations));
  Unary<v1::GetCertificateRequest, v1::Certificate>(
      "GetCertificate", query(&training::GetCertificate));
  Unary<v1::ListFollowUpsRequest, v1::ListFollowUpsResponse>(
      "ListFollowUps", query(&training::ListFollowUps));
  Unary<v1::GetReachRequest, v1::Reach>(
      "GetReach", [this](const Rpc& rpc, const auto* req, auto* res) {
        return Query(rpc, req, res, &training::GetReach);
      });
  Unary<v1::ListMeetingsRequest, v1::ListMeetingsResponse>(
      "ListMeetings", query(&training::ListMeetings));
  Unary<v1::ListPeerGroupsRequest, v1::ListPeerGroupsResponse>(
      "ListPeerGroups", query(&training::ListPeerGroups));
  Unary<v1::GetYearFiguresRequest, v1::YearFigures>(
      "GetYearFigures", query(&training::GetYearFigures));
}

template <typename Command, typename C>
grpc::ServerUnaryReactor* TrainingServiceImpl::Run(
    const Rpc& rpc, const v1::RequestHeader& header, C* (Command::*field)(),
    const C& command, v1::CommandResult* res) {
  // The rules read the registry's view: wait for the header's tokens.
  return ServeCommandCase(
      core_, rpc, header, {&registry_view_}, training::kTrainingLog, field,
      command,
      [this](const Command& c, const v1::RequestHeader& h, const Principal& p) {
        return training_.Run(c, h, p);
      },
      res);
}

template <typename Request, typename Response, typename Read>
grpc::ServerUnaryReactor* TrainingServiceImpl::Query(const Rpc& rpc,
                                                     const Request* req,
                                                     Response* res, Read read) {
  return ServeViewQuery(core_, rpc, training_view_, registry_view_, req, res,
                        read);
}

}  // namespace tutornet::server
