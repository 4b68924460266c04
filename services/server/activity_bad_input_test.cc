// Bad input to the activity service through the real server: each case
// gets its exact status and changes nothing (the activity log's head and
// the record already there stay as they were).
#include "services/server/activity_fixture.h"

namespace tutornet::server {
namespace {

struct BadCase {
  const char* name;
  const char* rpc;      // Which ActivityService method.
  const char* request;  // Text-format request.
  grpc::StatusCode code;
  const char* message;  // Part of the error message.
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

// Person-1's usual entry; a case's own fields follow it in the text, and
// text format takes the last value of a field... which it refuses for
// singular fields, so cases write whole entries.
#define ENTRY(date, rest)                                                   \
  "entry { date { " date " } " rest                                         \
  " school_id: \"school-jyvaskyla-1\" kind: WORK_KIND_PEER_SUPPORT theme: " \
  "\"Teema\" project_id: \"oph-2026\" }"
#define OCT6 "year: 2026 month: 10 day: 6"
#define TIMES "start_minute: 540 duration_minutes: 60"

const BadCase kCases[] = {
    {"NoRequestId", "LogHours",
     "command { person_id: \"person-1\" record_id: \"r-2\" " ENTRY(OCT6,
                                                                   TIMES) " }",
     grpc::StatusCode::INVALID_ARGUMENT, "header.request_id"},
    {"BadPersonId", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"Person 1\" "
     "record_id: \"r-2\" " ENTRY(OCT6, TIMES) " }",
     grpc::StatusCode::INVALID_ARGUMENT, "person_id"},
    {"NoRecordId", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" " ENTRY(
         OCT6, TIMES) " }",
     grpc::StatusCode::INVALID_ARGUMENT, "record_id"},
    {"NoDate", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" "
     "entry { " TIMES
     " school_id: \"school-jyvaskyla-1\" kind: WORK_KIND_PEER_SUPPORT theme: "
     "\"T\" project_id: \"oph-2026\" } }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.date"},
    {"NoSuchDay", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY("year: 2026 month: 2 day: 30", TIMES) " }",
     grpc::StatusCode::INVALID_ARGUMENT,
     "entry.date: 2026-02-30 is not a day of the calendar"},
    {"Future", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY("year: 2099 month: 1 day: 5", TIMES) " }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.date: is in the future"},
    {"StartOutOfDay", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY(
         OCT6, "start_minute: 1440 duration_minutes: 10") " }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.start_minute"},
    {"ZeroDuration", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY(OCT6, "start_minute: 600") " }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.duration_minutes"},
    {"PastMidnight", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY(
         OCT6, "start_minute: 1380 duration_minutes: 61") " }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.duration_minutes"},
    {"NoKind", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" entry { date { " OCT6 " } " TIMES
     " school_id: \"school-jyvaskyla-1\" theme: \"T\" project_id: \"oph-2026\" "
     "} }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.kind"},
    {"OtherWithoutText", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" entry { date { " OCT6 " } " TIMES
     " school_id: \"school-jyvaskyla-1\" kind: WORK_KIND_OTHER theme: \"T\" "
     "project_id: \"oph-2026\" } }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.other_kind"},
    {"NoTheme", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" entry { date { " OCT6 " } " TIMES
     " school_id: \"school-jyvaskyla-1\" kind: WORK_KIND_PLANNING project_id: "
     "\"oph-2026\" } }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.theme"},
    {"ThemeWithBidiOverride", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" entry { date { " OCT6 " } " TIMES
     " school_id: \"school-jyvaskyla-1\" kind: WORK_KIND_PLANNING theme: "
     "\"a\\342\\200\\256b\" project_id: \"oph-2026\" } }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.theme"},
    {"TooManyTeachers", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY(OCT6, TIMES " teachers_reached: 10001") " }",
     grpc::StatusCode::INVALID_ARGUMENT, "entry.teachers_reached"},
    {"UnknownProject", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" entry { date { " OCT6 " } " TIMES
     " school_id: \"school-jyvaskyla-1\" kind: WORK_KIND_PLANNING theme: \"T\" "
     "project_id: \"oph-1999\" } }",
     grpc::StatusCode::NOT_FOUND,
     "entry.project_id: funded project \"oph-1999\""},
    {"OutsidePeriod", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY("year: 2025 month: 12 day: 31", TIMES) " }",
     grpc::StatusCode::FAILED_PRECONDITION,
     "entry.date: 2025-12-31 is outside"},
    {"UnknownSchool", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" entry { date { " OCT6 " } " TIMES
     " school_id: \"school-nowhere\" kind: WORK_KIND_PLANNING theme: \"T\" "
     "project_id: \"oph-2026\" } }",
     grpc::StatusCode::NOT_FOUND, "entry.school_id: school \"school-nowhere\""},
    {"NotAppointedThere", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" entry { date { " OCT6 " } " TIMES
     " school_id: \"school-muurame-1\" kind: WORK_KIND_PLANNING theme: \"T\" "
     "project_id: \"oph-2026\" } }",
     grpc::StatusCode::FAILED_PRECONDITION, "holds no tutor appointment"},
    {"Overlap", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY("year: 2026 month: 10 day: 5",
                                 "start_minute: 570 duration_minutes: 60") " }",
     grpc::StatusCode::FAILED_PRECONDITION, "overlaps record \"r-1\""},
    {"RecordIdTaken", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-1\" " ENTRY(OCT6, TIMES) " }",
     grpc::StatusCode::ALREADY_EXISTS, "record_id"},
    {"RequestIdReused", "LogHours",
     "header { request_id: \"setup-1\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY(OCT6, TIMES) " }",
     grpc::StatusCode::ALREADY_EXISTS, "header.request_id: \"setup-1\""},
    {"CorrectionOfNothingClosed", "LogHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY(OCT6,
                                 TIMES) " correction { month { year: 2026 "
                                        "month: 10 } reason: \"x\" } }",
     grpc::StatusCode::FAILED_PRECONDITION,
     "correction: the record touches no closed month"},
    {"GarbageToken", "LogHours",
     "header { request_id: \"b\" position_tokens: \"nonsense\" } command { "
     "person_id: \"person-1\" record_id: \"r-2\" " ENTRY(OCT6, TIMES) " }",
     grpc::StatusCode::INVALID_ARGUMENT, "position_token"},
    {"TokenBeyondHead", "LogHours",
     "header { request_id: \"b\" position_tokens: \"registry:999999\" } "
     "command { person_id: \"person-1\" record_id: \"r-2\" " ENTRY(OCT6,
                                                                   TIMES) " }",
     grpc::StatusCode::OUT_OF_RANGE, "beyond its head"},
    {"WrongExpectedVersion", "LogHours",
     "header { request_id: \"b\" exact: 7 } command { person_id: \"person-1\" "
     "record_id: \"r-2\" " ENTRY(OCT6, TIMES) " }",
     grpc::StatusCode::ABORTED, "tutor-person-1"},
    {"SubmitUnknown", "SubmitHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-9\" }",
     grpc::StatusCode::NOT_FOUND, "has no hour record \"r-9\""},
    {"ApproveUnsubmitted", "ApproveHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-1\" }",
     grpc::StatusCode::FAILED_PRECONDITION,
     "only a HOUR_STATUS_SUBMITTED record"},
    {"ReturnWithoutComment", "ReturnHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-1\" }",
     grpc::StatusCode::INVALID_ARGUMENT, "comment: is required"},
    {"AmendWithoutReason", "AmendHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-1\" " ENTRY(OCT6, TIMES) " }",
     grpc::StatusCode::INVALID_ARGUMENT, "reason: is required"},
    {"VoidWithoutReason", "VoidHours",
     "header { request_id: \"b\" } command { person_id: \"person-1\" "
     "record_id: \"r-1\" }",
     grpc::StatusCode::INVALID_ARGUMENT, "reason: is required"},
    {"ProjectEndsBeforeStart", "CreateFundedProject",
     "header { request_id: \"b\" } command { project_id: \"p-2\" network_id: "
     "\"ks\" name { fi: \"P\" } "
     "funder { kind: FUNDER_KIND_MUNICIPALITY name: \"Jyväskylä\" } start { "
     "year: 2026 month: 5 day: 1 } "
     "end { year: 2026 month: 4 day: 30 } }",
     grpc::StatusCode::INVALID_ARGUMENT, "end: is before start"},
    {"ProjectIdTaken", "CreateFundedProject",
     "header { request_id: \"b\" } command { project_id: \"oph-2026\" "
     "network_id: \"ks\" name { fi: \"P\" } "
     "funder { kind: FUNDER_KIND_MUNICIPALITY name: \"Jyväskylä\" } start { "
     "year: 2026 month: 1 day: 1 } "
     "end { year: 2026 month: 4 day: 30 } }",
     grpc::StatusCode::ALREADY_EXISTS, "project_id"},
    {"CloseProjectWithoutReason", "CloseFundedProject",
     "header { request_id: \"b\" } command { project_id: \"oph-2026\" }",
     grpc::StatusCode::INVALID_ARGUMENT, "reason: is required"},
    {"CloseMonthNotOver", "CloseMonth",
     "header { request_id: \"b\" } command { project_id: \"oph-2026\" month { "
     "year: 2099 month: 1 } }",
     grpc::StatusCode::FAILED_PRECONDITION, "month: 2099-01"},
    {"CloseMonthThirteen", "CloseMonth",
     "header { request_id: \"b\" } command { project_id: \"oph-2026\" month { "
     "year: 2026 month: 13 } }",
     grpc::StatusCode::INVALID_ARGUMENT, "month: is not a month"},
    {"TotalsOfNoProject", "GetMonthlyTotals",
     "project_id: \"oph-1999\" month { year: 2026 month: 10 }",
     grpc::StatusCode::NOT_FOUND, "oph-1999"},
    {"ListWithoutPersonOrProject", "ListHourRecords",
     "month { year: 2026 month: 10 }", grpc::StatusCode::INVALID_ARGUMENT,
     "person_id"},
    {"ListWithoutMonth", "ListHourRecords", "person_id: \"person-1\"",
     grpc::StatusCode::INVALID_ARGUMENT, "month"},
    {"HistoryBadRecordId", "GetHourRecord",
     "person_id: \"person-1\" record_id: \"R 1\"",
     grpc::StatusCode::INVALID_ARGUMENT, "record_id"},
};

class ActivityBadInputTest : public ActivityTest,
                             public ::testing::WithParamInterface<BadCase> {
 protected:
  void SetUp() override {
    ActivityTest::SetUp();
    v1::CommandResult logged;
    ASSERT_TRUE(
        Log(network_, "person-1", "r-1", Entry(5), "setup-1", &logged).ok());
    setup_token_ = logged.position_token();
  }

  std::string setup_token_;

  template <typename Request, typename Response, typename Method>
  grpc::Status Send(Method method, const std::string& text) {
    Request req;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &req))
        << text;
    Response res;
    return (activity_.get()->*method)(Context().get(), req, &res);
  }

  grpc::Status Dispatch(const std::string& rpc, const std::string& text) {
    using S = v1::ActivityService::Stub;
    using R = v1::CommandResult;
    if (rpc == "LogHours")
      return Send<v1::LogHoursRequest, R>(&S::LogHours, text);
    if (rpc == "SubmitHours")
      return Send<v1::SubmitHoursRequest, R>(&S::SubmitHours, text);
    if (rpc == "ApproveHours")
      return Send<v1::ApproveHoursRequest, R>(&S::ApproveHours, text);
    if (rpc == "ReturnHours")
      return Send<v1::ReturnHoursRequest, R>(&S::ReturnHours, text);
    if (rpc == "AmendHours")
      return Send<v1::AmendHoursRequest, R>(&S::AmendHours, text);
    if (rpc == "VoidHours")
      return Send<v1::VoidHoursRequest, R>(&S::VoidHours, text);
    if (rpc == "CreateFundedProject") {
      return Send<v1::CreateFundedProjectRequest, R>(&S::CreateFundedProject,
                                                     text);
    }
    if (rpc == "CloseFundedProject") {
      return Send<v1::CloseFundedProjectRequest, R>(&S::CloseFundedProject,
                                                    text);
    }
    if (rpc == "CloseMonth")
      return Send<v1::CloseMonthRequest, R>(&S::CloseMonth, text);
    if (rpc == "GetMonthlyTotals") {
      return Send<v1::GetMonthlyTotalsRequest, v1::MonthlyTotals>(
          &S::GetMonthlyTotals, text);
    }
    if (rpc == "ListHourRecords") {
      return Send<v1::ListHourRecordsRequest, v1::ListHourRecordsResponse>(
          &S::ListHourRecords, text);
    }
    return Send<v1::GetHourRecordRequest, v1::HourRecord>(&S::GetHourRecord,
                                                          text);
  }
};

TEST_P(ActivityBadInputTest, ExactStatusAndNothingChanged) {
  const BadCase& c = GetParam();
  const uint64_t head = LogHead("activity");
  v1::HourRecord before;
  ASSERT_TRUE(History(admin_, "person-1", "r-1", &before, setup_token_).ok());
  token_ = network_;
  const grpc::Status s = Dispatch(c.rpc, c.request);
  EXPECT_EQ(s.error_code(), c.code) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr(c.message));
  EXPECT_EQ(LogHead("activity"), head);
  v1::HourRecord after;
  ASSERT_TRUE(History(admin_, "person-1", "r-1", &after).ok());
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
}

INSTANTIATE_TEST_SUITE_P(Activity, ActivityBadInputTest,
                         ::testing::ValuesIn(kCases),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tutornet::server
