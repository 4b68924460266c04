// The development service's processes end to end through the real
// server: a mentoring process through its cycles, work-pair periods and
// their yearly figures (seed 004's among them), a digital mentor.
#include <tuple>

#include "absl/strings/numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/server/development_fixture.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"

namespace tutornet::server {
namespace {
TEST_F(DevelopmentTest, MentoringProcessThroughSevenPhasesIntoASecondCycle) {
  const std::string start =
      "command { process_id: \"kevatkumpu\" network_id: \"ks\" "
      "title { fi: \"Kevätkummun koulu\" sv: \"Vårbacka skola\" } "
      "teams { school_id: \"school-jyvaskyla-1\" principal_id: \"person-50\" "
      "digital_lead_ids: \"person-301\" digital_lead_ids: \"person-302\" } "
      "mentor_ids: \"person-300\" }";
  EXPECT_EQ(Call("StartMentoringProcess", tutor_, start).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_OK(FromGrpc(Call("StartMentoringProcess", regional_, start)));
  EXPECT_EQ(Call("EnterPhase", mentor_, PhaseText(2, -60)).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Call("EnterPhase", tutor_, PhaseText(1, -60)).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  for (int phase = 1; phase <= 7; ++phase) {
    const std::string& as = phase % 2 == 0 ? lead_ : mentor_;
    ASSERT_OK(
        FromGrpc(Call("EnterPhase", as, PhaseText(phase, -70 + 10 * phase))));
    if (phase == 4 || phase == 6) {
      ASSERT_OK(FromGrpc(Call(
          "RecordMethodUse", mentor_,
          absl::StrCat("command { process_id: \"kevatkumpu\" method_id: \"",
                       phase == 4 ? "workshop" : "selfie", "\" phase: ", phase,
                       " date { ", DayText(-70 + 10 * phase),
                       " } duration_minutes: 90 participants: 24 }"))));
    }
  }
  ASSERT_OK(FromGrpc(Call("EnterPhase", mentor_, PhaseText(1, 0))));
  v1::MentoringProcess p;
  ASSERT_OK(FromGrpc(Read<v1::GetMentoringProcessRequest>(
      &Stub::GetMentoringProcess, lead_, "process_id: \"kevatkumpu\"", &p)));
  EXPECT_EQ(p.cycle(), 2);
  EXPECT_EQ(p.phase(), 1);
  ASSERT_EQ(p.timeline_size(), 8);
  EXPECT_EQ(p.timeline(3).phase(), 4);
  ASSERT_EQ(p.timeline(3).methods_size(), 1);
  EXPECT_EQ(p.timeline(3).methods(0).method_name().en(), "Method workshop");
  EXPECT_EQ(p.timeline(3).participants(), 24);
  EXPECT_EQ(p.timeline(7).cycle(), 2);
  EXPECT_EQ(p.history_size(), 11);  // Start, 8 phases, 2 methods.
  v1::ListMentoringProcessesResponse list;
  ASSERT_OK(FromGrpc(Read<v1::ListMentoringProcessesRequest>(
      &Stub::ListMentoringProcesses, funder_, "network_id: \"ks\"", &list)));
  ASSERT_EQ(list.processes_size(), 1);
  EXPECT_EQ(list.processes(0).phase(), 1);
  // Dashboards count it in the network, in its school's region and
  // municipality, and nowhere else.
  auto dashboards = v1::DashboardService::NewStub(
      grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  for (const auto& [region, municipality, processes] :
       {std::tuple{"", "", 1}, std::tuple{"ks-jyvaskyla", "", 1},
        std::tuple{"", "jyvaskyla", 1}, std::tuple{"", "muurame", 0},
        std::tuple{"ks-etela", "", 0}}) {
    v1::GetDashboardRequest req;
    req.add_position_tokens(last_token_);
    req.set_network_id("ks");
    req.set_region_id(region);
    req.set_municipality_id(municipality);
    token_ = network_;
    v1::DashboardResponse res;
    ASSERT_OK(FromGrpc(dashboards->GetDashboard(Context().get(), req, &res)));
    const v1::DevelopmentFigures& d = res.current().development();
    EXPECT_EQ(d.mentoring_processes(), processes) << region << municipality;
    if (processes == 0) continue;
    ASSERT_EQ(d.by_phase_size(), 1);
    EXPECT_EQ(d.by_phase(0).phase(), 1);
  }
  EXPECT_EQ(
      Read<v1::GetMentoringProcessRequest>(&Stub::GetMentoringProcess, funder_,
                                           "process_id: \"kevatkumpu\"", &p)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  // The team's change is an event; the principal may make it.
  ASSERT_OK(FromGrpc(
      Call("ChangeCoordinationTeam", head_,
           "command { process_id: \"kevatkumpu\" reason: \"Vuorottelu\" team { "
           "school_id: \"school-jyvaskyla-1\" principal_id: \"person-50\" "
           "digital_lead_ids: \"person-301\" digital_lead_ids: \"person-303\" "
           "} }")));
  EXPECT_EQ(Call("EnterPhase", "", PhaseText(2, 0)).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(DevelopmentTest, WorkPairPeriodsAndYearlyFigures) {
  // A regional coordinator applies only for partners of its regions.
  EXPECT_EQ(
      Call("ApplyForWorkPair", regional_, WorkPairText("w-0")).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_OK(FromGrpc(Call("ApplyForWorkPair", tutor_, WorkPairText("w-1"))));
  ASSERT_OK(FromGrpc(Call("ApplyForWorkPair", roaming_, WorkPairText("w-2"))));
  EXPECT_EQ(Call("DecideWorkPair", tutor_,
                 "command { period_id: \"w-1\" approve: true }")
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  for (const char* id : {"w-1", "w-2"}) {
    ASSERT_OK(FromGrpc(Call(
        "DecideWorkPair", network_,
        absl::StrCat("command { period_id: \"", id, "\" approve: true }"))));
    ASSERT_OK(FromGrpc(
        Call("FileWorkPairGoals", tutor_,
             absl::StrCat("command { period_id: \"", id,
                          "\" goals: \"Tavoitteet\" supervisor_ids: "
                          "\"person-50\" supervisor_ids: \"person-51\" }"))));
  }
  const std::vector<int> days = PastWorkingDays(5);
  for (size_t i = 0; i < days.size(); ++i) {
    ASSERT_OK(FromGrpc(Call("RecordWorkPairDay", i % 2 == 0 ? tutor_ : roaming_,
                            absl::StrCat("command { period_id: \"w-1\" date { ",
                                         DayText(days[i]), " } }"))));
  }
  for (int i = 0; i < 2; ++i) {
    ASSERT_OK(FromGrpc(Call("RecordWorkPairDay", tutor_,
                            absl::StrCat("command { period_id: \"w-2\" date { ",
                                         DayText(days[i]), " } }"))));
  }
  const std::string follow_up =
      " goals_achieved: \"Hyvin\" learnt: \"Kuvastruktuuri\" ";
  EXPECT_EQ(Call("FileWorkPairFollowUp", tutor_,
                 absl::StrCat("command { period_id: \"w-1\" person_id: "
                              "\"person-90\"",
                              follow_up, "}"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_OK(FromGrpc(
      Call("FileWorkPairFollowUp", tutor_,
           absl::StrCat("command { period_id: \"w-1\" person_id: \"person-1\"",
                        follow_up, "gender: GENDER_WOMAN }"))));
  EXPECT_EQ(Call("CloseWorkPair", network_, "command { period_id: \"w-1\" }")
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_OK(FromGrpc(
      Call("FileWorkPairFollowUp", roaming_,
           absl::StrCat("command { period_id: \"w-1\" person_id: \"person-90\"",
                        follow_up, "gender: GENDER_MAN }"))));
  ASSERT_OK(FromGrpc(
      Call("CloseWorkPair", network_, "command { period_id: \"w-1\" }")));

  // Each partner sees their own gender only; coordinators see none.
  v1::WorkPairPeriod period;
  ASSERT_OK(FromGrpc(Read<v1::GetWorkPairPeriodRequest>(
      &Stub::GetWorkPairPeriod, roaming_, "period_id: \"w-1\"", &period)));
  EXPECT_EQ(period.status(), v1::WORK_PAIR_STATUS_CLOSED);
  ASSERT_EQ(period.follow_ups_size(), 2);
  EXPECT_EQ(period.follow_ups(0).gender(), v1::GENDER_UNSPECIFIED);
  EXPECT_EQ(period.follow_ups(1).gender(), v1::GENDER_MAN);
  ASSERT_OK(FromGrpc(Read<v1::GetWorkPairPeriodRequest>(
      &Stub::GetWorkPairPeriod, head2_, "period_id: \"w-1\"", &period)));
  for (const v1::HistoryEntry& h : period.history()) {
    if (h.event().has_follow_up_filed()) {
      EXPECT_EQ(h.event().follow_up_filed().follow_up().gender(),
                v1::GENDER_UNSPECIFIED);
    }
  }
  for (const std::string* other : {&funder_, &lansi_}) {
    EXPECT_EQ(
        Read<v1::GetWorkPairPeriodRequest>(&Stub::GetWorkPairPeriod, *other,
                                           "period_id: \"w-1\"", &period)
            .error_code(),
        grpc::StatusCode::PERMISSION_DENIED);
  }
  ASSERT_OK(FromGrpc(Read<v1::GetWorkPairPeriodRequest>(
      &Stub::GetWorkPairPeriod, south_, "period_id: \"w-1\"", &period)));
  v1::ListWorkPairPeriodsResponse listed;
  ASSERT_OK(FromGrpc(Read<v1::ListWorkPairPeriodsRequest>(
      &Stub::ListWorkPairPeriods, lansi_, "network_id: \"ks\"", &listed)));
  EXPECT_EQ(listed.periods_size(), 0);

  const absl::CivilDay first =
      values::FinnishDay(absl::Now()) + PastWorkingDays(5).front();
  const std::string year =
      absl::StrCat("network_id: \"ks\" year: ", first.year());
  v1::WorkPairFigures figures;
  ASSERT_OK(FromGrpc(Read<v1::GetWorkPairFiguresRequest>(
      &Stub::GetWorkPairFigures, admin_, year, &figures)));
  EXPECT_EQ(figures.pairs(), 2);
  EXPECT_EQ(figures.people(), 2);
  EXPECT_EQ(figures.women(), 1);
  EXPECT_EQ(figures.men(), 1);
  EXPECT_EQ(figures.closed(), 1);
  EXPECT_EQ(figures.days(), 7);
  EXPECT_FALSE(figures.gender_suppressed());
  // Two people's genders in a year not over would tell who is who.
  ASSERT_OK(FromGrpc(Read<v1::GetWorkPairFiguresRequest>(
      &Stub::GetWorkPairFigures, funder_, year, &figures)));
  EXPECT_EQ(figures.pairs(), 2);
  EXPECT_TRUE(figures.gender_suppressed());
  EXPECT_EQ(figures.women() + figures.men() + figures.gender_not_recorded(), 0);
  EXPECT_EQ(Read<v1::GetWorkPairFiguresRequest>(&Stub::GetWorkPairFigures,
                                                tutor_, year, &figures)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The unfinished period closes only with a reason for its two days.
  EXPECT_EQ(Call("CloseWorkPair", network_, "command { period_id: \"w-2\" }")
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DevelopmentTest, DigitalMentorWithHoursFromTheRecords) {
  const absl::CivilDay today = values::FinnishDay(absl::Now());
  const std::string term = absl::StrCat(
      "term { year: ", today.year(),
      " half: ", today.month() >= 8 ? "TERM_HALF_AUTUMN" : "TERM_HALF_SPRING",
      " }");
  ASSERT_OK(FromGrpc(Call(
      "AppointDigitalMentor", regional_,
      absl::StrCat("command { mentorship_id: \"dm-1\" network_id: \"ks\" "
                   "unit_id: \"school-jyvaskyla-1\" person_id: \"person-1\" ",
                   term,
                   " agreed_hours: 40 goals: \"Moodle-tuki\" goals: "
                   "\"Tekoäly opetuksessa\" action_plan: \"Klinikat\" }"))));
  EXPECT_EQ(Call("AppointDigitalMentor", south_,
                 absl::StrCat("command { mentorship_id: \"dm-2\" network_id: "
                              "\"ks\" unit_id: \"school-jyvaskyla-1\" "
                              "person_id: \"person-2\" ",
                              term,
                              " agreed_hours: 40 goals: \"x\" action_plan: "
                              "\"y\" }"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  RecordHours(tutor_, "person-1", "dm-h-1", "school-jyvaskyla-1",
              "WORK_KIND_TRAINING_DELIVERED", 120, -1, true);
  ASSERT_OK(FromGrpc(Call("FollowUpMentorGoals", tutor_,
                          "command { mentorship_id: \"dm-1\" goals { goal: 0 "
                          "progress: GOAL_PROGRESS_ACHIEVED } }")));
  v1::Mentorship m;
  ASSERT_OK(FromGrpc(Read<v1::GetMentorshipRequest>(
      &Stub::GetMentorship, regional_, "mentorship_id: \"dm-1\"", &m)));
  EXPECT_EQ(m.approved_minutes(), 120);
  ASSERT_EQ(m.goals_size(), 1);
  EXPECT_EQ(m.history_size(), 2);
  v1::ListMentorshipsResponse list;
  ASSERT_OK(FromGrpc(Read<v1::ListMentorshipsRequest>(
      &Stub::ListMentorships, network_, "network_id: \"ks\"", &list)));
  ASSERT_EQ(list.mentorships_size(), 1);
  EXPECT_EQ(list.mentorships(0).goals_achieved(), 1);
  EXPECT_EQ(list.mentorships(0).approved_minutes(), 120);
  EXPECT_EQ(Read<v1::GetMentorshipRequest>(&Stub::GetMentorship, roaming_,
                                           "mentorship_id: \"dm-1\"", &m)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Seed 004: "12 pairs, 24 people, 18 women and 6 men" in 2011, 21 pairs in
// 2012. The periods are entered afterwards from the forms, as a network
// arriving with its history would.
TEST_F(DevelopmentTest, WorkPairFiguresOfSeed004) {
  auto period = [&](const std::string& id, const std::string& a,
                    const std::string& b, absl::CivilDay monday, int held,
                    bool close) {
    std::string days;
    for (int d = 0; d < 5; ++d) {
      const absl::CivilDay day = monday + d;
      absl::StrAppend(&days, " planned_days { year: ", day.year(),
                      " month: ", day.month(), " day: ", day.day(), " }");
    }
    ASSERT_OK(FromGrpc(
        Call("ApplyForWorkPair", network_,
             absl::StrCat("command { period_id: \"", id,
                          "\" network_id: \"ks\" kind: PAIR_KIND_WORK_PAIR "
                          "partners { person_id: \"",
                          a,
                          "\" organisation_id: \"school-jyvaskyla-1\" "
                          "supervisor_id: \"person-50\" goals: \"G\" } "
                          "partners { person_id: \"",
                          b,
                          "\" organisation_id: \"school-luhanka-1\" "
                          "supervisor_id: \"person-51\" goals: \"G\" } "
                          "purpose: \"P\" community_benefit: \"C\"",
                          days, " }"))));
    ASSERT_OK(FromGrpc(Call(
        "DecideWorkPair", network_,
        absl::StrCat("command { period_id: \"", id, "\" approve: true }"))));
    ASSERT_OK(FromGrpc(
        Call("FileWorkPairGoals", network_,
             absl::StrCat("command { period_id: \"", id,
                          "\" goals: \"Tavoitteet ja seuranta\" "
                          "supervisor_ids: \"person-50\" supervisor_ids: "
                          "\"person-51\" }"))));
    for (int d = 0; d < held; ++d) {
      const absl::CivilDay day = monday + d;
      ASSERT_OK(FromGrpc(Call(
          "RecordWorkPairDay", network_,
          absl::StrCat("command { period_id: \"", id,
                       "\" date { year: ", day.year(), " month: ", day.month(),
                       " day: ", day.day(), " } }"))));
    }
    if (!close) return;
    for (const std::string& person : {a, b}) {
      int number = 0;
      ASSERT_TRUE(absl::SimpleAtoi(person.substr(7), &number));
      // person-600..617 stated woman, person-618..623 man.
      const char* gender = number < 618 ? "GENDER_WOMAN" : "GENDER_MAN";
      ASSERT_OK(FromGrpc(
          Call("FileWorkPairFollowUp",
               MakeToken(person, v1::ACCESS_ROLE_TUTOR, "ks"),
               absl::StrCat("command { period_id: \"", id, "\" person_id: \"",
                            person,
                            "\" goals_achieved: \"Hyvin\" learnt: \"Paljon\" "
                            "gender: ",
                            gender, " }"))));
    }
    ASSERT_OK(
        FromGrpc(Call("CloseWorkPair", network_,
                      absl::StrCat("command { period_id: \"", id, "\" }"))));
  };
  for (int i = 0; i < 12; ++i) {
    period(absl::StrCat("p2011-", i), absl::StrCat("person-", 600 + 2 * i),
           absl::StrCat("person-", 601 + 2 * i),
           absl::CivilDay(2011, 1, 10) + 7 * i, 5, true);
  }
  for (int i = 0; i < 21; ++i) {
    period(absl::StrCat("p2012-", i), absl::StrCat("person-", 700 + 2 * i),
           absl::StrCat("person-", 701 + 2 * i),
           absl::CivilDay(2012, 1, 9) + 7 * i, 1, false);
  }
  v1::WorkPairFigures f;
  ASSERT_OK(FromGrpc(Read<v1::GetWorkPairFiguresRequest>(
      &Stub::GetWorkPairFigures, funder_, "network_id: \"ks\" year: 2011",
      &f)));
  EXPECT_EQ(f.pairs(), 12);
  EXPECT_EQ(f.people(), 24);
  EXPECT_FALSE(f.gender_suppressed());
  EXPECT_EQ(f.women(), 18);
  EXPECT_EQ(f.men(), 6);
  EXPECT_EQ(f.closed(), 12);
  EXPECT_EQ(f.days(), 60);
  ASSERT_OK(FromGrpc(Read<v1::GetWorkPairFiguresRequest>(
      &Stub::GetWorkPairFigures, funder_, "network_id: \"ks\" year: 2012",
      &f)));
  EXPECT_EQ(f.pairs(), 21);
  EXPECT_EQ(f.people(), 42);
  EXPECT_TRUE(f.gender_suppressed());  // No one stated theirs.
}

}  // namespace
}  // namespace tutornet::server
