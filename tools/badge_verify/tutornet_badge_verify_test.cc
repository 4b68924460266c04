// tutornet_badge_verify as its users run it: files in, one line and an
// exit code out, for a valid, a revoked, a tampered and an expired
// credential, and for unusable input.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/badges/credentials/open_badges.h"
#include "services/badges/credentials/status_list.h"
#include "tests/support/temp_dir.h"

namespace tutornet::credentials {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const IssuerSite kSite{"https://badges.example.fi", "badges@example.fi",
                       "pseudonym-key"};

struct Outcome {
  int exit_code;
  std::string output;
};

Outcome Verify(const std::string& args) {
  const std::string command =
      absl::StrCat(TUTORNET_BADGE_VERIFY_PATH, " ", args, " 2>&1");
  FILE* pipe = ::popen(command.c_str(), "r");
  Outcome run{-1, ""};
  char buffer[512];
  while (pipe != nullptr && std::fgets(buffer, sizeof(buffer), pipe)) {
    run.output += buffer;
  }
  const int status = pipe == nullptr ? -1 : ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class BadgeVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    key_ = *RsaSigningKey::Generate();
    Write("jwks.json", Jwks(kSite, key_).dump());
    Write("badge.jwt", Credential("2027-06-01T00:00:00Z"));
    Write("open.jwt", StatusList({}));
    Write("revoked.jwt", StatusList({7}));
  }

  std::string Credential(const std::string& valid_until) {
    v1::Award award;
    award.set_network_id("n1");
    award.set_person_id("p1");
    award.set_award_id("a1");
    award.set_class_id("cloud");
    award.set_issued_at("2026-11-02T10:00:00Z");
    award.set_valid_until(valid_until);
    award.set_position(7);
    v1::BadgeClass c;
    c.set_class_id("cloud");
    c.mutable_name()->set_fi("Pilvi");
    c.mutable_description()->set_fi("d");
    c.mutable_criteria()->set_fi("c");
    Issuer issuer{"n1", {}};
    issuer.name.set_fi("Verkosto");
    return SignCompactJws(key_, JoseHeader(kSite, key_),
                          Ob3Credential(kSite, issuer, c, award,
                                        "liisa@koulu.fi", v1::LANGUAGE_FI));
  }
  std::string StatusList(const std::set<uint64_t>& revoked) {
    Issuer issuer{"n1", {}};
    return SignCompactJws(
        key_, JoseHeader(kSite, key_),
        StatusListCredential(kSite, issuer, *EncodeStatusList(revoked, 0),
                             absl::Now()));
  }
  void Write(const std::string& name, const std::string& contents) {
    std::ofstream(dir_.Sub(name)) << contents;
  }
  std::string Args(const std::string& credential,
                   const std::string& rest = "") {
    return absl::StrCat("--credential=", dir_.Sub(credential),
                        " --keys=", dir_.Sub("jwks.json"), " ", rest);
  }

  testing::TempDir dir_;
  RsaSigningKey key_ = *RsaSigningKey::Generate();
};

TEST_F(BadgeVerifyTest, ValidRevokedAndNotChecked) {
  Outcome r = Verify(
      Args("badge.jwt", absl::StrCat("--status_list=", dir_.Sub("open.jwt"),
                                     " --email=Liisa@Koulu.fi")));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "valid\n");
  r = Verify(Args("badge.jwt", "--status_list=" + dir_.Sub("revoked.jwt")));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, StartsWith("revoked: "));
  r = Verify(Args("badge.jwt"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.output, HasSubstr("revocation not checked"));
}

TEST_F(BadgeVerifyTest, InvalidSaysWhy) {
  std::string jwt = Credential("2027-06-01T00:00:00Z");
  jwt[jwt.size() - 3] = jwt[jwt.size() - 3] == 'A' ? 'B' : 'A';
  Write("tampered.jwt", jwt);
  Outcome r = Verify(Args("tampered.jwt"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_THAT(r.output, HasSubstr("invalid: the credential: the signature"));
  r = Verify(Args("badge.jwt", "--at=2027-07-01T00:00:00Z"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.output, HasSubstr("expired"));
  r = Verify(Args("badge.jwt", "--email=other@koulu.fi"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.output, HasSubstr("not about that e-mail"));
}

TEST_F(BadgeVerifyTest, UnusableInputIsExitOne) {
  EXPECT_EQ(Verify("").exit_code, 1);
  EXPECT_EQ(Verify(Args("missing.jwt")).exit_code, 1);
  Write("garbage.json", "{not json");
  EXPECT_EQ(Verify(absl::StrCat("--credential=", dir_.Sub("badge.jwt"),
                                " --keys=", dir_.Sub("garbage.json")))
                .exit_code,
            1);
  EXPECT_EQ(Verify("--help").exit_code, 0);
}

}  // namespace
}  // namespace tutornet::credentials
