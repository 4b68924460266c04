#include "storage/record_codec.h"

#include "absl/strings/str_cat.h"
#include "storage/record.pb.h"

namespace tutornet::storage {

int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

std::string EncodeRecord(const RecordedEvent& event) {
  StoredRecord r;
  r.set_stream_id(event.stream);
  r.set_stream_version(event.stream_version);
  r.set_event_type(event.type);
  r.set_payload(event.payload);
  r.set_actor(event.metadata.actor);
  r.set_recorded_at_micros(ToMicros(event.recorded_at));
  r.set_occurred_at_micros(ToMicros(event.metadata.occurred_at));
  r.set_request_id(event.request_id);
  r.set_correlation_id(event.metadata.correlation_id);
  r.set_causation_id(event.metadata.causation_id);
  r.set_schema_version(event.metadata.schema_version);
  return r.SerializeAsString();
}

absl::StatusOr<RecordedEvent> DecodeRecord(uint64_t position, absl::string_view bytes) {
  StoredRecord r;
  if (!r.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(
        absl::StrCat("the record at position ", position, " cannot be decoded"));
  }
  RecordedEvent e;
  e.position = position;
  e.stream = std::move(*r.mutable_stream_id());
  e.stream_version = r.stream_version();
  e.type = std::move(*r.mutable_event_type());
  e.payload = std::move(*r.mutable_payload());
  e.metadata.actor = std::move(*r.mutable_actor());
  e.metadata.occurred_at = FromMicros(r.occurred_at_micros());
  e.metadata.correlation_id = std::move(*r.mutable_correlation_id());
  e.metadata.causation_id = std::move(*r.mutable_causation_id());
  e.metadata.schema_version = r.schema_version();
  e.recorded_at = FromMicros(r.recorded_at_micros());
  e.request_id = std::move(*r.mutable_request_id());
  return e;
}

}  // namespace tutornet::storage
