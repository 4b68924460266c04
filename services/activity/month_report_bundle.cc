#include "services/activity/month_report_bundle.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/activity/context.h"
#include "services/activity/month_report.h"
#include "services/activity/month_report_check.h"
#include "status/status_macros.h"
#include "storage/record_codec.h"

namespace tutornet::activity {
namespace {

constexpr size_t kPage = 4096;

// Every event of `stream` up to position `until`.
absl::Status ReadStreamUntil(const storage::EventLog& log,
                             const std::string& stream, uint64_t until,
                             std::map<uint64_t, storage::RecordedEvent>& out) {
  uint64_t from = 1;
  while (true) {
    ASSIGN_OR_RETURN(
        std::vector<storage::RecordedEvent> page,
        log.ReadStream(stream, from, storage::Direction::kForward, kPage));
    for (storage::RecordedEvent& e : page) {
      if (e.position <= until) out.emplace(e.position, std::move(e));
    }
    if (page.size() < kPage) return absl::OkStatus();
    from += kPage;
  }
}

// The position of the closing of `month` in the project's stream.
absl::StatusOr<storage::RecordedEvent> ClosingEvent(
    const storage::EventLog& log, const v1::MonthClosed& closing,
    uint64_t until) {
  std::map<uint64_t, storage::RecordedEvent> events;
  RETURN_IF_ERROR(
      ReadStreamUntil(log, ProjectStream(closing.project_id()), until, events));
  for (auto& [position, e] : events) {
    v1::ProjectEvent event;
    if (!event.ParseFromString(e.payload) || !event.has_month_closed()) {
      continue;
    }
    const v1::Month& m = event.month_closed().month();
    if (m.year() == closing.month().year() &&
        m.month() == closing.month().month()) {
      return std::move(e);
    }
  }
  return absl::DataLossError(
      absl::StrCat("the activity log holds no closing of project \"",
                   closing.project_id(), "\" for the month its view knows"));
}

absl::StatusOr<v1::ProvenRecord> Prove(const storage::EventLog& log,
                                       const storage::RecordedEvent& e,
                                       uint64_t closed_size,
                                       uint64_t latest_size) {
  v1::ProvenRecord out;
  out.set_position(e.position);
  out.set_record(storage::EncodeRecord(e));
  ASSIGN_OR_RETURN(
      std::vector<merkle::Hash> proof,
      log.InclusionProof(
          e.position, e.position <= closed_size ? closed_size : latest_size));
  for (const merkle::Hash& h : proof)
    out.add_proof(std::string(merkle::AsBytes(h)));
  return out;
}

}  // namespace

absl::StatusOr<v1::MonthReportBundle> BuildMonthReport(
    const storage::EventLog& log, const MonthReportSources& sources,
    const merkle::SignedTreeHead& latest) {
  const v1::MonthClosed& closing = sources.closing;
  const uint64_t latest_size = latest.head.tree_size;
  ASSIGN_OR_RETURN(merkle::SignedTreeHead closed,
                   merkle::DecodeSignedTreeHead(closing.signed_tree_head()));
  const uint64_t closed_size = closed.head.tree_size;
  ASSIGN_OR_RETURN(storage::RecordedEvent closing_event,
                   ClosingEvent(log, closing, latest_size));

  // Every step of the records concerned, folded to find the evidence.
  std::vector<uint64_t> wanted;
  for (uint64_t p : sources.positions) {
    if (p <= latest_size) wanted.push_back(p);
  }
  std::map<uint64_t, storage::RecordedEvent> steps;
  for (size_t at = 0; at < wanted.size(); at += kPage) {
    ASSIGN_OR_RETURN(
        std::vector<storage::RecordedEvent> page,
        log.ReadPositions(std::vector<uint64_t>(
            wanted.begin() + at,
            wanted.begin() + std::min(wanted.size(), at + kPage))));
    for (storage::RecordedEvent& e : page) {
      steps.emplace(e.position, std::move(e));
    }
  }
  MonthReport all(closing.project_id(), closing.month(), closing.position());
  for (const auto& [position, e] : steps) RETURN_IF_ERROR(all.Add(e));

  v1::MonthReportBundle bundle;
  bundle.set_format(kMonthReportFormat);
  bundle.set_log_id(log.log_id());
  bundle.set_project_id(closing.project_id());
  *bundle.mutable_month() = closing.month();
  bundle.set_closed_head(closing.signed_tree_head());
  bundle.set_latest_head(merkle::EncodeSignedTreeHead(latest));
  ASSIGN_OR_RETURN(std::vector<merkle::Hash> consistency,
                   log.ConsistencyProof(closed_size, latest_size));
  for (const merkle::Hash& h : consistency) {
    bundle.add_consistency_proof(std::string(merkle::AsBytes(h)));
  }
  ASSIGN_OR_RETURN(*bundle.mutable_closing(),
                   Prove(log, closing_event, closed_size, latest_size));
  // The report is computed from the evidence alone, as the verifier will.
  MonthReport report(closing.project_id(), closing.month(), closing.position());
  for (uint64_t position : all.Evidence()) {
    const storage::RecordedEvent& e = steps.at(position);
    RETURN_IF_ERROR(report.Add(e));
    ASSIGN_OR_RETURN(*bundle.add_records(),
                     Prove(log, e, closed_size, latest_size));
  }
  bundle.set_report_csv(report.ReportCsv());
  bundle.set_corrections_csv(report.CorrectionsCsv());
  return bundle;
}

}  // namespace tutornet::activity
