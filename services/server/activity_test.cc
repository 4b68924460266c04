// The activity service end to end: a real tutornetd with the demo
// network, real clients for every role.
#include <thread>

#include "services/server/activity_fixture.h"
#include "services/server/activity_service.h"
#include "storage/merkle/tree_head.h"

namespace tutornet::server {
namespace {

using ::testing::ElementsAre;

TEST_F(ActivityTest, TheWholeLifeOfARecordKeepsEveryVersion) {
  ASSERT_TRUE(Log(tutor_, "person-1", "r-1", Entry(5), "l-1").ok());
  ASSERT_TRUE(Submit(tutor_, "person-1", "r-1", "s-1").ok());
  v1::ListHourRecordsResponse queue;
  token_ = regional_;
  v1::ListSubmittedHoursRequest q;
  q.set_network_id("ks");
  ReadAfter("", q);
  ASSERT_TRUE(activity_->ListSubmittedHours(Context().get(), q, &queue).ok());
  ASSERT_EQ(queue.records_size(), 1);
  EXPECT_EQ(queue.records(0).record_id(), "r-1");
  // Another region's coordinator sees an empty queue, and may not act.
  token_ = south_;
  v1::ListHourRecordsResponse south_queue;
  ASSERT_TRUE(
      activity_->ListSubmittedHours(Context().get(), q, &south_queue).ok());
  EXPECT_EQ(south_queue.records_size(), 0);
  EXPECT_EQ(Approve(south_, "person-1", "r-1", "a-x").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  ASSERT_TRUE(Return(regional_, "person-1", "r-1", "ret-1").ok());
  EXPECT_EQ(Submit(tutor_, "person-1", "r-1", "s-2").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(Amend(tutor_, "person-1", "r-1", Entry(5, 9, 45),
                    "Kesto oli 45 min", "am-1")
                  .ok());
  ASSERT_TRUE(Submit(tutor_, "person-1", "r-1", "s-3").ok());
  ASSERT_TRUE(Approve(regional_, "person-1", "r-1", "a-1").ok());
  // Approved: the tutor may no longer amend; the coordinator may.
  EXPECT_EQ(Amend(tutor_, "person-1", "r-1", Entry(5, 9, 30), "x", "am-2")
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::CommandResult last;
  ASSERT_TRUE(Step<v1::AmendHoursRequest>(
                  &v1::ActivityService::Stub::AmendHours, regional_, "person-1",
                  "r-1", "am-3",
                  [&](auto& c) {
                    *c.mutable_entry() = Entry(5, 9, 50);
                    c.set_reason("Koordinaattorin korjaus");
                  },
                  &last)
                  .ok());

  v1::HourRecord record;
  ASSERT_TRUE(
      History(tutor_, "person-1", "r-1", &record, last.position_token()).ok());
  EXPECT_EQ(record.version(), 3);
  EXPECT_EQ(record.status(), v1::HOUR_STATUS_APPROVED);
  EXPECT_EQ(record.entry().duration_minutes(), 50);
  EXPECT_EQ(record.placement().region_id(), "ks-jyvaskyla");
  EXPECT_EQ(record.placement().municipality_id(), "jyvaskyla");
  std::vector<std::string> steps;
  for (const v1::HourStep& s : record.history()) {
    steps.push_back(absl::StrCat(v1::HourStepKind_Name(s.kind()).substr(15),
                                 " by ", s.actor(), " v", s.version()));
    EXPECT_GT(s.recorded_at_unix_micros(), 0);
  }
  EXPECT_THAT(
      steps,
      ElementsAre("LOGGED by person-1 v1", "SUBMITTED by person-1 v1",
                  "RETURNED by person-102 v1", "AMENDED by person-1 v2",
                  "SUBMITTED by person-1 v2", "APPROVED by person-102 v2",
                  "AMENDED by person-102 v3"));
  EXPECT_EQ(record.history(0).entry().duration_minutes(), 60);
  EXPECT_EQ(record.history(3).entry().duration_minutes(), 45);
  EXPECT_EQ(record.history(3).reason(), "Kesto oli 45 min");
  EXPECT_EQ(record.history(2).reason(), "Tarkista kesto");

  ASSERT_TRUE(Void(network_, "person-1", "r-1", "v-1").ok());
  EXPECT_EQ(Submit(tutor_, "person-1", "r-1", "s-9").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ActivityTest, AnAppointmentMadeAMomentAgoCountsWithItsToken) {
  // person-500 is no tutor yet.
  const std::string newcomer =
      MakeToken("person-500", v1::ACCESS_ROLE_TUTOR, "ks");
  const grpc::Status refused =
      Log(newcomer, "person-500", "r-1", Entry(6), "l-1");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(refused.error_message(),
              HasSubstr("holds no tutor appointment covering school "
                        "\"school-jyvaskyla-1\" on 2026-10-06"));

  token_ = admin_;
  v1::AppointRoleRequest appoint;
  appoint.mutable_header()->set_request_id("appoint-500");
  v1::AppointRole& a = *appoint.mutable_command();
  a.set_network_id("ks");
  a.set_appointment_id("tutor-500");
  a.set_person_id("person-500");
  a.set_role(v1::ROLE_TUTOR_TEACHER);
  a.mutable_scope()->add_school_ids("school-jyvaskyla-1");
  *a.mutable_start() = Day(2026, 10, 1);
  v1::CommandResult appointed;
  ASSERT_TRUE(stub_->AppointRole(Context().get(), appoint, &appointed).ok());

  v1::CommandResult logged;
  const grpc::Status accepted = Log(newcomer, "person-500", "r-1", Entry(6),
                                    "l-2", &logged, appointed.position_token());
  ASSERT_TRUE(accepted.ok()) << accepted.error_message();
  EXPECT_THAT(logged.position_token(), HasSubstr("activity:"));
  // Before the appointment's first day it still does not count.
  v1::HourEntry before_start = Entry(1);
  *before_start.mutable_date() = Day(2026, 9, 30);
  EXPECT_EQ(
      Log(newcomer, "person-500", "r-2", before_start, "l-3").error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(ActivityTest, RetriesAndRestartsLoseNothingAndAddNothing) {
  // Eight concurrent copies of one request: one record, one event.
  const uint64_t before = LogHead("activity");
  std::vector<std::thread> copies;
  std::atomic<int> ok{0}, deduplicated{0};
  for (int i = 0; i < 8; ++i) {
    copies.emplace_back([&] {
      auto stub = v1::ActivityService::NewStub(
          grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
      v1::LogHoursRequest req;
      req.mutable_header()->set_request_id("same");
      req.mutable_command()->set_person_id("person-1");
      req.mutable_command()->set_record_id("r-1");
      *req.mutable_command()->mutable_entry() = Entry(7);
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", "Bearer " + tutor_);
      v1::CommandResult res;
      if (stub->LogHours(&ctx, req, &res).ok()) {
        ++ok;
        if (res.deduplicated()) ++deduplicated;
      }
    });
  }
  for (std::thread& t : copies) t.join();
  EXPECT_EQ(ok.load(), 8);
  EXPECT_EQ(deduplicated.load(), 7);
  EXPECT_EQ(LogHead("activity"), before + 1);

  ASSERT_TRUE(Submit(tutor_, "person-1", "r-1", "s-1").ok());
  ASSERT_TRUE(Approve(regional_, "person-1", "r-1", "a-1").ok());
  v1::HourRecord was;
  ASSERT_TRUE(History(admin_, "person-1", "r-1", &was).ok());

  RestartServer();
  v1::HourRecord is;
  ASSERT_TRUE(History(admin_, "person-1", "r-1", &is).ok());
  EXPECT_EQ(is.SerializeAsString(), was.SerializeAsString());
  // The retry of the first request is still recognised after the restart.
  v1::CommandResult again;
  const grpc::Status retried =
      Log(tutor_, "person-1", "r-1", Entry(7), "same", &again);
  ASSERT_TRUE(retried.ok()) << retried.error_message();
  EXPECT_TRUE(again.deduplicated());
  // And the rules still hold: the same time again overlaps.
  EXPECT_EQ(Log(tutor_, "person-1", "r-2", Entry(7, 9, 30), "l-2").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::MonthlyTotals totals;
  ASSERT_TRUE(Totals(network_, &totals).ok());
  ASSERT_EQ(totals.approved_size(), 1);
  EXPECT_EQ(totals.approved(0).minutes(), 60);
}

TEST_F(ActivityTest, AClosedMonthChangesOnlyByNamedCorrections) {
  ASSERT_TRUE(Log(tutor_, "person-1", "r-1", Entry(8), "l-1").ok());
  ASSERT_TRUE(Submit(tutor_, "person-1", "r-1", "s-1").ok());
  ASSERT_TRUE(Approve(regional_, "person-1", "r-1", "a-1").ok());
  ASSERT_TRUE(Log(tutor4_, "person-4", "r-1",
                  Entry(8, 13, 90, "school-muurame-1"), "l-4")
                  .ok());
  ASSERT_TRUE(Submit(tutor4_, "person-4", "r-1", "s-4").ok());  // Pending.
  EXPECT_EQ(CloseOctober(regional_, "c-0").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::CommandResult closed;
  ASSERT_TRUE(CloseOctober(network_, "c-1", &closed).ok());
  EXPECT_EQ(CloseOctober(network_, "c-2").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);

  v1::MonthlyTotals totals;
  ASSERT_TRUE(Totals(funder_, &totals, closed.position_token()).ok());
  ASSERT_TRUE(totals.closed());
  ASSERT_EQ(totals.closing().totals_size(), 1);
  EXPECT_EQ(totals.closing().totals(0).person_id(), "person-1");
  EXPECT_EQ(totals.closing().totals(0).minutes(), 60);
  ASSERT_EQ(totals.pending_size(), 1);
  EXPECT_EQ(totals.pending(0).person_id(), "person-4");
  // The tree head is the activity log's, signed, over the closing position.
  absl::StatusOr<merkle::SignedTreeHead> sth =
      merkle::DecodeSignedTreeHead(totals.closing().signed_tree_head());
  ASSERT_TRUE(sth.ok()) << sth.status();
  EXPECT_EQ(sth->head.log_id, totals.closing().log_id());
  EXPECT_GE(sth->head.tree_size, totals.closing().position());
  EXPECT_GT(totals.closing().position(), 0u);

  // A silent change is refused; a named correction is taken and shown.
  const v1::HourEntry shorter = Entry(8, 9, 30);
  const grpc::Status silent =
      Amend(network_, "person-1", "r-1", shorter, "Kesto", "am-1");
  EXPECT_EQ(silent.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(silent.error_message(), HasSubstr("2026-10"));
  v1::Correction correction;
  *correction.mutable_month() = Month(2026, 10);
  correction.set_reason("Tuntilistassa väärä kesto");
  EXPECT_EQ(
      Amend(tutor_, "person-1", "r-1", shorter, "Kesto", "am-2", &correction)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  v1::CommandResult corrected;
  ASSERT_TRUE(Step<v1::AmendHoursRequest>(
                  &v1::ActivityService::Stub::AmendHours, network_, "person-1",
                  "r-1", "am-3",
                  [&](auto& c) {
                    *c.mutable_entry() = shorter;
                    c.set_reason("Kesto");
                    *c.mutable_correction() = correction;
                  },
                  &corrected)
                  .ok());
  ASSERT_TRUE(Totals(funder_, &totals, corrected.position_token()).ok());
  EXPECT_EQ(totals.closing().totals(0).minutes(), 60);  // As closed.
  ASSERT_EQ(totals.corrections_size(), 1);
  EXPECT_EQ(totals.corrections(0).approved_minutes_delta(), -30);
  EXPECT_EQ(totals.corrections(0).step().correction_reason(),
            "Tuntilistassa väärä kesto");
  EXPECT_EQ(totals.corrections(0).step().actor(), "person-200");
  ASSERT_EQ(totals.approved_size(), 1);
  EXPECT_EQ(totals.approved(0).minutes(), 30);  // As it stands now.
  // The pending record of the closed month must be a correction too.
  EXPECT_EQ(Approve(regional_, "person-4", "r-1", "a-4").error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace tutornet::server

namespace tutornet::server {
namespace {

TEST_F(ActivityTest, ABatchAnswersEachRecordAndRetriesAsAWhole) {
  v1::LogHoursBatchRequest batch;
  auto add = [&](const std::string& rq, const std::string& record,
                 const v1::HourEntry& entry) {
    v1::LogHoursRequest& r = *batch.add_requests();
    r.mutable_header()->set_request_id(rq);
    r.mutable_command()->set_person_id("person-1");
    r.mutable_command()->set_record_id(record);
    *r.mutable_command()->mutable_entry() = entry;
  };
  add("b-1", "r-1", Entry(12, 9));
  add("b-2", "r-2", Entry(12, 11));
  v1::HourEntry bad = Entry(12, 13);
  bad.set_theme("");
  add("b-3", "r-3", bad);
  add("b-4", "r-4", Entry(12, 15, 60, "school-muurame-1"));
  token_ = tutor_;
  v1::LogHoursBatchResponse first;
  ASSERT_TRUE(activity_->LogHoursBatch(Context().get(), batch, &first).ok());
  ASSERT_EQ(first.outcomes_size(), 4);
  EXPECT_EQ(first.outcomes(0).status().code(), 0);
  EXPECT_EQ(first.outcomes(1).status().code(), 0);
  EXPECT_THAT(first.outcomes(0).result().position_token(),
              HasSubstr("activity:"));
  EXPECT_EQ(first.outcomes(2).status().code(),
            static_cast<int>(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(first.outcomes(2).status().message(), HasSubstr("entry.theme"));
  EXPECT_EQ(first.outcomes(3).status().code(),
            static_cast<int>(absl::StatusCode::kFailedPrecondition));

  // The same batch again: the logged ones are retries, nothing new.
  const uint64_t head = LogHead("activity");
  token_ = tutor_;  // Request ids are the caller's own.
  v1::LogHoursBatchResponse again;
  ASSERT_TRUE(activity_->LogHoursBatch(Context().get(), batch, &again).ok());
  EXPECT_TRUE(again.outcomes(0).result().deduplicated())
      << again.outcomes(0).DebugString();
  EXPECT_TRUE(again.outcomes(1).result().deduplicated());
  EXPECT_EQ(LogHead("activity"), head);

  // Too many in one call: the whole call is refused, nothing logged.
  v1::LogHoursBatchRequest huge;
  for (int i = 0; i < ActivityServiceImpl::kMaxBatch + 1; ++i) {
    *huge.add_requests() = batch.requests(0);
  }
  v1::LogHoursBatchResponse refused;
  token_ = tutor_;
  const grpc::Status s =
      activity_->LogHoursBatch(Context().get(), huge, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("requests: at most 1000"));
  EXPECT_EQ(LogHead("activity"), head);
}

}  // namespace
}  // namespace tutornet::server

namespace tutornet::server {
namespace {

TEST_F(ActivityTest, AVersionIsReadWhereItWasNotWhereTheRecordMovedTo) {
  // person-1 also tutors at a school of ks-etela; a project pays there.
  token_ = admin_;
  v1::AppointRoleRequest appoint;
  appoint.mutable_header()->set_request_id("appoint-etela");
  v1::AppointRole& a = *appoint.mutable_command();
  a.set_network_id("ks");
  a.set_appointment_id("tutor-1-etela");
  a.set_person_id("person-1");
  a.set_role(v1::ROLE_TUTOR_TEACHER);
  a.mutable_scope()->add_school_ids("school-luhanka-1");
  *a.mutable_start() = Day(2026, 10, 1);
  v1::CommandResult appointed;
  ASSERT_TRUE(stub_->AppointRole(Context().get(), appoint, &appointed).ok());
  ASSERT_TRUE(CreateProject(admin_, "esr-1", "p-esr").ok());

  v1::HourEntry first = Entry(20);
  first.set_note("Ensimmäinen versio");
  ASSERT_TRUE(Log(tutor_, "person-1", "r-1", first, "l-1", nullptr,
                  appointed.position_token())
                  .ok());
  v1::HourEntry moved = Entry(20, 9, 60, "school-luhanka-1");
  moved.set_project_id("esr-1");
  ASSERT_TRUE(
      Amend(tutor_, "person-1", "r-1", moved, "Väärä hanke", "am-1").ok());

  // The new side sees the record as it is, not what it was before.
  v1::HourRecord seen;
  ASSERT_TRUE(History(other_funder_, "person-1", "r-1", &seen).ok());
  EXPECT_EQ(seen.entry().project_id(), "esr-1");
  ASSERT_EQ(seen.history_size(), 2);
  EXPECT_FALSE(seen.history(0).has_entry());
  EXPECT_TRUE(seen.history(1).has_entry());
  ASSERT_TRUE(History(south_, "person-1", "r-1", &seen).ok());
  EXPECT_FALSE(seen.history(0).has_entry());
  // The old side still reads the version it paid for, not the new one.
  ASSERT_TRUE(History(funder_, "person-1", "r-1", &seen).ok());
  EXPECT_FALSE(seen.has_entry());
  EXPECT_EQ(seen.history(0).entry().note(), "Ensimmäinen versio");
  EXPECT_FALSE(seen.history(1).has_entry());
  EXPECT_TRUE(seen.history(1).reason().empty());
  ASSERT_TRUE(History(regional_, "person-1", "r-1", &seen).ok());
  EXPECT_EQ(seen.history(0).entry().school_id(), "school-jyvaskyla-1");
  EXPECT_FALSE(seen.history(1).has_entry());
  // The tutor and the network coordinator see everything.
  ASSERT_TRUE(History(tutor_, "person-1", "r-1", &seen).ok());
  EXPECT_TRUE(seen.history(0).has_entry());
  EXPECT_TRUE(seen.history(1).has_entry());
}

}  // namespace
}  // namespace tutornet::server
