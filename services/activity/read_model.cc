#include "services/activity/read_model.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/io/coded_stream.h"
#include "services/activity/decider.h"
#include "services/activity/policy.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::activity {
namespace {

using access::Principal;
using projections::RowReader;

// "<person>/<record>" (the tail of an index key) -> the record.
absl::StatusOr<v1::HourRecord> RecordAt(const RowReader& rows,
                                        absl::string_view person_record) {
  const std::string key = absl::StrCat("r/", person_record);
  ASSIGN_OR_RETURN(std::optional<v1::HourRecord> r,
                   projections::ReadRow<v1::HourRecord>(rows, key));
  if (!r.has_value()) {
    return absl::DataLossError(
        absl::StrCat("activity index names a missing record \"", key, "\""));
  }
  return *std::move(r);
}

RecordScope ScopeOf(const v1::HourRecord& r) {
  return {r.placement().network_id(), r.placement().region_id(),
          r.entry().project_id()};
}

absl::StatusOr<v1::FundedProject> RequireProjectRow(
    const RowReader& rows, const std::string& field,
    const std::string& project_id) {
  RETURN_IF_ERROR(values::ValidateId(field, project_id));
  ASSIGN_OR_RETURN(std::optional<v1::FundedProject> f,
                   projections::ReadRow<v1::FundedProject>(
                       rows, absl::StrCat("f/", project_id)));
  if (!f.has_value()) {
    return absl::NotFoundError(absl::StrCat(field, ": funded project \"",
                                            project_id, "\" does not exist"));
  }
  return *std::move(f);
}

// The record as `p` may see it. A version belongs to where it put the
// record (its network, region and project): a caller who may read some
// version reads the record, with the content of the versions outside its
// scope left out (their steps stay: who did what when). An amendment that
// moves a record to another project or region neither hides the earlier
// versions from those who may read them nor shows them to the new side.
absl::StatusOr<v1::HourRecord> VisibleTo(const Principal& p, v1::HourRecord r) {
  bool any = false;
  RecordScope scope;
  for (v1::HourStep& step : *r.mutable_history()) {
    if (step.has_entry()) {
      scope = {step.placement().network_id(), step.placement().region_id(),
               step.entry().project_id()};
    }
    if (MayReadRecord(p, r.person_id(), scope)) {
      any = true;
      continue;
    }
    step.clear_entry();
    step.clear_placement();
    step.clear_reason();
    step.clear_correction_reason();
    step.clear_corrects();
  }
  if (!any) return AuthorizeRecordRead(p, r.person_id(), ScopeOf(r));
  if (!MayReadRecord(p, r.person_id(), ScopeOf(r))) {
    r.clear_entry();
    r.clear_placement();
    r.clear_last_comment();
  }
  return r;
}

}  // namespace

absl::StatusOr<v1::FundedProject> GetFundedProject(const RowReader& rows,
                                                   const Principal& p,
                                                   const std::string& id) {
  ASSIGN_OR_RETURN(v1::FundedProject f,
                   RequireProjectRow(rows, "project_id", id));
  RETURN_IF_ERROR(AuthorizeProjectRead(p, f.project()));
  return f;
}

absl::StatusOr<v1::ListFundedProjectsResponse> ListFundedProjects(
    const RowReader& rows, const Principal& p, const std::string& network_id) {
  RETURN_IF_ERROR(values::ValidateId("network_id", network_id));
  RETURN_IF_ERROR(access::RequireNetwork(
      p, network_id,
      absl::StrCat("read funded projects of network \"", network_id, "\"")));
  v1::ListFundedProjectsResponse out;
  ASSIGN_OR_RETURN(
      std::vector<std::string> ids,
      projections::KeySuffixes(rows, absl::StrCat("fn/", network_id, "/")));
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(v1::FundedProject f,
                     RequireProjectRow(rows, "project_id", id));
    // A funder sees only its own projects.
    if (AuthorizeProjectRead(p, f.project()).ok()) {
      *out.add_projects() = std::move(f);
    }
  }
  return out;
}

