// Personal data end to end: kept apart from the registry's audited events,
// visible to the person and to coordinators of people whose roles are all
// in their network (and their regions, to change them), never to funders.
#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

class PeopleTest : public TokensTest {
 protected:
  std::string TokenFor(const std::string& id, v1::AccessRole role) {
    if (role == v1::ACCESS_ROLE_FUNDER)
      return MakeToken(id, role, "ks", {"oph-1"});
    return MakeToken(id, role, "ks");
  }

  grpc::Status Get(const std::string& as, const std::string& id,
                   v1::Person* person) {
    token_ = as;
    v1::GetPersonRequest req;
    req.set_person_id(id);
    return stub_->GetPerson(Context().get(), req, person);
  }
};

TEST_F(PeopleTest, PersonalDataStaysOutOfTheRegistryLog) {
  ASSERT_TRUE(
      RecordPerson(admin_, "person-1", "aino@example.invalid", "p1").ok());
  v1::Person person;
  ASSERT_TRUE(Get(admin_, "person-1", &person).ok());
  EXPECT_EQ(person.email(), "aino@example.invalid");
  token_ = admin_;
  v1::Network network;
  ASSERT_TRUE(GetNetwork("", &network).ok());
  for (const v1::RegistryEvent& e : network.history()) {
    ASSERT_THAT(e.DebugString(),
                ::testing::Not(HasSubstr("aino@example.invalid")));
    ASSERT_THAT(e.DebugString(), ::testing::Not(HasSubstr("Esimerkki")));
  }
}

