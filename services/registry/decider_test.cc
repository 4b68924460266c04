// The registry's rules as a table: given these events, this command yields
// these events, or this status. Pure: no gRPC, no RocksDB.
#include "services/registry/decider.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/registry/appointments.h"
#include "tests/support/status_matchers.h"
#include "tests/support/text_proto.h"

namespace tutornet::registry {
namespace {

using ::testing::HasSubstr;

using ::tutornet::testing::ParseTextProto;

// A network with two regions, three municipalities, three schools (one
// closed), a tutor appointed for 2017-2018 and an open-ended coordinator.
const std::vector<std::string>& History() {
  static const auto* history = new std::vector<std::string>{
      R"(network_created { network_id: "ks" name { fi: "Keski-Suomi" }
         coordinating_municipality_id: "jyvaskyla" })",
      R"(region_added { network_id: "ks" region_id: "ks-1" name { fi: "Jyväskylä" } })",
      R"(region_added { network_id: "ks" region_id: "ks-2" name { fi: "Pohjoinen" } })",
      R"(municipality_assigned { network_id: "ks" municipality_id: "jyvaskyla"
         name { fi: "Jyväskylä" } region_id: "ks-1" effective { year: 2016 month: 12 day: 1 } })",
      R"(municipality_assigned { network_id: "ks" municipality_id: "muurame"
         name { fi: "Muurame" } region_id: "ks-1" effective { year: 2016 month: 12 day: 1 } })",
      R"(municipality_assigned { network_id: "ks" municipality_id: "uurainen"
         name { fi: "Uurainen" } region_id: "ks-2" effective { year: 2016 month: 12 day: 1 } })",
      R"(school_registered { network_id: "ks" school_id: "school-a" name { fi: "A" }
         municipality_id: "muurame" language: LANGUAGE_FI levels: EDUCATION_LEVEL_BASIC })",
      R"(school_registered { network_id: "ks" school_id: "school-b" name { sv: "B" }
         municipality_id: "uurainen" language: LANGUAGE_SV levels: EDUCATION_LEVEL_BASIC })",
      R"(school_registered { network_id: "ks" school_id: "school-c" name { fi: "C" }
         municipality_id: "uurainen" language: LANGUAGE_FI levels: EDUCATION_LEVEL_BASIC })",
      R"(school_closed { network_id: "ks" school_id: "school-c"
         effective { year: 2018 month: 6 day: 1 } })",
      R"(role_appointed { network_id: "ks" appointment_id: "appt-1" person_id: "p-1"
         role: ROLE_TUTOR_TEACHER scope { school_ids: "school-a" }
         start { year: 2017 month: 1 day: 1 } end { year: 2018 month: 12 day: 31 } })",
      R"(role_appointed { network_id: "ks" appointment_id: "appt-2" person_id: "p-2"
         role: ROLE_REGIONAL_COORDINATOR scope { region_ids: "ks-1" }
         start { year: 2017 month: 8 day: 1 } })",
  };
  return *history;
}

struct Case {
  const char* name;
  bool with_history;        // Start from History(), else from nothing.
  std::string extra_given;  // One more event after the history, if any.
  std::string command;
  absl::StatusCode code;
  std::string message;  // Part of the error message, or the event produced.
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class DeciderTest : public ::testing::TestWithParam<Case> {};

TEST_P(DeciderTest, DecidesAsTheRulesSay) {
  const Case& c = GetParam();
  std::vector<v1::RegistryEvent> given;
  if (c.with_history) {
    for (const std::string& e : History())
      given.push_back(ParseTextProto<v1::RegistryEvent>(e));
  }
  if (!c.extra_given.empty())
    given.push_back(ParseTextProto<v1::RegistryEvent>(c.extra_given));
  const NetworkState state = Fold(given);

  absl::StatusOr<std::vector<v1::RegistryEvent>> decided =
      Decide(state, ParseTextProto<v1::RegistryCommand>(c.command));
  if (c.code != absl::StatusCode::kOk) {
    EXPECT_THAT(decided,
                tutornet::testing::StatusIs(c.code, HasSubstr(c.message)));
    return;
  }
  ASSERT_OK(decided);
  ASSERT_EQ(decided->size(), 1u);
  const v1::RegistryEvent expected =
      ParseTextProto<v1::RegistryEvent>(c.message);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      decided->front(), expected))
      << "got:\n"
      << decided->front().DebugString() << "want:\n"
      << expected.DebugString();
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  return info.param.name;
}

