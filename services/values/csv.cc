#include "services/values/csv.h"

#include "absl/strings/str_cat.h"

namespace tutornet::values {
namespace {

// -?digits(.digits)?: what a spreadsheet reads as a number, never a formula.
bool PlainNumber(absl::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  const size_t dot = text.find('.');
  const absl::string_view whole = text.substr(0, dot);
  const absl::string_view part =
      dot == absl::string_view::npos ? "x" : text.substr(dot + 1);
  const auto digits = [](absl::string_view t) {
    return !t.empty() &&
           t.find_first_not_of("0123456789") == absl::string_view::npos;
  };
  return digits(whole) && (dot == absl::string_view::npos || digits(part));
}

}  // namespace

std::string CsvField(absl::string_view text) {
  std::string field;
  const bool formula_like = !text.empty() &&
                            absl::string_view("=+-@\t\r").find(text.front()) !=
                                absl::string_view::npos &&
                            !PlainNumber(text);
  if (formula_like) field = "'";
  absl::StrAppend(&field, text);
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace tutornet::values
