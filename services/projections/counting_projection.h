// CountingProjection: the simplest projection there is — how many events
// each stream and all sources hold. For the runner's tests, its crash test
// and its benchmark: any event applied twice or missed shows as a wrong
// count. Rows: "count/<stream>" and "total", decimal.
#ifndef TUTORNET_SERVICES_PROJECTIONS_COUNTING_PROJECTION_H_
#define TUTORNET_SERVICES_PROJECTIONS_COUNTING_PROJECTION_H_

#include <atomic>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/projections/projection.h"
#include "status/status_macros.h"

namespace tutornet::projections {

class CountingProjection final : public Projection {
 public:
  explicit CountingProjection(std::vector<std::string> sources, int version = 1)
      : sources_(std::move(sources)), version_(version) {}

  std::string name() const override { return "counting"; }
  std::vector<std::string> sources() const override { return sources_; }
  int version() const override { return version_; }

  absl::Status Apply(absl::string_view, const storage::RecordedEvent& event,
                     Rows& rows) const override {
    RETURN_IF_ERROR(Increment(rows, absl::StrCat("count/", event.stream)));
    RETURN_IF_ERROR(Increment(rows, "total"));
    applied_.fetch_add(1, std::memory_order_relaxed);
    return absl::OkStatus();
  }

  // How many events this object has applied (in this process).
  uint64_t applied() const { return applied_.load(); }

  static uint64_t Total(const RowStore& store) { return Read(store, "total"); }
  static uint64_t Count(const RowStore& store, const std::string& stream) {
    return Read(store, absl::StrCat("count/", stream));
  }

 private:
  static absl::Status Increment(Rows& rows, const std::string& key) {
    ASSIGN_OR_RETURN(std::optional<std::string> value, rows.Get(key));
    uint64_t n = 0;
    if (value.has_value() && !absl::SimpleAtoi(*value, &n)) {
      return absl::DataLossError(absl::StrCat("row ", key, " is not a count"));
    }
    rows.Put(key, absl::StrCat(n + 1));
    return absl::OkStatus();
  }
  static uint64_t Read(const RowStore& store, const std::string& key) {
    absl::StatusOr<std::optional<std::string>> value = store.Read()->Get(key);
    uint64_t n = 0;
    if (value.ok() && value->has_value()) (void)absl::SimpleAtoi(**value, &n);
    return n;
  }

  const std::vector<std::string> sources_;
  const int version_;
  mutable std::atomic<uint64_t> applied_{0};
};

}  // namespace tutornet::projections

#endif  // TUTORNET_SERVICES_PROJECTIONS_COUNTING_PROJECTION_H_
