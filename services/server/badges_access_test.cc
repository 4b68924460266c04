// Who may do what with badges, through the real server: each role's
// commands and reads are allowed or PERMISSION_DENIED as the policy table
// says (services/badges/policy.h), and a denial changes nothing.
#include "services/server/badges_fixture.h"

namespace tutornet::server {
namespace {

using grpc::StatusCode;

class BadgesAccessTest : public BadgesTest {
 protected:
  void SetUp() override {
    BadgesTest::SetUp();
    other_network_ =
        MakeToken("person-900", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "other");
    ASSERT_TRUE(Call("ApplyForBadge", tutor_,
                     "command { network_id: \"ks\" person_id: \"person-1\" "
                     "application_id: \"mine\" class_id: \"safety\" school_id: "
                     "\"school-jyvaskyla-1\" evidence { narrative: \"x\" } }")
                    .ok());
  }

  // `rpc` as `as` gets `code` and, when denied, leaves the log as it was.
  void Expect(const std::string& rpc, const std::string& as,
              const std::string& text, StatusCode code) {
    const uint64_t head = LogHead("badges");
    const grpc::Status s = Call(rpc, as, text);
    EXPECT_EQ(s.error_code(), code) << rpc << ": " << s.error_message();
    if (code != StatusCode::OK) {
      EXPECT_EQ(LogHead("badges"), head);
    }
  }

