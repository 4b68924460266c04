#include "services/server/development_service.h"

#include "absl/time/clock.h"
#include "services/development/read_model.h"

namespace tutornet::server {

using projections::RowReader;

DevelopmentServiceImpl::DevelopmentServiceImpl(
    ServerCore& core, development::Development& development,
    const projections::Projector& registry_view,
    const projections::Projector& development_view,
    const projections::Projector& hours_view)
    : DeclaredService(AuthenticatorOf(core)),
      core_(core),
      development_(development),
      registry_view_(registry_view),
      development_view_(development_view),
      hours_view_(hours_view) {
  using D = v1::DevelopmentCommand;
  using v1::CommandResult;
  auto command = [this](auto field) {
    return [this, field](const Rpc& rpc, const auto* req, CommandResult* res) {
      return Run(rpc, req->header(), field, req->command(), res);
    };
  };
  // A query of the development projection with the registry view and the
  // activity view's approved minutes, all read as consistent snapshots
  // once the request's tokens are applied in each.
  auto query = [this](auto read) {
    return [this, read](const Rpc& rpc, const auto* req, auto* res) {
      return ServeQuery(
          core_, rpc, req->position_tokens(),
          {&development_view_, &registry_view_, &hours_view_},
          [this, read, req, res](const Principal& p) -> absl::Status {
            std::shared_ptr<const projections::RowStore> rows =
                development_view_.store();
            std::shared_ptr<const projections::RowStore> places =
                registry_view_.store();
            std::shared_ptr<const projections::RowStore> hours =
                hours_view_.store();
            auto answer =
                read(development::QueryContext{*rows->Read(), *places->Read(),
                                               *hours->Read(), p, absl::Now()},
                     *req);
            if (!answer.ok()) return answer.status();
            *res = *std::move(answer);
            return absl::OkStatus();
          });
    };
  };
#define TUTORNET_COMMAND(Name, field) \
  Unary<v1::Name##Request, CommandResult>(#Name, command(&D::mutable_##field))
  TUTORNET_COMMAND(DefineCompetenceArea, define_area);
  TUTORNET_COMMAND(DefineMentoringMethod, define_method);
  TUTORNET_COMMAND(SubmitActivityPlan, submit_plan);
  TUTORNET_COMMAND(ReviseActivityPlan, revise_plan);
  TUTORNET_COMMAND(ApproveActivityPlan, approve_plan);
  TUTORNET_COMMAND(ReturnActivityPlan, return_plan);
  TUTORNET_COMMAND(OpenMappingRound, open_round);
  TUTORNET_COMMAND(AnswerMapping, answer_mapping);
  TUTORNET_COMMAND(CloseMappingRound, close_round);
  TUTORNET_COMMAND(AddTrainingPlanItem, add_plan_item);
  TUTORNET_COMMAND(SetTrainingPlanItemStatus, set_item_status);
  TUTORNET_COMMAND(StartMentoringProcess, start_process);
  TUTORNET_COMMAND(ChangeCoordinationTeam, change_team);
  TUTORNET_COMMAND(ChangeMentors, change_mentors);
  TUTORNET_COMMAND(EnterPhase, enter_phase);
  TUTORNET_COMMAND(RecordMethodUse, record_method);
  TUTORNET_COMMAND(CloseMentoringProcess, close_process);
  TUTORNET_COMMAND(ApplyForWorkPair, apply_work_pair);
  TUTORNET_COMMAND(DecideWorkPair, decide_work_pair);
  TUTORNET_COMMAND(FileWorkPairGoals, file_goals);
  TUTORNET_COMMAND(RecordWorkPairDay, record_day);
  TUTORNET_COMMAND(FileWorkPairFollowUp, file_follow_up);
  TUTORNET_COMMAND(CloseWorkPair, close_work_pair);
  TUTORNET_COMMAND(AppointDigitalMentor, appoint_mentor);
  TUTORNET_COMMAND(FollowUpMentorGoals, follow_up_goals);
  TUTORNET_COMMAND(EndMentorship, end_mentorship);
#undef TUTORNET_COMMAND

  Unary<v1::GetCatalogueRequest, v1::Catalogue>(
      "GetCatalogue", query(&development::GetCatalogue));
  Unary<v1::GetActivityPlanRequest, v1::ActivityPlan>(
      "GetActivityPlan", query(&development::GetActivityPlan));
  Unary<v1::ListActivityPlansRequest, v1::ListActivityPlansResponse>(
      "ListActivityPlans", query(&development::ListActivityPlans));
  Unary<v1::GetPlanAgainstActualRequest, v1::PlanAgainstActual>(
      "GetPlanAgainstActual", query(&development::GetPlanAgainstActual));
  Unary<v1::GetMappingRoundRequest, v1::MappingRound>(
      "GetMappingRound", query(&development::GetMappingRound));
  Unary<v1::GetMappingResultsRequest, v1::MappingResults>(
      "GetMappingResults", query(&development::GetMappingResults));
  Unary<v1::ListMappingAnswersRequest, v1::ListMappingAnswersResponse>(
      "ListMappingAnswers", query(&development::ListMappingAnswers));
  Unary<v1::GetTrainingPlanRequest, v1::TrainingPlan>(
      "GetTrainingPlan", query(&development::GetTrainingPlan));
  Unary<v1::GetMentoringProcessRequest, v1::MentoringProcess>(
      "GetMentoringProcess", query(&development::GetMentoringProcess));
  Unary<v1::ListMentoringProcessesRequest, v1::ListMentoringProcessesResponse>(
      "ListMentoringProcesses", query(&development::ListMentoringProcesses));
  Unary<v1::GetWorkPairPeriodRequest, v1::WorkPairPeriod>(
      "GetWorkPairPeriod", query(&development::GetWorkPairPeriod));
  Unary<v1::ListWorkPairPeriodsRequest, v1::ListWorkPairPeriodsResponse>(
      "ListWorkPairPeriods", query(&development::ListWorkPairPeriods));
  Unary<v1::GetWorkPairFiguresRequest, v1::WorkPairFigures>(
      "GetWorkPairFigures", query(&development::GetWorkPairFigures));
  Unary<v1::GetMentorshipRequest, v1::Mentorship>(
      "GetMentorship", query(&development::GetMentorship));
  Unary<v1::ListMentorshipsRequest, v1::ListMentorshipsResponse>(
      "ListMentorships", query(&development::ListMentorships));
}

template <typename C>
grpc::ServerUnaryReactor* DevelopmentServiceImpl::Run(
    const Rpc& rpc, const v1::RequestHeader& header,
    C* (v1::DevelopmentCommand::*field)(), const C& command,
    v1::CommandResult* res) {
  // The rules read the registry's view: wait for the header's tokens.
  return ServeCommandCase(
      core_, rpc, header, {&registry_view_}, development::kDevelopmentLog,
      field, command,
      [this](const v1::DevelopmentCommand& c, const v1::RequestHeader& h,
             const Principal& p) { return development_.Run(c, h, p); },
      res);
}

}  // namespace tutornet::server
