#include "services/activity/month_report_check.h"

#include <algorithm>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"
#include "services/activity/month_report.h"
#include "storage/merkle/rfc6962.h"
#include "storage/merkle/verify.h"
#include "storage/record_codec.h"
#include "tutornet/v1/activity.pb.h"

namespace tutornet::activity {
namespace {

using merkle::SignedTreeHead;

class Checker {
 public:
  Checker(const merkle::LogKey& key, MonthReportCheck& out)
      : key_(key), out_(out), bundle_(out.bundle) {}

  void Run(absl::string_view file);

 private:
  void Problem(std::string what) { out_.problems.push_back(std::move(what)); }
  std::optional<SignedTreeHead> Head(absl::string_view field,
                                     const std::string& bytes);
  void CheckConsistency();
  // The record, if it is the log's record of its position, proven in
  // the head its position falls under.
  std::optional<storage::RecordedEvent> Proven(const std::string& where,
                                               const v1::ProvenRecord& r);
  std::optional<v1::MonthClosed> Closing();
  void CheckTotals(const v1::MonthClosed& closing, const MonthReport& report);
  void CheckText(absl::string_view field, absl::string_view given,
                 absl::string_view computed);
  void CheckCanonical(absl::string_view file);

  const merkle::LogKey& key_;
  MonthReportCheck& out_;
  v1::MonthReportBundle& bundle_;
  std::optional<SignedTreeHead> closed_;
  std::optional<SignedTreeHead> latest_;
};

std::string MonthText(const v1::Month& m) {
  return absl::StrFormat("%04d-%02d", m.year(), m.month());
}

void Checker::Run(absl::string_view file) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(file.data(), file.size()), &bundle_,
      options);
  if (!parsed.ok()) {
    Problem(absl::StrCat("the file is not a month report bundle: ",
                         parsed.message().as_string()));
    return;
  }
  if (bundle_.format() != kMonthReportFormat) {
    Problem(absl::StrCat("format: \"", bundle_.format(), "\" is not \"",
                         kMonthReportFormat, "\""));
  }
  if (bundle_.log_id() != key_.log_id) {
    Problem(absl::StrCat("log_id: the bundle is of log \"", bundle_.log_id(),
                         "\", the key of log \"", key_.log_id, "\""));
  }
  closed_ = Head("closed_head", bundle_.closed_head());
  latest_ = Head("latest_head", bundle_.latest_head());
  CheckConsistency();
  const std::optional<v1::MonthClosed> closing = Closing();
  if (closing.has_value()) {
    out_.closed_at = closing->position();
    MonthReport report(bundle_.project_id(), bundle_.month(),
                       closing->position());
    for (int i = 0; i < bundle_.records_size(); ++i) {
      std::optional<storage::RecordedEvent> e =
          Proven(absl::StrCat("records[", i, "]"), bundle_.records(i));
      if (!e.has_value()) continue;
      if (absl::Status added = report.Add(*e); !added.ok()) {
        Problem(absl::StrCat("records[", i, "]: ", added.message()));
      }
    }
    for (const std::string& u : report.Unmarked()) Problem(u);
    CheckTotals(*closing, report);
    CheckText("report_csv", bundle_.report_csv(), report.ReportCsv());
    CheckText("corrections_csv", bundle_.corrections_csv(),
              report.CorrectionsCsv());
    std::vector<uint64_t> given;
    for (const v1::ProvenRecord& r : bundle_.records()) {
      given.push_back(r.position());
    }
    const std::vector<uint64_t> needed = report.Evidence();
    for (uint64_t p : given) {
      if (!std::binary_search(needed.begin(), needed.end(), p)) {
        Problem(absl::StrCat("record at position ", p,
                             " is a step of no record counted or corrected"));
      }
    }
    out_.corrections = report.corrections();
    out_.corrected_minutes = report.corrected_minutes();
  }
  CheckCanonical(file);
}

