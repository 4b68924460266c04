// Offline verification of an Open Badges 3.0 credential in VC-JWT form,
// as OB 3.0 §8.2.4.2 (VC-JWT) and its verification section ask: the
// JOSE header, the RS256 signature with the issuer's published key, the
// JWT claims against the credential, the validity period, the recipient
// (given their e-mail), and revocation against the issuer's signed
// Bitstring Status List credential. No network and no server: the
// caller hands in the keys and the list it fetched (or was given).
//
// Pure; thread-safe.
#ifndef TUTORNET_SERVICES_BADGES_CREDENTIALS_VERIFY_H_
#define TUTORNET_SERVICES_BADGES_CREDENTIALS_VERIFY_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace tutornet::credentials {

struct VerifyInput {
  std::string credential;  // The compact JWS.
  // The issuer's keys: a JWK set ({"keys": [...]}) or one JWK.
  nlohmann::json keys;
  // The issuer's BitstringStatusListCredential as a compact JWS; without
  // it revocation is not checked (and the result says so).
  std::optional<std::string> status_list;
  // The recipient's e-mail, to check the credential names them.
  std::optional<std::string> email;
  absl::Time now;
};

struct Verification {
  enum class Verdict { kValid, kInvalid, kRevoked };
  Verdict verdict = Verdict::kInvalid;
  std::string reason;         // Why invalid or revoked; notes when valid.
  nlohmann::json credential;  // The payload, when it parsed.
};

Verification VerifyCredential(const VerifyInput& input);

}  // namespace tutornet::credentials

#endif  // TUTORNET_SERVICES_BADGES_CREDENTIALS_VERIFY_H_
