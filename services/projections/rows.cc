#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/projections/projection.h"
#include "services/projections/written_keys.h"

namespace tutornet::projections {
namespace {

// What a row change holds in memory, about: its bytes and the map's.
constexpr size_t kEntryBytes = 64;
// A parsed row takes about this many times its bytes (its strings and
// nested messages are allocations of their own), and at least this much.
constexpr size_t kParsedFactor = 3;
constexpr size_t kParsedAtLeast = 128;

size_t SizeOf(const std::optional<std::string>& value) {
  return value.has_value() ? value->size() : 0;
}

}  // namespace

absl::StatusOr<std::optional<std::string>> Rows::Get(
    absl::string_view key) const {
  if (auto it = batch_.messages.find(key); it != batch_.messages.end()) {
    return it->second->SerializeAsString();
  }
  if (auto it = batch_.rows.find(key); it != batch_.rows.end()) {
    return it->second;
  }
  if (recent_ != nullptr) {
    if (auto it = recent_->rows.find(key); it != recent_->rows.end()) {
      return it->second;
    }
    if (auto it = recent_->messages.find(key); it != recent_->messages.end()) {
      return it->second->SerializeAsString();
    }
  }
  if (written_ != nullptr && !written_->MayHold(key)) return std::nullopt;
  return base_.Get(key);
}

void Rows::Put(absl::string_view key, std::string value) {
  if (!batch_.messages.empty()) batch_.messages.erase(key);
  // Most rows a batch writes it wrote before: no new key then.
  if (auto it = batch_.rows.find(key); it != batch_.rows.end()) {
    batch_.bytes += value.size();
    batch_.bytes -= SizeOf(it->second);
    // A key this batch deleted is written again.
    if (written_ != nullptr && !it->second.has_value()) written_->Add(key);
    it->second = std::move(value);
  } else {
    batch_.bytes += kEntryBytes + key.size() + value.size();
    batch_.rows.emplace(std::string(key), std::move(value));
    if (written_ != nullptr) written_->Add(key);
  }
}

void Rows::Delete(absl::string_view key) {
  if (!batch_.messages.empty()) batch_.messages.erase(key);
  if (auto it = batch_.rows.find(key); it != batch_.rows.end()) {
    batch_.bytes -= SizeOf(it->second);
    it->second = std::nullopt;
  } else {
    batch_.bytes += kEntryBytes + key.size();
    batch_.rows.emplace(std::string(key), std::nullopt);
  }
}

absl::StatusOr<size_t> Rows::Load(absl::string_view key,
                                  google::protobuf::MessageLite& into) const {
  // A row the commit under way holds parsed, as the same message: copied.
  if (recent_ != nullptr &&
      batch_.messages.find(key) == batch_.messages.end() &&
      batch_.rows.find(key) == batch_.rows.end()) {
    if (auto it = recent_->messages.find(key);
        it != recent_->messages.end() &&
        it->second->GetTypeName() == into.GetTypeName()) {
      into.CheckTypeAndMergeFrom(*it->second);
      return kParsedAtLeast;
    }
  }
  absl::StatusOr<std::optional<std::string>> bytes = Get(key);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return 0;
  if (!into.ParseFromString(**bytes)) return CorruptRow(key);
  return (*bytes)->size();
}

void Rows::Hold(absl::string_view key, google::protobuf::MessageLite* m,
                size_t bytes) {
  if (auto it = batch_.rows.find(key); it != batch_.rows.end()) {
    batch_.bytes -= kEntryBytes + key.size() + SizeOf(it->second);
    batch_.rows.erase(it);
  }
  batch_.bytes += kEntryBytes + key.size() +
                  kParsedFactor * std::max(bytes, kParsedAtLeast);
  batch_.messages.insert_or_assign(key, m);
  if (written_ != nullptr) written_->Add(key);
}

google::protobuf::Arena* Rows::arena() {
  if (batch_.arena == nullptr) {
    google::protobuf::ArenaOptions options;
    options.start_block_size = size_t{64} << 10;
    options.max_block_size = size_t{1} << 20;
    batch_.arena = std::make_unique<google::protobuf::Arena>(options);
  }
  return batch_.arena.get();
}

std::vector<RowWrite> SortedWrites(const RowBatch& batch,
                                   std::vector<std::string>& serialised) {
  std::vector<RowWrite> writes;
  writes.reserve(batch.rows.size() + batch.messages.size());
  for (const auto& [key, value] : batch.rows) {
    writes.push_back({key, value.has_value()
                               ? std::optional<absl::string_view>(*value)
                               : std::nullopt});
  }
  // Reserved: the writes point into the strings, which must not move.
  serialised.clear();
  serialised.reserve(batch.messages.size());
  for (const auto& [key, message] : batch.messages) {
    serialised.push_back(message->SerializeAsString());
    writes.push_back({key, absl::string_view(serialised.back())});
  }
  std::sort(writes.begin(), writes.end(),
            [](const RowWrite& a, const RowWrite& b) { return a.key < b.key; });
  return writes;
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
