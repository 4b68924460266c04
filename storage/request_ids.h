// Idempotency by request id: the digest that tells a retry from a different
// append, and the compaction filter that forgets old request ids.
#ifndef TUTORNET_STORAGE_REQUEST_IDS_H_
#define TUTORNET_STORAGE_REQUEST_IDS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "storage/event.h"

namespace rocksdb {
class CompactionFilter;
}

namespace tutornet::storage {

// SHA-256 over everything the caller said: stream, expected version, and
// each event's type, payload and metadata, each length-prefixed so that no
// two different appends share an encoding. Pure; thread-safe.
std::string AppendDigest(absl::string_view stream, ExpectedVersion expected,
                         absl::Span<const NewEvent> events);

// True if a request recorded at `recorded_at` is past its retention at `now`.
bool RequestExpired(absl::Time recorded_at, absl::Time now,
                    absl::Duration retention);

// Drops RequestRecords past `retention` during compaction. Thread-safe.
std::unique_ptr<rocksdb::CompactionFilter> NewExpiredRequestFilter(
    absl::Duration retention, std::function<absl::Time()> clock);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_REQUEST_IDS_H_
