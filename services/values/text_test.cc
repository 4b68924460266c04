// The shared value rules, case by case.
#include "services/values/text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/values/dates.h"
#include "tests/support/status_matchers.h"

namespace tutornet::values {
namespace {

using ::testing::HasSubstr;
using ::tutornet::testing::StatusIs;

TEST(TextTest, AcceptsFinnishSwedishAndEnglishText) {
  EXPECT_OK(ValidateText("name", "Jyväskylän normaalikoulu"));
  EXPECT_OK(ValidateText("name", "Åbo Akademi – Vasa övningsskola"));
  EXPECT_OK(ValidateText("name", "Ünïcödé 😀"));
  EXPECT_OK(ValidateText("name", ""));
}

TEST(TextTest, RefusesWhatChangesHowTextReads) {
  const struct {
    std::string text;
    std::string why;
  } kCases[] = {
      {"a\xff", "not valid UTF-8"},
      {"\xc0\xaf", "not valid UTF-8"},          // Overlong '/'.
      {"\xed\xa0\x80", "not valid UTF-8"},      // A surrogate.
      {"\xf4\x90\x80\x80", "not valid UTF-8"},  // Beyond U+10FFFF.
      {"abc\xe2\x80", "not valid UTF-8"},       // Cut short.
      {"a\nb", "control character"},
      {"a\x7f", "control character"},
      {"a\xc2\x85", "control character"},            // NEL U+0085.
      {"a\xe2\x80\xa8", "line or paragraph"},        // U+2028.
      {"evil\xe2\x80\xaetxt.exe", "bidirectional"},  // U+202E.
      {"a\xe2\x81\xa6", "bidirectional"},            // U+2066.
      {"\xef\xbb\xbfname", "byte-order mark"},       // U+FEFF.
      {"a\xef\xbf\xbe", "noncharacter"},             // U+FFFE.
  };
  for (const auto& c : kCases) {
    EXPECT_THAT(ValidateText("person.name", c.text),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         HasSubstr("person.name: ")))
        << c.why;
    EXPECT_THAT(ValidateText("person.name", c.text),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.why)));
  }
  EXPECT_THAT(ValidateText("name", std::string(201, 'a')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("200")));
}

TEST(TextTest, LabelsAreNeitherBlankNorPadded) {
  EXPECT_OK(ValidateLabel("name", "Åbo Akademi"));
  for (const char* bad :
       {"", "   ", " Åbo", "Åbo ", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x8b",
        "Åbo\xc2\xa0", "\xe3\x85\xa4", "\xe2\xa0\x80"}) {
    EXPECT_THAT(
        ValidateLabel("person.name", bad),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("person.name")))
        << "\"" << bad << "\"";
  }
  v1::LocalizedText name;
  name.set_fi("Keski-Suomi");
  name.set_sv("  ");
  EXPECT_THAT(
      ValidateName("name", name),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name.sv")));
}

TEST(TextTest, NotesMayHoldLineBreaksOnly) {
  EXPECT_OK(ValidateNote("note", "first line\nsecond", 1000));
  EXPECT_THAT(ValidateNote("note", "a\rb", 1000),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(EmailTest, AcceptsAddressesAndRefusesTheRest) {
  for (const char* ok : {"maija.meikalainen@jyvaskyla.fi", "a+b@x.y.fi",
                         "o'brien@example.org", "a@xn--jrvenp-gua.fi"}) {
    EXPECT_OK(ValidateEmail("email", ok)) << ok;
  }
  for (const char* bad :
       {"a@@b.fi", "a@b", "@b.fi", "a@", "a@.fi", "a@b..fi", ".a@b.fi",
        "a..b@c.fi", "a b@c.fi", "a@-b.fi", "a@b-.fi", "äiti@koti.fi",
        "a@b.fi\n", "a@b_c.fi", "a@1.2.3.4", ""}) {
    EXPECT_THAT(
        ValidateEmail("person.email", bad),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("person.email")))
        << bad;
  }
}

TEST(IdTest, IdsAreLowerCaseAsciiAndNeverEchoed) {
  EXPECT_OK(ValidateId("school_id", "school-muurame-1"));
  EXPECT_THAT(ValidateId("school_id", "Bad\xe2\x80\xae"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::Not(HasSubstr("Bad"))));
}

TEST(DatesTest, FinnishDayIsTheDayInHelsinki) {
  // 2024-06-30 22:30 UTC is already 1 July in Finland (UTC+3 in summer,
  // UTC+2 without time zone data: both past midnight).
  const absl::Time t = absl::FromCivil(absl::CivilMinute(2024, 6, 30, 22, 30),
                                       absl::UTCTimeZone());
  EXPECT_EQ(FinnishDay(t), absl::CivilDay(2024, 7, 1));
  EXPECT_EQ(FormatDate(FromCivilDay(absl::CivilDay(2031, 1, 2))), "2031-01-02");
}

TEST(DatesTest, SchoolYearsAreNamedByTheirAutumn) {
  EXPECT_EQ(SchoolYearOf(absl::CivilDay(2026, 8, 1)), 2026);
  EXPECT_EQ(SchoolYearOf(absl::CivilDay(2026, 12, 31)), 2026);
  EXPECT_EQ(SchoolYearOf(absl::CivilDay(2027, 7, 31)), 2026);
  EXPECT_EQ(SchoolYearOf(absl::CivilDay(2027, 1, 1)), 2026);
}

}  // namespace
}  // namespace tutornet::values
