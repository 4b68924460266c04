// The training service's access rules through the real server: each
// command and read by every role, in and out of scope. A denial is
// PERMISSION_DENIED and changes nothing; an allowed call is never denied
// (it may still fail on its input or state).
#include "services/server/training_fixture.h"

namespace tutornet::server {
namespace {

enum Role { kAdmin, kNetwork, kRegional, kSouth, kTutor, kTrainer, kFunder };
constexpr int kRoles = 7;
const char* const kRoleNames[kRoles] = {"admin", "network", "regional", "south",
                                        "tutor", "trainer", "funder"};

struct AccessCase {
  const char* name;
  const char* rpc;
  // Text format; every "@" becomes a suffix of the role, so that each role
  // acts on ids of its own.
  std::string request;
  bool allowed[kRoles];  // admin network regional south tutor trainer funder
};

std::string Expand(std::string text, const std::string& suffix) {
  for (size_t at = text.find('@'); at != std::string::npos;
       at = text.find('@', at + suffix.size())) {
    text.replace(at, 1, suffix);
  }
  return text;
}

class TrainingAccessTest : public TrainingTest {
 protected:
  void SetUp() override {
    TrainingTest::SetUp();
    // A regional training of ks-jyvaskyla, open now, with person-1
    // registered; and one held, with person-1 present.
    ASSERT_TRUE(
        Call("CreateTraining", regional_,
             Training("t-open", 50, SessionAt(3), At(-1, 0), At(2, 0), At(1, 0),
                      "organiser { kind: ORGANISER_KIND_REGION "
                      "region_id: \"ks-jyvaskyla\" }"))
            .ok());
    ASSERT_TRUE(Call("CreateTraining", regional_,
                     Training("t-held", 50, SessionAt(-3), At(-10, 0),
                              At(-4, 0), At(-5, 0),
                              "organiser { kind: ORGANISER_KIND_REGION "
                              "region_id: \"ks-jyvaskyla\" }"))
                    .ok());
    ASSERT_TRUE(Call("RegisterForTraining", regional_,
                     "command { training_id: \"t-held\" person_id: "
                     "\"person-1\" school_id: \"school-jyvaskyla-1\" }")
                    .ok());
  }
  const std::string& As(int role) const {
    const std::string* tokens[kRoles] = {
        &admin_, &network_, &regional_, &south_, &tutor_, &trainer_, &funder_};
    return *tokens[role];
  }
};

TEST_F(TrainingAccessTest, EveryCommandByEveryRole) {
  const std::string region_training =
      Training("t-r@", 5, SessionAt(3), At(-1, 0), At(2, 0), At(1, 0),
               "organiser { kind: ORGANISER_KIND_REGION region_id: "
               "\"ks-jyvaskyla\" }");
  const std::string network_training =
      Training("t-n@", 5, SessionAt(3), At(-1, 0), At(2, 0), At(1, 0));
  const std::string yesterday = SessionAt(-1).substr(sizeof("sessions ") - 1);
  const std::vector<AccessCase> cases = {
      {"CreateRegionTraining",
       "CreateTraining",
       region_training,
       {true, true, true, false, false, false, false}},
      {"CreateNetworkTraining",
       "CreateTraining",
       network_training,
       {true, true, false, false, false, false, false}},
      {"RegisterSelf",
       "RegisterForTraining",
       "command { training_id: \"t-open\" person_id: \"@\" school_id: "
       "\"school-jyvaskyla-1\" }",
       // The "@" of a role is not its person id: only coordinators of the
       // school's region may register someone else.
       {true, true, true, false, false, false, false}},
      {"RegisterPersonOne",
       "RegisterForTraining",
       "command { training_id: \"t-open\" person_id: \"person-1\" school_id: "
       "\"school-jyvaskyla-1\" }",
       {true, true, true, false, true, false, false}},
      {"RecordAttendance",
       "RecordAttendance",
       "command { training_id: \"t-held\" session: 1 present_person_ids: "
       "\"person-1\" }",
       {true, true, true, false, false, true, false}},
      {"GiveFeedbackAsPersonOne",
       "GiveFeedback",
       "command { training_id: \"t-held\" person_id: \"person-1\" score: 4 }",
       {false, false, false, false, true, false, false}},
      {"CloseFeedback",
       "CloseFeedback",
       "command { training_id: \"t-held\" }",
       {true, true, true, false, false, false, false}},
      {"CancelTraining",
       "CancelTraining",
       "command { training_id: \"t-open\" reason: \"Peruttu\" }",
       {true, true, true, false, false, false, false}},
      {"RegionalMeeting",
       "CreateMeeting",
       absl::StrCat("command { network_id: \"ks\" meeting_id: \"m@\" kind: "
                    "MEETING_KIND_REGIONAL_TUTOR_MEETING region_id: "
                    "\"ks-jyvaskyla\" title { fi: \"T\" } session ",
                    yesterday, " venue { online: true } }"),
       {true, true, true, false, false, false, false}},
      {"NetworkMeeting",
       "CreateMeeting",
       absl::StrCat("command { network_id: \"ks\" meeting_id: \"n@\" kind: "
                    "MEETING_KIND_NETWORK_TUTOR_MEETING title { fi: \"T\" } "
                    "session ",
                    yesterday, " venue { online: true } }"),
       {true, true, false, false, false, false, false}},
      {"Takeover",
       "RecordTakeover",
       "command { network_id: \"ks\" takeover_id: \"k@\" school_id: "
       "\"school-muurame-1\" days { year: 2026 month: 10 day: 5 } days { "
       "year: 2026 month: 10 day: 6 } teachers_trained: 5 students_teaching: "
       "5 module { fi: \"M\" } }",
       {true, true, true, false, false, false, false}},
      {"FacilitatorTraining",
       "RecordFacilitatorTraining",
       "command { network_id: \"ks\" person_id: \"f@\" completed { year: 2026 "
       "month: 1 day: 5 } provider: \"Verme\" }",
       {true, true, true, true, false, false, false}},
  };
  int denied = 0;
  for (const AccessCase& c : cases) {
    for (int role = 0; role < kRoles; ++role) {
      denied += c.allowed[role] ? 0 : 1;
      const std::string text = Expand(c.request, kRoleNames[role]);
      const uint64_t head = LogHead("training");
      const grpc::Status s = Call(c.rpc, As(role), text);
      if (c.allowed[role]) {
        EXPECT_NE(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << c.name << " by " << kRoleNames[role] << ": "
            << s.error_message();
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << c.name << " by " << kRoleNames[role] << ": "
            << s.error_message();
        EXPECT_EQ(LogHead("training"), head)
            << c.name << " by " << kRoleNames[role];
      }
    }
  }
  EXPECT_GT(denied, 40);
}

TEST_F(TrainingAccessTest, WhoSeesParticipantsScoresAndReach) {
  ASSERT_TRUE(Call("RecordAttendance", trainer_,
                   "command { training_id: \"t-held\" session: 1 "
                   "present_person_ids: \"person-1\" }")
                  .ok());
  ASSERT_TRUE(Call("GiveFeedback", tutor_,
                   "command { training_id: \"t-held\" person_id: \"person-1\" "
                   "score: 2 comment: \"Liian nopea\" }")
                  .ok());
  // participants, comments, scores, reach of ks-jyvaskyla, registrations
  // of person-1, meetings list
  struct Sees {
    bool participants, comments, scores, reach, registrations, meetings;
  };
  const Sees expected[kRoles] = {
      {true, true, true, true, true, true},       // admin
      {true, true, false, true, true, true},      // network
      {true, true, false, true, true, true},      // regional (organiser)
      {false, false, false, false, true, true},   // south
      {false, false, false, false, true, true},   // tutor (person-1)
      {true, true, false, false, false, true},    // trainer
      {false, false, false, true, false, false},  // funder
  };
  for (int role = 0; role < kRoles; ++role) {
    SCOPED_TRACE(kRoleNames[role]);
    v1::Training t;
    ASSERT_TRUE(GetTraining(As(role), "t-held", &t).ok());
    EXPECT_EQ(t.participants_size() > 0, expected[role].participants);
    EXPECT_EQ(t.feedback().comments_size() > 0, expected[role].comments);
    EXPECT_EQ(t.feedback().scores_size() > 0, expected[role].scores);
    EXPECT_EQ(t.feedback().responses(), 1) << "the count is public";
    v1::Reach reach;
    const grpc::Status r = Read<v1::GetReachRequest>(
        &v1::TrainingService::Stub::GetReach, As(role),
        "network_id: \"ks\" region_id: \"ks-jyvaskyla\" from { year: 2026 "
        "month: 1 day: 1 } to { year: 2199 month: 1 day: 1 }",
        &reach);
    EXPECT_EQ(r.ok(), expected[role].reach) << r.error_message();
    v1::ListRegistrationsResponse regs;
    const grpc::Status g = Read<v1::ListRegistrationsRequest>(
        &v1::TrainingService::Stub::ListRegistrations, As(role),
        "network_id: \"ks\" person_id: \"person-1\"", &regs);
    EXPECT_EQ(g.ok(), expected[role].registrations) << g.error_message();
    v1::ListMeetingsResponse meetings;
    const grpc::Status m = Read<v1::ListMeetingsRequest>(
        &v1::TrainingService::Stub::ListMeetings, As(role),
        "network_id: \"ks\"", &meetings);
    EXPECT_EQ(m.ok(), expected[role].meetings) << m.error_message();
  }
}

TEST_F(TrainingAccessTest, AnotherNetworkLearnsNotEvenWhichTrainingsExist) {
  const std::string stranger = MakeToken(
      "person-900", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "other-network");
  v1::Training t;
  EXPECT_EQ(GetTraining(stranger, "t-held", &t).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(GetTraining(stranger, "t-nowhere", &t).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::Certificate c;
  for (const char* id : {"t-held", "t-nowhere"}) {
    EXPECT_EQ(Read<v1::GetCertificateRequest>(
                  &v1::TrainingService::Stub::GetCertificate, stranger,
                  absl::StrCat("network_id: \"ks\" training_id: \"", id,
                               "\" person_id: \"person-1\""),
                  &c)
                  .error_code(),
              grpc::StatusCode::PERMISSION_DENIED)
        << id;
  }
}

}  // namespace
}  // namespace tutornet::server
