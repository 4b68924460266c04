// OpenSSL objects owned by std::unique_ptr, freed by their own free
// functions: what every file that signs or verifies holds.
#ifndef TUTORNET_STORAGE_MERKLE_OPENSSL_PTR_H_
#define TUTORNET_STORAGE_MERKLE_OPENSSL_PTR_H_

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>

namespace tutornet::openssl {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

using Bio = std::unique_ptr<BIO, BioFree>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

}  // namespace tutornet::openssl

#endif  // TUTORNET_STORAGE_MERKLE_OPENSSL_PTR_H_
