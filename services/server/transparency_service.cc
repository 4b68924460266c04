#include "services/server/transparency_service.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "status/status_macros.h"
#include "storage/event_log.h"
#include "storage/merkle/rfc6962.h"
#include "storage/record_codec.h"

namespace tutornet::server {
namespace {

// Audits kept for GetAudit: the newest this many finished ones.
constexpr size_t kKeptAudits = 32;
// Names and ids longer than this are nothing the server has; they are not
// echoed back.
constexpr size_t kMaxNameBytes = 64;

void Fill(const merkle::SignedTreeHead& sth, v1::SignedTreeHead* out) {
  out->set_log_id(sth.head.log_id);
  out->set_tree_size(sth.head.tree_size);
  out->set_root_hash(std::string(merkle::AsBytes(sth.head.root)));
  out->set_timestamp_micros(absl::ToUnixMicros(sth.head.timestamp));
  out->set_signature(sth.signature);
  out->set_encoded(merkle::EncodeSignedTreeHead(sth));
}

// The size a proof is asked of: `size`, or the latest signed head's.
absl::StatusOr<uint64_t> SizeOrLatest(const storage::EventLog& log,
                                      uint64_t size, absl::string_view field) {
  if (size != 0) return size;
  absl::StatusOr<merkle::SignedTreeHead> latest = log.LatestSignedTreeHead();
  if (absl::IsNotFound(latest.status())) {
    return absl::FailedPreconditionError(
        absl::StrCat(field,
                     ": the log has no signed tree head yet; name a "
                     "size"));
  }
  RETURN_IF_ERROR(latest.status());
  return latest->head.tree_size;
}

// INVALID_ARGUMENT naming `field` for a tree larger than the log.
absl::Status WithinHead(const storage::EventLog& log, uint64_t size,
                        absl::string_view field) {
  if (size <= log.Head()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      field, ": ", size, " is beyond the log's ", log.Head(), " records"));
}

std::vector<std::string> Bytes(const std::vector<merkle::Hash>& path) {
  std::vector<std::string> out;
  for (const merkle::Hash& h : path) out.emplace_back(merkle::AsBytes(h));
  return out;
}

}  // namespace

TransparencyServiceImpl::TransparencyServiceImpl(ServerCore& core)
    : DeclaredService(AuthenticatorOf(core)), core_(core) {
  Unary<v1::ListLogsRequest, v1::ListLogsResponse>(
      "ListLogs", [this](const Rpc& rpc, const auto*, auto* res) {
        return ServeCall(core_, rpc, [this, res](const Principal&) {
          for (const auto& [name, log] : core_.logs) {
            v1::LogInfo& info = *res->add_logs();
            info.set_log(name);
            info.set_log_id(log->log_id());
            ASSIGN_OR_RETURN(*info.mutable_public_key(), log->PublicKey());
            info.set_head(log->Head());
            absl::StatusOr<merkle::SignedTreeHead> latest =
                log->LatestSignedTreeHead();
            if (latest.ok()) {
              Fill(*latest, info.mutable_latest());
            } else if (!absl::IsNotFound(latest.status())) {
              return latest.status();
            }
          }
          return absl::OkStatus();
        });
      });
  Unary<v1::GetSignedTreeHeadRequest, v1::SignedTreeHead>(
      "GetSignedTreeHead", [this](const Rpc& rpc, const auto* req, auto* res) {
        return ServeCall(core_, rpc, [this, req, res](const Principal&) {
          ASSIGN_OR_RETURN(const storage::EventLog* log, LogNamed(req->log()));
          absl::StatusOr<merkle::SignedTreeHead> sth =
              req->tree_size() == 0 ? log->LatestSignedTreeHead()
                                    : log->SignedTreeHeadAt(req->tree_size());
          if (absl::IsNotFound(sth.status())) {
            return absl::NotFoundError(absl::StrCat(
                "tree_size: no head of log \"", req->log(), "\" was signed",
                req->tree_size() == 0
                    ? ""
                    : absl::StrCat(" for ", req->tree_size(), " records")));
          }
          RETURN_IF_ERROR(sth.status());
          Fill(*sth, res);
          return absl::OkStatus();
        });
      });
  Unary<v1::GetInclusionProofRequest, v1::InclusionProof>(
      "GetInclusionProof", [this](const Rpc& rpc, const auto* req, auto* res) {
        return ServeCall(core_, rpc, [this, req, res](const Principal& p) {
          ASSIGN_OR_RETURN(const storage::EventLog* log, LogNamed(req->log()));
          ASSIGN_OR_RETURN(const uint64_t size,
                           SizeOrLatest(*log, req->tree_size(), "tree_size"));
          RETURN_IF_ERROR(WithinHead(*log, size, "tree_size"));
          if (req->position() < 1 || req->position() > size) {
            return absl::InvalidArgumentError(absl::StrCat(
                "position: must be 1-", size, " in a tree of ", size));
          }
          ASSIGN_OR_RETURN(std::vector<merkle::Hash> path,
                           log->InclusionProof(req->position(), size));
          ASSIGN_OR_RETURN(std::vector<storage::RecordedEvent> record,
                           log->ReadAll(req->position(), 1));
          if (record.empty()) {
            return absl::DataLossError(absl::StrCat(
                "the record at position ", req->position(), " is missing"));
          }
          const std::string bytes = storage::EncodeRecord(record.front());
          res->set_log(req->log());
          res->set_position(req->position());
          res->set_tree_size(size);
          res->set_leaf_hash(
              std::string(merkle::AsBytes(merkle::HashLeaf(bytes))));
          for (std::string& h : Bytes(path)) res->add_path(std::move(h));
          // A record holds what a token may not read: admins only.
          if (access::IsAdmin(p)) res->set_record(bytes);
          return absl::OkStatus();
        });
      });
  Unary<v1::GetConsistencyProofRequest, v1::ConsistencyProof>(
      "GetConsistencyProof",
      [this](const Rpc& rpc, const auto* req, auto* res) {
        return ServeCall(core_, rpc, [this, req, res](const Principal&) {
          ASSIGN_OR_RETURN(const storage::EventLog* log, LogNamed(req->log()));
          ASSIGN_OR_RETURN(const uint64_t size,
                           SizeOrLatest(*log, req->new_size(), "new_size"));
          RETURN_IF_ERROR(WithinHead(*log, size, "new_size"));
          if (req->old_size() < 1 || req->old_size() > size) {
            return absl::InvalidArgumentError(
                absl::StrCat("old_size: must be 1-", size));
          }
          ASSIGN_OR_RETURN(std::vector<merkle::Hash> path,
                           log->ConsistencyProof(req->old_size(), size));
          res->set_log(req->log());
          res->set_old_size(req->old_size());
          res->set_new_size(size);
          for (std::string& h : Bytes(path)) res->add_path(std::move(h));
          return absl::OkStatus();
        });
      });
  Unary<v1::StartAuditRequest, v1::AuditStatus>(
      "StartAudit", [this](const Rpc& rpc, const auto* req, auto* res) {
        return ServeCall(core_, rpc, [this, req, res](const Principal& p) {
          if (!access::IsAdmin(p)) return access::Denied(p, "audit logs");
          return StartAudit(req->log(), res);
        });
      });
  Unary<v1::GetAuditRequest, v1::AuditStatus>(
      "GetAudit", [this](const Rpc& rpc, const auto* req, auto* res) {
        return ServeCall(core_, rpc, [this, req, res](const Principal& p) {
          if (!access::IsAdmin(p)) return access::Denied(p, "audit logs");
          uint64_t number = 0;
          const std::string& id = req->audit_id();
          absl::MutexLock lock(&mu_);
          auto it = audits_.end();
          if (id.size() <= kMaxNameBytes && absl::StartsWith(id, "audit-") &&
              absl::SimpleAtoi(id.substr(6), &number)) {
            it = audits_.find(number);
          }
          if (it == audits_.end()) {
            return absl::NotFoundError(
                id.size() <= kMaxNameBytes
                    ? absl::StrCat("audit_id: no audit \"", id, "\"")
                    : std::string("audit_id: no such audit"));
          }
          *res = StatusOf(it->first, *it->second);
          return absl::OkStatus();
        });
      });
}

