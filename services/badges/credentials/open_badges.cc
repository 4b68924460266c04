#include "services/badges/credentials/open_badges.h"

#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "services/values/dates.h"

namespace tutornet::credentials {
namespace {

using nlohmann::json;

std::string Hex(const unsigned char* bytes, size_t size) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), size));
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         digest);
  return Hex(digest, sizeof(digest));
}

// HMAC-SHA256 of `message` under the site's pseudonym key.
std::string Pseudonym(const IssuerSite& site, absl::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), site.pseudonym_key.data(),
       static_cast<int>(site.pseudonym_key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       mac, &size);
  return std::string(reinterpret_cast<const char*>(mac), size);
}

std::string AssertionTag(const IssuerSite& site, absl::string_view network,
                         absl::string_view person, absl::string_view award) {
  return Base64UrlEncode(Pseudonym(site, absl::StrCat("ob2-assertion/", network,
                                                      "/", person, "/", award)))
      .substr(0, 22);
}

// "urn:uuid:" + 16 bytes as an RFC 9562 version 8 (custom) UUID.
std::string UuidUrn(const unsigned char* bytes) {
  unsigned char b[16];
  std::copy(bytes, bytes + 16, b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x80);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  const std::string hex = Hex(b, 16);
  return absl::StrCat("urn:uuid:", hex.substr(0, 8), "-", hex.substr(8, 4), "-",
                      hex.substr(12, 4), "-", hex.substr(16, 4), "-",
                      hex.substr(20, 12));
}

absl::Time ParseRfc3339(const std::string& text) {
  absl::Time t;
  std::string error;
  absl::ParseTime(absl::RFC3339_full, text, &t, &error);
  return t;
}

std::string Join(absl::string_view base, absl::string_view a,
                 absl::string_view b = "", absl::string_view c = "") {
  std::string url = absl::StrCat(base, a);
  for (absl::string_view part : {b, c}) {
    if (!part.empty()) absl::StrAppend(&url, "/", part);
  }
  return url;
}

const char* LanguageCode(v1::Language language) {
  switch (language) {
    case v1::LANGUAGE_SV:
      return "sv";
    case v1::LANGUAGE_EN:
      return "en";
    default:
      return "fi";
  }
}

// The Image of an achievement: its own, or the served SVG.
std::string ImageOf(const IssuerSite& site, absl::string_view network_id,
                    const v1::BadgeClass& a) {
  return a.image_url().empty() ? ImageUrl(site, network_id, a.class_id())
                               : a.image_url();
}

json Evidence(const v1::Evidence& e) {
  json out{{"type", json::array({"Evidence"})}};
  if (!e.url().empty()) out["id"] = e.url();
  if (!e.name().empty()) out["name"] = e.name();
  if (!e.narrative().empty()) out["narrative"] = e.narrative();
  return out;
}

std::string SvgEscape(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

}  // namespace

std::string IssuerUrl(const IssuerSite& site, absl::string_view network_id) {
  return Join(site.base_url, "/ob/v3/issuers", network_id);
}
std::string AchievementUrl(const IssuerSite& site, absl::string_view network_id,
                           absl::string_view achievement_id) {
  return Join(site.base_url, "/ob/v3/achievements", network_id, achievement_id);
}
std::string ImageUrl(const IssuerSite& site, absl::string_view network_id,
                     absl::string_view achievement_id) {
  return Join(site.base_url, "/ob/images", network_id,
              absl::StrCat(achievement_id, ".svg"));
}
std::string StatusListUrl(const IssuerSite& site,
                          absl::string_view network_id) {
  return Join(site.base_url, "/ob/v3/status", network_id);
}
std::string JwksUrl(const IssuerSite& site) {
  return absl::StrCat(site.base_url, "/ob/v3/jwks");
}
std::string KeyUrl(const IssuerSite& site, absl::string_view thumbprint) {
  return Join(site.base_url, "/ob/v3/keys", thumbprint);
}
std::string Ob2IssuerUrl(const IssuerSite& site, absl::string_view network_id) {
  return Join(site.base_url, "/ob/v2/issuers", network_id);
}
std::string Ob2BadgeUrl(const IssuerSite& site, absl::string_view network_id,
                        absl::string_view achievement_id) {
  return Join(site.base_url, "/ob/v2/badges", network_id, achievement_id);
}
std::string Ob2AssertionUrl(const IssuerSite& site, const v1::Award& award) {
  return absl::StrCat(Join(site.base_url, "/ob/v2/assertions",
                           award.network_id(), award.person_id()),
                      "/", award.award_id(), "/",
                      AssertionTag(site, award.network_id(), award.person_id(),
                                   award.award_id()));
}

