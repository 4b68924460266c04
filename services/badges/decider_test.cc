// The badge rules as tables: given a person's earlier events, the
// network's catalogue and the facts, a command yields these events or
// this status; and the policy's answer for each role. Pure: no gRPC, no
// RocksDB.
#include "services/badges/decider.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/badges/context.h"
#include "services/badges/policy.h"
#include "tests/support/status_matchers.h"
#include "tests/support/text_proto.h"

namespace tutornet::badges {
namespace {

using ::testing::HasSubstr;
using testing::IsOkAndHolds;
using testing::StatusIs;
using Code = absl::StatusCode;
using ::tutornet::testing::ParseTextProto;

// Level 1 has two classes: "cloud" (colleague and supervisor recognition)
// and "safety" (none); level 2 has "video"; "old" of level 1 is retired.
CatalogState Catalog() {
  CatalogState c;
  for (const char* define : {
           R"(defined { network_id: "n" badge_class {
                class_id: "cloud" name { fi: "Pilvi" } description { fi: "d" }
                criteria { fi: "c" } level: COMPETENCE_LEVEL_BASIC
                colleague_recognition: true supervisor_recognition: true
                reviewer_ids: "rev" valid_months: 24 } })",
           R"(defined { network_id: "n" badge_class {
                class_id: "safety" name { fi: "Turva" } description { fi: "d" }
                criteria { fi: "c" } level: COMPETENCE_LEVEL_BASIC
                reviewer_ids: "rev" } })",
           R"(defined { network_id: "n" badge_class {
                class_id: "video" name { fi: "Video" } description { fi: "d" }
                criteria { fi: "c" } level: COMPETENCE_LEVEL_ADVANCED
                reviewer_ids: "rev" } })",
           R"(defined { network_id: "n" badge_class {
                class_id: "old" name { fi: "Vanha" } description { fi: "d" }
                criteria { fi: "c" } level: COMPETENCE_LEVEL_BASIC
                reviewer_ids: "rev" } })",
           R"(retired { class_id: "old" reason: "replaced" })"}) {
    c = Evolve(std::move(c), ParseTextProto<v1::BadgeCatalogEvent>(define));
  }
  return c;
}

Facts TheFacts(const std::string& actor = "rev") {
  Facts f;
  f.now = absl::FromUnixSeconds(1793613600);  // 2026-11-02T10:00:00Z
  f.actor = actor;
  f.network_known = true;
  f.catalog = std::make_shared<const CatalogState>(Catalog());
  f.school.known = true;
  f.school.open = true;
  f.school.placement.set_network_id("n");
  f.school.placement.set_region_id("r1");
  return f;
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> Decide(
    const HolderState& s, const std::string& command, const Facts& facts) {
  return DecideHolder(s, ParseTextProto<v1::BadgeHolderCommand>(command),
                      facts);
}

// Runs `command` and folds its events in; the command must succeed.
HolderState Do(HolderState s, const std::string& command,
               const Facts& facts = TheFacts()) {
  absl::StatusOr<std::vector<v1::BadgeHolderEvent>> events =
      Decide(s, command, facts);
  EXPECT_TRUE(events.ok()) << command << ": " << events.status();
  if (!events.ok()) return s;
  for (const v1::BadgeHolderEvent& e : *events) s = Evolve(std::move(s), e);
  return s;
}

std::string Apply(const std::string& id, const std::string& cls) {
  return absl::StrCat(
      R"(apply { network_id: "n" person_id: "p" application_id: ")", id,
      R"(" class_id: ")", cls,
      R"(" school_id: "s" evidence { narrative: "did it" } })");
}
std::string Review(const std::string& id, const std::string& outcome,
                   const std::string& comment = "") {
  return absl::StrCat(
      R"(review { network_id: "n" person_id: "p" application_id: ")", id,
      R"(" outcome: )", outcome, R"( comment: ")", comment, R"(" })");
}
std::string Recognise(const std::string& id, const std::string& kind) {
  return absl::StrCat(
      R"(recognise { network_id: "n" person_id: "p" application_id: ")", id,
      R"(" kind: )", kind, " }");
}
std::string Import(const std::string& id, const std::string& cls) {
  return absl::StrCat(
      R"(import_award { network_id: "n" person_id: "p" award_id: ")", id,
      R"(" class_id: ")", cls,
      R"(" school_id: "s" issued_on { year: 2025 month: 5 day: 2 }
                          source: "Open Badge Factory" })");
}

