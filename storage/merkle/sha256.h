// SHA-256 (OpenSSL 3) and the Hash type of the Merkle tree.
#ifndef TUTORNET_STORAGE_MERKLE_SHA256_H_
#define TUTORNET_STORAGE_MERKLE_SHA256_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace tutornet::merkle {

using Hash = std::array<uint8_t, 32>;

// Incremental SHA-256. Reusable: Finish() starts a new digest.
// Not thread-safe; one per thread.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(const void* data, size_t size);
  void Update(absl::string_view bytes) { Update(bytes.data(), bytes.size()); }
  void Update(const Hash& h) { Update(h.data(), h.size()); }
  Hash Finish();

 private:
  EVP_MD_CTX* ctx_;
};

std::string ToHex(const Hash& h);
// INVALID_ARGUMENT unless `hex` is 64 hex digits.
absl::StatusOr<Hash> HashFromHex(absl::string_view hex);
// INVALID_ARGUMENT unless `bytes` is 32 bytes long.
absl::StatusOr<Hash> HashFromBytes(absl::string_view bytes);
inline absl::string_view AsBytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

}  // namespace tutornet::merkle

#endif  // TUTORNET_STORAGE_MERKLE_SHA256_H_
