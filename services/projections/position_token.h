// Position tokens: what a command returns so that a later read can wait
// for the views it uses to include that write. A token names the log it
// comes from, since every service has its own log:
//
//   token := log_name ":" position      e.g. "registry:42"
//   log_name := [a-z]+                  position := 0 | [1-9][0-9]*  (<=
//   2^64-1)
//
// Clients treat tokens as opaque. Pure; thread-safe.
#ifndef TUTORNET_SERVICES_PROJECTIONS_POSITION_TOKEN_H_
#define TUTORNET_SERVICES_PROJECTIONS_POSITION_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tutornet::projections {

struct PositionToken {
  std::string log;
  uint64_t position = 0;
};

std::string FormatPositionToken(absl::string_view log, uint64_t position);

// INVALID_ARGUMENT "position_tokens: ..." unless `token` is exactly of the
// form above (no spaces, signs or leading zeros).
absl::StatusOr<PositionToken> ParsePositionToken(absl::string_view token);

}  // namespace tutornet::projections

#endif  // TUTORNET_SERVICES_PROJECTIONS_POSITION_TOKEN_H_
