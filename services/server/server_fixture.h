// Test fixtures for tutornetd's gRPC API: a real server on 127.0.0.1 with
// a picked port, real event logs in a temp dir, a real channel.
#ifndef TUTORNET_SERVICES_SERVER_SERVER_FIXTURE_H_
#define TUTORNET_SERVICES_SERVER_SERVER_FIXTURE_H_

#include <grpcpp/grpcpp.h>

#include <fstream>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "services/server/demo_network.h"
#include "services/server/server.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tutornet/v1/access_service.grpc.pb.h"
#include "tutornet/v1/operations_service.grpc.pb.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

namespace tutornet::server {

using ::testing::HasSubstr;

// A fresh server with its first admin token in token_.
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
    options.http_listen = "127.0.0.1:0";
    options.data_dir = dir_.path();
    options.sign_interval = sign_interval_;
    options.clock = clock_;
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
    if (expected.has_value()) req.mutable_header()->set_exact(*expected);
    req.mutable_command()->set_network_id("ks");
    req.mutable_command()->set_region_id(region);
    req.mutable_command()->mutable_name()->set_fi("Alue");
    return stub_->AddRegion(Context().get(), req, result);
  }

  grpc::Status GetNetwork(const std::string& token, v1::Network* network) {
    v1::GetNetworkRequest req;
    req.set_network_id("ks");
    if (!token.empty()) req.add_position_tokens(token);
    return stub_->GetNetwork(Context().get(), req, network);
  }

  testing::TempDir dir_;
  absl::Duration sign_interval_ = absl::Minutes(1);  // Set before SetUp.
  std::function<absl::Time()> clock_;  // The logs' clock; empty: now.
  std::unique_ptr<TutornetServer> server_;
  std::string address_;
  std::string token_;
  std::unique_ptr<v1::RegistryService::Stub> stub_;
};

// The same, with the demo network loaded (without its hours: the tests
// of hours make their own, on fixed days).
class QueryTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_OK(LoadDemoNetwork(address_, dir_.path(), /*hours=*/false));
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
    if (!token.empty()) req.add_position_tokens(token);
    return stub_->WhoHeldRole(Context().get(), req, res);
  }
};

// The demo network with the admin's token in admin_ and a way to make
// tokens for other principals.
class TokensTest : public QueryTest {
 protected:
  void SetUp() override {
    QueryTest::SetUp();
    admin_ = token_;
    Connect();
  }

  // New stubs for the server at address_; a service's fixture adds its
  // own stubs after these.
  virtual void Connect() {
    auto channel =
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    access_ = v1::AccessService::NewStub(channel);
    operations_ = v1::OperationsService::NewStub(channel);
  }

  // Restart (same data directory) and connect again.
  void RestartServer() {
    Restart();
    Connect();
  }

  static absl::Status FromGrpc(const grpc::Status& s) {
    return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                        s.error_message());
  }

  // The head of the server's log `log` ("activity", "training"), as the
  // admin sees it through the projections that follow it.
  uint64_t LogHead(const std::string& log) {
    token_ = admin_;
    v1::ListProjectionsResponse res;
    EXPECT_TRUE(operations_->ListProjections(Context().get(), {}, &res).ok());
    for (const v1::ProjectionStatus& p : res.projections()) {
      for (const v1::ProjectionSource& s : p.sources()) {
        if (s.log() == log) return s.head();
      }
    }
    ADD_FAILURE() << "no projection follows the " << log << " log";
    return 0;
  }

  std::string MakeToken(const std::string& id, v1::AccessRole role,
                        const std::string& network,
                        const std::vector<std::string>& scope = {}) {
    // The scope is a regional coordinator's regions, a funder's projects.
    v1::CreateTokenRequest req;
    req.set_principal_id(id);
    req.set_role(role);
    req.set_network_id(network);
    for (const std::string& s : scope) {
      if (role == v1::ACCESS_ROLE_FUNDER) {
        req.add_project_ids(s);
      } else {
        req.add_region_ids(s);
      }
    }
    v1::CreateTokenResponse res;
    token_ = admin_;
    const grpc::Status s = access_->CreateToken(Context().get(), req, &res);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return res.token();
  }

  // Records a person's name and e-mail as the holder of token `as`.
  grpc::Status RecordPerson(const std::string& as, const std::string& id,
                            const std::string& email,
                            const std::string& request_id,
                            v1::CommandResult* res = nullptr) {
    token_ = as;
    v1::RecordPersonRequest req;
    req.mutable_header()->set_request_id(request_id);
    req.mutable_person()->set_person_id(id);
    req.mutable_person()->set_name("Aino Esimerkki");
    req.mutable_person()->set_email(email);
    v1::CommandResult ignored;
    return stub_->RecordPerson(Context().get(), req,
                               res == nullptr ? &ignored : res);
  }

  grpc::Status AddRegionAs(const std::string& as, const std::string& request_id,
                           const std::string& region,
                           v1::CommandResult* result) {
    token_ = as;
    return AddRegion(request_id, region, result);
  }

  // The demo network's version, read as the admin.
  uint64_t NetworkVersion() {
    token_ = admin_;
    v1::Network network;
    EXPECT_TRUE(GetNetwork("", &network).ok());
    return network.version();
  }

  std::string admin_;
  std::unique_ptr<v1::AccessService::Stub> access_;
  std::unique_ptr<v1::OperationsService::Stub> operations_;
};

