#include "storage/merkle/tree_head.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "status/status_macros.h"
#include "storage/merkle/ed25519.h"
#include "storage/wire.h"

namespace tutornet::merkle {
namespace {

constexpr absl::string_view kMagic("tutornet-tree-head-v1\0", 22);

}  // namespace

std::string TreeHeadSigningBytes(const TreeHead& head) {
  std::string out;
  wire::Writer w(out);
  w.Raw(kMagic);
  w.Str(head.log_id);
  w.U64(head.tree_size);
  w.Raw(AsBytes(head.root));
  w.I64(absl::ToUnixMicros(head.timestamp));
  return out;
}

std::string EncodeSignedTreeHead(const SignedTreeHead& sth) {
  return TreeHeadSigningBytes(sth.head) + sth.signature;
}

absl::StatusOr<SignedTreeHead> DecodeSignedTreeHead(absl::string_view bytes) {
  wire::Reader r(bytes);
  SignedTreeHead sth;
  const bool magic_ok = r.Raw(kMagic.size()) == kMagic;
  r.Str(sth.head.log_id);
  sth.head.tree_size = r.U64();
  absl::string_view root = r.Raw(32);
  sth.head.timestamp = absl::FromUnixMicros(r.I64());
  sth.signature = std::string(r.Raw(kEd25519SignatureBytes));
  if (!magic_ok || !r.ok() || !r.done()) {
    return absl::DataLossError("not an encoded signed tree head");
  }
  std::copy(root.begin(), root.end(), sth.head.root.begin());
  return sth;
}

absl::Status VerifySignedTreeHead(const SignedTreeHead& sth,
                                  absl::string_view public_key,
                                  absl::string_view log_id) {
  if (sth.head.log_id != log_id) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the tree head is for log \"", absl::CHexEscape(sth.head.log_id),
        "\", not \"", absl::CHexEscape(log_id), "\""));
  }
  return Ed25519Verify(public_key, TreeHeadSigningBytes(sth.head),
                       sth.signature);
}

absl::StatusOr<std::string> FormatLogKey(const LogKey& key) {
  ASSIGN_OR_RETURN(std::string pem, PublicKeyToPem(key.public_key));
  return absl::StrCat("log id: ", key.log_id, "\n", pem);
}

absl::StatusOr<LogKey> ParseLogKey(absl::string_view text) {
  constexpr absl::string_view kId = "log id: ";
  const size_t id_at = text.find(kId);
  const size_t pem_at = text.find("-----BEGIN");
  if (id_at == absl::string_view::npos || pem_at == absl::string_view::npos) {
    return absl::InvalidArgumentError(
        "not a log key: it needs a \"log id: \" line and a PEM public key "
        "(what tutornet_audit --print_public_key prints)");
  }
  const size_t id_end = text.find('\n', id_at);
  LogKey key;
  key.log_id = std::string(absl::StripAsciiWhitespace(
      text.substr(id_at + kId.size(), id_end == absl::string_view::npos
                                          ? absl::string_view::npos
                                          : id_end - id_at - kId.size())));
  if (key.log_id.empty()) {
    return absl::InvalidArgumentError("not a log key: the log id is empty");
  }
  ASSIGN_OR_RETURN(key.public_key, PublicKeyFromPem(text.substr(pem_at)));
  return key;
}

}  // namespace tutornet::merkle
