#include "storage/request_ids.h"

#include <openssl/evp.h>

#include <cstdint>
#include <utility>

#include "rocksdb/compaction_filter.h"
#include "storage/keys.h"
#include "storage/record.pb.h"
#include "storage/record_codec.h"

namespace tutornet::storage {
namespace {

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr);
  }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Add(absl::string_view bytes) {
    AddRaw(keys::EncodeFixed64(bytes.size()));
    AddRaw(bytes);
  }
  void Add(uint64_t value) { AddRaw(keys::EncodeFixed64(value)); }

  std::string Finish() {
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx_, reinterpret_cast<unsigned char*>(out.data()),
                       &size);
    out.resize(size);
    return out;
  }

 private:
  void AddRaw(absl::string_view bytes) {
    EVP_DigestUpdate(ctx_, bytes.data(), bytes.size());
  }
  EVP_MD_CTX* ctx_;
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
  Sha256 sha;
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
