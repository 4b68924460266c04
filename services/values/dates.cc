#include "services/values/dates.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/values/text.h"

namespace tutornet::values {

absl::Status ValidateDate(absl::string_view field, const v1::Date& date) {
  if (date.year() < 2000 || date.year() > 2199) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": the year ", date.year(), " is not between 2000 and 2199"));
  }
  const absl::CivilDay day(date.year(), date.month(), date.day());
  // CivilDay normalises 2023-02-30 to 2023-03-02: a real date survives.
  if (day.year() != date.year() || day.month() != date.month() ||
      day.day() != date.day()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", FormatDate(date), " is not a day of the calendar"));
  }
  return absl::OkStatus();
}

absl::CivilDay ToCivilDay(const v1::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

v1::Date FromCivilDay(absl::CivilDay day) {
  v1::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

namespace {

const absl::TimeZone& Finland() {
  static const absl::TimeZone* finland = [] {
    auto* zone = new absl::TimeZone(absl::FixedTimeZone(2 * 60 * 60));
    absl::LoadTimeZone("Europe/Helsinki", zone);
    return zone;
  }();
  return *finland;
}

}  // namespace

absl::CivilDay FinnishDay(absl::Time now) {
  return absl::ToCivilDay(now, Finland());
}

int SchoolYearOf(absl::CivilDay day) {
  const int year = static_cast<int>(day.year());
  return day.month() >= 8 ? year : year - 1;
}

absl::CivilMinute FinnishMinute(absl::Time now) {
  return absl::ToCivilMinute(now, Finland());
}

absl::Time FromFinnishMinute(absl::CivilMinute minute) {
  return absl::FromCivil(minute, Finland());
}

std::string FormatDate(const v1::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(),
                         date.day());
}

std::string FormatUtc(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone());
}

absl::Status ValidateCompetenceLevel(absl::string_view field,
                                     v1::CompetenceLevel level) {
  if (level < v1::COMPETENCE_LEVEL_BASIC ||
      level > v1::COMPETENCE_LEVEL_DEVELOPER) {
    return Invalid(field, "must be 1 basic, 2 advanced or 3 developer");
  }
  return absl::OkStatus();
}

}  // namespace tutornet::values
