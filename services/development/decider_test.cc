// The development rules as tables: given a stream's earlier events and the
// registry's facts, each step yields events or this status. Pure: no gRPC,
// no RocksDB; the facts are given.
#include "services/development/decider.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/development/policy.h"
#include "tests/support/status_matchers.h"
#include "tests/support/text_proto.h"

namespace tutornet::development {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;
using Code = absl::StatusCode;
using ::tutornet::testing::ParseTextProto;

// 2026-11-24, a Tuesday. Schools s-1 (region r-1) and s-2 (region r-2)
// are open, s-old is closed; tutor-1 tutors at both open schools,
// principal-1 and principal-2 lead them.
Facts Today() {
  Facts f;
  f.today = absl::CivilDay(2026, 11, 24);
  f.network_known = true;
  for (const auto& [id, region, open] :
       {std::tuple{"s-1", "r-1", true}, std::tuple{"s-2", "r-2", true},
        std::tuple{"s-old", "r-1", false}}) {
    SchoolFacts& s = f.schools[id];
    s.known = true;
    s.open = open;
    s.placement.set_network_id("ks");
    s.placement.set_region_id(region);
    s.placement.set_municipality_id(std::string("m-") + region);
  }
  f.roles = {{"tutor-1", v1::ROLE_TUTOR_TEACHER, "s-1"},
             {"tutor-1", v1::ROLE_TUTOR_TEACHER, "s-2"},
             {"principal-1", v1::ROLE_PRINCIPAL, "s-1"},
             {"principal-2", v1::ROLE_PRINCIPAL, "s-2"}};
  for (const char* area : {"cloud", "pedagogy"}) {
    f.catalogue.areas[area].set_area_id(area);
    f.catalogue.areas[area].mutable_name()->set_fi(area);
  }
  for (const char* method : {"selfie", "workshop"}) {
    f.catalogue.methods[method].set_method_id(method);
    f.catalogue.methods[method].mutable_name()->set_en(method);
  }
  return f;
}

// One command and what it must give: events (code OK), or a status whose
// message holds `part`.
struct Step {
  Step(std::string command, Code code = Code::kOk, std::string part = "",
       size_t events = 1)
      : command(std::move(command)),
        code(code),
        part(std::move(part)),
        events(events) {}
  std::string command;
  Code code;
  std::string part;
  size_t events;  // For OK steps.
};

// Runs the steps in order on one stream, folding in each step's events.
DevelopmentState Steps(const std::vector<Step>& steps,
                       const Facts& facts = Today(),
                       DevelopmentState state = {}) {
  for (const Step& step : steps) {
    absl::StatusOr<Events> events = DecideDevelopment(
        state, ParseTextProto<v1::DevelopmentCommand>(step.command), facts);
    if (step.code == Code::kOk) {
      EXPECT_TRUE(events.ok()) << step.command << ": " << events.status();
      if (!events.ok()) continue;
      EXPECT_EQ(events->size(), step.events) << step.command;
      for (const v1::DevelopmentEvent& e : *events) {
        state = Evolve(std::move(state), e);
      }
    } else {
      EXPECT_THAT(events, StatusIs(step.code, HasSubstr(step.part)))
          << step.command;
    }
  }
  return state;
}

std::string Replace(std::string text, const std::string& from,
                    const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

constexpr char kPlan[] = R"(
  network_id: "ks" person_id: "tutor-1" school_year: 2026
  plan { school_ids: "s-1" school_ids: "s-2" goals: "Pilvipalvelut arkeen"
         activities { school_id: "s-1" kind: WORK_KIND_PEER_SUPPORT
                      planned_minutes: 1200 }
         activities { school_id: "s-2" kind: WORK_KIND_CO_TEACHING
                      planned_minutes: 600 }
         themes: "pilvi" })";

std::string Submit(const std::string& change = "") {
  return std::string("submit_plan {") + kPlan + change + "}";
}
std::string Decide(const char* verb, const char* school, int version,
                   const std::string& extra = "") {
  return std::string(verb) +
         " { network_id: \"ks\" person_id: \"tutor-1\" school_year: 2026 "
         "school_id: \"" +
         school + "\" version: " + std::to_string(version) + " " + extra + "}";
}

TEST(ActivityPlan, ApprovedSchoolBySchoolReturnedAndRevised) {
  DevelopmentState s = Steps({
      {Submit()},
      {Submit(), Code::kFailedPrecondition, "waiting for approval"},
      {Decide("approve_plan", "s-1", 2), Code::kAborted,
       "not the plan's latest"},
      {Decide("approve_plan", "s-9", 1), Code::kNotFound, "not for school"},
      {Decide("approve_plan", "s-1", 1)},
      {Decide("approve_plan", "s-1", 1), Code::kOk, "", 0},  // A repeat.
      {Decide("return_plan", "s-2", 1), Code::kInvalidArgument, "comment"},
      {Decide("return_plan", "s-2", 1, "comment: \"Lisää teemat\"")},
      {Decide("approve_plan", "s-2", 1), Code::kFailedPrecondition,
       "not waiting"},
      {Submit()},
      {Decide("approve_plan", "s-1", 2)},
  });
  EXPECT_EQ(s.plan.status, v1::PLAN_STATUS_SUBMITTED);
  s = Steps({{Decide("approve_plan", "s-2", 2)}}, Today(), s);
  EXPECT_EQ(s.plan.status, v1::PLAN_STATUS_APPROVED);
  EXPECT_EQ(s.plan.approved_version, 2);
  // A repeat of an approval that completed the plan changes nothing.
  Steps({{Decide("approve_plan", "s-2", 2), Code::kOk, "", 0},
         {Decide("approve_plan", "s-2", 0), Code::kInvalidArgument,
          "version: must be 1 or more"}},
        Today(), s);
  const std::string revise =
      std::string("revise_plan {") + kPlan + " reason: \"Uusi koulu\" }";
  s = Steps({{Submit(), Code::kFailedPrecondition, "revise it"},
             {std::string("revise_plan {") + kPlan + "}",
              Code::kInvalidArgument, "reason"},
             {revise},
             {revise, Code::kFailedPrecondition, "waiting for approval"}},
            Today(), s);
  EXPECT_EQ(s.plan.version, 3);
  EXPECT_EQ(s.plan.approved_version, 2);  // In force until 3 is approved.
  Steps(
      {{"revise_plan { network_id: \"ks\" person_id: \"tutor-1\" "
        "school_year: 2026 reason: \"x\" }",
        Code::kNotFound, "no activity plan"}});
}

TEST(ActivityPlan, ContentRefusals) {
  auto with = [](const std::string& plan) {
    return "submit_plan { network_id: \"ks\" person_id: \"tutor-1\" "
           "school_year: 2026 plan { " +
           plan + " } }";
  };
  const std::string activity =
      " activities { school_id: \"s-1\" kind: WORK_KIND_PLANNING "
      "planned_minutes: 60 }";
  const std::string work = " goals: \"g\"" + activity;
  Steps({
      {with("goals: \"g\""), Code::kInvalidArgument, "plan.school_ids"},
      {with("school_ids: \"s-1\" activities { school_id: \"s-1\" "
            "kind: WORK_KIND_PLANNING planned_minutes: 60 }"),
       Code::kInvalidArgument, "plan.goals"},
      {with("school_ids: \"s-1\" goals: \"g\""), Code::kInvalidArgument,
       "plan.activities"},
      {with("school_ids: \"s-1\"" + work +
            " activities { school_id: \"s-2\" kind: WORK_KIND_PLANNING "
            "planned_minutes: 60 }"),
       Code::kInvalidArgument, "plan.activities[1].school_id"},
      {with("school_ids: \"s-1\"" + work + activity), Code::kInvalidArgument,
       "a second time"},
      {with("school_ids: \"s-1\" goals: \"g\" activities { school_id: \"s-1\" "
            "kind: WORK_KIND_PLANNING planned_minutes: 0 }"),
       Code::kInvalidArgument, "planned_minutes"},
      {with("school_ids: \"s-1\" goals: \"g\" activities { school_id: \"s-1\" "
            "planned_minutes: 5 }"),
       Code::kInvalidArgument, ".kind"},
      {with("school_ids: \"s-old\" goals: \"g\" activities { school_id: "
            "\"s-old\" kind: WORK_KIND_PLANNING planned_minutes: 5 }"),
       Code::kFailedPrecondition, "closed"},
      {with("school_ids: \"s-7\" goals: \"g\" activities { school_id: "
            "\"s-7\" kind: WORK_KIND_PLANNING planned_minutes: 5 }"),
       Code::kNotFound, "no school \"s-7\""},
      {with("school_ids: \"s-1\" goals: \" \"" + activity),
       Code::kInvalidArgument, "plan.goals[0]"},
  });
  Facts no_tutor = Today();
  no_tutor.roles.clear();
  Steps({{Submit(), Code::kFailedPrecondition, "not a tutor teacher"}},
        no_tutor);
  Facts no_network = Today();
  no_network.network_known = false;
  Steps({{Submit(), Code::kNotFound, "no network"}}, no_network);
}

constexpr char kRound[] = R"(open_round {
  round_id: "r-2026" network_id: "ks" school_id: "s-1"
  title { fi: "Osaamiskartoitus marraskuu 2026" }
  area_ids: "cloud" area_ids: "pedagogy"
  opens { year: 2026 month: 11 day: 1 } closes { year: 2026 month: 11 day: 30 }
})";

