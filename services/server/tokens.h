// TokenStore: bearer tokens and the principals they stand for.
//
// Tokens are kept only as SHA-256 hashes, in a file only the owner may read
// (`<data_dir>/tokens` by default, mode 0600, rewritten atomically), one per
// line:
//
//   line    := hex(sha256(token)) SP principal_id SP role [SP network_id
//              [SP scope]]
//   scope   := id ("," id)*   regions of a regional coordinator, funded
//                              projects of a funder
//
// On first start the store makes an admin token and writes it, once, to
// admin.token beside the token file (mode 0600) for the operator to pick up.
//
// Thread-safe.
#ifndef TUTORNET_SERVICES_SERVER_TOKENS_H_
#define TUTORNET_SERVICES_SERVER_TOKENS_H_

#include <map>
#include <memory>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/access/principal.h"

namespace tutornet::server {

using access::AccessRole;
using access::AccessRoleName;
using access::ParseAccessRole;
using access::Principal;

class TokenStore {
 public:
  // Loads the token file at `path`. If it is missing and `first_start`,
  // creates it with a first admin token, written to admin.token in the
  // same directory. FAILED_PRECONDITION, never overwriting anything, if the
  // file is missing on a later start (a deleted file must not hand out a
  // new admin), cannot be read, is not a regular file, is empty, holds a
  // malformed line or no admin, or may be read by others.
  static absl::StatusOr<std::unique_ptr<TokenStore>> Open(
      const std::string& path, bool first_start);

  // The principal of the "Bearer <token>" in `authorization`;
  // UNAUTHENTICATED if it is missing, malformed or unknown.
  absl::StatusOr<Principal> Authenticate(absl::string_view authorization) const;

  // Makes a token for `principal` and returns it; only its hash is kept.
  // INVALID_ARGUMENT for an id or scope that does not fit the role.
  absl::StatusOr<std::string> Create(const Principal& principal);
  // Revokes every token of `principal_id`; NOT_FOUND if it has none;
  // FAILED_PRECONDITION if that would leave no admin token.
  // Returns how many were revoked.
  absl::StatusOr<int> Revoke(absl::string_view principal_id);

  // True when `principal_id` holds an admin token.
  bool IsAdmin(absl::string_view principal_id) const;

  // Where the first admin token was written (empty if the store existed).
  const std::string& admin_token_file() const { return admin_token_file_; }

 private:
  explicit TokenStore(std::string path) : path_(std::move(path)) {}
  absl::Status Save() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string path_;
  mutable absl::Mutex mu_;
  std::map<std::string, Principal> by_hash_ ABSL_GUARDED_BY(mu_);
  std::string admin_token_file_;
};

// "tn_" followed by 48 random hex digits.
std::string NewToken();
// hex(SHA-256(token)).
std::string TokenHash(absl::string_view token);

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_TOKENS_H_
