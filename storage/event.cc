#include "storage/event.h"

#include "absl/strings/str_cat.h"

namespace tutornet::storage {

bool operator==(const RecordedEvent& a, const RecordedEvent& b) {
  return a.position == b.position && a.stream == b.stream &&
         a.stream_version == b.stream_version && a.type == b.type &&
         a.payload == b.payload && a.metadata.actor == b.metadata.actor &&
         a.metadata.occurred_at == b.metadata.occurred_at &&
         a.metadata.correlation_id == b.metadata.correlation_id &&
         a.metadata.causation_id == b.metadata.causation_id &&
         a.metadata.schema_version == b.metadata.schema_version &&
         a.recorded_at == b.recorded_at && a.request_id == b.request_id;
}

bool ExpectedVersion::IsSatisfiedBy(uint64_t current) const {
  switch (kind_) {
    case Kind::kAny:
      return true;
    case Kind::kNoStream:
      return current == 0;
    case Kind::kStreamExists:
      return current > 0;
    case Kind::kExact:
      return current == version_;
  }
  return false;
}

std::string ExpectedVersion::ToString() const {
  switch (kind_) {
    case Kind::kAny:
      return "any";
    case Kind::kNoStream:
      return "no_stream";
    case Kind::kStreamExists:
      return "stream_exists";
    case Kind::kExact:
      return absl::StrCat(version_);
  }
  return "?";
}

}  // namespace tutornet::storage