TEST(BadgeDeciderTest, ApplyReturnReviseAcceptAwardsTheBadge) {
  HolderState s = Do({}, Apply("a1", "cloud"));
  ASSERT_EQ(s.applications.at("a1").status, v1::APPLICATION_STATUS_SUBMITTED);
  EXPECT_EQ(s.applications.at("a1").filed.placement().region_id(), "r1");
  EXPECT_EQ(s.applications.at("a1").filed.level(), v1::COMPETENCE_LEVEL_BASIC);
  s = Do(s, Review("a1", "REVIEW_OUTCOME_RETURN", "add a link"));
  EXPECT_EQ(s.applications.at("a1").status, v1::APPLICATION_STATUS_RETURNED);
  s = Do(s, R"(revise { network_id: "n" person_id: "p" application_id: "a1"
                        evidence { url: "https://example.fi/x" } note: "added" })");
  EXPECT_EQ(s.applications.at("a1").status, v1::APPLICATION_STATUS_SUBMITTED);
  s = Do(s, Recognise("a1", "RECOGNITION_KIND_COLLEAGUE"));
  s = Do(s, Recognise("a1", "RECOGNITION_KIND_SUPERVISOR"));
  absl::StatusOr<std::vector<v1::BadgeHolderEvent>> accepted =
      Decide(s, Review("a1", "REVIEW_OUTCOME_ACCEPT"), TheFacts());
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  ASSERT_EQ(accepted->size(), 1u);  // "safety" is not held: no level badge.
  const v1::BadgeAwarded& award = (*accepted)[0].awarded();
  EXPECT_EQ(award.award_id(), "a1");
  EXPECT_EQ(award.reviewer_id(), "rev");
  EXPECT_EQ(award.issued_unix_seconds(), 1793613600);
  // 24 months later.
  EXPECT_EQ(award.valid_until_unix_seconds(), 1856772000);  // 2028-11-02
  EXPECT_EQ(award.evidence(0).url(), "https://example.fi/x");
}

TEST(BadgeDeciderTest,
     TheLastClassOfALevelAwardsTheLevelBadgeAndItsRevocationTakesIt) {
  HolderState s = Do({}, Import("i1", "safety"));
  EXPECT_EQ(s.HeldLevel(v1::COMPETENCE_LEVEL_BASIC, TheFacts().now), nullptr);
  s = Do(s, Apply("a1", "cloud"));
  s = Do(s, Recognise("a1", "RECOGNITION_KIND_COLLEAGUE"));
  s = Do(s, Recognise("a1", "RECOGNITION_KIND_SUPERVISOR"));
  absl::StatusOr<std::vector<v1::BadgeHolderEvent>> accepted =
      Decide(s, Review("a1", "REVIEW_OUTCOME_ACCEPT"), TheFacts());
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  ASSERT_EQ(accepted->size(), 2u);
  const v1::BadgeAwarded& level = (*accepted)[1].awarded();
  EXPECT_TRUE(level.level_badge());
  EXPECT_EQ(level.award_id(), "level-1");
  EXPECT_EQ(level.completed_by(), "a1");
  for (const auto& e : *accepted) s = Evolve(std::move(s), e);
  ASSERT_NE(s.HeldLevel(v1::COMPETENCE_LEVEL_BASIC, TheFacts().now), nullptr);

  // Revoking "safety" takes the level badge with it.
  absl::StatusOr<std::vector<v1::BadgeHolderEvent>> revoked = Decide(
      s,
      R"(revoke { network_id: "n" person_id: "p" award_id: "i1" reason: "copied" })",
      TheFacts("coord"));
  ASSERT_TRUE(revoked.ok()) << revoked.status();
  ASSERT_EQ(revoked->size(), 2u);
  EXPECT_EQ((*revoked)[1].revoked().award_id(), "level-1");
  EXPECT_EQ((*revoked)[1].revoked().revoked_with(), "i1");
  for (const auto& e : *revoked) s = Evolve(std::move(s), e);
  EXPECT_EQ(s.HeldLevel(v1::COMPETENCE_LEVEL_BASIC, TheFacts().now), nullptr);

  // Earned again: a second level badge with its own id.
  s = Do(s, Apply("a2", "safety"));
  accepted = Decide(s, Review("a2", "REVIEW_OUTCOME_ACCEPT"), TheFacts());
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  ASSERT_EQ(accepted->size(), 2u);
  EXPECT_EQ((*accepted)[1].awarded().award_id(), "level-1-2");
}

