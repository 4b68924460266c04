#include "storage/signing_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tutornet::storage {
namespace {

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::FailedPreconditionError(
      absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::Status WriteNewKeyFile(const std::string& path, const std::string& pem) {
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());  // A leftover of a crash during creation.
  const int fd =
      ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("cannot create the signing key file", tmp);
  const bool written =
      ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size()) &&
      ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Errno("cannot write the signing key file", tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return Errno("cannot put the signing key in place at", path);
  }
  // Make the rename itself durable.
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(),
                            O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<merkle::Ed25519PrivateKey> CreateSigningKey(
    const std::string& path) {
  absl::StatusOr<merkle::Ed25519PrivateKey> key =
      merkle::Ed25519PrivateKey::Generate();
  if (!key.ok()) return key.status();
  absl::Status written = WriteNewKeyFile(path, key->ToPem());
  if (!written.ok()) return written;
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
