// The activity service's access matrix through the real server: every RPC,
// every role, in and out of scope. Each allowed call gets a record (or
// project) of its own prepared by the admin, so "allowed" means OK, not
// merely "not denied".
#include <functional>

#include "services/server/activity_fixture.h"

namespace tutornet::server {
namespace {

class ActivityAccessTest : public ActivityTest {
 protected:
  // A fresh record of person-1 in October, at its own time; `submitted`
  // submits it too. Returns its id.
  std::string Prepare(bool submitted) {
    const int i = next_++;
    const std::string id = absl::StrCat("rec-", i);
    EXPECT_TRUE(Log(admin_, "person-1", id, Entry(1 + i / 10, 8 + i % 10, 30),
                    absl::StrCat("prep-", i))
                    .ok());
    if (submitted) {
      EXPECT_TRUE(
          Submit(admin_, "person-1", id, absl::StrCat("prep-s-", i)).ok());
    }
    return id;
  }

  // A fresh project of its own, for closing.
  std::string PrepareProject() {
    const std::string id = absl::StrCat("proj-", next_++);
    EXPECT_TRUE(CreateProject(admin_, id, "prep-" + id).ok());
    return id;
  }

  // A request id not used before.
  std::string Rq() { return absl::StrCat("rq-", next_++); }

