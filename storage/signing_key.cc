#include "storage/signing_key.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "storage/private_files.h"

namespace tutornet::storage {
namespace {

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::FailedPreconditionError(
      absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

}  // namespace

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
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the log's tree-head signing key ", path,
          " is missing; restore it from a backup (a new key would make "
          "every head signed before unverifiable)"));
    }
    return Errno("cannot read the signing key", path);
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "the signing key %s may be read or written by others (mode %04o); "
        "make it private with: chmod 600 %s",
        path, st.st_mode & 07777, path));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream pem;
  pem << in.rdbuf();
  if (!in) return Errno("cannot read the signing key", path);
  absl::StatusOr<merkle::Ed25519PrivateKey> key =
      merkle::Ed25519PrivateKey::FromPem(pem.str());
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", key.status().message()));
  }
  return key;
}

}  // namespace tutornet::storage
