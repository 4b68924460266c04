// The training rules as tables: given a training's earlier events and the
// clock, a command yields these events or this status. Pure: no gRPC, no
// RocksDB; the registry's facts are given.
#include "services/training/decider.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/training/policy.h"
#include "tests/support/status_matchers.h"
#include "tests/support/text_proto.h"

namespace tutornet::training {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;
using Code = absl::StatusCode;

using ::tutornet::testing::ParseTextProto;

// A regional training of 2 places: registration 2026-09-01..2026-10-01,
// cut-off 2026-09-25, sessions 2026-10-05 and 2026-10-12 09:00-11:00,
// feedback for 14 days.
constexpr char kTraining[] = R"(
  network_id: "ks" training_id: "t-1" theme { fi: "Pilvipalvelut" }
  level: COMPETENCE_LEVEL_BASIC language: LANGUAGE_SV
  organiser { kind: ORGANISER_KIND_REGION region_id: "ks-1" }
  venue { online: true } trainer_ids: "trainer-1"
  sessions { date { year: 2026 month: 10 day: 5 } start_minute: 540
             duration_minutes: 120 }
  sessions { date { year: 2026 month: 10 day: 12 } start_minute: 540
             duration_minutes: 120 }
  capacity: 2
  registration_opens { date { year: 2026 month: 9 day: 1 } }
  registration_closes { date { year: 2026 month: 10 day: 1 } }
  cancellation_cutoff { date { year: 2026 month: 9 day: 25 } }
  feedback_days: 14)";

Facts At(int month, int day, int hour = 12) {
  Facts f;
  f.now = absl::CivilMinute(2026, month, day, hour, 0);
  f.network_known = true;
  f.organiser.known = true;
  f.organiser.placement.set_region_id("ks-1");
  f.region = f.organiser;
  f.school.known = true;
  f.school.placement.set_network_id("ks");
  f.school.placement.set_region_id("ks-1");
  f.venue = f.school;
  return f;
}

TrainingState Apply(TrainingState s,
                    const std::vector<v1::TrainingEvent>& events) {
  for (const v1::TrainingEvent& e : events) s = Evolve(std::move(s), e);
  return s;
}

// Runs `command` and folds its events in; the command must succeed.
TrainingState Do(TrainingState s, const std::string& command,
                 const Facts& facts) {
  absl::StatusOr<std::vector<v1::TrainingEvent>> events =
      DecideTraining(s, ParseTextProto<v1::TrainingCommand>(command), facts);
  EXPECT_TRUE(events.ok()) << command << ": " << events.status();
  return events.ok() ? Apply(std::move(s), *events) : s;
}

TrainingState Created() {
  return Do({}, absl::StrCat("create {", kTraining, "}"), At(8, 1));
}

std::string Register(const std::string& person) {
  return absl::StrCat("register { training_id: \"t-1\" person_id: \"", person,
                      "\" school_id: \"s-1\" }");
}

TEST(TrainingDecider, PlacesThenAWaitingListInOrder) {
  TrainingState s = Created();
  for (const char* p : {"a", "b", "c", "d"}) s = Do(s, Register(p), At(9, 2));
  EXPECT_EQ(s.places.size(), 2u);
  ASSERT_EQ(s.waiting.size(), 2u);
  EXPECT_EQ(s.waiting[0].first, "c");
  EXPECT_EQ(s.waiting[1].first, "d");
  EXPECT_THAT(
      DecideTraining(s, ParseTextProto<v1::TrainingCommand>(Register("c")),
                     At(9, 2)),
      StatusIs(Code::kAlreadyExists, HasSubstr("c is already")));
  auto events = DecideTraining(
      s, ParseTextProto<v1::TrainingCommand>(Register("e")), At(9, 2));
  ASSERT_TRUE(events.ok());
  EXPECT_EQ((*events)[0].wait_listed().queue_number(), 3);
}

TEST(TrainingDecider, ACancellationPromotesTheFirstInLineLateOrNot) {
  TrainingState s = Created();
  for (const char* p : {"a", "b", "c", "d"}) s = Do(s, Register(p), At(9, 2));
  const auto cancel = [](const char* p) {
    return ParseTextProto<v1::TrainingCommand>(absl::StrCat(
        "cancel_registration { training_id: \"t-1\" person_id: \"", p, "\" }"));
  };
  auto before = DecideTraining(s, cancel("a"), At(9, 24));
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 2u);
  EXPECT_FALSE((*before)[0].registration_cancelled().late());
  EXPECT_EQ((*before)[1].promoted().person_id(), "c");
  auto after = DecideTraining(s, cancel("a"), At(9, 25, 0));
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE((*after)[0].registration_cancelled().late());
  // Leaving the waiting list promotes no one.
  auto waiting = DecideTraining(s, cancel("d"), At(9, 24));
  ASSERT_TRUE(waiting.ok());
  EXPECT_EQ(waiting->size(), 1u);
  EXPECT_FALSE((*waiting)[0].registration_cancelled().had_place());
  EXPECT_THAT(DecideTraining(s, cancel("a"), At(10, 5, 10)),
              StatusIs(Code::kFailedPrecondition, HasSubstr("started")));
  EXPECT_THAT(DecideTraining(s, cancel("x"), At(9, 24)),
              StatusIs(Code::kNotFound));
}

