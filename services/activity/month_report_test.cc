// The month report's fold, alone: what the server writes into a bundle and
// what tutornet_verify recomputes from one.
#include "services/activity/month_report.h"

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tutornet::activity {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

v1::Month October() {
  v1::Month m;
  m.set_year(2026);
  m.set_month(10);
  return m;
}

v1::HourEntry Entry(int day, int minutes,
                    v1::WorkKind kind = v1::WORK_KIND_PEER_SUPPORT,
                    const std::string& project = "oph") {
  v1::HourEntry e;
  e.mutable_date()->set_year(2026);
  e.mutable_date()->set_month(10);
  e.mutable_date()->set_day(day);
  e.set_duration_minutes(minutes);
  e.set_kind(kind);
  e.set_project_id(project);
  return e;
}

// Events of person p-1 at increasing positions.
class Steps {
 public:
  storage::RecordedEvent Next(const v1::HoursEvent& e,
                              const std::string& person = "p-1") {
    storage::RecordedEvent r;
    r.position = ++position_;
    r.stream = "tutor-" + person;
    r.type = "tutornet.v1.HoursEvent";
    r.payload = e.SerializeAsString();
    r.metadata.actor = "coordinator-1";
    r.recorded_at = absl::FromUnixSeconds(1790000000 + position_);
    return r;
  }
  storage::RecordedEvent Logged(const std::string& record,
                                const v1::HourEntry& entry) {
    v1::HoursEvent e;
    e.mutable_logged()->set_person_id("p-1");
    e.mutable_logged()->set_record_id(record);
    *e.mutable_logged()->mutable_entry() = entry;
    return Next(e);
  }
  template <typename Set>
  storage::RecordedEvent Step(Set set, const std::string& record,
                              bool corrects = false) {
    v1::HoursEvent e;
    auto* step = (e.*set)();
    step->set_person_id("p-1");
    step->set_record_id(record);
    if (corrects) {
      v1::ClosedMonth& c = *step->add_corrects();
      c.set_project_id("oph");
      *c.mutable_month() = October();
      step->set_correction_reason("=HYPERLINK(\"x\")");
    }
    return Next(e);
  }
  storage::RecordedEvent Amended(const std::string& record, int version,
                                 const v1::HourEntry& entry,
                                 bool corrects = false) {
    v1::HoursEvent e;
    v1::HoursAmended& a = *e.mutable_amended();
    a.set_person_id("p-1");
    a.set_record_id(record);
    a.set_version(version);
    *a.mutable_entry() = entry;
    if (corrects) {
      v1::ClosedMonth& c = *a.add_corrects();
      c.set_project_id("oph");
      *c.mutable_month() = October();
      a.set_correction_reason("Kesto");
    }
    return Next(e);
  }
  uint64_t position() const { return position_; }

 private:
  uint64_t position_ = 0;
};

using H = v1::HoursEvent;

TEST(MonthReportTest, CountsApprovedRecordsAsClosedAndCorrectionsAfter) {
  Steps s;
  std::vector<storage::RecordedEvent> log = {
      s.Logged("r-1", Entry(8, 60)),
      s.Step(&H::mutable_submitted, "r-1"),
      s.Step(&H::mutable_approved, "r-1"),
      s.Logged("r-2", Entry(9, 45, v1::WORK_KIND_CO_TEACHING)),
      s.Step(&H::mutable_submitted, "r-2"),  // Pending at the closing.
      s.Logged("r-3", Entry(10, 30, v1::WORK_KIND_PEER_SUPPORT, "esr")),
      s.Step(&H::mutable_submitted, "r-3"),
      s.Step(&H::mutable_approved, "r-3"),  // Another project's.
  };
  const uint64_t closed_at = s.position();
  log.push_back(s.Amended("r-1", 2, Entry(8, 30), /*corrects=*/true));
  log.push_back(s.Step(&H::mutable_approved, "r-2", /*corrects=*/true));
  MonthReport report("oph", October(), closed_at);
  for (const storage::RecordedEvent& e : log) ASSERT_TRUE(report.Add(e).ok());

  EXPECT_EQ(report.ReportCsv(),
            "project_id,month,person_id,work_kind,approved_minutes,records\n"
            "oph,2026-10,p-1,peer_support,60,1\n");
  ASSERT_EQ(report.Totals().size(), 1u);
  EXPECT_EQ(report.Totals()[0].minutes(), 60);
  EXPECT_EQ(report.corrections(), 2);
  EXPECT_EQ(report.corrected_minutes(), -30 + 45);
  EXPECT_THAT(report.CorrectionsCsv(),
              HasSubstr(",p-1,r-1,amended,coordinator-1,-30,Kesto\n"));
  // A reason a spreadsheet would run gets an apostrophe, then quotes.
  EXPECT_THAT(report.CorrectionsCsv(),
              HasSubstr(",p-1,r-2,approved,coordinator-1,45,"
                        "\"'=HYPERLINK(\"\"x\"\")\"\n"));
  EXPECT_THAT(report.Unmarked(), IsEmpty());
  // The evidence: r-1 up to its correction, r-2 up to its approval, not r-3.
  EXPECT_EQ(report.Evidence(), (std::vector<uint64_t>{1, 2, 3, 4, 5, 9, 10}));
}

TEST(MonthReportTest, AStepLeftOutOrOutOfOrderIsRefused) {
  Steps s;
  const storage::RecordedEvent logged = s.Logged("r-1", Entry(8, 60));
  const storage::RecordedEvent submitted = s.Step(&H::mutable_submitted, "r-1");
  const storage::RecordedEvent approved = s.Step(&H::mutable_approved, "r-1");
  const storage::RecordedEvent amended3 = s.Amended("r-1", 3, Entry(8, 30));
  {
    MonthReport report("oph", October(), 10);
    ASSERT_TRUE(report.Add(logged).ok());
    const absl::Status skipped = report.Add(approved);  // No submission.
    EXPECT_EQ(skipped.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(skipped.message(),
                HasSubstr("is logged and cannot be approved"));
  }
  {
    MonthReport report("oph", October(), 10);
    for (const auto& e : {logged, submitted, approved}) {
      ASSERT_TRUE(report.Add(e).ok());
    }
    EXPECT_THAT(report.Add(amended3).message(),
                HasSubstr("version 1 and the amendment makes version 3"));
  }
  {
    MonthReport report("oph", October(), 10);
    EXPECT_THAT(report.Add(submitted).message(),
                HasSubstr("starts without the step that logged it"));
  }
  {
    MonthReport report("oph", October(), 10);
    ASSERT_TRUE(report.Add(logged).ok());
    EXPECT_THAT(report.Add(logged).message(), HasSubstr("log order"));
  }
  {
    storage::RecordedEvent elsewhere = logged;
    elsewhere.stream = "tutor-p-2";
    MonthReport report("oph", October(), 10);
    EXPECT_THAT(report.Add(elsewhere).message(),
                HasSubstr("names person \"p-1\" in the stream of \"p-2\""));
  }
}

TEST(MonthReportTest, AChangeAfterTheClosingMustSayItCorrects) {
  Steps s;
  MonthReport report("oph", October(), 3);
  for (const auto& e :
       {s.Logged("r-1", Entry(8, 60)), s.Step(&H::mutable_submitted, "r-1"),
        s.Step(&H::mutable_approved, "r-1"),
        s.Amended("r-1", 2, Entry(8, 30))}) {  // Not marked.
    ASSERT_TRUE(report.Add(e).ok());
  }
  ASSERT_EQ(report.Unmarked().size(), 1u);
  EXPECT_THAT(report.Unmarked()[0],
              HasSubstr("position 4 changes the month's approved minutes by "
                        "-30 without marking it a correction"));
}

}  // namespace
}  // namespace tutornet::activity