TEST(BadgeDeciderTest, TheLevelBadgeIsDatedByTheLastAwardAndValidWhileAllAre) {
  // "cloud" is valid 24 months: imported in 2025-05, it lasts to 2027-05.
  HolderState s = Do({}, Import("i1", "cloud"));
  absl::StatusOr<std::vector<v1::BadgeHolderEvent>> events =
      Decide(s, R"(import_award { network_id: "n" person_id: "p" award_id: "i2"
             class_id: "safety" school_id: "s"
             issued_on { year: 2024 month: 1 day: 10 } source: "x" })",
             TheFacts());
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  const v1::BadgeAwarded& level = (*events)[1].awarded();
  EXPECT_EQ(level.issued_unix_seconds(),
            s.awards.at("i1").awarded.issued_unix_seconds());
  EXPECT_EQ(level.valid_until_unix_seconds(),
            s.awards.at("i1").awarded.valid_until_unix_seconds());
}

TEST(BadgeDeciderTest, AnExpiredAwardIsNotHeld) {
  // Imported 2024-05-02, valid 24 months: expired by 2026-11-02.
  HolderState s = Do({}, R"(import_award { network_id: "n" person_id: "p"
      award_id: "old" class_id: "cloud" school_id: "s"
      issued_on { year: 2024 month: 5 day: 2 } source: "x" })");
  EXPECT_EQ(s.HeldClass("cloud", TheFacts().now), nullptr);
  // It completes no level, and the class can be earned again.
  absl::StatusOr<std::vector<v1::BadgeHolderEvent>> events =
      Decide(s, Import("i2", "safety"), TheFacts());
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 1u);
  s = Do(s, Apply("again", "cloud"));
  EXPECT_EQ(s.applications.count("again"), 1u);
}

TEST(BadgeDeciderTest, RevokingTheLevelBadgeAloneKeepsTheClassAwards) {
  HolderState s = Do({}, Import("i1", "safety"));
  s = Do(s, Import("i2", "cloud"));
  ASSERT_NE(s.HeldLevel(v1::COMPETENCE_LEVEL_BASIC, TheFacts().now), nullptr);
  absl::StatusOr<std::vector<v1::BadgeHolderEvent>> revoked = Decide(
      s,
      R"(revoke { network_id: "n" person_id: "p" award_id: "level-1" reason: "error" })",
      TheFacts("coord"));
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->size(), 1u);
}

struct Refusal {
  const char* name;
  std::vector<std::string> before;  // Commands run first.
  std::string command;
  Code code;
  const char* message;
};

class BadgeRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(BadgeRefusalTest, RefusedWithExactStatus) {
  const Refusal& r = GetParam();
  HolderState s;
  for (const std::string& c : r.before) s = Do(std::move(s), c);
  Facts facts = TheFacts();
  if (std::string(r.name) == "UnknownNetwork") facts.network_known = false;
  if (std::string(r.name) == "UnknownSchool") facts.school.known = false;
  if (std::string(r.name) == "ClosedSchool") facts.school.open = false;
  EXPECT_THAT(Decide(s, r.command, facts),
              StatusIs(r.code, HasSubstr(r.message)));
}

