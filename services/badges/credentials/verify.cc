#include "services/badges/credentials/verify.h"

#include <algorithm>
#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/badges/credentials/jose.h"
#include "services/badges/credentials/open_badges.h"
#include "services/badges/credentials/status_list.h"

namespace tutornet::credentials {
namespace {

using nlohmann::json;
using Verdict = Verification::Verdict;

// A failed check: why.
struct Failure {
  std::string why;
};

std::string StringAt(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool HasType(const json& object, absl::string_view type) {
  if (!object.is_object() || !object.contains("type")) return false;
  const json& t = object["type"];
  if (t.is_string()) return t.get<std::string>() == type;
  if (!t.is_array()) return false;
  return std::any_of(t.begin(), t.end(), [&](const json& v) {
    return v.is_string() && v.get<std::string>() == type;
  });
}

std::optional<absl::Time> TimeAt(const json& object, const char* key) {
  const std::string text = StringAt(object, key);
  absl::Time t;
  std::string error;
  if (text.empty() || !absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
    return std::nullopt;
  }
  return t;
}

// The key the header names, from the issuer's keys.
std::optional<Failure> FindKey(const json& header, const json& keys,
                               json* key) {
  static constexpr const char* kAllowed[] = {"alg", "kid", "jwk", "typ"};
  for (const auto& [name, value] : header.items()) {
    if (std::find(std::begin(kAllowed), std::end(kAllowed), name) ==
        std::end(kAllowed)) {
      return Failure{absl::StrCat("the JOSE header has \"", name,
                                  "\", which OB 3.0 does not allow")};
    }
  }
  if (StringAt(header, "alg") != "RS256") {
    return Failure{absl::StrCat("the JOSE header's alg is \"",
                                StringAt(header, "alg"), "\", not RS256")};
  }
  if (header.contains("typ") && StringAt(header, "typ") != "JWT") {
    return Failure{"the JOSE header's typ is not \"JWT\""};
  }
  const std::string kid = StringAt(header, "kid");
  std::string thumbprint;
  if (header.contains("jwk")) {
    if (header["jwk"].contains("d")) {
      return Failure{"the JOSE header's jwk holds a private key (\"d\")"};
    }
    thumbprint = JwkThumbprint(header["jwk"]);
  } else if (kid.empty()) {
    return Failure{"the JOSE header names no key (kid or jwk)"};
  }
  json list = keys.is_object() && keys.contains("keys") ? keys["keys"]
                                                        : json::array({keys});
  if (!list.is_array()) return Failure{"the issuer's keys are no JWK set"};
  for (const json& candidate : list) {
    const bool by_kid = !kid.empty() && StringAt(candidate, "kid") == kid;
    const bool by_thumbprint =
        !thumbprint.empty() && JwkThumbprint(candidate) == thumbprint;
    if (by_kid || by_thumbprint) {
      *key = candidate;
      return std::nullopt;
    }
  }
  return Failure{absl::StrCat("the issuer's keys hold no key \"",
                              kid.empty() ? thumbprint : kid, "\"")};
}

// Parses `jws` and checks its header and signature against `keys`.
std::optional<Failure> CheckSignature(absl::string_view jws, const json& keys,
                                      absl::string_view what, json* payload) {
  absl::StatusOr<CompactJws> parsed = ParseCompactJws(jws);
  if (!parsed.ok()) {
    return Failure{absl::StrCat(what, ": ", parsed.status().message())};
  }
  json key;
  if (std::optional<Failure> f = FindKey(parsed->header, keys, &key)) {
    return Failure{absl::StrCat(what, ": ", f->why)};
  }
  if (absl::Status s =
          VerifyRs256(key, parsed->signing_input, parsed->signature);
      !s.ok()) {
    return Failure{absl::StrCat(what, ": ", s.message())};
  }
  *payload = std::move(parsed->payload);
  return std::nullopt;
}

std::string IssuerIdOf(const json& credential) {
  if (!credential.contains("issuer")) return "";
  const json& issuer = credential["issuer"];
  return issuer.is_string() ? issuer.get<std::string>()
                            : StringAt(issuer, "id");
}

// The JWT claims against the credential (OB 3.0 §8.2.4.2 step 6), and
// the validity period at `now`.
std::optional<Failure> CheckClaims(const json& c, absl::Time now) {
  const json& context = c.value("@context", json());
  if (!context.is_array() || context.size() < 2 || context[0] != kVcContext ||
      context[1] != kOb3Context) {
    return Failure{absl::StrCat("@context does not start with ", kVcContext,
                                " and ", kOb3Context)};
  }
  if (!HasType(c, "VerifiableCredential") ||
      !(HasType(c, "OpenBadgeCredential") ||
        HasType(c, "AchievementCredential"))) {
    return Failure{"type is not VerifiableCredential and OpenBadgeCredential"};
  }
  const std::string issuer = IssuerIdOf(c);
  if (issuer.empty() || StringAt(c, "iss") != issuer) {
    return Failure{"the iss claim does not match issuer.id"};
  }
  if (StringAt(c, "id").empty() || StringAt(c, "jti") != StringAt(c, "id")) {
    return Failure{"the jti claim does not match id"};
  }
  const json& subject = c.value("credentialSubject", json());
  if (!subject.is_object() || !HasType(subject, "AchievementSubject")) {
    return Failure{"credentialSubject is no AchievementSubject"};
  }
  if (StringAt(subject, "id").empty() && !subject.contains("identifier")) {
    return Failure{"credentialSubject has neither id nor identifier"};
  }
  if (!c.contains("sub") || StringAt(c, "sub") != StringAt(subject, "id")) {
    return Failure{"the sub claim does not match credentialSubject.id"};
  }
  const json& achievement = subject.value("achievement", json());
  if (!HasType(achievement, "Achievement") ||
      StringAt(achievement, "id").empty() ||
      StringAt(achievement, "name").empty() ||
      !achievement.contains("criteria")) {
    return Failure{
        "credentialSubject.achievement is no Achievement with id, "
        "name and criteria"};
  }
  const std::optional<absl::Time> from = TimeAt(c, "validFrom");
  if (!from.has_value()) return Failure{"validFrom is missing or no date-time"};
  if (!c.contains("nbf") || !c["nbf"].is_number_integer() ||
      c["nbf"].get<int64_t>() != absl::ToUnixSeconds(*from)) {
    return Failure{"the nbf claim does not match validFrom"};
  }
  if (now < *from) return Failure{"it is not yet valid (validFrom)"};
  if (c.contains("exp")) {
    const std::optional<absl::Time> until = TimeAt(c, "validUntil");
    if (!c["exp"].is_number_integer() || !until.has_value() ||
        c["exp"].get<int64_t>() != absl::ToUnixSeconds(*until)) {
      return Failure{"the exp claim does not match validUntil"};
    }
  }
  if (const std::optional<absl::Time> until = TimeAt(c, "validUntil")) {
    if (now >= *until) return Failure{"it has expired (validUntil)"};
  }
  return std::nullopt;
}

std::optional<Failure> CheckRecipient(const json& c, const std::string& email) {
  const json& ids = c["credentialSubject"].value("identifier", json::array());
  for (const json& id : ids) {
    if (StringAt(id, "identityType") != "emailAddress") continue;
    const std::string expected = id.value("hashed", false)
                                     ? IdentityHash(email, StringAt(id, "salt"))
                                     : email;
    if (absl::AsciiStrToLower(StringAt(id, "identityHash")) ==
        absl::AsciiStrToLower(expected)) {
      return std::nullopt;
    }
  }
  return Failure{"the credential is not about that e-mail address"};
}

// Revoked (the bit is on), valid, or why the list cannot be trusted.
absl::StatusOr<bool> CheckStatus(const json& c, const std::string& list_jws,
                                 const json& keys) {
  const json& status = c["credentialStatus"];
  json list;
  if (std::optional<Failure> f =
          CheckSignature(list_jws, keys, "the status list", &list)) {
    return absl::InvalidArgumentError(f->why);
  }
  if (!HasType(list, "BitstringStatusListCredential") ||
      StringAt(list, "id") != StringAt(status, "statusListCredential") ||
      IssuerIdOf(list) != IssuerIdOf(c)) {
    return absl::InvalidArgumentError(
        "the status list is not the one the credential names, by its issuer");
  }
  const json& subject = list.value("credentialSubject", json());
  if (StringAt(subject, "statusPurpose") != "revocation") {
    return absl::InvalidArgumentError("the status list is not for revocation");
  }
  uint64_t index = 0;
  const json& raw = status.value("statusListIndex", json());
  if (!(raw.is_string() && absl::SimpleAtoi(raw.get<std::string>(), &index)) &&
      !(raw.is_number_unsigned() && (index = raw.get<uint64_t>(), true))) {
    return absl::InvalidArgumentError("statusListIndex is not a number");
  }
  absl::StatusOr<bool> bit = StatusBit(StringAt(subject, "encodedList"), index);
  if (!bit.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the status list: ", bit.status().message()));
  }
  return *bit;
}

Verification Verify(const VerifyInput& input) {
  Verification out;
  auto invalid = [&](std::string why) {
    out.verdict = Verdict::kInvalid;
    out.reason = std::move(why);
    return out;
  };
  if (std::optional<Failure> f = CheckSignature(
          input.credential, input.keys, "the credential", &out.credential)) {
    return invalid(f->why);
  }
  if (std::optional<Failure> f = CheckClaims(out.credential, input.now)) {
    return invalid(f->why);
  }
  if (input.email.has_value()) {
    if (std::optional<Failure> f =
            CheckRecipient(out.credential, *input.email)) {
      return invalid(f->why);
    }
  }
  const json& status = out.credential.value("credentialStatus", json());
  if (!status.is_object()) {
    out.verdict = Verdict::kValid;
    out.reason = "it names no status list";
    return out;
  }
  if (StringAt(status, "type") != "BitstringStatusListEntry" ||
      StringAt(status, "statusPurpose") != "revocation") {
    return invalid(
        "credentialStatus is no BitstringStatusListEntry for "
        "revocation");
  }
  if (!input.status_list.has_value()) {
    out.verdict = Verdict::kValid;
    out.reason = absl::StrCat("revocation not checked: fetch ",
                              StringAt(status, "statusListCredential"));
    return out;
  }
  absl::StatusOr<bool> revoked =
      CheckStatus(out.credential, *input.status_list, input.keys);
  if (!revoked.ok()) return invalid(std::string(revoked.status().message()));
  if (*revoked) {
    out.verdict = Verdict::kRevoked;
    out.reason = "the issuer's status list marks it revoked";
    return out;
  }
  out.verdict = Verdict::kValid;
  out.reason = "";
  return out;
}

}  // namespace

Verification VerifyCredential(const VerifyInput& input) {
  // Every access is checked, but a document shaped like nothing expected
  // must never end the verifier: a JSON type error is "invalid".
  try {
    return Verify(input);
  } catch (const nlohmann::json::exception&) {
    Verification out;
    out.verdict = Verdict::kInvalid;
    out.reason = "a document is not shaped as Open Badges 3.0 says";
    return out;
  }
}

}  // namespace tutornet::credentials
