// Big-endian fixed-width encoding for the formats that must be the same in
// every language: stored records (record_codec.h) and tree heads. Integers
// are u8/u32/u64 (i64 as its two's complement u64); a string is u32 length
// then bytes.
#ifndef TUTORNET_STORAGE_WIRE_H_
#define TUTORNET_STORAGE_WIRE_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tutornet::wire {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { Fixed(v, 4); }
  void U64(uint64_t v) { Fixed(v, 8); }
  void I64(int64_t v) { Fixed(static_cast<uint64_t>(v), 8); }
  void Raw(absl::string_view bytes) { out_.append(bytes.data(), bytes.size()); }
  void Str(absl::string_view bytes) {
    U32(static_cast<uint32_t>(bytes.size()));
    Raw(bytes);
  }

 private:
  void Fixed(uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i)
      out_.push_back(static_cast<char>(v >> (8 * i)));
  }
  std::string& out_;
};

// Reads from a view; after the first short read every read fails and ok()
// stays false, so a caller checks once at the end.
class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }

  uint8_t U8() { return static_cast<uint8_t>(Fixed(1)); }
  uint32_t U32() { return static_cast<uint32_t>(Fixed(4)); }
  uint64_t U64() { return Fixed(8); }
  int64_t I64() { return static_cast<int64_t>(Fixed(8)); }
  absl::string_view Raw(size_t n) {
    if (!ok_ || in_.size() < n) {
      ok_ = false;
      return {};
    }
    absl::string_view out = in_.substr(0, n);
    in_.remove_prefix(n);
    return out;
  }
  absl::string_view Str() { return Raw(U32()); }
  void Str(std::string& out) {
    absl::string_view s = Str();
    out.assign(s.data(), s.size());
  }

 private:
  uint64_t Fixed(int bytes) {
    absl::string_view b = Raw(bytes);
    uint64_t v = 0;
    for (char c : b) v = (v << 8) | static_cast<unsigned char>(c);
    return v;
  }
  absl::string_view in_;
  bool ok_ = true;
};

}  // namespace tutornet::wire

#endif  // TUTORNET_STORAGE_WIRE_H_
