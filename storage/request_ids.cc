#include "storage/request_ids.h"

#include <cstdint>
#include <utility>

#include "rocksdb/compaction_filter.h"
#include "storage/keys.h"
#include "storage/merkle/sha256.h"
#include "storage/record.pb.h"
#include "storage/record_codec.h"

namespace tutornet::storage {
namespace {

// Length-prefixed so that no two different appends share an encoding.
class Digest {
 public:
  void Add(absl::string_view bytes) {
    Add(uint64_t{bytes.size()});
    sha_.Update(bytes);
  }
  void Add(uint64_t value) { sha_.Update(keys::EncodeFixed64(value)); }
  std::string Finish() { return std::string(merkle::AsBytes(sha_.Finish())); }

 private:
  merkle::Sha256 sha_;
};

class ExpiredRequestFilter final : public rocksdb::CompactionFilter {
 public:
  ExpiredRequestFilter(absl::Duration retention,
                       std::function<absl::Time()> clock)
      : retention_(retention), clock_(std::move(clock)) {}

  bool Filter(int /*level*/, const rocksdb::Slice& /*key*/,
              const rocksdb::Slice& existing_value, std::string* /*new_value*/,
              bool* /*value_changed*/) const override {
    RequestRecord record;
    if (!record.ParseFromArray(existing_value.data(),
                               static_cast<int>(existing_value.size()))) {
      return false;  // Keep what we cannot read; never lose data silently.
    }
    return RequestExpired(FromMicros(record.recorded_at_micros()), clock_(),
                          retention_);
  }

  const char* Name() const override { return "tutornet.ExpiredRequestFilter"; }

 private:
  const absl::Duration retention_;
  const std::function<absl::Time()> clock_;
};

}  // namespace

std::string AppendDigest(absl::string_view stream, ExpectedVersion expected,
                         absl::Span<const NewEvent> events) {
  Digest sha;
  sha.Add(stream);
  sha.Add(static_cast<uint64_t>(expected.kind()));
  sha.Add(expected.version());
  sha.Add(events.size());
  for (const NewEvent& e : events) {
    sha.Add(e.type);
    sha.Add(e.payload);
    sha.Add(e.metadata.actor);
    sha.Add(static_cast<uint64_t>(ToMicros(e.metadata.occurred_at)));
    sha.Add(e.metadata.correlation_id);
    sha.Add(e.metadata.causation_id);
    sha.Add(uint64_t{e.metadata.schema_version});
  }
  return sha.Finish();
}

bool RequestExpired(absl::Time recorded_at, absl::Time now,
                    absl::Duration retention) {
  return now - recorded_at > retention;
}

std::unique_ptr<rocksdb::CompactionFilter> NewExpiredRequestFilter(
    absl::Duration retention, std::function<absl::Time()> clock) {
  return std::make_unique<ExpiredRequestFilter>(retention, std::move(clock));
}

}  // namespace tutornet::storage
