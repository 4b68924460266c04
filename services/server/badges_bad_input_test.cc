// Bad input to the badge service through the real server: each case gets
// its exact status and changes nothing (the badges log's head stays where
// it was). The caller may do what it asks; only the input is wrong.
#include "services/server/badges_fixture.h"

namespace tutornet::server {
namespace {

struct BadCase {
  const char* name;
  const char* rpc;      // Which BadgeService command.
  const char* as;       // "network", "tutor" or "reviewer".
  std::string request;  // Text-format request (the header is added).
  grpc::StatusCode code;
  const char* message;  // Part of the error message.
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

using grpc::StatusCode;

std::string Define(const std::string& badge_class) {
  return absl::StrCat("command { network_id: \"ks\" badge_class { ",
                      badge_class, " } }");
}
constexpr char kClass[] =
    "name { fi: \"Uusi\" } description { fi: \"d\" } criteria { fi: \"c\" } "
    "level: COMPETENCE_LEVEL_BASIC reviewer_ids: \"person-3\" ";

std::string Apply(const std::string& fields) {
  return absl::StrCat("command { network_id: \"ks\" person_id: \"person-1\" ",
                      fields, " }");
}
constexpr char kEvidence[] = "evidence { narrative: \"Tein.\" }";

std::vector<BadCase> Cases() {
  return {
      {"DefineNoClassId", "DefineBadgeClass", "network", Define(kClass),
       StatusCode::INVALID_ARGUMENT, "badge_class.class_id: must not be empty"},
      {"DefineUppercaseId", "DefineBadgeClass", "network",
       Define(absl::StrCat("class_id: \"Pilvi\" ", kClass)),
       StatusCode::INVALID_ARGUMENT, "badge_class.class_id"},
      {"DefineNoName", "DefineBadgeClass", "network",
       Define("class_id: \"x\" description { fi: \"d\" } criteria { fi: \"c\" "
              "} level: COMPETENCE_LEVEL_BASIC reviewer_ids: \"person-3\""),
       StatusCode::INVALID_ARGUMENT, "badge_class.name"},
      {"DefineNoCriteria", "DefineBadgeClass", "network",
       Define("class_id: \"x\" name { fi: \"N\" } description { fi: \"d\" } "
              "level: COMPETENCE_LEVEL_BASIC reviewer_ids: \"person-3\""),
       StatusCode::INVALID_ARGUMENT, "badge_class.criteria"},
      {"DefineLevelFour", "DefineBadgeClass", "network",
       Define("class_id: \"x\" name { fi: \"N\" } description { fi: \"d\" } "
              "criteria { fi: \"c\" } level: 4 reviewer_ids: \"person-3\""),
       StatusCode::INVALID_ARGUMENT, "badge_class.level"},
      {"DefineHttpImage", "DefineBadgeClass", "network",
       Define(absl::StrCat("class_id: \"x\" ", kClass,
                           "image_url: \"http://kuvat.example.fi/x.png\"")),
       StatusCode::INVALID_ARGUMENT, "badge_class.image_url"},
      {"DefineTenYearsAndMore", "DefineBadgeClass", "network",
       Define(absl::StrCat("class_id: \"x\" ", kClass, "valid_months: 121")),
       StatusCode::INVALID_ARGUMENT, "badge_class.valid_months"},
      {"DefineRepeatedReviewer", "DefineBadgeClass", "network",
       Define(absl::StrCat("class_id: \"x\" ", kClass,
                           "reviewer_ids: \"person-3\"")),
       StatusCode::INVALID_ARGUMENT, "badge_class.reviewer_ids[1]: repeats"},
      {"RedefineOtherwise", "DefineBadgeClass", "network",
       Define(absl::StrCat("class_id: \"cloud\" ", kClass)),
       StatusCode::ALREADY_EXISTS, "already defined"},
      {"DefineInUnknownNetwork", "DefineBadgeClass", "admin",
       absl::StrCat("command { network_id: \"nope\" badge_class { class_id: "
                    "\"x\" ",
                    kClass, " } }"),
       StatusCode::NOT_FOUND, "no network \"nope\""},
      {"RetireWithoutReason", "RetireBadgeClass", "network",
       "command { network_id: \"ks\" class_id: \"cloud\" }",
       StatusCode::INVALID_ARGUMENT, "reason"},
      {"RetireUnknown", "RetireBadgeClass", "network",
       "command { network_id: \"ks\" class_id: \"nope\" reason: \"x\" }",
       StatusCode::NOT_FOUND, "no badge class \"nope\""},
      {"ApplyNoEvidence", "ApplyForBadge", "tutor",
       Apply("application_id: \"a\" class_id: \"safety\" school_id: "
             "\"school-jyvaskyla-1\""),
       StatusCode::INVALID_ARGUMENT, "evidence: show at least one"},
      {"ApplyEvidenceNotALink", "ApplyForBadge", "tutor",
       Apply("application_id: \"a\" class_id: \"safety\" school_id: "
             "\"school-jyvaskyla-1\" evidence { url: \"ftp://x.fi/y\" }"),
       StatusCode::INVALID_ARGUMENT, "evidence[0].url"},
      {"ApplyControlCharacters", "ApplyForBadge", "tutor",
       Apply("application_id: \"a\" class_id: \"safety\" school_id: "
             "\"school-jyvaskyla-1\" evidence { narrative: \"a\\x1b[2Jb\" }"),
       StatusCode::INVALID_ARGUMENT, "evidence[0].narrative"},
      {"ApplyLevelId", "ApplyForBadge", "tutor",
       Apply(absl::StrCat("application_id: \"level-1\" class_id: \"safety\" "
                          "school_id: \"school-jyvaskyla-1\" ",
                          kEvidence)),
       StatusCode::INVALID_ARGUMENT, "application_id: must not start"},
      {"ApplyUnknownClass", "ApplyForBadge", "tutor",
       Apply(absl::StrCat("application_id: \"a\" class_id: \"nope\" "
                          "school_id: \"school-jyvaskyla-1\" ",
                          kEvidence)),
       StatusCode::NOT_FOUND, "no badge class \"nope\""},
      {"ApplyUnknownSchool", "ApplyForBadge", "tutor",
       Apply(absl::StrCat("application_id: \"a\" class_id: \"safety\" "
                          "school_id: \"school-nowhere\" ",
                          kEvidence)),
       StatusCode::NOT_FOUND, "no school \"school-nowhere\""},
      {"ApplyRetired", "ApplyForBadge", "tutor",
       Apply(absl::StrCat("application_id: \"a\" class_id: \"retired\" "
                          "school_id: \"school-jyvaskyla-1\" ",
                          kEvidence)),
       StatusCode::FAILED_PRECONDITION, "retired"},
      {"ApplyAgainWhileOpen", "ApplyForBadge", "tutor",
       Apply(absl::StrCat("application_id: \"b\" class_id: \"cloud\" "
                          "school_id: \"school-jyvaskyla-1\" ",
                          kEvidence)),
       StatusCode::FAILED_PRECONDITION, "already has application \"open\""},
      {"ApplyTakenId", "ApplyForBadge", "tutor",
       Apply(absl::StrCat("application_id: \"open\" class_id: \"safety\" "
                          "school_id: \"school-jyvaskyla-1\" ",
                          kEvidence)),
       StatusCode::ALREADY_EXISTS, "already taken"},
      {"ReviewNoOutcome", "ReviewApplication", "reviewer",
       Apply("application_id: \"open\""), StatusCode::INVALID_ARGUMENT,
       "outcome"},
      {"ReturnWithoutComment", "ReviewApplication", "reviewer",
       Apply("application_id: \"open\" outcome: REVIEW_OUTCOME_RETURN"),
       StatusCode::INVALID_ARGUMENT, "comment: say what to revise"},
      {"AcceptUnrecognised", "ReviewApplication", "reviewer",
       Apply("application_id: \"open\" outcome: REVIEW_OUTCOME_ACCEPT"),
       StatusCode::FAILED_PRECONDITION, "still needs recognition"},
      {"ReviewUnknown", "ReviewApplication", "reviewer",
       Apply("application_id: \"nope\" outcome: REVIEW_OUTCOME_ACCEPT"),
       StatusCode::NOT_FOUND, "no application \"nope\""},
      {"ReviseSubmitted", "ReviseApplication", "tutor",
       Apply(absl::StrCat("application_id: \"open\" ", kEvidence)),
       StatusCode::FAILED_PRECONDITION, "was not returned"},
      {"ImportTomorrow", "ImportAward", "network",
       Apply("award_id: \"i\" class_id: \"safety\" school_id: "
             "\"school-jyvaskyla-1\" issued_on { year: 2199 month: 1 day: 1 } "
             "source: \"OBF\""),
       StatusCode::INVALID_ARGUMENT, "issued_on: is in the future"},
      {"ImportFebruary30", "ImportAward", "network",
       Apply("award_id: \"i\" class_id: \"safety\" school_id: "
             "\"school-jyvaskyla-1\" issued_on { year: 2025 month: 2 day: 30 } "
             "source: \"OBF\""),
       StatusCode::INVALID_ARGUMENT, "issued_on"},
      {"ImportHeldClass", "ImportAward", "network",
       Apply("award_id: \"i2\" class_id: \"video\" school_id: "
             "\"school-jyvaskyla-1\" issued_on { year: 2025 month: 2 day: 3 } "
             "source: \"OBF\""),
       StatusCode::FAILED_PRECONDITION, "already holds \"video\""},
      {"RevokeUnknown", "RevokeAward", "network",
       Apply("award_id: \"nope\" reason: \"x\""), StatusCode::NOT_FOUND,
       "no award \"nope\""},
      {"RevokeNoReason", "RevokeAward", "network", Apply("award_id: \"held\""),
       StatusCode::INVALID_ARGUMENT, "reason"},
      {"EmptyCommand", "ApplyForBadge", "tutor", "",
       StatusCode::INVALID_ARGUMENT, "network_id: must not be empty"},
  };
}

class BadgesBadInputTest : public BadgesTest,
                           public ::testing::WithParamInterface<BadCase> {
 protected:
  void SetUp() override {
    BadgesTest::SetUp();
    DefineClass("retired", "COMPETENCE_LEVEL_BASIC");
    ASSERT_TRUE(Call("RetireBadgeClass", network_,
                     "command { network_id: \"ks\" class_id: \"retired\" "
                     "reason: \"Korvattu.\" }")
                    .ok());
    ASSERT_TRUE(Call("ApplyForBadge", tutor_,
                     Apply(absl::StrCat("application_id: \"open\" class_id: "
                                        "\"cloud\" school_id: "
                                        "\"school-jyvaskyla-1\" ",
                                        kEvidence)))
                    .ok());
    ASSERT_TRUE(Call("ImportAward", network_,
                     Apply("award_id: \"held\" class_id: \"video\" school_id: "
                           "\"school-jyvaskyla-1\" issued_on { year: 2025 "
                           "month: 2 day: 3 } source: \"OBF\""))
                    .ok());
  }
};

TEST_P(BadgesBadInputTest, ExactStatusAndNothingChanged) {
  const BadCase& c = GetParam();
  const uint64_t head = LogHead("badges");
  const std::string as = c.as;
  const std::string& token = as == "tutor"      ? tutor_
                             : as == "reviewer" ? reviewer_
                             : as == "admin"    ? admin_
                                                : network_;
  const grpc::Status s = Call(c.rpc, token, c.request);
  EXPECT_EQ(s.error_code(), c.code) << s.error_message();
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr(c.message));
  EXPECT_EQ(LogHead("badges"), head);
}

INSTANTIATE_TEST_SUITE_P(Badges, BadgesBadInputTest,
                         ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tutornet::server
