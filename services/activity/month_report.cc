#include "services/activity/month_report.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "services/values/csv.h"

namespace tutornet::activity {
namespace {

constexpr char kTutorStreamPrefix[] = "tutor-";

// WORK_KIND_PEER_SUPPORT -> "peer_support".
std::string KindName(v1::WorkKind kind) {
  std::string name = v1::WorkKind_Name(kind);
  if (absl::StartsWith(name, "WORK_KIND_")) name = name.substr(10);
  absl::AsciiStrToLower(&name);
  return name;
}

struct Step {
  const char* name;
  const std::string* person;
  const std::string* record;
  const google::protobuf::RepeatedPtrField<v1::ClosedMonth>* corrects;
  const std::string* reason;
};

Step StepOf(const v1::HoursEvent& e) {
  switch (e.event_case()) {
    case v1::HoursEvent::kLogged:
      return {"logged", &e.logged().person_id(), &e.logged().record_id(),
              &e.logged().corrects(), &e.logged().correction_reason()};
    case v1::HoursEvent::kSubmitted:
      return {"submitted", &e.submitted().person_id(),
              &e.submitted().record_id(), &e.submitted().corrects(),
              &e.submitted().correction_reason()};
    case v1::HoursEvent::kApproved:
      return {"approved", &e.approved().person_id(), &e.approved().record_id(),
              &e.approved().corrects(), &e.approved().correction_reason()};
    case v1::HoursEvent::kReturned:
      return {"returned", &e.returned().person_id(), &e.returned().record_id(),
              &e.returned().corrects(), &e.returned().correction_reason()};
    case v1::HoursEvent::kAmended:
      return {"amended", &e.amended().person_id(), &e.amended().record_id(),
              &e.amended().corrects(), &e.amended().correction_reason()};
    case v1::HoursEvent::kVoided:
      return {"voided", &e.voided().person_id(), &e.voided().record_id(),
              &e.voided().corrects(), &e.voided().correction_reason()};
    case v1::HoursEvent::EVENT_NOT_SET:
      break;
  }
  return {nullptr, nullptr, nullptr, nullptr, nullptr};
}

}  // namespace

// Whether the rules (decider.cc) take this step on a record in this
// state: a step missing between two given ones shows as one they would
// not have taken, or as an amendment's version out of sequence.
absl::Status MonthReport::Allowed(const v1::HoursEvent& e, const Record& r) {
  const auto cannot = [&r](absl::string_view step) {
    return absl::InvalidArgumentError(absl::StrCat(
        "is ", absl::AsciiStrToLower(v1::HourStatus_Name(r.status).substr(12)),
        " and cannot be ", step, " (a step is missing before this one)"));
  };
  const bool first = r.status == v1::HOUR_STATUS_UNSPECIFIED;
  if (e.has_logged()) {
    return first ? absl::OkStatus()
                 : absl::InvalidArgumentError("is logged a second time");
  }
  if (r.status == v1::HOUR_STATUS_VOIDED) return cannot("changed");
  switch (e.event_case()) {
    case v1::HoursEvent::kSubmitted:
      if (r.status == v1::HOUR_STATUS_LOGGED ||
          (r.status == v1::HOUR_STATUS_RETURNED && r.amended_since_return)) {
        return absl::OkStatus();
      }
      return cannot("submitted");
    case v1::HoursEvent::kApproved:
    case v1::HoursEvent::kReturned:
      if (r.status == v1::HOUR_STATUS_SUBMITTED) return absl::OkStatus();
      return cannot(e.has_approved() ? "approved" : "returned");
    case v1::HoursEvent::kAmended:
      if (r.status == v1::HOUR_STATUS_SUBMITTED) return cannot("amended");
      if (e.amended().version() != r.version + 1) {
        return absl::InvalidArgumentError(absl::StrCat(
            "is at version ", r.version, " and the amendment makes version ",
            e.amended().version(), " (an amendment is missing before it)"));
      }
      return absl::OkStatus();
    default:
      return absl::OkStatus();
  }
}

MonthReport::MonthReport(std::string project_id, v1::Month month,
                         uint64_t closed_at)
    : project_id_(std::move(project_id)),
      month_(std::move(month)),
      closed_at_(closed_at) {}

bool MonthReport::Counts(const Record& r) const {
  return r.status == v1::HOUR_STATUS_APPROVED && r.project_id == project_id_ &&
         r.year == month_.year() && r.month == month_.month();
}

int64_t MonthReport::ApprovedHere(const Record& r) const {
  return Counts(r) ? r.minutes : 0;
}

void MonthReport::CloseBooks() {
  if (closed_) return;
  closed_ = true;
  for (auto& [key, r] : records_) {
    r.counted = Counts(r);
    r.counted_kind = r.kind;
    r.counted_minutes = r.minutes;
  }
}

MonthReport::Closed MonthReport::AsClosed(const Record& r) const {
  // Until a step after the closing has come, a record stands as closed.
  if (!closed_) return {Counts(r), r.kind, r.minutes};
  return {r.counted, r.counted_kind, r.counted_minutes};
}

absl::Status MonthReport::Add(const storage::RecordedEvent& event) {
  const auto refuse = [&event](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("record at position ", event.position, ": ", why));
  };
  if (event.position <= last_position_) {
    return refuse(absl::StrCat("comes after position ", last_position_,
                               "; records must be in log order"));
  }
  if (!absl::StartsWith(event.stream, kTutorStreamPrefix)) {
    return refuse(absl::StrCat("is of stream \"", event.stream,
                               "\", not of a tutor's hour records"));
  }
  v1::HoursEvent e;
  if (!e.ParseFromString(event.payload)) {
    return refuse("its payload is not an hours event");
  }
  const Step step = StepOf(e);
  if (step.name == nullptr) return refuse("its hours event is empty");
  const absl::string_view person =
      absl::string_view(event.stream).substr(sizeof(kTutorStreamPrefix) - 1);
  if (*step.person != person) {
    return refuse(absl::StrCat("names person \"", *step.person,
                               "\" in the stream of \"", person, "\""));
  }
  last_position_ = event.position;
  if (event.position > closed_at_) CloseBooks();

