// Competence mapping rounds and the catalogue of areas and methods: the
// development rules as tables (decider_test_support.h).
#include <string>

#include "gtest/gtest.h"
#include "services/development/decider.h"
#include "services/development/decider_test_support.h"

namespace tutornet::development {
namespace {

using ::tutornet::testing::ParseTextProto;

TEST(Mapping, RoundAnswersAndRefusals) {
  DevelopmentState s = Steps({
      {Answer(kBoth), Code::kNotFound, "no mapping round"},
      {Replace(kRound, "pedagogy", "robots"), Code::kNotFound, "area_ids[1]"},
      {Replace(kRound, "month: 11 day: 30", "month: 10 day: 31"),
       Code::kInvalidArgument, "closes"},
      {kRound},
      {kRound, Code::kAlreadyExists, "taken"},
      {Answer("answers { area_id: \"cloud\" level: SELF_ASSESSMENT_BASIC }"),
       Code::kInvalidArgument, "each of the round's 2 areas"},
      {Answer(std::string(kBoth) +
              " answers { area_id: \"cloud\" level: SELF_ASSESSMENT_BASIC }"),
       Code::kInvalidArgument, "answered twice"},
      {Answer("answers { area_id: \"cloud\" } answers { area_id: "
              "\"pedagogy\" level: SELF_ASSESSMENT_BASIC }"),
       Code::kInvalidArgument, "answers[0].level"},
      {Answer(kBoth, "s-2"), Code::kInvalidArgument, "the round is for school"},
      {Answer(kBoth)},
  });
  EXPECT_EQ(s.round.answered.count("t-5"), 1u);
  absl::StatusOr<Events> again = DecideDevelopment(
      s, ParseTextProto<v1::DevelopmentCommand>(Answer(kBoth)), Today());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE((*again)[0].mapping_answered().replaces());
  Facts december = Today();
  december.today = absl::CivilDay(2026, 12, 1);
  Steps({{Answer(kBoth), Code::kFailedPrecondition, "takes answers from"}},
        december, s);
  s = Steps({{"close_round { round_id: \"r-2026\" }"},
             {"close_round { round_id: \"r-2026\" }", Code::kOk, "", 0},
             {Answer(kBoth), Code::kFailedPrecondition, "closed"}},
            Today(), s);
}

TEST(Catalogue, AreasAndMethods) {
  Steps({
      {"define_area { network_id: \"ks\" area { area_id: \"cloud\" name { fi: "
       "\"Pilvipalvelut\" sv: \"Molntjänster\" en: \"Cloud services\" } } }"},
      {"define_area { network_id: \"ks\" area { area_id: \"Cloud\" name { fi: "
       "\"x\" } } }",
       Code::kInvalidArgument, "area.area_id"},
      {"define_area { network_id: \"ks\" area { area_id: \"c\" } }",
       Code::kInvalidArgument, "area.name"},
      {"define_method { network_id: \"ks\" method { method_id: \"selfie\" "
       "name { en: \"SELFIE\" } suggested_phases: 4 suggested_phases: 4 } }",
       Code::kInvalidArgument, "suggested_phases"},
      {"define_method { network_id: \"ks\" method { method_id: \"selfie\" "
       "name { en: \"SELFIE\" } suggested_phases: 4 } }"},
  });
}

}  // namespace
}  // namespace tutornet::development
