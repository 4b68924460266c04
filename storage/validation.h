// The rules for names and sizes the event log accepts.
//
// Stream ids: 1 to 200 bytes of ASCII letters, digits and - _ . : @,
//   starting with a letter or digit ("tutor-42", "region:ks-3").
// Event types: 1 to 128 bytes of ASCII letters, digits, _ and .,
//   starting with a letter ("tutornet.v1.SchoolRegistered").
// Request ids: empty (no idempotency) or 1 to 128 bytes of printable ASCII
//   without spaces (0x21-0x7e).
// Actor, correlation and causation ids: at most 256 bytes, no control
//   characters (bytes below 0x20 and 0x7f).
// Payload: at most EventLogOptions::max_payload_bytes (default 1 MiB).
// Schema version: at least 1. occurred_at: not before the Unix epoch.
//
// Every function is pure and thread-safe. Errors are INVALID_ARGUMENT and
// name the offending field, e.g. "events[2].type: must start with a letter".
#ifndef TUTORNET_STORAGE_VALIDATION_H_
#define TUTORNET_STORAGE_VALIDATION_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "storage/event.h"

namespace tutornet::storage {

inline constexpr size_t kMaxStreamIdBytes = 200;
inline constexpr size_t kMaxEventTypeBytes = 128;
inline constexpr size_t kMaxRequestIdBytes = 128;
inline constexpr size_t kMaxMetadataIdBytes = 256;

absl::Status ValidateStreamId(absl::string_view stream);
absl::Status ValidateEventType(absl::string_view field, absl::string_view type);
absl::Status ValidateRequestId(absl::string_view request_id);

struct AppendLimits {
  size_t max_payload_bytes;
  size_t max_events_per_append;
  size_t max_append_bytes;
};

// Checks a whole append before anything is written.
absl::Status ValidateAppend(absl::string_view stream,
                            absl::Span<const NewEvent> events,
                            absl::string_view request_id,
                            const AppendLimits& limits);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_VALIDATION_H_
