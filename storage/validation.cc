#include "storage/validation.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tutornet::storage {
namespace {

// Quoted for an error message, cut so that a megabyte of garbage does not
// end up in a log line.
std::string Quote(absl::string_view value) {
  constexpr size_t kShown = 40;
  std::string shown(value.substr(0, kShown));
  return absl::StrFormat("%s%s", absl::CHexEscape(shown),
                         value.size() > kShown ? "..." : "");
}

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

bool IsStreamChar(char c) {
  return absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' ||
         c == ':' || c == '@';
}

bool IsTypeChar(char c) {
  return absl::ascii_isalnum(c) || c == '_' || c == '.';
}

absl::Status ValidateMetadataId(absl::string_view field, absl::string_view id) {
  if (id.size() > kMaxMetadataIdBytes) {
    return Invalid(
        field, absl::StrFormat("longer than %d bytes", kMaxMetadataIdBytes));
  }
  for (char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      return Invalid(field, absl::StrCat("contains a control character: \"",
                                         Quote(id), "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateEvent(size_t index, const NewEvent& event,
                           const AppendLimits& limits) {
  const std::string prefix = absl::StrCat("events[", index, "]");
  if (absl::Status s =
          ValidateEventType(absl::StrCat(prefix, ".type"), event.type);
      !s.ok()) {
    return s;
  }
  if (event.payload.size() > limits.max_payload_bytes) {
    return Invalid(
        absl::StrCat(prefix, ".payload"),
        absl::StrFormat("%d bytes is over the limit of %d bytes",
                        event.payload.size(), limits.max_payload_bytes));
  }
  const EventMetadata& m = event.metadata;
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string*>{"actor", &m.actor},
        {"correlation_id", &m.correlation_id},
        {"causation_id", &m.causation_id}}) {
    if (absl::Status s = ValidateMetadataId(
            absl::StrCat(prefix, ".metadata.", name), *value);
        !s.ok()) {
      return s;
    }
  }
  if (m.schema_version < 1) {
    return Invalid(absl::StrCat(prefix, ".metadata.schema_version"),
                   "must be at least 1");
  }
  if (m.occurred_at < absl::UnixEpoch() ||
      m.occurred_at == absl::InfiniteFuture()) {
    return Invalid(absl::StrCat(prefix, ".metadata.occurred_at"),
                   "must be a finite time not before 1970-01-01");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateStreamId(absl::string_view stream) {
  if (stream.empty()) return Invalid("stream", "must not be empty");
  if (stream.size() > kMaxStreamIdBytes) {
    return Invalid("stream",
                   absl::StrFormat("longer than %d bytes", kMaxStreamIdBytes));
  }
  if (!absl::ascii_isalnum(stream.front())) {
    return Invalid("stream",
                   absl::StrCat("must start with a letter or digit: \"",
                                Quote(stream), "\""));
  }
  for (char c : stream) {
    if (!IsStreamChar(c)) {
      return Invalid(
          "stream",
          absl::StrCat("may hold only letters, digits and - _ . : @: \"",
                       Quote(stream), "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateEventType(absl::string_view field,
                               absl::string_view type) {
  if (type.empty()) return Invalid(field, "must not be empty");
  if (type.size() > kMaxEventTypeBytes) {
    return Invalid(field,
                   absl::StrFormat("longer than %d bytes", kMaxEventTypeBytes));
  }
  if (!absl::ascii_isalpha(type.front())) {
    return Invalid(
        field, absl::StrCat("must start with a letter: \"", Quote(type), "\""));
  }
  for (char c : type) {
    if (!IsTypeChar(c)) {
      return Invalid(field,
                     absl::StrCat("may hold only letters, digits, _ and .: \"",
                                  Quote(type), "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRequestId(absl::string_view request_id) {
  if (request_id.size() > kMaxRequestIdBytes) {
    return Invalid("request_id",
                   absl::StrFormat("longer than %d bytes", kMaxRequestIdBytes));
  }
  for (char c : request_id) {
    if (c < 0x21 || c > 0x7e) {
      return Invalid(
          "request_id",
          absl::StrCat("may hold only printable ASCII without spaces: \"",
                       Quote(request_id), "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateAppend(absl::string_view stream,
                            absl::Span<const NewEvent> events,
                            absl::string_view request_id,
                            const AppendLimits& limits) {
  if (absl::Status s = ValidateStreamId(stream); !s.ok()) return s;
  if (absl::Status s = ValidateRequestId(request_id); !s.ok()) return s;
  if (events.empty())
    return Invalid("events", "an append needs at least one event");
  if (events.size() > limits.max_events_per_append) {
    return Invalid(
        "events", absl::StrFormat("%d events is over the limit of %d",
                                  events.size(), limits.max_events_per_append));
  }
  size_t total = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    if (absl::Status s = ValidateEvent(i, events[i], limits); !s.ok()) return s;
    total += events[i].payload.size();
  }
  if (total > limits.max_append_bytes) {
    return Invalid("events",
                   absl::StrFormat("%d payload bytes is over the limit of %d",
                                   total, limits.max_append_bytes));
  }
  return absl::OkStatus();
}

}  // namespace tutornet::storage