constexpr auto kOk = absl::StatusCode::kOk;
constexpr auto kInvalid = absl::StatusCode::kInvalidArgument;
constexpr auto kNotFound = absl::StatusCode::kNotFound;
constexpr auto kExists = absl::StatusCode::kAlreadyExists;
constexpr auto kConflict = absl::StatusCode::kFailedPrecondition;

INSTANTIATE_TEST_SUITE_P(
    Network, DeciderTest,
    ::testing::Values(
        Case{"CreateNetwork", false, "",
             R"(create_network { network_id: "ks" name { fi: "KS" sv: "MF" }
                coordinating_municipality_id: "jyvaskyla" partner_organisations: "JYU" })",
             kOk,
             R"(network_created { network_id: "ks" name { fi: "KS" sv: "MF" }
                coordinating_municipality_id: "jyvaskyla" partner_organisations: "JYU" })"},
        Case{"CreateNetworkTwice", true, "",
             R"(create_network { network_id: "ks" name { fi: "KS" }
                coordinating_municipality_id: "jyvaskyla" })",
             kExists, "already exists"},
        Case{
            "CreateNetworkWithoutName", false, "",
            R"(create_network { network_id: "ks" coordinating_municipality_id: "j" })",
            kInvalid, "name: give at least one of fi, sv, en"},
        Case{"CreateNetworkUpperCaseId", false, "",
             R"(create_network { network_id: "KS" name { fi: "x" }
                coordinating_municipality_id: "j" })",
             kInvalid, "network_id"},
        Case{"CreateNetworkEmptyPartner", false, "",
             R"(create_network { network_id: "ks" name { fi: "x" }
                coordinating_municipality_id: "j" partner_organisations: "" })",
             kInvalid, "partner_organisations[0]"},
        Case{"CommandNotSet", true, "", "", kInvalid, "command"}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    RegionsAndMunicipalities, DeciderTest,
    ::testing::Values(
        Case{
            "AddRegion", true, "",
            R"(add_region { network_id: "ks" region_id: "ks-3" name { fi: "Etelä" } })",
            kOk,
            R"(region_added { network_id: "ks" region_id: "ks-3" name { fi: "Etelä" } })"},
        Case{
            "AddRegionToMissingNetwork", false, "",
            R"(add_region { network_id: "ks" region_id: "ks-3" name { fi: "x" } })",
            kNotFound, "network \"ks\" does not exist"},
        Case{
            "AddRegionTwice", true, "",
            R"(add_region { network_id: "ks" region_id: "ks-1" name { fi: "x" } })",
            kExists, "region \"ks-1\""},
        Case{
            "AssignNewMunicipality", true, "",
            R"(assign_municipality { network_id: "ks" municipality_id: "laukaa"
                name { fi: "Laukaa" } region_id: "ks-2" effective { year: 2017 month: 1 day: 1 } })",
            kOk,
            R"(municipality_assigned { network_id: "ks" municipality_id: "laukaa"
                name { fi: "Laukaa" } region_id: "ks-2" effective { year: 2017 month: 1 day: 1 } })"},
        Case{
            "MoveMunicipality", true, "",
            R"(assign_municipality { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-2" effective { year: 2019 month: 8 day: 1 } })",
            kOk,
            R"(municipality_assigned { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-2" effective { year: 2019 month: 8 day: 1 }
                previous_region_id: "ks-1" })"},
        Case{
            "UndoADecidedMoveBeforeItTakesEffect", true,
            R"(municipality_assigned { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-2" effective { year: 2031 month: 1 day: 1 } })",
            R"(assign_municipality { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-1" effective { year: 2031 month: 1 day: 1 } })",
            kOk,
            R"(municipality_assigned { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-1" effective { year: 2031 month: 1 day: 1 }
                previous_region_id: "ks-2" })"},
        Case{
            "MoveAlreadyInEffectThatDay", true,
            R"(municipality_assigned { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-2" effective { year: 2031 month: 1 day: 1 } })",
            R"(assign_municipality { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-2" effective { year: 2032 month: 1 day: 1 } })",
            kConflict, "already in region \"ks-2\" on 2032-01-01"},
        Case{
            "AssignToSameRegion", true, "",
            R"(assign_municipality { network_id: "ks" municipality_id: "muurame"
                region_id: "ks-1" effective { year: 2019 month: 8 day: 1 } })",
            kConflict, "already in region"},
        Case{"AssignToUnknownRegion", true, "",
             R"(assign_municipality { network_id: "ks" municipality_id: "laukaa"
                name { fi: "L" } region_id: "ks-9" effective { year: 2019 month: 8 day: 1 } })",
             kNotFound, "region_id: region \"ks-9\""},
        Case{"NewMunicipalityNeedsAName", true, "",
             R"(assign_municipality { network_id: "ks" municipality_id: "laukaa"
                region_id: "ks-2" effective { year: 2019 month: 8 day: 1 } })",
             kInvalid, "name"},
        Case{"AssignOnFebruary30", true, "",
             R"(assign_municipality { network_id: "ks" municipality_id: "laukaa"
                name { fi: "L" } region_id: "ks-2" effective { year: 2023 month: 2 day: 30 } })",
             kInvalid, "effective: 2023-02-30"}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Schools, DeciderTest,
    ::testing::Values(
        Case{
            "RegisterSchool", true, "",
            R"(register_school { network_id: "ks" school_id: "school-d" name { sv: "D" }
                municipality_id: "jyvaskyla" language: LANGUAGE_SV
                levels: EDUCATION_LEVEL_BASIC levels: EDUCATION_LEVEL_UPPER_SECONDARY })",
            kOk,
            R"(school_registered { network_id: "ks" school_id: "school-d" name { sv: "D" }
                municipality_id: "jyvaskyla" language: LANGUAGE_SV
                levels: EDUCATION_LEVEL_BASIC levels: EDUCATION_LEVEL_UPPER_SECONDARY })"},
        Case{
            "RegisterSchoolInUnknownMunicipality", true, "",
            R"(register_school { network_id: "ks" school_id: "school-d" name { fi: "D" }
                municipality_id: "oulu" language: LANGUAGE_FI levels: EDUCATION_LEVEL_BASIC })",
            kNotFound, "municipality_id"},
        Case{
            "RegisterSchoolWithoutLanguage", true, "",
            R"(register_school { network_id: "ks" school_id: "school-d" name { fi: "D" }
                municipality_id: "muurame" levels: EDUCATION_LEVEL_BASIC })",
            kInvalid, "language"},
        Case{
            "RegisterSchoolWithoutLevels", true, "",
            R"(register_school { network_id: "ks" school_id: "school-d" name { fi: "D" }
                municipality_id: "muurame" language: LANGUAGE_FI })",
            kInvalid, "levels"},
        Case{
            "RegisterSchoolTwice", true, "",
            R"(register_school { network_id: "ks" school_id: "school-a" name { fi: "A" }
                municipality_id: "muurame" language: LANGUAGE_FI levels: EDUCATION_LEVEL_BASIC })",
            kExists, "school \"school-a\""},
        Case{"CloseSchool", true, "",
             R"(close_school { network_id: "ks" school_id: "school-a"
                effective { year: 2020 month: 6 day: 1 } })",
             kOk,
             R"(school_closed { network_id: "ks" school_id: "school-a"
                effective { year: 2020 month: 6 day: 1 } })"},
        Case{"CloseClosedSchoolAgainOnTheSameDay", true, "",
             R"(close_school { network_id: "ks" school_id: "school-c"
                effective { year: 2018 month: 6 day: 1 } })",
             kConflict, "already closes on 2018-06-01"},
        Case{"CloseBeforeAnAppointmentStarts", true, "",
             R"(close_school { network_id: "ks" school_id: "school-a"
                effective { year: 2016 month: 6 day: 1 } })",
             kConflict, "appointment \"appt-1\""},
        Case{"RedateAClosing", true, "",
             R"(close_school { network_id: "ks" school_id: "school-c"
                effective { year: 2031 month: 6 day: 1 } })",
             kOk,
             R"(school_closed { network_id: "ks" school_id: "school-c"
                effective { year: 2031 month: 6 day: 1 } })"},
        Case{"AppointBeforeADecidedClosing", true,
             R"(school_closed { network_id: "ks" school_id: "school-a"
                effective { year: 2031 month: 6 day: 1 } })",
             R"(appoint_role { network_id: "ks" appointment_id: "appt-9"
                person_id: "p-9" role: ROLE_TUTOR_TEACHER
                scope { school_ids: "school-a" } start { year: 2024 month: 1 day: 1 } })",
             kOk,
             R"(role_appointed { network_id: "ks" appointment_id: "appt-9"
                person_id: "p-9" role: ROLE_TUTOR_TEACHER
                scope { school_ids: "school-a" } start { year: 2024 month: 1 day: 1 } })"},
        Case{"AppointAfterTheClosing", true, "",
             R"(appoint_role { network_id: "ks" appointment_id: "appt-9"
                person_id: "p-9" role: ROLE_TUTOR_TEACHER
                scope { school_ids: "school-c" } start { year: 2024 month: 1 day: 1 } })",
             kConflict, "closed from 2018-06-01"}),
    CaseName);

