// Test fixture for the development service: the demo network (without its
// hours), a funded project "oph-2026", the catalogue (areas "cloud" and
// "pedagogy", methods "workshop" and "selfie") and tokens for every role:
// PrincipalsTest's (network_, regional_ = person-102 of ks-jyvaskyla,
// south_, tutor_ = person-1, tutor at school-jyvaskyla-1) and
//   roaming_   person-90, tutor at school-luhanka-1 and school-kuhmoinen-1
//   head_      person-50, principal of school-jyvaskyla-1 (appointed here)
//   head2_     person-51, principal of school-luhanka-1 (appointed here)
//   mentor_    person-300, an external mentor (a researcher)
//   lead_      person-301, a digital-lead teacher
//   lansi_     person-106, regional coordinator of ks-lansi
//   funder_    funder-oph, funder of ks
// Requests are text format: Call("SubmitActivityPlan", as, "...").
#ifndef TUTORNET_SERVICES_SERVER_DEVELOPMENT_FIXTURE_H_
#define TUTORNET_SERVICES_SERVER_DEVELOPMENT_FIXTURE_H_

#include <google/protobuf/text_format.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/server/server_fixture.h"
#include "services/values/dates.h"
#include "tutornet/v1/activity_service.grpc.pb.h"
#include "tutornet/v1/development_service.grpc.pb.h"

namespace tutornet::server {

class DevelopmentTest : public ServiceTest<v1::DevelopmentService> {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    roaming_ = MakeToken("person-90", v1::ACCESS_ROLE_TUTOR, "ks");
    head_ = MakeToken("person-50", v1::ACCESS_ROLE_TUTOR, "ks");
    head2_ = MakeToken("person-51", v1::ACCESS_ROLE_TUTOR, "ks");
    mentor_ = MakeToken("person-300", v1::ACCESS_ROLE_TUTOR, "ks");
    lead_ = MakeToken("person-301", v1::ACCESS_ROLE_TUTOR, "ks");
    lansi_ = MakeToken("person-106", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks",
                       {"ks-lansi"});
    funder_ =
        MakeToken("funder-oph", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-2026"});
    AppointPrincipal("person-50", "school-jyvaskyla-1");
    AppointPrincipal("person-51", "school-luhanka-1");
    for (const char* area : {"cloud", "pedagogy"}) {
      ASSERT_OK(FromGrpc(Call(
          "DefineCompetenceArea", network_,
          absl::StrCat("command { network_id: \"ks\" area { area_id: \"", area,
                       "\" name { fi: \"Alue ", area, "\" sv: \"Område ", area,
                       "\" en: \"Area ", area, "\" } } }"))));
    }
    for (const char* method : {"workshop", "selfie"}) {
      ASSERT_OK(FromGrpc(Call(
          "DefineMentoringMethod", network_,
          absl::StrCat("command { network_id: \"ks\" method { method_id: \"",
                       method, "\" name { en: \"Method ", method,
                       "\" } suggested_phases: 4 } }"))));
    }
    CreateProject();
  }