std::string Answer(const std::string& answers,
                   const std::string& school = "s-1") {
  return "answer_mapping { round_id: \"r-2026\" person_id: \"t-5\" "
         "school_id: \"" +
         school + "\" " + answers + " }";
}
constexpr char kBoth[] =
    "answers { area_id: \"cloud\" level: SELF_ASSESSMENT_BASIC } "
    "answers { area_id: \"pedagogy\" level: SELF_ASSESSMENT_NEEDS_TRAINING }";

TEST(Mapping, RoundAnswersAndRefusals) {
  DevelopmentState s = Steps({
      {Answer(kBoth), Code::kNotFound, "no mapping round"},
      {Replace(kRound, "pedagogy", "robots"), Code::kNotFound, "area_ids[1]"},
      {Replace(kRound, "month: 11 day: 30", "month: 10 day: 31"),
       Code::kInvalidArgument, "closes"},
      {kRound},
      {kRound, Code::kAlreadyExists, "taken"},
      {Answer("answers { area_id: \"cloud\" level: SELF_ASSESSMENT_BASIC }"),
       Code::kInvalidArgument, "each of the round's 2 areas"},
      {Answer(std::string(kBoth) +
              " answers { area_id: \"cloud\" level: SELF_ASSESSMENT_BASIC }"),
       Code::kInvalidArgument, "answered twice"},
      {Answer("answers { area_id: \"cloud\" } answers { area_id: "
              "\"pedagogy\" level: SELF_ASSESSMENT_BASIC }"),
       Code::kInvalidArgument, "answers[0].level"},
      {Answer(kBoth, "s-2"), Code::kInvalidArgument, "the round is for school"},
      {Answer(kBoth)},
  });
  EXPECT_EQ(s.round.answered.count("t-5"), 1u);
  absl::StatusOr<Events> again = DecideDevelopment(
      s, ParseTextProto<v1::DevelopmentCommand>(Answer(kBoth)), Today());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE((*again)[0].mapping_answered().replaces());
  Facts december = Today();
  december.today = absl::CivilDay(2026, 12, 1);
  Steps({{Answer(kBoth), Code::kFailedPrecondition, "takes answers from"}},
        december, s);
  s = Steps({{"close_round { round_id: \"r-2026\" }"},
             {"close_round { round_id: \"r-2026\" }", Code::kOk, "", 0},
             {Answer(kBoth), Code::kFailedPrecondition, "closed"}},
            Today(), s);
}

