// tutornetd's gRPC API end to end: a real server on 127.0.0.1 with a picked
// port, real event logs in a temp dir, a real channel.
#include "services/server/server.h"

#include <grpcpp/grpcpp.h>

#include <fstream>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/server/demo_network.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tutornet/v1/access_service.grpc.pb.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

namespace tutornet::server {
namespace {

using ::testing::HasSubstr;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Start();
    std::ifstream in(dir_.Sub("admin.token"));
    ASSERT_TRUE(in >> token_);
  }

  void Start() {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = dir_.path();
    absl::StatusOr<std::unique_ptr<TutornetServer>> server =
        TutornetServer::Start(options);
    ASSERT_OK(server);
    server_ = *std::move(server);
    address_ = absl::StrCat("127.0.0.1:", server_->port());
    stub_ = v1::RegistryService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  void Restart() {
    server_.reset();
    Start();
  }

  std::unique_ptr<grpc::ClientContext> Context(bool authenticated = true) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    if (authenticated) ctx->AddMetadata("authorization", "Bearer " + token_);
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(10));
    return ctx;
  }

  grpc::Status CreateNetwork(const std::string& request_id,
                             v1::CommandResult* result,
                             bool authenticated = true) {
    v1::CreateNetworkRequest req;
    req.mutable_header()->set_request_id(request_id);
    req.mutable_command()->set_network_id("ks");
    req.mutable_command()->mutable_name()->set_fi("Keski-Suomi");
    req.mutable_command()->set_coordinating_municipality_id("jyvaskyla");
    return stub_->CreateNetwork(Context(authenticated).get(), req, result);
  }

  grpc::Status AddRegion(const std::string& request_id,
                         const std::string& region, v1::CommandResult* result,
                         std::optional<uint64_t> expected = std::nullopt) {
    v1::AddRegionRequest req;
    req.mutable_header()->set_request_id(request_id);
    if (expected.has_value())
      req.mutable_header()->mutable_expected_version()->set_version(*expected);
    req.mutable_command()->set_network_id("ks");
    req.mutable_command()->set_region_id(region);
    req.mutable_command()->mutable_name()->set_fi("Alue");
    return stub_->AddRegion(Context().get(), req, result);
  }

  grpc::Status GetNetwork(const std::string& token, v1::Network* network) {
    v1::GetNetworkRequest req;
    req.set_network_id("ks");
    req.set_position_token(token);
    return stub_->GetNetwork(Context().get(), req, network);
  }

  testing::TempDir dir_;
  std::unique_ptr<TutornetServer> server_;
  std::string address_;
  std::string token_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

TEST_F(ServerTest, ClientReadsItsOwnWrites) {
  v1::CommandResult created, added;
  ASSERT_TRUE(CreateNetwork("r1", &created).ok());
  ASSERT_TRUE(AddRegion("r2", "ks-1", &added).ok());
  EXPECT_EQ(added.network_version(), 2u);
  v1::Network network;
  const grpc::Status s = GetNetwork(added.position_token(), &network);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(network.version(), 2u);
  ASSERT_EQ(network.history_size(), 2);
  EXPECT_EQ(network.history(1).region_added().region_id(), "ks-1");
}

TEST_F(ServerTest, RetryReturnsTheFirstResult) {
  v1::CommandResult first, retry;
  ASSERT_TRUE(CreateNetwork("r1", &first).ok());
  ASSERT_TRUE(CreateNetwork("r1", &retry).ok());
  EXPECT_TRUE(retry.deduplicated());
  EXPECT_EQ(retry.position_token(), first.position_token());
  v1::CommandResult again;
  const grpc::Status s = CreateNetwork("r2", &again);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS)
      << s.error_message();
}

TEST_F(ServerTest, VersionConflictIsAbortedWithTheCurrentVersion) {
  v1::CommandResult r;
  ASSERT_TRUE(CreateNetwork("r1", &r).ok());
  const grpc::Status s = AddRegion("r2", "ks-1", &r, /*expected=*/7);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_THAT(s.error_message(), HasSubstr("current version is 1"));
}

