// Open Badges credentials: the spec's own vectors (identity hash, UUID
// v5), RS256 JWS round trips, the status list's bits, and the offline
// verifier's every verdict, including a byte changed anywhere.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/badges/credentials/jose.h"
#include "services/badges/credentials/open_badges.h"
#include "services/badges/credentials/status_list.h"
#include "services/badges/credentials/verify.h"
#include "tests/support/status_matchers.h"

namespace tutornet::credentials {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::IsOkAndHolds;
using testing::StatusIs;
using Verdict = Verification::Verdict;

const IssuerSite kSite{"https://badges.example.fi", "badges@example.fi",
                       "pseudonym-key"};

TEST(Base64UrlTest, RoundTripsWithoutPadding) {
  for (const std::string bytes : {"", "f", "fo", "foo", "\xff\xfe\x00"}) {
    const std::string encoded = Base64UrlEncode(bytes);
    EXPECT_EQ(encoded.find('='), std::string::npos);
    EXPECT_THAT(Base64UrlDecode(encoded), IsOkAndHolds(bytes));
  }
  EXPECT_THAT(Base64UrlDecode("Zm9v="),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Base64UrlDecode("a+b/"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(IdentityHashTest, MatchesTheSpecificationsExample) {
  // OB 3.0, IdentityHash: "a@example.com" salted with "Kosher".
  EXPECT_EQ(IdentityHash("a@example.com", "Kosher"),
            "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c9"
            "22ef399");
  EXPECT_EQ(IdentityHash("A@Example.COM", "Kosher"),
            IdentityHash("a@example.com", "Kosher"));
}

v1::Award MakeAward() {
  v1::Award a;
  a.set_network_id("n1");
  a.set_person_id("p1");
  a.set_award_id("a1");
  a.set_class_id("cloud-1");
  a.set_level(v1::COMPETENCE_LEVEL_BASIC);
  a.set_issued_at("2026-11-02T10:00:00Z");
  a.set_position(42);
  v1::Evidence& e = *a.add_evidence();
  e.set_narrative("Pidin koulutuksen pilvipalveluista.");
  e.set_url("https://example.fi/work");
  return a;
}

TEST(CredentialIdTest, IsAVersion5UuidOfTheCredentialsUrl) {
  // python3: uuid.uuid5(uuid.NAMESPACE_URL,
  //   "https://badges.example.fi/ob/v3/credentials/n1/p1/a1")
  EXPECT_EQ(CredentialId(kSite, MakeAward()),
            "urn:uuid:5d83f55a-e4ee-5d6f-bc19-8aade2119785");
}

TEST(StatusListTest, SetsExactlyTheBitsAskedMostSignificantFirst) {
  absl::StatusOr<std::string> list = EncodeStatusList({0, 9, 131071}, 0);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->front(), 'u');
  for (uint64_t i : {0, 9, 131071})
    EXPECT_THAT(StatusBit(*list, i), IsOkAndHolds(true));
  for (uint64_t i : {1, 8, 10, 131070})
    EXPECT_THAT(StatusBit(*list, i), IsOkAndHolds(false));
  EXPECT_THAT(StatusBit(*list, 131072),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Grows past the minimum to hold a large index.
  list = EncodeStatusList({200000}, 0);
  ASSERT_TRUE(list.ok());
  EXPECT_THAT(StatusBit(*list, 200000), IsOkAndHolds(true));
  EXPECT_THAT(StatusBit("xabc", 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(StatusBit("uAAAA", 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

class VerifyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    key_ = new RsaSigningKey(*RsaSigningKey::Generate());
    other_ = new RsaSigningKey(*RsaSigningKey::Generate());
  }

  std::string Credential(const v1::Award& award,
                         const RsaSigningKey& key) const {
    v1::BadgeClass c;
    c.set_class_id(award.class_id());
    c.mutable_name()->set_fi("Pilvipalvelut");
    c.mutable_description()->set_fi("Osaa käyttää pilvipalveluja.");
    c.mutable_criteria()->set_fi("Pitää koulutuksen.");
    c.set_level(v1::COMPETENCE_LEVEL_BASIC);
    Issuer issuer{"n1", {}};
    issuer.name.set_fi("Keski-Suomen tutorverkosto");
    return SignCompactJws(key, JoseHeader(kSite, key),
                          Ob3Credential(kSite, issuer, c, award,
                                        "Liisa@Koulu.fi", v1::LANGUAGE_FI));
  }
  std::string StatusList(const std::set<uint64_t>& revoked) const {
    Issuer issuer{"n1", {}};
    return SignCompactJws(
        *key_, JoseHeader(kSite, *key_),
        StatusListCredential(kSite, issuer, *EncodeStatusList(revoked, 0),
                             absl::Now()));
  }
  Verification Verify(const std::string& jwt,
                      std::optional<std::string> list = std::nullopt,
                      std::optional<std::string> email = std::nullopt,
                      absl::Time now = absl::Now()) const {
    return VerifyCredential(
        {jwt, Jwks(kSite, *key_), std::move(list), std::move(email), now});
  }

  static RsaSigningKey* key_;
  static RsaSigningKey* other_;
};
RsaSigningKey* VerifyTest::key_ = nullptr;
RsaSigningKey* VerifyTest::other_ = nullptr;

TEST_F(VerifyTest, ACredentialIsValidAndMapsItsClaimsAsTheSpecificationSays) {
  const std::string jwt = Credential(MakeAward(), *key_);
  Verification v = Verify(jwt, StatusList({7}), "liisa@koulu.fi");
  EXPECT_EQ(v.verdict, Verdict::kValid) << v.reason;
  const json& c = v.credential;
  EXPECT_EQ(c["@context"], json::array({kVcContext, kOb3Context}));
  EXPECT_EQ(c["iss"], c["issuer"]["id"]);
  EXPECT_EQ(c["jti"], c["id"]);
  EXPECT_EQ(c["sub"], c["credentialSubject"]["id"]);
  EXPECT_EQ(c["nbf"], 1793613600);  // 2026-11-02T10:00:00Z
  EXPECT_EQ(c["credentialStatus"]["statusListIndex"], "42");
  // The e-mail never appears; its salted hash does.
  EXPECT_EQ(jwt.find("Liisa"), std::string::npos);
  EXPECT_EQ(c.dump().find("koulu.fi"), std::string::npos);
  const json& id = c["credentialSubject"]["identifier"][0];
  EXPECT_EQ(id["identityHash"],
            IdentityHash("liisa@koulu.fi", id["salt"].get<std::string>()));
  // The header: RS256 naming the key's URL.
  absl::StatusOr<CompactJws> parsed = ParseCompactJws(jwt);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->header["alg"], "RS256");
  EXPECT_EQ(parsed->header["kid"], KeyUrl(kSite, key_->Thumbprint()));
}

TEST_F(VerifyTest, RevokedWhenTheSignedListHasItsBit) {
  Verification v = Verify(Credential(MakeAward(), *key_), StatusList({42}));
  EXPECT_EQ(v.verdict, Verdict::kRevoked) << v.reason;
}

TEST_F(VerifyTest, SaysRevocationWasNotCheckedWithoutTheList) {
  Verification v = Verify(Credential(MakeAward(), *key_));
  EXPECT_EQ(v.verdict, Verdict::kValid);
  EXPECT_THAT(v.reason, HasSubstr("revocation not checked"));
}

TEST_F(VerifyTest, AnyChangedByteMakesItInvalid) {
  const std::string jwt = Credential(MakeAward(), *key_);
  for (size_t i = 0; i < jwt.size(); i += 7) {
    std::string changed = jwt;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    if (changed == jwt) continue;
    EXPECT_EQ(Verify(changed).verdict, Verdict::kInvalid) << "byte " << i;
  }
}

TEST_F(VerifyTest, RefusesAnotherKeyAnExpiredOneAndAnotherRecipient) {
  Verification v = Verify(Credential(MakeAward(), *other_));
  EXPECT_EQ(v.verdict, Verdict::kInvalid);
  EXPECT_THAT(v.reason, HasSubstr("hold no key"));

  v1::Award expired = MakeAward();
  expired.set_valid_until("2027-11-02T10:00:00Z");
  const std::string jwt = Credential(expired, *key_);
  EXPECT_EQ(Verify(jwt).verdict, Verdict::kValid);
  v = Verify(jwt, std::nullopt, std::nullopt,
             absl::FromUnixSeconds(1830000000));
  EXPECT_EQ(v.verdict, Verdict::kInvalid);
  EXPECT_THAT(v.reason, HasSubstr("expired"));
  v = Verify(jwt, std::nullopt, std::nullopt,
             absl::FromUnixSeconds(1790000000));
  EXPECT_THAT(v.reason, HasSubstr("not yet valid"));

  v = Verify(Credential(MakeAward(), *key_), std::nullopt, "other@koulu.fi");
  EXPECT_EQ(v.verdict, Verdict::kInvalid);
  EXPECT_THAT(v.reason, HasSubstr("not about that e-mail"));
}

TEST_F(VerifyTest, RefusesUnsignedAlgorithmsAndListsSignedByOthers) {
  // alg "none" with the right payload.
  absl::StatusOr<CompactJws> parsed =
      ParseCompactJws(Credential(MakeAward(), *key_));
  ASSERT_TRUE(parsed.ok());
  const std::string none =
      absl::StrCat(Base64UrlEncode(json{{"alg", "none"}}.dump()), ".",
                   Base64UrlEncode(parsed->payload.dump()), ".");
  Verification v = Verify(none);
  EXPECT_EQ(v.verdict, Verdict::kInvalid);
  EXPECT_THAT(v.reason, HasSubstr("not RS256"));

  Issuer issuer{"n1", {}};
  const std::string forged =
      SignCompactJws(*other_, JoseHeader(kSite, *key_),
                     StatusListCredential(
                         kSite, issuer, *EncodeStatusList({}, 0), absl::Now()));
  v = Verify(Credential(MakeAward(), *key_), forged);
  EXPECT_EQ(v.verdict, Verdict::kInvalid);
  EXPECT_THAT(v.reason, HasSubstr("the status list"));
}

TEST_F(VerifyTest, MalformedKeysAndHeadersAreInvalidNeverACrash) {
  const std::string jwt = Credential(MakeAward(), *key_);
  for (const json& keys : {json(nullptr), json("x"), json::array({1, "a"}),
                           json{{"keys", json::array({1, json::array(), "x"})}},
                           json{{"keys", "nope"}},
                           json{{"kty", "RSA"}, {"n", 5}, {"e", "AQAB"}}}) {
    Verification v =
        VerifyCredential({jwt, keys, std::nullopt, std::nullopt, absl::Now()});
    EXPECT_EQ(v.verdict, Verdict::kInvalid) << keys.dump();
  }
  absl::StatusOr<CompactJws> parsed = ParseCompactJws(jwt);
  ASSERT_TRUE(parsed.ok());
  for (const json& header :
       {json{{"alg", "RS256"}, {"jwk", "x"}},
        json{{"alg", "RS256"}, {"jwk", json::array({1})}}, json{{"alg", 5}},
        json{{"alg", "RS256"}, {"kid", 7}}}) {
    const std::string changed =
        absl::StrCat(Base64UrlEncode(header.dump()), ".",
                     Base64UrlEncode(parsed->payload.dump()), ".",
                     Base64UrlEncode(parsed->signature));
    EXPECT_EQ(Verify(changed).verdict, Verdict::kInvalid) << header.dump();
  }
  json payload = parsed->payload;
  payload["credentialSubject"]["achievement"] = "x";
  payload["issuer"] = json::array();
  const std::string odd =
      SignCompactJws(*key_, JoseHeader(kSite, *key_), payload);
  EXPECT_EQ(Verify(odd).verdict, Verdict::kInvalid);
}

TEST(RsaSigningKeyTest, PemRoundTripsAndRefusesOtherKeys) {
  absl::StatusOr<RsaSigningKey> key = RsaSigningKey::Generate();
  ASSERT_TRUE(key.ok());
  absl::StatusOr<RsaSigningKey> again = RsaSigningKey::FromPem(key->ToPem());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Thumbprint(), key->Thumbprint());
  EXPECT_THAT(RsaSigningKey::FromPem("not a key"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tutornet::credentials
