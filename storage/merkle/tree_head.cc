#include "storage/merkle/tree_head.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
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

}  // namespace tutornet::merkle
