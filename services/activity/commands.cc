#include "services/activity/commands.h"

#include "absl/strings/str_format.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::activity {
namespace {

using values::Invalid;
using values::ValidateId;

constexpr int kMinutesPerDay = 24 * 60;
constexpr int kMaxTeachersReached = 10000;

}  // namespace

const std::string& PersonOf(const v1::HoursCommand& c) {
  return OnStep(c, [](const auto& step) -> const std::string& {
    return step.person_id();
  });
}

const std::string& RecordOf(const v1::HoursCommand& c) {
  return OnStep(c, [](const auto& step) -> const std::string& {
    return step.record_id();
  });
}

const v1::HourEntry* EntryOf(const v1::HoursCommand& c) {
  if (c.has_log()) return &c.log().entry();
  if (c.has_amend()) return &c.amend().entry();
  return nullptr;
}

const v1::Correction* CorrectionOf(const v1::HoursCommand& c) {
  return OnStep(c, [](const auto& step) -> const v1::Correction* {
    return step.has_correction() ? &step.correction() : nullptr;
  });
}

const std::string& ProjectIdOf(const v1::ProjectCommand& c) {
  switch (c.command_case()) {
    case v1::ProjectCommand::kCreate:
      return c.create().project_id();
    case v1::ProjectCommand::kClose:
      return c.close().project_id();
    case v1::ProjectCommand::kCloseMonth:
      return c.close_month().project_id();
    case v1::ProjectCommand::COMMAND_NOT_SET:
      break;
  }
  return c.create().project_id();  // Empty.
}

std::string FormatMonth(MonthKey month) {
  const auto [year, number] = month;
  if (year < 0 || year > 9999 || number < 0 || number > 99) {
    return absl::StrFormat("%04d-%02d", year, number);
  }
  // By hand: the activity projection formats two months an event.
  std::string out = "0000-00";
  for (int i = 3, y = year; i >= 0; --i, y /= 10) out[i] += y % 10;
  out[5] += number / 10;
  out[6] += number % 10;
  return out;
}

MonthKey ToMonthKey(const v1::Month& month) {
  return {month.year(), month.month()};
}

absl::Status ValidateMonth(absl::string_view field, const v1::Month& month) {
  if (month.year() < 2000 || month.year() > 2199 || month.month() < 1 ||
      month.month() > 12) {
    return Invalid(field, "is not a month of 2000-2199");
  }
  return absl::OkStatus();
}

absl::Status ValidateEntry(const v1::HourEntry& e, absl::CivilDay today) {
  RETURN_IF_ERROR(values::ValidateDate("entry.date", e.date()));
  if (values::ToCivilDay(e.date()) > today) {
    return Invalid("entry.date", "is in the future");
  }
  if (e.start_minute() < 0 || e.start_minute() >= kMinutesPerDay) {
    return Invalid("entry.start_minute", "must be 0-1439 (00:00-23:59)");
  }
  if (e.duration_minutes() < 1 ||
      e.duration_minutes() > kMinutesPerDay - e.start_minute()) {
    return Invalid("entry.duration_minutes",
                   "must be at least 1 and end the record by midnight");
  }
  RETURN_IF_ERROR(ValidateId("entry.school_id", e.school_id()));
  RETURN_IF_ERROR(ValidateId("entry.project_id", e.project_id()));
  if (e.kind() == v1::WORK_KIND_UNSPECIFIED ||
      !v1::WorkKind_IsValid(e.kind())) {
    return Invalid("entry.kind", "must be one of the kinds of work");
  }
  if (e.kind() == v1::WORK_KIND_OTHER) {
    RETURN_IF_ERROR(values::ValidateLabel("entry.other_kind", e.other_kind()));
  } else if (!e.other_kind().empty()) {
    return Invalid("entry.other_kind", "is only for WORK_KIND_OTHER");
  }
  RETURN_IF_ERROR(values::ValidateLabel("entry.theme", e.theme()));
  if (e.teachers_reached() < 0 || e.teachers_reached() > kMaxTeachersReached) {
    return Invalid("entry.teachers_reached", "must be 0-10000");
  }
  return values::ValidateNote("entry.note", e.note(), kMaxNoteBytes);
}

}  // namespace tutornet::activity