TEST_F(ServerTest, BadInputIsRefusedByFieldAndChangesNothing) {
  v1::CommandResult r;
  ASSERT_TRUE(CreateNetwork("r1", &r).ok());
  grpc::Status s = AddRegion("", "ks-1", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("header.request_id"));
  s = AddRegion("r2", "Bad Region", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("region_id"));
  v1::Network network;
  ASSERT_TRUE(GetNetwork("", &network).ok());
  EXPECT_EQ(network.version(), 1u);
  s = GetNetwork("not-a-token", &network);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerTest, CallsWithoutAValidTokenAreUnauthenticated) {
  v1::CommandResult r;
  grpc::Status s = CreateNetwork("r1", &r, /*authenticated=*/false);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  token_ = "tn_not-a-real-token";
  s = CreateNetwork("r1", &r);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  v1::Network network;
  EXPECT_EQ(GetNetwork("", &network).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ServerTest, RestartKeepsEverything) {
  v1::CommandResult r;
  ASSERT_TRUE(CreateNetwork("r1", &r).ok());
  ASSERT_TRUE(AddRegion("r2", "ks-1", &r).ok());
  Restart();
  EXPECT_TRUE(
      server_->admin_token_file().empty());  // Made once, at first start.
  v1::Network network;
  ASSERT_TRUE(GetNetwork(r.position_token(), &network).ok());
  EXPECT_EQ(network.version(), 2u);
  v1::CommandResult retry;
  ASSERT_TRUE(AddRegion("r2", "ks-1", &retry).ok());
  EXPECT_TRUE(retry.deduplicated());
}

TEST_F(ServerTest, DemoNetworkLoadsThroughTheApiOnce) {
  absl::StatusOr<std::string> loaded = LoadDemoNetwork(address_, dir_.path());
  ASSERT_OK(loaded);
  EXPECT_THAT(*loaded, HasSubstr("21 municipalities"));
  v1::Network network;
  ASSERT_TRUE(GetNetwork("", &network).ok());
  int regions = 0, municipalities = 0, schools = 0;
  for (const v1::RegistryEvent& e : network.history()) {
    regions += e.has_region_added();
    municipalities += e.has_municipality_assigned();
    schools += e.has_school_registered();
  }
  EXPECT_EQ(regions, 6);
  EXPECT_EQ(municipalities, 21);
  EXPECT_EQ(schools, 23);
  ASSERT_OK(LoadDemoNetwork(address_, dir_.path()));  // Retries, nothing new.
  v1::Network again;
  ASSERT_TRUE(GetNetwork("", &again).ok());
  EXPECT_EQ(again.version(), network.version());
}

class QueryTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_OK(LoadDemoNetwork(address_, dir_.path()));
  }

  grpc::Status List(v1::ListSchoolsRequest req, v1::ListSchoolsResponse* res) {
    req.set_network_id("ks");
    return stub_->ListSchools(Context().get(), req, res);
  }

  grpc::Status WhoHeld(v1::Role role, const std::string& region, int y, int m,
                       int d, v1::WhoHeldRoleResponse* res,
                       const std::string& token = "") {
    v1::WhoHeldRoleRequest req;
    req.set_network_id("ks");
    req.set_role(role);
    req.set_region_id(region);
    req.mutable_date()->set_year(y);
    req.mutable_date()->set_month(m);
    req.mutable_date()->set_day(d);
    req.set_position_token(token);
    return stub_->WhoHeldRole(Context().get(), req, res);
  }
};

TEST_F(QueryTest, ListsSchoolsByRegionLanguageAndPage) {
  v1::ListSchoolsRequest by_region;
  by_region.set_region_id("ks-jyvaskyla");
  v1::ListSchoolsResponse res;
  ASSERT_TRUE(List(by_region, &res).ok());
  EXPECT_EQ(res.schools_size(), 6);  // 4 municipalities, Jyväskylä has 3.
  for (const v1::School& s : res.schools())
    EXPECT_EQ(s.region_id(), "ks-jyvaskyla");

  v1::ListSchoolsRequest swedish;
  swedish.set_language(v1::LANGUAGE_SV);
  ASSERT_TRUE(List(swedish, &res).ok());
  ASSERT_EQ(res.schools_size(), 1);
  EXPECT_EQ(res.schools(0).school_id(), "school-jyvaskyla-sv");

  std::set<std::string> seen;
  v1::ListSchoolsRequest page;
  page.set_page_size(5);
  int pages = 0;
  do {
    ASSERT_TRUE(List(page, &res).ok());
    for (const v1::School& s : res.schools())
      EXPECT_TRUE(seen.insert(s.school_id()).second);
    page.set_page_token(res.next_page_token());
    ASSERT_LT(++pages, 10);
  } while (!res.next_page_token().empty());
  EXPECT_EQ(seen.size(), 23u);
  EXPECT_EQ(pages, 5);
}

