// Value types of the event log: what a caller appends, what the log returns.
//
// The log stores opaque events: a type name, payload bytes and metadata. It
// knows nothing about what the payload means. All types here are plain values
// (copyable, no shared state), safe to use from any thread.
#ifndef TUTORNET_STORAGE_EVENT_H_
#define TUTORNET_STORAGE_EVENT_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace tutornet::storage {

// Who and why, as told by the caller. The log adds recorded_at itself.
struct EventMetadata {
  std::string actor;  // The acting principal, e.g. "person-17".
  absl::Time occurred_at = absl::UnixEpoch();  // When it happened, as told.
  std::string correlation_id;   // The conversation this event belongs to.
  std::string causation_id;     // The message that caused this event.
  uint32_t schema_version = 1;  // Version of the payload's schema.
};

// An event the caller wants to append.
struct NewEvent {
  std::string type;  // See validation.h for the rule.
  std::string
      payload;  // Opaque bytes, at most EventLogOptions::max_payload_bytes.
  EventMetadata metadata;
};

// An event as recorded in the log.
struct RecordedEvent {
  uint64_t position = 0;  // Global position in the log: 1, 2, 3, ...
  std::string stream;
  uint64_t stream_version = 0;  // 1 for a stream's first event.
  std::string type;
  std::string payload;
  EventMetadata metadata;
  absl::Time recorded_at;  // Set by the log; never decreases along the log.
  std::string request_id;  // The append that recorded it ("" if none).

  friend bool operator==(const RecordedEvent& a, const RecordedEvent& b);
};

// What an append must find before it writes. Stream versions count events:
// a stream that does not exist has version 0, its first event is version 1.
class ExpectedVersion {
 public:
  enum class Kind { kAny, kNoStream, kStreamExists, kExact };

  static ExpectedVersion Any() { return ExpectedVersion(Kind::kAny, 0); }
  static ExpectedVersion NoStream() {
    return ExpectedVersion(Kind::kNoStream, 0);
  }
  static ExpectedVersion StreamExists() {
    return ExpectedVersion(Kind::kStreamExists, 0);
  }
  // Exact(0) means the same as NoStream().
  static ExpectedVersion Exact(uint64_t version) {
    return ExpectedVersion(Kind::kExact, version);
  }

  Kind kind() const { return kind_; }
  uint64_t version() const { return version_; }  // Meaningful for kExact only.

  // True when a stream at `current` version satisfies this expectation.
  bool IsSatisfiedBy(uint64_t current) const;
  std::string ToString() const;

 private:
  ExpectedVersion(Kind kind, uint64_t version)
      : kind_(kind), version_(version) {}
  Kind kind_;
  uint64_t version_;
};

// The outcome of a successful append.
struct AppendResult {
  uint64_t first_position = 0;  // Position of the append's first event.
  uint64_t last_position = 0;   // Position of its last event.
  uint64_t stream_version = 0;  // The stream's version after the append.
  absl::Time recorded_at;
  bool deduplicated = false;  // True when a retry returned a first result.
  // What identified the request (EventLog::Append's request_digest, or the
  // digest of the content); set by LookupRequest only.
  std::string request_digest;

  friend bool operator==(const AppendResult& a, const AppendResult& b) {
    return a.first_position == b.first_position &&
           a.last_position == b.last_position &&
           a.stream_version == b.stream_version &&
           a.recorded_at == b.recorded_at;
  }
};

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_EVENT_H_
