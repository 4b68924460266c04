#include "storage/merkle/ed25519.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "absl/strings/str_cat.h"
#include "storage/merkle/openssl_ptr.h"

namespace tutornet::merkle {
namespace {

using openssl::Bio;
using openssl::MdCtx;
using openssl::Pkey;
using openssl::PkeyFree;

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, size);
}

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

absl::StatusOr<Pkey> RawPublicKey(absl::string_view public_key) {
  if (public_key.size() != kEd25519PublicKeyBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "public key: an Ed25519 key is 32 bytes, not ", public_key.size()));
  }
  Pkey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                       Bytes(public_key), public_key.size()));
  if (key == nullptr)
    return absl::InvalidArgumentError("public key: not an Ed25519 key");
  return key;
}

}  // namespace

Ed25519PrivateKey::Ed25519PrivateKey(EVP_PKEY* key) : key_(key, PkeyFree()) {}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::Generate() {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (key == nullptr)
    return absl::InternalError("OpenSSL could not make an Ed25519 key");
  return Ed25519PrivateKey(key);
}

absl::StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromPem(
    absl::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(key);
    return absl::InvalidArgumentError("not an Ed25519 private key in PEM form");
  }
  return Ed25519PrivateKey(key);
}

std::string Ed25519PrivateKey::ToPem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                           nullptr);
  return BioContents(bio.get());
}

std::string Ed25519PrivateKey::PublicKey() const {
  std::string out(kEd25519PublicKeyBytes, '\0');
  size_t size = out.size();
  EVP_PKEY_get_raw_public_key(
      key_.get(), reinterpret_cast<unsigned char*>(out.data()), &size);
  return out;
}

std::string Ed25519PrivateKey::Sign(absl::string_view message) const {
  MdCtx ctx(EVP_MD_CTX_new());
  std::string signature(kEd25519SignatureBytes, '\0');
  size_t size = signature.size();
  // Ed25519 hashes internally: no digest is named.
  if (EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) !=
          1 ||
      EVP_DigestSign(ctx.get(),
                     reinterpret_cast<unsigned char*>(signature.data()), &size,
                     Bytes(message), message.size()) != 1) {
    std::abort();  // Signing with a valid key cannot fail short of memory.
  }
  return signature;
}

absl::Status Ed25519Verify(absl::string_view public_key,
                           absl::string_view message,
                           absl::string_view signature) {
  absl::StatusOr<Pkey> key = RawPublicKey(public_key);
  if (!key.ok()) return key.status();
  if (signature.size() != kEd25519SignatureBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "signature: an Ed25519 signature is 64 bytes, not ", signature.size()));
  }
  MdCtx ctx(EVP_MD_CTX_new());
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key->get()) !=
          1 ||
      EVP_DigestVerify(ctx.get(), Bytes(signature), signature.size(),
                       Bytes(message), message.size()) != 1) {
    return absl::DataLossError(
        "the signature does not match the public key and message");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> PublicKeyToPem(absl::string_view public_key) {
  absl::StatusOr<Pkey> key = RawPublicKey(public_key);
  if (!key.ok()) return key.status();
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), key->get());
  return BioContents(bio.get());
}

absl::StatusOr<std::string> PublicKeyFromPem(absl::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (key == nullptr || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return absl::InvalidArgumentError("not an Ed25519 public key in PEM form");
  }
  std::string out(kEd25519PublicKeyBytes, '\0');
  size_t size = out.size();
  EVP_PKEY_get_raw_public_key(
      key.get(), reinterpret_cast<unsigned char*>(out.data()), &size);
  return out;
}

}  // namespace tutornet::merkle