TEST(TrainingDecider, FeedbackWindowAndTheThreePointFiveRule) {
  TrainingState s = Created();
  for (const char* p : {"a", "b"}) s = Do(s, Register(p), At(9, 2));
  s = Do(s,
         "record_attendance { training_id: \"t-1\" session: 1 "
         "present_person_ids: [\"a\", \"b\"] }",
         At(10, 5, 10));
  const auto feedback = [](const char* p, int score) {
    return ParseTextProto<v1::TrainingCommand>(
        absl::StrCat("give_feedback { training_id: \"t-1\" person_id: \"", p,
                     "\" score: ", score, " }"));
  };
  EXPECT_THAT(DecideTraining(s, feedback("a", 3), At(10, 12, 10)),
              StatusIs(Code::kFailedPrecondition, HasSubstr("feedback opens")));
  EXPECT_THAT(DecideTraining(s, feedback("a", 3), At(10, 26, 11)),
              StatusIs(Code::kFailedPrecondition, HasSubstr("is closed")));
  EXPECT_THAT(DecideTraining(s, feedback("z", 3), At(10, 13)),
              StatusIs(Code::kFailedPrecondition, HasSubstr("attended no")));
  s = Do(s, "give_feedback { training_id: \"t-1\" person_id: \"a\" score: 3 }",
         At(10, 13));
  const auto close = ParseTextProto<v1::TrainingCommand>(
      "close_feedback { training_id: \"t-1\" }");
  EXPECT_THAT(DecideTraining(s, close, At(10, 13)),
              StatusIs(Code::kFailedPrecondition,
                       HasSubstr("1 attendees have not answered")));
  // The window has passed: closing keeps 3 / 1 and opens a follow-up.
  auto closed = DecideTraining(s, close, At(10, 27));
  ASSERT_TRUE(closed.ok());
  ASSERT_EQ(closed->size(), 2u);
  EXPECT_TRUE((*closed)[1].has_follow_up_opened());
  // Attendance corrected after "a" answered: "b" alone was there; still
  // one attendee to wait for, not a count that wraps around.
  TrainingState corrected = Do(s,
                               "record_attendance { training_id: \"t-1\" "
                               "session: 1 present_person_ids: \"b\" }",
                               At(10, 13));
  EXPECT_THAT(DecideTraining(corrected, close, At(10, 13)),
              StatusIs(Code::kFailedPrecondition,
                       HasSubstr(" 1 attendees have not answered")));
  // Exactly 3.5 opens none: the rule is "below".
  s = Do(s, "give_feedback { training_id: \"t-1\" person_id: \"b\" score: 4 }",
         At(10, 14));
  closed = DecideTraining(s, close, At(10, 14));
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->size(), 1u);
}

TEST(TrainingDecider, BelowTheLine) {
  EXPECT_FALSE(BelowFollowUpLine(0, 0));
  EXPECT_TRUE(BelowFollowUpLine(2, 6));   // 3.0
  EXPECT_FALSE(BelowFollowUpLine(2, 7));  // 3.5
  EXPECT_TRUE(BelowFollowUpLine(3, 10));  // 3.33
  EXPECT_FALSE(BelowFollowUpLine(1, 5));  // 5.0
  EXPECT_TRUE(BelowFollowUpLine(4, 10));  // 2.5
}

TEST(TrainingDecider, AttendanceOnlyOnceASessionStartedAndOfParticipants) {
  TrainingState s = Created();
  s = Do(s, Register("a"), At(9, 2));
  const auto attend = [](int session, const char* who) {
    return ParseTextProto<v1::TrainingCommand>(absl::StrCat(
        "record_attendance { training_id: \"t-1\" session: ", session,
        " present_person_ids: \"", who, "\" }"));
  };
  EXPECT_THAT(DecideTraining(s, attend(1, "a"), At(10, 5, 8)),
              StatusIs(Code::kFailedPrecondition, HasSubstr("starts at")));
  EXPECT_THAT(DecideTraining(s, attend(3, "a"), At(10, 13)),
              StatusIs(Code::kInvalidArgument, HasSubstr("session")));
  EXPECT_THAT(DecideTraining(s, attend(1, "b"), At(10, 13)),
              StatusIs(Code::kFailedPrecondition, HasSubstr("has no place")));
  EXPECT_TRUE(DecideTraining(s, attend(1, "a"), At(10, 5, 9)).ok());
}