  void Connect() override {
    ServiceTest::Connect();
    activity_ = v1::ActivityService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

 public:
  // "year: 2026 month: 11 day: 20": `days` from today (Finnish time).
  static std::string DayText(int days) {
    const absl::CivilDay d = values::FinnishDay(absl::Now()) + days;
    return absl::StrFormat("year: %d month: %d day: %d",
                           static_cast<int>(d.year()), d.month(), d.day());
  }
  // The school year of today, as SchoolYearOf names it.
  static int ThisSchoolYear() {
    return values::SchoolYearOf(values::FinnishDay(absl::Now()));
  }
  // The most recent working days before today, oldest first: `n` of them.
  static std::vector<int> PastWorkingDays(int n) {
    std::vector<int> out;
    const absl::CivilDay today = values::FinnishDay(absl::Now());
    for (int back = 1; static_cast<int>(out.size()) < n; ++back) {
      const absl::Weekday w = absl::GetWeekday(today - back);
      if (w != absl::Weekday::saturday && w != absl::Weekday::sunday) {
        out.insert(out.begin(), -back);
      }
    }
    return out;
  }

  // "command { ... }" entering `phase` of process "kevatkumpu", `days`
  // from today.
  static std::string PhaseText(int phase, int days) {
    return absl::StrCat("command { process_id: \"kevatkumpu\" phase: ", phase,
                        " date { ", DayText(days), " } notes: \"Vaihe ", phase,
                        "\" }");
  }
  // "command { ... }" applying for work pair `id`: person-1 of
  // school-jyvaskyla-1 and person-90 of school-luhanka-1, their principals
  // as supervisors, the last five working days planned.
  static std::string WorkPairText(const std::string& id) {
    std::string days;
    for (int d : PastWorkingDays(5)) {
      absl::StrAppend(&days, " planned_days { ", DayText(d), " }");
    }
    return absl::StrCat(
        "command { period_id: \"", id,
        "\" network_id: \"ks\" kind: PAIR_KIND_WORK_PAIR "
        "partners { person_id: \"person-1\" organisation_id: "
        "\"school-jyvaskyla-1\" supervisor_id: \"person-50\" goals: \"Oppia\" "
        "} "
        "partners { person_id: \"person-90\" organisation_id: "
        "\"school-luhanka-1\" supervisor_id: \"person-51\" goals: \"Jakaa\" } "
        "purpose: \"Pienten koulujen digiarki\" community_benefit: \"Tiimit\"",
        days, " }");
  }

 protected:
  void AppointPrincipal(const std::string& person, const std::string& school) {
    v1::AppointRoleRequest req;
    req.mutable_header()->set_request_id(absl::StrCat("appoint-", person));
    v1::AppointRole& a = *req.mutable_command();
    a.set_network_id("ks");
    a.set_appointment_id(absl::StrCat("head-", school));
    a.set_person_id(person);
    a.set_role(v1::ROLE_PRINCIPAL);
    a.mutable_scope()->add_school_ids(school);
    a.mutable_start()->set_year(2020);
    a.mutable_start()->set_month(1);
    a.mutable_start()->set_day(1);
    token_ = admin_;
    v1::CommandResult res;
    const grpc::Status s = stub_->AppointRole(Context().get(), req, &res);
    ASSERT_TRUE(s.ok()) << s.error_message();
    registry_token_ = res.position_token();
  }

  void CreateProject() {
    v1::CreateFundedProjectRequest req;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
        absl::StrCat(
            "header { request_id: \"project\" } command { project_id: "
            "\"oph-2026\" network_id: \"ks\" name { fi: \"Tutorointi\" } "
            "funder { kind: FUNDER_KIND_STATE_AGENCY name: \"Opetushallitus\" "
            "decision_number: \"OPH 1/2026\" } start { year: ",
            values::FinnishDay(absl::Now()).year() - 1,
            " month: 1 day: 1 } end { year: ",
            values::FinnishDay(absl::Now()).year() + 1,
            " month: 12 day: 31 } }"),
        &req));
    token_ = network_;
    v1::CommandResult res;
    const grpc::Status s =
        activity_->CreateFundedProject(Context().get(), req, &res);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  // Logs, submits and (with `approve`) approves `minutes` of `kind` by
  // `person` at `school`, `days` from today; reads wait for it.
  void RecordHours(const std::string& as, const std::string& person,
                   const std::string& record, const std::string& school,
                   const std::string& kind, int minutes, int days,
                   bool approve) {
    token_ = as;
    v1::LogHoursRequest log;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
        absl::StrCat("header { request_id: \"log-", record,
                     "\" } command { person_id: \"", person, "\" record_id: \"",
                     record, "\" entry { date { ", DayText(days),
                     " } start_minute: 600 duration_minutes: ", minutes,
                     " school_id: \"", school, "\" kind: ", kind,
                     " theme: \"Pilvi\" teachers_reached: 3 project_id: "
                     "\"oph-2026\" } }"),
        &log));
    v1::CommandResult res;
    grpc::Status s = activity_->LogHours(Context().get(), log, &res);
    ASSERT_TRUE(s.ok()) << s.error_message();
    v1::SubmitHoursRequest submit;
    submit.mutable_header()->set_request_id(absl::StrCat("submit-", record));
    submit.mutable_command()->set_person_id(person);
    submit.mutable_command()->set_record_id(record);
    s = activity_->SubmitHours(Context().get(), submit, &res);
    ASSERT_TRUE(s.ok()) << s.error_message();
    if (approve) {
      token_ = network_;
      v1::ApproveHoursRequest a;
      a.mutable_header()->set_request_id(absl::StrCat("approve-", record));
      a.mutable_command()->set_person_id(person);
      a.mutable_command()->set_record_id(record);
      s = activity_->ApproveHours(Context().get(), a, &res);
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
    other_token_ = res.position_token();
  }

  grpc::Status Dispatch(const std::string& rpc, const std::string& as,
                        const std::string& text,
                        v1::CommandResult* res) override {
    using S = v1::DevelopmentService::Stub;
#define TUTORNET_RPC(Name)                                                \
  if (rpc == #Name) {                                                     \
    return Send<v1::Name##Request, v1::CommandResult>(&S::Name, as, text, \
                                                      res);               \
  }
    TUTORNET_RPC(DefineCompetenceArea)
    TUTORNET_RPC(DefineMentoringMethod)
    TUTORNET_RPC(SubmitActivityPlan)
    TUTORNET_RPC(ReviseActivityPlan)
    TUTORNET_RPC(ApproveActivityPlan)
    TUTORNET_RPC(ReturnActivityPlan)
    TUTORNET_RPC(OpenMappingRound)
    TUTORNET_RPC(AnswerMapping)
    TUTORNET_RPC(CloseMappingRound)
    TUTORNET_RPC(AddTrainingPlanItem)
    TUTORNET_RPC(SetTrainingPlanItemStatus)
    TUTORNET_RPC(StartMentoringProcess)
    TUTORNET_RPC(ChangeCoordinationTeam)
    TUTORNET_RPC(ChangeMentors)
    TUTORNET_RPC(EnterPhase)
    TUTORNET_RPC(RecordMethodUse)
    TUTORNET_RPC(CloseMentoringProcess)
    TUTORNET_RPC(ApplyForWorkPair)
    TUTORNET_RPC(DecideWorkPair)
    TUTORNET_RPC(FileWorkPairGoals)
    TUTORNET_RPC(RecordWorkPairDay)
    TUTORNET_RPC(FileWorkPairFollowUp)
    TUTORNET_RPC(CloseWorkPair)
    TUTORNET_RPC(AppointDigitalMentor)
    TUTORNET_RPC(FollowUpMentorGoals)
    TUTORNET_RPC(EndMentorship)
#undef TUTORNET_RPC
    ADD_FAILURE() << "no command " << rpc;
    return grpc::Status::CANCELLED;
  }

  std::unique_ptr<v1::ActivityService::Stub> activity_;
  std::string roaming_, head_, head2_, mentor_, lead_, lansi_, funder_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_DEVELOPMENT_FIXTURE_H_