bool Ob2AssertionTagValid(const IssuerSite& site, absl::string_view network_id,
                          absl::string_view person_id,
                          absl::string_view award_id, absl::string_view tag) {
  const std::string expected =
      AssertionTag(site, network_id, person_id, award_id);
  return tag.size() == expected.size() &&
         CRYPTO_memcmp(tag.data(), expected.data(), tag.size()) == 0;
}

std::string Pick(const v1::LocalizedText& text, v1::Language language) {
  if (language == v1::LANGUAGE_SV && !text.sv().empty()) return text.sv();
  if (language == v1::LANGUAGE_EN && !text.en().empty()) return text.en();
  for (const std::string* t : {&text.fi(), &text.sv(), &text.en()}) {
    if (!t->empty()) return *t;
  }
  return "";
}

v1::BadgeClass LevelBadgeClass(v1::CompetenceLevel level) {
  struct Names {
    const char* fi;
    const char* sv;
    const char* en;
  };
  static constexpr Names kNames[] = {
      {"perustaso", "grundnivå", "basic"},
      {"edistynyt taso", "avancerad nivå", "advanced"},
      {"kehittäjä- ja kouluttajataso", "utvecklar- och utbildarnivå",
       "developer and trainer"},
  };
  const int n = static_cast<int>(level);
  const Names& names = kNames[std::clamp(n, 1, 3) - 1];
  v1::BadgeClass c;
  c.set_class_id(absl::StrCat("level-", n));
  c.set_level(level);
  c.mutable_name()->set_fi(
      absl::StrCat("Digitaalinen osaaminen, taso ", n, ": ", names.fi));
  c.mutable_name()->set_sv(
      absl::StrCat("Digital kompetens, nivå ", n, ": ", names.sv));
  c.mutable_name()->set_en(
      absl::StrCat("Digital competence, level ", n, ": ", names.en));
  c.mutable_description()->set_fi(
      absl::StrCat("Tason ", n, " kaikki osaamismerkit suoritettu."));
  c.mutable_description()->set_sv(
      absl::StrCat("Alla kompetensmärken på nivå ", n, " avlagda."));
  c.mutable_description()->set_en(
      absl::StrCat("Every competence badge of level ", n, " earned."));
  *c.mutable_criteria() = c.description();
  return c;
}

v1::BadgeClass AchievementOf(const v1::Award& award,
                             const v1::BadgeClassView& badge_class) {
  if (award.level_badge()) return LevelBadgeClass(award.level());
  return badge_class.badge_class();
}

std::string IdentityHash(absl::string_view email, absl::string_view salt) {
  return absl::StrCat(
      "sha256$", Sha256Hex(absl::StrCat(absl::AsciiStrToLower(email), salt)));
}

std::string SaltOf(const v1::Award& award) {
  return Sha256Hex(absl::StrCat("tutornet-salt/", award.network_id(), "/",
                                award.person_id(), "/", award.award_id()))
      .substr(0, 32);
}

std::string CredentialId(const IssuerSite& site, const v1::Award& award) {
  // RFC 4122 §4.3: SHA-1 over the URL namespace and the name.
  static constexpr unsigned char kUrlNamespace[16] = {
      0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
      0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  const std::string name =
      absl::StrCat(Join(site.base_url, "/ob/v3/credentials", award.network_id(),
                        award.person_id()),
                   "/", award.award_id());
  std::string input(reinterpret_cast<const char*>(kUrlNamespace), 16);
  input += name;
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(),
       digest);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);
  const std::string hex = Hex(digest, 16);
  return absl::StrCat("urn:uuid:", hex.substr(0, 8), "-", hex.substr(8, 4), "-",
                      hex.substr(12, 4), "-", hex.substr(16, 4), "-",
                      hex.substr(20, 12));
}

