#include "storage/merkle/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace tutornet::merkle {
namespace {

// Fetched once: OpenSSL 3 would otherwise look the algorithm up on every
// digest, which costs more than hashing a tree node.
const EVP_MD* Sha256Algorithm() {
  static const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr ||
      EVP_DigestInit_ex(ctx_, Sha256Algorithm(), nullptr) != 1) {
    std::abort();  // Out of memory or no SHA-256 in OpenSSL: nothing to
                   // recover.
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::Update(const void* data, size_t size) {
  EVP_DigestUpdate(ctx_, data, size);
}

Hash Sha256::Finish() {
  Hash out;
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx_, out.data(), &size);
  EVP_DigestInit_ex(ctx_, Sha256Algorithm(), nullptr);
  return out;
}

std::string ToHex(const Hash& h) { return absl::BytesToHexString(AsBytes(h)); }

absl::StatusOr<Hash> HashFromBytes(absl::string_view bytes) {
  if (bytes.size() != 32) {
    return absl::InvalidArgumentError(
        absl::StrCat("a hash is 32 bytes, not ", bytes.size()));
  }
  Hash h;
  std::copy(bytes.begin(), bytes.end(), h.begin());
  return h;
}

absl::StatusOr<Hash> HashFromHex(absl::string_view hex) {
  if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") !=
                              absl::string_view::npos) {
    return absl::InvalidArgumentError("a hash is 64 hexadecimal digits");
  }
  return HashFromBytes(absl::HexStringToBytes(hex));
}

}  // namespace tutornet::merkle
