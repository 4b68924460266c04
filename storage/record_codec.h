// Conversion between RecordedEvent and its stored form (record.proto).
// Pure functions; thread-safe.
#ifndef TUTORNET_STORAGE_RECORD_CODEC_H_
#define TUTORNET_STORAGE_RECORD_CODEC_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/event.h"

namespace tutornet::storage {

std::string EncodeRecord(const RecordedEvent& event);

// DATA_LOSS if `bytes` is not a stored record.
absl::StatusOr<RecordedEvent> DecodeRecord(uint64_t position,
                                           absl::string_view bytes);

class StoredRecord;

// Decodes records one after another into the same RecordedEvent, reusing
// its strings' storage: no allocation per record once warmed up. For scans.
// Not thread-safe; one decoder per scanning thread.
class RecordDecoder {
 public:
  RecordDecoder();
  ~RecordDecoder();
  RecordDecoder(const RecordDecoder&) = delete;
  RecordDecoder& operator=(const RecordDecoder&) = delete;

  // Overwrites every field of `out`. DATA_LOSS if `bytes` is not a record.
  absl::Status Decode(uint64_t position, absl::string_view bytes,
                      RecordedEvent& out);

 private:
  std::unique_ptr<StoredRecord> scratch_;
};

// Times are stored as Unix microseconds.
int64_t ToMicros(absl::Time t);
absl::Time FromMicros(int64_t micros);

}  // namespace tutornet::storage

#endif  // TUTORNET_STORAGE_RECORD_CODEC_H_
