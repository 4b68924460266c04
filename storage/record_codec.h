// The stored form of a record, which is also its canonical form: the bytes
// a Merkle leaf hashes (leaf hash = SHA-256(0x00 || record)). Written so that
// a verifier in any language can rebuild it from docs/STORAGE_FORMAT.md:
//
//   record := u8(1)                         format version
//             u64(position) u64(stream_version)
//             i64(recorded_at_micros) i64(occurred_at_micros)
//             u32(schema_version) str(stream) str(type) str(actor)
//             str(request_id) str(correlation_id) str(causation_id)
//             str(payload)
//   str    := u32(length) bytes             all integers big-endian
//
// Pure functions; thread-safe.
#ifndef TUTORNET_STORAGE_RECORD_CODEC_H_
#define TUTORNET_STORAGE_RECORD_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/event.h"

namespace tutornet::storage {

inline constexpr uint8_t kRecordFormatVersion = 1;

std::string EncodeRecord(const RecordedEvent& event);

// Decodes the record stored under `position`. DATA_LOSS if `bytes` is not a
// record or is the record of another position.
absl::StatusOr<RecordedEvent> DecodeRecord(uint64_t position,
                                           absl::string_view bytes);

// The same, into an existing event whose strings' storage is reused: no
// allocation per record in a scan once warmed up. Overwrites every field.
absl::Status DecodeRecordInto(uint64_t position, absl::string_view bytes,
                              RecordedEvent& out);

// Times are stored as Unix microseconds.
int64_t ToMicros(absl::Time t);
absl::Time FromMicros(int64_t micros);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_RECORD_CODEC_H_