  Record& r = records_[{*step.person, *step.record}];
  if (r.positions.empty() && !e.has_logged()) {
    return refuse(absl::StrCat("record \"", *step.record,
                               "\" starts without the step that logged it"));
  }
  if (absl::Status taken = Allowed(e, r); !taken.ok()) {
    return refuse(
        absl::StrCat("record \"", *step.record, "\" ", taken.message()));
  }
  const int64_t before = ApprovedHere(r);
  const v1::HourEntry* entry = nullptr;
  switch (e.event_case()) {
    case v1::HoursEvent::kLogged:
      r.status = v1::HOUR_STATUS_LOGGED;
      r.version = 1;
      entry = &e.logged().entry();
      break;
    case v1::HoursEvent::kSubmitted:
      r.status = v1::HOUR_STATUS_SUBMITTED;
      r.amended_since_return = false;
      break;
    case v1::HoursEvent::kApproved:
      r.status = v1::HOUR_STATUS_APPROVED;
      break;
    case v1::HoursEvent::kReturned:
      r.status = v1::HOUR_STATUS_RETURNED;
      r.amended_since_return = false;
      break;
    case v1::HoursEvent::kAmended:
      r.version = e.amended().version();
      r.amended_since_return = r.status == v1::HOUR_STATUS_RETURNED;
      entry = &e.amended().entry();
      break;
    case v1::HoursEvent::kVoided:
      r.status = v1::HOUR_STATUS_VOIDED;
      break;
    case v1::HoursEvent::EVENT_NOT_SET:
      break;
  }
  if (entry != nullptr) {
    r.project_id = entry->project_id();
    r.year = entry->date().year();
    r.month = entry->date().month();
    r.kind = entry->kind();
    r.minutes = entry->duration_minutes();
  }
  r.positions.push_back(event.position);
  if (event.position <= closed_at_) return absl::OkStatus();

  bool marked = false;
  for (const v1::ClosedMonth& c : *step.corrects) {
    marked = marked || (c.project_id() == project_id_ &&
                        c.month().year() == month_.year() &&
                        c.month().month() == month_.month());
  }
  const int64_t delta = ApprovedHere(r) - before;
  if (!marked) {
    if (delta != 0) {
      unmarked_.push_back(absl::StrCat("record at position ", event.position,
                                       " changes the month's "
                                       "approved minutes by ",
                                       delta,
                                       " without marking it a correction"));
    }
    return absl::OkStatus();
  }
  r.last_correction = event.position;
  corrected_minutes_ += delta;
  rows_.push_back(
      {event.position,
       absl::StrCat(event.position, ",",
                    absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", event.recorded_at,
                                     absl::UTCTimeZone()),
                    ",", values::CsvField(*step.person), ",",
                    values::CsvField(*step.record), ",", step.name, ",",
                    values::CsvField(event.metadata.actor), ",", delta, ",",
                    values::CsvField(*step.reason))});
  return absl::OkStatus();
}

std::string MonthReport::ReportCsv() const {
  const std::string month =
      absl::StrFormat("%04d-%02d", month_.year(), month_.month());
  std::map<std::pair<std::string, std::string>, v1::PersonMinutes> rows;
  for (const auto& [key, record] : records_) {
    const Closed r = AsClosed(record);
    if (!r.counted) continue;
    v1::PersonMinutes& row = rows[{key.first, KindName(r.kind)}];
    row.set_minutes(row.minutes() + r.minutes);
    row.set_records(row.records() + 1);
  }
  std::string out = absl::StrCat(kReportCsvHeader, "\n");
  for (const auto& [key, row] : rows) {
    absl::StrAppend(&out, values::CsvField(project_id_), ",", month, ",",
                    values::CsvField(key.first), ",", key.second, ",",
                    row.minutes(), ",", row.records(), "\n");
  }
  return out;
}

std::string MonthReport::CorrectionsCsv() const {
  std::string out = absl::StrCat(kCorrectionsCsvHeader, "\n");
  for (const CorrectionRow& row : rows_) absl::StrAppend(&out, row.line, "\n");
  return out;
}

std::vector<v1::PersonMinutes> MonthReport::Totals() const {
  std::map<std::string, v1::PersonMinutes> by_person;
  for (const auto& [key, record] : records_) {
    const Closed r = AsClosed(record);
    if (!r.counted) continue;
    v1::PersonMinutes& t = by_person[key.first];
    t.set_person_id(key.first);
    t.set_minutes(t.minutes() + r.minutes);
    t.set_records(t.records() + 1);
  }
  std::vector<v1::PersonMinutes> out;
  for (auto& [person, t] : by_person) out.push_back(std::move(t));
  return out;
}

std::vector<uint64_t> MonthReport::Evidence() const {
  std::vector<uint64_t> out;
  for (const auto& [key, record] : records_) {
    const Closed r = AsClosed(record);
    const uint64_t until = record.last_correction > 0 ? record.last_correction
                           : r.counted                ? closed_at_
                                                      : 0;
    for (uint64_t p : record.positions) {
      if (p <= until) out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tutornet::activity
