#include "storage/signing_key.h"

#include "absl/strings/str_cat.h"
#include "storage/private_files.h"

namespace tutornet::storage {

absl::StatusOr<merkle::Ed25519PrivateKey> CreateSigningKey(
    const std::string& path) {
  absl::StatusOr<merkle::Ed25519PrivateKey> key =
      merkle::Ed25519PrivateKey::Generate();
  if (!key.ok()) return key.status();
  absl::Status written = WritePrivateFile(path, key->ToPem());
  if (!written.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the signing key: ", written.message()));
  }
  return key;
}

absl::StatusOr<merkle::Ed25519PrivateKey> LoadSigningKey(
    const std::string& path) {
  absl::StatusOr<std::string> pem = ReadPrivateFile(path);
  if (absl::IsNotFound(pem.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the log's tree-head signing key ", path,
        " is missing; restore it from a backup (a new key would make "
        "every head signed before unverifiable)"));
  }
  if (!pem.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the signing key: ", pem.status().message()));
  }
  absl::StatusOr<merkle::Ed25519PrivateKey> key =
      merkle::Ed25519PrivateKey::FromPem(*pem);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", key.status().message()));
  }
  return key;
}

}  // namespace tutornet::storage
