// Work-pair periods: the development rules as tables
// (decider_test_support.h).
#include <string>

#include "gtest/gtest.h"
#include "services/development/decider.h"
#include "services/development/decider_test_support.h"

namespace tutornet::development {
namespace {

std::string Day(int day) {
  return "record_day { period_id: \"w-1\" date { year: 2026 month: 11 day: " +
         std::to_string(day) + " } }";
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

}  // namespace
}  // namespace tutornet::development
