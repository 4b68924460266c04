// Bad input through the real server: each case gets its exact status, and
// none changes anything (the network's version and the log's head stay).
#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

struct BadCase {
  const char* name;
  const char* rpc;      // Which RegistryService method.
  const char* request;  // Text-format request.
  grpc::StatusCode code;
  const char* message;  // Part of the error message.
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadInputTest : public QueryTest,
                     public ::testing::WithParamInterface<BadCase> {
 protected:
  template <typename Request, typename Response, typename Method>
  grpc::Status Send(Method method, const std::string& text) {
    Request req;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &req))
        << text;
    Response res;
    return (stub_.get()->*method)(Context().get(), req, &res);
  }

  grpc::Status Dispatch(const std::string& rpc, const std::string& text) {
    using S = v1::RegistryService::Stub;
    if (rpc == "CreateNetwork") {
      return Send<v1::CreateNetworkRequest, v1::CommandResult>(
          &S::CreateNetwork, text);
    }
    if (rpc == "AddRegion")
      return Send<v1::AddRegionRequest, v1::CommandResult>(&S::AddRegion, text);
    if (rpc == "AssignMunicipality") {
      return Send<v1::AssignMunicipalityRequest, v1::CommandResult>(
          &S::AssignMunicipality, text);
    }
    if (rpc == "RegisterSchool") {
      return Send<v1::RegisterSchoolRequest, v1::CommandResult>(
          &S::RegisterSchool, text);
    }
    if (rpc == "CloseSchool") {
      return Send<v1::CloseSchoolRequest, v1::CommandResult>(&S::CloseSchool,
                                                             text);
    }
    if (rpc == "AppointRole") {
      return Send<v1::AppointRoleRequest, v1::CommandResult>(&S::AppointRole,
                                                             text);
    }
    if (rpc == "EndAppointment") {
      return Send<v1::EndAppointmentRequest, v1::CommandResult>(
          &S::EndAppointment, text);
    }
    if (rpc == "GetNetwork")
      return Send<v1::GetNetworkRequest, v1::Network>(&S::GetNetwork, text);
    if (rpc == "ListSchools") {
      return Send<v1::ListSchoolsRequest, v1::ListSchoolsResponse>(
          &S::ListSchools, text);
    }
    return Send<v1::WhoHeldRoleRequest, v1::WhoHeldRoleResponse>(
        &S::WhoHeldRole, text);
  }
};

TEST_P(BadInputTest, ExactStatusAndNothingChanged) {
  const BadCase& c = GetParam();
  v1::Network before;
  ASSERT_TRUE(GetNetwork("", &before).ok());
  const grpc::Status s = Dispatch(c.rpc, c.request);
  EXPECT_EQ(s.error_code(), c.code) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr(c.message));
  v1::Network after;
  ASSERT_TRUE(GetNetwork("", &after).ok());
  EXPECT_EQ(after.version(), before.version());
}

constexpr auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
constexpr auto kNotFound = grpc::StatusCode::NOT_FOUND;
constexpr auto kExists = grpc::StatusCode::ALREADY_EXISTS;
constexpr auto kConflict = grpc::StatusCode::FAILED_PRECONDITION;
constexpr auto kAborted = grpc::StatusCode::ABORTED;

