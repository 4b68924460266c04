#include "storage/record_codec.h"

#include "absl/strings/str_cat.h"
#include "storage/wire.h"

namespace tutornet::storage {

int64_t ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(int64_t micros) { return absl::FromUnixMicros(micros); }

std::string EncodeRecord(const RecordedEvent& e) {
  std::string out;
  out.reserve(64 + e.stream.size() + e.type.size() + e.metadata.actor.size() +
              e.request_id.size() + e.metadata.correlation_id.size() +
              e.metadata.causation_id.size() + e.payload.size() + 7 * 4);
  wire::Writer w(out);
  w.U8(kRecordFormatVersion);
  w.U64(e.position);
  w.U64(e.stream_version);
  w.I64(ToMicros(e.recorded_at));
  w.I64(ToMicros(e.metadata.occurred_at));
  w.U32(e.metadata.schema_version);
  w.Str(e.stream);
  w.Str(e.type);
  w.Str(e.metadata.actor);
  w.Str(e.request_id);
  w.Str(e.metadata.correlation_id);
  w.Str(e.metadata.causation_id);
  w.Str(e.payload);
  return out;
}

absl::Status DecodeRecordInto(uint64_t position, absl::string_view bytes,
                              RecordedEvent& out) {
  wire::Reader r(bytes);
  const uint8_t version = r.U8();
  out.position = r.U64();
  out.stream_version = r.U64();
  out.recorded_at = FromMicros(r.I64());
  out.metadata.occurred_at = FromMicros(r.I64());
  out.metadata.schema_version = r.U32();
  r.Str(out.stream);
  r.Str(out.type);
  r.Str(out.metadata.actor);
  r.Str(out.request_id);
  r.Str(out.metadata.correlation_id);
  r.Str(out.metadata.causation_id);
  r.Str(out.payload);
  if (!r.ok() || !r.done() || version != kRecordFormatVersion) {
    return absl::DataLossError(absl::StrCat("the record at position ", position,
                                            " cannot be decoded"));
  }
  if (out.position != position) {
    return absl::DataLossError(absl::StrCat("the record stored at position ",
                                            position, " says it belongs at ",
                                            out.position));
  }
  return absl::OkStatus();
}

absl::StatusOr<RecordedEvent> DecodeRecord(uint64_t position,
                                           absl::string_view bytes) {
  RecordedEvent e;
  absl::Status s = DecodeRecordInto(position, bytes, e);
  if (!s.ok()) return s;
  return e;
}

}  // namespace tutornet::storage
