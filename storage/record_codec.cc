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

namespace {

absl::Status Undecodable(uint64_t position) {
  return absl::DataLossError(
      absl::StrCat("the record at position ", position, " cannot be decoded"));
}

// Swaps rather than copies: `out` takes the parsed bytes and leaves its old
// buffers to `r` for the next parse.
void MoveInto(StoredRecord& r, uint64_t position, RecordedEvent& out) {
  out.position = position;
  out.stream.swap(*r.mutable_stream_id());
  out.stream_version = r.stream_version();
  out.type.swap(*r.mutable_event_type());
  out.payload.swap(*r.mutable_payload());
  out.metadata.actor.swap(*r.mutable_actor());
  out.metadata.occurred_at = FromMicros(r.occurred_at_micros());
  out.metadata.correlation_id.swap(*r.mutable_correlation_id());
  out.metadata.causation_id.swap(*r.mutable_causation_id());
  out.metadata.schema_version = r.schema_version();
  out.recorded_at = FromMicros(r.recorded_at_micros());
  out.request_id.swap(*r.mutable_request_id());
}

}  // namespace

absl::StatusOr<RecordedEvent> DecodeRecord(uint64_t position,
                                           absl::string_view bytes) {
  StoredRecord r;
  if (!r.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Undecodable(position);
  }
  RecordedEvent e;
  MoveInto(r, position, e);
  return e;
}

RecordDecoder::RecordDecoder() : scratch_(std::make_unique<StoredRecord>()) {}
RecordDecoder::~RecordDecoder() = default;

absl::Status RecordDecoder::Decode(uint64_t position, absl::string_view bytes,
                                   RecordedEvent& out) {
  if (!scratch_->ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return Undecodable(position);
  }
  MoveInto(*scratch_, position, out);
  return absl::OkStatus();
}

}  // namespace tutornet::storage
