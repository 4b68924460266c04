#include "services/server/tokens.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/registry/checks.h"
#include "storage/merkle/sha256.h"
#include "storage/status_macros.h"

namespace tutornet::server {
namespace {

constexpr std::pair<AccessRole, absl::string_view> kRoleNames[] = {
    {AccessRole::kAdmin, "admin"},
    {AccessRole::kNetworkCoordinator, "network_coordinator"},
    {AccessRole::kRegionalCoordinator, "regional_coordinator"},
    {AccessRole::kTutor, "tutor"},
    {AccessRole::kFunder, "funder"},
};

// Writes `contents` to `path` so that a crash leaves the old or the new
// file, never half of one; the file is private to the owner.
absl::Status WritePrivateFile(const std::string& path,
                              absl::string_view contents) {
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  const int fd =
      ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create ", tmp, ": ", std::strerror(errno)));
  }
  const bool ok = ::write(fd, contents.data(), contents.size()) ==
                      static_cast<ssize_t>(contents.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot write ", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status ValidatePrincipal(const Principal& p) {
  RETURN_IF_ERROR(registry::ValidateId("principal_id", p.id));
  if (p.role == AccessRole::kAdmin) {
    if (!p.network_id.empty() || !p.region_ids.empty()) {
      return registry::Invalid("network_id",
                               "an admin is not bound to a network");
    }
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(registry::ValidateId("network_id", p.network_id));
  if (p.role == AccessRole::kRegionalCoordinator) {
    if (p.region_ids.empty()) {
      return registry::Invalid(
          "region_ids", "a regional coordinator needs at least one region");
    }
    for (const std::string& r : p.region_ids)
      RETURN_IF_ERROR(registry::ValidateId("region_ids", r));
  } else if (!p.region_ids.empty()) {
    return registry::Invalid("region_ids",
                             "only regional coordinators are bound to regions");
  }
  return absl::OkStatus();
}

std::string Line(const std::string& hash, const Principal& p) {
  std::string line = absl::StrCat(hash, " ", p.id, " ", AccessRoleName(p.role));
  if (!p.network_id.empty()) absl::StrAppend(&line, " ", p.network_id);
  if (!p.region_ids.empty())
    absl::StrAppend(&line, " ", absl::StrJoin(p.region_ids, ","));
  return line + "\n";
}

absl::StatusOr<std::pair<std::string, Principal>> ParseLine(
    absl::string_view line) {
  std::vector<std::string> f = absl::StrSplit(line, ' ');
  if (f.size() < 3 || f.size() > 5 || f[0].size() != 64) {
    return absl::InvalidArgumentError("not a token line");
  }
  Principal p;
  p.id = f[1];
  ASSIGN_OR_RETURN(p.role, ParseAccessRole(f[2]));
  if (f.size() > 3) p.network_id = f[3];
  if (f.size() > 4) p.region_ids = absl::StrSplit(f[4], ',');
  RETURN_IF_ERROR(ValidatePrincipal(p));
  return std::make_pair(f[0], p);
}

}  // namespace

std::string AccessRoleName(AccessRole role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return std::string(name);
  }
  return "unknown";
}

absl::StatusOr<AccessRole> ParseAccessRole(absl::string_view name) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) return r;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "role: \"", name,
      "\" is not one of admin, network_coordinator, regional_coordinator, "
      "tutor, funder"));
}

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
    const std::string& path) {
  auto store = std::unique_ptr<TokenStore>(new TokenStore(path));
  const std::string dir = std::filesystem::path(path).parent_path().string();
  struct stat st;
  if (::stat(store->path_.c_str(), &st) != 0) {
    Principal admin{"person-admin", AccessRole::kAdmin, "", {}};
    absl::MutexLock lock(&store->mu_);
    const std::string token = NewToken();
    store->by_hash_[TokenHash(token)] = admin;
    RETURN_IF_ERROR(store->Save());
    store->admin_token_file_ = dir + "/admin.token";
    RETURN_IF_ERROR(WritePrivateFile(store->admin_token_file_, token + "\n"));
    return store;
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(store->path_,
                     " may be read by others; make it private with: chmod 600 ",
                     store->path_));
  }
  std::ifstream in(store->path_);
  std::string line;
  absl::MutexLock lock(&store->mu_);
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    absl::StatusOr<std::pair<std::string, Principal>> parsed = ParseLine(line);
    if (!parsed.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat(store->path_, ":", n, ": ", parsed.status().message()));
    }
    store->by_hash_.insert(*std::move(parsed));
  }
  return store;
}

absl::Status TokenStore::Save() const {
  std::string contents;
  for (const auto& [hash, principal] : by_hash_)
    contents += Line(hash, principal);
  return WritePrivateFile(path_, contents);
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

absl::StatusOr<std::string> TokenStore::Create(const Principal& principal) {
  RETURN_IF_ERROR(ValidatePrincipal(principal));
  const std::string token = NewToken();
  absl::MutexLock lock(&mu_);
  by_hash_[TokenHash(token)] = principal;
  absl::Status saved = Save();
  if (!saved.ok()) {
    by_hash_.erase(
        TokenHash(token));  // Nothing acknowledged that is not on disk.
    return saved;
  }
  return token;
}

absl::StatusOr<int> TokenStore::Revoke(absl::string_view principal_id) {
  absl::MutexLock lock(&mu_);
  std::map<std::string, Principal> kept;
  int revoked = 0;
  for (const auto& [hash, p] : by_hash_) {
    if (p.id == principal_id) {
      ++revoked;
    } else {
      kept.emplace(hash, p);
    }
  }
  if (revoked == 0) {
    return absl::NotFoundError(
        absl::StrCat("principal \"", principal_id, "\" has no token"));
  }
  std::swap(kept, by_hash_);
  absl::Status saved = Save();
  if (!saved.ok()) {
    std::swap(kept, by_hash_);
    return saved;
  }
  return revoked;
}

}  // namespace tutornet::server
