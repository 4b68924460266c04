// Ed25519 signatures (OpenSSL 3) for signed tree heads.
#ifndef TUTORNET_STORAGE_MERKLE_ED25519_H_
#define TUTORNET_STORAGE_MERKLE_ED25519_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace tutornet::merkle {

inline constexpr size_t kEd25519PublicKeyBytes = 32;
inline constexpr size_t kEd25519SignatureBytes = 64;

// A private signing key. Immutable after creation; thread-safe.
class Ed25519PrivateKey {
 public:
  static absl::StatusOr<Ed25519PrivateKey> Generate();
  // From a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). INVALID_ARGUMENT if it
  // is not an Ed25519 private key.
  static absl::StatusOr<Ed25519PrivateKey> FromPem(absl::string_view pem);

  std::string ToPem() const;
  // The raw 32-byte public key.
  std::string PublicKey() const;
  // The 64-byte signature of `message`.
  std::string Sign(absl::string_view message) const;

 private:
  explicit Ed25519PrivateKey(EVP_PKEY* key);
  std::shared_ptr<EVP_PKEY> key_;
};

// OK if `signature` is `public_key`'s signature of `message`;
// INVALID_ARGUMENT for a malformed key; DATA_LOSS for a wrong signature.
absl::Status Ed25519Verify(absl::string_view public_key,
                           absl::string_view message,
                           absl::string_view signature);

// The raw public key as a SubjectPublicKeyInfo PEM, for export.
absl::StatusOr<std::string> PublicKeyToPem(absl::string_view public_key);
// The raw public key from such a PEM.
absl::StatusOr<std::string> PublicKeyFromPem(absl::string_view pem);

}  // namespace tutornet::merkle

#endif  // TUTORNET_STORAGE_MERKLE_ED25519_H_
