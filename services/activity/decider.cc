#include "services/activity/decider.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::activity {
namespace {

using values::Invalid;
using values::ValidateId;

constexpr int kMaxScopeIds = 1000;
// Every version stays in the record's history: a record amended this often
// is voided and logged anew.
constexpr int kMaxVersions = 100;

absl::Status Precondition(absl::string_view field, absl::string_view why) {
  return absl::FailedPreconditionError(absl::StrCat(field, ": ", why));
}

std::string Clock(int minute) {
  return absl::StrFormat("%02d:%02d", minute / 60, minute % 60);
}

template <typename Ids, typename Id>
bool Has(const Ids& ids, const Id& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

absl::Status ValidateProjectDefinition(const v1::CreateFundedProject& p,
                                       const ProjectState& state) {
  RETURN_IF_ERROR(ValidateId("project_id", p.project_id()));
  RETURN_IF_ERROR(ValidateId("network_id", p.network_id()));
  RETURN_IF_ERROR(values::ValidateName("name", p.name()));
  if (p.funder().kind() == v1::FUNDER_KIND_UNSPECIFIED ||
      !v1::FunderKind_IsValid(p.funder().kind())) {
    return Invalid("funder.kind", "must be one of the funder kinds");
  }
  RETURN_IF_ERROR(values::ValidateLabel("funder.name", p.funder().name()));
  if (!p.funder().grant_call().empty()) {
    RETURN_IF_ERROR(
        values::ValidateText("funder.grant_call", p.funder().grant_call()));
  }
  if (!p.funder().decision_number().empty()) {
    RETURN_IF_ERROR(values::ValidateText("funder.decision_number",
                                         p.funder().decision_number()));
  }
  RETURN_IF_ERROR(values::ValidateDate("start", p.start()));
  RETURN_IF_ERROR(values::ValidateDate("end", p.end()));
  if (values::ToCivilDay(p.end()) < values::ToCivilDay(p.start())) {
    return Invalid("end", "is before start");
  }
  if (p.region_ids_size() + p.school_ids_size() > kMaxScopeIds) {
    return Invalid("school_ids",
                   "region_ids and school_ids name at most "
                   "1000 places together");
  }
  RETURN_IF_ERROR(values::ValidateIdList("region_ids", p.region_ids()));
  RETURN_IF_ERROR(values::ValidateIdList("school_ids", p.school_ids()));
  std::set<int> kinds;
  for (int kind : p.work_kinds()) {
    if (kind == v1::WORK_KIND_UNSPECIFIED || !v1::WorkKind_IsValid(kind)) {
      return Invalid("work_kinds", "holds a value that is not a kind of work");
    }
    if (!kinds.insert(kind).second) {
      return Invalid("work_kinds", "names a kind twice");
    }
  }
  if (state.exists) {
    return absl::AlreadyExistsError(absl::StrCat(
        "project_id: funded project \"", p.project_id(), "\" already exists"));
  }
  return absl::OkStatus();
}

absl::Status RequireProject(const ProjectState& state,
                            const std::string& project_id) {
  if (!state.exists) {
    return absl::NotFoundError(absl::StrCat("project_id: funded project \"",
                                            project_id, "\" does not exist"));
  }
  return absl::OkStatus();
}

absl::Status RequireOpenProject(absl::string_view field,
                                const ProjectState& state,
                                const std::string& project_id) {
  if (!state.exists) {
    return absl::NotFoundError(absl::StrCat(field, ": funded project \"",
                                            project_id, "\" does not exist"));
  }
  if (state.closed) {
    return Precondition(
        field, absl::StrCat("funded project \"", project_id, "\" is closed"));
  }
  return absl::OkStatus();
}

// The project's rules for an entry: period, scope, kind of work; and the
// registry's: the school is open and the tutor appointed there that day.
absl::Status CheckEntryAgainstFacts(const std::string& person_id,
                                    const v1::HourEntry& entry,
                                    const HoursFacts& facts) {
  const auto it = facts.projects.find(entry.project_id());
  const ProjectState empty;
  const ProjectState& project = it == facts.projects.end() ? empty : it->second;
  RETURN_IF_ERROR(
      RequireOpenProject("entry.project_id", project, entry.project_id()));
  const v1::CreateFundedProject& p = project.definition;
  const absl::CivilDay day = values::ToCivilDay(entry.date());
  if (day < values::ToCivilDay(p.start()) ||
      day > values::ToCivilDay(p.end())) {
    return Precondition(
        "entry.date",
        absl::StrCat(values::FormatDate(entry.date()),
                     " is outside the period of funded project \"",
                     p.project_id(), "\" (", values::FormatDate(p.start()),
                     " to ", values::FormatDate(p.end()), ")"));
  }
  if (!p.work_kinds().empty() &&
      !Has(p.work_kinds(), static_cast<int>(entry.kind()))) {
    return Precondition(
        "entry.kind",
        absl::StrCat("funded project \"", p.project_id(),
                     "\" does not pay for ", v1::WorkKind_Name(entry.kind())));
  }
  const SchoolFacts& school = facts.school;
  if (!school.known) {
    return absl::NotFoundError(absl::StrCat(
        "entry.school_id: school \"", entry.school_id(),
        "\" is not registered in network \"", p.network_id(), "\""));
  }
  if (!school.open) {
    return Precondition(
        "entry.school_id",
        absl::StrCat("school \"", entry.school_id(), "\" is closed on ",
                     values::FormatDate(entry.date())));
  }
  const bool whole_network = p.region_ids().empty() && p.school_ids().empty();
  if (!whole_network && !Has(p.school_ids(), entry.school_id()) &&
      !Has(p.region_ids(), school.placement.region_id())) {
    return Precondition(
        "entry.school_id",
        absl::StrCat("school \"", entry.school_id(), "\" (region \"",
                     school.placement.region_id(), "\" on ",
                     values::FormatDate(entry.date()),
                     ") is outside the scope of funded project \"",
                     p.project_id(), "\""));
  }
  if (!school.appointed) {
    return Precondition(
        "entry.school_id",
        absl::StrCat("person \"", person_id,
                     "\" holds no tutor appointment covering school \"",
                     entry.school_id(), "\" on ",
                     values::FormatDate(entry.date())));
  }
  return absl::OkStatus();
}

// FAILED_PRECONDITION if the entry overlaps another live record of the
// tutor (`except` is the record being amended).
absl::Status CheckOverlap(const TutorState& state, const v1::HourEntry& entry,
                          const std::string& except) {
  const absl::CivilDay day = values::ToCivilDay(entry.date());
  const int start = entry.start_minute();
  const int end = start + entry.duration_minutes();
  for (const auto& [id, r] : state.records) {
    if (id == except || r.status == v1::HOUR_STATUS_VOIDED || r.day != day) {
      continue;
    }
    if (start < r.start_minute + r.duration_minutes && r.start_minute < end) {
      return Precondition(
          "entry.start_minute",
          absl::StrCat(Clock(start), "-", Clock(end), " on ",
                       values::FormatDate(entry.date()), " overlaps record \"",
                       id, "\" (", Clock(r.start_minute), "-",
                       Clock(r.start_minute + r.duration_minutes), ")"));
    }
  }
  return absl::OkStatus();
}

// The closed months a command touches: the record's month as it is and,
// for log and amend, the entry's month.
std::vector<v1::ClosedMonth> ClosedMonthsTouched(const RecordState* record,
                                                 const v1::HourEntry* entry,
                                                 const HoursFacts& facts) {
  std::set<std::pair<std::string, MonthKey>> touched;
  if (record != nullptr) touched.insert({record->project_id, record->month()});
  if (entry != nullptr) {
    touched.insert(
        {entry->project_id(), {entry->date().year(), entry->date().month()}});
  }
  std::vector<v1::ClosedMonth> closed;
  for (const auto& [project_id, month] : touched) {
    const auto it = facts.projects.find(project_id);
    if (it == facts.projects.end() || !it->second.closed_months.count(month)) {
      continue;
    }
    v1::ClosedMonth& c = closed.emplace_back();
    c.set_project_id(project_id);
    c.mutable_month()->set_year(month.first);
    c.mutable_month()->set_month(month.second);
  }
  return closed;
}

// Applies the closed-month rule; on success fills the event's `corrects`
// and `correction_reason` through `mark`.
template <typename Event>
absl::Status CheckCorrection(const RecordState* record,
                             const v1::HourEntry* entry,
                             const v1::Correction* correction,
                             const HoursFacts& facts, Event* event) {
  const std::vector<v1::ClosedMonth> closed =
      ClosedMonthsTouched(record, entry, facts);
  const bool asked = correction != nullptr &&
                     (correction->has_month() || !correction->reason().empty());
  if (closed.empty()) {
    if (asked) {
      return Precondition("correction",
                          "the record touches no closed month; send the "
                          "command without a correction");
    }
    return absl::OkStatus();
  }
  if (!asked) {
    return Precondition(
        "correction",
        absl::StrCat("month ", FormatMonth(ToMonthKey(closed.front().month())),
                     " of funded project \"", closed.front().project_id(),
                     "\" is closed: send this as a correction naming that "
                     "month, with a reason"));
  }
  RETURN_IF_ERROR(ValidateMonth("correction.month", correction->month()));
  RETURN_IF_ERROR(values::ValidateNote("correction.reason",
                                       correction->reason(), kMaxNoteBytes));
  if (correction->reason().empty()) {
    return Invalid("correction.reason", "is required");
  }
  const MonthKey named = ToMonthKey(correction->month());
  bool found = false;
  for (const v1::ClosedMonth& c : closed) {
    found = found || ToMonthKey(c.month()) == named;
  }
  if (!found) {
    return Precondition(
        "correction.month",
        absl::StrCat(FormatMonth(named),
                     " is not a closed month this command changes (it "
                     "changes ",
                     FormatMonth(ToMonthKey(closed.front().month())), ")"));
  }
  for (const v1::ClosedMonth& c : closed) *event->add_corrects() = c;
  event->set_correction_reason(correction->reason());
  return absl::OkStatus();
}

absl::StatusOr<const RecordState*> RequireRecord(const TutorState& state,
                                                 const std::string& person_id,
                                                 const std::string& record_id) {
  const auto it = state.records.find(record_id);
  if (it == state.records.end()) {
    return absl::NotFoundError(absl::StrCat("record_id: person \"", person_id,
                                            "\" has no hour record \"",
                                            record_id, "\""));
  }
  if (it->second.status == v1::HOUR_STATUS_VOIDED) {
    return Precondition("record_id",
                        absl::StrCat("hour record \"", record_id,
                                     "\" is voided and accepts nothing more"));
  }
  return &it->second;
}

absl::Status RequireStatus(const RecordState& r, const std::string& record_id,
                           v1::HourStatus wanted, absl::string_view step) {
  if (r.status == wanted) return absl::OkStatus();
  return Precondition(
      "record_id",
      absl::StrCat("hour record \"", record_id, "\" is ",
                   v1::HourStatus_Name(r.status), "; only a ",
                   v1::HourStatus_Name(wanted), " record can be ", step));
}

absl::Status ValidateReason(absl::string_view field, const std::string& text) {
  if (text.empty()) return Invalid(field, "is required");
  return values::ValidateNote(field, text, kMaxNoteBytes);
}

template <typename Event>
void Name(const std::string& person_id, const std::string& record_id,
          Event* e) {
  e->set_person_id(person_id);
  e->set_record_id(record_id);
}

absl::StatusOr<std::vector<v1::HoursEvent>> DecideLog(const TutorState& state,
                                                      const v1::LogHours& c,
                                                      const HoursFacts& facts) {
  RETURN_IF_ERROR(ValidateEntry(c.entry(), facts.today));
  if (state.records.count(c.record_id())) {
    return absl::AlreadyExistsError(
        absl::StrCat("record_id: person \"", c.person_id(),
                     "\" already has an hour record \"", c.record_id(), "\""));
  }
  RETURN_IF_ERROR(CheckEntryAgainstFacts(c.person_id(), c.entry(), facts));
  RETURN_IF_ERROR(CheckOverlap(state, c.entry(), c.record_id()));
  v1::HoursEvent event;
  v1::HoursLogged* e = event.mutable_logged();
  Name(c.person_id(), c.record_id(), e);
  *e->mutable_entry() = c.entry();
  *e->mutable_placement() = facts.school.placement;
  RETURN_IF_ERROR(CheckCorrection(
      nullptr, &c.entry(), c.has_correction() ? &c.correction() : nullptr,
      facts, e));
  return std::vector<v1::HoursEvent>{std::move(event)};
}

absl::StatusOr<std::vector<v1::HoursEvent>> DecideAmend(
    const TutorState& state, const v1::AmendHours& c, const HoursFacts& facts) {
  ASSIGN_OR_RETURN(const RecordState* r,
                   RequireRecord(state, c.person_id(), c.record_id()));
  if (r->status == v1::HOUR_STATUS_SUBMITTED) {
    // What a coordinator is reviewing does not change under them.
    return Precondition("record_id",
                        absl::StrCat("hour record \"", c.record_id(),
                                     "\" is submitted; a coordinator returns "
                                     "it for changes"));
  }
  if (r->version >= kMaxVersions) {
    return Precondition(
        "record_id",
        absl::StrCat("hour record \"", c.record_id(), "\" has ", kMaxVersions,
                     " versions; void it and log it anew"));
  }
  RETURN_IF_ERROR(ValidateEntry(c.entry(), facts.today));
  RETURN_IF_ERROR(ValidateReason("reason", c.reason()));
  RETURN_IF_ERROR(CheckEntryAgainstFacts(c.person_id(), c.entry(), facts));
  RETURN_IF_ERROR(CheckOverlap(state, c.entry(), c.record_id()));
  v1::HoursEvent event;
  v1::HoursAmended* e = event.mutable_amended();
  Name(c.person_id(), c.record_id(), e);
  *e->mutable_entry() = c.entry();
  *e->mutable_placement() = facts.school.placement;
  e->set_reason(c.reason());
  e->set_version(r->version + 1);
  RETURN_IF_ERROR(CheckCorrection(
      r, &c.entry(), c.has_correction() ? &c.correction() : nullptr, facts, e));
  return std::vector<v1::HoursEvent>{std::move(event)};
}

absl::StatusOr<std::vector<v1::HoursEvent>> DecideStep(
    const TutorState& state, const v1::HoursCommand& command,
    const HoursFacts& facts) {
  const std::string& person_id = PersonOf(command);
  const std::string& record_id = RecordOf(command);
  ASSIGN_OR_RETURN(const RecordState* r,
                   RequireRecord(state, person_id, record_id));
  const v1::Correction* correction = CorrectionOf(command);
  v1::HoursEvent event;
  switch (command.command_case()) {
    case v1::HoursCommand::kSubmit: {
      if (r->status == v1::HOUR_STATUS_RETURNED && !r->amended_since_return) {
        return Precondition("record_id",
                            absl::StrCat("hour record \"", record_id,
                                         "\" was returned; amend it before "
                                         "submitting it again"));
      }
      if (r->status != v1::HOUR_STATUS_RETURNED) {
        RETURN_IF_ERROR(
            RequireStatus(*r, record_id, v1::HOUR_STATUS_LOGGED, "submitted"));
      }
      Name(person_id, record_id, event.mutable_submitted());
      RETURN_IF_ERROR(CheckCorrection(r, nullptr, correction, facts,
                                      event.mutable_submitted()));
      break;
    }
    case v1::HoursCommand::kApprove:
      RETURN_IF_ERROR(
          RequireStatus(*r, record_id, v1::HOUR_STATUS_SUBMITTED, "approved"));
      Name(person_id, record_id, event.mutable_approved());
      RETURN_IF_ERROR(CheckCorrection(r, nullptr, correction, facts,
                                      event.mutable_approved()));
      break;
    case v1::HoursCommand::kReturn:
      RETURN_IF_ERROR(ValidateReason("comment", command.return_().comment()));
      RETURN_IF_ERROR(
          RequireStatus(*r, record_id, v1::HOUR_STATUS_SUBMITTED, "returned"));
      Name(person_id, record_id, event.mutable_returned());
      event.mutable_returned()->set_comment(command.return_().comment());
      RETURN_IF_ERROR(CheckCorrection(r, nullptr, correction, facts,
                                      event.mutable_returned()));
      break;
    case v1::HoursCommand::kVoid:
      RETURN_IF_ERROR(ValidateReason("reason", command.void_().reason()));
      Name(person_id, record_id, event.mutable_voided());
      event.mutable_voided()->set_reason(command.void_().reason());
      RETURN_IF_ERROR(CheckCorrection(r, nullptr, correction, facts,
                                      event.mutable_voided()));
      break;
    default:
      return Invalid("command", "is not set");
  }
  return std::vector<v1::HoursEvent>{std::move(event)};
}

}  // namespace

absl::StatusOr<std::vector<v1::ProjectEvent>> DecideProject(
    const ProjectState& state, const v1::ProjectCommand& command,
    absl::CivilDay today) {
  v1::ProjectEvent event;
  switch (command.command_case()) {
    case v1::ProjectCommand::kCreate:
      RETURN_IF_ERROR(ValidateProjectDefinition(command.create(), state));
      *event.mutable_created()->mutable_project() = command.create();
      break;
    case v1::ProjectCommand::kClose: {
      const v1::CloseFundedProject& c = command.close();
      RETURN_IF_ERROR(ValidateReason("reason", c.reason()));
      RETURN_IF_ERROR(RequireOpenProject("project_id", state, c.project_id()));
      event.mutable_closed()->set_project_id(c.project_id());
      event.mutable_closed()->set_reason(c.reason());
      break;
    }
    case v1::ProjectCommand::kCloseMonth: {
      const v1::CloseMonth& c = command.close_month();
      RETURN_IF_ERROR(ValidateMonth("month", c.month()));
      RETURN_IF_ERROR(RequireProject(state, c.project_id()));
      const MonthKey month = ToMonthKey(c.month());
      const v1::CreateFundedProject& p = state.definition;
      const absl::CivilMonth m(month.first, month.second);
      if (absl::CivilDay(m + 1) - 1 < values::ToCivilDay(p.start()) ||
          absl::CivilDay(m) > values::ToCivilDay(p.end())) {
        return Precondition("month", absl::StrCat(FormatMonth(month),
                                                  " is outside the period of "
                                                  "funded project \"",
                                                  p.project_id(), "\""));
      }
      if (absl::CivilDay(m + 1) > today) {
        return Precondition(
            "month", absl::StrCat(FormatMonth(month),
                                  " has not ended yet; close it from the "
                                  "first day of the next month"));
      }
      if (state.closed_months.count(month)) {
        return Precondition(
            "month", absl::StrCat(FormatMonth(month), " of funded project \"",
                                  p.project_id(), "\" is already closed"));
      }
      // The totals and the tree head are read by the context (context.h).
      event.mutable_month_closed()->set_project_id(c.project_id());
      *event.mutable_month_closed()->mutable_month() = c.month();
      break;
    }
    case v1::ProjectCommand::COMMAND_NOT_SET:
      return Invalid("command", "is not set");
  }
  return std::vector<v1::ProjectEvent>{std::move(event)};
}

absl::StatusOr<std::vector<v1::HoursEvent>> DecideHours(
    const TutorState& state, const v1::HoursCommand& command,
    const HoursFacts& facts) {
  switch (command.command_case()) {
    case v1::HoursCommand::kLog:
      return DecideLog(state, command.log(), facts);
    case v1::HoursCommand::kAmend:
      return DecideAmend(state, command.amend(), facts);
    case v1::HoursCommand::COMMAND_NOT_SET:
      return Invalid("command", "is not set");
    default:
      return DecideStep(state, command, facts);
  }
}

}  // namespace tutornet::activity