INSTANTIATE_TEST_SUITE_P(
    Registry, BadInputTest,
    ::testing::Values(
        BadCase{
            "NoRequestId", "AddRegion",
            R"(command { network_id: "ks" region_id: "r" name { fi: "R" } })",
            kInvalid, "header.request_id"},
        BadCase{
            "RequestIdWithSpace", "AddRegion",
            R"(header { request_id: "a b" } command { network_id: "ks" region_id: "r"
                   name { fi: "R" } })",
            kInvalid, "request_id"},
        BadCase{
            "EmptyNetworkId", "AddRegion",
            R"(header { request_id: "x1" } command { region_id: "r" name { fi: "R" } })",
            kInvalid, "network_id"},
        BadCase{
            "UnknownNetwork", "AddRegion",
            R"(header { request_id: "x2" } command { network_id: "nope" region_id: "r"
                   name { fi: "R" } })",
            kNotFound, "network \"nope\""},
        BadCase{
            "RegionIdUpperCase", "AddRegion",
            R"(header { request_id: "x3" } command { network_id: "ks" region_id: "R1"
                   name { fi: "R" } })",
            kInvalid, "region_id"},
        BadCase{
            "RegionWithoutName", "AddRegion",
            R"(header { request_id: "x4" } command { network_id: "ks" region_id: "r" })",
            kInvalid, "name"},
        BadCase{
            "NetworkTwice", "CreateNetwork",
            R"(header { request_id: "x5" } command { network_id: "ks" name { fi: "K" }
                   coordinating_municipality_id: "jyvaskyla" })",
            kExists, "already exists"},
        BadCase{"StaleExpectedVersion", "AddRegion",
                R"(header { request_id: "x6" exact: 3 }
                   command { network_id: "ks" region_id: "r" name { fi: "R" } })",
                kAborted, "current version is 98"},
        BadCase{
            "MunicipalityToUnknownRegion", "AssignMunicipality",
            R"(header { request_id: "x7" } command { network_id: "ks" municipality_id: "m"
                   name { fi: "M" } region_id: "ks-nope"
                   effective { year: 2020 month: 1 day: 1 } })",
            kNotFound, "region_id"},
        BadCase{
            "MunicipalityOnFebruary30", "AssignMunicipality",
            R"(header { request_id: "x8" } command { network_id: "ks" municipality_id: "m"
                   name { fi: "M" } region_id: "ks-etela"
                   effective { year: 2021 month: 2 day: 30 } })",
            kInvalid, "effective"},
        BadCase{"MoveIntoSameRegion", "AssignMunicipality",
                R"(header { request_id: "x9" } command { network_id: "ks"
                   municipality_id: "joutsa" region_id: "ks-etela"
                   effective { year: 2021 month: 2 day: 1 } })",
                kConflict, "already in region"},
        BadCase{
            "SchoolWithoutLanguage", "RegisterSchool",
            R"(header { request_id: "x10" } command { network_id: "ks" school_id: "s"
                   name { fi: "S" } municipality_id: "joutsa" levels: EDUCATION_LEVEL_BASIC })",
            kInvalid, "language"},
        BadCase{
            "SchoolInUnknownMunicipality", "RegisterSchool",
            R"(header { request_id: "x11" } command { network_id: "ks" school_id: "s"
                   name { fi: "S" } municipality_id: "oulu" language: LANGUAGE_FI
                   levels: EDUCATION_LEVEL_BASIC })",
            kNotFound, "municipality_id"},
        BadCase{"SchoolTwice", "RegisterSchool",
                R"(header { request_id: "x12" } command { network_id: "ks"
                   school_id: "school-joutsa-1" name { fi: "S" } municipality_id: "joutsa"
                   language: LANGUAGE_FI levels: EDUCATION_LEVEL_BASIC })",
                kExists, "school-joutsa-1"},
        BadCase{
            "CloseUnknownSchool", "CloseSchool",
            R"(header { request_id: "x13" } command { network_id: "ks" school_id: "s-0"
                   effective { year: 2021 month: 2 day: 1 } })",
            kNotFound, "s-0"},
        BadCase{"OverlappingAppointment", "AppointRole",
                R"(header { request_id: "x14" } command { network_id: "ks"
                   appointment_id: "a-1" person_id: "person-1" role: ROLE_TUTOR_TEACHER
                   scope { school_ids: "school-jyvaskyla-1" }
                   start { year: 2020 month: 1 day: 1 } })",
                kConflict, "tutor-1"},
        BadCase{"AppointmentEndsBeforeStart", "AppointRole",
                R"(header { request_id: "x15" } command { network_id: "ks"
                   appointment_id: "a-2" person_id: "p-2" role: ROLE_MENTOR
                   scope { school_ids: "school-joutsa-1" }
                   start { year: 2020 month: 1 day: 1 } end { year: 2019 month: 1 day: 1 } })",
                kInvalid, "end"},
        BadCase{"PrincipalWithoutSchool", "AppointRole",
                R"(header { request_id: "x16" } command { network_id: "ks"
                   appointment_id: "a-3" person_id: "p-3" role: ROLE_PRINCIPAL
                   start { year: 2020 month: 1 day: 1 } })",
                kInvalid, "scope.school_ids"},
        BadCase{"EndUnknownAppointment", "EndAppointment",
                R"(header { request_id: "x17" } command { network_id: "ks"
                   appointment_id: "a-404" end { year: 2020 month: 1 day: 1 } })",
                kNotFound, "a-404"},
        BadCase{"EndBeforeStart", "EndAppointment",
                R"(header { request_id: "x18" } command { network_id: "ks"
                   appointment_id: "tutor-1" end { year: 2016 month: 1 day: 1 } })",
                kInvalid, "before the appointment's start"},
        BadCase{"GarbagePositionToken", "GetNetwork",
                R"(network_id: "ks" position_tokens: "abc")", kInvalid,
                "position_tokens"},
        BadCase{"SpacedPositionToken", "GetNetwork",
                R"(network_id: "ks" position_tokens: "registry: 5")", kInvalid,
                "position_tokens"},
        BadCase{"SignedPositionToken", "GetNetwork",
                R"(network_id: "ks" position_tokens: "registry:+5")", kInvalid,
                "position_tokens"},
        BadCase{"UnknownLogPositionToken", "ListSchools",
                R"(network_id: "ks" position_tokens: "dashboards:5")", kInvalid,
                "does not have"},
        BadCase{"FuturePositionToken", "ListSchools",
                R"(network_id: "ks" position_tokens: "registry:999999")",
                grpc::StatusCode::OUT_OF_RANGE, "beyond its head"},
        BadCase{"LanguageOutOfRange", "ListSchools",
                R"(network_id: "ks" language: 99)", kInvalid, "language"},
        BadCase{"ForgedPageToken", "ListSchools",
                R"(network_id: "ks" page_token: "after:../../x")", kInvalid,
                "page_token"},
        BadCase{"BidiOverrideInName", "AddRegion",
                "header { request_id: \"x30\" } command { network_id: \"ks\" "
                "region_id: \"r9\" name { fi: \"evil\\342\\200\\256gpj\" } }",
                kInvalid, "name.fi"},
        BadCase{"PageTooLarge", "ListSchools",
                R"(network_id: "ks" page_size: 1001)", kInvalid, "page_size"},
        BadCase{"WhoHeldWithoutDate", "WhoHeldRole",
                R"(network_id: "ks" role: ROLE_MENTOR)", kInvalid, "date"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace tutornet::server
