// The activity policy as a table: every command and read, every role, in
// and out of scope.
#include "services/activity/policy.h"

#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tutornet::activity {
namespace {

using access::AccessRole;
using access::Principal;

const Principal kAdmin{"admin-1", AccessRole::kAdmin, "", {}, {}};
const Principal kNetwork{"nc-1", AccessRole::kNetworkCoordinator, "ks", {}, {}};
const Principal kRegional{
    "rc-1", AccessRole::kRegionalCoordinator, "ks", {"ks-1"}, {}};
const Principal kTutor{"t-1", AccessRole::kTutor, "ks", {}, {}};
const Principal kOtherTutor{"t-2", AccessRole::kTutor, "ks", {}, {}};
const Principal kFunder{"oph", AccessRole::kFunder, "ks", {}, {"oph-1"}};
const Principal kStranger{
    "nc-9", AccessRole::kNetworkCoordinator, "other", {}, {}};

const std::map<std::string, const Principal*>& Roles() {
  static const auto* roles =
      new std::map<std::string, const Principal*>{{"admin", &kAdmin},
                                                  {"network", &kNetwork},
                                                  {"regional", &kRegional},
                                                  {"tutor", &kTutor},
                                                  {"other-tutor", &kOtherTutor},
                                                  {"funder", &kFunder},
                                                  {"stranger", &kStranger}};
  return *roles;
}

RecordState Record(const std::string& region, v1::HourStatus status) {
  RecordState r;
  r.status = status;
  r.version = 1;
  r.project_id = "oph-1";
  r.network_id = "ks";
  r.region_id = region;
  return r;
}

v1::HoursCommand Command(const std::string& kind, const std::string& person,
                         bool correction = false) {
  v1::HoursCommand c;
  auto name = [&](auto* m) {
    m->set_person_id(person);
    m->set_record_id("r-1");
    if (correction) m->mutable_correction()->set_reason("x");
  };
  if (kind == "log") name(c.mutable_log());
  if (kind == "submit") name(c.mutable_submit());
  if (kind == "approve") name(c.mutable_approve());
  if (kind == "return") name(c.mutable_return_());
  if (kind == "amend") name(c.mutable_amend());
  if (kind == "void") name(c.mutable_void_());
  return c;
}

struct Row {
  std::string command;
  std::string region;  // Of the record (and of the entry, for log/amend).
  v1::HourStatus status;
  std::vector<std::string> allowed;
};

TEST(ActivityPolicy, HoursCommandsByRoleAndScope) {
  using S = v1::HourStatus;
  const S logged = v1::HOUR_STATUS_LOGGED;
  const S submitted = v1::HOUR_STATUS_SUBMITTED;
  const S approved = v1::HOUR_STATUS_APPROVED;
  const std::vector<Row> table = {
      {"log", "ks-1", logged, {"admin", "network", "regional", "tutor"}},
      {"log", "ks-2", logged, {"admin", "network", "tutor"}},
      {"submit", "ks-1", logged, {"admin", "network", "regional", "tutor"}},
      {"submit", "ks-2", logged, {"admin", "network", "tutor"}},
      {"approve", "ks-1", submitted, {"admin", "network", "regional"}},
      {"approve", "ks-2", submitted, {"admin", "network"}},
      {"return", "ks-1", submitted, {"admin", "network", "regional"}},
      {"return", "ks-2", submitted, {"admin", "network"}},
      {"amend", "ks-1", logged, {"admin", "network", "regional", "tutor"}},
      {"amend", "ks-1", approved, {"admin", "network", "regional"}},
      {"amend", "ks-2", approved, {"admin", "network"}},
      {"void", "ks-1", submitted, {"admin", "network", "regional", "tutor"}},
      {"void", "ks-1", approved, {"admin", "network", "regional"}},
  };
  for (const Row& row : table) {
    const RecordState current = Record(row.region, row.status);
    const RecordScope entry{"ks", row.region, "oph-1"};
    const bool is_new = row.command == "log";
    const bool has_entry = is_new || row.command == "amend";
    for (const auto& [role, principal] : Roles()) {
      const bool expected = std::find(row.allowed.begin(), row.allowed.end(),
                                      role) != row.allowed.end();
      const absl::Status got = AuthorizeHoursCommand(
          *principal, Command(row.command, "t-1"), is_new ? nullptr : &current,
          has_entry ? &entry : nullptr);
      EXPECT_EQ(got.ok(), expected)
          << role << " " << row.command << " in " << row.region << " ("
          << v1::HourStatus_Name(row.status) << "): " << got;
      if (!got.ok()) {
        EXPECT_EQ(got.code(), absl::StatusCode::kPermissionDenied) << got;
      }
    }
  }
}

TEST(ActivityPolicy, NoOneApprovesTheirOwnAndTutorsDoNotCorrect) {
  const RecordState submitted = Record("ks-1", v1::HOUR_STATUS_SUBMITTED);
  EXPECT_FALSE(AuthorizeHoursCommand(kRegional, Command("approve", "rc-1"),
                                     &submitted, nullptr)
                   .ok());
  EXPECT_FALSE(AuthorizeHoursCommand(kNetwork, Command("return", "nc-1"),
                                     &submitted, nullptr)
                   .ok());
  const RecordState logged = Record("ks-1", v1::HOUR_STATUS_LOGGED);
  EXPECT_FALSE(AuthorizeHoursCommand(kTutor, Command("submit", "t-1", true),
                                     &logged, nullptr)
                   .ok());
  EXPECT_TRUE(AuthorizeHoursCommand(kRegional, Command("submit", "t-1", true),
                                    &logged, nullptr)
                  .ok());
  // On their own records coordinators are tutors: an approved record of
  // theirs is changed by someone else.
  const RecordState own_approved = Record("ks-1", v1::HOUR_STATUS_APPROVED);
  const RecordScope here{"ks", "ks-1", "oph-1"};
  EXPECT_FALSE(AuthorizeHoursCommand(kRegional, Command("amend", "rc-1"),
                                     &own_approved, &here)
                   .ok());
  EXPECT_FALSE(AuthorizeHoursCommand(kNetwork, Command("void", "nc-1"),
                                     &own_approved, nullptr)
                   .ok());
  EXPECT_TRUE(
      AuthorizeHoursCommand(kNetwork, Command("amend", "nc-1"), &logged, &here)
          .ok());
  // An amendment that moves a record out of the coordinator's regions.
  const RecordScope elsewhere{"ks", "ks-2", "oph-1"};
  EXPECT_FALSE(AuthorizeHoursCommand(kRegional, Command("amend", "t-1"),
                                     &logged, &elsewhere)
                   .ok());
}

TEST(ActivityPolicy, ProjectCommandsAreNetworkCoordinators) {
  v1::ProjectCommand create;
  create.mutable_create()->set_project_id("oph-1");
  create.mutable_create()->set_network_id("ks");
  ProjectState exists;
  exists.exists = true;
  exists.definition = create.create();
  v1::ProjectCommand close_month;
  close_month.mutable_close_month()->set_project_id("oph-1");
  for (const auto& [role, principal] : Roles()) {
    const bool expected = role == "admin" || role == "network";
    EXPECT_EQ(AuthorizeProjectCommand(*principal, create, {}).ok(), expected)
        << role;
    EXPECT_EQ(AuthorizeProjectCommand(*principal, close_month, exists).ok(),
              expected)
        << role;
  }
}

TEST(ActivityPolicy, AFunderReadsOnlyItsNetworksProjects) {
  // Project ids are global: a funder's token names ids, and its network.
  v1::CreateFundedProject elsewhere;
  elsewhere.set_project_id("oph-1");
  elsewhere.set_network_id("other");
  EXPECT_FALSE(AuthorizeProjectRead(kFunder, elsewhere).ok());
  EXPECT_FALSE(AuthorizeTotalsRead(kFunder, elsewhere).ok());
  EXPECT_FALSE(MayReadRecord(kFunder, "t-1", {"other", "r", "oph-1"}));
}

TEST(ActivityPolicy, ReadsByRoleAndScope) {
  const RecordScope ks1{"ks", "ks-1", "oph-1"};
  const RecordScope ks2_other_project{"ks", "ks-2", "esr-2"};
  v1::CreateFundedProject oph;
  oph.set_project_id("oph-1");
  oph.set_network_id("ks");
  v1::CreateFundedProject esr;
  esr.set_project_id("esr-2");
  esr.set_network_id("ks");
  struct ReadRow {
    std::string what;
    std::function<bool(const Principal&)> allowed;
    std::vector<std::string> roles;
  };
  const std::vector<ReadRow> table = {
      {"t-1's record in ks-1",
       [&](const Principal& p) { return MayReadRecord(p, "t-1", ks1); },
       {"admin", "network", "regional", "tutor", "funder"}},
      {"t-1's record in ks-2 of another project",
       [&](const Principal& p) {
         return MayReadRecord(p, "t-1", ks2_other_project);
       },
       {"admin", "network", "tutor"}},
      {"project oph-1",
       [&](const Principal& p) { return AuthorizeProjectRead(p, oph).ok(); },
       {"admin", "network", "regional", "tutor", "other-tutor", "funder"}},
      {"project esr-2",
       [&](const Principal& p) { return AuthorizeProjectRead(p, esr).ok(); },
       {"admin", "network", "regional", "tutor", "other-tutor"}},
      {"totals of oph-1",
       [&](const Principal& p) { return AuthorizeTotalsRead(p, oph).ok(); },
       {"admin", "network", "funder"}},
      {"queue of ks",
       [&](const Principal& p) { return AuthorizeQueueRead(p, "ks", "").ok(); },
       {"admin", "network", "regional"}},
      {"queue of ks-2",
       [&](const Principal& p) {
         return AuthorizeQueueRead(p, "ks", "ks-2").ok();
       },
       {"admin", "network"}},
      {"list t-1",
       [&](const Principal& p) {
         return AuthorizeRecordList(p, "t-1", "").ok();
       },
       {"admin", "network", "regional", "tutor", "stranger"}},
      {"list project oph-1",
       [&](const Principal& p) {
         return AuthorizeRecordList(p, "", "oph-1").ok();
       },
       {"admin", "network", "regional", "funder", "stranger"}},
  };
  for (const ReadRow& row : table) {
    for (const auto& [role, principal] : Roles()) {
      const bool expected = std::find(row.roles.begin(), row.roles.end(),
                                      role) != row.roles.end();
      EXPECT_EQ(row.allowed(*principal), expected) << role << ": " << row.what;
    }
  }
}

}  // namespace
}  // namespace tutornet::activity