absl::StatusOr<v1::ListHourRecordsResponse> ListHourRecords(
    const RowReader& rows, const Principal& p,
    const v1::ListHourRecordsRequest& req) {
  if (req.person_id().empty() && req.project_id().empty()) {
    return values::Invalid("person_id", "name a person or a project_id");
  }
  if (!req.person_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("person_id", req.person_id()));
  }
  if (!req.project_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("project_id", req.project_id()));
  }
  RETURN_IF_ERROR(ValidateMonth("month", req.month()));
  RETURN_IF_ERROR(AuthorizeRecordList(p, req.person_id(), req.project_id()));
  const std::string month = FormatMonth(ToMonthKey(req.month()));
  // The narrower index: a person's month, else a project's.
  const std::string prefix =
      req.person_id().empty()
          ? absl::StrCat("j/", req.project_id(), "/", month, "/")
          : absl::StrCat("t/", req.person_id(), "/", month, "/");
  ASSIGN_OR_RETURN(std::vector<std::string> tails,
                   projections::KeySuffixes(rows, prefix));
  v1::ListHourRecordsResponse out;
  for (const std::string& tail : tails) {
    ASSIGN_OR_RETURN(
        v1::HourRecord r,
        RecordAt(rows, req.person_id().empty()
                           ? tail
                           : absl::StrCat(req.person_id(), "/", tail)));
    if (!req.project_id().empty() &&
        r.entry().project_id() != req.project_id()) {
      continue;
    }
    if (!MayReadRecord(p, r.person_id(), ScopeOf(r))) continue;
    r.clear_history();
    *out.add_records() = std::move(r);
  }
  return out;
}

absl::StatusOr<v1::ListHourRecordsResponse> ListSubmittedHours(
    const RowReader& rows, const Principal& p,
    const v1::ListSubmittedHoursRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  if (!req.region_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("region_id", req.region_id()));
  }
  RETURN_IF_ERROR(AuthorizeQueueRead(p, req.network_id(), req.region_id()));
  const std::string prefix = absl::StrCat("q/", req.network_id(), "/");
  ASSIGN_OR_RETURN(std::vector<std::string> tails,
                   projections::KeySuffixes(rows, prefix));
  v1::ListHourRecordsResponse out;
  for (const std::string& tail : tails) {
    // "<position>/<person>/<record>"
    ASSIGN_OR_RETURN(v1::HourRecord r,
                     RecordAt(rows, absl::string_view(tail).substr(21)));
    if (!req.region_id().empty() &&
        r.placement().region_id() != req.region_id()) {
      continue;
    }
    if (!MayReadRecord(p, r.person_id(), ScopeOf(r))) continue;
    r.clear_history();
    *out.add_records() = std::move(r);
  }
  return out;
}

absl::StatusOr<v1::HourRecord> GetHourRecord(
    const RowReader& rows, const Principal& p,
    const v1::GetHourRecordRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("person_id", req.person_id()));
  RETURN_IF_ERROR(values::ValidateId("record_id", req.record_id()));
  ASSIGN_OR_RETURN(std::optional<v1::HourRecord> r,
                   projections::ReadRow<v1::HourRecord>(
                       rows, HourRecordKey(req.person_id(), req.record_id())));
  if (!r.has_value()) {
    // The same answer whether or not the caller may read that person's
    // records: a record's existence is not told to outsiders.
    if (p.role == access::AccessRole::kTutor && req.person_id() != p.id) {
      return AuthorizeRecordRead(p, req.person_id(), {});
    }
    return absl::NotFoundError(
        absl::StrCat("record_id: person \"", req.person_id(),
                     "\" has no hour record \"", req.record_id(), "\""));
  }
  return VisibleTo(p, *std::move(r));
}

