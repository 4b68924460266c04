// Bad input to the development service through the real server: each case
// gets its exact status and changes nothing (the development log's head
// stays where it was).
#include "gmock/gmock.h"
#include "services/server/development_fixture.h"

namespace tutornet::server {
namespace {

enum class As { kNetwork, kTutor, kHead };

struct BadCase {
  const char* name;
  const char* rpc;      // Which DevelopmentService command.
  std::string request;  // Text-format request (the header is added).
  grpc::StatusCode code;
  const char* message;  // Part of the error message.
  As as = As::kNetwork;
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

using grpc::StatusCode;
using T = DevelopmentTest;

std::string Plan(const std::string& school, int year = T::ThisSchoolYear()) {
  return absl::StrCat(
      "command { network_id: \"ks\" person_id: \"person-1\" school_year: ",
      year, " plan { school_ids: \"", school,
      "\" goals: \"Tavoite\" activities { school_id: \"", school,
      "\" kind: WORK_KIND_PEER_SUPPORT planned_minutes: 600 } } }");
}

std::string Decide(const std::string& person, int version,
                   const std::string& extra = "") {
  return absl::StrCat("command { network_id: \"ks\" person_id: \"", person,
                      "\" school_year: ", T::ThisSchoolYear(),
                      " school_id: \"school-jyvaskyla-1\" version: ", version,
                      " ", extra, " }");
}

std::string Round(const std::string& id, const std::string& area) {
  return absl::StrCat(
      "command { round_id: \"", id,
      "\" network_id: \"ks\" title { fi: \"Kartoitus\" } area_ids: \"", area,
      "\" opens { ", T::DayText(-1), " } closes { ", T::DayText(5), " } }");
}

std::string Answer(const std::string& round, const std::string& answers) {
  return absl::StrCat("command { round_id: \"", round,
                      "\" person_id: \"person-1\" school_id: "
                      "\"school-jyvaskyla-1\" ",
                      answers, " }");
}

std::string Process(const std::string& team) {
  return absl::StrCat(
      "command { process_id: \"p-2\" network_id: \"ks\" title { fi: \"K\" } ",
      team, " mentor_ids: \"person-300\" }");
}

std::string Phase(int phase, int days) {
  return absl::StrCat("command { process_id: \"p-1\" phase: ", phase,
                      " date { ", T::DayText(days), " } notes: \"n\" }");
}

// Five working days in January 2027, Monday to Friday; `first` replaces
// the first.
std::string WorkPair(const std::string& id, const std::string& partners,
                     const std::string& first = "day: 4") {
  std::string days;
  for (int d = 4; d <= 8; ++d) {
    absl::StrAppend(&days, " planned_days { year: 2027 month: 1 ",
                    d == 4 ? first : absl::StrCat("day: ", d), " }");
  }
  return absl::StrCat("command { period_id: \"", id,
                      "\" network_id: \"ks\" kind: PAIR_KIND_WORK_PAIR ",
                      partners, " purpose: \"P\" community_benefit: \"C\"",
                      days, " }");
}

constexpr char kPartners[] =
    "partners { person_id: \"person-1\" organisation_id: "
    "\"school-jyvaskyla-1\" supervisor_id: \"person-50\" goals: \"G\" } "
    "partners { person_id: \"person-90\" organisation_id: "
    "\"school-luhanka-1\" supervisor_id: \"person-51\" goals: \"G\" }";

std::string Mentor(const std::string& unit, int hours) {
  return absl::StrCat(
      "command { mentorship_id: \"dm-9\" network_id: \"ks\" unit_id: \"", unit,
      "\" person_id: \"person-1\" term { year: 2026 half: TERM_HALF_AUTUMN } "
      "agreed_hours: ",
      hours, " goals: \"G\" action_plan: \"A\" }");
}

std::vector<BadCase> Cases() {
  const std::string team =
      "teams { school_id: \"school-jyvaskyla-1\" principal_id: \"person-50\" "
      "digital_lead_ids: \"person-301\" ";
  return {
      {"PlanBadYear", "SubmitActivityPlan", Plan("school-jyvaskyla-1", 1999),
       StatusCode::INVALID_ARGUMENT, "school_year", As::kTutor},
      {"PlanNoCommand", "SubmitActivityPlan", "", StatusCode::INVALID_ARGUMENT,
       "network_id", As::kTutor},
      {"PlanUnknownSchool", "SubmitActivityPlan",
       Plan("school-nowhere", T::ThisSchoolYear() + 1), StatusCode::NOT_FOUND,
       "no school \"school-nowhere\"", As::kTutor},
      {"PlanNotTutorThere", "SubmitActivityPlan",
       Plan("school-muurame-1", T::ThisSchoolYear() + 1),
       StatusCode::FAILED_PRECONDITION, "not a tutor teacher", As::kTutor},
      {"PlanWhilePending", "SubmitActivityPlan", Plan("school-jyvaskyla-1"),
       StatusCode::FAILED_PRECONDITION, "waiting for approval", As::kTutor},
      {"ApproveStaleVersion", "ApproveActivityPlan", Decide("person-1", 7),
       StatusCode::ABORTED, "not the plan's latest", As::kHead},
      {"ReturnWithoutComment", "ReturnActivityPlan", Decide("person-1", 1),
       StatusCode::INVALID_ARGUMENT, "comment", As::kHead},
      {"ApproveUnknownPlan", "ApproveActivityPlan", Decide("person-2", 1),
       StatusCode::NOT_FOUND, "no activity plan of person-2", As::kHead},
      {"AreaNoName", "DefineCompetenceArea",
       "command { network_id: \"ks\" area { area_id: \"robots\" } }",
       StatusCode::INVALID_ARGUMENT, "area.name"},
      {"AreaBadId", "DefineCompetenceArea",
       "command { network_id: \"ks\" area { area_id: \"Robots!\" name { fi: "
       "\"R\" } } }",
       StatusCode::INVALID_ARGUMENT, "area.area_id"},
      {"AreaUnknownNetwork", "DefineCompetenceArea",
       "command { network_id: \"zz\" area { area_id: \"robots\" name { fi: "
       "\"R\" } } }",
       StatusCode::PERMISSION_DENIED, "may not define"},
      {"RoundUnknownArea", "OpenMappingRound", Round("r-2", "robots"),
       StatusCode::NOT_FOUND, "area_ids[0]"},
      {"RoundTaken", "OpenMappingRound", Round("r-1", "cloud"),
       StatusCode::ALREADY_EXISTS, "\"r-1\" is taken"},
      {"AnswerMissingArea", "AnswerMapping",
       Answer("r-1",
              "answers { area_id: \"cloud\" level: "
              "SELF_ASSESSMENT_BASIC }"),
       StatusCode::INVALID_ARGUMENT, "must answer each of the round's 2 areas",
       As::kTutor},
      {"AnswerBadLevel", "AnswerMapping",
       Answer("r-1",
              "answers { area_id: \"cloud\" } answers { area_id: "
              "\"pedagogy\" level: SELF_ASSESSMENT_BASIC }"),
       StatusCode::INVALID_ARGUMENT, "answers[0].level", As::kTutor},
      {"AnswerUnknownRound", "AnswerMapping", Answer("r-9", ""),
       StatusCode::NOT_FOUND, "no mapping round \"r-9\"", As::kTutor},
      {"ItemBothMeans", "AddTrainingPlanItem",
       "command { network_id: \"ks\" person_id: \"person-1\" item_id: \"i-1\" "
       "area_id: \"cloud\" training_id: \"t-1\" other_means: \"kirja\" }",
       StatusCode::INVALID_ARGUMENT, "exactly one of training_id"},
      {"ProcessOneLead", "StartMentoringProcess", Process(team + "}"),
       StatusCode::INVALID_ARGUMENT, "teams[0].digital_lead_ids"},
      {"ProcessWrongPrincipal", "StartMentoringProcess",
       Process("teams { school_id: \"school-jyvaskyla-1\" principal_id: "
               "\"person-51\" digital_lead_ids: \"person-301\" "
               "digital_lead_ids: \"person-302\" }"),
       StatusCode::FAILED_PRECONDITION, "is not the principal"},
      {"PhaseSkipped", "EnterPhase", Phase(3, -1),
       StatusCode::FAILED_PRECONDITION, "the next phase is 1"},
      {"PhaseInTheFuture", "EnterPhase", Phase(1, 3),
       StatusCode::FAILED_PRECONDITION, "is in the future"},
      {"PhaseEight", "EnterPhase", Phase(8, -1), StatusCode::INVALID_ARGUMENT,
       "phase: must be 1-7"},
      {"PhaseWithoutNotes", "EnterPhase",
       absl::StrCat("command { process_id: \"p-1\" phase: 1 date { ",
                    T::DayText(-1), " } }"),
       StatusCode::INVALID_ARGUMENT, "notes"},
      {"MethodUnknownProcess", "RecordMethodUse",
       "command { process_id: \"p-9\" method_id: \"selfie\" phase: 1 }",
       StatusCode::NOT_FOUND, "no mentoring process \"p-9\""},
      {"WorkPairOnePartner", "ApplyForWorkPair",
       WorkPair("w-2",
                "partners { person_id: \"person-1\" organisation_id: "
                "\"school-jyvaskyla-1\" supervisor_id: \"person-50\" "
                "goals: \"G\" }"),
       StatusCode::INVALID_ARGUMENT, "exactly two partners"},
      {"WorkPairSaturday", "ApplyForWorkPair",
       WorkPair("w-2", kPartners, "day: 2"), StatusCode::INVALID_ARGUMENT,
       "planned_days[0]: is not a working day"},
      {"WorkPairTaken", "ApplyForWorkPair", WorkPair("w-1", kPartners),
       StatusCode::ALREADY_EXISTS, "\"w-1\" is taken"},
      {"GoalsBeforeApproval", "FileWorkPairGoals",
       "command { period_id: \"w-1\" goals: \"G\" supervisor_ids: "
       "\"person-50\" supervisor_ids: \"person-51\" }",
       StatusCode::FAILED_PRECONDITION, "after approval"},
      {"RefusalWithoutReason", "DecideWorkPair",
       "command { period_id: \"w-1\" }", StatusCode::INVALID_ARGUMENT,
       "reason"},
      {"MentorTooManyHours", "AppointDigitalMentor",
       Mentor("school-jyvaskyla-1", 5000), StatusCode::INVALID_ARGUMENT,
       "agreed_hours"},
      {"MentorUnknownUnit", "AppointDigitalMentor", Mentor("faculty-x", 40),
       StatusCode::NOT_FOUND, "unit_id"},
  };
}

class DevelopmentBadInputTest : public DevelopmentTest,
                                public ::testing::WithParamInterface<BadCase> {
 protected:
  void SetUp() override {
    DevelopmentTest::SetUp();
    ASSERT_OK(FromGrpc(
        Call("SubmitActivityPlan", tutor_, Plan("school-jyvaskyla-1"))));
    ASSERT_OK(FromGrpc(
        Call("OpenMappingRound", network_,
             absl::StrCat(
                 "command { round_id: \"r-1\" network_id: \"ks\" title { fi: "
                 "\"K\" } area_ids: \"cloud\" area_ids: \"pedagogy\" opens { ",
                 DayText(-1), " } closes { ", DayText(5), " } }"))));
    ASSERT_OK(FromGrpc(Call(
        "StartMentoringProcess", network_,
        "command { process_id: \"p-1\" network_id: \"ks\" title { fi: \"K\" } "
        "teams { school_id: \"school-jyvaskyla-1\" principal_id: "
        "\"person-50\" digital_lead_ids: \"person-301\" digital_lead_ids: "
        "\"person-302\" } mentor_ids: \"person-300\" }")));
    ASSERT_OK(
        FromGrpc(Call("ApplyForWorkPair", tutor_, WorkPair("w-1", kPartners))));
  }
};

TEST_P(DevelopmentBadInputTest, ExactStatusAndNothingChanged) {
  const BadCase& c = GetParam();
  const uint64_t head = LogHead("development");
  const std::string& as = c.as == As::kTutor  ? tutor_
                          : c.as == As::kHead ? head_
                                              : network_;
  const grpc::Status s = Call(c.rpc, as, c.request);
  EXPECT_EQ(s.error_code(), c.code) << s.error_message();
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr(c.message));
  EXPECT_EQ(LogHead("development"), head);
}

INSTANTIATE_TEST_SUITE_P(Development, DevelopmentBadInputTest,
                         ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tutornet::server
