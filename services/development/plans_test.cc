// Activity plans and training plans: the development rules as tables
// (decider_test_support.h). Pure: no gRPC, no RocksDB; the facts are given.
#include <string>

#include "gtest/gtest.h"
#include "services/development/decider.h"
#include "services/development/decider_test_support.h"

namespace tutornet::development {
namespace {

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

}  // namespace
}  // namespace tutornet::development
