// Mentoring processes and digital mentors: the development rules as tables
// (decider_test_support.h).
#include <string>

#include "gtest/gtest.h"
#include "services/development/decider.h"
#include "services/development/decider_test_support.h"

namespace tutornet::development {
namespace {

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

}  // namespace
}  // namespace tutornet::development
