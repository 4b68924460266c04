// Personal data end to end: kept apart from the registry's audited events,
// visible to coordinators and the person, never to funders.
#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

class PeopleTest : public TokensTest {
 protected:
  std::string TokenFor(const std::string& id, v1::AccessRole role) {
    return MakeToken(id, role, "ks");
  }

  grpc::Status Record(const std::string& as, const std::string& id,
                      const std::string& email, const std::string& request_id) {
    token_ = as;
    v1::RecordPersonRequest req;
    req.mutable_header()->set_request_id(request_id);
    req.mutable_person()->set_person_id(id);
    req.mutable_person()->set_name("Aino Esimerkki");
    req.mutable_person()->set_email(email);
    v1::CommandResult res;
    return stub_->RecordPerson(Context().get(), req, &res);
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
  ASSERT_TRUE(Record(admin_, "person-1", "aino@example.invalid", "p1").ok());
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
  ASSERT_TRUE(Record(admin_, "person-1", "aino@example.invalid", "p1").ok());
  ASSERT_TRUE(Record(admin_, "person-2", "", "p2").ok());
  const std::string tutor = TokenFor("person-1", v1::ACCESS_ROLE_TUTOR);
  const std::string funder = TokenFor("funder-1", v1::ACCESS_ROLE_FUNDER);
  const std::string coordinator =
      TokenFor("person-200", v1::ACCESS_ROLE_NETWORK_COORDINATOR);
  v1::Person person;
  EXPECT_TRUE(Get(tutor, "person-1", &person).ok());
  EXPECT_TRUE(Record(tutor, "person-1", "aino.e@example.invalid", "p3")
                  .ok());  // Own profile.
  EXPECT_TRUE(Get(coordinator, "person-1", &person).ok());
  EXPECT_EQ(person.email(), "aino.e@example.invalid");
  EXPECT_EQ(Get(tutor, "person-2", &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Record(tutor, "person-2", "", "p4").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get(funder, "person-1", &person).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(PeopleTest, ExpectedVersionGuardsPersonalData) {
  ASSERT_TRUE(Record(admin_, "person-1", "", "p1").ok());
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
  grpc::Status s = Record(admin_, "person-1", "not-an-address", "p1");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("person.email"));
  s = Record(admin_, "Person 1", "", "p2");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::Person person;
  EXPECT_EQ(Get(admin_, "person-1", &person).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tutornet::server
