// The registry's policy as a table: role by command, allowed or denied, in
// and out of scope; and who may see and change personal data.
#include "services/registry/policy.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/registry/decider.h"
#include "tests/support/status_matchers.h"
#include "tests/support/text_proto.h"

namespace tutornet::registry {
namespace {

using access::AccessRole;
using access::Principal;

const Principal kAdmin{"admin-1", AccessRole::kAdmin, "", {}, {}};
const Principal kNetwork{"nc-1", AccessRole::kNetworkCoordinator, "ks", {}, {}};
const Principal kOtherNetwork{
    "nc-2", AccessRole::kNetworkCoordinator, "pm", {}, {}};
const Principal kSouth{
    "rc-1", AccessRole::kRegionalCoordinator, "ks", {"south"}, {}};
const Principal kTutor{"tutor-1", AccessRole::kTutor, "ks", {}, {}};
const Principal kFunder{"funder-1", AccessRole::kFunder, "ks", {}, {"oph-1"}};

v1::RegistryCommand Command(const std::string& text) {
  return ::tutornet::testing::ParseTextProto<v1::RegistryCommand>(text);
}

// A network with two regions; "jamsa" is in south, "keuruu" in west and
// moves to south on 2031-01-01; school "s1" is in jamsa, "s2" in keuruu.
NetworkState State() {
  std::vector<v1::RegistryEvent> events;
  for (const char* text : {
           R"(network_created { network_id: "ks" name { fi: "K" } })",
           R"(region_added { network_id: "ks" region_id: "south" })",
           R"(region_added { network_id: "ks" region_id: "west" })",
           R"(municipality_assigned { network_id: "ks" municipality_id: "jamsa"
              region_id: "south" effective { year: 2020 month: 1 day: 1 } })",
           R"(municipality_assigned { network_id: "ks" municipality_id: "keuruu"
              region_id: "west" effective { year: 2020 month: 1 day: 1 } })",
           R"(municipality_assigned { network_id: "ks" municipality_id: "keuruu"
              region_id: "south" effective { year: 2031 month: 1 day: 1 } })",
           R"(school_registered { network_id: "ks" school_id: "s1"
              municipality_id: "jamsa" })",
           R"(school_registered { network_id: "ks" school_id: "s2"
              municipality_id: "keuruu" })",
       }) {
    events.push_back(
        ::tutornet::testing::ParseTextProto<v1::RegistryEvent>(text));
  }
  return Fold(events);
}

TEST(RegistryPolicyTest, RoleByCommandInAndOutOfScope) {
  const absl::CivilDay today(2026, 11, 23);
  const NetworkState state = State();
  const struct {
    const Principal* who;
    const char* command;
    bool allowed;
  } kTable[] = {
      {&kAdmin, R"(create_network { network_id: "x" })", true},
      {&kNetwork, R"(create_network { network_id: "x" })", false},
      {&kNetwork, R"(add_region { network_id: "ks" region_id: "r" })", true},
      {&kOtherNetwork, R"(add_region { network_id: "ks" region_id: "r" })",
       false},
      {&kSouth, R"(add_region { network_id: "ks" region_id: "r" })", false},
      {&kSouth,
       R"(register_school { network_id: "ks" municipality_id: "jamsa" })",
       true},
      {&kSouth,
       R"(register_school { network_id: "ks" municipality_id: "keuruu" })",
       false},  // Moves to south only in 2031.
      {&kSouth, R"(close_school { network_id: "ks" school_id: "s1" })", true},
      {&kSouth, R"(close_school { network_id: "ks" school_id: "s2" })", false},
      {&kSouth,
       R"(appoint_role { network_id: "ks" role: ROLE_TUTOR_TEACHER
          scope { school_ids: "s1" } })",
       true},
      {&kSouth,
       R"(appoint_role { network_id: "ks" role: ROLE_REGIONAL_COORDINATOR
          scope { region_ids: "south" } })",
       false},
      {&kSouth,
       R"(assign_municipality { network_id: "ks" municipality_id: "keuruu"
          region_id: "south" })",
       false},  // It is west's today.
      {&kTutor, R"(close_school { network_id: "ks" school_id: "s1" })", false},
      {&kFunder, R"(add_region { network_id: "ks" region_id: "r" })", false},
  };
  for (const auto& row : kTable) {
    const absl::Status s =
        AuthorizeCommand(*row.who, Command(row.command), state, today);
    EXPECT_EQ(s.ok(), row.allowed) << row.who->id << " " << row.command;
    if (!row.allowed) {
      EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << s;
    }
  }
  // From 2031 on, keuruu is south's.
  EXPECT_OK(AuthorizeCommand(
      kSouth, Command(R"(close_school { network_id: "ks" school_id: "s2" })"),
      state, absl::CivilDay(2031, 1, 1)));
}

TEST(RegistryPolicyTest, PersonalDataByRoleAndScope) {
  const PersonFacts in_ks{false, {{"ks", {false, {"south"}}}}};
  const PersonFacts in_ks_west{false, {{"ks", {false, {"west"}}}}};
  const PersonFacts coordinator_in_ks{false, {{"ks", {true, {}}}}};
  const PersonFacts elsewhere{false, {{"pm", {false, {"x"}}}}};
  const PersonFacts in_two{false,
                           {{"ks", {false, {"south"}}}, {"pm", {true, {}}}}};
  const PersonFacts nowhere{false, {}};
  const PersonFacts admin{true, {{"ks", {true, {}}}}};
  const struct {
    const Principal* who;
    const char* person;
    const PersonFacts* facts;
    PersonalDataAccess access;
    bool allowed;
  } kTable[] = {
      {&kAdmin, "p1", &elsewhere, PersonalDataAccess::kWrite, true},
      {&kNetwork, "p1", &in_ks, PersonalDataAccess::kRead, true},
      {&kNetwork, "p1", &in_ks, PersonalDataAccess::kWrite, true},
      {&kNetwork, "p1", &elsewhere, PersonalDataAccess::kRead, false},
      {&kNetwork, "p1", &nowhere, PersonalDataAccess::kRead, false},
      {&kNetwork, "p1", &in_two, PersonalDataAccess::kRead, false},
      {&kSouth, "p1", &in_ks_west, PersonalDataAccess::kRead, true},
      {&kSouth, "p1", &in_ks_west, PersonalDataAccess::kWrite, false},
      {&kSouth, "p1", &in_ks, PersonalDataAccess::kWrite, true},
      {&kSouth, "nc-9", &coordinator_in_ks, PersonalDataAccess::kRead, true},
      {&kSouth, "nc-9", &coordinator_in_ks, PersonalDataAccess::kWrite, false},
      {&kNetwork, "nc-9", &coordinator_in_ks, PersonalDataAccess::kWrite, true},
      {&kSouth, "admin-1", &admin, PersonalDataAccess::kWrite, false},
      {&kSouth, "admin-1", &admin, PersonalDataAccess::kRead, false},
      {&kTutor, "p1", &in_ks, PersonalDataAccess::kRead, false},
      {&kTutor, "tutor-1", &in_ks, PersonalDataAccess::kWrite, true},
      {&kFunder, "p1", &in_ks, PersonalDataAccess::kRead, false},
      {&kFunder, "funder-1", &in_ks, PersonalDataAccess::kRead, false},
  };
  for (const auto& row : kTable) {
    const absl::Status s =
        AuthorizePersonalData(*row.who, row.person, *row.facts, row.access);
    EXPECT_EQ(s.ok(), row.allowed) << row.who->id << " on " << row.person;
    if (!row.allowed) {
      EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
    }
  }
}

}  // namespace
}  // namespace tutornet::registry