TEST(TrainingPlan, ItemsAndStatuses) {
  const std::string add =
      "add_plan_item { network_id: \"ks\" person_id: \"t-5\" item_id: \"i-1\" "
      "area_id: \"cloud\" training_id: \"t-pilvi\" }";
  auto set = [](const char* item, const char* status) {
    return std::string(
               "set_item_status { network_id: \"ks\" person_id: "
               "\"t-5\" item_id: \"") +
           item + "\" status: " + status + " }";
  };
  Steps({
      {add},
      {add, Code::kAlreadyExists, "taken"},
      {"add_plan_item { network_id: \"ks\" person_id: \"t-5\" item_id: "
       "\"i-2\" area_id: \"cloud\" training_id: \"t\" other_means: \"kirja\" }",
       Code::kInvalidArgument, "exactly one"},
      {"add_plan_item { network_id: \"ks\" person_id: \"t-5\" item_id: "
       "\"i-2\" area_id: \"robots\" other_means: \"kirja\" }",
       Code::kNotFound, "catalogue"},
      {set("i-9", "TRAINING_PLAN_ITEM_STATUS_DONE"), Code::kNotFound, "i-9"},
      {set("i-1", "TRAINING_PLAN_ITEM_STATUS_PLANNED"), Code::kInvalidArgument,
       "status"},
      {set("i-1", "TRAINING_PLAN_ITEM_STATUS_IN_PROGRESS")},
      {set("i-1", "TRAINING_PLAN_ITEM_STATUS_DONE")},
      {set("i-1", "TRAINING_PLAN_ITEM_STATUS_DONE"), Code::kOk, "", 0},
      {set("i-1", "TRAINING_PLAN_ITEM_STATUS_DROPPED"),
       Code::kFailedPrecondition, "already done"},
  });
}

