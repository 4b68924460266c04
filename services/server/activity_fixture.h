// Test fixture for the activity service: the demo network, a funded
// project "oph-2026" (2026, the whole network) and tokens for every role:
// PrincipalsTest's (network_, regional_, south_, tutor_) and
//   tutor4_    person-4, tutor at school-muurame-1 (ks-jyvaskyla)
//   funder_    funder-oph, funder of oph-2026
//   other_funder_  funder-esr, funder of esr-1 only
#ifndef TUTORNET_SERVICES_SERVER_ACTIVITY_FIXTURE_H_
#define TUTORNET_SERVICES_SERVER_ACTIVITY_FIXTURE_H_

#include "services/server/server_fixture.h"
#include "tutornet/v1/activity_service.grpc.pb.h"

namespace tutornet::server {

class ActivityTest : public PrincipalsTest {
 protected:
  void SetUp() override {
    PrincipalsTest::SetUp();
    tutor4_ = MakeToken("person-4", v1::ACCESS_ROLE_TUTOR, "ks");
    funder_ =
        MakeToken("funder-oph", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-2026"});
    other_funder_ =
        MakeToken("funder-esr", v1::ACCESS_ROLE_FUNDER, "ks", {"esr-1"});
    ASSERT_OK(FromGrpc(CreateProject(network_, "oph-2026", "p-1")));
  }

  void Connect() override {
    PrincipalsTest::Connect();
    activity_ = v1::ActivityService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  static v1::Date Day(int y, int m, int d) {
    v1::Date date;
    date.set_year(y);
    date.set_month(m);
    date.set_day(d);
    return date;
  }

  static v1::Month Month(int y, int m) {
    v1::Month month;
    month.set_year(y);
    month.set_month(m);
    return month;
  }

  // 2026-10-<day> from <hour>:00, `minutes` long, at school-jyvaskyla-1.
  static v1::HourEntry Entry(int day, int hour = 9, int minutes = 60,
                             const std::string& school = "school-jyvaskyla-1") {
    v1::HourEntry e;
    *e.mutable_date() = Day(2026, 10, day);
    e.set_start_minute(hour * 60);
    e.set_duration_minutes(minutes);
    e.set_school_id(school);
    e.set_kind(v1::WORK_KIND_PEER_SUPPORT);
    e.set_theme("Pilvipalvelut opetuksessa");
    e.set_teachers_reached(5);
    e.set_project_id("oph-2026");
    return e;
  }

  grpc::Status CreateProject(const std::string& as, const std::string& id,
                             const std::string& request_id,
                             v1::CommandResult* res = nullptr) {
    token_ = as;
    v1::CreateFundedProjectRequest req;
    req.mutable_header()->set_request_id(request_id);
    v1::CreateFundedProject& p = *req.mutable_command();
    p.set_project_id(id);
    p.set_network_id("ks");
    p.mutable_name()->set_fi("Tutoropettajatoiminta 2026");
    p.mutable_funder()->set_kind(v1::FUNDER_KIND_STATE_AGENCY);
    p.mutable_funder()->set_name("Opetushallitus");
    p.mutable_funder()->set_decision_number("OPH 73/570/2016");
    *p.mutable_start() = Day(2026, 1, 1);
    *p.mutable_end() = Day(2026, 12, 31);
    v1::CommandResult own;
    return Remember(activity_->CreateFundedProject(Context().get(), req, &own),
                    own, res);
  }

  grpc::Status Log(const std::string& as, const std::string& person,
                   const std::string& record, const v1::HourEntry& entry,
                   const std::string& request_id,
                   v1::CommandResult* res = nullptr,
                   const std::string& position_token = "") {
    token_ = as;
    v1::LogHoursRequest req;
    req.mutable_header()->set_request_id(request_id);
    if (!position_token.empty()) {
      req.mutable_header()->add_position_tokens(position_token);
    }
    req.mutable_command()->set_person_id(person);
    req.mutable_command()->set_record_id(record);
    *req.mutable_command()->mutable_entry() = entry;
    v1::CommandResult own;
    return Remember(activity_->LogHours(Context().get(), req, &own), own, res);
  }

  // A step on a record: `fill` sets the command's own fields.
  template <typename Request, typename Rpc, typename Fill>
  grpc::Status Step(Rpc rpc, const std::string& as, const std::string& person,
                    const std::string& record, const std::string& request_id,
                    Fill fill, v1::CommandResult* res = nullptr) {
    token_ = as;
    Request req;
    req.mutable_header()->set_request_id(request_id);
    req.mutable_command()->set_person_id(person);
    req.mutable_command()->set_record_id(record);
    fill(*req.mutable_command());
    v1::CommandResult own;
    return Remember((activity_.get()->*rpc)(Context().get(), req, &own), own,
                    res);
  }

  grpc::Status Submit(const std::string& as, const std::string& person,
                      const std::string& record, const std::string& rq) {
    return Step<v1::SubmitHoursRequest>(&v1::ActivityService::Stub::SubmitHours,
                                        as, person, record, rq, [](auto&) {});
  }
  grpc::Status Approve(const std::string& as, const std::string& person,
                       const std::string& record, const std::string& rq) {
    return Step<v1::ApproveHoursRequest>(
        &v1::ActivityService::Stub::ApproveHours, as, person, record, rq,
        [](auto&) {});
  }
  grpc::Status Return(const std::string& as, const std::string& person,
                      const std::string& record, const std::string& rq,
                      const std::string& comment = "Tarkista kesto") {
    return Step<v1::ReturnHoursRequest>(
        &v1::ActivityService::Stub::ReturnHours, as, person, record, rq,
        [&](auto& c) { c.set_comment(comment); });
  }
  grpc::Status Amend(const std::string& as, const std::string& person,
                     const std::string& record, const v1::HourEntry& entry,
                     const std::string& reason, const std::string& rq,
                     const v1::Correction* correction = nullptr) {
    return Step<v1::AmendHoursRequest>(&v1::ActivityService::Stub::AmendHours,
                                       as, person, record, rq, [&](auto& c) {
                                         *c.mutable_entry() = entry;
                                         c.set_reason(reason);
                                         if (correction != nullptr)
                                           *c.mutable_correction() =
                                               *correction;
                                       });
  }
  grpc::Status Void(const std::string& as, const std::string& person,
                    const std::string& record, const std::string& rq,
                    const std::string& reason = "Kirjattu kahdesti") {
    return Step<v1::VoidHoursRequest>(&v1::ActivityService::Stub::VoidHours, as,
                                      person, record, rq,
                                      [&](auto& c) { c.set_reason(reason); });
  }

  // Logs, submits and (unless `approve` is false) approves a record, the
  // approval by the network coordinator.
  void Approved(const std::string& tutor, const std::string& person,
                const std::string& record, const v1::HourEntry& entry,
                bool approve = true) {
    const std::string id = absl::StrCat(person, "-", record);
    ASSERT_OK(FromGrpc(Log(tutor, person, record, entry, "l-" + id)));
    ASSERT_OK(FromGrpc(Submit(tutor, person, record, "s-" + id)));
    if (approve) {
      ASSERT_OK(FromGrpc(Approve(network_, person, record, "a-" + id)));
    }
  }

  grpc::Status History(const std::string& as, const std::string& person,
                       const std::string& record, v1::HourRecord* out,
                       const std::string& position_token = "") {
    token_ = as;
    v1::GetHourRecordRequest req;
    req.set_person_id(person);
    req.set_record_id(record);
    ReadAfter(position_token, req);
    return activity_->GetHourRecord(Context().get(), req, out);
  }

  grpc::Status Totals(const std::string& as, v1::MonthlyTotals* out,
                      const std::string& position_token = "",
                      const std::string& project = "oph-2026") {
    token_ = as;
    v1::GetMonthlyTotalsRequest req;
    req.set_project_id(project);
    *req.mutable_month() = Month(2026, 10);
    ReadAfter(position_token, req);
    return activity_->GetMonthlyTotals(Context().get(), req, out);
  }

  grpc::Status CloseOctober(const std::string& as, const std::string& rq,
                            v1::CommandResult* res = nullptr) {
    token_ = as;
    v1::CloseMonthRequest req;
    req.mutable_header()->set_request_id(rq);
    req.mutable_command()->set_project_id("oph-2026");
    *req.mutable_command()->mutable_month() = Month(2026, 10);
    v1::CommandResult own;
    return Remember(activity_->CloseMonth(Context().get(), req, &own), own,
                    res);
  }

  // Keeps the token of a successful command for the reads after it.
  grpc::Status Remember(const grpc::Status& status,
                        const v1::CommandResult& result,
                        v1::CommandResult* out) {
    if (status.ok()) last_token_ = result.position_token();
    if (out != nullptr) *out = result;
    return status;
  }

  // A read waits for `token`, or else for the last command's write.
  template <typename Request>
  void ReadAfter(const std::string& token, Request& req) const {
    const std::string& t = token.empty() ? last_token_ : token;
    if (!t.empty()) req.add_position_tokens(t);
  }

  std::unique_ptr<v1::ActivityService::Stub> activity_;
  std::string last_token_;
  std::string tutor4_, funder_, other_funder_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_ACTIVITY_FIXTURE_H_
