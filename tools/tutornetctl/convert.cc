#include "tools/tutornetctl/convert.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace tutornet::ctl {

absl::Status FromGrpc(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      s.error_message());
}

std::string DisplayName(const v1::LocalizedText& t) {
  return !t.fi().empty() ? t.fi() : !t.sv().empty() ? t.sv() : t.en();
}

absl::StatusOr<v1::Date> ParseDate(const std::string& field,
                                   const std::string& text) {
  // Exactly YYYY-MM-DD: four, two and two digits.
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::all_of(text.begin(), text.end(), [](char c) {
                        return absl::ascii_isdigit(c) || c == '-';
                      });
  int y = 0, m = 0, d = 0;
  if (!shaped || !absl::SimpleAtoi(text.substr(0, 4), &y) ||
      !absl::SimpleAtoi(text.substr(5, 2), &m) ||
      !absl::SimpleAtoi(text.substr(8, 2), &d)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" is not YYYY-MM-DD"));
  }
  v1::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

std::string Clock(int minute) {
  return absl::StrFormat("%02d:%02d", minute / 60, minute % 60);
}

std::string DateText(const v1::Date& d) {
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::string SchoolYearText(int school_year) {
  return absl::StrFormat("%d-%02d", school_year, (school_year + 1) % 100);
}

std::string Lower(absl::string_view enum_name, absl::string_view prefix) {
  absl::ConsumePrefix(&enum_name, prefix);
  return absl::AsciiStrToLower(enum_name);
}

}  // namespace tutornet::ctl