std::optional<SignedTreeHead> Checker::Head(absl::string_view field,
                                            const std::string& bytes) {
  absl::StatusOr<SignedTreeHead> sth = merkle::DecodeSignedTreeHead(bytes);
  if (!sth.ok()) {
    Problem(absl::StrCat(field,
                         ": not a signed tree head: ", sth.status().message()));
    return std::nullopt;
  }
  const absl::Status valid =
      merkle::VerifySignedTreeHead(*sth, key_.public_key, key_.log_id);
  if (!valid.ok()) {
    Problem(absl::StrCat(
        field, " (", sth->head.tree_size,
        " records): does not verify with the log's key: ", valid.message()));
    return std::nullopt;
  }
  return *sth;
}

void Checker::CheckConsistency() {
  if (!closed_.has_value() || !latest_.has_value()) return;
  std::vector<merkle::Hash> proof;
  for (int i = 0; i < bundle_.consistency_proof_size(); ++i) {
    absl::StatusOr<merkle::Hash> h =
        merkle::HashFromBytes(bundle_.consistency_proof(i));
    if (!h.ok()) {
      Problem(absl::StrCat("consistency_proof[", i, "]: not a 32-byte hash"));
      return;
    }
    proof.push_back(*h);
  }
  const absl::Status consistent = merkle::VerifyConsistency(
      closed_->head.tree_size, latest_->head.tree_size, closed_->head.root,
      latest_->head.root, proof);
  if (!consistent.ok()) {
    Problem(absl::StrCat(
        "consistency_proof: latest_head (", latest_->head.tree_size,
        " records) is not proven to extend closed_head (",
        closed_->head.tree_size, " records): ", consistent.message()));
  }
}

std::optional<storage::RecordedEvent> Checker::Proven(
    const std::string& where, const v1::ProvenRecord& r) {
  const std::string at = absl::StrCat(where, " (position ", r.position(), ")");
  absl::StatusOr<storage::RecordedEvent> event =
      storage::DecodeRecord(r.position(), r.record());
  if (!event.ok()) {
    Problem(absl::StrCat(
        at, ": not a record of that position: ", event.status().message()));
    return std::nullopt;
  }
  const bool in_closed =
      closed_.has_value() && r.position() <= closed_->head.tree_size;
  const std::optional<SignedTreeHead>& head = in_closed ? closed_ : latest_;
  const char* head_name = in_closed ? "closed_head" : "latest_head";
  if (!head.has_value()) {
    Problem(absl::StrCat(at, ": no verified head to prove it in"));
    return std::nullopt;
  }
  if (r.position() == 0 || r.position() > head->head.tree_size) {
    Problem(absl::StrCat(at, ": beyond ", head_name, " (", head->head.tree_size,
                         " records)"));
    return std::nullopt;
  }
  std::vector<merkle::Hash> proof;
  for (int i = 0; i < r.proof_size(); ++i) {
    absl::StatusOr<merkle::Hash> h = merkle::HashFromBytes(r.proof(i));
    if (!h.ok()) {
      Problem(absl::StrCat(at, ": proof[", i, "] is not a 32-byte hash"));
      return std::nullopt;
    }
    proof.push_back(*h);
  }
  const absl::Status included = merkle::VerifyInclusion(
      r.position() - 1, head->head.tree_size, merkle::HashLeaf(r.record()),
      proof, head->head.root);
  if (!included.ok()) {
    Problem(absl::StrCat(at, ": the record and its proof do not lead to ",
                         head_name, "'s root: ", included.message()));
    return std::nullopt;
  }
  return *std::move(event);
}

