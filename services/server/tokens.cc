#include "services/server/tokens.h"

#include <openssl/rand.h>
#include <sys/stat.h>

#include <algorithm>
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
#include "services/values/text.h"
#include "status/status_macros.h"
#include "storage/merkle/sha256.h"
#include "storage/private_files.h"

namespace tutornet::server {
namespace {

absl::Status ValidatePrincipal(const Principal& p) {
  RETURN_IF_ERROR(values::ValidateId("principal_id", p.id));
  if (p.role == AccessRole::kAdmin) {
    if (!p.network_id.empty() || !p.region_ids.empty()) {
      return values::Invalid("network_id",
                             "an admin is not bound to a network");
    }
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(values::ValidateId("network_id", p.network_id));
  if (p.role == AccessRole::kRegionalCoordinator) {
    if (p.region_ids.empty()) {
      return values::Invalid(
          "region_ids", "a regional coordinator needs at least one region");
    }
    for (const std::string& r : p.region_ids)
      RETURN_IF_ERROR(values::ValidateId("region_ids", r));
  } else if (!p.region_ids.empty()) {
    return values::Invalid("region_ids",
                           "only regional coordinators are bound to regions");
  }
  if (p.role == AccessRole::kFunder) {
    if (p.project_ids.empty()) {
      return values::Invalid("project_ids",
                             "a funder needs at least one funded project");
    }
    for (const std::string& id : p.project_ids)
      RETURN_IF_ERROR(values::ValidateId("project_ids", id));
  } else if (!p.project_ids.empty()) {
    return values::Invalid("project_ids",
                           "only funders are bound to funded projects");
  }
  return absl::OkStatus();
}

std::string Line(const std::string& hash, const Principal& p) {
  std::string line = absl::StrCat(hash, " ", p.id, " ", AccessRoleName(p.role));
  if (!p.network_id.empty()) absl::StrAppend(&line, " ", p.network_id);
  if (!p.region_ids.empty())
    absl::StrAppend(&line, " ", absl::StrJoin(p.region_ids, ","));
  if (!p.project_ids.empty())
    absl::StrAppend(&line, " ", absl::StrJoin(p.project_ids, ","));
  return line + "\n";
}

absl::StatusOr<std::pair<std::string, Principal>> ParseLine(
    absl::string_view line) {
  std::vector<std::string> f = absl::StrSplit(line, ' ');
  const auto lower_hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  };
  if (f.size() < 3 || f.size() > 5 || f[0].size() != 64 ||
      !std::all_of(f[0].begin(), f[0].end(), lower_hex)) {
    return absl::InvalidArgumentError(
        "not a token line (hash principal role [network [regions|projects]])");
  }
  Principal p;
  p.id = f[1];
  ASSIGN_OR_RETURN(p.role, ParseAccessRole(f[2]));
  if (f.size() > 3) p.network_id = f[3];
  // The fifth field is the role's scope: regions of a regional
  // coordinator, funded projects of a funder.
  if (f.size() > 4) {
    std::set<std::string>& scope =
        p.role == AccessRole::kFunder ? p.project_ids : p.region_ids;
    scope = absl::StrSplit(f[4], ',');
  }
  RETURN_IF_ERROR(ValidatePrincipal(p));
  return std::make_pair(f[0], p);
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
    const std::string& path, bool first_start) {
  auto store = std::unique_ptr<TokenStore>(new TokenStore(path));
  const std::string dir = std::filesystem::path(path).parent_path().string();
  struct stat st;
  if (::lstat(store->path_.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      return absl::FailedPreconditionError(absl::StrCat(
          "cannot read the tokens file ", path, ": ", std::strerror(errno)));
    }
    if (!first_start) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the tokens file ", path,
          " is missing, but the data directory already holds logs; restore "
          "it from a backup (it is not made anew, so that deleting it cannot "
          "hand out a new admin token)"));
    }
    Principal admin{"person-admin", AccessRole::kAdmin, "", {}, {}};
    absl::MutexLock lock(&store->mu_);
    const std::string token = NewToken();
    store->by_hash_[TokenHash(token)] = admin;
    // The token first, then its hash: a crash between the two leaves no
    // tokens file, and the next start makes both again; the other order
    // could keep an admin hash whose token no one has.
    store->admin_token_file_ =
        dir.empty() ? std::string("admin.token") : dir + "/admin.token";
    RETURN_IF_ERROR(
        storage::WritePrivateFile(store->admin_token_file_, token + "\n"));
    RETURN_IF_ERROR(store->Save());
    return store;
  }
  if (!S_ISREG(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("the tokens file ", path, " is not a regular file"));
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat(store->path_,
                     " may be read by others; make it private with: chmod 600 ",
                     store->path_));
  }
  std::ifstream in(store->path_);
  if (!in) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot read the tokens file ", path, ": ", std::strerror(errno)));
  }
  std::string line;
  absl::MutexLock lock(&store->mu_);
  bool has_admin = false;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    absl::StatusOr<std::pair<std::string, Principal>> parsed = ParseLine(line);
    if (!parsed.ok()) {
      return absl::FailedPreconditionError(
          absl::StrCat(store->path_, ":", n, ": ", parsed.status().message()));
    }
    has_admin = has_admin || parsed->second.role == AccessRole::kAdmin;
    if (!store->by_hash_.insert(*std::move(parsed)).second) {
      return absl::FailedPreconditionError(absl::StrCat(
          store->path_, ":", n, ": a token hash that an earlier line has"));
    }
  }
  if (in.bad()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the tokens file ", path));
  }
  if (!has_admin) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the tokens file ", path,
        " holds no admin token (it is empty or damaged); restore it from a "
        "backup"));
  }
  return store;
}

bool TokenStore::IsAdmin(absl::string_view principal_id) const {
  absl::MutexLock lock(&mu_);
  for (const auto& [hash, p] : by_hash_) {
    if (p.id == principal_id && p.role == AccessRole::kAdmin) return true;
  }
  return false;
}

absl::Status TokenStore::Save() const {
  std::string contents;
  for (const auto& [hash, principal] : by_hash_)
    contents += Line(hash, principal);
  return storage::WritePrivateFile(path_, contents);
}

absl::StatusOr<Principal> TokenStore::Authenticate(
    absl::string_view authorization) const {
  // The scheme is case-insensitive (RFC 9110 11.1).
  constexpr absl::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      !absl::EqualsIgnoreCase(authorization.substr(0, kScheme.size()),
                              kScheme)) {
    return absl::UnauthenticatedError(
        "send the access token as \"authorization: Bearer <token>\" (gRPC "
        "metadata or HTTP header)");
  }
  authorization.remove_prefix(kScheme.size());
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
  const bool admin_left =
      std::any_of(kept.begin(), kept.end(), [](const auto& entry) {
        return entry.second.role == AccessRole::kAdmin;
      });
  if (!admin_left) {
    return absl::FailedPreconditionError(absl::StrCat(
        "revoking every token of \"", principal_id,
        "\" would leave no admin; make another admin token first"));
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
