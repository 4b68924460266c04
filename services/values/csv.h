// A field of a CSV file for spreadsheets, written one way everywhere the
// system writes CSV (month reports, dashboards, evaluations).
#ifndef TUTORNET_SERVICES_VALUES_CSV_H_
#define TUTORNET_SERVICES_VALUES_CSV_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tutornet::values {

// Text that a spreadsheet would run as a formula (it starts with = + - @,
// a tab or a carriage return and is not a plain number such as -15 or
// -2.5: -2-3 is not) gets
// a leading apostrophe; then the field is quoted as RFC 4180 says when it
// holds a comma, a quote or a line break.
std::string CsvField(absl::string_view text);

}  // namespace tutornet::values

#endif  // TUTORNET_SERVICES_VALUES_CSV_H_