INSTANTIATE_TEST_SUITE_P(
    Badges, BadgeRefusalTest,
    ::testing::Values(
        Refusal{
            "NoEvidence",
            {},
            R"(apply { network_id: "n" person_id: "p" application_id: "a" class_id: "cloud" school_id: "s" })",
            Code::kInvalidArgument,
            "evidence: show at least one"},
        Refusal{
            "EvidenceWithoutNarrativeOrUrl",
            {},
            R"(apply { network_id: "n" person_id: "p" application_id: "a" class_id: "cloud" school_id: "s" evidence { name: "x" } })",
            Code::kInvalidArgument,
            "evidence[0]: give a narrative"},
        Refusal{"EvidenceJavascriptUrl",
                {},
                R"pb(apply {
                       network_id: "n"
                       person_id: "p"
                       application_id: "a"
                       class_id: "cloud"
                       school_id: "s"
                       evidence { url: "javascript:alert(1)" }
                     })pb",
                Code::kInvalidArgument,
                "evidence[0].url"},
        Refusal{"LevelPrefixedId",
                {},
                Apply("level-1", "cloud"),
                Code::kInvalidArgument,
                "application_id: must not start"},
        Refusal{"UnknownNetwork",
                {},
                Apply("a", "cloud"),
                Code::kNotFound,
                "no network"},
        Refusal{"UnknownClass",
                {},
                Apply("a", "nope"),
                Code::kNotFound,
                "no badge class \"nope\""},
        Refusal{"RetiredClass",
                {},
                Apply("a", "old"),
                Code::kFailedPrecondition,
                "retired"},
        Refusal{"UnknownSchool",
                {},
                Apply("a", "cloud"),
                Code::kNotFound,
                "no school"},
        Refusal{"ClosedSchool",
                {},
                Apply("a", "cloud"),
                Code::kFailedPrecondition,
                "closed"},
        Refusal{"ApplicationIdTaken",
                {Apply("a", "cloud")},
                Apply("a", "safety"),
                Code::kAlreadyExists,
                "already taken"},
        Refusal{"SecondOpenApplication",
                {Apply("a", "cloud")},
                Apply("b", "cloud"),
                Code::kFailedPrecondition,
                "already has application \"a\" open"},
        Refusal{"AlreadyHeld",
                {Import("i", "safety")},
                Apply("b", "safety"),
                Code::kFailedPrecondition,
                "already holds"},
        Refusal{"AcceptWithoutRecognitions",
                {Apply("a", "cloud")},
                Review("a", "REVIEW_OUTCOME_ACCEPT"),
                Code::kFailedPrecondition,
                "needs recognition by a colleague and the supervisor"},
        Refusal{"ReturnWithoutComment",
                {Apply("a", "cloud")},
                Review("a", "REVIEW_OUTCOME_RETURN"),
                Code::kInvalidArgument,
                "comment: say what to revise"},
        Refusal{"RejectWithoutReason",
                {Apply("a", "cloud")},
                Review("a", "REVIEW_OUTCOME_REJECT"),
                Code::kInvalidArgument,
                "comment: give the reason"},
        Refusal{"NoOutcome",
                {Apply("a", "cloud")},
                Review("a", "REVIEW_OUTCOME_UNSPECIFIED"),
                Code::kInvalidArgument,
                "outcome"},
        Refusal{
            "ReviewReturned",
            {Apply("a", "safety"), Review("a", "REVIEW_OUTCOME_RETURN", "x")},
            Review("a", "REVIEW_OUTCOME_ACCEPT"),
            Code::kFailedPrecondition,
            "once the applicant has revised it"},
        Refusal{
            "ReviewDecided",
            {Apply("a", "safety"), Review("a", "REVIEW_OUTCOME_REJECT", "no")},
            Review("a", "REVIEW_OUTCOME_ACCEPT"),
            Code::kFailedPrecondition,
            "already decided"},
        Refusal{
            "ReviseSubmitted",
            {Apply("a", "safety")},
            R"(revise { network_id: "n" person_id: "p" application_id: "a" evidence { narrative: "x" } })",
            Code::kFailedPrecondition,
            "was not returned"},
        Refusal{"RecognitionNotAsked",
                {Apply("a", "safety")},
                Recognise("a", "RECOGNITION_KIND_COLLEAGUE"),
                Code::kFailedPrecondition,
                "does not ask for recognition"},
        Refusal{
            "RecognisedTwice",
            {Apply("a", "cloud"), Recognise("a", "RECOGNITION_KIND_COLLEAGUE")},
            Recognise("a", "RECOGNITION_KIND_COLLEAGUE"),
            Code::kFailedPrecondition,
            "already recognised"},
        Refusal{"UnknownApplication",
                {},
                Review("x", "REVIEW_OUTCOME_ACCEPT"),
                Code::kNotFound,
                "no application \"x\""},
        Refusal{
            "ImportFuture",
            {},
            R"(import_award { network_id: "n" person_id: "p" award_id: "i" class_id: "cloud" school_id: "s" issued_on { year: 2027 month: 1 day: 1 } source: "x" })",
            Code::kInvalidArgument,
            "issued_on: is in the future"},
        Refusal{
            "ImportWithoutSource",
            {},
            R"(import_award { network_id: "n" person_id: "p" award_id: "i" class_id: "cloud" school_id: "s" issued_on { year: 2025 month: 1 day: 1 } })",
            Code::kInvalidArgument,
            "source"},
        Refusal{
            "RevokeUnknown",
            {},
            R"(revoke { network_id: "n" person_id: "p" award_id: "i" reason: "x" })",
            Code::kNotFound,
            "no award"},
        Refusal{
            "RevokeTwice",
            {Import("i", "safety"),
             R"(revoke { network_id: "n" person_id: "p" award_id: "i" reason: "x" })"},
            R"(revoke { network_id: "n" person_id: "p" award_id: "i" reason: "x" })",
            Code::kFailedPrecondition,
            "already revoked"},
        Refusal{"RevokeWithoutReason",
                {Import("i", "safety")},
                R"(revoke { network_id: "n" person_id: "p" award_id: "i" })",
                Code::kInvalidArgument,
                "reason"}),
    [](const ::testing::TestParamInfo<Refusal>& info) {
      return std::string(info.param.name);
    });

