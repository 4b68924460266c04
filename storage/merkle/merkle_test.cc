// RFC 6962 hashing, proofs and verification: the published Certificate
// Transparency vectors, exhaustive checks against a naive reference tree
// for every size and position up to a few hundred, and random pairs in a
// large tree.
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/merkle/compact_range.h"
#include "storage/merkle/proof.h"
#include "storage/merkle/rfc6962.h"
#include "storage/merkle/verify.h"
#include "tests/support/status_matchers.h"

namespace tutornet::merkle {
namespace {

using ::tutornet::testing::StatusIs;

// The thin in-memory node store: what CompactRange emits, kept in a map.
class MemoryTree final : public NodeReader {
 public:
  void Append(absl::string_view data) {
    leaves_.push_back(HashLeaf(data));
    range_.Append(leaves_.back(), [this](NodeId id, const Hash& h) {
      nodes_[{id.level, id.index}] = h;
    });
  }
  absl::StatusOr<Hash> ReadNode(NodeId id) const override {
    auto it = nodes_.find(std::make_pair(id.level, id.index));
    if (it == nodes_.end()) return absl::NotFoundError("no such node");
    return it->second;
  }
  const std::vector<Hash>& leaves() const { return leaves_; }
  const CompactRange& range() const { return range_; }

 private:
  std::vector<Hash> leaves_;
  CompactRange range_;
  absl::flat_hash_map<std::pair<uint32_t, uint64_t>, Hash> nodes_;
};

// MTH straight from RFC 6962 section 2.1: the reference.
Hash NaiveRoot(const std::vector<Hash>& leaves, size_t begin, size_t end) {
  if (end == begin) return EmptyRoot();
  if (end - begin == 1) return leaves[begin];
  const size_t k = SplitPoint(end - begin);
  return HashChildren(NaiveRoot(leaves, begin, begin + k),
                      NaiveRoot(leaves, begin + k, end));
}

const std::vector<std::string>& CtInputs() {
  static const auto* inputs = new std::vector<std::string>{
      "",
      absl::HexStringToBytes("00"),
      absl::HexStringToBytes("10"),
      absl::HexStringToBytes("2021"),
      absl::HexStringToBytes("3031"),
      absl::HexStringToBytes("40414243"),
      absl::HexStringToBytes("5051525354555657"),
      absl::HexStringToBytes("606162636465666768696a6b6c6d6e6f")};
  return *inputs;
}

MemoryTree CtTree(size_t size) {
  MemoryTree tree;
  for (size_t i = 0; i < size; ++i) tree.Append(CtInputs()[i]);
  return tree;
}

TEST(Rfc6962Test, EmptyTreeAndLeafHashes) {
  EXPECT_EQ(ToHex(EmptyRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(HashLeaf("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(ToHex(CompactRange().Root()), ToHex(EmptyRoot()));
}

TEST(Rfc6962Test, RootsOfThePublishedTrees) {
  const std::vector<std::string> roots = {
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  const MemoryTree tree = CtTree(8);
  for (size_t n = 1; n <= 8; ++n) {
    EXPECT_EQ(ToHex(CtTree(n).range().Root()), roots[n - 1]) << "size " << n;
    absl::StatusOr<Hash> stored = RootAt(tree, n);
    ASSERT_OK(stored);
    EXPECT_EQ(ToHex(*stored), roots[n - 1])
        << "size " << n << " from stored nodes";
  }
}

struct ProofVector {
  uint64_t a;  // Leaf index, or old size.
  uint64_t b;  // Tree size, or new size.
  std::vector<std::string> proof;
};

TEST(Rfc6962Test, PublishedInclusionProofs) {
  const std::vector<ProofVector> vectors = {
      {0,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5,
       8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       3,
       {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1,
       5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const ProofVector& v : vectors) {
    const MemoryTree tree = CtTree(v.b);
    absl::StatusOr<std::vector<Hash>> proof = InclusionProof(tree, v.a, v.b);
    ASSERT_OK(proof);
    std::vector<std::string> hex;
    for (const Hash& h : *proof) hex.push_back(ToHex(h));
    EXPECT_EQ(hex, v.proof) << "leaf " << v.a << " of " << v.b;
    EXPECT_OK(VerifyInclusion(v.a, v.b, tree.leaves()[v.a], *proof,
                              tree.range().Root()));
  }
}

TEST(Rfc6962Test, PublishedConsistencyProofs) {
  const std::vector<ProofVector> vectors = {
      {1, 1, {}},
      {1,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6,
       8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
  };
  for (const ProofVector& v : vectors) {
    const MemoryTree tree = CtTree(v.b);
    absl::StatusOr<std::vector<Hash>> proof = ConsistencyProof(tree, v.a, v.b);
    ASSERT_OK(proof);
    std::vector<std::string> hex;
    for (const Hash& h : *proof) hex.push_back(ToHex(h));
    EXPECT_EQ(hex, v.proof) << v.a << " -> " << v.b;
    EXPECT_OK(VerifyConsistency(v.a, v.b, CtTree(v.a).range().Root(),
                                tree.range().Root(), *proof));
  }
}

MemoryTree TreeOf(size_t size, uint64_t seed = 0) {
  MemoryTree tree;
  for (size_t i = 0; i < size; ++i)
    tree.Append(std::to_string(i * 7919 + seed));
  return tree;
}

TEST(MerkleProofTest, EveryInclusionProofVerifiesUpTo300Leaves) {
  MemoryTree tree;
  for (uint64_t n = 1; n <= 300; ++n) {
    tree.Append(std::to_string(n));
    const Hash root = NaiveRoot(tree.leaves(), 0, n);
    ASSERT_EQ(tree.range().Root(), root) << "size " << n;
    ASSERT_THAT(RootAt(tree, n), tutornet::testing::IsOkAndHolds(root));
    for (uint64_t i = 0; i < n; ++i) {
      absl::StatusOr<std::vector<Hash>> proof = InclusionProof(tree, i, n);
      ASSERT_OK(proof);
      ASSERT_OK(VerifyInclusion(i, n, tree.leaves()[i], *proof, root))
          << i << " of " << n;
      // Another leaf, or the right leaf at another index, must fail.
      ASSERT_THAT(VerifyInclusion(i, n, HashLeaf("forged"), *proof, root),
                  StatusIs(absl::StatusCode::kDataLoss));
      if (n > 1) {
        ASSERT_FALSE(
            VerifyInclusion((i + 1) % n, n, tree.leaves()[i], *proof, root)
                .ok());
      }
    }
  }
}

TEST(MerkleProofTest, EveryConsistencyProofVerifiesUpTo200Leaves) {
  const MemoryTree tree = TreeOf(200);
  std::vector<Hash> roots = {EmptyRoot()};
  for (uint64_t n = 1; n <= 200; ++n)
    roots.push_back(NaiveRoot(tree.leaves(), 0, n));
  for (uint64_t n = 1; n <= 200; ++n) {
    for (uint64_t m = 0; m <= n; ++m) {
      absl::StatusOr<std::vector<Hash>> proof = ConsistencyProof(tree, m, n);
      ASSERT_OK(proof);
      ASSERT_OK(VerifyConsistency(m, n, roots[m], roots[n], *proof))
          << m << " -> " << n;
      if (m > 0 && m < n) {
        ASSERT_FALSE(
            VerifyConsistency(m, n, roots[m - 1], roots[n], *proof).ok());
        ASSERT_FALSE(
            VerifyConsistency(m, n, roots[m], roots[n - 1], *proof).ok());
      }
    }
  }
}

TEST(MerkleProofTest, RandomPairsInALargeTree) {
  constexpr uint64_t kSize = (1 << 17) + 12345;
  const MemoryTree tree = TreeOf(kSize, 99);
  std::mt19937_64 rng(6962);
  for (int i = 0; i < 300; ++i) {
    const uint64_t n = 1 + rng() % kSize;
    const uint64_t m = 1 + rng() % n;
    const uint64_t leaf = rng() % n;
    absl::StatusOr<Hash> root_n = RootAt(tree, n);
    absl::StatusOr<Hash> root_m = RootAt(tree, m);
    ASSERT_OK(root_n);
    ASSERT_OK(root_m);
    absl::StatusOr<std::vector<Hash>> inclusion = InclusionProof(tree, leaf, n);
    ASSERT_OK(inclusion);
    ASSERT_OK(
        VerifyInclusion(leaf, n, tree.leaves()[leaf], *inclusion, *root_n));
    absl::StatusOr<std::vector<Hash>> consistency =
        ConsistencyProof(tree, m, n);
    ASSERT_OK(consistency);
    ASSERT_OK(VerifyConsistency(m, n, *root_m, *root_n, *consistency))
        << m << " -> " << n;
  }
  ASSERT_EQ(tree.range().Root(), NaiveRoot(tree.leaves(), 0, kSize));
}

TEST(MerkleProofTest, MalformedProofsAndArgumentsAreRejected) {
  const MemoryTree tree = TreeOf(10);
  const Hash root = tree.range().Root();
  std::vector<Hash> proof = *InclusionProof(tree, 3, 10);
  std::vector<Hash> longer = proof;
  longer.push_back(root);
  EXPECT_THAT(VerifyInclusion(3, 10, tree.leaves()[3], longer, root),
              StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
  EXPECT_THAT(VerifyInclusion(3, 10, tree.leaves()[3], shorter, root),
              StatusIs(absl::StatusCode::kInvalidArgument));
  proof[1][0] ^= 1;
  EXPECT_THAT(VerifyInclusion(3, 10, tree.leaves()[3], proof, root),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(VerifyInclusion(10, 10, tree.leaves()[3], proof, root),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(InclusionProof(tree, 10, 10),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ConsistencyProof(tree, 11, 10),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(VerifyConsistency(4, 10, *RootAt(tree, 4), root, {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // A node the store does not have is the store's error, passed on.
  EXPECT_THAT(InclusionProof(tree, 3, 11),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(CompactRangeTest, RebuildsFromPeaks) {
  MemoryTree tree = TreeOf(77);
  std::vector<Hash> peaks;
  for (NodeId id : CompactRange::PeakIds(77))
    peaks.push_back(*tree.ReadNode(id));
  absl::StatusOr<CompactRange> rebuilt = CompactRange::FromPeaks(77, peaks);
  ASSERT_OK(rebuilt);
  EXPECT_EQ(rebuilt->Root(), tree.range().Root());
  // Appending to the rebuilt range gives the same tree as appending to the
  // original.
  tree.Append("next");
  rebuilt->Append(tree.leaves().back(), [](NodeId, const Hash&) {});
  EXPECT_EQ(rebuilt->Root(), tree.range().Root());
  EXPECT_THAT(CompactRange::FromPeaks(79, peaks),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tutornet::merkle
