#include "services/server/tokens.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "storage/merkle/sha256.h"

namespace tutornet::server {
namespace {

absl::Status WritePrivateFile(const std::string& path,
                              absl::string_view contents) {
  const int fd =
      ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  const bool ok = ::write(fd, contents.data(), contents.size()) ==
                      static_cast<ssize_t>(contents.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok)
    return absl::FailedPreconditionError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace

std::string NewToken() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    std::abort();  // No entropy: cannot go on.
  return absl::StrCat("tn_",
                      absl::BytesToHexString(absl::string_view(
                          reinterpret_cast<const char*>(bytes), sizeof bytes)));
}

std::string TokenHash(absl::string_view token) {
  merkle::Sha256 sha;
  sha.Update(token);
  return merkle::ToHex(sha.Finish());
}

absl::StatusOr<std::unique_ptr<TokenStore>> TokenStore::Open(
    const std::string& dir) {
  auto store = std::unique_ptr<TokenStore>(new TokenStore());
  const std::string path = dir + "/tokens";
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    const std::string token = NewToken();
    absl::Status s = WritePrivateFile(
        path, absl::StrCat(TokenHash(token), " person-admin admin\n"));
    if (!s.ok()) return s;
    store->admin_token_file_ = dir + "/admin.token";
    ::unlink(store->admin_token_file_.c_str());
    s = WritePrivateFile(store->admin_token_file_, token + "\n");
    if (!s.ok()) return s;
  } else if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        path, " may be read by others; make it private with: chmod 600 ",
        path));
  }
  std::ifstream in(path);
  std::string line;
  absl::MutexLock lock(&store->mu_);
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    std::vector<std::string> f = absl::StrSplit(line, ' ');
    if (f.size() != 3 || f[0].size() != 64) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, ":", n, ": not a token line"));
    }
    store->by_hash_[f[0]] = Principal{f[1], f[2]};
  }
  return store;
}

absl::StatusOr<Principal> TokenStore::Authenticate(
    absl::string_view authorization) const {
  if (!absl::ConsumePrefix(&authorization, "Bearer ") ||
      authorization.empty()) {
    return absl::UnauthenticatedError(
        "send the access token as metadata \"authorization: Bearer <token>\"");
  }
  absl::MutexLock lock(&mu_);
  auto it = by_hash_.find(TokenHash(authorization));
  if (it == by_hash_.end())
    return absl::UnauthenticatedError("the access token is not valid");
  return it->second;
}

}  // namespace tutornet::server
