#include "services/projections/position_token.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tutornet::projections {

std::string FormatPositionToken(absl::string_view log, uint64_t position) {
  return absl::StrCat(log, ":", position);
}

absl::StatusOr<PositionToken> ParsePositionToken(absl::string_view token) {
  const absl::Status bad = absl::InvalidArgumentError(
      "position_tokens: not a token this server issued");
  const size_t colon = token.find(':');
  if (colon == absl::string_view::npos || colon == 0 || colon > 32) return bad;
  const absl::string_view log = token.substr(0, colon);
  const absl::string_view digits = token.substr(colon + 1);
  for (char c : log) {
    if (c < 'a' || c > 'z') return bad;
  }
  if (digits.empty() || digits.size() > 20 ||
      (digits.size() > 1 && digits[0] == '0')) {
    return bad;
  }
  for (char c : digits) {
    if (!absl::ascii_isdigit(c)) return bad;
  }
  PositionToken parsed{std::string(log), 0};
  if (!absl::SimpleAtoi(digits, &parsed.position)) return bad;
  return parsed;
}

}  // namespace tutornet::projections