std::optional<v1::MonthClosed> Checker::Closing() {
  std::optional<storage::RecordedEvent> e =
      Proven("closing", bundle_.closing());
  if (!e.has_value()) return std::nullopt;
  const std::string at =
      absl::StrCat("closing (position ", bundle_.closing().position(), ")");
  v1::ProjectEvent event;
  if (e->stream != absl::StrCat("project-", bundle_.project_id()) ||
      !event.ParseFromString(e->payload) || !event.has_month_closed()) {
    Problem(absl::StrCat(at, ": not a month closing of project \"",
                         bundle_.project_id(), "\" (it is of stream \"",
                         e->stream, "\")"));
    return std::nullopt;
  }
  v1::MonthClosed closing = event.month_closed();
  bool sound = true;
  const auto refuse = [&](std::string what) {
    Problem(absl::StrCat(at, ": ", what));
    sound = false;
  };
  if (closing.project_id() != bundle_.project_id()) {
    refuse(absl::StrCat("closes project \"", closing.project_id(),
                        "\", the bundle is of \"", bundle_.project_id(), "\""));
  }
  if (MonthText(closing.month()) != MonthText(bundle_.month())) {
    refuse(absl::StrCat("closes ", MonthText(closing.month()),
                        ", the bundle is of ", MonthText(bundle_.month())));
  }
  if (closing.signed_tree_head() != bundle_.closed_head()) {
    refuse("names another signed tree head than closed_head");
  }
  if (closing.log_id() != bundle_.log_id()) {
    refuse(absl::StrCat("names log \"", closing.log_id(), "\""));
  }
  if (closed_.has_value() && closing.position() > closed_->head.tree_size) {
    refuse(absl::StrCat("read its totals at position ", closing.position(),
                        ", beyond closed_head"));
  }
  if (!sound) return std::nullopt;
  return closing;
}

void Checker::CheckTotals(const v1::MonthClosed& closing,
                          const MonthReport& report) {
  std::map<std::string, std::pair<int64_t, int64_t>> recorded, computed;
  for (const v1::PersonMinutes& t : closing.totals()) {
    recorded[t.person_id()] = {t.minutes(), t.records()};
    out_.closed_minutes += t.minutes();
    out_.closed_records += t.records();
  }
  for (const v1::PersonMinutes& t : report.Totals()) {
    computed[t.person_id()] = {t.minutes(), t.records()};
  }
  std::map<std::string, bool> people;
  for (const auto& [p, t] : recorded) people[p] = true;
  for (const auto& [p, t] : computed) people[p] = true;
  for (const auto& [person, unused] : people) {
    const std::pair<int64_t, int64_t> r = recorded[person];
    const std::pair<int64_t, int64_t> c = computed[person];
    if (r == c) continue;
    Problem(absl::StrCat("person \"", person, "\": the closing counts ",
                         r.first, " minutes in ", r.second,
                         " records, the records in the bundle give ", c.first,
                         " minutes in ", c.second));
  }
}

void Checker::CheckText(absl::string_view field, absl::string_view given,
                        absl::string_view computed) {
  if (given == computed) return;
  const std::vector<absl::string_view> a = absl::StrSplit(given, '\n');
  const std::vector<absl::string_view> b = absl::StrSplit(computed, '\n');
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const absl::string_view x = i < a.size() ? a[i] : "(no line)";
    const absl::string_view y = i < b.size() ? b[i] : "(no line)";
    if (x == y) continue;
    Problem(absl::StrCat(field, " line ", i + 1, ": the bundle says \"", x,
                         "\", the records give \"", y, "\""));
    return;
  }
}

void Checker::CheckCanonical(absl::string_view file) {
  absl::StatusOr<std::string> canonical = MonthReportFile(bundle_);
  if (!canonical.ok() || *canonical == file) return;
  size_t at = 0;
  while (at < file.size() && at < canonical->size() &&
         file[at] == (*canonical)[at]) {
    ++at;
  }
  const size_t from = at < 20 ? 0 : at - 20;
  Problem(absl::StrCat("byte ", at,
                       " of the file differs from the canonical form of what "
                       "it holds (after \"",
                       file.substr(from, at - from), "\")"));
}

}  // namespace

absl::StatusOr<std::string> MonthReportFile(
    const v1::MonthReportBundle& bundle) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  const auto printed =
      google::protobuf::util::MessageToJsonString(bundle, &json, options);
  if (!printed.ok()) {
    return absl::InternalError(absl::StrCat("the bundle cannot be printed: ",
                                            printed.message().as_string()));
  }
  json += '\n';
  return json;
}

MonthReportCheck CheckMonthReport(absl::string_view file,
                                  const merkle::LogKey& key) {
  MonthReportCheck out;
  Checker(key, out).Run(file);
  return out;
}

}  // namespace tutornet::activity