  int next_ = 0;
};

struct Call {
  std::string rpc;
  std::set<std::string> allowed;
};

TEST_F(ActivityAccessTest, EveryRpcEveryRole) {
  const std::map<std::string, std::string> roles = {
      {"admin", admin_},       {"network", network_},
      {"regional", regional_}, {"south", south_},
      {"tutor", tutor_},       {"other-tutor", tutor4_},
      {"funder", funder_},     {"other-funder", other_funder_}};
  std::map<std::string, std::function<grpc::Status(const std::string&)>> rpcs;
  rpcs["LogHours"] = [&](const std::string& as) {
    const int i = next_++;
    return Log(as, "person-1", absl::StrCat("log-", i),
               Entry(1 + i / 10, 8 + i % 10, 30), absl::StrCat("l-", i));
  };
  rpcs["SubmitHours"] = [&](const std::string& as) {
    return Submit(as, "person-1", Prepare(false), Rq());
  };
  rpcs["ApproveHours"] = [&](const std::string& as) {
    return Approve(as, "person-1", Prepare(true), Rq());
  };
  rpcs["ReturnHours"] = [&](const std::string& as) {
    return Return(as, "person-1", Prepare(true), Rq());
  };
  rpcs["AmendHours"] = [&](const std::string& as) {
    const std::string id = Prepare(false);
    v1::HourRecord r;
    EXPECT_TRUE(History(admin_, "person-1", id, &r).ok());
    v1::HourEntry e = r.entry();
    e.set_duration_minutes(20);
    return Amend(as, "person-1", id, e, "lyhyempi", Rq());
  };
  rpcs["VoidHours"] = [&](const std::string& as) {
    return Void(as, "person-1", Prepare(false), Rq());
  };
  rpcs["CreateFundedProject"] = [&](const std::string& as) {
    return CreateProject(as, absl::StrCat("new-", next_++), Rq());
  };
  rpcs["CloseFundedProject"] = [&](const std::string& as) {
    const std::string id = PrepareProject();
    token_ = as;
    v1::CloseFundedProjectRequest req;
    req.mutable_header()->set_request_id(Rq());
    req.mutable_command()->set_project_id(id);
    req.mutable_command()->set_reason("Hanke päättyi");
    v1::CommandResult res;
    return activity_->CloseFundedProject(Context().get(), req, &res);
  };
  rpcs["CloseMonth"] = [&](const std::string& as) {
    const std::string id = PrepareProject();
    token_ = as;
    v1::CloseMonthRequest req;
    req.mutable_header()->set_request_id(Rq());
    req.mutable_command()->set_project_id(id);
    *req.mutable_command()->mutable_month() = Month(2026, 10);
    v1::CommandResult res;
    return activity_->CloseMonth(Context().get(), req, &res);
  };
  rpcs["GetFundedProject"] = [&](const std::string& as) {
    token_ = as;
    v1::GetFundedProjectRequest req;
    req.set_project_id("oph-2026");
    ReadAfter("", req);
    v1::FundedProject res;
    return activity_->GetFundedProject(Context().get(), req, &res);
  };
  rpcs["ListFundedProjects"] = [&](const std::string& as) {
    token_ = as;
    v1::ListFundedProjectsRequest req;
    req.set_network_id("ks");
    ReadAfter("", req);
    v1::ListFundedProjectsResponse res;
    return activity_->ListFundedProjects(Context().get(), req, &res);
  };
  rpcs["ListHourRecords(person)"] = [&](const std::string& as) {
    token_ = as;
    v1::ListHourRecordsRequest req;
    req.set_person_id("person-1");
    *req.mutable_month() = Month(2026, 10);
    ReadAfter("", req);
    v1::ListHourRecordsResponse res;
    return activity_->ListHourRecords(Context().get(), req, &res);
  };
  rpcs["ListHourRecords(project)"] = [&](const std::string& as) {
    token_ = as;
    v1::ListHourRecordsRequest req;
    req.set_project_id("oph-2026");
    *req.mutable_month() = Month(2026, 10);
    ReadAfter("", req);
    v1::ListHourRecordsResponse res;
    return activity_->ListHourRecords(Context().get(), req, &res);
  };
  rpcs["ListSubmittedHours"] = [&](const std::string& as) {
    token_ = as;
    v1::ListSubmittedHoursRequest req;
    req.set_network_id("ks");
    ReadAfter("", req);
    v1::ListHourRecordsResponse res;
    return activity_->ListSubmittedHours(Context().get(), req, &res);
  };
  rpcs["GetHourRecord"] = [&](const std::string& as) {
    const std::string id = Prepare(false);
    v1::HourRecord res;
    return History(as, "person-1", id, &res);
  };
  rpcs["GetMonthlyTotals"] = [&](const std::string& as) {
    v1::MonthlyTotals res;
    return Totals(as, &res);
  };

  const std::vector<Call> matrix = {
      {"LogHours", {"admin", "network", "regional", "tutor"}},
      {"SubmitHours", {"admin", "network", "regional", "tutor"}},
      {"ApproveHours", {"admin", "network", "regional"}},
      {"ReturnHours", {"admin", "network", "regional"}},
      {"AmendHours", {"admin", "network", "regional", "tutor"}},
      {"VoidHours", {"admin", "network", "regional", "tutor"}},
      {"CreateFundedProject", {"admin", "network"}},
      {"CloseFundedProject", {"admin", "network"}},
      {"CloseMonth", {"admin", "network"}},
      {"GetFundedProject",
       {"admin", "network", "regional", "south", "tutor", "other-tutor",
        "funder"}},
      {"ListFundedProjects",
       {"admin", "network", "regional", "south", "tutor", "other-tutor",
        "funder", "other-funder"}},
      {"ListHourRecords(person)",
       {"admin", "network", "regional", "south", "tutor"}},
      {"ListHourRecords(project)",
       {"admin", "network", "regional", "south", "funder"}},
      {"ListSubmittedHours", {"admin", "network", "regional", "south"}},
      {"GetHourRecord", {"admin", "network", "regional", "tutor", "funder"}},
      {"GetMonthlyTotals", {"admin", "network", "funder"}},
  };
  ASSERT_EQ(matrix.size(), rpcs.size());
  for (const Call& call : matrix) {
    for (const auto& [role, token] : roles) {
      const grpc::Status s = rpcs.at(call.rpc)(token);
      const bool allowed = call.allowed.count(role) > 0;
      if (allowed) {
        EXPECT_TRUE(s.ok())
            << call.rpc << " as " << role << ": " << s.error_message();
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << call.rpc << " as " << role << ": " << s.error_message();
      }
    }
  }
}

TEST_F(ActivityAccessTest, ScopedReadsShowOnlyWhatIsInScope) {
  const std::string id = Prepare(true);
  // A coordinator of another region lists person-1's month: empty.
  token_ = south_;
  v1::ListHourRecordsRequest by_person;
  by_person.set_person_id("person-1");
  *by_person.mutable_month() = Month(2026, 10);
  ReadAfter("", by_person);
  v1::ListHourRecordsResponse res;
  ASSERT_TRUE(
      activity_->ListHourRecords(Context().get(), by_person, &res).ok());
  EXPECT_EQ(res.records_size(), 0);
  token_ = regional_;
  ASSERT_TRUE(
      activity_->ListHourRecords(Context().get(), by_person, &res).ok());
  ASSERT_EQ(res.records_size(), 1);
  EXPECT_EQ(res.records(0).record_id(), id);
  // A funder of another project sees none of this network's projects.
  token_ = other_funder_;
  v1::ListFundedProjectsRequest projects;
  projects.set_network_id("ks");
  ReadAfter("", projects);
  v1::ListFundedProjectsResponse listed;
  ASSERT_TRUE(
      activity_->ListFundedProjects(Context().get(), projects, &listed).ok());
  EXPECT_EQ(listed.projects_size(), 0);
}

}  // namespace
}  // namespace tutornet::server
