// JOSE for Open Badges 3.0 credentials: base64url (RFC 4648 §5, no
// padding), RS256 compact JWS (RFC 7515, RFC 7518 §3.3), RSA public keys
// as JWKs (RFC 7517) with RFC 7638 thumbprints. OpenSSL 3 underneath.
//
// The issuer's key is an RSA-2048 key kept as a PKCS#8 PEM file only its
// owner may read, as the logs' tree-head keys are.
#ifndef TUTORNET_SERVICES_BADGES_CREDENTIALS_JOSE_H_
#define TUTORNET_SERVICES_BADGES_CREDENTIALS_JOSE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace tutornet::credentials {

std::string Base64UrlEncode(absl::string_view bytes);
// INVALID_ARGUMENT for anything but unpadded base64url.
absl::StatusOr<std::string> Base64UrlDecode(absl::string_view text);

// An RSA private key that signs RS256. Immutable; thread-safe.
class RsaSigningKey {
 public:
  static absl::StatusOr<RsaSigningKey> Generate();
  // From a PKCS#8 PEM; INVALID_ARGUMENT unless it is an RSA key of at
  // least 2048 bits.
  static absl::StatusOr<RsaSigningKey> FromPem(absl::string_view pem);
  // The key at `path`: NOT_FOUND if there is none; FAILED_PRECONDITION if
  // others may read it; INVALID_ARGUMENT if it holds no such key.
  static absl::StatusOr<RsaSigningKey> Load(const std::string& path);
  // A new key, written to `path` (0600, whole or not at all).
  static absl::StatusOr<RsaSigningKey> Create(const std::string& path);

  std::string ToPem() const;
  // {"kty":"RSA","n":...,"e":...}: the public key, without "d" or a kid.
  nlohmann::json PublicJwk() const;
  // The RFC 7638 SHA-256 thumbprint of the public key, base64url.
  std::string Thumbprint() const;
  // A 32-byte secret for `purpose`, derived from the private key
  // (HMAC-SHA256 keyed by its PKCS#8 DER): secrets that last as long as
  // the key, with no second file to lose.
  std::string DerivedSecret(absl::string_view purpose) const;
  // The RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
  std::string Sign(absl::string_view message) const;

 private:
  explicit RsaSigningKey(EVP_PKEY* key);
  std::shared_ptr<EVP_PKEY> key_;
};

// header.payload.signature, both JSON objects serialised compactly.
std::string SignCompactJws(const RsaSigningKey& key,
                           const nlohmann::json& header,
                           const nlohmann::json& payload);

// A compact JWS taken apart: the decoded header and payload, and what
// the signature covers.
struct CompactJws {
  nlohmann::json header;
  nlohmann::json payload;
  std::string signing_input;  // BASE64URL(header) "." BASE64URL(payload)
  std::string signature;
};
// INVALID_ARGUMENT naming what does not parse.
absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view jws);

// OK if `signature` is the RS256 signature of `message` by the RSA JWK
// `jwk`; INVALID_ARGUMENT for a JWK that is no RSA public key;
// DATA_LOSS for a wrong signature.
absl::Status VerifyRs256(const nlohmann::json& jwk, absl::string_view message,
                         absl::string_view signature);

// RFC 7638 thumbprint of an RSA JWK (its e, kty, n members).
std::string JwkThumbprint(const nlohmann::json& jwk);

}  // namespace tutornet::credentials

#endif  // TUTORNET_SERVICES_BADGES_CREDENTIALS_JOSE_H_
