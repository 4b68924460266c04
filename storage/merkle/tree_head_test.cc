// Signed tree heads and Ed25519 keys: what an auditor accepts and rejects.
#include "storage/merkle/tree_head.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/merkle/ed25519.h"
#include "storage/merkle/rfc6962.h"
#include "tests/support/status_matchers.h"

namespace tutornet::merkle {
namespace {

using ::tutornet::testing::StatusIs;

SignedTreeHead Sign(const Ed25519PrivateKey& key, const TreeHead& head) {
  return SignedTreeHead{head, key.Sign(TreeHeadSigningBytes(head))};
}

TreeHead SomeHead() {
  return TreeHead{"0123456789abcdef0123456789abcdef", 42, HashLeaf("x"),
                  absl::FromUnixMicros(1'800'000'000'000'001)};
}

TEST(TreeHeadTest, SignedHeadVerifiesWithItsKeyAndLog) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  ASSERT_OK(key);
  const SignedTreeHead sth = Sign(*key, SomeHead());
  EXPECT_EQ(sth.signature.size(), kEd25519SignatureBytes);
  EXPECT_OK(VerifySignedTreeHead(sth, key->PublicKey(), sth.head.log_id));
}

TEST(TreeHeadTest, HeadSignedByAnotherKeyIsRejected) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  absl::StatusOr<Ed25519PrivateKey> other = Ed25519PrivateKey::Generate();
  ASSERT_OK(key);
  ASSERT_OK(other);
  const SignedTreeHead sth = Sign(*other, SomeHead());
  EXPECT_THAT(VerifySignedTreeHead(sth, key->PublicKey(), sth.head.log_id),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(TreeHeadTest, HeadOfAnotherLogIsRejected) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  ASSERT_OK(key);
  const SignedTreeHead sth = Sign(*key, SomeHead());
  EXPECT_THAT(VerifySignedTreeHead(sth, key->PublicKey(),
                                   "ffffffffffffffffffffffffffffffff"),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("log")));
}

TEST(TreeHeadTest, EveryChangedFieldBreaksTheSignature) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  ASSERT_OK(key);
  const SignedTreeHead sth = Sign(*key, SomeHead());
  SignedTreeHead size = sth;
  size.head.tree_size = 43;
  SignedTreeHead root = sth;
  root.head.root[31] ^= 1;
  SignedTreeHead time = sth;
  time.head.timestamp += absl::Microseconds(1);
  SignedTreeHead signature = sth;
  signature.signature[0] ^= 1;
  for (const SignedTreeHead& bad : {size, root, time, signature}) {
    EXPECT_THAT(VerifySignedTreeHead(bad, key->PublicKey(), sth.head.log_id),
                StatusIs(absl::StatusCode::kDataLoss));
  }
  SignedTreeHead short_signature = sth;
  short_signature.signature.pop_back();
  EXPECT_THAT(
      VerifySignedTreeHead(short_signature, key->PublicKey(), sth.head.log_id),
      StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(TreeHeadTest, EncodingRoundTrips) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  ASSERT_OK(key);
  const SignedTreeHead sth = Sign(*key, SomeHead());
  absl::StatusOr<SignedTreeHead> decoded =
      DecodeSignedTreeHead(EncodeSignedTreeHead(sth));
  ASSERT_OK(decoded);
  EXPECT_EQ(decoded->head.log_id, sth.head.log_id);
  EXPECT_EQ(decoded->head.tree_size, 42u);
  EXPECT_EQ(decoded->head.root, sth.head.root);
  EXPECT_EQ(decoded->head.timestamp, sth.head.timestamp);
  EXPECT_OK(VerifySignedTreeHead(*decoded, key->PublicKey(), sth.head.log_id));
  std::string truncated = EncodeSignedTreeHead(sth);
  truncated.pop_back();
  EXPECT_THAT(DecodeSignedTreeHead(truncated),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(Ed25519Test, KeysRoundTripThroughPem) {
  absl::StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::Generate();
  ASSERT_OK(key);
  absl::StatusOr<Ed25519PrivateKey> again =
      Ed25519PrivateKey::FromPem(key->ToPem());
  ASSERT_OK(again);
  EXPECT_EQ(again->PublicKey(), key->PublicKey());
  absl::StatusOr<std::string> pem = PublicKeyToPem(key->PublicKey());
  ASSERT_OK(pem);
  EXPECT_THAT(*pem, ::testing::StartsWith("-----BEGIN PUBLIC KEY-----"));
  EXPECT_THAT(PublicKeyFromPem(*pem),
              tutornet::testing::IsOkAndHolds(key->PublicKey()));
  EXPECT_THAT(Ed25519PrivateKey::FromPem("not a key"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Ed25519Verify("short", "m", std::string(64, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tutornet::merkle
