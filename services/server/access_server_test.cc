// Access control end to end: every RPC by every role through the real
// server; allowed calls succeed, denied ones change nothing.
#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

class AccessTest : public TokensTest {
 protected:
  void SetUp() override {
    TokensTest::SetUp();
    tokens_["admin"] = admin_;
    tokens_["network"] =
        MakeToken("person-200", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "ks", {});
    tokens_["regional"] = MakeToken(
        "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
    tokens_["tutor"] = MakeToken("person-1", v1::ACCESS_ROLE_TUTOR, "ks", {});
    tokens_["funder"] =
        MakeToken("funder-oph", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-1"});
    tokens_["stranger"] =
        MakeToken("person-900", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz", {});
  }

  // One call of `rpc` as `who`; `n` makes ids unique across calls.
  grpc::Status Call(const std::string& rpc, const std::string& who, int n) {
    token_ = tokens_.at(who);
    const std::string id = absl::StrCat("t", n);
    v1::CommandResult r;
    auto header = [&](auto& req) {
      req.mutable_header()->set_request_id("req-" + id);
    };
    auto day = [](v1::Date* d) {
      d->set_year(2020);
      d->set_month(1);
      d->set_day(1);
    };
    if (rpc == "CreateNetwork") {
      v1::CreateNetworkRequest req;
      header(req);
      req.mutable_command()->set_network_id("net-" + id);
      req.mutable_command()->mutable_name()->set_fi("N");
      req.mutable_command()->set_coordinating_municipality_id("m");
      return stub_->CreateNetwork(Context().get(), req, &r);
    }
    if (rpc == "AddRegion") return AddRegion("req-" + id, "region-" + id, &r);
    if (rpc == "AssignMunicipality" || rpc == "AssignOutsideRegion") {
      v1::AssignMunicipalityRequest req;
      header(req);
      req.mutable_command()->set_network_id("ks");
      req.mutable_command()->set_municipality_id("kunta-" + id);
      req.mutable_command()->mutable_name()->set_fi("Kunta");
      req.mutable_command()->set_region_id(
          rpc == "AssignMunicipality" ? "ks-etela" : "ks-lansi");
      day(req.mutable_command()->mutable_effective());
      return stub_->AssignMunicipality(Context().get(), req, &r);
    }
    if (rpc == "RegisterSchool" || rpc == "RegisterOutsideRegion") {
      v1::RegisterSchoolRequest req;
      header(req);
      req.mutable_command()->set_network_id("ks");
      req.mutable_command()->set_school_id("school-" + id);
      req.mutable_command()->mutable_name()->set_fi("Koulu");
      req.mutable_command()->set_municipality_id(
          rpc == "RegisterSchool" ? "joutsa" : "keuruu");
      req.mutable_command()->set_language(v1::LANGUAGE_FI);
      req.mutable_command()->add_levels(v1::EDUCATION_LEVEL_BASIC);
      return stub_->RegisterSchool(Context().get(), req, &r);
    }
    if (rpc == "AppointTutor" || rpc == "AppointCoordinator") {
      v1::AppointRoleRequest req;
      header(req);
      req.mutable_command()->set_network_id("ks");
      req.mutable_command()->set_appointment_id("appt-" + id);
      req.mutable_command()->set_person_id("person-" + id);
      if (rpc == "AppointTutor") {
        req.mutable_command()->set_role(v1::ROLE_TUTOR_TEACHER);
        req.mutable_command()->mutable_scope()->add_school_ids(
            "school-joutsa-1");
      } else {
        req.mutable_command()->set_role(v1::ROLE_REGIONAL_COORDINATOR);
        req.mutable_command()->mutable_scope()->add_region_ids("ks-etela");
      }
      day(req.mutable_command()->mutable_start());
      return stub_->AppointRole(Context().get(), req, &r);
    }
    if (rpc == "EndTutor") {  // Each role ends a tutor of its own making below.
      v1::EndAppointmentRequest req;
      header(req);
      req.mutable_command()->set_network_id("ks");
      req.mutable_command()->set_appointment_id(
          absl::StrCat("tutor-", n % 20 + 1));
      day(req.mutable_command()->mutable_end());
      req.mutable_command()->mutable_end()->set_year(2021);
      return stub_->EndAppointment(Context().get(), req, &r);
    }
    if (rpc == "CloseSchool") {
      v1::CloseSchoolRequest req;
      header(req);
      req.mutable_command()->set_network_id("ks");
      req.mutable_command()->set_school_id(
          absl::StrCat("school-", n % 2 ? "luhanka" : "joutsa", "-1"));
      day(req.mutable_command()->mutable_effective());
      return stub_->CloseSchool(Context().get(), req, &r);
    }
    if (rpc == "GetNetwork") {
      v1::Network network;
      return GetNetwork("", &network);
    }
    if (rpc == "ListSchools") {
      v1::ListSchoolsResponse res;
      return List(v1::ListSchoolsRequest(), &res);
    }
    if (rpc == "WhoHeldRole") {
      v1::WhoHeldRoleResponse res;
      return WhoHeld(v1::ROLE_TUTOR_TEACHER, "", 2020, 1, 1, &res);
    }
    if (rpc == "CreateToken") {
      v1::CreateTokenRequest req;
      req.set_principal_id("person-" + id);
      req.set_role(v1::ACCESS_ROLE_FUNDER);
      req.set_network_id("ks");
      req.add_project_ids("oph-1");
      v1::CreateTokenResponse res;
      return access_->CreateToken(Context().get(), req, &res);
    }
    v1::RevokeTokenRequest req;  // RevokeToken: the stranger's token.
    req.set_principal_id("person-900");
    v1::RevokeTokenResponse res;
    return access_->RevokeToken(Context().get(), req, &res);
  }

  std::map<std::string, std::string> tokens_;
};

TEST_F(AccessTest, EveryRpcByEveryRole) {
  // rpc -> the roles allowed; every other role is denied.
  const std::vector<std::pair<std::string, std::set<std::string>>> matrix = {
      {"CreateNetwork", {"admin"}},
      {"AddRegion", {"admin", "network"}},
      {"AssignMunicipality", {"admin", "network", "regional"}},
      {"AssignOutsideRegion", {"admin", "network"}},
      {"RegisterSchool", {"admin", "network", "regional"}},
      {"RegisterOutsideRegion", {"admin", "network"}},
      {"AppointTutor", {"admin", "network", "regional"}},
      {"AppointCoordinator", {"admin", "network"}},
      {"GetNetwork", {"admin", "network", "regional", "tutor", "funder"}},
      {"ListSchools", {"admin", "network", "regional", "tutor", "funder"}},
      {"WhoHeldRole", {"admin", "network", "regional", "tutor", "funder"}},
      {"CreateToken", {"admin"}},
  };
  const std::vector<std::string> roles = {"admin", "network", "regional",
                                          "tutor", "funder",  "stranger"};
  int n = 0;
  for (const auto& [rpc, allowed] : matrix) {
    for (const std::string& who : roles) {
      SCOPED_TRACE(absl::StrCat(rpc, " by ", who));
      const uint64_t before = NetworkVersion();
      const grpc::Status s = Call(rpc, who, ++n);
      if (allowed.count(who) > 0) {
        EXPECT_TRUE(s.ok()) << s.error_message();
      } else {
        EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << s.error_message();
        EXPECT_EQ(NetworkVersion(), before);
      }
    }
  }
}

TEST_F(AccessTest,
       RegionalCoordinatorEndsOnlyItsRegionsTutorsAndClosesItsSchools) {
  // tutor-10 is the tutor of school-joutsa-1 (ks-etela); tutor-1 of a school
  // in ks-jyvaskyla. n picks the appointment: n % 20 + 1.
  EXPECT_TRUE(Call("EndTutor", "regional", 9).ok());
  grpc::Status s = Call("EndTutor", "regional", 20);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED)
      << s.error_message();
  EXPECT_EQ(Call("EndTutor", "tutor", 13).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      Call("CloseSchool", "regional", 2).ok());  // school-joutsa-1, ks-etela.
  EXPECT_TRUE(
      Call("CloseSchool", "regional", 1).ok());  // school-luhanka-1, ks-etela.
  EXPECT_EQ(Call("CloseSchool", "funder", 3).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(AccessTest, RevokedTokensStopWorkingAndOnlyAdminsRevoke) {
  EXPECT_EQ(Call("RevokeToken", "network", 1).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(Call("GetNetwork", "funder", 2).ok());
  ASSERT_TRUE(Call("RevokeToken", "admin", 3).ok());  // Revokes the stranger.
  EXPECT_EQ(Call("GetNetwork", "stranger", 4).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  Restart();  // Revocation and the other tokens survive a restart.
  EXPECT_EQ(Call("GetNetwork", "stranger", 5).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Call("GetNetwork", "funder", 6).ok());
}

}  // namespace
}  // namespace tutornet::server