TEST(TrainingDecider, ACancelledTrainingTakesNothing) {
  TrainingState s = Created();
  s = Do(s, "cancel { training_id: \"t-1\" reason: \"Liian vähän\" }",
         At(9, 2));
  EXPECT_THAT(
      DecideTraining(s, ParseTextProto<v1::TrainingCommand>(Register("a")),
                     At(9, 2)),
      StatusIs(Code::kFailedPrecondition, HasSubstr("is cancelled")));
}

TEST(TrainingPolicy, OwnRegistrationOnlyWhileOpen) {
  TrainingState s = Created();
  access::Principal tutor{"a", access::AccessRole::kTutor, "ks", {}, {}};
  access::Principal coordinator{
      "c", access::AccessRole::kRegionalCoordinator, "ks", {"ks-1"}, {}};
  access::Principal other{
      "o", access::AccessRole::kRegionalCoordinator, "ks", {"ks-2"}, {}};
  const auto cmd = ParseTextProto<v1::TrainingCommand>(Register("a"));
  EXPECT_TRUE(AuthorizeTrainingCommand(tutor, cmd, s, At(9, 2)).ok());
  EXPECT_THAT(AuthorizeTrainingCommand(tutor, cmd, s, At(10, 1, 0)),
              StatusIs(Code::kFailedPrecondition));
  EXPECT_TRUE(AuthorizeTrainingCommand(coordinator, cmd, s, At(10, 6)).ok());
  Facts elsewhere = At(9, 2);
  elsewhere.school.placement.set_region_id("ks-3");
  EXPECT_THAT(AuthorizeTrainingCommand(other, cmd, s, elsewhere),
              StatusIs(Code::kPermissionDenied));
}

v1::GatheringCommand Group(int members, bool trained_facilitator_member) {
  std::string text =
      "create_peer_group { network_id: \"ks\" group_id: \"g\" name { fi: "
      "\"V\" } facilitator_id: \"f\"";
  for (int i = 0; i < members; ++i) {
    absl::StrAppend(&text, " members { person_id: \"",
                    i == 0 && trained_facilitator_member ? "f" : "p", i,
                    "\" organisation: \"org-", i % 2, "\" }");
  }
  return ParseTextProto<v1::GatheringCommand>(text + " }");
}

TEST(GatheringDecider, PeerGroupsHaveFiveToTenMembersAndATrainedFacilitator) {
  Facts facts = At(9, 2);
  facts.facilitator_trained = true;
  EXPECT_THAT(DecideGathering({}, Group(4, false), facts),
              StatusIs(Code::kInvalidArgument, HasSubstr("5-10 members")));
  EXPECT_THAT(DecideGathering({}, Group(11, false), facts),
              StatusIs(Code::kInvalidArgument, HasSubstr("not 11")));
  EXPECT_TRUE(DecideGathering({}, Group(5, false), facts).ok());
  EXPECT_TRUE(DecideGathering({}, Group(10, false), facts).ok());
  facts.facilitator_trained = false;
  EXPECT_THAT(DecideGathering({}, Group(5, false), facts),
              StatusIs(Code::kFailedPrecondition,
                       HasSubstr("no peer-group facilitator training")));
}

TEST(GatheringDecider, PeerMeetingsInOrderThenClose) {
  Facts facts = At(12, 20);
  facts.facilitator_trained = true;
  GatheringState g;
  auto created = DecideGathering({}, Group(5, false), facts);
  ASSERT_TRUE(created.ok()) << created.status();
  for (const auto& e : *created) g = Evolve(std::move(g), e);
  const auto meet = [](int n, int month, const char* extra = "") {
    return ParseTextProto<v1::GatheringCommand>(absl::StrCat(
        "hold_peer_meeting { group_id: \"g\" number: ", n,
        " session { date { year: 2026 month: ", month,
        " day: 1 } start_minute: 840 duration_minutes: 150 } ", extra, " }"));
  };
  EXPECT_THAT(DecideGathering(g, meet(1, 6), facts),
              StatusIs(Code::kInvalidArgument, HasSubstr("goals")));
  EXPECT_THAT(DecideGathering(g, meet(2, 6), facts),
              StatusIs(Code::kFailedPrecondition, HasSubstr("is 1, not 2")));
  const auto close = ParseTextProto<v1::GatheringCommand>(
      "close_peer_group { group_id: \"g\" }");
  for (int n = 1; n <= 6; ++n) {
    if (n == 5) {
      EXPECT_THAT(DecideGathering(g, close, facts),
                  StatusIs(Code::kFailedPrecondition, HasSubstr("held 4")));
    }
    auto held = DecideGathering(
        g, meet(n, 5 + n, "goals: \"G\" ground_rules: \"R\""), facts);
    ASSERT_TRUE(held.ok()) << held.status();
    for (const auto& e : *held) g = Evolve(std::move(g), e);
  }
  EXPECT_THAT(DecideGathering(g, meet(7, 12), facts),
              StatusIs(Code::kFailedPrecondition, HasSubstr("6 meetings")));
  EXPECT_TRUE(DecideGathering(g, close, facts).ok());
}

}  // namespace
}  // namespace tutornet::training
