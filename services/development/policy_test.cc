// Who may issue which development command: the policy table.
#include "services/development/policy.h"

#include <string>

#include "gtest/gtest.h"
#include "services/development/decider.h"
#include "services/development/decider_test_support.h"
#include "tests/support/status_matchers.h"

namespace tutornet::development {
namespace {

using ::tutornet::testing::ParseTextProto;
using ::tutornet::testing::StatusIs;

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
