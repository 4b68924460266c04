// Files and directories that hold a log's secrets or personal data:
// private to the owner whatever the umask, and replaced whole or not at
// all. Used by the log (its directory, its signing key), by projections
// (their stores and CURRENT pointers) and by the server (its tokens).
//
// Pure functions over the file system; thread-safe for distinct paths.
// Errors are FAILED_PRECONDITION naming the path and the system's reason.
#ifndef TUTORNET_STORAGE_PRIVATE_FILES_H_
#define TUTORNET_STORAGE_PRIVATE_FILES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tutornet::storage {

// Creates `dir` and its missing parents, and makes `dir` 0700.
absl::Status MakePrivateDirectory(const std::string& dir);

// Makes a rename or a file creation in `dir` durable.
absl::Status SyncDirectory(const std::string& dir);

// Writes `contents` to `path` (mode 0600) so that a crash leaves the old
// file or the new one, never half of one: a temporary file beside it,
// synced, renamed over it, the directory synced.
absl::Status WritePrivateFile(const std::string& path,
                              absl::string_view contents);

// The contents of a file only its owner may read or write: NOT_FOUND if
// it is missing; FAILED_PRECONDITION naming the path if group or others
// may read or write it (with the chmod that fixes it) or it cannot be
// read.
absl::StatusOr<std::string> ReadPrivateFile(const std::string& path);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_PRIVATE_FILES_H_
