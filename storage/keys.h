// Key encodings of the event log's column families.
//
// The grammar (all integers big-endian so that byte order is numeric order):
//
//   "records"  key   := fixed64(position)
//              value := record (record_codec.h: the canonical bytes)
//   "streams"  key   := stream_id 0x00 fixed64(stream_version)
//              value := fixed64(position)
//   "requests" key   := request_id
//              value := RequestRecord (record.proto)
//   "tree"     key   := fixed64(last_leaf)         the group's last leaf
//              value := fixed64(first_leaf) hash[32]*
//                       the hashes of every perfect subtree the group's
//                       leaves first..last complete, in the order
//                       CompactRange::Append emits them (leaf = position-1)
//   "heads"    key   := fixed64(tree_size)
//              value := signed tree head (merkle/tree_head.h)
//   "default"  "format" -> kFormatMarker, "log_id" -> 32 hex digits,
//              "merkle_tree" -> "on" | "off"
//
// One tree value per append group keeps the tree's cost per event to a few
// bytes in a value instead of two more keys; groups sort in log order, so an
// audit reads them in one pass. The node of leaf i at level L ending in a
// group that starts at leaf f is hash number
// NodesBefore(i) - NodesBefore(f) + L of that group (compact_range.h).
//
// Stream ids never contain 0x00 (validation.h), so the 0x00 separator keeps
// the keys of stream "ab" together and before those of stream "ab-x".
#ifndef TUTORNET_STORAGE_KEYS_H_
#define TUTORNET_STORAGE_KEYS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tutornet::storage::keys {

inline constexpr absl::string_view kFormatKey = "format";
inline constexpr absl::string_view kFormatMarker = "tutornet-eventlog-2";
inline constexpr absl::string_view kLogIdKey = "log_id";
inline constexpr absl::string_view kMerkleTreeKey = "merkle_tree";

std::string EncodeFixed64(uint64_t value);
// Requires: bytes.size() == 8.
uint64_t DecodeFixed64(absl::string_view bytes);

std::string RecordKey(uint64_t position);
std::string StreamKey(absl::string_view stream, uint64_t version);
// The prefix every key of `stream` starts with.
std::string StreamPrefix(absl::string_view stream);
std::string TreeGroupKey(uint64_t last_leaf);
// Requires: key starts with StreamPrefix(stream) and is a StreamKey.
uint64_t StreamKeyVersion(absl::string_view key);

}  // namespace tutornet::storage::keys

#endif  // TUTORNET_STORAGE_KEYS_H_
