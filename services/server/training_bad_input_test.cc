// Bad input to the training service through the real server: each case
// gets its exact status and changes nothing (the training log's head stays
// where it was).
#include "services/server/training_fixture.h"

namespace tutornet::server {
namespace {

struct BadCase {
  const char* name;
  const char* rpc;      // Which TrainingService command.
  std::string request;  // Text-format request (the header is added).
  grpc::StatusCode code;
  const char* message;  // Part of the error message.
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

using T = TrainingTest;
using grpc::StatusCode;

// A valid network training to vary: `extra` replaces nothing, so cases
// that change a field build their own text.
std::string Create(
    const std::string& id, const std::string& sessions, int capacity = 10,
    const std::string& organiser = "organiser { kind: ORGANISER_KIND_NETWORK }",
    const std::string& venue = "venue { school_id: \"school-jyvaskyla-1\" }",
    int feedback_days = 14) {
  std::string text = T::Training(id, capacity, sessions, T::At(-1, 0),
                                 T::At(2, 0), T::At(1, 0), organiser);
  const std::string school = "venue { school_id: \"school-jyvaskyla-1\" }";
  text.replace(text.find(school), school.size(), venue);
  const std::string days = "feedback_days: 14";
  text.replace(text.find(days), days.size(),
               absl::StrCat("feedback_days: ", feedback_days));
  return text;
}

std::vector<BadCase> Cases() {
  const std::string s3 = T::SessionAt(3);
  return {
      {"CreateNoTrainingId", "CreateTraining", Create("", s3),
       StatusCode::INVALID_ARGUMENT, "training_id"},
      {"CreateBadTrainingId", "CreateTraining", Create("T 1", s3),
       StatusCode::INVALID_ARGUMENT, "training_id"},
      {"CreateTaken", "CreateTraining", Create("t-open", s3),
       StatusCode::ALREADY_EXISTS, "training \"t-open\" already exists"},
      {"CreateNoSessions", "CreateTraining", Create("t-2", ""),
       StatusCode::INVALID_ARGUMENT, "sessions: a training has 1-20"},
      {"CreateSessionPastMidnight", "CreateTraining",
       Create("t-2",
              "sessions { date { year: 2027 month: 1 day: 5 } "
              "start_minute: 1380 duration_minutes: 61 }"),
       StatusCode::INVALID_ARGUMENT, "sessions[0].duration_minutes"},
      {"CreateSessionNoSuchDay", "CreateTraining",
       Create("t-2",
              "sessions { date { year: 2027 month: 2 day: 30 } "
              "start_minute: 600 duration_minutes: 60 }"),
       StatusCode::INVALID_ARGUMENT, "sessions[0].date"},
      {"CreateSessionsOverlap", "CreateTraining",
       Create("t-2", T::SessionAt(3, 9) + " " + T::SessionAt(3, 10)),
       StatusCode::INVALID_ARGUMENT,
       "sessions[1]: starts before the previous session ends"},
      {"CreateZeroCapacity", "CreateTraining", Create("t-2", s3, 0),
       StatusCode::INVALID_ARGUMENT, "capacity"},
      {"CreateHugeCapacity", "CreateTraining", Create("t-2", s3, 10001),
       StatusCode::INVALID_ARGUMENT, "capacity"},
      {"CreateRegistrationAfterSession", "CreateTraining",
       T::Training("t-2", 5, T::SessionAt(1), T::At(-1, 0), T::At(2, 0),
                   T::At(0, 0)),
       StatusCode::INVALID_ARGUMENT,
       "registration_closes: must be by the first session's start"},
      {"CreateClosesBeforeOpens", "CreateTraining",
       T::Training("t-2", 5, s3, T::At(1, 0), T::At(0, 0), T::At(0, 0)),
       StatusCode::INVALID_ARGUMENT,
       "registration_closes: must be after registration_opens"},
      {"CreateNoFeedbackDays", "CreateTraining",
       Create("t-2", s3, 10, "organiser { kind: ORGANISER_KIND_NETWORK }",
              "venue { online: true }", 0),
       StatusCode::INVALID_ARGUMENT, "feedback_days"},
      {"CreateTwoVenues", "CreateTraining",
       Create("t-2", s3, 10, "organiser { kind: ORGANISER_KIND_NETWORK }",
              "venue { online: true school_id: \"school-jyvaskyla-1\" }"),
       StatusCode::INVALID_ARGUMENT, "venue: exactly one of"},
      {"CreateUnknownVenueSchool", "CreateTraining",
       Create("t-2", s3, 10, "organiser { kind: ORGANISER_KIND_NETWORK }",
              "venue { school_id: \"school-nowhere\" }"),
       StatusCode::NOT_FOUND, "school \"school-nowhere\" does not exist"},
      {"CreateUnknownMunicipality", "CreateTraining",
       Create("t-2", s3, 10,
              "organiser { kind: ORGANISER_KIND_MUNICIPALITY "
              "municipality_id: \"tampere\" }"),
       StatusCode::NOT_FOUND, "municipality \"tampere\" does not exist"},
      {"CreateNoOrganiser", "CreateTraining", Create("t-2", s3, 10, ""),
       StatusCode::INVALID_ARGUMENT, "organiser.kind"},
      {"CreateThemeWithBidiOverride", "CreateTraining",
       [&] {
         std::string t = Create("t-2", s3);
         const std::string theme = "fi: \"Pilvipalvelut opetuksessa\"";
         t.replace(t.find(theme), theme.size(), "fi: \"a\\342\\200\\256b\"");
         return t;
       }(),
       StatusCode::INVALID_ARGUMENT, "theme.fi"},
      {"CreateUnknownNetwork", "CreateTraining",
       [&] {
         std::string t = Create("t-2", s3);
         t.replace(t.find("\"ks\""), 4, "\"nowhere\"");
         return t;
       }(),
       StatusCode::PERMISSION_DENIED, "nowhere"},
      {"RegisterUnknownTraining", "RegisterForTraining",
       "command { training_id: \"t-none\" person_id: \"person-1\" "
       "school_id: \"school-jyvaskyla-1\" }",
       StatusCode::NOT_FOUND, "training \"t-none\" does not exist"},
      {"RegisterTwice", "RegisterForTraining",
       "command { training_id: \"t-open\" person_id: \"person-1\" "
       "school_id: \"school-jyvaskyla-1\" }",
       StatusCode::ALREADY_EXISTS, "person-1 is already registered"},
      {"RegisterUnknownSchool", "RegisterForTraining",
       "command { training_id: \"t-open\" person_id: \"person-5\" "
       "school_id: \"school-nowhere\" }",
       StatusCode::NOT_FOUND, "school \"school-nowhere\""},
      {"RegisterNoSchool", "RegisterForTraining",
       "command { training_id: \"t-open\" person_id: \"person-5\" }",
       StatusCode::INVALID_ARGUMENT, "school_id"},
      {"CancelNotRegistered", "CancelRegistration",
       "command { training_id: \"t-open\" person_id: \"person-6\" }",
       StatusCode::NOT_FOUND, "person-6 is not registered"},
      {"AttendanceBeforeSession", "RecordAttendance",
       "command { training_id: \"t-open\" session: 1 present_person_ids: "
       "\"person-1\" }",
       StatusCode::FAILED_PRECONDITION, "attendance is recorded once"},
      {"AttendanceNoSuchSession", "RecordAttendance",
       "command { training_id: \"t-held\" session: 3 }",
       StatusCode::INVALID_ARGUMENT, "session: must be 1-2"},
      {"AttendanceOfNonParticipant", "RecordAttendance",
       "command { training_id: \"t-held\" session: 1 present_person_ids: "
       "\"person-8\" }",
       StatusCode::FAILED_PRECONDITION,
       "present_person_ids[0]: person-8 has no place"},
      {"AttendanceTwice", "RecordAttendance",
       "command { training_id: \"t-held\" session: 1 present_person_ids: "
       "[\"person-1\", \"person-1\"] }",
       StatusCode::INVALID_ARGUMENT, "present_person_ids"},
      {"FeedbackScoreSix", "GiveFeedback",
       "command { training_id: \"t-held\" person_id: \"person-1\" score: 6 }",
       StatusCode::INVALID_ARGUMENT, "score: must be 1-5"},
      {"FeedbackWithoutAttending", "GiveFeedback",
       "command { training_id: \"t-open\" person_id: \"person-1\" score: 4 }",
       StatusCode::FAILED_PRECONDITION, "attended no session"},
      {"FeedbackCommentWithControl", "GiveFeedback",
       "command { training_id: \"t-held\" person_id: \"person-1\" score: 4 "
       "comment: \"a\\007b\" }",
       StatusCode::INVALID_ARGUMENT, "comment"},
      {"CloseFeedbackTooEarly", "CloseFeedback",
       "command { training_id: \"t-held\" }", StatusCode::FAILED_PRECONDITION,
       "feedback is open until"},
      {"CloseFollowUpNoneOpen", "CloseFollowUp",
       "command { training_id: \"t-held\" note: \"n\" }",
       StatusCode::FAILED_PRECONDITION, "has no open follow-up"},
      {"CancelWithoutReason", "CancelTraining",
       "command { training_id: \"t-open\" }", StatusCode::INVALID_ARGUMENT,
       "reason: is required"},
      {"CancelStarted", "CancelTraining",
       "command { training_id: \"t-held\" reason: \"r\" }",
       StatusCode::FAILED_PRECONDITION, "it cannot be cancelled"},
      {"PeerGroupOfFour", "CreatePeerGroup",
       "command { network_id: \"ks\" group_id: \"g-1\" name { fi: \"V\" } "
       "facilitator_id: \"person-300\" members { person_id: \"a\" "
       "organisation: \"x\" } members { person_id: \"b\" organisation: \"y\" } "
       "members { person_id: \"c\" organisation: \"x\" } members { person_id: "
       "\"d\" organisation: \"y\" } }",
       StatusCode::INVALID_ARGUMENT, "members: a peer group has 5-10 members"},
      {"TakeoverOfOneDay", "RecordTakeover",
       "command { network_id: \"ks\" takeover_id: \"k-1\" school_id: "
       "\"school-jyvaskyla-1\" days { year: 2026 month: 10 day: 5 } "
       "teachers_trained: 5 students_teaching: 5 module { fi: \"M\" } }",
       StatusCode::INVALID_ARGUMENT, "days: a takeover lasts 2-3 days"},
      {"MeetingRegionalWithoutRegion", "CreateMeeting",
       "command { network_id: \"ks\" meeting_id: \"m-1\" kind: "
       "MEETING_KIND_REGIONAL_TUTOR_MEETING title { fi: \"T\" } session { "
       "date { year: 2026 month: 10 day: 5 } start_minute: 600 "
       "duration_minutes: 60 } venue { online: true } }",
       StatusCode::INVALID_ARGUMENT, "region_id"},
      {"EmptyCommand", "CreateTraining", "", StatusCode::INVALID_ARGUMENT,
       "training_id: must not be empty"},
  };
}

class TrainingBadInputTest : public TrainingTest,
                             public ::testing::WithParamInterface<BadCase> {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    ASSERT_TRUE(Call("CreateTraining", network_,
                     Training("t-open", 10, SessionAt(3), At(-1, 0), At(2, 0),
                              At(1, 0)))
                    .ok());
    ASSERT_TRUE(Call("RegisterForTraining", tutor_,
                     "command { training_id: \"t-open\" person_id: "
                     "\"person-1\" school_id: \"school-jyvaskyla-1\" }")
                    .ok());
    ASSERT_TRUE(Call("CreateTraining", network_,
                     Training("t-held", 10, SessionAt(-3) + " " + SessionAt(-2),
                              At(-10, 0), At(-4, 0), At(-5, 0)))
                    .ok());
    ASSERT_TRUE(Call("RegisterForTraining", network_,
                     "command { training_id: \"t-held\" person_id: "
                     "\"person-1\" school_id: \"school-jyvaskyla-1\" }")
                    .ok());
    ASSERT_TRUE(Call("RecordAttendance", network_,
                     "command { training_id: \"t-held\" session: 1 "
                     "present_person_ids: \"person-1\" }")
                    .ok());
  }
};

TEST_P(TrainingBadInputTest, ExactStatusAndNothingChanged) {
  const BadCase& c = GetParam();
  const uint64_t head = LogHead("training");
  // The caller may do it (the network's coordinator; the participant for
  // feedback): only the input is wrong.
  const std::string& as =
      std::string(c.rpc) == "GiveFeedback" ? tutor_ : network_;
  const grpc::Status s = Call(c.rpc, as, c.request);
  EXPECT_EQ(s.error_code(), c.code) << s.error_message();
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr(c.message));
  EXPECT_EQ(LogHead("training"), head);
}

INSTANTIATE_TEST_SUITE_P(Training, TrainingBadInputTest,
                         ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tutornet::server