TEST_F(PeopleTest, ThePersonAndCoordinatorsSeeItFundersDoNot) {
  ASSERT_TRUE(
      RecordPerson(admin_, "person-1", "aino@example.invalid", "p1").ok());
  ASSERT_TRUE(RecordPerson(admin_, "person-2", "", "p2").ok());
  const std::string tutor = TokenFor("person-1", v1::ACCESS_ROLE_TUTOR);
  const std::string funder = TokenFor("funder-1", v1::ACCESS_ROLE_FUNDER);
  const std::string coordinator =
      TokenFor("person-200", v1::ACCESS_ROLE_NETWORK_COORDINATOR);
  v1::Person person;
  EXPECT_TRUE(Get(tutor, "person-1", &person).ok());
  EXPECT_TRUE(RecordPerson(tutor, "person-1", "aino.e@example.invalid", "p3")
                  .ok());  // Own profile.
  EXPECT_TRUE(Get(coordinator, "person-1", &person).ok());
  EXPECT_EQ(person.email(), "aino.e@example.invalid");
  EXPECT_EQ(Get(tutor, "person-2", &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(RecordPerson(tutor, "person-2", "", "p4").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get(funder, "person-1", &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PeopleTest, ExpectedVersionGuardsPersonalData) {
  ASSERT_TRUE(RecordPerson(admin_, "person-1", "", "p1").ok());
  token_ = admin_;
  v1::RecordPersonRequest req;
  req.mutable_header()->set_request_id("p2");
  req.mutable_header()->set_exact(5);
  req.mutable_person()->set_person_id("person-1");
  req.mutable_person()->set_name("Aino");
  v1::CommandResult res;
  grpc::Status s = stub_->RecordPerson(Context().get(), req, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  req.mutable_header()->set_request_id("p3");
  req.mutable_header()->set_exact(1);
  s = stub_->RecordPerson(Context().get(), req, &res);
  EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(PeopleTest, BadPersonalDataIsRefused) {
  grpc::Status s = RecordPerson(admin_, "person-1", "not-an-address", "p1");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("person.email"));
  s = RecordPerson(admin_, "Person 1", "", "p2");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::Person person;
  EXPECT_EQ(Get(admin_, "person-1", &person).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(PeopleTest, PersonalDataOnlyWithinTheCoordinatorsNetwork) {
  v1::CommandResult r;
  ASSERT_TRUE(RecordPerson(admin_, "person-admin", "admin@tutornet.fi",
                           "admin-self", &r)
                  .ok());
  ASSERT_TRUE(
      RecordPerson(admin_, "person-101", "tutor@ks.fi", "p101", &r).ok());
  const std::string stranger =
      MakeToken("person-903", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  const std::string regional = MakeToken(
      "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
  v1::Person person;
  v1::GetPersonRequest get;
  get.set_person_id("person-101");
  token_ = stranger;
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  get.set_person_id("person-admin");
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(RecordPerson(regional, "person-admin", "evil@x.fi", "evil", &r)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  token_ = admin_;
  ASSERT_TRUE(stub_->GetPerson(Context().get(), get, &person).ok());
  EXPECT_EQ(person.email(), "admin@tutornet.fi");
}

TEST_F(PeopleTest, AFutureAppointmentGrantsNoPersonalData) {
  v1::CommandResult r;
  ASSERT_TRUE(RecordPerson(admin_, "person-101", "t@ks.fi", "pd-1", &r).ok());
  // A coordinator of another network appoints a ks tutor into its own
  // network from 2199 on: not a role held, so no access.
  token_ = admin_;
  v1::CreateNetworkRequest create;
  create.mutable_header()->set_request_id("pd-net");
  create.mutable_command()->set_network_id("zz");
  create.mutable_command()->mutable_name()->set_fi("Zeta");
  create.mutable_command()->set_coordinating_municipality_id("zeta");
  ASSERT_TRUE(stub_->CreateNetwork(Context().get(), create, &r).ok());
  const std::string zz =
      MakeToken("person-950", v1::ACCESS_ROLE_NETWORK_COORDINATOR, "zz");
  token_ = zz;
  v1::AppointRoleRequest grab;
  grab.mutable_header()->set_request_id("grab");
  grab.mutable_command()->set_network_id("zz");
  grab.mutable_command()->set_appointment_id("grab-1");
  grab.mutable_command()->set_person_id("person-101");
  grab.mutable_command()->set_role(v1::ROLE_STAKEHOLDER_REPRESENTATIVE);
  grab.mutable_command()->mutable_start()->set_year(2199);
  grab.mutable_command()->mutable_start()->set_month(1);
  grab.mutable_command()->mutable_start()->set_day(1);
  ASSERT_TRUE(stub_->AppointRole(Context().get(), grab, &r).ok());
  v1::GetPersonRequest get;
  get.set_person_id("person-101");
  v1::Person person;
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Back-dated, the role is held, but in two networks now: the appointer
  // still gets nothing, and neither may change it.
  grab.mutable_header()->set_request_id("grab-2");
  grab.mutable_command()->set_appointment_id("grab-2");
  grab.mutable_command()->mutable_start()->set_year(2000);
  *grab.mutable_command()->mutable_end() = grab.command().start();
  const grpc::Status appointed = stub_->AppointRole(Context().get(), grab, &r);
  ASSERT_TRUE(appointed.ok()) << appointed.error_message();
  EXPECT_EQ(stub_->GetPerson(Context().get(), get, &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      RecordPerson(zz, "person-101", "x@evil.fi", "grab-3", &r).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  token_ = admin_;
  ASSERT_TRUE(stub_->GetPerson(Context().get(), get, &person).ok());
  EXPECT_EQ(person.email(), "t@ks.fi");
}

TEST_F(PeopleTest, RegionalCoordinatorsDoNotChangeTheirCoordinators) {
  v1::CommandResult r;
  // person-200 is the demo network's coordinator.
  ASSERT_TRUE(RecordPerson(admin_, "person-200", "nc@ks.fi", "pd-2", &r).ok());
  const std::string regional = MakeToken(
      "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
  EXPECT_EQ(RecordPerson(regional, "person-200", "evil@x.fi", "pd-3", &r)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PeopleTest, RegionalCoordinatorsChangeOnlyTheirRegionsPeople) {
  v1::CommandResult r;
  // person-1 tutors in ks-jyvaskyla, outside ks-etela.
  ASSERT_TRUE(RecordPerson(admin_, "person-1", "t1@ks.fi", "pd-4", &r).ok());
  const std::string south = MakeToken(
      "person-104", v1::ACCESS_ROLE_REGIONAL_COORDINATOR, "ks", {"ks-etela"});
  EXPECT_EQ(
      RecordPerson(south, "person-1", "evil@x.fi", "pd-5", &r).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace tutornet::server