TEST_F(QueryTest, WhoHeldARoleOnADay) {
  v1::WhoHeldRoleResponse res;
  ASSERT_TRUE(
      WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-etela", 2017, 6, 1, &res)
          .ok());
  ASSERT_EQ(res.appointments_size(), 1);
  EXPECT_EQ(res.appointments(0).appointment_id(), "coord-ks-etela-1");
  ASSERT_TRUE(
      WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-etela", 2019, 1, 1, &res)
          .ok());
  ASSERT_EQ(res.appointments_size(), 1);
  EXPECT_EQ(res.appointments(0).appointment_id(), "coord-ks-etela-2");
  ASSERT_TRUE(
      WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-etela", 2016, 1, 1, &res)
          .ok());
  EXPECT_EQ(res.appointments_size(), 0);
}

TEST_F(QueryTest, ReadsItsOwnWriteThroughThePositionToken) {
  v1::EndAppointmentRequest end;
  end.mutable_header()->set_request_id("end-1");
  end.mutable_command()->set_network_id("ks");
  end.mutable_command()->set_appointment_id("coord-ks-lansi-2");
  end.mutable_command()->mutable_end()->set_year(2020);
  end.mutable_command()->mutable_end()->set_month(7);
  end.mutable_command()->mutable_end()->set_day(31);
  v1::CommandResult written;
  ASSERT_TRUE(stub_->EndAppointment(Context().get(), end, &written).ok());
  v1::WhoHeldRoleResponse res;
  ASSERT_TRUE(WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-lansi", 2020, 8, 1,
                      &res, written.position_token())
                  .ok());
  EXPECT_EQ(res.appointments_size(), 0);
}

TEST_F(QueryTest, BadQueriesNameTheField) {
  v1::ListSchoolsRequest big;
  big.set_page_size(5000);
  v1::ListSchoolsResponse res;
  grpc::Status s = List(big, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_size"));
  v1::ListSchoolsRequest token;
  token.set_page_token("garbage");
  EXPECT_EQ(List(token, &res).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::WhoHeldRoleResponse held;
  s = WhoHeld(v1::ROLE_MENTOR, "", 2021, 2, 29, &held);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("date"));
  s = WhoHeld(v1::ROLE_UNSPECIFIED, "", 2021, 2, 1, &held);
  EXPECT_THAT(s.error_message(), HasSubstr("role"));
  v1::ListSchoolsRequest other;
  other.set_network_id("nowhere");
  s = stub_->ListSchools(Context().get(), other, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(QueryTest, ReadModelIsRebuiltOnRestart) {
  Restart();
  v1::ListSchoolsRequest all;
  all.set_page_size(1000);
  v1::ListSchoolsResponse res;
  // The read model replays the log in the background; a token for the last
  // write makes the read wait for it.
  all.set_position_token(absl::StrCat(98));
  ASSERT_TRUE(List(all, &res).ok());
  EXPECT_EQ(res.schools_size(), 23);
}

// Every RPC × every role, through the real server: allowed calls succeed,
// denied ones are PERMISSION_DENIED and change nothing.
class AccessTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    access_ = v1::AccessService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
    admin_ = token_;
    tokens_["admin"] = admin_;
    tokens_["network"] =
        MakeToken("person-200", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "ks", {});
    tokens_["regional"] = MakeToken(
        "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
    tokens_["tutor"] = MakeToken("person-1", v1::ACCESS_ROLE_TUTOR, "ks", {});
    tokens_["funder"] =
        MakeToken("funder-oph", v1::ACCESS_ROLE_FUNDER, "ks", {});
    tokens_["stranger"] =
        MakeToken("person-900", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz", {});
  }

  std::string MakeToken(const std::string& id, v1::AccessRole role,
                        const std::string& network,
                        const std::vector<std::string>& regions) {
    v1::CreateTokenRequest req;
    req.set_principal_id(id);
    req.set_role(role);
    req.set_network_id(network);
    for (const std::string& r : regions) req.add_region_ids(r);
    v1::CreateTokenResponse res;
    token_ = admin_;
    const grpc::Status s = access_->CreateToken(Context().get(), req, &res);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return res.token();
  }

  uint64_t NetworkVersion() {
    token_ = admin_;
    v1::Network network;
    EXPECT_TRUE(GetNetwork("", &network).ok());
    return network.version();
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
      v1::CreateTokenResponse res;
      return access_->CreateToken(Context().get(), req, &res);
    }
    v1::RevokeTokenRequest req;  // RevokeToken: the stranger's token.
    req.set_principal_id("person-900");
    v1::RevokeTokenResponse res;
    return access_->RevokeToken(Context().get(), req, &res);
  }

  std::unique_ptr<v1::AccessService::Stub> access_;
  std::string admin_;
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
