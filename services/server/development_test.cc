// The development service end to end through the real server: one full
// cycle of each process, who may read what, and a restart that keeps it
// all.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/server/development_fixture.h"

namespace tutornet::server {
namespace {

using ::testing::HasSubstr;

std::string PlanText(int year, const std::string& extra = "") {
  return absl::StrCat(
      "command { network_id: \"ks\" person_id: \"person-1\" school_year: ",
      year,
      " plan { school_ids: \"school-jyvaskyla-1\" goals: \"Pilvipalvelut "
      "arkeen\" themes: \"pilvi\" "
      "activities { school_id: \"school-jyvaskyla-1\" "
      "kind: WORK_KIND_PEER_SUPPORT planned_minutes: 600 } "
      "activities { school_id: \"school-jyvaskyla-1\" kind: WORK_KIND_PLANNING "
      "planned_minutes: 120 } } ",
      extra, " }");
}

std::string PlanKey(int year) {
  return absl::StrCat(
      "network_id: \"ks\" person_id: \"person-1\" school_year: ", year);
}

TEST_F(DevelopmentTest, ActivityPlanReturnedApprovedAgainstActualRevised) {
  const int year = ThisSchoolYear();
  ASSERT_OK(FromGrpc(Call("SubmitActivityPlan", tutor_, PlanText(year))));
  const std::string decide = absl::StrCat(
      "command { ", PlanKey(year), " school_id: \"school-jyvaskyla-1\" ");
  EXPECT_EQ(
      Call("ApproveActivityPlan", tutor_, absl::StrCat(decide, "version: 1 }"))
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      Call("ApproveActivityPlan", head2_, absl::StrCat(decide, "version: 1 }"))
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_OK(FromGrpc(
      Call("ReturnActivityPlan", head_,
           absl::StrCat(decide, "version: 1 comment: \"Lisää tavoite\" }"))));
  ASSERT_OK(FromGrpc(Call("SubmitActivityPlan", tutor_, PlanText(year))));
  ASSERT_OK(FromGrpc(Call("ApproveActivityPlan", head_,
                          absl::StrCat(decide, "version: 2 }"))));

  // Hours of the school year: 90 + 45 approved peer support, 30 waiting.
  RecordHours(tutor_, "person-1", "h-1", "school-jyvaskyla-1",
              "WORK_KIND_PEER_SUPPORT", 90, -1, true);
  RecordHours(tutor_, "person-1", "h-2", "school-jyvaskyla-1",
              "WORK_KIND_PEER_SUPPORT", 45, -2, true);
  RecordHours(tutor_, "person-1", "h-3", "school-jyvaskyla-1",
              "WORK_KIND_PLANNING", 30, -3, false);
  v1::PlanAgainstActual mine;
  ASSERT_OK(FromGrpc(Read<v1::GetPlanAgainstActualRequest>(
      &Stub::GetPlanAgainstActual, tutor_, PlanKey(year), &mine)));
  ASSERT_EQ(mine.lines_size(), 2);
  EXPECT_EQ(mine.lines(0).kind(), v1::WORK_KIND_PEER_SUPPORT);
  EXPECT_EQ(mine.lines(0).planned_minutes(), 600);
  EXPECT_EQ(mine.lines(0).actual_minutes(), 135);
  EXPECT_EQ(mine.lines(1).kind(), v1::WORK_KIND_PLANNING);
  EXPECT_EQ(mine.lines(1).actual_minutes(), 0);
  EXPECT_EQ(mine.planned_minutes(), 720);
  EXPECT_EQ(mine.approved_plans(), 1);

  // The school's figures are for its principal, coordinators and funders.
  const std::string school =
      absl::StrCat("network_id: \"ks\" school_year: ", year,
                   " school_id: \"school-jyvaskyla-1\"");
  v1::PlanAgainstActual at_school;
  ASSERT_OK(FromGrpc(Read<v1::GetPlanAgainstActualRequest>(
      &Stub::GetPlanAgainstActual, funder_, school, &at_school)));
  EXPECT_EQ(at_school.actual_minutes(), 135);
  EXPECT_EQ(at_school.planned_minutes(), 720);

  // An approved record amended to the tutor's other school moves its
  // minutes there.
  RecordHours(roaming_, "person-90", "h-9", "school-luhanka-1",
              "WORK_KIND_PEER_SUPPORT", 90, -1, true);
  auto school_minutes = [&](const std::string& school_id) {
    v1::PlanAgainstActual figures;
    EXPECT_OK(FromGrpc(Read<v1::GetPlanAgainstActualRequest>(
        &Stub::GetPlanAgainstActual, funder_,
        absl::StrCat("network_id: \"ks\" school_year: ", year, " school_id: \"",
                     school_id, "\""),
        &figures)));
    return figures.actual_minutes();
  };
  EXPECT_EQ(school_minutes("school-luhanka-1"), 90);
  token_ = network_;
  v1::AmendHoursRequest amend;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      absl::StrCat("header { request_id: \"amend-h-9\" } command { "
                   "person_id: \"person-90\" record_id: \"h-9\" entry { "
                   "date { ",
                   DayText(-1),
                   " } start_minute: 600 duration_minutes: 90 school_id: "
                   "\"school-kuhmoinen-1\" kind: WORK_KIND_PEER_SUPPORT "
                   "theme: \"Pilvi\" teachers_reached: 3 project_id: "
                   "\"oph-2026\" } reason: \"Väärä koulu\" }"),
      &amend));
  v1::CommandResult amended;
  grpc::Status moved = activity_->AmendHours(Context().get(), amend, &amended);
  ASSERT_TRUE(moved.ok()) << moved.error_message();
  other_token_ = amended.position_token();
  EXPECT_EQ(school_minutes("school-luhanka-1"), 0);
  EXPECT_EQ(school_minutes("school-kuhmoinen-1"), 90);
  EXPECT_EQ(Read<v1::GetPlanAgainstActualRequest>(&Stub::GetPlanAgainstActual,
                                                  south_, school, &at_school)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // A school the network does not have: NOT_FOUND for those who may read
  // its schools, and nothing told to a region's coordinator.
  const std::string nowhere = absl::StrCat(
      "network_id: \"ks\" school_year: ", year, " school_id: \"school-x\"");
  grpc::Status unknown = Read<v1::GetPlanAgainstActualRequest>(
      &Stub::GetPlanAgainstActual, funder_, nowhere, &at_school);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(unknown.error_message(), HasSubstr("school_id"));
  EXPECT_EQ(Read<v1::GetPlanAgainstActualRequest>(&Stub::GetPlanAgainstActual,
                                                  south_, nowhere, &at_school)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ActivityPlan plan;
  EXPECT_EQ(Read<v1::GetActivityPlanRequest>(&Stub::GetActivityPlan, funder_,
                                             PlanKey(year), &plan)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read<v1::GetActivityPlanRequest>(&Stub::GetActivityPlan, roaming_,
                                             PlanKey(year), &plan)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A revision waits for approval; version 2 stays in force.
  ASSERT_OK(FromGrpc(Call("ReviseActivityPlan", tutor_,
                          PlanText(year, "reason: \"Uusi painopiste\""))));
  ASSERT_OK(FromGrpc(Read<v1::GetActivityPlanRequest>(
      &Stub::GetActivityPlan, head_, PlanKey(year), &plan)));
  EXPECT_EQ(plan.status(), v1::PLAN_STATUS_SUBMITTED);
  EXPECT_EQ(plan.current_version(), 3);
  EXPECT_EQ(plan.approved_version(), 2);
  ASSERT_EQ(plan.versions_size(), 3);
  EXPECT_EQ(plan.versions(2).reason(), "Uusi painopiste");
  ASSERT_EQ(plan.decisions_size(), 2);
  EXPECT_EQ(plan.decisions(0).comment(), "Lisää tavoite");
  EXPECT_EQ(plan.decisions(1).decided_by(), "person-50");
  ASSERT_EQ(plan.history_size(), 5);
  EXPECT_EQ(plan.history(0).actor_id(), "person-1");
  EXPECT_EQ(plan.history(1).actor_id(), "person-50");
  EXPECT_TRUE(plan.history(1).event().has_plan_returned());

  // The principal lists the school's plans; the tutor may not list them.
  v1::ListActivityPlansResponse list;
  ASSERT_OK(FromGrpc(Read<v1::ListActivityPlansRequest>(
      &Stub::ListActivityPlans, head_, school, &list)));
  ASSERT_EQ(list.plans_size(), 1);
  EXPECT_EQ(list.plans(0).person_id(), "person-1");
  EXPECT_EQ(Read<v1::ListActivityPlansRequest>(&Stub::ListActivityPlans, tutor_,
                                               school, &list)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A restart keeps the plan byte for byte.
  RestartServer();
  v1::ActivityPlan again;
  ASSERT_OK(FromGrpc(Read<v1::GetActivityPlanRequest>(
      &Stub::GetActivityPlan, head_, PlanKey(year), &again)));
  EXPECT_EQ(again.SerializeAsString(), plan.SerializeAsString());
  v1::PlanAgainstActual after;
  ASSERT_OK(FromGrpc(Read<v1::GetPlanAgainstActualRequest>(
      &Stub::GetPlanAgainstActual, tutor_, PlanKey(year), &after)));
  EXPECT_EQ(after.SerializeAsString(), mine.SerializeAsString());
}

TEST_F(DevelopmentTest, APlanLeavesASchoolWhenItsRevisionIsApproved) {
  AppointPrincipal("person-52", "school-kuhmoinen-1");
  const std::string head3 = MakeToken("person-52", v1::ACCESS_ROLE_TUTOR, "ks");
  const int year = ThisSchoolYear();
  auto plan = [&](bool both, const std::string& extra) {
    return absl::StrCat(
        "command { network_id: \"ks\" person_id: \"person-90\" "
        "school_year: ",
        year, " plan { school_ids: \"school-luhanka-1\" ",
        both ? "school_ids: \"school-kuhmoinen-1\" " : "",
        "goals: \"Pienet koulut\" activities { school_id: \"school-luhanka-1\" "
        "kind: WORK_KIND_PEER_SUPPORT planned_minutes: 300 } ",
        both ? "activities { school_id: \"school-kuhmoinen-1\" "
               "kind: WORK_KIND_PEER_SUPPORT planned_minutes: 200 } "
             : "",
        "} ", extra, " }");
  };
  auto decide = [&](const std::string& as, const std::string& school,
                    int version) {
    return Call("ApproveActivityPlan", as,
                absl::StrCat("command { network_id: \"ks\" person_id: "
                             "\"person-90\" school_year: ",
                             year, " school_id: \"", school,
                             "\" version: ", version, " }"));
  };
  auto at_kuhmoinen = [&](v1::PlanAgainstActual* out) {
    return Read<v1::GetPlanAgainstActualRequest>(
        &Stub::GetPlanAgainstActual, admin_,
        absl::StrCat("network_id: \"ks\" school_year: ", year,
                     " school_id: \"school-kuhmoinen-1\""),
        out);
  };
  ASSERT_OK(FromGrpc(Call("SubmitActivityPlan", roaming_, plan(true, ""))));
  ASSERT_OK(FromGrpc(decide(head2_, "school-luhanka-1", 1)));
  v1::PlanAgainstActual figures;
  ASSERT_OK(FromGrpc(at_kuhmoinen(&figures)));
  EXPECT_EQ(figures.unapproved_plans(), 1);  // Kuhmoinen has not approved.
  ASSERT_OK(FromGrpc(decide(head3, "school-kuhmoinen-1", 1)));
  ASSERT_OK(FromGrpc(at_kuhmoinen(&figures)));
  EXPECT_EQ(figures.approved_plans(), 1);
  EXPECT_EQ(figures.planned_minutes(), 200);
  // The revision leaves Kuhmoinen; until it is approved, version 1 holds.
  ASSERT_OK(FromGrpc(Call("ReviseActivityPlan", roaming_,
                          plan(false, "reason: \"Vain Luhanka\""))));
  ASSERT_OK(FromGrpc(at_kuhmoinen(&figures)));
  EXPECT_EQ(figures.planned_minutes(), 200);
  ASSERT_OK(FromGrpc(decide(head2_, "school-luhanka-1", 2)));
  ASSERT_OK(FromGrpc(at_kuhmoinen(&figures)));
  EXPECT_EQ(figures.approved_plans() + figures.unapproved_plans(), 0);
  EXPECT_EQ(figures.planned_minutes(), 0);
  v1::ListActivityPlansResponse list;
  ASSERT_OK(FromGrpc(Read<v1::ListActivityPlansRequest>(
      &Stub::ListActivityPlans, head3,
      absl::StrCat("network_id: \"ks\" school_year: ", year,
                   " school_id: \"school-kuhmoinen-1\""),
      &list)));
  EXPECT_EQ(list.plans_size(), 0);
}

std::string RoundText(const std::string& id, const std::string& school) {
  return absl::StrCat(
      "command { round_id: \"", id, "\" network_id: \"ks\" school_id: \"",
      school,
      "\" title { fi: \"Osaamiskartoitus\" } area_ids: \"cloud\" "
      "area_ids: \"pedagogy\" opens { ",
      DevelopmentTest::DayText(-1), " } closes { ",
      DevelopmentTest::DayText(10), " } }");
}

std::string AnswerText(const std::string& round, const std::string& person,
                       const std::string& school, const std::string& cloud) {
  return absl::StrCat("command { round_id: \"", round, "\" person_id: \"",
                      person, "\" school_id: \"", school,
                      "\" answers { area_id: \"cloud\" level: ", cloud,
                      " } answers { area_id: \"pedagogy\" level: "
                      "SELF_ASSESSMENT_NEEDS_TRAINING } }");
}

TEST_F(DevelopmentTest, MappingResultsWithoutIndividualAnswers) {
  ASSERT_OK(FromGrpc(Call("OpenMappingRound", regional_,
                          RoundText("round-1", "school-jyvaskyla-1"))));
  EXPECT_EQ(Call("OpenMappingRound", south_,
                 RoundText("round-x", "school-jyvaskyla-1"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  const char* levels[] = {"SELF_ASSESSMENT_BASIC",     "SELF_ASSESSMENT_BASIC",
                          "SELF_ASSESSMENT_ADVANCED",  "SELF_ASSESSMENT_BASIC",
                          "SELF_ASSESSMENT_DEVELOPER", "SELF_ASSESSMENT_BASIC"};
  for (int i = 0; i < 6; ++i) {
    const std::string person = absl::StrCat("person-", 11 + i);
    const std::string token = MakeToken(person, v1::ACCESS_ROLE_TUTOR, "ks");
    ASSERT_OK(FromGrpc(
        Call("AnswerMapping", token,
             AnswerText("round-1", person, "school-jyvaskyla-1", levels[i]))));
  }
  EXPECT_EQ(Call("AnswerMapping", tutor_,
                 AnswerText("round-1", "person-11", "school-jyvaskyla-1",
                            "SELF_ASSESSMENT_BASIC"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // While answers come in, only the school's principal and admins see
  // results: two reads apart would tell one person's answer.
  v1::MappingResults results;
  ASSERT_OK(FromGrpc(Read<v1::GetMappingResultsRequest>(
      &Stub::GetMappingResults, funder_, "round_id: \"round-1\"", &results)));
  EXPECT_TRUE(results.suppressed());
  EXPECT_EQ(results.answered(), 0);
  EXPECT_EQ(results.areas_size(), 0);
  ASSERT_OK(FromGrpc(Read<v1::GetMappingResultsRequest>(
      &Stub::GetMappingResults, head_,
      "round_id: \"round-1\" school_id: \"school-jyvaskyla-1\"", &results)));
  EXPECT_FALSE(results.suppressed());
  EXPECT_EQ(results.answered(), 6);
  ASSERT_OK(FromGrpc(Call("CloseMappingRound", regional_,
                          "command { round_id: \"round-1\" }")));
  ASSERT_OK(FromGrpc(Read<v1::GetMappingResultsRequest>(
      &Stub::GetMappingResults, funder_, "round_id: \"round-1\"", &results)));
  EXPECT_FALSE(results.suppressed());
  EXPECT_EQ(results.answered(), 6);
  ASSERT_EQ(results.areas_size(), 2);
  EXPECT_EQ(results.areas(0).basic(), 4);
  EXPECT_EQ(results.areas(0).advanced(), 1);
  EXPECT_EQ(results.areas(0).developer(), 1);
  EXPECT_EQ(results.areas(1).needs_training(), 6);
  EXPECT_EQ(results.areas(0).name().sv(), "Område cloud");
  ASSERT_OK(FromGrpc(Read<v1::GetMappingResultsRequest>(
      &Stub::GetMappingResults, regional_,
      "round_id: \"round-1\" region_id: \"ks-etela\"", &results)));
  EXPECT_TRUE(results.suppressed());  // No answers there: nothing to show.
  EXPECT_EQ(Call("AnswerMapping", tutor_,
                 AnswerText("round-1", "person-1", "school-jyvaskyla-1",
                            "SELF_ASSESSMENT_BASIC"))
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  // Individual answers: the person, the school's principal, admins.
  v1::ListMappingAnswersResponse answers;
  EXPECT_EQ(
      Read<v1::ListMappingAnswersRequest>(
          &Stub::ListMappingAnswers, regional_,
          "round_id: \"round-1\" school_id: \"school-jyvaskyla-1\"", &answers)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_OK(FromGrpc(Read<v1::ListMappingAnswersRequest>(
      &Stub::ListMappingAnswers, head_,
      "round_id: \"round-1\" school_id: \"school-jyvaskyla-1\"", &answers)));
  EXPECT_EQ(answers.answers_size(), 6);
  EXPECT_EQ(Read<v1::ListMappingAnswersRequest>(
                &Stub::ListMappingAnswers, tutor_,
                "round_id: \"round-1\" person_id: \"person-12\"", &answers)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // A round with two answers shows counts only to the principal.
  ASSERT_OK(FromGrpc(Call("OpenMappingRound", network_,
                          RoundText("round-2", "school-jyvaskyla-1"))));
  for (int i = 0; i < 2; ++i) {
    const std::string person = absl::StrCat("person-", 11 + i);
    ASSERT_OK(FromGrpc(Call("AnswerMapping",
                            MakeToken(person, v1::ACCESS_ROLE_TUTOR, "ks"),
                            AnswerText("round-2", person, "school-jyvaskyla-1",
                                       "SELF_ASSESSMENT_ADVANCED"))));
  }
  ASSERT_OK(FromGrpc(Read<v1::GetMappingResultsRequest>(
      &Stub::GetMappingResults, regional_, "round_id: \"round-2\"", &results)));
  EXPECT_TRUE(results.suppressed());
  EXPECT_EQ(results.areas_size(), 0);
  ASSERT_OK(FromGrpc(Read<v1::GetMappingResultsRequest>(
      &Stub::GetMappingResults, head_,
      "round_id: \"round-2\" school_id: \"school-jyvaskyla-1\"", &results)));
  EXPECT_FALSE(results.suppressed());
  EXPECT_EQ(results.areas(0).advanced(), 2);

  // A funder's token is never a principal, whatever its id.
  const std::string funder_as_head =
      MakeToken("person-50", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-2026"});
  EXPECT_EQ(
      Read<v1::ListMappingAnswersRequest>(
          &Stub::ListMappingAnswers, funder_as_head,
          "round_id: \"round-1\" school_id: \"school-jyvaskyla-1\"", &answers)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_OK(FromGrpc(Read<v1::GetMappingResultsRequest>(
      &Stub::GetMappingResults, funder_as_head,
      "round_id: \"round-2\" school_id: \"school-jyvaskyla-1\"", &results)));
  EXPECT_TRUE(results.suppressed());
}

TEST_F(DevelopmentTest, PersonalTrainingPlan) {
  const std::string item =
      "network_id: \"ks\" person_id: \"person-1\" item_id: \"i-1\"";
  ASSERT_OK(FromGrpc(
      Call("AddTrainingPlanItem", tutor_,
           absl::StrCat("command { ", item,
                        " area_id: \"cloud\" training_id: \"t-pilvi\" }"))));
  const std::string second =
      "command { network_id: \"ks\" person_id: \"person-1\" item_id: \"i-2\" "
      "area_id: \"pedagogy\" other_means: \"Kollegan tunnit\" }";
  // Teachers are in no region: their plans are theirs and the network's.
  EXPECT_EQ(Call("AddTrainingPlanItem", regional_, second).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_OK(FromGrpc(Call("AddTrainingPlanItem", network_, second)));
  EXPECT_EQ(Call("AddTrainingPlanItem", roaming_,
                 "command { network_id: \"ks\" person_id: \"person-1\" "
                 "item_id: \"i-3\" area_id: \"cloud\" other_means: \"x\" }")
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  for (const char* status : {"TRAINING_PLAN_ITEM_STATUS_IN_PROGRESS",
                             "TRAINING_PLAN_ITEM_STATUS_DONE"}) {
    ASSERT_OK(FromGrpc(
        Call("SetTrainingPlanItemStatus", tutor_,
             absl::StrCat("command { ", item, " status: ", status, " }"))));
  }
  v1::TrainingPlan plan;
  ASSERT_OK(FromGrpc(Read<v1::GetTrainingPlanRequest>(
      &Stub::GetTrainingPlan, network_,
      "network_id: \"ks\" person_id: \"person-1\"", &plan)));
  ASSERT_EQ(plan.items_size(), 2);
  EXPECT_EQ(plan.items(0).status(), v1::TRAINING_PLAN_ITEM_STATUS_DONE);
  EXPECT_EQ(plan.items(1).status(), v1::TRAINING_PLAN_ITEM_STATUS_PLANNED);
  EXPECT_EQ(plan.history_size(), 4);
  EXPECT_EQ(plan.history(1).actor_id(), "person-200");
  EXPECT_EQ(Read<v1::GetTrainingPlanRequest>(
                &Stub::GetTrainingPlan, roaming_,
                "network_id: \"ks\" person_id: \"person-1\"", &plan)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Every process reads the same after a restart and after its projection
// is rebuilt from the log.
TEST_F(DevelopmentTest, RestartAndRebuildKeepEveryProcess) {
  ASSERT_OK(
      FromGrpc(Call("SubmitActivityPlan", tutor_, PlanText(ThisSchoolYear()))));
  ASSERT_OK(FromGrpc(Call("OpenMappingRound", network_,
                          RoundText("round-r", "school-jyvaskyla-1"))));
  ASSERT_OK(
      FromGrpc(Call("AnswerMapping", tutor_,
                    AnswerText("round-r", "person-1", "school-jyvaskyla-1",
                               "SELF_ASSESSMENT_BASIC"))));
  ASSERT_OK(FromGrpc(Call(
      "AddTrainingPlanItem", tutor_,
      "command { network_id: \"ks\" person_id: \"person-1\" item_id: \"i-1\" "
      "area_id: \"cloud\" other_means: \"Kirja\" }")));
  ASSERT_OK(FromGrpc(Call(
      "StartMentoringProcess", network_,
      "command { process_id: \"kevatkumpu\" network_id: \"ks\" title { fi: "
      "\"K\" } teams { school_id: \"school-jyvaskyla-1\" principal_id: "
      "\"person-50\" digital_lead_ids: \"person-301\" digital_lead_ids: "
      "\"person-302\" } mentor_ids: \"person-300\" }")));
  ASSERT_OK(FromGrpc(Call("EnterPhase", mentor_, PhaseText(1, -1))));
  ASSERT_OK(FromGrpc(Call("ApplyForWorkPair", tutor_, WorkPairText("w-1"))));
  auto snapshot = [&]() {
    std::string all;
    v1::ActivityPlan plan;
    EXPECT_OK(FromGrpc(Read<v1::GetActivityPlanRequest>(
        &Stub::GetActivityPlan, admin_, PlanKey(ThisSchoolYear()), &plan)));
    v1::ListMappingAnswersResponse answers;
    EXPECT_OK(FromGrpc(Read<v1::ListMappingAnswersRequest>(
        &Stub::ListMappingAnswers, admin_,
        "round_id: \"round-r\" person_id: \"person-1\"", &answers)));
    v1::TrainingPlan training;
    EXPECT_OK(FromGrpc(Read<v1::GetTrainingPlanRequest>(
        &Stub::GetTrainingPlan, admin_,
        "network_id: \"ks\" person_id: \"person-1\"", &training)));
    v1::MentoringProcess process;
    EXPECT_OK(FromGrpc(Read<v1::GetMentoringProcessRequest>(
        &Stub::GetMentoringProcess, admin_, "process_id: \"kevatkumpu\"",
        &process)));
    v1::WorkPairPeriod period;
    EXPECT_OK(FromGrpc(Read<v1::GetWorkPairPeriodRequest>(
        &Stub::GetWorkPairPeriod, admin_, "period_id: \"w-1\"", &period)));
    EXPECT_EQ(answers.answers_size(), 1);
    EXPECT_EQ(process.timeline_size(), 1);
    for (const google::protobuf::Message* m :
         std::initializer_list<const google::protobuf::Message*>{
             &plan, &answers, &training, &process, &period}) {
      all += m->SerializeAsString();
    }
    return all;
  };
  const std::string before = snapshot();
  RestartServer();
  EXPECT_EQ(snapshot(), before);
  token_ = admin_;
  v1::RebuildProjectionRequest rebuild;
  rebuild.set_name("development");
  v1::RebuildProjectionResponse rebuilt;
  ASSERT_OK(FromGrpc(
      operations_->RebuildProjection(Context().get(), rebuild, &rebuilt)));
  EXPECT_EQ(snapshot(), before);
}

}  // namespace
}  // namespace tutornet::server
