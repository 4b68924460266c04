// The training service end to end through the real server: a training's
// whole life from creation to its follow-up, the waiting list and the
// cancellation cut-off, 30 people registering at once for 20 places,
// cancellation, meetings, takeovers and peer groups, reach, restart.
#include <thread>

#include "services/server/training_fixture.h"

namespace tutornet::server {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> People(
    const google::protobuf::RepeatedPtrField<v1::Registration>& list) {
  std::vector<std::string> out;
  for (const v1::Registration& r : list) out.push_back(r.person_id());
  return out;
}

// Held three and two days ago; registration closed before that.
std::string HeldTraining(const std::string& id) {
  return TrainingTest::Training(
      id, 20, TrainingTest::SessionAt(-3) + " " + TrainingTest::SessionAt(-2),
      TrainingTest::At(-10, 8), TrainingTest::At(-4, 0),
      TrainingTest::At(-5, 0),
      "organiser { kind: ORGANISER_KIND_REGION region_id: \"ks-jyvaskyla\" }");
}

// Open for registration now; the cut-off in a day, the session in three.
std::string OpenTraining(const std::string& id, int capacity,
                         int cutoff_days = 1) {
  return TrainingTest::Training(id, capacity, TrainingTest::SessionAt(3),
                                TrainingTest::At(-1, 0), TrainingTest::At(2, 0),
                                TrainingTest::At(cutoff_days, 0));
}

std::string Register(const std::string& training, const std::string& person,
                     const std::string& school = "school-jyvaskyla-1") {
  return absl::StrCat("command { training_id: \"", training, "\" person_id: \"",
                      person, "\" school_id: \"", school, "\" }");
}

TEST_F(TrainingTest, AHeldTrainingFromCreationToItsFollowUp) {
  const std::string p2 = MakeToken("person-2", v1::ACCESS_ROLE_TUTOR, "ks");
  const std::string p3 = MakeToken("person-3", v1::ACCESS_ROLE_TUTOR, "ks");
  ASSERT_TRUE(Call("CreateTraining", regional_, HeldTraining("t-held")).ok());
  // Registration is closed: a person cannot sign up any more; the
  // organiser enters the sign-up sheet.
  const grpc::Status late =
      Call("RegisterForTraining", tutor_, Register("t-held", "person-1"));
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(late.error_message(), HasSubstr("registration for \"t-held\""));
  for (const char* person : {"person-1", "person-2", "person-3"}) {
    ASSERT_TRUE(
        Call("RegisterForTraining", regional_, Register("t-held", person))
            .ok());
  }
  // Attendance: the trainer records both sessions; person-3 missed one.
  ASSERT_TRUE(Call("RecordAttendance", trainer_,
                   "command { training_id: \"t-held\" session: 1 "
                   "present_person_ids: [\"person-1\", \"person-2\", "
                   "\"person-3\"] }")
                  .ok());
  ASSERT_TRUE(Call("RecordAttendance", trainer_,
                   "command { training_id: \"t-held\" session: 2 "
                   "present_person_ids: [\"person-1\", \"person-2\"] }")
                  .ok());
  // Feedback: once each, only by the participant themself.
  const char* feedback =
      "command { training_id: \"t-held\" person_id: \"%s\" score: %d "
      "comment: \"%s\" }";
  EXPECT_EQ(
      Call("GiveFeedback", admin_, absl::StrFormat(feedback, "person-1", 5, ""))
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Call("GiveFeedback", tutor_,
                   absl::StrFormat(feedback, "person-1", 3, "Liian nopea"))
                  .ok());
  EXPECT_EQ(
      Call("GiveFeedback", tutor_, absl::StrFormat(feedback, "person-1", 5, ""))
          .error_code(),
      grpc::StatusCode::ALREADY_EXISTS);
  ASSERT_TRUE(Call("GiveFeedback", p2,
                   absl::StrFormat(feedback, "person-2", 3, "Hyvät esimerkit"))
                  .ok());
  // Not everyone has answered, and the window is open: not yet.
  EXPECT_EQ(
      Call("CloseFeedback", regional_, "command { training_id: \"t-held\" }")
          .error_code(),
      grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(
      Call("GiveFeedback", p3, absl::StrFormat(feedback, "person-3", 4, ""))
          .ok());
  // Everyone answered: the window closes; 10/3 = 3.33 < 3.5 opens a
  // follow-up.
  ASSERT_TRUE(
      Call("CloseFeedback", regional_, "command { training_id: \"t-held\" }")
          .ok());

  v1::Training t;
  ASSERT_TRUE(GetTraining(trainer_, "t-held", &t).ok());
  EXPECT_EQ(t.places_taken(), 3);
  EXPECT_THAT(People(t.participants()),
              ElementsAre("person-1", "person-2", "person-3"));
  EXPECT_EQ(t.feedback().responses(), 3);
  EXPECT_NEAR(t.feedback().average(), 10.0 / 3, 1e-9);
  EXPECT_TRUE(t.feedback().closed());
  EXPECT_THAT(t.feedback().comments(),
              ElementsAre("Hyvät esimerkit", "Liian nopea"));
  EXPECT_EQ(t.feedback().scores_size(), 0) << "who gave what: admins only";
  EXPECT_EQ(t.follow_up(), v1::FOLLOW_UP_STATUS_OPEN);
  EXPECT_TRUE(t.participants(0).certificate());
  EXPECT_FALSE(t.participants(2).certificate());

  v1::Training admin_view;
  ASSERT_TRUE(GetTraining(admin_, "t-held", &admin_view).ok());
  EXPECT_EQ(admin_view.feedback().scores_size(), 3);
  v1::Training own;
  ASSERT_TRUE(GetTraining(tutor_, "t-held", &own).ok());
  EXPECT_EQ(own.participants_size(), 0);
  EXPECT_EQ(own.feedback().comments_size(), 0);
  EXPECT_EQ(own.mine().person_id(), "person-1");
  EXPECT_TRUE(own.mine().feedback_given());

  // The dashboard counts it: the network's and its organising region's,
  // not another region's.
  v1::TrainingFigures figures;
  ASSERT_TRUE(GetTrainingFigures(network_, "", &figures).ok());
  EXPECT_EQ(figures.open_follow_ups(), 1);
  EXPECT_EQ(figures.feedback_closed(), 1);
  EXPECT_NEAR(figures.feedback_average(), 10.0 / 3, 1e-9);
  EXPECT_EQ(figures.reach().trainings(), 1);
  EXPECT_EQ(figures.reach().teachers(), 3);
  ASSERT_TRUE(GetTrainingFigures(regional_, "ks-jyvaskyla", &figures).ok());
  EXPECT_EQ(figures.open_follow_ups(), 1);
  EXPECT_EQ(figures.feedback_closed(), 1);
  ASSERT_TRUE(GetTrainingFigures(network_, "ks-etela", &figures).ok());
  EXPECT_EQ(figures.open_follow_ups(), 0);
  EXPECT_EQ(figures.feedback_closed(), 0);

  v1::ListFollowUpsResponse tasks;
  ASSERT_TRUE(
      Read<v1::ListFollowUpsRequest>(&v1::TrainingService::Stub::ListFollowUps,
                                     regional_, "network_id: \"ks\"", &tasks)
          .ok());
  ASSERT_EQ(tasks.trainings_size(), 1);
  v1::ListFollowUpsResponse south_tasks;
  ASSERT_TRUE(
      Read<v1::ListFollowUpsRequest>(&v1::TrainingService::Stub::ListFollowUps,
                                     south_, "network_id: \"ks\"", &south_tasks)
          .ok());
  EXPECT_EQ(south_tasks.trainings_size(), 0) << "not its training";
  ASSERT_TRUE(Call("CloseFollowUp", regional_,
                   "command { training_id: \"t-held\" note: \"Keskusteltu "
                   "kouluttajan kanssa: tahtia hidastetaan.\" }")
                  .ok());

  ASSERT_TRUE(GetTrainingFigures(network_, "", &figures).ok());
  EXPECT_EQ(figures.open_follow_ups(), 0) << "closed";
  EXPECT_EQ(figures.feedback_closed(), 1);

  v1::Certificate cert;
  ASSERT_TRUE(Read<v1::GetCertificateRequest>(
                  &v1::TrainingService::Stub::GetCertificate, tutor_,
                  "network_id: \"ks\" training_id: \"t-held\" person_id: "
                  "\"person-1\"",
                  &cert)
                  .ok());
  EXPECT_EQ(cert.total_minutes(), 240);
  EXPECT_EQ(cert.sessions_size(), 2);
  const grpc::Status none = Read<v1::GetCertificateRequest>(
      &v1::TrainingService::Stub::GetCertificate, p3,
      "network_id: \"ks\" training_id: \"t-held\" person_id: \"person-3\"",
      &cert);
  EXPECT_EQ(none.error_code(), grpc::StatusCode::NOT_FOUND);

  // Everything survives a restart.
  ASSERT_TRUE(GetTraining(admin_, "t-held", &admin_view).ok());
  RestartServer();
  v1::Training after;
  ASSERT_TRUE(GetTraining(admin_, "t-held", &after).ok());
  EXPECT_EQ(after.SerializeAsString(), admin_view.SerializeAsString());
  EXPECT_EQ(after.follow_up(), v1::FOLLOW_UP_STATUS_CLOSED);
}

TEST_F(TrainingTest, AFullTrainingHasAWaitingListInOrder) {
  ASSERT_TRUE(Call("CreateTraining", network_, OpenTraining("t-open", 2)).ok());
  std::vector<std::string> tokens;
  for (int n = 1; n <= 4; ++n) {
    const std::string person = absl::StrCat("person-", n);
    tokens.push_back(MakeToken(person, v1::ACCESS_ROLE_TUTOR, "ks"));
    ASSERT_TRUE(
        Call("RegisterForTraining", tokens.back(), Register("t-open", person))
            .ok());
  }
  EXPECT_EQ(
      Call("RegisterForTraining", tokens[0], Register("t-open", "person-1"))
          .error_code(),
      grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(
      Call("RegisterForTraining", tokens[0], Register("t-open", "person-9"))
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  v1::Training t;
  ASSERT_TRUE(GetTraining(network_, "t-open", &t).ok());
  EXPECT_THAT(People(t.participants()), ElementsAre("person-1", "person-2"));
  EXPECT_THAT(People(t.waiting_list()), ElementsAre("person-3", "person-4"));
  EXPECT_EQ(t.waiting_list(1).waiting_number(), 2);

  // Before the cut-off: the place goes to the first in line.
  ASSERT_TRUE(
      Call("CancelRegistration", tokens[0],
           "command { training_id: \"t-open\" person_id: \"person-1\" }")
          .ok());
  ASSERT_TRUE(GetTraining(network_, "t-open", &t).ok());
  EXPECT_THAT(People(t.participants()), ElementsAre("person-2", "person-3"));
  EXPECT_THAT(People(t.waiting_list()), ElementsAre("person-4"));
  EXPECT_EQ(t.waiting_list(0).waiting_number(), 1);
  v1::ListRegistrationsResponse mine;
  ASSERT_TRUE(Read<v1::ListRegistrationsRequest>(
                  &v1::TrainingService::Stub::ListRegistrations, tokens[0],
                  "network_id: \"ks\" person_id: \"person-1\"", &mine)
                  .ok());
  ASSERT_EQ(mine.registrations_size(), 1);
  EXPECT_EQ(mine.registrations(0).status(), v1::REGISTRATION_STATUS_CANCELLED);

  // A training whose cut-off has passed: cancelling is recorded as late.
  ASSERT_TRUE(
      Call("CreateTraining", network_, OpenTraining("t-cut", 5, -1)).ok());
  ASSERT_TRUE(
      Call("RegisterForTraining", tokens[1], Register("t-cut", "person-2"))
          .ok());
  ASSERT_TRUE(Call("CancelRegistration", tokens[1],
                   "command { training_id: \"t-cut\" person_id: \"person-2\" }")
                  .ok());
  ASSERT_TRUE(Read<v1::ListRegistrationsRequest>(
                  &v1::TrainingService::Stub::ListRegistrations, tokens[1],
                  "network_id: \"ks\" person_id: \"person-2\"", &mine)
                  .ok());
  bool late = false;
  for (const v1::Registration& r : mine.registrations()) {
    late = late || (r.training_id() == "t-cut" &&
                    r.status() == v1::REGISTRATION_STATUS_CANCELLED_LATE);
  }
  EXPECT_TRUE(late);
}

TEST_F(TrainingTest, ThirtyRegisterAtOnceForTwentyPlaces) {
  ASSERT_TRUE(
      Call("CreateTraining", network_, OpenTraining("t-rush", 20)).ok());
  constexpr int kPeople = 30;
  std::vector<std::string> tokens;
  for (int n = 0; n < kPeople; ++n) {
    tokens.push_back(
        MakeToken(absl::StrCat("rush-", n), v1::ACCESS_ROLE_TUTOR, "ks"));
  }
  std::vector<grpc::Status> results(kPeople);
  std::vector<std::thread> threads;
  for (int n = 0; n < kPeople; ++n) {
    threads.emplace_back([&, n] {
      auto stub = v1::TrainingService::NewStub(
          grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
      v1::RegisterForTrainingRequest req;
      req.mutable_header()->set_request_id("rush");
      req.mutable_command()->set_training_id("t-rush");
      req.mutable_command()->set_person_id(absl::StrCat("rush-", n));
      req.mutable_command()->set_school_id("school-jyvaskyla-1");
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", "Bearer " + tokens[n]);
      ctx.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(30));
      v1::CommandResult res;
      results[n] = stub->RegisterForTraining(&ctx, req, &res);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const grpc::Status& s : results)
    ASSERT_TRUE(s.ok()) << s.error_message();
  last_token_.clear();
  // Reads wait for the training log's head.
  v1::Training t;
  for (int i = 0; i < 100 && (t.places_taken() + t.waiting() < kPeople); ++i) {
    ASSERT_TRUE(GetTraining(network_, "t-rush", &t).ok());
    if (t.places_taken() + t.waiting() < kPeople)
      absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_EQ(t.places_taken(), 20);
  EXPECT_EQ(t.participants_size(), 20);
  EXPECT_EQ(t.waiting_list_size(), 10);
  std::set<std::string> everyone;
  for (const auto& r : t.participants()) everyone.insert(r.person_id());
  for (int i = 0; i < t.waiting_list_size(); ++i) {
    everyone.insert(t.waiting_list(i).person_id());
    EXPECT_EQ(t.waiting_list(i).waiting_number(), i + 1);
    if (i > 0) {
      EXPECT_LT(t.waiting_list(i - 1).position(), t.waiting_list(i).position());
    }
  }
  EXPECT_EQ(everyone.size(), static_cast<size_t>(kPeople)) << "no duplicates";
  // Every place was taken before anyone waited.
  for (const auto& r : t.participants()) {
    EXPECT_LT(r.position(), t.waiting_list(0).position());
  }
}

TEST_F(TrainingTest, ACancelledTrainingShowsInParticipantsViews) {
  ASSERT_TRUE(Call("CreateTraining", network_, OpenTraining("t-sv", 10)).ok());
  ASSERT_TRUE(
      Call("RegisterForTraining", tutor_, Register("t-sv", "person-1")).ok());
  EXPECT_EQ(Call("CancelTraining", regional_,
                 "command { training_id: \"t-sv\" reason: \"x\" }")
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED)
      << "a network training is the network coordinators'";
  ASSERT_TRUE(Call("CancelTraining", network_,
                   "command { training_id: \"t-sv\" reason: \"Liian vähän "
                   "ilmoittautuneita\" }")
                  .ok());
  v1::ListRegistrationsResponse mine;
  ASSERT_TRUE(Read<v1::ListRegistrationsRequest>(
                  &v1::TrainingService::Stub::ListRegistrations, tutor_,
                  "network_id: \"ks\" person_id: \"person-1\"", &mine)
                  .ok());
  ASSERT_EQ(mine.registrations_size(), 1);
  EXPECT_TRUE(mine.registrations(0).training_cancelled());
  const std::string p2 = MakeToken("person-2", v1::ACCESS_ROLE_TUTOR, "ks");
  EXPECT_EQ(Call("RegisterForTraining", p2, Register("t-sv", "person-2"))
                .error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  v1::ListTrainingsResponse open;
  ASSERT_TRUE(
      Read<v1::ListTrainingsRequest>(&v1::TrainingService::Stub::ListTrainings,
                                     tutor_, "network_id: \"ks\"", &open)
          .ok());
  EXPECT_EQ(open.trainings_size(), 0) << "cancelled: not open for registration";
  ASSERT_TRUE(Read<v1::ListTrainingsRequest>(
                  &v1::TrainingService::Stub::ListTrainings, funder_,
                  "network_id: \"ks\" all: true", &open)
                  .ok());
  ASSERT_EQ(open.trainings_size(), 1);
  EXPECT_TRUE(open.trainings(0).cancelled());
}

TEST_F(TrainingTest, MeetingsTakeoversAndAPeerGroup) {
  const std::string today = SessionAt(-1).substr(sizeof("sessions ") - 1);
  ASSERT_TRUE(Call("CreateMeeting", regional_,
                   absl::StrCat("command { network_id: \"ks\" meeting_id: "
                                "\"m-1\" kind: MEETING_KIND_REGIONAL_TUTOR_"
                                "MEETING region_id: \"ks-jyvaskyla\" title { "
                                "fi: \"Tutoropettajatapaaminen\" } session ",
                                today, " venue { online: true } }"))
                  .ok());
  EXPECT_EQ(Call("CreateMeeting", south_,
                 absl::StrCat("command { network_id: \"ks\" meeting_id: "
                              "\"m-2\" kind: MEETING_KIND_REGIONAL_TUTOR_"
                              "MEETING region_id: \"ks-jyvaskyla\" title { "
                              "fi: \"T\" } session ",
                              today, " venue { online: true } }"))
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Call("RecordMeetingAttendance", regional_,
                   "command { meeting_id: \"m-1\" present_person_ids: "
                   "[\"person-1\", \"person-2\"] }")
                  .ok());
  ASSERT_TRUE(Call("RecordMinutes", regional_,
                   "command { meeting_id: \"m-1\" minutes_ref: "
                   "\"https://example.fi/muistio-1\" }")
                  .ok());
  const absl::CivilDay day = values::FinnishDay(absl::Now()) - 10;
  const std::string d =
      absl::StrFormat("year: %d month: %d day: %d",
                      static_cast<int>(day.year()), day.month(), day.day());
  const absl::CivilDay day2 = day + 1;
  const std::string d2 =
      absl::StrFormat("year: %d month: %d day: %d",
                      static_cast<int>(day2.year()), day2.month(), day2.day());
  ASSERT_TRUE(
      Call("RecordTakeover", regional_,
           absl::StrCat("command { network_id: \"ks\" takeover_id: "
                        "\"k-1\" school_id: \"school-muurame-1\" days { ",
                        d, " } days { ", d2,
                        " } teachers_trained: 24 students_teaching: 12 "
                        "module { fi: \"Ilmastonmuutos\" } }"))
          .ok());
  // The peer group: a facilitator without the training is refused.
  std::string members;
  for (int n = 1; n <= 5; ++n) {
    members += absl::StrFormat(
        " members { person_id: \"person-%d\" organisation: \"%s\" }", n,
        n % 2 ? "school-jyvaskyla-1" : "school-muurame-1");
  }
  const std::string group = absl::StrCat(
      "command { network_id: \"ks\" group_id: \"verme-1\" name { "
      "fi: \"Verme 2026\" } facilitator_id: \"person-300\"",
      members, " }");
  const grpc::Status untrained = Call("CreatePeerGroup", network_, group);
  EXPECT_EQ(untrained.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(untrained.error_message(), HasSubstr("facilitator training"));
  ASSERT_TRUE(Call("RecordFacilitatorTraining", network_,
                   absl::StrCat("command { network_id: \"ks\" person_id: "
                                "\"person-300\" completed { ",
                                d, " } provider: \"Verme-koulutus\" }"))
                  .ok());
  ASSERT_TRUE(Call("CreatePeerGroup", network_, group).ok());
  for (int n = 1; n <= 5; ++n) {
    const absl::CivilDay on = values::FinnishDay(absl::Now()) - 6 + n;
    const std::string text = absl::StrFormat(
        "command { group_id: \"verme-1\" number: %d session { date { year: %d "
        "month: %d day: %d } start_minute: 840 duration_minutes: 150 } "
        "present_person_ids: [\"person-1\", \"person-2\"] %s }",
        n, static_cast<int>(on.year()), on.month(), on.day(),
        n == 1 ? "goals: \"Vertaistuki\" ground_rules: \"Luottamus\"" : "");
    ASSERT_TRUE(Call("HoldPeerMeeting", trainer_, text).ok()) << n;
  }
  ASSERT_TRUE(
      Call("ClosePeerGroup", network_, "command { group_id: \"verme-1\" }")
          .ok());

  v1::YearFigures figures;
  ASSERT_TRUE(Read<v1::GetYearFiguresRequest>(
                  &v1::TrainingService::Stub::GetYearFigures, funder_,
                  absl::StrCat("network_id: \"ks\" year: ",
                               values::FinnishDay(absl::Now()).year()),
                  &figures)
                  .ok());
  // The dates above may straddle a new year; count what falls in this one.
  EXPECT_GE(figures.meetings() + figures.takeovers() + figures.peer_groups(),
            1);
  v1::ListMeetingsResponse meetings;
  EXPECT_EQ(
      Read<v1::ListMeetingsRequest>(&v1::TrainingService::Stub::ListMeetings,
                                    funder_, "network_id: \"ks\"", &meetings)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      Read<v1::ListMeetingsRequest>(&v1::TrainingService::Stub::ListMeetings,
                                    tutor_, "network_id: \"ks\"", &meetings)
          .ok());
  ASSERT_EQ(meetings.meetings_size(), 1);
  EXPECT_EQ(meetings.meetings(0).minutes_ref(), "https://example.fi/muistio-1");
  EXPECT_EQ(meetings.takeovers(0).placement().region_id(), "ks-jyvaskyla");
  v1::ListPeerGroupsResponse groups;
  ASSERT_TRUE(Read<v1::ListPeerGroupsRequest>(
                  &v1::TrainingService::Stub::ListPeerGroups, network_,
                  "network_id: \"ks\"", &groups)
                  .ok());
  ASSERT_EQ(groups.groups_size(), 1);
  EXPECT_EQ(groups.groups(0).meetings_size(), 5);
  EXPECT_TRUE(groups.groups(0).closed());
}

TEST_F(TrainingTest, ReachIsAShareOfPermanentTeachers) {
  token_ = admin_;
  v1::RecordStaffRequest staff;
  staff.mutable_header()->set_request_id("staff-1");
  staff.mutable_command()->set_network_id("ks");
  staff.mutable_command()->set_school_id("school-jyvaskyla-1");
  const absl::CivilDay from = values::FinnishDay(absl::Now()) - 20;
  const int school_year = values::SchoolYearOf(from);
  staff.mutable_command()->set_school_year(school_year);
  staff.mutable_command()->set_permanent_teachers(40);
  v1::CommandResult staffed;
  ASSERT_TRUE(stub_->RecordStaff(Context().get(), staff, &staffed).ok());

  ASSERT_TRUE(Call("CreateTraining", regional_, HeldTraining("t-reach")).ok());
  for (const char* person : {"person-1", "person-2"}) {
    ASSERT_TRUE(
        Call("RegisterForTraining", regional_, Register("t-reach", person))
            .ok());
  }
  ASSERT_TRUE(Call("RegisterForTraining", regional_,
                   Register("t-reach", "person-7", "school-muurame-1"))
                  .ok());
  ASSERT_TRUE(Call("RecordAttendance", trainer_,
                   "command { training_id: \"t-reach\" session: 1 "
                   "present_person_ids: [\"person-1\", \"person-2\", "
                   "\"person-7\"] }")
                  .ok());
  const std::string period = absl::StrFormat(
      "from { year: %d month: %d day: %d } to { year: 2199 month: 1 day: 1 } "
      "position_tokens: \"%s\"",
      static_cast<int>(from.year()), from.month(), from.day(),
      staffed.position_token());
  v1::Reach school;
  ASSERT_TRUE(
      Read<v1::GetReachRequest>(&v1::TrainingService::Stub::GetReach, funder_,
                                absl::StrCat("network_id: \"ks\" school_id: "
                                             "\"school-jyvaskyla-1\" ",
                                             period),
                                &school)
          .ok());
  EXPECT_EQ(school.trainings(), 1);
  EXPECT_EQ(school.teachers(), 2);
  EXPECT_EQ(school.permanent_teachers(), 40);
  EXPECT_DOUBLE_EQ(school.share_percent(), 5.0);
  v1::Reach region;
  ASSERT_TRUE(
      Read<v1::GetReachRequest>(
          &v1::TrainingService::Stub::GetReach, regional_,
          absl::StrCat("network_id: \"ks\" region_id: \"ks-jyvaskyla\" ",
                       period),
          &region)
          .ok());
  EXPECT_EQ(region.teachers(), 3);
  EXPECT_GT(region.schools_without_staff(), 0);
  ASSERT_EQ(region.levels_size(), 1);
  EXPECT_EQ(region.levels(0).level(), v1::COMPETENCE_LEVEL_BASIC);
  EXPECT_EQ(Read<v1::GetReachRequest>(
                &v1::TrainingService::Stub::GetReach, south_,
                absl::StrCat("network_id: \"ks\" region_id: \"ks-jyvaskyla\" ",
                             period),
                &region)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Read<v1::GetReachRequest>(
                &v1::TrainingService::Stub::GetReach, tutor_,
                absl::StrCat("network_id: \"ks\" ", period), &region)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

// Reach reads each school's attendance by the school year of the session
// attended: a training over 1 August counts each participant in the year
// of the sessions they were at, and attendance taken back uncounts them.
TEST_F(TrainingTest, ReachCountsEachSessionInItsSchoolYear) {
  const absl::CivilDay today = values::FinnishDay(absl::Now());
  const int year = values::SchoolYearOf(today);
  const int august = static_cast<int>(absl::CivilDay(year, 8, 1) - today);
  ASSERT_TRUE(
      Call("CreateTraining", regional_,
           Training("t-august", 20,
                    // At midnight: on 1 August itself, attendance is
                    // recorded once the session has started.
                    SessionAt(august - 1, 0) + " " + SessionAt(august, 0),
                    At(august - 10, 8), At(august - 4, 0), At(august - 5, 0),
                    "organiser { kind: ORGANISER_KIND_REGION "
                    "region_id: \"ks-jyvaskyla\" }"))
          .ok());
  for (const char* person : {"person-1", "person-2"}) {
    ASSERT_TRUE(
        Call("RegisterForTraining", regional_, Register("t-august", person))
            .ok());
  }
  ASSERT_TRUE(Call("RegisterForTraining", regional_,
                   Register("t-august", "person-7", "school-muurame-1"))
                  .ok());
  const char* attendance =
      "command { training_id: \"t-august\" session: %d "
      "present_person_ids: [%s] }";
  ASSERT_TRUE(Call("RecordAttendance", trainer_,
                   absl::StrFormat(attendance, 1, "\"person-1\", \"person-7\""))
                  .ok());
  ASSERT_TRUE(Call("RecordAttendance", trainer_,
                   absl::StrFormat(attendance, 2, "\"person-2\", \"person-7\""))
                  .ok());
  // person-7 was not at the first session after all.
  ASSERT_TRUE(Call("RecordAttendance", trainer_,
                   absl::StrFormat(attendance, 1, "\"person-1\""))
                  .ok());

  const auto reach = [&](absl::CivilDay from, absl::CivilDay to,
                         const std::string& scope) {
    v1::Reach r;
    const grpc::Status s = Read<v1::GetReachRequest>(
        &v1::TrainingService::Stub::GetReach, admin_,
        absl::StrFormat("network_id: \"ks\" %s from { year: %d month: %d "
                        "day: %d } to { year: %d month: %d day: %d }",
                        scope, static_cast<int>(from.year()), from.month(),
                        from.day(), static_cast<int>(to.year()), to.month(),
                        to.day()),
        &r);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return std::make_pair(r.trainings(), r.teachers());
  };
  const absl::CivilDay last_year(year - 1, 8, 1), july(year, 7, 31),
      august_first(year, 8, 1);
  EXPECT_EQ(reach(last_year, july, ""), std::make_pair(1, 1));  // person-1
  EXPECT_EQ(reach(last_year, july, "school_id: \"school-muurame-1\""),
            std::make_pair(1, 0));
  EXPECT_EQ(reach(august_first, today, ""), std::make_pair(1, 2));
  EXPECT_EQ(reach(august_first, today, "school_id: \"school-muurame-1\""),
            std::make_pair(1, 1));
  EXPECT_EQ(reach(last_year, today, ""), std::make_pair(1, 3));
  EXPECT_EQ(reach(absl::CivilDay(2000, 1, 1), absl::CivilDay(2199, 12, 31),
                  "school_id: \"school-jyvaskyla-1\""),
            std::make_pair(1, 2));
  EXPECT_EQ(reach(absl::CivilDay(year - 3, 8, 1),
                  absl::CivilDay(year - 1, 7, 31), ""),
            std::make_pair(0, 0));
}

}  // namespace
}  // namespace tutornet::server