// TokensTest with tokens for the demo network's usual principals, which
// the services' fixtures (activity_fixture.h, training_fixture.h) share:
//   network_   person-200, network coordinator of ks
//   regional_  person-102, regional coordinator of ks-jyvaskyla
//   south_     person-104, regional coordinator of ks-etela
//   tutor_     person-1, tutor at school-jyvaskyla-1 (ks-jyvaskyla)
class PrincipalsTest : public TokensTest {
 protected:
  void SetUp() override {
    TokensTest::SetUp();
    network_ =
        MakeToken("person-200", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "ks");
    regional_ = MakeToken("person-102", v1::ACCESS_ROLE_REGIONAL_COORDINATOR,
                          "ks", {"ks-jyvaskyla"});
    south_ = MakeToken("person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks",
                       {"ks-etela"});
    tutor_ = MakeToken("person-1", v1::ACCESS_ROLE_TUTOR, "ks");
  }

  std::string network_, regional_, south_, tutor_;
};

// PrincipalsTest for a service whose tests write requests in text format
// (training_fixture.h, badges_fixture.h, development_fixture.h): the
// service's stub, commands by name with fresh request ids, and reads that
// wait for the last writes. A fixture adds Dispatch, the table of its
// command RPCs.
template <typename Service>
class ServiceTest : public PrincipalsTest {
 protected:
  using Stub = typename Service::Stub;

  void Connect() override {
    PrincipalsTest::Connect();
    service_ = Service::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  // `text` parsed as a Request and sent by `method` as `as`.
  template <typename Request, typename Response, typename Method>
  grpc::Status Send(Method method, const std::string& as,
                    const std::string& text, Response* res) {
    Request req;
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &req))
        << text;
    token_ = as;
    return (service_.get()->*method)(Context().get(), req, res);
  }

  // The command RPC `rpc` with `text` (a header included) as its request.
  virtual grpc::Status Dispatch(const std::string& rpc, const std::string& as,
                                const std::string& text,
                                v1::CommandResult* res) = 0;

  // A command by name, with a fresh request id (waiting for the registry's
  // write in registry_token_, if any) unless the text has a header.
  // Remembers its position token for the next read.
  grpc::Status Call(const std::string& rpc, const std::string& as,
                    const std::string& text, v1::CommandResult* out = nullptr) {
    std::string full = text;
    if (text.find("header") == std::string::npos) {
      full = absl::StrCat(
          "header { request_id: \"rq-", ++requests_, "\"",
          registry_token_.empty()
              ? ""
              : absl::StrCat(" position_tokens: \"", registry_token_, "\""),
          " } ", text);
    }
    v1::CommandResult res;
    const grpc::Status s = Dispatch(rpc, as, full, &res);
    if (s.ok() && !res.position_token().empty()) {
      last_token_ = res.position_token();
    }
    if (out != nullptr) *out = res;
    return s;
  }

  // A query by method, after the last writes (last_token_, other_token_).
  template <typename Request, typename Response, typename Method>
  grpc::Status Read(Method method, const std::string& as, std::string text,
                    Response* res) {
    for (const std::string* token : {&last_token_, &other_token_}) {
      if (token->empty()) continue;
      text = absl::StrCat("position_tokens: \"", *token, "\" ", text);
    }
    return Send<Request>(method, as, text, res);
  }

  std::unique_ptr<Stub> service_;
  // The last command's token; a write to another log the next reads must
  // see (hours, for the development service); the registry's last write.
  std::string last_token_, other_token_, registry_token_;
  int requests_ = 0;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_SERVER_FIXTURE_H_