constexpr char kTeam1[] =
    "teams { school_id: \"s-1\" principal_id: \"principal-1\" "
    "digital_lead_ids: \"lead-1\" digital_lead_ids: \"lead-2\" }";

std::string Start(const std::string& teams,
                  const std::string& mentors = "mentor_ids: \"uni-1\"") {
  return "start_process { process_id: \"p-1\" network_id: \"ks\" "
         "title { fi: \"Kevätkummun koulu\" } " +
         teams + " " + mentors + " }";
}
std::string Phase(int phase, int month, int day) {
  return "enter_phase { process_id: \"p-1\" phase: " + std::to_string(phase) +
         " date { year: 2026 month: " + std::to_string(month) +
         " day: " + std::to_string(day) + " } notes: \"muistio\" }";
}
std::string Method(int phase, const char* method = "workshop", int day = 20) {
  return "record_method { process_id: \"p-1\" method_id: \"" +
         std::string(method) + "\" phase: " + std::to_string(phase) +
         " date { year: 2026 month: 11 day: " + std::to_string(day) +
         " } duration_minutes: 90 participants: 24 }";
}

TEST(Mentoring, SevenPhasesInOrderThenANewCycle) {
  DevelopmentState s = Steps({
      {Start("teams { school_id: \"s-1\" principal_id: \"principal-1\" "
             "digital_lead_ids: \"lead-1\" }"),
       Code::kInvalidArgument, "exactly two"},
      {Start("teams { school_id: \"s-1\" principal_id: \"principal-1\" "
             "digital_lead_ids: \"principal-1\" digital_lead_ids: \"l\" }"),
       Code::kInvalidArgument, "must not name the principal"},
      {Start("teams { school_id: \"s-1\" principal_id: \"lead-9\" "
             "digital_lead_ids: \"lead-1\" digital_lead_ids: \"lead-2\" }"),
       Code::kFailedPrecondition, "is not the principal"},
      {Start(kTeam1, "mentor_ids: \"lead-1\""), Code::kInvalidArgument,
       "mentors come from outside"},
      {Start(std::string(kTeam1) + kTeam1), Code::kInvalidArgument,
       "names the first school"},
      {Start(kTeam1, ""), Code::kInvalidArgument, "mentor_ids"},
      {Start(kTeam1)},
      {Start(kTeam1), Code::kAlreadyExists, "taken"},
      {Method(1), Code::kFailedPrecondition, "has not been entered"},
      {Phase(2, 9, 1), Code::kFailedPrecondition, "the next phase is 1"},
      {Phase(1, 12, 1), Code::kFailedPrecondition, "in the future"},
      {Phase(1, 9, 1)},
      {Phase(2, 8, 30), Code::kInvalidArgument, "before the previous phase"},
      {Phase(3, 9, 10), Code::kFailedPrecondition, "the next phase is 2"},
      {Phase(2, 9, 10)},
      {Phase(3, 9, 20)},
      {Phase(4, 10, 1)},
      {Method(4)},
      {Method(5), Code::kFailedPrecondition, "phase 5 has not been entered"},
      {Method(4, "robots"), Code::kNotFound, "catalogue"},
      {Method(8), Code::kInvalidArgument, "phase"},
      {Phase(5, 10, 15)},
      {Phase(6, 11, 1)},
      {Method(6, "selfie", 2)},
      {Phase(7, 11, 20)},
      {Phase(1, 11, 23)},
  });
  EXPECT_EQ(s.process.cycle, 2);
  EXPECT_EQ(s.process.phase, 1);
  s = Steps({{Method(6), Code::kFailedPrecondition, "cycle 2"},
             {"change_team { process_id: \"p-1\" team { school_id: \"s-1\" "
              "principal_id: \"principal-1\" digital_lead_ids: \"lead-1\" "
              "digital_lead_ids: \"lead-3\" } }",
              Code::kInvalidArgument, "reason"},
             {"change_team { process_id: \"p-1\" reason: \"vaihto\" team { "
              "school_id: \"s-1\" principal_id: \"principal-1\" "
              "digital_lead_ids: \"lead-1\" digital_lead_ids: \"lead-3\" } }"},
             {"change_mentors { process_id: \"p-1\" reason: \"r\" mentor_ids: "
              "\"lead-3\" }",
              Code::kInvalidArgument, "mentors come from outside"},
             {"close_process { process_id: \"p-1\" reason: \"valmis\" }"},
             {Phase(2, 11, 24), Code::kFailedPrecondition, "closed"}},
            Today(), s);
  EXPECT_TRUE(s.process.closed);
}

