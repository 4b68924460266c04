// The log's Ed25519 signing key for tree heads, kept as a PKCS#8 PEM file
// that only the owner may read (mode 0600), created on first use.
#ifndef TUTORNET_STORAGE_SIGNING_KEY_H_
#define TUTORNET_STORAGE_SIGNING_KEY_H_

#include <string>

#include "absl/status/statusor.h"
#include "storage/merkle/ed25519.h"

namespace tutornet::storage {

// Loads the key at `path`. FAILED_PRECONDITION if it is missing or
// readable or writable by group or others; INVALID_ARGUMENT if it holds no
// Ed25519 key.
absl::StatusOr<merkle::Ed25519PrivateKey> LoadSigningKey(
    const std::string& path);

// Makes a new key and writes it to `path` (atomically, mode 0600).
// FAILED_PRECONDITION if it cannot be written.
absl::StatusOr<merkle::Ed25519PrivateKey> CreateSigningKey(
    const std::string& path);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_SIGNING_KEY_H_
