#include "services/badges/credentials/jose.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "storage/merkle/openssl_ptr.h"
#include "storage/private_files.h"

namespace tutornet::credentials {
namespace {

struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using openssl::Bio;
using openssl::MdCtx;
using openssl::Pkey;
using openssl::PkeyCtx;
using openssl::PkeyFree;

constexpr int kMinRsaBits = 2048;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string BigEndian(const BIGNUM* bn) {
  std::string out(BN_num_bytes(bn), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string Sha256(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(Bytes(data), data.size(), digest);
  return std::string(reinterpret_cast<char*>(digest), sizeof(digest));
}

// An RSA public key from the JWK's n and e.
absl::StatusOr<Pkey> PublicKeyFromJwk(const nlohmann::json& jwk) {
  if (!jwk.is_object() || jwk.value("kty", "") != "RSA" || !jwk.contains("n") ||
      !jwk["n"].is_string() || !jwk.contains("e") || !jwk["e"].is_string()) {
    return absl::InvalidArgumentError(
        "the key is no RSA public key (a JWK with kty \"RSA\", n and e)");
  }
  absl::StatusOr<std::string> n = Base64UrlDecode(jwk["n"].get<std::string>());
  absl::StatusOr<std::string> e = Base64UrlDecode(jwk["e"].get<std::string>());
  if (!n.ok() || !e.ok() || n->empty() || e->empty()) {
    return absl::InvalidArgumentError("the key's n or e is not base64url");
  }
  Bn bn_n(BN_bin2bn(Bytes(*n), static_cast<int>(n->size()), nullptr));
  Bn bn_e(BN_bin2bn(Bytes(*e), static_cast<int>(e->size()), nullptr));
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get());
  OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get());
  std::unique_ptr<OSSL_PARAM, ParamFree> params(
      OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) !=
          1) {
    return absl::InvalidArgumentError("the key's n and e make no RSA key");
  }
  Pkey out(key);
  if (EVP_PKEY_get_bits(key) < kMinRsaBits) {
    return absl::InvalidArgumentError(
        absl::StrCat("the RSA key has ", EVP_PKEY_get_bits(key),
                     " bits; RS256 asks for 2048 at least"));
  }
  return out;
}

absl::StatusOr<nlohmann::json> ParseJsonPart(absl::string_view encoded,
                                             absl::string_view what) {
  absl::StatusOr<std::string> bytes = Base64UrlDecode(encoded);
  if (!bytes.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the JWT's ", what, " is not base64url"));
  }
  nlohmann::json json = nlohmann::json::parse(*bytes, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the JWT's ", what, " is not a JSON object"));
  }
  return json;
}

}  // namespace

std::string Base64UrlEncode(absl::string_view bytes) {
  return absl::WebSafeBase64Escape(bytes);
}

absl::StatusOr<std::string> Base64UrlDecode(absl::string_view text) {
  for (char c : text) {
    if (!(absl::ascii_isalnum(c) || c == '-' || c == '_')) {
      return absl::InvalidArgumentError("not unpadded base64url");
    }
  }
  std::string out;
  if (text.size() % 4 == 1 || !absl::WebSafeBase64Unescape(text, &out)) {
    return absl::InvalidArgumentError("not unpadded base64url");
  }
  return out;
}

RsaSigningKey::RsaSigningKey(EVP_PKEY* key) : key_(key, PkeyFree()) {}

absl::StatusOr<RsaSigningKey> RsaSigningKey::Generate() {
  EVP_PKEY* key = EVP_RSA_gen(kMinRsaBits);
  if (key == nullptr) {
    return absl::InternalError("OpenSSL could not make an RSA key");
  }
  return RsaSigningKey(key);
}

absl::StatusOr<RsaSigningKey> RsaSigningKey::FromPem(absl::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr || EVP_PKEY_get_id(key) != EVP_PKEY_RSA ||
      EVP_PKEY_get_bits(key) < kMinRsaBits) {
    EVP_PKEY_free(key);
    return absl::InvalidArgumentError(
        "not an RSA private key of 2048 bits or more in PEM form");
  }
  return RsaSigningKey(key);
}

absl::StatusOr<RsaSigningKey> RsaSigningKey::Load(const std::string& path) {
  absl::StatusOr<std::string> pem = storage::ReadPrivateFile(path);
  if (!pem.ok()) return pem.status();
  absl::StatusOr<RsaSigningKey> key = FromPem(*pem);
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", key.status().message()));
  }
  return key;
}

