// Conversion between RecordedEvent and its stored form (record.proto).
// Pure functions; thread-safe.
#ifndef TUTORNET_STORAGE_RECORD_CODEC_H_
#define TUTORNET_STORAGE_RECORD_CODEC_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "storage/event.h"

namespace tutornet::storage {

std::string EncodeRecord(const RecordedEvent& event);

// DATA_LOSS if `bytes` is not a stored record.
absl::StatusOr<RecordedEvent> DecodeRecord(uint64_t position, absl::string_view bytes);

// Times are stored as Unix microseconds.
int64_t ToMicros(absl::Time t);
absl::Time FromMicros(int64_t micros);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_RECORD_CODEC_H_