TEST(BadgeCatalogTest, DefinesRetiresAndRefusesRedefinition) {
  const std::string define = R"(define { network_id: "n" badge_class {
      class_id: "c" name { fi: "N" } description { fi: "d" } criteria { fi: "c" }
      level: COMPETENCE_LEVEL_DEVELOPER reviewer_ids: "r" } })";
  CatalogState s;
  absl::StatusOr<std::vector<v1::BadgeCatalogEvent>> defined = DecideCatalog(
      s, ParseTextProto<v1::BadgeCatalogCommand>(define), TheFacts());
  ASSERT_TRUE(defined.ok()) << defined.status();
  for (const auto& e : *defined) s = Evolve(std::move(s), e);
  // The same definition again changes nothing; another one is refused.
  EXPECT_THAT(DecideCatalog(s, ParseTextProto<v1::BadgeCatalogCommand>(define),
                            TheFacts()),
              IsOkAndHolds(::testing::IsEmpty()));
  EXPECT_THAT(
      DecideCatalog(s, ParseTextProto<v1::BadgeCatalogCommand>(R"(define {
                      network_id: "n" badge_class { class_id: "c" name { fi: "Other" }
                      description { fi: "d" } criteria { fi: "c" }
                      level: COMPETENCE_LEVEL_BASIC reviewer_ids: "r" } })"),
                    TheFacts()),
      StatusIs(Code::kAlreadyExists));
  for (
      const auto& [command, message] :
      std::vector<std::pair<std::string, std::string>>{
          {R"(define { network_id: "n" badge_class { class_id: "level-9" name { fi: "N" } description { fi: "d" } criteria { fi: "c" } level: COMPETENCE_LEVEL_BASIC reviewer_ids: "r" } })",
           "badge_class.class_id: must not start with \"level-\""},
          {R"(define { network_id: "n" badge_class { class_id: "x" name { fi: "N" } description { fi: "d" } criteria { fi: "c" } reviewer_ids: "r" } })",
           "badge_class.level"},
          {R"(define { network_id: "n" badge_class { class_id: "x" name { fi: "N" } description { fi: "d" } criteria { fi: "c" } level: COMPETENCE_LEVEL_BASIC } })",
           "badge_class.reviewer_ids: name at least one"},
          {R"(define { network_id: "n" badge_class { class_id: "x" name { fi: "N" } description { fi: "d" } criteria { fi: "c" } level: COMPETENCE_LEVEL_BASIC reviewer_ids: "r" image_url: "http://x.fi/i.png" } })",
           "badge_class.image_url: must start with https://"},
          {R"(retire { network_id: "n" class_id: "nope" reason: "x" })",
           "no badge class"},
          {R"(name_reviewers { network_id: "n" class_id: "c" })",
           "reviewer_ids: name at least one"}}) {
    EXPECT_THAT(
        DecideCatalog(s, ParseTextProto<v1::BadgeCatalogCommand>(command),
                      TheFacts()),
        StatusIs(absl::StrContains(message, "no badge class")
                     ? Code::kNotFound
                     : Code::kInvalidArgument,
                 HasSubstr(message)))
        << command;
  }
}

// The policy table: who may do what.
struct Rule {
  const char* name;
  access::Principal principal;
  std::string command;
  bool allowed;
};

access::Principal Person(const std::string& id,
                         access::AccessRole role = access::AccessRole::kTutor) {
  return {id, role, "n", {}, {}};
}

class BadgePolicyTest : public ::testing::TestWithParam<Rule> {};

