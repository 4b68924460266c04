// Open Badges documents for awards: 1EdTech Open Badges 3.0
// (OpenBadgeCredential as a VC-JWT signed RS256, issuer Profile,
// Achievement, the issuer's keys, a Bitstring Status List credential for
// revocation) and Open Badges 2.0 hosted verification (Assertion,
// BadgeClass, Issuer). docs/BADGES.md shows every document and URL.
//
// The recipient is named by a salted SHA-256 hash of their e-mail
// (IdentityObject); the e-mail itself never appears in a document.
//
// Pure functions of their arguments (and the key); thread-safe.
#ifndef TUTORNET_SERVICES_BADGES_CREDENTIALS_OPEN_BADGES_H_
#define TUTORNET_SERVICES_BADGES_CREDENTIALS_OPEN_BADGES_H_

#include <string>

#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "services/badges/credentials/jose.h"
#include "tutornet/v1/badges_service.pb.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::credentials {

inline constexpr char kVcContext[] = "https://www.w3.org/ns/credentials/v2";
inline constexpr char kOb3Context[] =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
inline constexpr char kOb2Context[] = "https://w3id.org/openbadges/v2";

// Where the public documents live: `base_url` is what the world sees
// (https behind a proxy), without a trailing '/'.
struct IssuerSite {
  std::string base_url;
  std::string contact_email;  // OB 2.0 issuers must give one.
  // The secret behind the pseudonyms no one may guess or compute from
  // person ids: the OB 2.0 assertion URLs' tags and the subject ids
  // (RsaSigningKey::DerivedSecret).
  std::string pseudonym_key;
};

// The network as an issuer.
struct Issuer {
  std::string network_id;
  v1::LocalizedText name;
};

// URLs. `achievement_id` is a class id or "level-<n>".
std::string IssuerUrl(const IssuerSite& site, absl::string_view network_id);
std::string AchievementUrl(const IssuerSite& site, absl::string_view network_id,
                           absl::string_view achievement_id);
std::string ImageUrl(const IssuerSite& site, absl::string_view network_id,
                     absl::string_view achievement_id);
std::string StatusListUrl(const IssuerSite& site, absl::string_view network_id);
std::string JwksUrl(const IssuerSite& site);
std::string KeyUrl(const IssuerSite& site, absl::string_view thumbprint);
std::string Ob2IssuerUrl(const IssuerSite& site, absl::string_view network_id);
std::string Ob2BadgeUrl(const IssuerSite& site, absl::string_view network_id,
                        absl::string_view achievement_id);
// ".../assertions/<network>/<person>/<award>/<tag>": the tag (22
// base64url characters, 128 bits of HMAC-SHA256) makes the URL
// unguessable, so holders share it and no one can list who holds what.
std::string Ob2AssertionUrl(const IssuerSite& site, const v1::Award& award);
// Whether `tag` is the award's (in constant time).
bool Ob2AssertionTagValid(const IssuerSite& site, absl::string_view network_id,
                          absl::string_view person_id,
                          absl::string_view award_id, absl::string_view tag);

// The text in `language`, else fi, sv, en: the first given.
std::string Pick(const v1::LocalizedText& text, v1::Language language);

// The level badge as a class: "level-<n>", with its names in fi, sv, en.
v1::BadgeClass LevelBadgeClass(v1::CompetenceLevel level);
// The achievement an award is of: its class, or its level's.
v1::BadgeClass AchievementOf(const v1::Award& award,
                             const v1::BadgeClassView& badge_class);

// "sha256$" + hex(SHA-256(email + salt)), e-mail lowercased (OB 3.0
// IdentityHash).
std::string IdentityHash(absl::string_view email, absl::string_view salt);
// The award's salt: unique per award, 32 hex digits.
std::string SaltOf(const v1::Award& award);
// "urn:uuid:" + an RFC 4122 version 5 UUID of the credential's URL name.
std::string CredentialId(const IssuerSite& site, const v1::Award& award);

// ---- Open Badges 3.0 ----

nlohmann::json Ob3Profile(const IssuerSite& site, const Issuer& issuer,
                          v1::Language language);
nlohmann::json Ob3Achievement(const IssuerSite& site,
                              absl::string_view network_id,
                              const v1::BadgeClass& achievement,
                              v1::Language language);
// The OpenBadgeCredential with its JWT claims (iss, jti, nbf, sub, exp):
// the VC-JWT payload.
nlohmann::json Ob3Credential(const IssuerSite& site, const Issuer& issuer,
                             const v1::BadgeClass& achievement,
                             const v1::Award& award, absl::string_view email,
                             v1::Language language);
// The JOSE header: RS256, typ JWT, kid the key's URL.
nlohmann::json JoseHeader(const IssuerSite& site, const RsaSigningKey& key);
// {"keys": [the public key as a JWK with kid, alg, use]}.
nlohmann::json Jwks(const IssuerSite& site, const RsaSigningKey& key);
nlohmann::json PublicKeyJwk(const IssuerSite& site, const RsaSigningKey& key);
// The BitstringStatusListCredential of a network (revocation), with its
// JWT claims, listing `encoded_list` (status_list.h), valid from `now`.
nlohmann::json StatusListCredential(const IssuerSite& site,
                                    const Issuer& issuer,
                                    absl::string_view encoded_list,
                                    absl::Time now);

// ---- Open Badges 2.0 (hosted verification) ----

nlohmann::json Ob2Issuer(const IssuerSite& site, const Issuer& issuer,
                         v1::Language language);
nlohmann::json Ob2BadgeClass(const IssuerSite& site,
                             absl::string_view network_id,
                             const v1::BadgeClass& achievement,
                             v1::Language language);
nlohmann::json Ob2Assertion(const IssuerSite& site, const v1::Award& award,
                            absl::string_view email);
// What a revoked hosted assertion answers (with HTTP 410 Gone).
nlohmann::json Ob2Revoked(const IssuerSite& site, const v1::Award& award);

// A plain SVG image for a class without one of its own.
std::string BadgeSvg(const v1::BadgeClass& achievement, v1::Language language);

}  // namespace tutornet::credentials

#endif  // TUTORNET_SERVICES_BADGES_CREDENTIALS_OPEN_BADGES_H_
