// Calendar dates and times (tutornet.v1.Date), and the competence levels
// of common.proto: validation, conversion, today.
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_VALUES_DATES_H_
#define TUTORNET_SERVICES_VALUES_DATES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::values {

// INVALID_ARGUMENT naming `field` unless `date` is a real day in 2000-2199.
absl::Status ValidateDate(absl::string_view field, const v1::Date& date);

// Requires: ValidateDate(date) is OK.
absl::CivilDay ToCivilDay(const v1::Date& date);

v1::Date FromCivilDay(absl::CivilDay day);

// "2024-08-01".
std::string FormatDate(const v1::Date& date);

// The day it is at `now` in Finland (Europe/Helsinki; a fixed UTC+2 if the
// system has no time zone data): the day "today" means to every rule.
absl::CivilDay FinnishDay(absl::Time now);
// The school year `day` falls in, named by its autumn's year: from August
// on, the calendar year; before, the year before (2027-03-01 -> 2026, the
// school year 2026-27).
int SchoolYearOf(absl::CivilDay day);

// The minute it is at `now` in Finland, the same way; and back.
absl::CivilMinute FinnishMinute(absl::Time now);
absl::Time FromFinnishMinute(absl::CivilMinute minute);

// RFC 3339 in UTC to the second ("2026-11-02T10:00:00Z"): such strings
// sort as the times they name.
std::string FormatUtc(absl::Time time);

// A digital competence level: 1 basic, 2 advanced or 3 developer;
// INVALID_ARGUMENT naming `field` otherwise.
absl::Status ValidateCompetenceLevel(absl::string_view field,
                                     v1::CompetenceLevel level);

}  // namespace tutornet::values

#endif  // TUTORNET_SERVICES_VALUES_DATES_H_
