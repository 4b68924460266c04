// Signed tree heads: a log's statement "my tree of N leaves has root R", as
// of a time, signed with the log's Ed25519 key.
//
// The signed bytes (all integers big-endian):
//
//   signed := "tutornet-tree-head-v1" 0x00
//             u32(len(log_id)) log_id u64(tree_size) root[32]
//             i64(timestamp_micros)
//
// Stored form: signed || signature[64].
#ifndef TUTORNET_STORAGE_MERKLE_TREE_HEAD_H_
#define TUTORNET_STORAGE_MERKLE_TREE_HEAD_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/merkle/sha256.h"

namespace tutornet::merkle {

struct TreeHead {
  std::string log_id;
  uint64_t tree_size = 0;
  Hash root{};
  absl::Time timestamp;  // Microsecond precision.
};

struct SignedTreeHead {
  TreeHead head;
  std::string signature;  // Ed25519, 64 bytes.
};

std::string TreeHeadSigningBytes(const TreeHead& head);

std::string EncodeSignedTreeHead(const SignedTreeHead& sth);
// DATA_LOSS if `bytes` is not an encoded signed tree head.
absl::StatusOr<SignedTreeHead> DecodeSignedTreeHead(absl::string_view bytes);

// OK if `sth` is signed by `public_key` (raw, 32 bytes) for `log_id`.
// FAILED_PRECONDITION for a head of another log; DATA_LOSS for a bad signature;
// INVALID_ARGUMENT for a malformed key or signature.
absl::Status VerifySignedTreeHead(const SignedTreeHead& sth,
                                  absl::string_view public_key,
                                  absl::string_view log_id);

// A log's identity for those who verify it: its id and raw Ed25519
// public key, published out of band as a "log key" text:
//
//   log id: <log_id>
//   -----BEGIN PUBLIC KEY-----  (the key as PEM)
//
// which `tutornet_audit --print_public_key` prints.
struct LogKey {
  std::string log_id;
  std::string public_key;  // Raw, 32 bytes.
};

absl::StatusOr<std::string> FormatLogKey(const LogKey& key);
// INVALID_ARGUMENT, saying what is missing, for a text that is not a log
// key.
absl::StatusOr<LogKey> ParseLogKey(absl::string_view text);

}  // namespace tutornet::merkle

#endif  // TUTORNET_STORAGE_MERKLE_TREE_HEAD_H_
