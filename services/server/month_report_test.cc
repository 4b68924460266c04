// The funder's monthly report bundle through the real server, checked as
// tutornet_verify checks it: offline, with the log's key only. Every byte
// of the file counts: changing any one of them is found and named.
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "services/activity/month_report_check.h"
#include "services/server/activity_fixture.h"
#include "tutornet/v1/transparency_service.grpc.pb.h"

namespace tutornet::server {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class MonthReportTest : public ActivityTest {
 protected:
  void Connect() override {
    ActivityTest::Connect();
    transparency_ = v1::TransparencyService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  merkle::LogKey ActivityKey() {
    token_ = tutor_;
    v1::ListLogsResponse logs;
    EXPECT_TRUE(transparency_->ListLogs(Context().get(), {}, &logs).ok());
    for (const v1::LogInfo& l : logs.logs()) {
      if (l.log() == "activity") return {l.log_id(), l.public_key()};
    }
    ADD_FAILURE() << "no activity log";
    return {};
  }

  grpc::Status Report(const std::string& as, v1::MonthReportBundle* out,
                      const std::string& project = "oph-2026", int month = 10) {
    token_ = as;
    v1::GetMonthReportRequest req;
    req.set_project_id(project);
    *req.mutable_month() = Month(2026, month);
    ReadAfter("", req);
    return activity_->GetMonthReport(Context().get(), req, out);
  }

  // October 2026 of oph-2026: three records counted (135 minutes), a
  // voided one and one of November not; closed; then two corrections.
  void CloseAndCorrectOctober() {
    Approved(tutor_, "person-1", "r-1", Entry(8));
    v1::HourEntry co_teaching = Entry(9, 9, 45);
    co_teaching.set_kind(v1::WORK_KIND_CO_TEACHING);
    Approved(tutor_, "person-1", "r-2", co_teaching);
    Approved(tutor_, "person-1", "r-3", Entry(12));
    ASSERT_OK(FromGrpc(Void(network_, "person-1", "r-3", "v-3")));
    v1::HourEntry november = Entry(2);
    *november.mutable_date() = Day(2026, 11, 2);
    Approved(tutor_, "person-1", "r-4", november);
    Approved(tutor4_, "person-4", "r-1", Entry(8, 13, 90, "school-muurame-1"),
             /*approve=*/false);
    Approved(tutor4_, "person-4", "r-2", Entry(9, 13, 30, "school-muurame-1"));
    ASSERT_OK(FromGrpc(CloseOctober(network_, "close-10")));

    v1::Correction correction;
    *correction.mutable_month() = Month(2026, 10);
    // A reason a spreadsheet would take for a formula.
    correction.set_reason("-30 min: tuntilistassa väärä kesto");
    ASSERT_OK(FromGrpc(Amend(network_, "person-1", "r-1", Entry(8, 9, 30),
                             "Kesto", "am-1", &correction)));
    correction.set_reason("Hyväksyntä jäi tekemättä, \"myöhässä\"");
    ASSERT_OK(FromGrpc(Step<v1::ApproveHoursRequest>(
        &v1::ActivityService::Stub::ApproveHours, network_, "person-4", "r-1",
        "a-late", [&](auto& c) { *c.mutable_correction() = correction; })));
  }

  std::string File(const v1::MonthReportBundle& bundle) {
    absl::StatusOr<std::string> file = activity::MonthReportFile(bundle);
    EXPECT_OK(file.status());
    return file.value_or("");
  }

  // Checks `bundle` offline as tutornet_verify does: no problem, and
  // October as it closed (CloseAndCorrectOctober: 135 minutes, 3 records).
  activity::MonthReportCheck CheckOctober(const v1::MonthReportBundle& bundle) {
    activity::MonthReportCheck check =
        activity::CheckMonthReport(File(bundle), ActivityKey());
    EXPECT_THAT(check.problems, IsEmpty());
    EXPECT_EQ(check.closed_minutes, 135);
    EXPECT_EQ(check.closed_records, 3);
    return check;
  }

  std::unique_ptr<v1::TransparencyService::Stub> transparency_;
};

TEST_F(MonthReportTest, AFundersBundleVerifiesOfflineAndGivesTheReport) {
  CloseAndCorrectOctober();
  v1::MonthReportBundle bundle;
  ASSERT_OK(FromGrpc(Report(funder_, &bundle)));
  EXPECT_EQ(bundle.report_csv(),
            "project_id,month,person_id,work_kind,approved_minutes,records\n"
            "oph-2026,2026-10,person-1,co_teaching,45,1\n"
            "oph-2026,2026-10,person-1,peer_support,60,1\n"
            "oph-2026,2026-10,person-4,peer_support,30,1\n");
  const std::vector<std::string> corrections =
      absl::StrSplit(bundle.corrections_csv(), '\n', absl::SkipEmpty());
  ASSERT_EQ(corrections.size(), 3u) << bundle.corrections_csv();
  EXPECT_THAT(corrections[1],
              AllOf(HasSubstr(",person-1,r-1,amended,person-200,-30,"
                              "'-30 min: tuntilistassa väärä kesto")));
  EXPECT_THAT(corrections[2],
              HasSubstr(",person-4,r-1,approved,person-200,90,"
                        "\"Hyväksyntä jäi tekemättä, \"\"myöhässä\"\"\""));
  // person-1's r-1 (3 steps), r-2 (3); person-4's r-2 (3); r-1 (2 before
  // the closing): the voided and the November records are not there.
  EXPECT_EQ(bundle.records_size(), 3 + 3 + 3 + 2 + 2);

  const activity::MonthReportCheck check = CheckOctober(bundle);
  EXPECT_EQ(check.corrections, 2);
  EXPECT_EQ(check.corrected_minutes, 60);
}

TEST_F(MonthReportTest, ARecordMovedOutOfTheMonthSinceItsClosingIsStillProven) {
  CloseAndCorrectOctober();
  // person-1's co-teaching of 9 October, counted when October closed, is
  // moved to November: October's rows no longer list it, but its steps up
  // to the move are the evidence of the closing and of the correction.
  v1::HourEntry moved = Entry(9, 9, 45);
  moved.set_kind(v1::WORK_KIND_CO_TEACHING);
  *moved.mutable_date() = Day(2026, 11, 9);
  v1::Correction correction;
  *correction.mutable_month() = Month(2026, 10);
  correction.set_reason("Väärä kuukausi");
  ASSERT_OK(FromGrpc(
      Amend(network_, "person-1", "r-2", moved, "Päivä", "am-2", &correction)));
  v1::MonthReportBundle bundle;
  ASSERT_OK(FromGrpc(Report(funder_, &bundle)));
  EXPECT_THAT(bundle.report_csv(),
              HasSubstr("oph-2026,2026-10,person-1,co_teaching,45,1\n"));
  EXPECT_THAT(bundle.corrections_csv(),
              HasSubstr(",person-1,r-2,amended,person-200,-45,Väärä kuukausi"));
  EXPECT_EQ(bundle.records_size(), 3 + 4 + 3 + 2 + 2);
  EXPECT_EQ(CheckOctober(bundle).corrections, 3);
}

TEST_F(MonthReportTest, EveryChangedByteIsFoundAndTheObviousOnesNamed) {
  CloseAndCorrectOctober();
  v1::MonthReportBundle bundle;
  ASSERT_OK(FromGrpc(Report(funder_, &bundle)));
  const merkle::LogKey key = ActivityKey();
  const std::string file = File(bundle);
  ASSERT_THAT(activity::CheckMonthReport(file, key).problems, IsEmpty());

  for (size_t i = 0; i < file.size(); ++i) {
    std::string changed = file;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_THAT(activity::CheckMonthReport(changed, key).problems,
                Not(IsEmpty()))
        << "byte " << i << " of "
        << absl::CHexEscape(file.substr(i < 30 ? 0 : i - 30, 60));
  }

  const auto problems = [&](const v1::MonthReportBundle& b) {
    return activity::CheckMonthReport(File(b), key).problems;
  };
  v1::MonthReportBundle b = bundle;
  b.mutable_records(4)->mutable_record()->back() ^= 0x01;
  EXPECT_THAT(problems(b), Contains(HasSubstr("records[4] (position ")));
  b = bundle;
  b.mutable_records(4)->mutable_proof(0)->front() ^= 0x01;
  EXPECT_THAT(problems(b), Contains(HasSubstr("do not lead to closed_head")));
  b = bundle;
  b.set_report_csv(absl::StrReplaceAll(b.report_csv(), {{",45,", ",46,"}}));
  EXPECT_THAT(
      problems(b),
      Contains(HasSubstr("report_csv line 2: the bundle says "
                         "\"oph-2026,2026-10,person-1,co_teaching,46,1\"")));
  b = bundle;
  b.mutable_closed_head()->back() ^= 0x01;
  EXPECT_THAT(problems(b), Contains(HasSubstr("closed_head")));
  b = bundle;
  b.mutable_latest_head()->back() ^= 0x01;
  EXPECT_THAT(problems(b), Contains(HasSubstr("latest_head")));
  b = bundle;
  b.mutable_consistency_proof(0)->front() ^= 0x01;
  EXPECT_THAT(problems(b), Contains(HasSubstr("consistency_proof")));
  // A step left out between two others: a step the rules would not take.
  b = bundle;
  b.mutable_records()->DeleteSubrange(1, 1);  // person-1's r-1 submitted.
  EXPECT_THAT(
      problems(b),
      Contains(HasSubstr("record \"r-1\" is logged and cannot be "
                         "approved (a step is missing before this one)")));
  // A counted record left out: the signed closing totals catch it.
  b = bundle;
  b.mutable_records()->DeleteSubrange(2, 1);  // person-1's r-1 approved.
  EXPECT_THAT(problems(b),
              Contains(HasSubstr("person \"person-1\": the closing counts 105 "
                                 "minutes in 2 records, the records in the "
                                 "bundle give 45 minutes in 1")));
  // A bundle of another month than the closing in it.
  b = bundle;
  b.mutable_month()->set_month(9);
  EXPECT_THAT(problems(b),
              Contains(HasSubstr("closes 2026-10, the bundle is of 2026-09")));
  // Another log's key.
  merkle::LogKey other = key;
  other.log_id = std::string(32, 'a');
  EXPECT_THAT(activity::CheckMonthReport(file, other).problems,
              Contains(HasSubstr("log_id")));
}

TEST_F(MonthReportTest, OnlyThoseWhoReadTheTotalsGetAClosedMonthsReport) {
  Approved(tutor_, "person-1", "r-1", Entry(8));
  v1::MonthReportBundle bundle;
  grpc::Status s = Report(funder_, &bundle);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("is not closed"));
  ASSERT_OK(FromGrpc(CloseOctober(network_, "close-10")));
  EXPECT_OK(FromGrpc(Report(funder_, &bundle)));
  EXPECT_OK(FromGrpc(Report(network_, &bundle)));
  EXPECT_EQ(Report(other_funder_, &bundle).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Report(tutor_, &bundle).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Report(regional_, &bundle).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  s = Report(funder_, &bundle, "no-such-project");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("project_id"));
  s = Report(funder_, &bundle, "oph-2026", 13);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("month"));
}

}  // namespace
}  // namespace tutornet::server
