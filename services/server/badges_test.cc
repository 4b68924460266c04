// The badge service end to end through the real server: apply, return,
// revise, recognise, accept; the level badge; the credential fetched over
// gRPC and verified offline with the keys fetched over HTTP, and by an
// independent implementation (Python's cryptography); revocation seen in
// the status list and the OB 2.0 assertion; everything after a restart.
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/badges/credentials/jose.h"
#include "services/badges/credentials/status_list.h"
#include "services/badges/credentials/verify.h"
#include "services/server/badges_fixture.h"
#include "services/values/dates.h"

namespace tutornet::server {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using Verdict = credentials::Verification::Verdict;

json HttpJson(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no answer";
  if (!r) return json();
  return json::parse(r->body, nullptr, false);
}

// Verifies `jwt` as a verifier would: the keys and the status list it
// names, fetched over HTTP.
credentials::Verification VerifyOnline(BadgesTest& t, const std::string& jwt,
                                       const std::string& email) {
  httplib::Result keys = t.Http("/ob/v3/jwks");
  httplib::Result list = t.Http("/ob/v3/status/ks");
  EXPECT_TRUE(keys && list);
  return credentials::VerifyCredential(
      {jwt, json::parse(keys->body), list->body, email, absl::Now()});
}

// RS256 checked by Python's `cryptography`, from the JWK set alone.
std::string VerifyWithPython(const std::string& dir, const std::string& jwt,
                             const std::string& jwks) {
  const std::string jwt_file = dir + "/credential.jwt";
  const std::string jwks_file = dir + "/jwks.json";
  std::ofstream(jwt_file) << jwt;
  std::ofstream(jwks_file) << jwks;
  const std::string script = R"PY(
import base64, json, sys
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
def b64(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
token = open(sys.argv[1]).read().strip()
header, payload, signature = token.split(".")
kid = json.loads(b64(header))["kid"]
key = [k for k in json.load(open(sys.argv[2]))["keys"] if k["kid"] == kid][0]
public = rsa.RSAPublicNumbers(int.from_bytes(b64(key["e"]), "big"),
                              int.from_bytes(b64(key["n"]), "big")).public_key()
try:
    public.verify(b64(signature), (header + "." + payload).encode(),
                  padding.PKCS1v15(), hashes.SHA256())
    print("valid")
except Exception:
    print("invalid")
)PY";
  const std::string script_file = dir + "/verify.py";
  std::ofstream(script_file) << script;
  const std::string command = absl::StrCat("python3 ", script_file, " ",
                                           jwt_file, " ", jwks_file, " 2>&1");
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buffer[256];
  while (pipe != nullptr && std::fgets(buffer, sizeof(buffer), pipe)) {
    out += buffer;
  }
  if (pipe != nullptr) ::pclose(pipe);
  return out;
}

TEST_F(BadgesTest, ApplyReturnReviseAcceptCredentialVerifiedThenRevoked) {
  const std::string apply =
      "command { network_id: \"ks\" person_id: \"person-1\" application_id: "
      "\"cloud-1\" class_id: \"cloud\" school_id: \"school-jyvaskyla-1\" "
      "evidence { narrative: \"Pidin pilvikoulutuksen.\" } }";
  ASSERT_TRUE(Call("ApplyForBadge", tutor_, apply).ok());
  // The reviewer sees it in the queue; the applicant never sees their own.
  v1::ReviewQueue queue;
  ASSERT_TRUE(
      Read<v1::ListReviewQueueRequest>(&v1::BadgeService::Stub::ListReviewQueue,
                                       reviewer_, "network_id: \"ks\"", &queue)
          .ok());
  ASSERT_EQ(queue.applications_size(), 1);
  EXPECT_EQ(queue.applications(0).application_id(), "cloud-1");

  ASSERT_TRUE(Call("ReviewApplication", reviewer_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "application_id: \"cloud-1\" outcome: REVIEW_OUTCOME_RETURN "
                   "comment: \"Lisää linkki materiaaliin.\" }")
                  .ok());
  ASSERT_TRUE(Call("ReviseApplication", tutor_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "application_id: \"cloud-1\" evidence { narrative: "
                   "\"Pidin pilvikoulutuksen.\" url: "
                   "\"https://oppimateriaali.example.fi/pilvi\" } note: "
                   "\"Linkki lisätty.\" }")
                  .ok());
  // Acceptance waits for both recognitions.
  grpc::Status early = Call("ReviewApplication", reviewer_,
                            "command { network_id: \"ks\" person_id: "
                            "\"person-1\" application_id: \"cloud-1\" "
                            "outcome: REVIEW_OUTCOME_ACCEPT }");
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(early.error_message(), HasSubstr("still needs recognition"));
  for (const auto& [as, kind] :
       {std::pair{colleague_, "RECOGNITION_KIND_COLLEAGUE"},
        std::pair{head_, "RECOGNITION_KIND_SUPERVISOR"}}) {
    ASSERT_TRUE(Call("RecogniseApplication", as,
                     absl::StrCat("command { network_id: \"ks\" person_id: "
                                  "\"person-1\" application_id: \"cloud-1\" "
                                  "kind: ",
                                  kind, " }"))
                    .ok());
  }
  ASSERT_TRUE(Call("ReviewApplication", reviewer_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "application_id: \"cloud-1\" outcome: REVIEW_OUTCOME_ACCEPT "
                   "}")
                  .ok());

  // Importing the other level-1 class completes the level.
  ASSERT_TRUE(Call("ImportAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "award_id: \"safety-obf\" class_id: \"safety\" school_id: "
                   "\"school-jyvaskyla-1\" issued_on { year: 2024 month: 5 "
                   "day: 20 } source: \"Open Badge Factory\" }")
                  .ok());
  v1::PersonBadges mine;
  ASSERT_TRUE(PersonBadges(tutor_, "person-1", &mine).ok());
  ASSERT_EQ(mine.awards_size(), 3);
  std::map<std::string, v1::Award> awards;
  for (const v1::Award& a : mine.awards()) awards[a.award_id()] = a;
  ASSERT_EQ(awards.count("level-1"), 1u);
  EXPECT_TRUE(awards["level-1"].level_badge());
  EXPECT_EQ(awards["level-1"].completed_by(), "safety-obf");
  EXPECT_EQ(awards["cloud-1"].evidence(0).url(),
            "https://oppimateriaali.example.fi/pilvi");
  ASSERT_EQ(mine.applications_size(), 1);
  EXPECT_EQ(mine.applications(0).status(), v1::APPLICATION_STATUS_ACCEPTED);
  EXPECT_EQ(mine.applications(0).reviews_size(), 2);

  // The credential, verified offline and independently.
  v1::Credential cloud, safety;
  ASSERT_TRUE(Credential(tutor_, "person-1", "cloud-1", &cloud).ok());
  ASSERT_TRUE(Credential(tutor_, "person-1", "safety-obf", &safety).ok());
  EXPECT_EQ(cloud.jwt().find("Liisa"), std::string::npos);
  credentials::Verification v =
      VerifyOnline(*this, cloud.jwt(), "liisa.tutor@koulu.example.fi");
  EXPECT_EQ(v.verdict, Verdict::kValid) << v.reason;
  EXPECT_EQ(v.credential["credentialSubject"]["achievement"]["id"],
            absl::StrCat("http://127.0.0.1:", server_->http_port(),
                         "/ob/v3/achievements/ks/cloud"));
  httplib::Result jwks = Http("/ob/v3/jwks");
  ASSERT_TRUE(jwks);
  EXPECT_EQ(VerifyWithPython(dir_.path(), cloud.jwt(), jwks->body), "valid\n");
  std::string forged = cloud.jwt();
  forged[forged.find('.') + 5] ^= 1;
  EXPECT_EQ(VerifyWithPython(dir_.path(), forged, jwks->body), "invalid\n");
  // The kid dereferences to the key.
  const json header = json::parse(*credentials::Base64UrlDecode(
      cloud.jwt().substr(0, cloud.jwt().find('.'))));
  const std::string kid = header["kid"];
  const std::string key_path = kid.substr(kid.find("/ob/"));
  EXPECT_EQ(HttpJson(Http(key_path))["n"],
            json::parse(jwks->body)["keys"][0]["n"]);
  // The achievement, issuer and OB 2.0 documents are public.
  EXPECT_EQ(HttpJson(Http("/ob/v3/achievements/ks/cloud"))["name"],
            "Merkki cloud");
  EXPECT_EQ(HttpJson(Http("/ob/v3/achievements/ks/cloud?lang=sv"))["name"],
            "Märke cloud");
  EXPECT_EQ(HttpJson(Http("/ob/v3/issuers/ks"))["type"][0], "Profile");
  // The OB 2.0 assertion's URL carries an unguessable tag.
  const std::string ob2 = safety.ob2_assertion_url().substr(
      safety.ob2_assertion_url().find("/ob/"));
  EXPECT_EQ(Http("/ob/v2/assertions/ks/person-1/safety-obf")->status, 404);
  EXPECT_EQ(Http("/ob/v2/assertions/ks/person-1/safety-obf/"
                 "AAAAAAAAAAAAAAAAAAAAAA")
                ->status,
            404);
  httplib::Result assertion = Http(ob2);
  ASSERT_TRUE(assertion);
  EXPECT_EQ(assertion->status, 200);
  EXPECT_EQ(HttpJson(assertion)["recipient"]["hashed"], true);
  EXPECT_EQ(assertion->body.find("koulu.example.fi"), std::string::npos);

  // Revoking "safety" takes the level badge with it; verifiers see both.
  ASSERT_TRUE(Call("RevokeAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "award_id: \"safety-obf\" reason: \"Tuotu väärälle "
                   "henkilölle.\" }")
                  .ok());
  ASSERT_TRUE(PersonBadges(tutor_, "person-1", &mine).ok());
  for (const v1::Award& a : mine.awards()) {
    EXPECT_EQ(a.revoked(), a.award_id() != "cloud-1") << a.award_id();
  }
  v = VerifyOnline(*this, safety.jwt(), "liisa.tutor@koulu.example.fi");
  EXPECT_EQ(v.verdict, Verdict::kRevoked) << v.reason;
  v = VerifyOnline(*this, cloud.jwt(), "liisa.tutor@koulu.example.fi");
  EXPECT_EQ(v.verdict, Verdict::kValid) << v.reason;
  assertion = Http(ob2);
  ASSERT_TRUE(assertion);
  EXPECT_EQ(assertion->status, 410);
  EXPECT_EQ(HttpJson(assertion)["revoked"], true);
  EXPECT_EQ(HttpJson(assertion)["revocationReason"],
            "Tuotu väärälle henkilölle.");

  // A restart keeps everything, the key too.
  RestartServer();
  last_token_.clear();
  v1::PersonBadges after;
  ASSERT_TRUE(PersonBadges(tutor_, "person-1", &after).ok());
  EXPECT_EQ(after.SerializeAsString(), mine.SerializeAsString());
  // The same key, served anew (on a new port); the list still has the
  // revocation; a revoked award gets no new credential.
  EXPECT_EQ(HttpJson(Http("/ob/v3/jwks"))["keys"][0]["n"],
            json::parse(jwks->body)["keys"][0]["n"]);
  v1::Credential again;
  ASSERT_TRUE(Credential(tutor_, "person-1", "cloud-1", &again).ok());
  v = VerifyOnline(*this, again.jwt(), "liisa.tutor@koulu.example.fi");
  EXPECT_EQ(v.verdict, Verdict::kValid) << v.reason;
  const grpc::Status revoked =
      Credential(tutor_, "person-1", "safety-obf", &again);
  EXPECT_EQ(revoked.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(revoked.error_message(), HasSubstr("is revoked"));
  httplib::Result list = Http("/ob/v3/status/ks");
  ASSERT_TRUE(list);
  absl::StatusOr<credentials::CompactJws> parsed =
      credentials::ParseCompactJws(list->body);
  ASSERT_TRUE(parsed.ok());
  EXPECT_THAT(
      credentials::StatusBit(parsed->payload["credentialSubject"]["encodedList"]
                                 .get<std::string>(),
                             awards["safety-obf"].position()),
      ::testing::Eq(absl::StatusOr<bool>(true)));
}

TEST_F(BadgesTest, ConcurrentAwardsOfALevelGiveOneLevelBadge) {
  for (int i = 0; i < 4; ++i) {
    DefineClass(absl::StrCat("dev-", i), "COMPETENCE_LEVEL_DEVELOPER");
  }
  std::vector<std::thread> threads;
  std::vector<grpc::Status> results(4);
  std::vector<std::string> tokens(4);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto stub = v1::BadgeService::NewStub(
          grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
      v1::ImportAwardRequest req;
      req.mutable_header()->set_request_id(absl::StrCat("import-dev-", i));
      v1::ImportAward& c = *req.mutable_command();
      c.set_network_id("ks");
      c.set_person_id("person-7");
      c.set_award_id(absl::StrCat("dev-", i, "-obf"));
      c.set_class_id(absl::StrCat("dev-", i));
      c.set_school_id("school-jyvaskyla-1");
      *c.mutable_issued_on() = ParseDate("year: 2025 month: 3 day: 1");
      c.set_source("Open Badge Factory");
      grpc::ClientContext ctx;
      ctx.AddMetadata("authorization", "Bearer " + network_);
      v1::CommandResult res;
      results[i] = stub->ImportAward(&ctx, req, &res);
      tokens[i] = res.position_token();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const grpc::Status& s : results)
    EXPECT_TRUE(s.ok()) << s.error_message();
  v1::Holders holders;
  token_ = network_;
  v1::ListHoldersRequest req;
  req.set_network_id("ks");
  req.set_level(v1::COMPETENCE_LEVEL_DEVELOPER);
  for (const std::string& t : tokens) req.add_position_tokens(t);
  ASSERT_TRUE(service_->ListHolders(Context().get(), req, &holders).ok());
  ASSERT_EQ(holders.awards_size(), 1);
  EXPECT_EQ(holders.awards(0).award_id(), "level-3");
  EXPECT_EQ(holders.awards(0).person_id(), "person-7");
}

TEST_F(BadgesTest, FiguresByLevelAgainstTheTargets) {
  const int year = values::SchoolYearOf(values::FinnishDay(absl::Now()));
  for (const auto& [school, teachers] : {std::pair{"school-jyvaskyla-1", 40},
                                         std::pair{"school-muurame-1", 25}}) {
    v1::RecordStaffRequest req;
    req.mutable_header()->set_request_id(absl::StrCat("staff-", school));
    req.mutable_command()->set_network_id("ks");
    req.mutable_command()->set_school_id(school);
    req.mutable_command()->set_school_year(year);
    req.mutable_command()->set_permanent_teachers(teachers);
    token_ = admin_;
    v1::CommandResult res;
    ASSERT_TRUE(stub_->RecordStaff(Context().get(), req, &res).ok());
    registry_token_ = res.position_token();
  }
  EarnCloud("cloud-1");
  ASSERT_TRUE(Call("ImportAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "award_id: \"s\" class_id: \"safety\" school_id: "
                   "\"school-jyvaskyla-1\" issued_on { year: 2024 month: 5 "
                   "day: 20 } source: \"OBF\" }")
                  .ok());
  v1::BadgeFigures network, school;
  ASSERT_TRUE(
      Read<v1::GetBadgeFiguresRequest>(&v1::BadgeService::Stub::GetBadgeFigures,
                                       funder_, "network_id: \"ks\"", &network)
          .ok());
  ASSERT_TRUE(Read<v1::GetBadgeFiguresRequest>(
                  &v1::BadgeService::Stub::GetBadgeFigures, regional_,
                  "network_id: \"ks\" school_id: \"school-jyvaskyla-1\"",
                  &school)
                  .ok());
  for (const v1::BadgeFigures* f : {&network, &school}) {
    ASSERT_EQ(f->levels_size(), 3);
    ASSERT_GT(f->permanent_teachers(), 0);
    const v1::LevelFigures& basic = f->levels(0);
    EXPECT_EQ(basic.holders(), 1);
    EXPECT_EQ(basic.target_percent(), 100);
    EXPECT_DOUBLE_EQ(basic.share_percent(), 100.0 / f->permanent_teachers());
    EXPECT_EQ(basic.people_to_target(), f->permanent_teachers() - 1);
    EXPECT_EQ(f->levels(1).holders(), 0);
    EXPECT_EQ(f->levels(2).target_percent(), 20);
    EXPECT_EQ(f->people_with_badges(), 1);
    EXPECT_EQ(f->awards(), 3);  // cloud, safety and the level badge.
  }
  EXPECT_EQ(network.permanent_teachers(), 65);
  EXPECT_EQ(school.permanent_teachers(), 40);
  EXPECT_EQ(school.schools_without_staff(), 0);
  EXPECT_GT(network.schools_without_staff(), 0);
  // Another school's, a region's and a municipality's figures scan their
  // own schools' awards only.
  const auto figures = [this](const std::string& as, const std::string& scope) {
    v1::BadgeFigures f;
    EXPECT_TRUE(Read<v1::GetBadgeFiguresRequest>(
                    &v1::BadgeService::Stub::GetBadgeFigures, as,
                    absl::StrCat("network_id: \"ks\" ", scope), &f)
                    .ok())
        << scope;
    return f;
  };
  const v1::BadgeFigures other =
      figures(funder_, "school_id: \"school-muurame-1\"");
  EXPECT_EQ(other.permanent_teachers(), 25);
  EXPECT_EQ(other.awards(), 0);
  EXPECT_EQ(other.people_with_badges(), 0);
  const v1::BadgeFigures region =
      figures(regional_, "region_id: \"ks-jyvaskyla\"");
  EXPECT_EQ(region.awards(), 3);
  EXPECT_EQ(region.people_with_badges(), 1);
  const v1::BadgeFigures muurame =
      figures(funder_, "municipality_id: \"muurame\"");
  EXPECT_EQ(muurame.awards(), 0);
  EXPECT_EQ(muurame.permanent_teachers(), 25);
  // Another person's award of the same id at the same school counts beside
  // person-1's; a revoked one (and the level badge it takes along) no
  // longer counts.
  ASSERT_TRUE(Call("ImportAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-2\" "
                   "award_id: \"s\" class_id: \"safety\" school_id: "
                   "\"school-jyvaskyla-1\" issued_on { year: 2024 month: 5 "
                   "day: 21 } source: \"OBF\" }")
                  .ok());
  EXPECT_EQ(figures(funder_, "").awards(), 4);
  EXPECT_EQ(figures(funder_, "").people_with_badges(), 2);
  ASSERT_TRUE(Call("RevokeAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "award_id: \"s\" reason: \"Väärä henkilö.\" }")
                  .ok());
  const v1::BadgeFigures revoked =
      figures(regional_, "municipality_id: \"jyvaskyla\"");
  EXPECT_EQ(revoked.awards(), 2);  // person-1's cloud, person-2's safety.
  EXPECT_EQ(revoked.people_with_badges(), 2);
  EXPECT_EQ(revoked.levels(0).holders(), 0);
  // Another region's coordinator does not read this school's figures.
  v1::BadgeFigures denied;
  EXPECT_EQ(Read<v1::GetBadgeFiguresRequest>(
                &v1::BadgeService::Stub::GetBadgeFigures, south_,
                "network_id: \"ks\" school_id: \"school-jyvaskyla-1\"", &denied)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(BadgesTest, TheIssuersKeyIsPrivateAndNeverSilentlyReplaced) {
  const std::string key = dir_.Sub("badges/issuer_key.pem");
  struct stat st;
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  ASSERT_TRUE(Call("ImportAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-1\" "
                   "award_id: \"s\" class_id: \"safety\" school_id: "
                   "\"school-jyvaskyla-1\" issued_on { year: 2024 month: 5 "
                   "day: 20 } source: \"OBF\" }")
                  .ok());
  server_.reset();
  ASSERT_EQ(std::remove(key.c_str()), 0);
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir_.path();
  absl::StatusOr<std::unique_ptr<TutornetServer>> refused =
      TutornetServer::Start(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(),
              HasSubstr("restore it from a backup"));
  // A key others may read is refused too.
  { std::ofstream(key) << "-----BEGIN PRIVATE KEY-----\n"; }
  ASSERT_EQ(::chmod(key.c_str(), 0644), 0);
  refused = TutornetServer::Start(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("chmod 600"));
}

TEST_F(BadgesTest, PublicDocumentsAnswerPreciselyForWhatIsMissing) {
  EXPECT_EQ(Http("/ob/v3/issuers/nope")->status, 404);
  EXPECT_EQ(Http("/ob/v3/achievements/ks/nope")->status, 404);
  EXPECT_EQ(Http("/ob/v3/achievements/ks/Bad_Id")->status, 404);
  EXPECT_EQ(Http("/ob/v2/assertions/ks/person-1/none")->status, 404);
  EXPECT_EQ(
      Http("/ob/v3/keys/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")->status,
      404);
  EXPECT_EQ(Http("/ob/v3/status/nope")->status, 404);
  // The level badges are achievements of every network.
  EXPECT_EQ(HttpJson(Http("/ob/v3/achievements/ks/level-2?lang=en"))["name"],
            "Digital competence, level 2: advanced");
  httplib::Result svg = Http("/ob/images/ks/cloud.svg");
  ASSERT_TRUE(svg);
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  // An award whose holder has no e-mail on record has no credential yet.
  ASSERT_TRUE(Call("ImportAward", network_,
                   "command { network_id: \"ks\" person_id: \"person-9\" "
                   "award_id: \"s\" class_id: \"safety\" school_id: "
                   "\"school-jyvaskyla-1\" issued_on { year: 2024 month: 5 "
                   "day: 20 } source: \"OBF\" }")
                  .ok());
  v1::Credential none;
  const grpc::Status s = Credential(network_, "person-9", "s", &none);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(s.error_message(), HasSubstr("no e-mail on record"));
}

}  // namespace
}  // namespace tutornet::server