TransparencyServiceImpl::~TransparencyServiceImpl() {
  absl::MutexLock lock(&mu_);
  for (auto& [id, audit] : audits_) audit->stop = true;
  for (auto& [id, audit] : audits_) {
    if (audit->thread.joinable()) audit->thread.join();
  }
}

absl::StatusOr<const storage::EventLog*> TransparencyServiceImpl::LogNamed(
    const std::string& log) const {
  if (log.empty()) return absl::InvalidArgumentError("log: is required");
  auto it = core_.logs.find(log);
  if (it == core_.logs.end()) {
    return absl::NotFoundError(log.size() <= kMaxNameBytes
                                   ? absl::StrCat("log: no log \"", log, "\"")
                                   : std::string("log: no such log"));
  }
  return it->second;
}

v1::AuditStatus TransparencyServiceImpl::StatusOf(uint64_t number,
                                                  Audit& audit) const {
  absl::MutexLock lock(&audit.mu);
  v1::AuditStatus status = audit.status;
  status.set_audit_id(absl::StrCat("audit-", number));
  status.set_log(audit.log);
  status.set_walked(audit.walked.load());
  status.set_total(audit.total.load());
  return status;
}

absl::Status TransparencyServiceImpl::StartAudit(const std::string& log_name,
                                                 v1::AuditStatus* out) {
  ASSIGN_OR_RETURN(const storage::EventLog* log, LogNamed(log_name));
  absl::MutexLock lock(&mu_);
  for (auto& [id, audit] : audits_) {
    absl::MutexLock running(&audit->mu);
    if (audit->log == log_name && !audit->status.done()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "log \"", log_name, "\" is being audited (audit-", id, ")"));
    }
  }
  // The oldest finished audits make room; running ones stay.
  for (auto it = audits_.begin();
       audits_.size() >= kKeptAudits && it != audits_.end();) {
    bool done = false;
    {
      absl::MutexLock finished(&it->second->mu);
      done = it->second->status.done();
    }
    if (!done) {
      ++it;
      continue;
    }
    if (it->second->thread.joinable()) it->second->thread.join();
    it = audits_.erase(it);
  }
  const uint64_t number = ++next_audit_;
  auto audit = std::make_unique<Audit>();
  audit->log = log_name;
  audit->total = log->Head();
  Audit* a = audit.get();
  audit->thread = std::thread([a, log] {
    absl::StatusOr<storage::AuditReport> report = log->Audit(
        [a](uint64_t done, uint64_t total) {
          a->walked = done;
          a->total = total;
        },
        a->stop);
    absl::MutexLock lock(&a->mu);
    a->status.set_done(true);
    if (!report.ok()) {
      a->status.set_error(std::string(report.status().message()));
      return;
    }
    a->status.set_intact(report->ok);
    a->status.set_records(report->records);
    a->status.set_heads_checked(report->heads_checked);
    a->status.set_first_bad_position(report->first_bad_position);
    a->status.set_finding(report->finding);
    a->status.set_root_hash(std::string(merkle::AsBytes(report->root)));
  });
  *out = StatusOf(number, *a);
  audits_.emplace(number, std::move(audit));
  return absl::OkStatus();
}

}  // namespace tutornet::server
