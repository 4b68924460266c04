#include "services/badges/credentials/status_list.h"

#include <zlib.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/badges/credentials/jose.h"

namespace tutornet::credentials {
namespace {

// zlib's window bits: 15, plus 16 to write a gzip wrapper, plus 32 to
// read gzip or zlib.
constexpr int kGzipWrite = 15 + 16;
constexpr int kGzipRead = 15 + 32;

std::string Gzip(const std::string& bytes) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWrite, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

absl::StatusOr<std::string> Gunzip(const std::string& bytes, size_t limit) {
  z_stream z{};
  if (inflateInit2(&z, kGzipRead) != Z_OK) {
    return absl::InternalError("zlib could not start");
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buffer[16384];
  int result = Z_OK;
  while (result == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof(buffer);
    result = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - z.avail_out);
    if (out.size() > limit) {
      inflateEnd(&z);
      return absl::InvalidArgumentError("the status list is too large");
    }
    if (result == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  if (result != Z_STREAM_END) {
    return absl::InvalidArgumentError("the status list is not GZIP data");
  }
  return out;
}

}  // namespace

absl::StatusOr<std::string> EncodeStatusList(const std::set<uint64_t>& set,
                                             uint64_t bits) {
  bits = std::max(bits, kMinStatusListBits);
  if (!set.empty()) bits = std::max(bits, *set.rbegin() + 1);
  if (bits > kMaxStatusListBits) {
    return absl::InvalidArgumentError(
        absl::StrCat("a status list of ", bits, " bits is too large"));
  }
  std::string list((bits + 7) / 8, '\0');
  for (uint64_t index : set) {
    list[index / 8] = static_cast<char>(
        static_cast<unsigned char>(list[index / 8]) | (0x80u >> (index % 8)));
  }
  return absl::StrCat("u", Base64UrlEncode(Gzip(list)));
}

absl::StatusOr<bool> StatusBit(absl::string_view encoded_list, uint64_t index) {
  if (encoded_list.empty() || encoded_list.front() != 'u') {
    return absl::InvalidArgumentError(
        "the status list is not multibase base64url (it starts with 'u')");
  }
  absl::StatusOr<std::string> gzipped = Base64UrlDecode(encoded_list.substr(1));
  if (!gzipped.ok()) {
    return absl::InvalidArgumentError("the status list is not base64url");
  }
  absl::StatusOr<std::string> list = Gunzip(*gzipped, kMaxStatusListBits / 8);
  if (!list.ok()) return list.status();
  if (index / 8 >= list->size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("index ", index, " is beyond the status list's ",
                     list->size() * 8, " bits"));
  }
  return (static_cast<unsigned char>((*list)[index / 8]) &
          (0x80u >> (index % 8))) != 0;
}

}  // namespace tutornet::credentials