namespace {

// The totals row of a project's month (none: no record counts).
absl::StatusOr<v1::ProjectMonthTotals> ReadTotals(const RowReader& rows,
                                                  absl::string_view project_id,
                                                  MonthKey month) {
  ASSIGN_OR_RETURN(
      std::optional<v1::ProjectMonthTotals> totals,
      projections::ReadRow<v1::ProjectMonthTotals>(
          rows, ProjectMonthTotalsKey(project_id, FormatMonth(month))));
  if (!totals.has_value()) return v1::ProjectMonthTotals();
  return *std::move(totals);  // Moved: a large month's row is not copied.
}

// Appends field `number` holding the serialized message `bytes`, as
// protobuf's wire format encodes it: tag, length, bytes.
void AppendMessageField(int number, absl::string_view bytes, std::string* out) {
  using google::protobuf::io::CodedOutputStream;
  constexpr uint32_t kLengthDelimited = 2;  // The wire type of a message.
  uint8_t prefix[10];
  uint8_t* end = CodedOutputStream::WriteVarint32ToArray(
      (static_cast<uint32_t>(number) << 3) | kLengthDelimited, prefix);
  end = CodedOutputStream::WriteVarint32ToArray(
      static_cast<uint32_t>(bytes.size()), end);
  out->append(reinterpret_cast<const char*>(prefix), end - prefix);
  out->append(bytes.data(), bytes.size());
}

// Whether `bytes` are a message's fields as the wire format lays them out
// (each tag's wire type known, each length within the bytes), and every
// field's number is one `expected` accepts. Shallow: nested messages are
// not walked. Allocates nothing: a stored row sent as it is gets this
// check instead of a parse, so that a damaged row is refused (DATA_LOSS)
// rather than sent, and a row never carries a field the response makes.
bool WellFormedFields(absl::string_view bytes,
                      absl::FunctionRef<bool(uint32_t field)> expected) {
  using google::protobuf::io::CodedInputStream;
  CodedInputStream in(reinterpret_cast<const uint8_t*>(bytes.data()),
                      static_cast<int>(bytes.size()));
  while (uint32_t tag = in.ReadTag()) {
    if (!expected(tag >> 3)) return false;
    switch (tag & 7) {
      case 0: {  // Varint.
        uint64_t ignored;
        if (!in.ReadVarint64(&ignored)) return false;
        break;
      }
      case 1:  // Fixed 64 bits.
        if (!in.Skip(8)) return false;
        break;
      case 2: {  // Length-delimited.
        uint32_t length;
        if (!in.ReadVarint32(&length) || !in.Skip(static_cast<int>(length))) {
          return false;
        }
        break;
      }
      case 5:  // Fixed 32 bits.
        if (!in.Skip(4)) return false;
        break;
      default:  // Groups are not in proto3; 6 and 7 are not wire types.
        return false;
    }
  }
  return in.ConsumedEntireMessage() &&
         static_cast<size_t>(in.CurrentPosition()) == bytes.size();
}

}  // namespace

absl::StatusOr<std::vector<v1::PersonMinutes>> ApprovedMinutes(
    const RowReader& rows, const std::string& project_id, MonthKey month) {
  ASSIGN_OR_RETURN(v1::ProjectMonthTotals totals,
                   ReadTotals(rows, project_id, month));
  return std::vector<v1::PersonMinutes>(totals.approved().begin(),
                                        totals.approved().end());
}

// The jt/ row's fields are MonthlyTotals' own, so its bytes are a part of
// the response as they are.
static_assert(int{v1::ProjectMonthTotals::kApprovedFieldNumber} ==
              int{v1::MonthlyTotals::kApprovedFieldNumber});
static_assert(int{v1::ProjectMonthTotals::kPendingFieldNumber} ==
              int{v1::MonthlyTotals::kPendingFieldNumber});

absl::StatusOr<MonthlyTotalsParts> GetMonthlyTotals(
    const RowReader& rows, const Principal& p,
    const v1::GetMonthlyTotalsRequest& req) {
  ASSIGN_OR_RETURN(v1::FundedProject f,
                   RequireProjectRow(rows, "project_id", req.project_id()));
  RETURN_IF_ERROR(ValidateMonth("month", req.month()));
  RETURN_IF_ERROR(AuthorizeTotalsRead(p, f.project()));
  const std::string m = FormatMonth(ToMonthKey(req.month()));
  MonthlyTotalsParts out;
  out.head.set_project_id(req.project_id());
  *out.head.mutable_month() = req.month();
  const std::string totals_key = ProjectMonthTotalsKey(req.project_id(), m);
  ASSIGN_OR_RETURN(std::optional<std::string> totals, rows.Get(totals_key));
  if (totals.has_value()) {
    // Only the lists: its bytes are the response's top level.
    if (!WellFormedFields(*totals, [](uint32_t field) {
          return field == v1::MonthlyTotals::kApprovedFieldNumber ||
                 field == v1::MonthlyTotals::kPendingFieldNumber;
        })) {
      return projections::CorruptRow(totals_key);
    }
    out.stored = *std::move(totals);
  }
  const std::string closing_key = absl::StrCat("c/", req.project_id(), "/", m);
  ASSIGN_OR_RETURN(std::optional<std::string> closing, rows.Get(closing_key));
  if (closing.has_value()) {
    if (!WellFormedFields(*closing, [](uint32_t field) { return field > 0; })) {
      return projections::CorruptRow(closing_key);
    }
    out.head.set_closed(true);
    AppendMessageField(v1::MonthlyTotals::kClosingFieldNumber, *closing,
                       &out.stored);
    const std::string prefix =
        absl::StrCat("x/", req.project_id(), "/", m, "/");
    RETURN_IF_ERROR(projections::ScanRows<v1::MonthCorrection>(
        rows, prefix, [&](absl::string_view, v1::MonthCorrection c) {
          // The change to the month, not the record's content: that is
          // GetHourRecord's, for whoever may read the record.
          c.mutable_step()->clear_entry();
          c.mutable_step()->clear_placement();
          *out.head.add_corrections() = std::move(c);
        }));
  }
  return out;
}