json Ob3Profile(const IssuerSite& site, const Issuer& issuer,
                v1::Language language) {
  json out{{"@context", json::array({kVcContext, kOb3Context})},
           {"id", IssuerUrl(site, issuer.network_id)},
           {"type", json::array({"Profile"})},
           {"name", Pick(issuer.name, language)},
           {"url", site.base_url}};
  if (!site.contact_email.empty()) out["email"] = site.contact_email;
  return out;
}

json Ob3Achievement(const IssuerSite& site, absl::string_view network_id,
                    const v1::BadgeClass& a, v1::Language language) {
  return json{
      {"id", AchievementUrl(site, network_id, a.class_id())},
      {"type", json::array({"Achievement"})},
      {"achievementType", "Badge"},
      {"name", Pick(a.name(), language)},
      {"description", Pick(a.description(), language)},
      {"criteria", {{"narrative", Pick(a.criteria(), language)}}},
      {"image", {{"id", ImageOf(site, network_id, a)}, {"type", "Image"}}},
      {"inLanguage", LanguageCode(language)},
      {"tag",
       json::array({absl::StrCat("level-", static_cast<int>(a.level()))})},
  };
}

json Ob3Credential(const IssuerSite& site, const Issuer& issuer,
                   const v1::BadgeClass& achievement, const v1::Award& award,
                   absl::string_view email, v1::Language language) {
  const std::string id = CredentialId(site, award);
  const absl::Time valid_from = ParseRfc3339(award.issued_at());
  const std::string issuer_id = IssuerUrl(site, issuer.network_id);
  // The subject: a keyed pseudonym of the person in this network (no one
  // can compute it from the person id), and their hashed e-mail.
  const std::string subject_id = UuidUrn(reinterpret_cast<const unsigned char*>(
      Pseudonym(site, absl::StrCat("subject/", award.network_id(), "/",
                                   award.person_id()))
          .data()));
  const std::string salt = SaltOf(award);
  json subject{
      {"id", subject_id},
      {"type", json::array({"AchievementSubject"})},
      {"identifier", json::array({{{"type", "IdentityObject"},
                                   {"hashed", true},
                                   {"identityHash", IdentityHash(email, salt)},
                                   {"identityType", "emailAddress"},
                                   {"salt", salt}}})},
      {"achievement",
       Ob3Achievement(site, award.network_id(), achievement, language)},
  };
  json profile = Ob3Profile(site, issuer, language);
  profile.erase("@context");
  const std::string list = StatusListUrl(site, award.network_id());
  const std::string index = absl::StrCat(award.position());
  json out{
      {"@context", json::array({kVcContext, kOb3Context})},
      {"id", id},
      {"type", json::array({"VerifiableCredential", "OpenBadgeCredential"})},
      {"name", Pick(achievement.name(), language)},
      {"issuer", profile},
      {"validFrom", values::FormatUtc(valid_from)},
      {"credentialSubject", subject},
      {"credentialStatus",
       {{"id", absl::StrCat(list, "#", index)},
        {"type", "BitstringStatusListEntry"},
        {"statusPurpose", "revocation"},
        {"statusListIndex", index},
        {"statusListCredential", list}}},
      // JWT claims (OB 3.0 §8.2.4.1).
      {"iss", issuer_id},
      {"jti", id},
      {"sub", subject_id},
      {"nbf", absl::ToUnixSeconds(valid_from)},
  };
  if (!award.valid_until().empty()) {
    const absl::Time until = ParseRfc3339(award.valid_until());
    out["validUntil"] = values::FormatUtc(until);
    out["exp"] = absl::ToUnixSeconds(until);
  }
  if (award.evidence_size() > 0) {
    json evidence = json::array();
    for (const v1::Evidence& e : award.evidence()) {
      evidence.push_back(Evidence(e));
    }
    out["evidence"] = evidence;
  }
  return out;
}

json JoseHeader(const IssuerSite& site, const RsaSigningKey& key) {
  return json{{"alg", "RS256"},
              {"kid", KeyUrl(site, key.Thumbprint())},
              {"typ", "JWT"}};
}

json PublicKeyJwk(const IssuerSite& site, const RsaSigningKey& key) {
  json jwk = key.PublicJwk();
  jwk["kid"] = KeyUrl(site, key.Thumbprint());
  jwk["alg"] = "RS256";
  jwk["use"] = "sig";
  return jwk;
}

json Jwks(const IssuerSite& site, const RsaSigningKey& key) {
  return json{{"keys", json::array({PublicKeyJwk(site, key)})}};
}