absl::StatusOr<RsaSigningKey> RsaSigningKey::Create(const std::string& path) {
  absl::StatusOr<RsaSigningKey> key = Generate();
  if (!key.ok()) return key.status();
  if (absl::Status s = storage::WritePrivateFile(path, key->ToPem()); !s.ok()) {
    return s;
  }
  return key;
}

std::string RsaSigningKey::ToPem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                           nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, size);
}

nlohmann::json RsaSigningKey::PublicJwk() const {
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  EVP_PKEY_get_bn_param(key_.get(), OSSL_PKEY_PARAM_RSA_N, &n);
  EVP_PKEY_get_bn_param(key_.get(), OSSL_PKEY_PARAM_RSA_E, &e);
  Bn owned_n(n);
  Bn owned_e(e);
  return nlohmann::json{{"kty", "RSA"},
                        {"n", Base64UrlEncode(BigEndian(n))},
                        {"e", Base64UrlEncode(BigEndian(e))}};
}

std::string RsaSigningKey::Thumbprint() const {
  return JwkThumbprint(PublicJwk());
}

std::string RsaSigningKey::DerivedSecret(absl::string_view purpose) const {
  unsigned char* der = nullptr;
  const int der_size = i2d_PrivateKey(key_.get(), &der);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), der, der_size, Bytes(purpose), purpose.size(), mac, &size);
  OPENSSL_clear_free(der, der_size);
  return std::string(reinterpret_cast<char*>(mac), size);
}

std::string RsaSigningKey::Sign(absl::string_view message) const {
  MdCtx ctx(EVP_MD_CTX_new());
  size_t size = 0;
  if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr,
                         key_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, Bytes(message),
                     message.size()) != 1) {
    std::abort();  // Signing with a valid key cannot fail short of memory.
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(),
                     reinterpret_cast<unsigned char*>(signature.data()), &size,
                     Bytes(message), message.size()) != 1) {
    std::abort();
  }
  signature.resize(size);
  return signature;
}

std::string SignCompactJws(const RsaSigningKey& key,
                           const nlohmann::json& header,
                           const nlohmann::json& payload) {
  std::string input = absl::StrCat(Base64UrlEncode(header.dump()), ".",
                                   Base64UrlEncode(payload.dump()));
  const std::string signature = key.Sign(input);
  return absl::StrCat(input, ".", Base64UrlEncode(signature));
}

absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view jws) {
  std::vector<absl::string_view> parts = absl::StrSplit(jws, '.');
  if (parts.size() != 3) {
    return absl::InvalidArgumentError(
        "not a compact JWS: it has three parts split by '.'");
  }
  CompactJws out;
  absl::StatusOr<nlohmann::json> header = ParseJsonPart(parts[0], "header");
  if (!header.ok()) return header.status();
  absl::StatusOr<nlohmann::json> payload = ParseJsonPart(parts[1], "payload");
  if (!payload.ok()) return payload.status();
  absl::StatusOr<std::string> signature = Base64UrlDecode(parts[2]);
  if (!signature.ok()) {
    return absl::InvalidArgumentError("the JWT's signature is not base64url");
  }
  out.header = *std::move(header);
  out.payload = *std::move(payload);
  out.signing_input = absl::StrCat(parts[0], ".", parts[1]);
  out.signature = *std::move(signature);
  return out;
}

absl::Status VerifyRs256(const nlohmann::json& jwk, absl::string_view message,
                         absl::string_view signature) {
  absl::StatusOr<Pkey> key = PublicKeyFromJwk(jwk);
  if (!key.ok()) return key.status();
  MdCtx ctx(EVP_MD_CTX_new());
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr,
                           key->get()) != 1 ||
      EVP_DigestVerify(ctx.get(), Bytes(signature), signature.size(),
                       Bytes(message), message.size()) != 1) {
    return absl::DataLossError("the signature does not match the key");
  }
  return absl::OkStatus();
}

std::string JwkThumbprint(const nlohmann::json& jwk) {
  // RFC 7638 §3.2: the required members in lexicographic order, no
  // whitespace; nlohmann's objects keep keys sorted.
  const nlohmann::json members{
      {"e", jwk.value("e", "")}, {"kty", "RSA"}, {"n", jwk.value("n", "")}};
  return Base64UrlEncode(Sha256(members.dump()));
}

}  // namespace tutornet::credentials