TEST_P(BadgePolicyTest, AllowsOrDenies) {
  const Rule& r = GetParam();
  HolderState s = Do({}, Apply("a", "cloud"));
  Facts facts = TheFacts(r.principal.id);
  facts.caller_supervises = r.principal.id == "head";
  absl::Status status = AuthorizeHolderCommand(
      r.principal, ParseTextProto<v1::BadgeHolderCommand>(r.command), s, facts);
  if (r.allowed) {
    EXPECT_TRUE(status.ok()) << status;
  } else {
    EXPECT_THAT(status, StatusIs(Code::kPermissionDenied));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Badges, BadgePolicyTest,
    ::testing::Values(
        Rule{"SelfApplies", Person("p"), Apply("b", "safety"), true},
        Rule{"OtherApplies", Person("q"), Apply("b", "safety"), false},
        Rule{"FunderApplies", Person("p", access::AccessRole::kFunder),
             Apply("b", "safety"), false},
        Rule{"CoordinatorAppliesForOthers",
             Person("c", access::AccessRole::kNetworkCoordinator),
             Apply("b", "safety"), false},
        Rule{"NamedReviewerReviews", Person("rev"),
             Review("a", "REVIEW_OUTCOME_ACCEPT"), true},
        Rule{"OtherReviews", Person("q"), Review("a", "REVIEW_OUTCOME_ACCEPT"),
             false},
        Rule{"CoordinatorNotNamedReviews",
             Person("c", access::AccessRole::kNetworkCoordinator),
             Review("a", "REVIEW_OUTCOME_ACCEPT"), false},
        Rule{"AdminReviews",
             {"root", access::AccessRole::kAdmin, "", {}, {}},
             Review("a", "REVIEW_OUTCOME_ACCEPT"),
             true},
        Rule{"NoOneReviewsTheirOwn",
             {"p", access::AccessRole::kAdmin, "", {}, {}},
             Review("a", "REVIEW_OUTCOME_ACCEPT"),
             false},
        Rule{"ColleagueRecognises", Person("q"),
             Recognise("a", "RECOGNITION_KIND_COLLEAGUE"), true},
        Rule{"SelfRecognises", Person("p"),
             Recognise("a", "RECOGNITION_KIND_COLLEAGUE"), false},
        Rule{"PrincipalRecognisesAsSupervisor", Person("head"),
             Recognise("a", "RECOGNITION_KIND_SUPERVISOR"), true},
        Rule{"NonPrincipalRecognisesAsSupervisor", Person("q"),
             Recognise("a", "RECOGNITION_KIND_SUPERVISOR"), false},
        Rule{"OtherNetworkRecognises",
             {"q", access::AccessRole::kTutor, "other", {}, {}},
             Recognise("a", "RECOGNITION_KIND_COLLEAGUE"),
             false},
        Rule{"CoordinatorImports",
             Person("c", access::AccessRole::kNetworkCoordinator),
             Import("i", "safety"), true},
        Rule{"CoordinatorImportsForItself",
             Person("p", access::AccessRole::kNetworkCoordinator),
             Import("i", "safety"), false},
        Rule{"RegionalCoordinatorImports",
             Person("c", access::AccessRole::kRegionalCoordinator),
             Import("i", "safety"), false},
        Rule{
            "TutorRevokes", Person("p"),
            R"(revoke { network_id: "n" person_id: "p" award_id: "a" reason: "x" })",
            false}),
    [](const ::testing::TestParamInfo<Rule>& info) {
      return std::string(info.param.name);
    });

TEST(CausationTest, TheLevelBadgeNamesTheAwardThatCompletedIt) {
  const HolderContext context(nullptr);
  const std::string stream = HolderStream("n", "p");
  EXPECT_EQ(stream, "badges-n:p");
  EXPECT_EQ(context.CausationOf(stream, ParseTextProto<v1::BadgeHolderEvent>(
                                            R"(awarded { award_id: "level-1"
                                               level_badge: true
                                               completed_by: "a1" })")),
            "badges-n:p/a1");
  EXPECT_EQ(context.CausationOf(stream, ParseTextProto<v1::BadgeHolderEvent>(
                                            R"(revoked { award_id: "level-1"
                                               revoked_with: "a1" })")),
            "badges-n:p/a1");
  // What the command itself did names no cause.
  EXPECT_EQ(context.CausationOf(stream, ParseTextProto<v1::BadgeHolderEvent>(
                                            R"(awarded { award_id: "a1" })")),
            "");
}

TEST(LevelBadgeIdTest, NumbersLaterOnes) {
  EXPECT_EQ(LevelBadgeId(v1::COMPETENCE_LEVEL_BASIC, 0), "level-1");
  EXPECT_EQ(LevelBadgeId(v1::COMPETENCE_LEVEL_BASIC, 1), "level-1-2");
}

}  // namespace
}  // namespace tutornet::badges
