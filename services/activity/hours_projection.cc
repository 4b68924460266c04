// The activity projection's Apply: hour records and funded projects into
// the rows read_model.h lists, with their indexes and month figures kept
// as records change. The queries over these rows are in read_model.cc.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/activity/commands.h"
#include "services/activity/read_model.h"
#include "status/status_macros.h"

namespace tutornet::activity {
namespace {

using projections::Rows;

// 20 digits, so that keys sort by position.
std::string Pos(uint64_t position) {
  std::string out(20, '0');
  for (int i = 19; i >= 0 && position > 0; --i, position /= 10) {
    out[i] += position % 10;
  }
  return out;
}

std::string MonthOf(const v1::HourEntry& e) {
  return FormatMonth({e.date().year(), e.date().month()});
}

// Where a record sits in the indexes.
struct Placed {
  bool exists = false;
  std::string network, project, month;
  v1::HourStatus status = v1::HOUR_STATUS_UNSPECIFIED;
  int64_t minutes = 0;
  uint64_t submitted_at = 0;  // Position of the submission it waits on.
  std::string region, municipality, school;
  v1::WorkKind kind = v1::WORK_KIND_UNSPECIFIED;

  static Placed Of(const v1::HourRecord& r, uint64_t submitted_at) {
    if (r.version() == 0) return {};
    return {true,
            r.placement().network_id(),
            r.entry().project_id(),
            MonthOf(r.entry()),
            r.status(),
            r.entry().duration_minutes(),
            submitted_at,
            r.placement().region_id(),
            r.placement().municipality_id(),
            r.entry().school_id(),
            r.entry().kind()};
  }
  bool approved() const { return exists && status == v1::HOUR_STATUS_APPROVED; }
  // Whether this and `other` add the same to the month figures (Count).
  bool CountsAsIn(const Placed& other) const {
    if (!approved() || !other.approved()) {
      return approved() == other.approved();
    }
    return network == other.network && month == other.month &&
           municipality == other.municipality && school == other.school &&
           project == other.project && kind == other.kind &&
           minutes == other.minutes;
  }
  int64_t ApprovedIn(const std::string& p, const std::string& m) const {
    return exists && status == v1::HOUR_STATUS_APPROVED && project == p &&
                   month == m
               ? minutes
               : 0;
  }
};

uint64_t SubmittedAt(const v1::HourRecord& r) {
  for (auto it = r.history().rbegin(); it != r.history().rend(); ++it) {
    if (it->kind() == v1::HOUR_STEP_KIND_SUBMITTED) return it->position();
  }
  return 0;
}

bool Queued(const Placed& p) {
  return p.exists && p.status == v1::HOUR_STATUS_SUBMITTED;
}

// Moves the record's index rows from where `before` put them to where
// `after` does; most steps leave them where they are, and building their
// keys is most of the work, so keys are built only for rows that move.
void Reindex(const std::string& person, const std::string& record,
             const Placed& before, const Placed& after, Rows& rows) {
  auto month_key = [&](const Placed& p) {
    return absl::StrCat("t/", person, "/", p.month, "/", record);
  };
  auto queue_key = [&](const Placed& p) {
    return absl::StrCat("q/", p.network, "/", Pos(p.submitted_at), "/", person,
                        "/", record);
  };
  if (before.exists != after.exists || before.month != after.month) {
    if (before.exists) rows.Delete(month_key(before));
    if (after.exists) rows.Put(month_key(after), "");
  }
  // The project's month lists its records (its totals are the jt/ row's).
  if (before.exists != after.exists || before.month != after.month ||
      before.project != after.project) {
    if (before.exists) {
      rows.Delete(
          ProjectMonthKey(before.project, before.month, person, record));
    }
    if (after.exists) {
      rows.Put(ProjectMonthKey(after.project, after.month, person, record), "");
    }
  }
  if (Queued(before) != Queued(after) ||
      (Queued(before) && (before.network != after.network ||
                          before.submitted_at != after.submitted_at))) {
    if (Queued(before)) rows.Delete(queue_key(before));
    if (Queued(after)) rows.Put(queue_key(after), "");
  }
}

// Adds `sign` times `minutes` and one record to the entry of `key` in a
// list kept sorted by `key_of`: made when missing, dropped when its records
// fall to 0.
template <typename T, typename Key, typename KeyOf, typename Fill>
void AddTo(google::protobuf::RepeatedPtrField<T>& list, const Key& key,
           KeyOf key_of, Fill fill, int sign, int64_t minutes) {
  auto it = std::lower_bound(
      list.begin(), list.end(), key,
      [&](const T& entry, const Key& k) { return key_of(entry) < k; });
  const int at = static_cast<int>(it - list.begin());
  if (it == list.end() || key_of(*it) != key) {
    fill(*list.Add());
    std::rotate(list.begin() + at, list.end() - 1, list.end());
  }
  T& entry = list[at];
  entry.set_minutes(entry.minutes() + sign * minutes);
  entry.set_records(entry.records() + sign);
  if (entry.records() == 0) list.DeleteSubrange(at, 1);
}

// The list of its project's month totals (jt/) a record adds to.
enum class Tally { kNone, kApproved, kPending };

Tally TallyOf(const Placed& p) {
  if (!p.exists) return Tally::kNone;
  switch (p.status) {
    case v1::HOUR_STATUS_APPROVED:
      return Tally::kApproved;
    case v1::HOUR_STATUS_LOGGED:
    case v1::HOUR_STATUS_SUBMITTED:
    case v1::HOUR_STATUS_RETURNED:
      return Tally::kPending;
    default:
      return Tally::kNone;
  }
}

// Whether this and `other` add the same to the project's month totals.
bool TalliesAs(const Placed& a, const Placed& b) {
  const Tally t = TallyOf(a);
  return t == TallyOf(b) &&
         (t == Tally::kNone || (a.project == b.project && a.month == b.month &&
                                a.minutes == b.minutes));
}

// Adds `sign` times the record to its project's month totals by person.
absl::Status Total(const std::string& person, const Placed& p, int sign,
                   Rows& rows) {
  const Tally tally = TallyOf(p);
  if (tally == Tally::kNone) return absl::OkStatus();
  const std::string key = ProjectMonthTotalsKey(p.project, p.month);
  ASSIGN_OR_RETURN(v1::ProjectMonthTotals * row,
                   rows.Mutable<v1::ProjectMonthTotals>(key));
  AddTo(
      tally == Tally::kApproved ? *row->mutable_approved()
                                : *row->mutable_pending(),
      person,
      [](const v1::PersonMinutes& e) -> const std::string& {
        return e.person_id();
      },
      [&](v1::PersonMinutes& e) { e.set_person_id(person); }, sign, p.minutes);
  if (row->approved().empty() && row->pending().empty()) rows.Delete(key);
  return absl::OkStatus();
}

// Adds `sign` times the record's approved minutes to the month's figures
// of its place, by kind and by person (kHoursByPlace), and to its person's
// and school's month (hm/, hs/).
absl::Status Count(const std::string& person, const Placed& p, int sign,
                   Rows& rows) {
  if (!p.approved()) return absl::OkStatus();
  const std::string key =
      absl::StrCat(kHoursByPlace, p.network, "/", p.municipality, "/", p.month,
                   "/", p.project);
  ASSIGN_OR_RETURN(v1::PlaceMonthHours * row,
                   rows.Mutable<v1::PlaceMonthHours>(key));
  v1::PlaceMonthHours& h = *row;
  AddTo(
      *h.mutable_kinds(), static_cast<int>(p.kind),
      [](const v1::PlaceMonthHours::Kind& e) {
        return static_cast<int>(e.kind());
      },
      [&](v1::PlaceMonthHours::Kind& e) { e.set_kind(p.kind); }, sign,
      p.minutes);
  AddTo(
      *h.mutable_tutors(), person,
      [](const v1::PersonMinutes& e) -> const std::string& {
        return e.person_id();
      },
      [&](v1::PersonMinutes& e) { e.set_person_id(person); }, sign, p.minutes);
  if (h.kinds().empty()) rows.Delete(key);
  // The person's and the school's month by kind (plan against actual).
  const int k = static_cast<int>(p.kind);
  const std::string kind = absl::StrCat(k < 10 ? "0" : "", k);
  for (const std::string& minutes_key :
       {PersonMinutesKey(p.network, person, p.month, p.school, kind),
        SchoolMinutesKey(p.network, p.school, p.month, kind)}) {
    ASSIGN_OR_RETURN(v1::MinutesRow * total,
                     rows.Mutable<v1::MinutesRow>(minutes_key));
    total->set_minutes(total->minutes() + sign * p.minutes);
    if (total->minutes() == 0) rows.Delete(minutes_key);
  }
  return absl::OkStatus();
}

// Fills the step's common parts and applies the event to the record.
template <typename E>
void Correcting(const E& e, v1::HourStep* step) {
  *step->mutable_corrects() = e.corrects();
  step->set_correction_reason(e.correction_reason());
}

absl::Status ApplyHours(const storage::RecordedEvent& recorded,
                        const v1::HoursEvent& event, Rows& rows) {
  v1::HourStep step;
  step.set_actor(recorded.metadata.actor);
  step.set_recorded_at_unix_micros(absl::ToUnixMicros(recorded.recorded_at));
  step.set_position(recorded.position);
  std::string person, record;
  auto name = [&](const auto& e) {
    person = e.person_id();
    record = e.record_id();
    Correcting(e, &step);
  };
  switch (event.event_case()) {
    case v1::HoursEvent::kLogged:
      name(event.logged());
      break;
    case v1::HoursEvent::kSubmitted:
      name(event.submitted());
      break;
    case v1::HoursEvent::kApproved:
      name(event.approved());
      break;
    case v1::HoursEvent::kReturned:
      name(event.returned());
      break;
    case v1::HoursEvent::kAmended:
      name(event.amended());
      break;
    case v1::HoursEvent::kVoided:
      name(event.voided());
      break;
    case v1::HoursEvent::EVENT_NOT_SET:
      return absl::OkStatus();
  }
  const std::string key = HourRecordKey(person, record);
  // A logged record is new (the decider refuses a record id in use), so it
  // is not looked up: in a rebuild, misses are the costliest reads.
  v1::HourRecord* held = nullptr;
  if (event.event_case() == v1::HoursEvent::kLogged) {
    held = rows.Fresh<v1::HourRecord>(key);
  } else {
    ASSIGN_OR_RETURN(held, rows.Mutable<v1::HourRecord>(key));
  }
  v1::HourRecord& r = *held;  // Changed in place: the row's new value.
  const Placed before = Placed::Of(r, SubmittedAt(r));
  r.set_person_id(person);
  r.set_record_id(record);
  switch (event.event_case()) {
    case v1::HoursEvent::kLogged:
      step.set_kind(v1::HOUR_STEP_KIND_LOGGED);
      *step.mutable_entry() = event.logged().entry();
      *step.mutable_placement() = event.logged().placement();
      r.set_version(1);
      *r.mutable_entry() = event.logged().entry();
      *r.mutable_placement() = event.logged().placement();
      r.set_status(v1::HOUR_STATUS_LOGGED);
      break;
    case v1::HoursEvent::kSubmitted:
      step.set_kind(v1::HOUR_STEP_KIND_SUBMITTED);
      r.set_status(v1::HOUR_STATUS_SUBMITTED);
      break;
    case v1::HoursEvent::kApproved:
      step.set_kind(v1::HOUR_STEP_KIND_APPROVED);
      r.set_status(v1::HOUR_STATUS_APPROVED);
      break;
    case v1::HoursEvent::kReturned:
      step.set_kind(v1::HOUR_STEP_KIND_RETURNED);
      step.set_reason(event.returned().comment());
      r.set_status(v1::HOUR_STATUS_RETURNED);
      r.set_last_comment(event.returned().comment());
      break;
    case v1::HoursEvent::kAmended:
      step.set_kind(v1::HOUR_STEP_KIND_AMENDED);
      *step.mutable_entry() = event.amended().entry();
      *step.mutable_placement() = event.amended().placement();
      step.set_reason(event.amended().reason());
      r.set_version(event.amended().version());
      *r.mutable_entry() = event.amended().entry();
      *r.mutable_placement() = event.amended().placement();
      break;
    case v1::HoursEvent::kVoided:
      step.set_kind(v1::HOUR_STEP_KIND_VOIDED);
      step.set_reason(event.voided().reason());
      r.set_status(v1::HOUR_STATUS_VOIDED);
      break;
    case v1::HoursEvent::EVENT_NOT_SET:
      break;
  }
  step.set_version(r.version());
  *r.add_history() = step;
  const Placed after = Placed::Of(r, step.kind() == v1::HOUR_STEP_KIND_SUBMITTED
                                         ? recorded.position
                                         : before.submitted_at);
  Reindex(person, record, before, after, rows);
  if (!TalliesAs(before, after)) {
    RETURN_IF_ERROR(Total(person, before, -1, rows));
    RETURN_IF_ERROR(Total(person, after, +1, rows));
  }
  if (!before.CountsAsIn(after)) {  // Most steps leave the figures alone.
    RETURN_IF_ERROR(Count(person, before, -1, rows));
    RETURN_IF_ERROR(Count(person, after, +1, rows));
  }
  for (const v1::ClosedMonth& c : step.corrects()) {
    const std::string month = FormatMonth(ToMonthKey(c.month()));
    v1::MonthCorrection correction;
    correction.set_person_id(person);
    correction.set_record_id(record);
    *correction.mutable_step() = step;
    correction.set_approved_minutes_delta(
        after.ApprovedIn(c.project_id(), month) -
        before.ApprovedIn(c.project_id(), month));
    rows.PutMessage(
        absl::StrCat("x/", c.project_id(), "/", month, "/",
                     Pos(recorded.position), "/", person, "/", record),
        correction);
  }
  return absl::OkStatus();
}

absl::Status ApplyProject(const v1::ProjectEvent& event, Rows& rows) {
  switch (event.event_case()) {
    case v1::ProjectEvent::kCreated: {
      const v1::CreateFundedProject& p = event.created().project();
      v1::FundedProject f;
      *f.mutable_project() = p;
      rows.PutMessage(absl::StrCat("f/", p.project_id()), f);
      rows.Put(absl::StrCat("fn/", p.network_id(), "/", p.project_id()), "");
      return absl::OkStatus();
    }
    case v1::ProjectEvent::kClosed: {
      const std::string key = absl::StrCat("f/", event.closed().project_id());
      ASSIGN_OR_RETURN(std::optional<v1::FundedProject> f,
                       rows.GetMessage<v1::FundedProject>(key));
      if (!f.has_value()) return absl::OkStatus();
      f->set_closed(true);
      f->set_closing_reason(event.closed().reason());
      rows.PutMessage(key, *f);
      return absl::OkStatus();
    }
    case v1::ProjectEvent::kMonthClosed: {
      const v1::MonthClosed& m = event.month_closed();
      const std::string key = absl::StrCat("f/", m.project_id());
      ASSIGN_OR_RETURN(std::optional<v1::FundedProject> f,
                       rows.GetMessage<v1::FundedProject>(key));
      if (f.has_value()) {
        *f->add_closed_months() = m.month();
        rows.PutMessage(key, *f);
      }
      rows.PutMessage(absl::StrCat("c/", m.project_id(), "/",
                                   FormatMonth(ToMonthKey(m.month()))),
                      m);
      return absl::OkStatus();
    }
    case v1::ProjectEvent::EVENT_NOT_SET:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status HoursProjection::Apply(absl::string_view,
                                    const storage::RecordedEvent& recorded,
                                    Rows& rows) const {
  if (absl::StartsWith(recorded.stream, "tutor-")) {
    v1::HoursEvent event;
    if (!event.ParseFromString(recorded.payload)) {
      return absl::DataLossError(absl::StrCat("the event at position ",
                                              recorded.position,
                                              " is not an hours event"));
    }
    return ApplyHours(recorded, event, rows);
  }
  if (absl::StartsWith(recorded.stream, "project-")) {
    v1::ProjectEvent event;
    if (!event.ParseFromString(recorded.payload)) {
      return absl::DataLossError(absl::StrCat("the event at position ",
                                              recorded.position,
                                              " is not a project event"));
    }
    return ApplyProject(event, rows);
  }
  return absl::OkStatus();
}

}  // namespace tutornet::activity
