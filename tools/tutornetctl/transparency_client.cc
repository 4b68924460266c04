#include "tools/tutornetctl/transparency_client.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "storage/merkle/ed25519.h"
#include "storage/merkle/rfc6962.h"
#include "storage/merkle/sha256.h"
#include "storage/merkle/tree_head.h"
#include "storage/merkle/verify.h"
#include "tools/tutornetctl/calls.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {

// The log's id and key: pinned from `pinned_key` (tutornet_audit
// --print_public_key's output), or as the server names them (with a
// warning).
absl::StatusOr<v1::LogInfo> PinnedLogInfo(Client& c, const std::string& log,
                                          const std::string& pinned_key) {
  v1::ListLogsResponse logs;
  const grpc::Status s =
      c.transparency().ListLogs(c.Context().get(), {}, &logs);
  if (!s.ok()) return FromGrpc(s);
  std::optional<v1::LogInfo> found;
  for (const v1::LogInfo& info : logs.logs()) {
    if (info.log() == log) found = info;
  }
  if (!found.has_value()) {
    return absl::NotFoundError(absl::StrCat("log: no log \"", log, "\""));
  }
  if (pinned_key.empty()) {
    std::fprintf(stderr,
                 "tutornetctl: warning: the log's key and id are the "
                 "server's own word; pin them with --log_key=FILE "
                 "(tutornet_audit --print_public_key)\n");
    return *found;
  }
  std::ifstream in(pinned_key);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("--log_key: ", pinned_key, " cannot be read"));
  }
  absl::StatusOr<merkle::LogKey> key = merkle::ParseLogKey(text.str());
  if (!key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--log_key: ", pinned_key, ": ", key.status().message()));
  }
  found->set_log_id(key->log_id);
  found->set_public_key(key->public_key);
  return *found;
}
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

// A failed check of what the server sent: exit kExitUnverified.
int Unverified(const std::string& what) {
  std::fprintf(stderr, "tutornetctl: NOT VERIFIED: %s\n", what.c_str());
  return kExitUnverified;
}

// What VerifiedHead found wrong with the server's answer (as opposed to a
// call that failed): FAILED_PRECONDITION carrying kUnverifiedMark.
constexpr char kUnverifiedMark[] = "not verified: ";
absl::Status NotVerified(absl::string_view what) {
  return absl::FailedPreconditionError(absl::StrCat(kUnverifiedMark, what));
}
int Report(const absl::Status& status) {
  if (absl::StartsWith(status.message(), kUnverifiedMark)) {
    return Unverified(
        std::string(status.message().substr(sizeof(kUnverifiedMark) - 1)));
  }
  return Fail(status);
}

// The signed head of `size` (0: the latest), verified with the log's key,
// and of that size.
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
  if (!sth.ok()) return NotVerified(sth.status().message());
  absl::Status verified =
      merkle::VerifySignedTreeHead(*sth, info.public_key(), info.log_id());
  if (!verified.ok()) {
    return NotVerified(absl::StrCat("the tree head: ", verified.message()));
  }
  if (size != 0 && sth->head.tree_size != size) {
    return NotVerified(absl::StrCat("asked for the head of ", size,
                                    " records, the server sent one of ",
                                    sth->head.tree_size));
  }
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

int ShowHead(Client& c, const std::string& log, const std::string& size,
             const std::string& pinned_key) {
  absl::StatusOr<uint64_t> n = Size("SIZE", size);
  if (!n.ok()) return BadArgument(n.status());
  absl::StatusOr<v1::LogInfo> info = PinnedLogInfo(c, log, pinned_key);
  if (!info.ok()) return Fail(info.status());
  absl::StatusOr<merkle::SignedTreeHead> sth = VerifiedHead(c, *info, *n);
  if (!sth.ok()) return Report(sth.status());
  std::cout << "log " << log << " (" << info->log_id() << ")\n"
            << "records    " << sth->head.tree_size << "\n"
            << "root       " << merkle::ToHex(sth->head.root) << "\n"
            << "signed at  " << When(absl::ToUnixMicros(sth->head.timestamp))
            << "\n"
            << "signature  valid (Ed25519 key "
            << absl::BytesToHexString(info->public_key()) << ")\n";
  return kExitOk;
}