constexpr char kApply[] = R"(apply_work_pair {
  period_id: "w-1" network_id: "ks" kind: PAIR_KIND_WORK_PAIR
  partners { person_id: "t-1" organisation_id: "s-1" supervisor_id: "principal-1"
             goals: "Erityisopetuksen keinot" }
  partners { person_id: "t-2" organisation_id: "s-2" supervisor_id: "principal-2"
             goals: "Yleisopetuksen arki" }
  purpose: "Inklusiivinen opetus" community_benefit: "Jaetaan tiimeissä"
  planned_days { year: 2026 month: 11 day: 16 }
  planned_days { year: 2026 month: 11 day: 17 }
  planned_days { year: 2026 month: 11 day: 18 }
  planned_days { year: 2026 month: 11 day: 19 }
  planned_days { year: 2026 month: 11 day: 20 }
})";

std::string Day(int day) {
  return "record_day { period_id: \"w-1\" date { year: 2026 month: 11 day: " +
         std::to_string(day) + " } }";
}
std::string FollowUp(const char* person) {
  return std::string("file_follow_up { period_id: \"w-1\" person_id: \"") +
         person +
         "\" goals_achieved: \"hyvin\" learnt: \"paljon\" gender: GENDER_WOMAN "
         "}";
}

TEST(WorkPair, EveryStepInOrder) {
  const std::string goals =
      "file_goals { period_id: \"w-1\" goals: \"tavoitteet\" supervisor_ids: "
      "\"principal-1\" supervisor_ids: \"principal-2\" }";
  DevelopmentState s = Steps({
      {Replace(kApply, "person_id: \"t-2\"", "person_id: \"t-1\""),
       Code::kInvalidArgument, "names the first partner"},
      {Replace(kApply, "day: 20", "day: 21"), Code::kInvalidArgument,
       "not a working day"},
      {Replace(kApply, "day: 20", "day: 19"), Code::kInvalidArgument,
       "planned twice"},
      {Replace(kApply, "supervisor_id: \"principal-2\"",
               "supervisor_id: \"t-1\""),
       Code::kInvalidArgument, "must not be a partner"},
      {Replace(kApply, "purpose: \"Inklusiivinen opetus\"", ""),
       Code::kInvalidArgument, "purpose"},
      {Replace(kApply, "kind: PAIR_KIND_WORK_PAIR", ""), Code::kInvalidArgument,
       "kind"},
      {Replace(kApply, "organisation_id: \"s-2\"", "organisation_id: \"s-8\""),
       Code::kNotFound, "partners[1].organisation_id"},
      {kApply},
      {kApply, Code::kAlreadyExists, "taken"},
      {goals, Code::kFailedPrecondition, "after approval"},
      {Day(16), Code::kFailedPrecondition, "goals are filed"},
      {"decide_work_pair { period_id: \"w-1\" }", Code::kInvalidArgument,
       "reason"},
      {"decide_work_pair { period_id: \"w-1\" approve: true }"},
      {"decide_work_pair { period_id: \"w-1\" approve: true }",
       Code::kFailedPrecondition, "decided once"},
      {Replace(goals, "supervisor_ids: \"principal-2\" ", ""),
       Code::kInvalidArgument, "both partners' supervisors"},
      {goals},
      {FollowUp("t-1"), Code::kFailedPrecondition, "after the period's days"},
      {Day(30), Code::kFailedPrecondition, "in the future"},
      {Day(16)},
      {Day(16), Code::kAlreadyExists, "already recorded"},
      {Day(17)},
      {Day(18)},
      {Day(19)},
      {FollowUp("t-3"), Code::kNotFound, "not a partner"},
      {"record_day { period_id: \"w-1\" date { year: 2026 month: 11 day: 21 "
       "} }",
       Code::kInvalidArgument, "not a working day"},
      {"record_day { period_id: \"w-1\" date { year: 2026 month: 8 day: 3 } "
       "}",
       Code::kInvalidArgument, "more than 60 days before"},
  });
  // Four days held. All five, then the follow-ups and a plain close:
  DevelopmentState five =
      Steps({{Day(20)},
             {Day(23), Code::kFailedPrecondition, "already has its five days"},
             {FollowUp("t-1")},
             {FollowUp("t-2")},
             {"close_work_pair { period_id: \"w-1\" shortened_reason: \"x\" }",
              Code::kInvalidArgument, "all five days"},
             {"close_work_pair { period_id: \"w-1\" }"},
             {Day(23), Code::kFailedPrecondition, "closed"}},
            Today(), s);
  EXPECT_EQ(five.period.status, v1::WORK_PAIR_STATUS_CLOSED);
  // Or the follow-ups after four: the days are over, and a shortened
  // period closes only with its reason.
  s = Steps({{"close_work_pair { period_id: \"w-1\" shortened_reason: "
              "\"sairaus\" }",
              Code::kFailedPrecondition, "missing: t-1, t-2"},
             {FollowUp("t-1")},
             {FollowUp("t-1"), Code::kAlreadyExists, "has filed"},
             {Day(20), Code::kFailedPrecondition, "days are over"},
             {FollowUp("t-2")},
             {"close_work_pair { period_id: \"w-1\" }",
              Code::kFailedPrecondition, "only 4 of five days"},
             {"close_work_pair { period_id: \"w-1\" shortened_reason: "
              "\"Sijaista ei saatu\" }"}},
            Today(), s);
  EXPECT_EQ(s.period.status, v1::WORK_PAIR_STATUS_CLOSED);
  Steps({{kApply},
         {"decide_work_pair { period_id: \"w-1\" reason: \"Ei resursseja\" }"},
         {goals, Code::kFailedPrecondition, "refused"}});
}

