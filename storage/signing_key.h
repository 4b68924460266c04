// The log's Ed25519 signing key for tree heads, kept as a PKCS#8 PEM file
// that only the owner may read (mode 0600), created on first use.
#ifndef TUTORNET_STORAGE_SIGNING_KEY_H_
#define TUTORNET_STORAGE_SIGNING_KEY_H_

#include <string>

#include "absl/status/statusor.h"
#include "storage/merkle/ed25519.h"

namespace tutornet::storage {

// Loads the key at `path`, or creates it there (atomically, mode 0600) if
// there is none. FAILED_PRECONDITION if the file is readable or writable by
// group or others, or cannot be written; INVALID_ARGUMENT if it holds no
// Ed25519 key.
absl::StatusOr<merkle::Ed25519PrivateKey> LoadOrCreateSigningKey(
    const std::string& path);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_SIGNING_KEY_H_
