// What an activity command names and the values it carries: the person,
// record, entry and correction of an hours command (one visitor over its
// oneof), the project of a project command, and the checks of an entry
// and a month. Pure; thread-safe.
#ifndef TUTORNET_SERVICES_ACTIVITY_COMMANDS_H_
#define TUTORNET_SERVICES_ACTIVITY_COMMANDS_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/activity/state.h"
#include "tutornet/v1/activity.pb.h"

namespace tutornet::activity {

// Notes, comments and reasons: at most this many bytes.
inline constexpr size_t kMaxNoteBytes = 2000;

// Calls `visit` with the step an hours command carries (LogHours,
// SubmitHours, ...) and returns what it returns; an empty LogHours when
// none is set.
template <typename Visit>
decltype(auto) OnStep(const v1::HoursCommand& c, Visit visit) {
  switch (c.command_case()) {
    case v1::HoursCommand::kSubmit:
      return visit(c.submit());
    case v1::HoursCommand::kApprove:
      return visit(c.approve());
    case v1::HoursCommand::kReturn:
      return visit(c.return_());
    case v1::HoursCommand::kAmend:
      return visit(c.amend());
    case v1::HoursCommand::kVoid:
      return visit(c.void_());
    case v1::HoursCommand::kLog:
    case v1::HoursCommand::COMMAND_NOT_SET:
      break;
  }
  return visit(c.log());
}

const std::string& PersonOf(const v1::HoursCommand& command);
const std::string& RecordOf(const v1::HoursCommand& command);
// Log and amend: the entry; nullptr for the other steps.
const v1::HourEntry* EntryOf(const v1::HoursCommand& command);
// The correction the command names, or nullptr.
const v1::Correction* CorrectionOf(const v1::HoursCommand& command);
const std::string& ProjectIdOf(const v1::ProjectCommand& command);

// INVALID_ARGUMENT naming the field unless `entry` is well formed and its
// day is not after `today`.
absl::Status ValidateEntry(const v1::HourEntry& entry, absl::CivilDay today);
// INVALID_ARGUMENT naming `field` unless `month` is a month of 2000-2199.
absl::Status ValidateMonth(absl::string_view field, const v1::Month& month);
// "2026-10".
std::string FormatMonth(MonthKey month);
MonthKey ToMonthKey(const v1::Month& month);

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_COMMANDS_H_