INSTANTIATE_TEST_SUITE_P(
    Appointments, DeciderTest,
    ::testing::Values(
        Case{
            "AppointRoamingTutor", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-a" school_ids: "school-b" }
                start { year: 2019 month: 8 day: 1 } })",
            kOk,
            R"(role_appointed { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-a" school_ids: "school-b" }
                start { year: 2019 month: 8 day: 1 } })"},
        Case{
            "OverlappingTutorAppointment", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-1"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-a" }
                start { year: 2018 month: 6 day: 1 } })",
            kConflict, "appointment \"appt-1\""},
        Case{
            "SameTutorAfterTheTerm", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-1"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-a" }
                start { year: 2019 month: 1 day: 1 } })",
            kOk,
            R"(role_appointed { network_id: "ks" appointment_id: "appt-3" person_id: "p-1"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-a" }
                start { year: 2019 month: 1 day: 1 } })"},
        Case{
            "SameTutorAnotherSchoolMeanwhile", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-1"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-b" }
                start { year: 2018 month: 1 day: 1 } })",
            kOk,
            R"(role_appointed { network_id: "ks" appointment_id: "appt-3" person_id: "p-1"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-b" }
                start { year: 2018 month: 1 day: 1 } })"},
        Case{
            "CoordinatorAgainAfterEnding", true,
            R"(appointment_ended { network_id: "ks" appointment_id: "appt-2"
                end { year: 2019 month: 7 day: 31 } })",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-2"
                role: ROLE_REGIONAL_COORDINATOR scope { region_ids: "ks-1" }
                start { year: 2019 month: 8 day: 1 } })",
            kOk,
            R"(role_appointed { network_id: "ks" appointment_id: "appt-3" person_id: "p-2"
                role: ROLE_REGIONAL_COORDINATOR scope { region_ids: "ks-1" }
                start { year: 2019 month: 8 day: 1 } })"},
        Case{
            "EndBeforeStart", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_MENTOR scope { school_ids: "school-a" }
                start { year: 2019 month: 8 day: 1 } end { year: 2019 month: 7 day: 31 } })",
            kInvalid, "end: 2019-07-31 is before start"},
        Case{
            "CoordinatorWithSchools", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_REGIONAL_COORDINATOR scope { region_ids: "ks-1" school_ids: "school-a" }
                start { year: 2019 month: 8 day: 1 } })",
            kInvalid, "scope.school_ids"},
        Case{
            "PrincipalOfTwoSchools", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_PRINCIPAL scope { school_ids: "school-a" school_ids: "school-b" }
                start { year: 2019 month: 8 day: 1 } })",
            kInvalid, "exactly one school"},
        Case{
            "NetworkCoordinatorWithScope", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_NETWORK_COORDINATOR scope { region_ids: "ks-1" }
                start { year: 2019 month: 8 day: 1 } })",
            kInvalid, "whole network"},
        Case{
            "TutorOfClosedSchool", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_TUTOR_TEACHER scope { school_ids: "school-c" }
                start { year: 2019 month: 8 day: 1 } })",
            kConflict, "school \"school-c\" is closed"},
        Case{
            "CoordinatorOfUnknownRegion", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                role: ROLE_REGIONAL_COORDINATOR scope { region_ids: "ks-9" }
                start { year: 2019 month: 8 day: 1 } })",
            kNotFound, "scope.region_ids[0]"},
        Case{
            "AppointmentIdTaken", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-1" person_id: "p-3"
                role: ROLE_COORDINATION_GROUP_MEMBER start { year: 2019 month: 8 day: 1 } })",
            kExists, "appt-1"},
        Case{
            "NoRole", true, "",
            R"(appoint_role { network_id: "ks" appointment_id: "appt-3" person_id: "p-3"
                start { year: 2019 month: 8 day: 1 } })",
            kInvalid, "role"},
        Case{"EndAppointment", true, "",
             R"(end_appointment { network_id: "ks" appointment_id: "appt-2"
                end { year: 2019 month: 7 day: 31 } })",
             kOk,
             R"(appointment_ended { network_id: "ks" appointment_id: "appt-2"
                end { year: 2019 month: 7 day: 31 } })"},
        Case{"EndAppointmentBeforeItStarts", true, "",
             R"(end_appointment { network_id: "ks" appointment_id: "appt-2"
                end { year: 2017 month: 7 day: 31 } })",
             kInvalid, "before the appointment's start"},
        Case{"EndAppointmentThatEndsEarlier", true, "",
             R"(end_appointment { network_id: "ks" appointment_id: "appt-1"
                end { year: 2019 month: 7 day: 31 } })",
             kConflict, "already ends on 2018-12-31"},
        Case{"EndUnknownAppointment", true, "",
             R"(end_appointment { network_id: "ks" appointment_id: "appt-9"
                end { year: 2019 month: 7 day: 31 } })",
             kNotFound, "appt-9"}),
    CaseName);