  std::string other_network_;
};

TEST_F(BadgesAccessTest, CommandsFollowThePolicyTable) {
  const std::string define =
      "command { network_id: \"ks\" badge_class { class_id: \"new\" name { "
      "fi: \"N\" } description { fi: \"d\" } criteria { fi: \"c\" } level: "
      "COMPETENCE_LEVEL_BASIC reviewer_ids: \"person-3\" } }";
  Expect("DefineBadgeClass", tutor_, define, StatusCode::PERMISSION_DENIED);
  Expect("DefineBadgeClass", regional_, define, StatusCode::PERMISSION_DENIED);
  Expect("DefineBadgeClass", funder_, define, StatusCode::PERMISSION_DENIED);
  Expect("DefineBadgeClass", other_network_, define,
         StatusCode::PERMISSION_DENIED);

  // Applying for someone else, even as their coordinator.
  const std::string for_person_2 =
      "command { network_id: \"ks\" person_id: \"person-2\" application_id: "
      "\"x\" class_id: \"safety\" school_id: \"school-jyvaskyla-1\" evidence "
      "{ narrative: \"x\" } }";
  Expect("ApplyForBadge", tutor_, for_person_2, StatusCode::PERMISSION_DENIED);
  Expect("ApplyForBadge", network_, for_person_2,
         StatusCode::PERMISSION_DENIED);
  Expect("ApplyForBadge", funder_,
         "command { network_id: \"ks\" person_id: \"funder-oph\" "
         "application_id: \"x\" class_id: \"safety\" school_id: "
         "\"school-jyvaskyla-1\" evidence { narrative: \"x\" } }",
         StatusCode::PERMISSION_DENIED);

  const std::string accept_mine =
      "command { network_id: \"ks\" person_id: \"person-1\" application_id: "
      "\"mine\" outcome: REVIEW_OUTCOME_ACCEPT }";
  // Not a named reviewer; a coordinator is not one by being coordinator.
  Expect("ReviewApplication", colleague_, accept_mine,
         StatusCode::PERMISSION_DENIED);
  Expect("ReviewApplication", network_, accept_mine,
         StatusCode::PERMISSION_DENIED);
  Expect("ReviewApplication", other_network_, accept_mine,
         StatusCode::PERMISSION_DENIED);
  // Nobody reviews their own: person-3 applies and tries.
  ASSERT_TRUE(Call("ApplyForBadge", reviewer_,
                   "command { network_id: \"ks\" person_id: \"person-3\" "
                   "application_id: \"own\" class_id: \"safety\" school_id: "
                   "\"school-jyvaskyla-1\" evidence { narrative: \"x\" } }")
                  .ok());
  Expect("ReviewApplication", reviewer_,
         "command { network_id: \"ks\" person_id: \"person-3\" "
         "application_id: \"own\" outcome: REVIEW_OUTCOME_ACCEPT }",
         StatusCode::PERMISSION_DENIED);

  // Recognitions: never one's own; the supervisor only by a principal of
  // the school.
  ASSERT_TRUE(Call("ApplyForBadge", tutor_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "application_id: \"c\" class_id: \"cloud\" school_id: "
                   "\"school-jyvaskyla-1\" evidence { narrative: \"x\" } }")
                  .ok());
  const std::string supervisor =
      "command { network_id: \"ks\" person_id: \"person-1\" application_id: "
      "\"c\" kind: RECOGNITION_KIND_SUPERVISOR }";
  Expect("RecogniseApplication", colleague_, supervisor,
         StatusCode::PERMISSION_DENIED);
  Expect("RecogniseApplication", network_, supervisor,
         StatusCode::PERMISSION_DENIED);
  Expect("RecogniseApplication", tutor_,
         "command { network_id: \"ks\" person_id: \"person-1\" "
         "application_id: \"c\" kind: RECOGNITION_KIND_COLLEAGUE }",
         StatusCode::PERMISSION_DENIED);
  Expect("RecogniseApplication", head_, supervisor, StatusCode::OK);

  // Revising another's; importing and revoking as a tutor or regional.
  Expect("ReviseApplication", colleague_,
         "command { network_id: \"ks\" person_id: \"person-1\" "
         "application_id: \"mine\" evidence { narrative: \"y\" } }",
         StatusCode::PERMISSION_DENIED);
  const std::string import =
      "command { network_id: \"ks\" person_id: \"person-2\" award_id: \"i\" "
      "class_id: \"safety\" school_id: \"school-jyvaskyla-1\" issued_on { "
      "year: 2025 month: 1 day: 2 } source: \"OBF\" }";
  Expect("ImportAward", tutor_, import, StatusCode::PERMISSION_DENIED);
  Expect("ImportAward", regional_, import, StatusCode::PERMISSION_DENIED);
  Expect("ImportAward", network_, import, StatusCode::OK);
  Expect("RevokeAward", tutor_,
         "command { network_id: \"ks\" person_id: \"person-2\" award_id: "
         "\"i\" reason: \"x\" }",
         StatusCode::PERMISSION_DENIED);
}

TEST_F(BadgesAccessTest, ReadsShowOnlyWhatTheCallerMaySee) {
  ASSERT_TRUE(Call("ImportAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "award_id: \"i\" class_id: \"video\" school_id: "
                   "\"school-jyvaskyla-1\" issued_on { year: 2025 month: 1 "
                   "day: 2 } source: \"OBF\" }")
                  .ok());
  // "video" is level 2's only class: its level badge came with it.
  v1::PersonBadges badges;
  EXPECT_TRUE(PersonBadges(tutor_, "person-1", &badges).ok());
  EXPECT_EQ(badges.awards_size(), 2);
  EXPECT_TRUE(PersonBadges(network_, "person-1", &badges).ok());
  // person-1's school is in Jyväskylä's region: its coordinator sees it,
  // the south's sees nothing of it.
  EXPECT_TRUE(PersonBadges(regional_, "person-1", &badges).ok());
  EXPECT_EQ(badges.awards_size(), 2);
  EXPECT_TRUE(PersonBadges(south_, "person-1", &badges).ok());
  EXPECT_EQ(badges.awards_size(), 0);
  EXPECT_EQ(badges.applications_size(), 0);
  for (const std::string& as : {colleague_, funder_, other_network_}) {
    EXPECT_EQ(PersonBadges(as, "person-1", &badges).error_code(),
              StatusCode::PERMISSION_DENIED);
  }
  v1::Credential credential;
  EXPECT_EQ(Credential(colleague_, "person-1", "i", &credential).error_code(),
            StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Credential(south_, "person-1", "i", &credential).error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(
      Credential(other_network_, "person-1", "i", &credential).error_code(),
      StatusCode::PERMISSION_DENIED);

  // The review queue: only the named reviewer's classes, never one's own.
  v1::ReviewQueue queue;
  ASSERT_TRUE(
      Read<v1::ListReviewQueueRequest>(&v1::BadgeService::Stub::ListReviewQueue,
                                       colleague_, "network_id: \"ks\"", &queue)
          .ok());
  EXPECT_EQ(queue.applications_size(), 0);
  ASSERT_TRUE(
      Read<v1::ListReviewQueueRequest>(&v1::BadgeService::Stub::ListReviewQueue,
                                       reviewer_, "network_id: \"ks\"", &queue)
          .ok());
  EXPECT_EQ(queue.applications_size(), 1);

  // Holders: coordinators only; classes: everyone of the network, the
  // reviewers only for coordinators.
  v1::Holders holders;
  EXPECT_EQ(Read<v1::ListHoldersRequest>(
                &v1::BadgeService::Stub::ListHolders, funder_,
                "network_id: \"ks\" class_id: \"video\"", &holders)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  v1::ListBadgeClassesResponse classes;
  ASSERT_TRUE(Read<v1::ListBadgeClassesRequest>(
                  &v1::BadgeService::Stub::ListBadgeClasses, tutor_,
                  "network_id: \"ks\"", &classes)
                  .ok());
  ASSERT_EQ(classes.classes_size(), 3);
  EXPECT_EQ(classes.classes(0).badge_class().reviewer_ids_size(), 0);
  EXPECT_EQ(Read<v1::ListBadgeClassesRequest>(
                &v1::BadgeService::Stub::ListBadgeClasses, other_network_,
                "network_id: \"ks\"", &classes)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace tutornet::server