TEST(DigitalMentor, AppointFollowUpEnd) {
  const std::string appoint = R"(appoint_mentor {
    mentorship_id: "d-1" network_id: "ks" unit_id: "s-1" person_id: "t-9"
    term { year: 2026 half: TERM_HALF_AUTUMN } agreed_hours: 80
    goals: "Moodle-tuki" goals: "Tekoälyn opetuskäyttö"
    action_plan: "Viikoittaiset klinikat" })";
  Steps({
      {Replace(appoint, "half: TERM_HALF_AUTUMN", ""), Code::kInvalidArgument,
       "term.half"},
      {Replace(appoint, "agreed_hours: 80", "agreed_hours: 0"),
       Code::kInvalidArgument, "agreed_hours"},
      {Replace(appoint, "action_plan: \"Viikoittaiset klinikat\"", ""),
       Code::kInvalidArgument, "action_plan"},
      {appoint},
      {appoint, Code::kAlreadyExists, "taken"},
      {"follow_up_goals { mentorship_id: \"d-1\" goals { goal: 2 progress: "
       "GOAL_PROGRESS_ACHIEVED } }",
       Code::kInvalidArgument, "goals[0].goal"},
      {"follow_up_goals { mentorship_id: \"d-1\" goals { goal: 1 } }",
       Code::kInvalidArgument, "progress"},
      {"follow_up_goals { mentorship_id: \"d-1\" goals { goal: 1 progress: "
       "GOAL_PROGRESS_ACHIEVED } }"},
      {"end_mentorship { mentorship_id: \"d-1\" }", Code::kInvalidArgument,
       "reason"},
      {"end_mentorship { mentorship_id: \"d-1\" reason: \"kausi päättyi\" }"},
      {"follow_up_goals { mentorship_id: \"d-1\" goals { goal: 0 progress: "
       "GOAL_PROGRESS_ACHIEVED } }",
       Code::kFailedPrecondition, "ended"},
  });
}

