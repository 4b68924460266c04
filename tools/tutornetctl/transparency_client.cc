#include "tools/tutornetctl/transparency_client.h"

#include <iostream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "storage/merkle/sha256.h"
#include "storage/merkle/tree_head.h"
#include "storage/merkle/verify.h"
#include "tools/tutornetctl/calls.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {
namespace {

using S = v1::TransparencyService::Stub;

absl::StatusOr<uint64_t> Size(const std::string& field,
                              const std::string& text) {
  if (text.empty()) return 0;
  uint64_t n = 0;
  if (!absl::SimpleAtoi(text, &n) || n == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" is not a positive number"));
  }
  return n;
}

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string When(int64_t micros) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMicros(micros),
                          absl::UTCTimeZone());
}

absl::StatusOr<std::vector<merkle::Hash>> Hashes(
    const google::protobuf::RepeatedPtrField<std::string>& path) {
  std::vector<merkle::Hash> out;
  for (const std::string& bytes : path) {
    absl::StatusOr<merkle::Hash> h = merkle::HashFromBytes(bytes);
    if (!h.ok()) return h.status();
    out.push_back(*h);
  }
  return out;
}

// The log's id and key, from ListLogs.
absl::StatusOr<v1::LogInfo> InfoOf(Client& c, const std::string& log) {
  v1::ListLogsResponse logs;
  const grpc::Status s =
      c.transparency().ListLogs(c.Context().get(), {}, &logs);
  if (!s.ok()) return FromGrpc(s);
  for (const v1::LogInfo& info : logs.logs()) {
    if (info.log() == log) return info;
  }
  return absl::NotFoundError(absl::StrCat("log: no log \"", log, "\""));
}

// The signed head of `size` (0: the latest), verified with the log's key.
absl::StatusOr<merkle::SignedTreeHead> VerifiedHead(Client& c,
                                                    const v1::LogInfo& info,
                                                    uint64_t size) {
  v1::GetSignedTreeHeadRequest req;
  req.set_log(info.log());
  req.set_tree_size(size);
  v1::SignedTreeHead head;
  const grpc::Status s =
      c.transparency().GetSignedTreeHead(c.Context().get(), req, &head);
  if (!s.ok()) return FromGrpc(s);
  absl::StatusOr<merkle::SignedTreeHead> sth =
      merkle::DecodeSignedTreeHead(head.encoded());
  if (!sth.ok()) return sth.status();
  absl::Status verified =
      merkle::VerifySignedTreeHead(*sth, info.public_key(), info.log_id());
  if (!verified.ok()) return verified;
  return sth;
}

void LogsTable(const v1::ListLogsResponse& res) {
  Table t;
  t.Add({"LOG", "RECORDS", "SIGNED", "SIGNED AT", "LOG ID"});
  for (const v1::LogInfo& l : res.logs()) {
    t.Add({l.log(), absl::StrCat(l.head()),
           l.has_latest() ? absl::StrCat(l.latest().tree_size()) : "-",
           l.has_latest() ? When(l.latest().timestamp_micros()) : "-",
           l.log_id()});
  }
  t.Print();
}

}  // namespace

int ListLogs(Client& c) {
  return RunQuery(c, c.transparency(), &S::ListLogs, v1::ListLogsRequest(),
                  &LogsTable);
}

int ShowHead(Client& c, const std::string& log, const std::string& size) {
  absl::StatusOr<uint64_t> n = Size("SIZE", size);
  if (!n.ok()) return BadArgument(n.status());
  absl::StatusOr<v1::LogInfo> info = InfoOf(c, log);
  if (!info.ok()) return Fail(info.status());
  absl::StatusOr<merkle::SignedTreeHead> sth = VerifiedHead(c, *info, *n);
  if (!sth.ok()) return Fail(sth.status());
  std::cout << "log " << log << " (" << info->log_id() << ")\n"
            << "records    " << sth->head.tree_size << "\n"
            << "root       " << merkle::ToHex(sth->head.root) << "\n"
            << "signed at  " << When(absl::ToUnixMicros(sth->head.timestamp))
            << "\n"
            << "signature  valid (Ed25519 key " << Hex(info->public_key())
            << ")\n";
  return kExitOk;
}