json StatusListCredential(const IssuerSite& site, const Issuer& issuer,
                          absl::string_view encoded_list, absl::Time now) {
  const std::string id = StatusListUrl(site, issuer.network_id);
  const absl::Time from = absl::FromUnixSeconds(absl::ToUnixSeconds(now));
  return json{
      {"@context", json::array({kVcContext})},
      {"id", id},
      {"type",
       json::array({"VerifiableCredential", "BitstringStatusListCredential"})},
      {"issuer", IssuerUrl(site, issuer.network_id)},
      {"validFrom", values::FormatUtc(from)},
      {"credentialSubject",
       {{"id", absl::StrCat(id, "#list")},
        {"type", "BitstringStatusList"},
        {"statusPurpose", "revocation"},
        {"encodedList", std::string(encoded_list)}}},
      {"iss", IssuerUrl(site, issuer.network_id)},
      {"jti", id},
      {"sub", absl::StrCat(id, "#list")},
      {"nbf", absl::ToUnixSeconds(from)},
  };
}

json Ob2Issuer(const IssuerSite& site, const Issuer& issuer,
               v1::Language language) {
  return json{{"@context", kOb2Context},
              {"type", "Issuer"},
              {"id", Ob2IssuerUrl(site, issuer.network_id)},
              {"name", Pick(issuer.name, language)},
              {"url", site.base_url},
              {"email", site.contact_email}};
}

json Ob2BadgeClass(const IssuerSite& site, absl::string_view network_id,
                   const v1::BadgeClass& a, v1::Language language) {
  return json{
      {"@context", kOb2Context},
      {"type", "BadgeClass"},
      {"id", Ob2BadgeUrl(site, network_id, a.class_id())},
      {"name", Pick(a.name(), language)},
      {"description", Pick(a.description(), language)},
      {"image", ImageOf(site, network_id, a)},
      {"criteria", {{"narrative", Pick(a.criteria(), language)}}},
      {"issuer", Ob2IssuerUrl(site, network_id)},
      {"tags",
       json::array({absl::StrCat("level-", static_cast<int>(a.level()))})}};
}

json Ob2Assertion(const IssuerSite& site, const v1::Award& award,
                  absl::string_view email) {
  const std::string salt = SaltOf(award);
  const std::string achievement =
      award.level_badge()
          ? absl::StrCat("level-", static_cast<int>(award.level()))
          : award.class_id();
  json out{{"@context", kOb2Context},
           {"type", "Assertion"},
           {"id", Ob2AssertionUrl(site, award)},
           {"recipient",
            {{"type", "email"},
             {"hashed", true},
             {"salt", salt},
             {"identity", IdentityHash(email, salt)}}},
           {"badge", Ob2BadgeUrl(site, award.network_id(), achievement)},
           {"verification", {{"type", "hosted"}}},
           {"issuedOn", award.issued_at()}};
  if (!award.valid_until().empty()) out["expires"] = award.valid_until();
  if (award.evidence_size() > 0) {
    json evidence = json::array();
    for (const v1::Evidence& e : award.evidence()) {
      json item = Evidence(e);
      item["type"] = "Evidence";
      evidence.push_back(item);
    }
    out["evidence"] = evidence;
  }
  return out;
}

json Ob2Revoked(const IssuerSite& site, const v1::Award& award) {
  return json{{"@context", kOb2Context},
              {"id", Ob2AssertionUrl(site, award)},
              {"revoked", true},
              {"revocationReason", award.revoke_reason()}};
}

std::string BadgeSvg(const v1::BadgeClass& a, v1::Language language) {
  static constexpr const char* kColours[] = {"#2e7d32", "#1565c0", "#6a1b9a"};
  const int level = std::clamp(static_cast<int>(a.level()), 1, 3);
  return absl::StrFormat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" "
      "height=\"256\" viewBox=\"0 0 256 256\" role=\"img\">"
      "<title>%s</title>"
      "<circle cx=\"128\" cy=\"128\" r=\"120\" fill=\"%s\"/>"
      "<text x=\"128\" y=\"150\" font-family=\"sans-serif\" font-size=\"72\" "
      "fill=\"#fff\" text-anchor=\"middle\">%d</text></svg>",
      SvgEscape(Pick(a.name(), language)), kColours[level - 1], level);
}

}  // namespace tutornet::credentials