int ProveRecord(Client& c, const std::string& log, const std::string& position,
                const std::string& size, const std::string& pinned_key) {
  absl::StatusOr<uint64_t> at = Size("POSITION", position);
  absl::StatusOr<uint64_t> n = Size("SIZE", size);
  if (!at.ok() || *at == 0) {
    return BadArgument(at.ok()
                           ? absl::InvalidArgumentError("POSITION: is required")
                           : at.status());
  }
  if (!n.ok()) return BadArgument(n.status());
  absl::StatusOr<v1::LogInfo> info = PinnedLogInfo(c, log, pinned_key);
  if (!info.ok()) return Fail(info.status());
  absl::StatusOr<merkle::SignedTreeHead> sth = VerifiedHead(c, *info, *n);
  if (!sth.ok()) return Report(sth.status());
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
    return Unverified("the server sent a malformed proof");
  }
  if (proof.position() != *at || proof.tree_size() != sth->head.tree_size) {
    return Unverified("the proof is of another record or tree");
  }
  // An admin gets the record too: it must be the leaf proven.
  if (!proof.record().empty() && merkle::HashLeaf(proof.record()) != *leaf) {
    return Unverified("the record sent is not the leaf proven");
  }
  const absl::Status included = merkle::VerifyInclusion(
      *at - 1, sth->head.tree_size, *leaf, *path, sth->head.root);
  if (!included.ok()) {
    return Unverified(absl::StrCat("record ", *at, " of log ", log,
                                   ": the proof fails: ", included.message()));
  }
  if (PrintedAsJson(proof)) return kExitOk;
  std::cout << "record " << *at << " of log " << log << ", leaf "
            << merkle::ToHex(*leaf) << "\nin the signed head of "
            << sth->head.tree_size << " records (root "
            << merkle::ToHex(sth->head.root) << "): " << path->size()
            << "-hash proof verified"
            << (proof.record().empty() ? "" : "; the record is the leaf")
            << "\n";
  return kExitOk;
}

int ProveConsistency(Client& c, const std::string& log,
                     const std::string& old_size, const std::string& new_size,
                     const std::string& pinned_key) {
  absl::StatusOr<uint64_t> from = Size("OLD", old_size);
  absl::StatusOr<uint64_t> to = Size("NEW", new_size);
  if (!from.ok() || *from == 0) {
    return BadArgument(from.ok()
                           ? absl::InvalidArgumentError("OLD: is required")
                           : from.status());
  }
  if (!to.ok()) return BadArgument(to.status());
  absl::StatusOr<v1::LogInfo> info = PinnedLogInfo(c, log, pinned_key);
  if (!info.ok()) return Fail(info.status());
  absl::StatusOr<merkle::SignedTreeHead> older = VerifiedHead(c, *info, *from);
  if (!older.ok()) return Report(older.status());
  absl::StatusOr<merkle::SignedTreeHead> newer = VerifiedHead(c, *info, *to);
  if (!newer.ok()) return Report(newer.status());
  if (newer->head.tree_size < older->head.tree_size) {
    return BadArgument(absl::InvalidArgumentError(
        absl::StrCat("OLD: the latest head has ", newer->head.tree_size,
                     " records, fewer than ", older->head.tree_size)));
  }
  v1::GetConsistencyProofRequest req;
  req.set_log(log);
  req.set_old_size(older->head.tree_size);
  req.set_new_size(newer->head.tree_size);
  v1::ConsistencyProof proof;
  const grpc::Status s =
      c.transparency().GetConsistencyProof(c.Context().get(), req, &proof);
  if (!s.ok()) return Fail(FromGrpc(s));
  absl::StatusOr<std::vector<merkle::Hash>> path = Hashes(proof.path());
  if (!path.ok()) return Unverified("the server sent a malformed proof");
  const absl::Status consistent =
      merkle::VerifyConsistency(older->head.tree_size, newer->head.tree_size,
                                older->head.root, newer->head.root, *path);
  if (!consistent.ok()) {
    return Unverified(
        absl::StrCat("log ", log, ": the heads of ", older->head.tree_size,
                     " and ", newer->head.tree_size,
                     " records are not consistent: ", consistent.message()));
  }
  if (PrintedAsJson(proof)) return kExitOk;
  std::cout << "log " << log << ": the signed head of " << older->head.tree_size
            << " records is a prefix of the signed head of "
            << newer->head.tree_size << ": " << path->size()
            << "-hash proof verified\n";
  return kExitOk;
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
                                   : kExitUnverified;
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
    return kExitUnverified;
  }
  std::cout << "log " << log << " intact: " << status.records()
            << " records and " << status.heads_checked()
            << " signed heads checked, root "
            << absl::BytesToHexString(status.root_hash()) << "\n";
  return kExitOk;
}

}  // namespace tutornet::ctl
