// What the development decider's tests share: the registry's facts of one
// day, steps run in order on one stream, and the commands that several
// subjects' tests (and the policy table) start from.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_DECIDER_TEST_SUPPORT_H_
#define TUTORNET_SERVICES_DEVELOPMENT_DECIDER_TEST_SUPPORT_H_

#include <string>
#include <tuple>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/development/decider.h"
#include "tests/support/status_matchers.h"
#include "tests/support/text_proto.h"

namespace tutornet::development {

using Code = absl::StatusCode;

// 2026-11-24, a Tuesday. Schools s-1 (region r-1) and s-2 (region r-2)
// are open, s-old is closed; tutor-1 tutors at both open schools,
// principal-1 and principal-2 lead them.
inline Facts Today() {
  Facts f;
  f.today = absl::CivilDay(2026, 11, 24);
  f.network_known = true;
  for (const auto& [id, region, open] :
       {std::tuple{"s-1", "r-1", true}, std::tuple{"s-2", "r-2", true},
        std::tuple{"s-old", "r-1", false}}) {
    SchoolFacts& s = f.schools[id];
    s.known = true;
    s.open = open;
    s.placement.set_network_id("ks");
    s.placement.set_region_id(region);
    s.placement.set_municipality_id(std::string("m-") + region);
  }
  f.roles = {{"tutor-1", v1::ROLE_TUTOR_TEACHER, "s-1"},
             {"tutor-1", v1::ROLE_TUTOR_TEACHER, "s-2"},
             {"principal-1", v1::ROLE_PRINCIPAL, "s-1"},
             {"principal-2", v1::ROLE_PRINCIPAL, "s-2"}};
  for (const char* area : {"cloud", "pedagogy"}) {
    f.catalogue.areas[area].set_area_id(area);
    f.catalogue.areas[area].mutable_name()->set_fi(area);
  }
  for (const char* method : {"selfie", "workshop"}) {
    f.catalogue.methods[method].set_method_id(method);
    f.catalogue.methods[method].mutable_name()->set_en(method);
  }
  return f;
}

// One command and what it must give: events (code OK), or a status whose
// message holds `part`.
struct Step {
  Step(std::string command, Code code = Code::kOk, std::string part = "",
       size_t events = 1)
      : command(std::move(command)),
        code(code),
        part(std::move(part)),
        events(events) {}
  std::string command;
  Code code;
  std::string part;
  size_t events;  // For OK steps.
};

// Runs the steps in order on one stream, folding in each step's events.
inline DevelopmentState Steps(const std::vector<Step>& steps,
                              const Facts& facts = Today(),
                              DevelopmentState state = {}) {
  for (const Step& step : steps) {
    absl::StatusOr<Events> events = DecideDevelopment(
        state,
        ::tutornet::testing::ParseTextProto<v1::DevelopmentCommand>(
            step.command),
        facts);
    if (step.code == Code::kOk) {
      EXPECT_TRUE(events.ok()) << step.command << ": " << events.status();
      if (!events.ok()) continue;
      EXPECT_EQ(events->size(), step.events) << step.command;
      for (const v1::DevelopmentEvent& e : *events) {
        state = Evolve(std::move(state), e);
      }
    } else {
      EXPECT_THAT(events, ::tutornet::testing::StatusIs(
                              step.code, ::testing::HasSubstr(step.part)))
          << step.command;
    }
  }
  return state;
}

inline std::string Replace(std::string text, const std::string& from,
                           const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

inline constexpr char kPlan[] = R"(
  network_id: "ks" person_id: "tutor-1" school_year: 2026
  plan { school_ids: "s-1" school_ids: "s-2" goals: "Pilvipalvelut arkeen"
         activities { school_id: "s-1" kind: WORK_KIND_PEER_SUPPORT
                      planned_minutes: 1200 }
         activities { school_id: "s-2" kind: WORK_KIND_CO_TEACHING
                      planned_minutes: 600 }
         themes: "pilvi" })";

inline std::string Submit(const std::string& change = "") {
  return std::string("submit_plan {") + kPlan + change + "}";
}
inline std::string Decide(const char* verb, const char* school, int version,
                          const std::string& extra = "") {
  return std::string(verb) +
         " { network_id: \"ks\" person_id: \"tutor-1\" school_year: 2026 "
         "school_id: \"" +
         school + "\" version: " + std::to_string(version) + " " + extra + "}";
}

inline constexpr char kRound[] = R"(open_round {
  round_id: "r-2026" network_id: "ks" school_id: "s-1"
  title { fi: "Osaamiskartoitus marraskuu 2026" }
  area_ids: "cloud" area_ids: "pedagogy"
  opens { year: 2026 month: 11 day: 1 } closes { year: 2026 month: 11 day: 30 }
})";

inline std::string Answer(const std::string& answers,
                          const std::string& school = "s-1") {
  return "answer_mapping { round_id: \"r-2026\" person_id: \"t-5\" "
         "school_id: \"" +
         school + "\" " + answers + " }";
}
inline constexpr char kBoth[] =
    "answers { area_id: \"cloud\" level: SELF_ASSESSMENT_BASIC } "
    "answers { area_id: \"pedagogy\" level: SELF_ASSESSMENT_NEEDS_TRAINING }";

inline constexpr char kTeam1[] =
    "teams { school_id: \"s-1\" principal_id: \"principal-1\" "
    "digital_lead_ids: \"lead-1\" digital_lead_ids: \"lead-2\" }";

inline std::string Start(const std::string& teams,
                         const std::string& mentors = "mentor_ids: \"uni-1\"") {
  return "start_process { process_id: \"p-1\" network_id: \"ks\" "
         "title { fi: \"Kevätkummun koulu\" } " +
         teams + " " + mentors + " }";
}
inline constexpr char kApply[] = R"(apply_work_pair {
  period_id: "w-1" network_id: "ks" kind: PAIR_KIND_WORK_PAIR
  partners { person_id: "t-1" organisation_id: "s-1" supervisor_id: "principal-1"
             goals: "Erityisopetuksen keinot" }
  partners { person_id: "t-2" organisation_id: "s-2" supervisor_id: "principal-2"
             goals: "Yleisopetuksen arki" }
  purpose: "Inklusiivinen opetus" community_benefit: "Jaetaan tiimeissä"
  planned_days { year: 2026 month: 11 day: 16 }
  planned_days { year: 2026 month: 11 day: 17 }
  planned_days { year: 2026 month: 11 day: 18 }
  planned_days { year: 2026 month: 11 day: 19 }
  planned_days { year: 2026 month: 11 day: 20 }
})";

inline std::string Phase(int phase, int month, int day) {
  return "enter_phase { process_id: \"p-1\" phase: " + std::to_string(phase) +
         " date { year: 2026 month: " + std::to_string(month) +
         " day: " + std::to_string(day) + " } notes: \"muistio\" }";
}

inline std::string FollowUp(const char* person) {
  return std::string("file_follow_up { period_id: \"w-1\" person_id: \"") +
         person +
         "\" goals_achieved: \"hyvin\" learnt: \"paljon\" gender: GENDER_WOMAN "
         "}";
}

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_DECIDER_TEST_SUPPORT_H_
