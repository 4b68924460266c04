// The transparency service through the real server: heads signed on a
// timer, proofs any token can check with the merkle/ code alone, and an
// online audit while writes go on.
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "services/server/server_fixture.h"
#include "storage/merkle/rfc6962.h"
#include "storage/merkle/tree_head.h"
#include "storage/merkle/verify.h"
#include "tutornet/v1/transparency_service.grpc.pb.h"

namespace tutornet::server {
namespace {

using ::testing::HasSubstr;

class TransparencyTest : public PrincipalsTest {
 protected:
  TransparencyTest() { sign_interval_ = absl::Milliseconds(50); }

  void SetUp() override {
    PrincipalsTest::SetUp();
    funder_ =
        MakeToken("funder-oph", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-tutor"});
  }

  void Connect() override {
    PrincipalsTest::Connect();
    transparency_ = v1::TransparencyService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  }

  // The registry log's info, once its latest head covers every record
  // (bounded: the signer runs every 50 ms).
  v1::LogInfo SignedRegistry() {
    v1::LogInfo info;
    for (int i = 0; i < 200; ++i) {
      token_ = tutor_;
      v1::ListLogsResponse logs;
      EXPECT_TRUE(transparency_->ListLogs(Context().get(), {}, &logs).ok());
      for (const v1::LogInfo& l : logs.logs()) {
        if (l.log() == "registry") info = l;
      }
      if (info.head() > 0 && info.latest().tree_size() == info.head()) break;
      absl::SleepFor(absl::Milliseconds(25));
    }
    return info;
  }

  static merkle::Hash H(const std::string& bytes) {
    absl::StatusOr<merkle::Hash> h = merkle::HashFromBytes(bytes);
    EXPECT_TRUE(h.ok()) << h.status();
    return h.value_or(merkle::Hash{});
  }
  static std::vector<merkle::Hash> Path(
      const google::protobuf::RepeatedPtrField<std::string>& path) {
    std::vector<merkle::Hash> out;
    for (const std::string& h : path) out.push_back(H(h));
    return out;
  }

  std::unique_ptr<v1::TransparencyService::Stub> transparency_;
  std::string funder_;
};

TEST_F(TransparencyTest, HeadsSignedOnATimerAndProofsAnyoneCanCheck) {
  const v1::LogInfo first = SignedRegistry();
  ASSERT_GT(first.head(), 50u);  // The demo network.
  ASSERT_EQ(first.latest().tree_size(), first.head());
  EXPECT_EQ(first.log_id().size(), 32u);
  ASSERT_EQ(first.public_key().size(), 32u);
  absl::StatusOr<merkle::SignedTreeHead> sth =
      merkle::DecodeSignedTreeHead(first.latest().encoded());
  ASSERT_OK(sth);
  EXPECT_OK(
      merkle::VerifySignedTreeHead(*sth, first.public_key(), first.log_id()));

  // A record proven in the head, by a tutor (hashes only) and by the admin
  // (with the record, whose leaf it is).
  v1::GetInclusionProofRequest prove;
  prove.set_log("registry");
  prove.set_position(7);
  v1::InclusionProof proof;
  token_ = tutor_;
  ASSERT_OK(FromGrpc(
      transparency_->GetInclusionProof(Context().get(), prove, &proof)));
  EXPECT_EQ(proof.tree_size(), first.head());
  EXPECT_TRUE(proof.record().empty());
  EXPECT_OK(merkle::VerifyInclusion(6, proof.tree_size(), H(proof.leaf_hash()),
                                    Path(proof.path()), sth->head.root));
  token_ = admin_;
  ASSERT_OK(FromGrpc(
      transparency_->GetInclusionProof(Context().get(), prove, &proof)));
  EXPECT_EQ(merkle::HashLeaf(proof.record()), H(proof.leaf_hash()));
  std::string changed = proof.path(0);
  changed[0] ^= 1;
  std::vector<merkle::Hash> bad = Path(proof.path());
  bad[0] = H(changed);
  EXPECT_FALSE(merkle::VerifyInclusion(6, proof.tree_size(),
                                       H(proof.leaf_hash()), bad,
                                       sth->head.root)
                   .ok());

  // The log grows; the next head is consistent with the first.
  v1::CommandResult added;
  ASSERT_OK(FromGrpc(AddRegionAs(network_, "rq-more", "ks-uusi", &added)));
  v1::LogInfo second = SignedRegistry();
  ASSERT_GT(second.latest().tree_size(), first.latest().tree_size());
  v1::GetConsistencyProofRequest consistent;
  consistent.set_log("registry");
  consistent.set_old_size(first.latest().tree_size());
  v1::ConsistencyProof cproof;
  token_ = funder_;
  ASSERT_OK(FromGrpc(transparency_->GetConsistencyProof(Context().get(),
                                                        consistent, &cproof)));
  EXPECT_EQ(cproof.new_size(), second.latest().tree_size());
  EXPECT_OK(merkle::VerifyConsistency(
      cproof.old_size(), cproof.new_size(), H(first.latest().root_hash()),
      H(second.latest().root_hash()), Path(cproof.path())));
  // The first head is still kept, by its size.
  v1::GetSignedTreeHeadRequest at;
  at.set_log("registry");
  at.set_tree_size(first.latest().tree_size());
  v1::SignedTreeHead kept;
  ASSERT_OK(
      FromGrpc(transparency_->GetSignedTreeHead(Context().get(), at, &kept)));
  EXPECT_EQ(kept.encoded(), first.latest().encoded());
}

TEST_F(TransparencyTest, PreciseRefusals) {
  SignedRegistry();
  token_ = tutor_;
  v1::GetInclusionProofRequest prove;
  v1::InclusionProof proof;
  EXPECT_EQ(transparency_->GetInclusionProof(Context().get(), prove, &proof)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  prove.set_log("nowhere");
  prove.set_position(1);
  EXPECT_EQ(transparency_->GetInclusionProof(Context().get(), prove, &proof)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  prove.set_log("registry");
  prove.set_position(0);
  const grpc::Status zero =
      transparency_->GetInclusionProof(Context().get(), prove, &proof);
  EXPECT_EQ(zero.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(zero.error_message(), HasSubstr("position"));
  prove.set_position(1);
  prove.set_tree_size(1u << 30);
  EXPECT_EQ(transparency_->GetInclusionProof(Context().get(), prove, &proof)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetSignedTreeHeadRequest at;
  at.set_log("registry");
  at.set_tree_size(3);
  v1::SignedTreeHead head;
  EXPECT_EQ(
      transparency_->GetSignedTreeHead(Context().get(), at, &head).error_code(),
      grpc::StatusCode::NOT_FOUND);
  v1::StartAuditRequest audit;
  audit.set_log("registry");
  v1::AuditStatus status;
  EXPECT_EQ(
      transparency_->StartAudit(Context().get(), audit, &status).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(transparency_->StartAudit(Context(false).get(), audit, &status)
                .error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(TransparencyTest, OnlineAuditWhileWritesGoOn) {
  SignedRegistry();
  token_ = admin_;
  v1::StartAuditRequest start;
  start.set_log("registry");
  v1::AuditStatus status;
  ASSERT_OK(
      FromGrpc(transparency_->StartAudit(Context().get(), start, &status)));
  const uint64_t total = status.total();
  // Writes while it runs are not half seen: the audit reads a snapshot.
  for (int i = 0; i < 5; ++i) {
    v1::CommandResult res;
    ASSERT_OK(FromGrpc(AddRegionAs(network_, absl::StrCat("rq-a-", i),
                                   absl::StrCat("ks-a-", i), &res)));
  }
  v1::GetAuditRequest get;
  get.set_audit_id(status.audit_id());
  for (int i = 0; i < 400 && !status.done(); ++i) {
    token_ = admin_;
    ASSERT_OK(FromGrpc(transparency_->GetAudit(Context().get(), get, &status)));
    if (!status.done()) absl::SleepFor(absl::Milliseconds(25));
  }
  ASSERT_TRUE(status.done());
  EXPECT_TRUE(status.error().empty()) << status.error();
  EXPECT_TRUE(status.intact()) << status.finding();
  EXPECT_GE(status.records(), total);
  EXPECT_EQ(status.walked(), status.records());
  EXPECT_GE(status.heads_checked(), 1u);
  get.set_audit_id("audit-999999");
  EXPECT_EQ(transparency_->GetAudit(Context().get(), get, &status).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tutornet::server
