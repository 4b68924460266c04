// Test fixture for the badge service: the demo network (without its
// hours), tokens for every role (PrincipalsTest's network_, regional_,
// south_, tutor_ = person-1, and)
//   colleague_  person-2, a tutor
//   reviewer_   person-3, who reviews "cloud" and "safety"
//   head_       person-50, principal of school-jyvaskyla-1 (appointed here)
//   funder_     funder-oph, funder of ks
// and three classes: "cloud" (level 1, colleague and supervisor
// recognition), "safety" (level 1), "video" (level 2). person-1's e-mail
// is on record. Requests are text format: Call("ApplyForBadge", as, "...").
// The public documents are fetched over HTTP: Http("/ob/v3/jwks").
#ifndef TUTORNET_SERVICES_SERVER_BADGES_FIXTURE_H_
#define TUTORNET_SERVICES_SERVER_BADGES_FIXTURE_H_

#include <google/protobuf/text_format.h>
#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "services/server/server_fixture.h"
#include "tutornet/v1/badges_service.grpc.pb.h"

namespace tutornet::server {

class BadgesTest : public ServiceTest<v1::BadgeService> {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    colleague_ = MakeToken("person-2", v1::ACCESS_ROLE_TUTOR, "ks");
    reviewer_ = MakeToken("person-3", v1::ACCESS_ROLE_TUTOR, "ks");
    head_ = MakeToken("person-50", v1::ACCESS_ROLE_TUTOR, "ks");
    funder_ =
        MakeToken("funder-oph", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-tutor"});
    AppointPrincipal();
    RecordEmail("person-1", "Liisa.Tutor@koulu.example.fi");
    DefineClass("cloud", "COMPETENCE_LEVEL_BASIC",
                "colleague_recognition: true supervisor_recognition: true");
    DefineClass("safety", "COMPETENCE_LEVEL_BASIC");
    DefineClass("video", "COMPETENCE_LEVEL_ADVANCED");
  }

  void DefineClass(const std::string& id, const std::string& level,
                   const std::string& extra = "") {
    ASSERT_TRUE(
        Call("DefineBadgeClass", network_,
             absl::StrCat("command { network_id: \"ks\" badge_class { "
                          "class_id: \"",
                          id, "\" name { fi: \"Merkki ", id, "\" sv: \"Märke ",
                          id,
                          "\" } description { fi: \"Kuvaus\" } "
                          "criteria { fi: \"Kriteerit\" } level: ",
                          level, " reviewer_ids: \"person-3\" ", extra, " } }"))
            .ok());
  }

  void AppointPrincipal() {
    v1::AppointRoleRequest req;
    req.mutable_header()->set_request_id("appoint-head");
    v1::AppointRole& a = *req.mutable_command();
    a.set_network_id("ks");
    a.set_appointment_id("head-jyvaskyla-1");
    a.set_person_id("person-50");
    a.set_role(v1::ROLE_PRINCIPAL);
    a.mutable_scope()->add_school_ids("school-jyvaskyla-1");
    *a.mutable_start() = ParseDate("year: 2020 month: 1 day: 1");
    token_ = admin_;
    v1::CommandResult res;
    const grpc::Status s = stub_->AppointRole(Context().get(), req, &res);
    ASSERT_TRUE(s.ok()) << s.error_message();
    registry_token_ = res.position_token();
  }

  void RecordEmail(const std::string& person, const std::string& email) {
    v1::RecordPersonRequest req;
    req.mutable_header()->set_request_id(absl::StrCat("person-", person));
    req.mutable_person()->set_person_id(person);
    req.mutable_person()->set_name("Liisa Tutor");
    req.mutable_person()->set_email(email);
    token_ = admin_;
    v1::CommandResult res;
    const grpc::Status s = stub_->RecordPerson(Context().get(), req, &res);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  static v1::Date ParseDate(const std::string& text) {
    v1::Date d;
    google::protobuf::TextFormat::ParseFromString(text, &d);
    return d;
  }

  grpc::Status Dispatch(const std::string& rpc, const std::string& as,
                        const std::string& text,
                        v1::CommandResult* res) override {
    using S = v1::BadgeService::Stub;
#define TUTORNET_RPC(Name)                                                \
  if (rpc == #Name) {                                                     \
    return Send<v1::Name##Request, v1::CommandResult>(&S::Name, as, text, \
                                                      res);               \
  }
    TUTORNET_RPC(DefineBadgeClass)
    TUTORNET_RPC(NameReviewers)
    TUTORNET_RPC(RetireBadgeClass)
    TUTORNET_RPC(ApplyForBadge)
    TUTORNET_RPC(RecogniseApplication)
    TUTORNET_RPC(ReviewApplication)
    TUTORNET_RPC(ReviseApplication)
    TUTORNET_RPC(ImportAward)
    TUTORNET_RPC(RevokeAward)
#undef TUTORNET_RPC
    ADD_FAILURE() << "no command " << rpc;
    return grpc::Status::CANCELLED;
  }

  grpc::Status PersonBadges(const std::string& as, const std::string& person,
                            v1::PersonBadges* out) {
    return Read<v1::ListPersonBadgesRequest>(
        &v1::BadgeService::Stub::ListPersonBadges, as,
        absl::StrCat("network_id: \"ks\" person_id: \"", person, "\""), out);
  }

  grpc::Status Credential(const std::string& as, const std::string& person,
                          const std::string& award, v1::Credential* out) {
    return Read<v1::GetCredentialRequest>(
        &v1::BadgeService::Stub::GetCredential, as,
        absl::StrCat("network_id: \"ks\" person_id: \"", person,
                     "\" award_id: \"", award, "\""),
        out);
  }

  // GET `path` from the public documents.
 public:
  httplib::Result Http(const std::string& path) {
    httplib::Client client("127.0.0.1", server_->http_port());
    client.set_connection_timeout(5, 0);
    client.set_read_timeout(5, 0);
    return client.Get(path.c_str());
  }

 protected:
  // person-1 applies for "cloud" as application `id` and gets it through
  // both recognitions and an accepting review.
  void EarnCloud(const std::string& id) {
    ASSERT_TRUE(Call("ApplyForBadge", tutor_,
                     absl::StrCat("command { network_id: \"ks\" person_id: "
                                  "\"person-1\" application_id: \"",
                                  id,
                                  "\" class_id: \"cloud\" school_id: "
                                  "\"school-jyvaskyla-1\" evidence { "
                                  "narrative: \"Koulutin kollegoita.\" } }"))
                    .ok());
    for (const auto& [as, kind] :
         {std::pair{colleague_, "RECOGNITION_KIND_COLLEAGUE"},
          std::pair{head_, "RECOGNITION_KIND_SUPERVISOR"}}) {
      const grpc::Status s =
          Call("RecogniseApplication", as,
               absl::StrCat("command { network_id: \"ks\" person_id: "
                            "\"person-1\" application_id: \"",
                            id, "\" kind: ", kind, " }"));
      ASSERT_TRUE(s.ok()) << s.error_message();
    }
    const grpc::Status s = Call(
        "ReviewApplication", reviewer_,
        absl::StrCat("command { network_id: \"ks\" person_id: \"person-1\" "
                     "application_id: \"",
                     id, "\" outcome: REVIEW_OUTCOME_ACCEPT }"));
    ASSERT_TRUE(s.ok()) << s.error_message();
  }

  std::string colleague_, reviewer_, head_, funder_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_BADGES_FIXTURE_H_