TEST(EvolveTest, FoldsTheHistory) {
  std::vector<v1::RegistryEvent> events;
  for (const std::string& e : History())
    events.push_back(ParseTextProto<v1::RegistryEvent>(e));
  const NetworkState state = Fold(events);
  EXPECT_TRUE(state.exists);
  EXPECT_EQ(state.network_id, "ks");
  EXPECT_EQ(state.region_ids.size(), 2u);
  EXPECT_EQ(state.municipalities.at("uurainen").region_id, "ks-2");
  EXPECT_TRUE(state.schools.at("school-c").closed);
  EXPECT_FALSE(state.schools.at("school-a").closed);
  EXPECT_EQ(state.appointments.at("appt-1").end, absl::CivilDay(2018, 12, 31));
  EXPECT_FALSE(state.appointments.at("appt-2").end.has_value());
  EXPECT_EQ(NetworkStream("ks"), "network-ks");
}

TEST(OverlapsTest, SamePersonRoleScopeAndDates) {
  AppointmentState a{"p",
                     v1::ROLE_MENTOR,
                     {"s1", "s2"},
                     {},
                     absl::CivilDay(2020, 1, 1),
                     absl::CivilDay(2020, 12, 31)};
  AppointmentState b = a;
  b.school_ids = {"s2"};
  b.start = absl::CivilDay(2020, 12, 31);  // Touches the last day: overlaps.
  b.end.reset();
  EXPECT_TRUE(Overlaps(a, b));
  b.start = absl::CivilDay(2021, 1, 1);
  EXPECT_FALSE(Overlaps(a, b));
  b.start = a.start;
  b.school_ids = {"s3"};
  EXPECT_FALSE(Overlaps(a, b));
  b.school_ids = {"s1"};
  b.person_id = "q";
  EXPECT_FALSE(Overlaps(a, b));
}

}  // namespace
}  // namespace tutornet::registry
