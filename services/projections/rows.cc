#include "absl/strings/str_cat.h"
#include "services/projections/projection.h"

namespace tutornet::projections {
namespace {

// What a row change holds in memory, about: its bytes and the map's.
constexpr size_t kEntryBytes = 64;

size_t SizeOf(const std::optional<std::string>& value) {
  return value.has_value() ? value->size() : 0;
}

}  // namespace

absl::StatusOr<std::optional<std::string>> Rows::Get(
    absl::string_view key) const {
  if (auto it = batch_.rows.find(key); it != batch_.rows.end()) {
    return it->second;
  }
  if (recent_ != nullptr) {
    if (auto it = recent_->find(key); it != recent_->end()) return it->second;
  }
  return base_.Get(key);
}

void Rows::Put(absl::string_view key, std::string value) {
  // Most rows a batch writes it wrote before: no new key then.
  if (auto it = batch_.rows.find(key); it != batch_.rows.end()) {
    batch_.bytes += value.size();
    batch_.bytes -= SizeOf(it->second);
    it->second = std::move(value);
  } else {
    batch_.bytes += kEntryBytes + key.size() + value.size();
    batch_.rows.emplace(std::string(key), std::move(value));
  }
}

void Rows::Delete(absl::string_view key) {
  if (auto it = batch_.rows.find(key); it != batch_.rows.end()) {
    batch_.bytes -= SizeOf(it->second);
    it->second = std::nullopt;
  } else {
    batch_.bytes += kEntryBytes + key.size();
    batch_.rows.emplace(std::string(key), std::nullopt);
  }
}

absl::Status CorruptRow(absl::string_view key) {
  return absl::DataLossError(
      absl::StrCat("projection row \"", key, "\" cannot be decoded"));
}

absl::Status UnreadableEvent(uint64_t position, absl::string_view type) {
  return absl::DataLossError(
      absl::StrCat("the event at position ", position, " is not a ", type));
}

absl::Status MissingRow(absl::string_view key) {
  return absl::DataLossError(absl::StrCat("no row ", key, " for its event"));
}

absl::StatusOr<std::vector<std::string>> KeySuffixes(const RowReader& rows,
                                                     absl::string_view prefix) {
  std::vector<std::string> out;
  absl::Status scanned =
      rows.Scan(prefix, prefix, [&](absl::string_view key, absl::string_view) {
        out.emplace_back(key.substr(prefix.size()));
        return true;
      });
  if (!scanned.ok()) return scanned;
  return out;
}

}  // namespace tutornet::projections
