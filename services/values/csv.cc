#include "services/values/csv.h"

#include "absl/strings/str_cat.h"

namespace tutornet::values {

std::string CsvField(absl::string_view text) {
  std::string field;
  const bool formula_like =
      !text.empty() &&
      absl::string_view("=+-@\t\r").find(text.front()) !=
          absl::string_view::npos &&
      text.find_first_not_of("-0123456789.") != absl::string_view::npos;
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