absl::StatusOr<v1::MonthClosed> GetClosedMonth(const RowReader& rows,
                                               const Principal& p,
                                               const std::string& project_id,
                                               const v1::Month& month) {
  ASSIGN_OR_RETURN(v1::FundedProject f,
                   RequireProjectRow(rows, "project_id", project_id));
  RETURN_IF_ERROR(ValidateMonth("month", month));
  RETURN_IF_ERROR(AuthorizeTotalsRead(p, f.project()));
  const std::string m = FormatMonth(ToMonthKey(month));
  ASSIGN_OR_RETURN(std::optional<v1::MonthClosed> closing,
                   projections::ReadRow<v1::MonthClosed>(
                       rows, absl::StrCat("c/", project_id, "/", m)));
  if (!closing.has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat("month: ", m, " of funded project \"", project_id,
                     "\" is not closed; a report is made of a closed month"));
  }
  return *std::move(closing);
}

absl::StatusOr<MonthReportSources> GetMonthReportSources(
    const RowReader& rows, const Principal& p, const std::string& project_id,
    const v1::Month& month) {
  MonthReportSources out;
  ASSIGN_OR_RETURN(out.closing, GetClosedMonth(rows, p, project_id, month));
  const std::string m = FormatMonth(ToMonthKey(month));
  std::set<std::pair<std::string, std::string>> records;
  const std::string in_month = absl::StrCat("j/", project_id, "/", m, "/");
  ASSIGN_OR_RETURN(std::vector<std::string> tails,
                   projections::KeySuffixes(rows, in_month));
  for (const std::string& tail : tails) {
    const size_t slash = tail.find('/');
    records.emplace(tail.substr(0, slash), tail.substr(slash + 1));
  }
  RETURN_IF_ERROR(projections::ScanRows<v1::MonthCorrection>(
      rows, absl::StrCat("x/", project_id, "/", m, "/"),
      [&records](absl::string_view, const v1::MonthCorrection& c) {
        records.emplace(c.person_id(), c.record_id());
      }));
  for (const auto& [person, record] : records) {
    const std::string key = HourRecordKey(person, record);
    ASSIGN_OR_RETURN(std::optional<v1::HourRecord> r,
                     projections::ReadRow<v1::HourRecord>(rows, key));
    if (!r.has_value()) return projections::MissingRow(key);
    for (const v1::HourStep& step : r->history()) {
      out.positions.push_back(step.position());
    }
  }
  std::sort(out.positions.begin(), out.positions.end());
  out.positions.erase(std::unique(out.positions.begin(), out.positions.end()),
                      out.positions.end());
  return out;
}