int ProveRecord(Client& c, const std::string& log, const std::string& position,
                const std::string& size) {
  absl::StatusOr<uint64_t> at = Size("POSITION", position);
  absl::StatusOr<uint64_t> n = Size("SIZE", size);
  if (!at.ok() || *at == 0) {
    return BadArgument(at.ok()
                           ? absl::InvalidArgumentError("POSITION: is required")
                           : at.status());
  }
  if (!n.ok()) return BadArgument(n.status());
  absl::StatusOr<v1::LogInfo> info = InfoOf(c, log);
  if (!info.ok()) return Fail(info.status());
  absl::StatusOr<merkle::SignedTreeHead> sth = VerifiedHead(c, *info, *n);
  if (!sth.ok()) return Fail(sth.status());
  v1::GetInclusionProofRequest req;
  req.set_log(log);
  req.set_position(*at);
  req.set_tree_size(sth->head.tree_size);
  v1::InclusionProof proof;
  const grpc::Status s =
      c.transparency().GetInclusionProof(c.Context().get(), req, &proof);
  if (!s.ok()) return Fail(FromGrpc(s));
  absl::StatusOr<merkle::Hash> leaf = merkle::HashFromBytes(proof.leaf_hash());
  absl::StatusOr<std::vector<merkle::Hash>> path = Hashes(proof.path());
  if (!leaf.ok() || !path.ok()) {
    return Fail(absl::DataLossError("the server sent a malformed proof"));
  }
  const absl::Status included = merkle::VerifyInclusion(
      *at - 1, sth->head.tree_size, *leaf, *path, sth->head.root);
  if (PrintedAsJson(proof)) return included.ok() ? kExitOk : kExitRefused;
  std::cout << "record " << *at << " of log " << log << ", leaf "
            << merkle::ToHex(*leaf) << "\nin the signed head of "
            << sth->head.tree_size << " records (root "
            << merkle::ToHex(sth->head.root) << "): " << path->size()
            << "-hash proof "
            << (included.ok() ? "verified"
                              : absl::StrCat("FAILS: ", included.message()))
            << "\n";
  return included.ok() ? kExitOk : kExitRefused;
}

int ProveConsistency(Client& c, const std::string& log,
                     const std::string& old_size, const std::string& new_size) {
  absl::StatusOr<uint64_t> from = Size("OLD", old_size);
  absl::StatusOr<uint64_t> to = Size("NEW", new_size);
  if (!from.ok() || *from == 0) {
    return BadArgument(from.ok()
                           ? absl::InvalidArgumentError("OLD: is required")
                           : from.status());
  }
  if (!to.ok()) return BadArgument(to.status());
  absl::StatusOr<v1::LogInfo> info = InfoOf(c, log);
  if (!info.ok()) return Fail(info.status());
  absl::StatusOr<merkle::SignedTreeHead> older = VerifiedHead(c, *info, *from);
  if (!older.ok()) return Fail(older.status());
  absl::StatusOr<merkle::SignedTreeHead> newer = VerifiedHead(c, *info, *to);
  if (!newer.ok()) return Fail(newer.status());
  v1::GetConsistencyProofRequest req;
  req.set_log(log);
  req.set_old_size(older->head.tree_size);
  req.set_new_size(newer->head.tree_size);
  v1::ConsistencyProof proof;
  const grpc::Status s =
      c.transparency().GetConsistencyProof(c.Context().get(), req, &proof);
  if (!s.ok()) return Fail(FromGrpc(s));
  absl::StatusOr<std::vector<merkle::Hash>> path = Hashes(proof.path());
  if (!path.ok()) {
    return Fail(absl::DataLossError("the server sent a malformed proof"));
  }
  const absl::Status consistent =
      merkle::VerifyConsistency(older->head.tree_size, newer->head.tree_size,
                                older->head.root, newer->head.root, *path);
  if (PrintedAsJson(proof)) return consistent.ok() ? kExitOk : kExitRefused;
  std::cout << "log " << log << ": the signed head of " << older->head.tree_size
            << " records is a prefix of the signed "
            << "head of " << newer->head.tree_size << ": " << path->size()
            << "-hash proof "
            << (consistent.ok() ? "verified"
                                : absl::StrCat("FAILS: ", consistent.message()))
            << "\n";
  return consistent.ok() ? kExitOk : kExitRefused;
}

int AuditLog(Client& c, const std::string& log) {
  v1::StartAuditRequest start;
  start.set_log(log);
  v1::AuditStatus status;
  grpc::Status s =
      c.transparency().StartAudit(c.Context().get(), start, &status);
  if (!s.ok()) return Fail(FromGrpc(s));
  ProgressBar progress(status.total(), "records");
  v1::GetAuditRequest get;
  get.set_audit_id(status.audit_id());
  while (!status.done()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    s = c.transparency().GetAudit(c.Context().get(), get, &status);
    if (!s.ok()) {
      progress.End();
      return Fail(FromGrpc(s));
    }
    progress.Show(status.walked());
  }
  progress.End();
  if (PrintedAsJson(status)) {
    return !status.error().empty() ? kExitUnavailable
           : status.intact()       ? kExitOk
                                   : kExitRefused;
  }
  if (!status.error().empty()) {
    std::cerr << "tutornetctl: the audit of " << log
              << " could not run: " << status.error() << "\n";
    return kExitUnavailable;
  }
  if (!status.intact()) {
    std::cout << "log " << log << " is NOT intact: at position "
              << status.first_bad_position() << ", " << status.finding()
              << "\n";
    return kExitRefused;
  }
  std::cout << "log " << log << " intact: " << status.records()
            << " records and " << status.heads_checked()
            << " signed heads checked, root " << Hex(status.root_hash())
            << "\n";
  return kExitOk;
}

}  // namespace tutornet::ctl
