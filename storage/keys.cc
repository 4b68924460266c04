#include "storage/keys.h"

#include <cassert>

namespace tutornet::storage::keys {

std::string EncodeFixed64(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return out;
}

uint64_t DecodeFixed64(absl::string_view bytes) {
  assert(bytes.size() == 8);
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

std::string RecordKey(uint64_t position) { return EncodeFixed64(position); }

std::string StreamPrefix(absl::string_view stream) {
  std::string out(stream);
  out.push_back('\0');
  return out;
}

std::string StreamKey(absl::string_view stream, uint64_t version) {
  return StreamPrefix(stream) + EncodeFixed64(version);
}

std::string TreeGroupKey(uint64_t last_leaf) {
  return EncodeFixed64(last_leaf);
}

uint64_t StreamKeyVersion(absl::string_view key) {
  return DecodeFixed64(key.substr(key.size() - 8));
}

}  // namespace tutornet::storage::keys