TEST(Catalogue, AreasAndMethods) {
  Steps({
      {"define_area { network_id: \"ks\" area { area_id: \"cloud\" name { fi: "
       "\"Pilvipalvelut\" sv: \"Molntjänster\" en: \"Cloud services\" } } }"},
      {"define_area { network_id: \"ks\" area { area_id: \"Cloud\" name { fi: "
       "\"x\" } } }",
       Code::kInvalidArgument, "area.area_id"},
      {"define_area { network_id: \"ks\" area { area_id: \"c\" } }",
       Code::kInvalidArgument, "area.name"},
      {"define_method { network_id: \"ks\" method { method_id: \"selfie\" "
       "name { en: \"SELFIE\" } suggested_phases: 4 suggested_phases: 4 } }",
       Code::kInvalidArgument, "suggested_phases"},
      {"define_method { network_id: \"ks\" method { method_id: \"selfie\" "
       "name { en: \"SELFIE\" } suggested_phases: 4 } }"},
  });
}

// The policy table: who may issue which command.
TEST(Policy, WhoMayDoWhat) {
  const Facts facts = Today();
  auto principal = [](const char* id, access::AccessRole role,
                      std::set<std::string> regions = {}) {
    Principal p;
    p.id = id;
    p.role = role;
    p.network_id = role == access::AccessRole::kAdmin ? "" : "ks";
    p.region_ids = std::move(regions);
    return p;
  };
  using R = access::AccessRole;
  DevelopmentState plan = Steps({{Submit()}});
  DevelopmentState period = Steps({{kApply}});
  DevelopmentState process = Steps({{Start(kTeam1)}});
  struct Case {
    Principal who;
    std::string command;
    const DevelopmentState* state;
    bool allowed;
  };
  const DevelopmentState none;
  const std::vector<Case> cases = {
      {principal("tutor-1", R::kTutor), Submit(), &none, true},
      {principal("tutor-2", R::kTutor), Submit(), &none, false},
      {principal("admin", R::kAdmin), Submit(), &none, false},
      {principal("principal-1", R::kTutor), Decide("approve_plan", "s-1", 1),
       &plan, true},
      {principal("principal-1", R::kTutor), Decide("approve_plan", "s-2", 1),
       &plan, false},
      {principal("admin", R::kAdmin), Decide("approve_plan", "s-1", 1), &plan,
       false},
      {principal("tutor-1", R::kTutor), Decide("approve_plan", "s-1", 1), &plan,
       false},
      {principal("funder", R::kFunder), Answer(kBoth), &plan, false},
      {principal("coord", R::kRegionalCoordinator, {"r-1"}), kRound, &none,
       true},
      {principal("coord", R::kRegionalCoordinator, {"r-2"}), kRound, &none,
       false},
      {principal("t-1", R::kTutor), kApply, &none, true},
      {principal("t-7", R::kTutor), kApply, &none, false},
      {principal("t-1", R::kTutor),
       "decide_work_pair { period_id: \"w-1\" approve: true }", &period, false},
      {principal("nc", R::kNetworkCoordinator),
       "decide_work_pair { period_id: \"w-1\" approve: true }", &period, true},
      {principal("coord", R::kRegionalCoordinator, {"r-1", "r-2"}),
       "decide_work_pair { period_id: \"w-1\" approve: true }", &period, false},
      {principal("admin", R::kAdmin), FollowUp("t-1"), &period, false},
      {principal("t-1", R::kTutor), FollowUp("t-1"), &period, true},
      {principal("t-2", R::kTutor), FollowUp("t-1"), &period, false},
      {principal("uni-1", R::kTutor), Phase(1, 9, 1), &process, true},
      {principal("lead-2", R::kTutor), Phase(1, 9, 1), &process, true},
      {principal("t-7", R::kTutor), Phase(1, 9, 1), &process, false},
      {principal("funder", R::kFunder), Phase(1, 9, 1), &process, false},
      {principal("coord", R::kRegionalCoordinator, {"r-1"}), Phase(1, 9, 1),
       &process, true},
      {principal("lead-2", R::kTutor),
       "close_process { process_id: \"p-1\" reason: \"x\" }", &process, false},
      {principal("nc", R::kNetworkCoordinator),
       "define_area { network_id: \"ks\" }", &none, true},
      {principal("coord", R::kRegionalCoordinator, {"r-1"}),
       "define_area { network_id: \"ks\" }", &none, false},
      // A funder's token never writes, whatever its id.
      {principal("principal-1", R::kFunder), Decide("approve_plan", "s-1", 1),
       &plan, false},
      {principal("t-1", R::kFunder), FollowUp("t-1"), &period, false},
      // Work pairs: regional coordinators of both partners' regions only.
      {principal("coord", R::kRegionalCoordinator, {"r-1"}), kApply, &none,
       false},
      {principal("coord", R::kRegionalCoordinator, {"r-1", "r-2"}), kApply,
       &none, true},
      // Teachers are in no region: their training plans are the network's.
      {principal("coord", R::kRegionalCoordinator, {"r-1", "r-2"}),
       "add_plan_item { network_id: \"ks\" person_id: \"t-5\" }", &none, false},
      {principal("nc", R::kNetworkCoordinator),
       "add_plan_item { network_id: \"ks\" person_id: \"t-5\" }", &none, true},
      {principal("t-5", R::kTutor),
       "add_plan_item { network_id: \"ks\" person_id: \"t-5\" }", &none, true},
  };
  for (const Case& c : cases) {
    absl::Status s = AuthorizeCommand(
        c.who, ParseTextProto<v1::DevelopmentCommand>(c.command), *c.state,
        facts);
    if (c.allowed) {
      EXPECT_TRUE(s.ok()) << c.who.id << ": " << c.command << ": " << s;
    } else {
      EXPECT_THAT(s, StatusIs(Code::kPermissionDenied))
          << c.who.id << ": " << c.command;
    }
  }
}

}  // namespace
}  // namespace tutornet::development