namespace {

// Visits the hp/ rows of the network's municipalities in `scope` from
// month `first` to `last` (yyyy-mm), a municipality's months in order,
// until `visit` fails. A scan stops where a municipality's rows of the
// period end, and the next starts at the key it names: a municipality out
// of the scope is passed over whole.
absl::Status VisitPlaceMonths(
    const RowReader& rows, const std::string& network_id,
    const HoursScope& scope, const std::string& first, const std::string& last,
    absl::FunctionRef<absl::Status(absl::string_view month,
                                   absl::string_view key,
                                   absl::string_view value)>
        visit) {
  const std::string prefix = absl::StrCat(kHoursByPlace, network_id, "/");
  const bool one = !scope.municipality_id.empty();
  std::string start =
      one ? absl::StrCat(prefix, scope.municipality_id, "/", first) : prefix;
  absl::Status bad;
  while (!start.empty()) {
    std::string next;
    RETURN_IF_ERROR(rows.Scan(
        prefix, start, [&](absl::string_view key, absl::string_view value) {
          // <municipality>/<month>/<project>
          const std::vector<absl::string_view> part =
              absl::StrSplit(key.substr(prefix.size()), '/');
          // A month is yyyy-mm: the keys the scans restart at then sort
          // after the row that names them, so every scan moves on.
          if (part.size() != 3 || part[1].size() != first.size()) {
            bad = projections::CorruptRow(key);
            return false;
          }
          if (one && part[0] != scope.municipality_id) return false;
          if ((scope.municipality && !scope.municipality(part[0])) ||
              part[1] > last) {
            if (one) return false;
            // '0' follows '/': the first key after the municipality's.
            next = absl::StrCat(prefix, part[0], "0");
            return false;
          }
          if (part[1] < first) {
            next = absl::StrCat(prefix, part[0], "/", first);
            return false;
          }
          if (scope.projects != nullptr &&
              scope.projects->count(std::string(part[2])) == 0) {
            return true;
          }
          bad = visit(part[1], key, value);
          return bad.ok();
        }));
    RETURN_IF_ERROR(bad);
    start = std::move(next);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::HoursFigures> GetHoursFigures(const RowReader& rows,
                                                 const std::string& network_id,
                                                 const HoursScope& scope,
                                                 MonthKey from, MonthKey to) {
  std::map<std::string, v1::MonthHours> months;
  std::map<std::pair<std::string, int>, v1::KindMinutes> month_kinds;
  std::map<int, v1::KindMinutes> kinds;
  // The rows, parsed onto an arena that lets them all go at once (a
  // network's year is thousands of tutor entries); the tutors' ids are
  // views into them.
  // A municipality's year fits in the first block, on the stack.
  alignas(std::max_align_t) char first_block[16 << 10];
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = first_block;
  arena_options.initial_block_size = sizeof(first_block);
  arena_options.max_block_size = size_t{64} << 10;
  google::protobuf::Arena arena(arena_options);
  std::map<std::string, absl::flat_hash_set<absl::string_view>> month_tutors;
  absl::flat_hash_set<absl::string_view> tutors;
  v1::HoursFigures out;
  RETURN_IF_ERROR(VisitPlaceMonths(
      rows, network_id, scope, FormatMonth(from), FormatMonth(to),
      [&](absl::string_view month_view, absl::string_view key,
          absl::string_view value) {
        auto* place =
            google::protobuf::Arena::CreateMessage<v1::PlaceMonthHours>(&arena);
        RETURN_IF_ERROR(projections::ParseRow(key, value, place));
        const std::string month(month_view);
        v1::MonthHours& h = months[month];
        for (const v1::PlaceMonthHours::Kind& k : place->kinds()) {
          const int kind = static_cast<int>(k.kind());
          for (v1::KindMinutes* sum :
               {&month_kinds[{month, kind}], &kinds[kind]}) {
            sum->set_kind(k.kind());
            sum->set_minutes(sum->minutes() + k.minutes());
            sum->set_records(sum->records() + k.records());
          }
          h.set_minutes(h.minutes() + k.minutes());
          h.set_records(h.records() + k.records());
          out.set_minutes(out.minutes() + k.minutes());
          out.set_records(out.records() + k.records());
        }
        absl::flat_hash_set<absl::string_view>& in_month = month_tutors[month];
        for (const v1::PersonMinutes& t : place->tutors()) {
          in_month.insert(t.person_id());
          tutors.insert(t.person_id());
        }
        return absl::OkStatus();
      }));
  for (auto& [month, h] : months) {
    int year = 0, number = 0;
    absl::SimpleAtoi(month.substr(0, 4), &year);
    absl::SimpleAtoi(month.substr(5, 2), &number);
    h.mutable_month()->set_year(year);
    h.mutable_month()->set_month(number);
    h.set_tutors(static_cast<int>(month_tutors[month].size()));
    for (const auto& [key, k] : month_kinds) {
      if (key.first == month) *h.add_kinds() = k;
    }
    *out.add_months() = std::move(h);
  }
  for (const auto& [kind, k] : kinds) *out.add_kinds() = k;
  out.set_active_tutors(static_cast<int>(tutors.size()));
  return out;
}

}  // namespace tutornet::activity
