#include "storage/merkle/compact_range.h"

#include "absl/strings/str_cat.h"

namespace tutornet::merkle {

std::vector<NodeId> CompactRange::PeakIds(uint64_t size) {
  std::vector<NodeId> ids;
  uint64_t begin = 0;
  for (int level = 63; level >= 0; --level) {
    const uint64_t width = uint64_t{1} << level;
    if (size & width) {
      ids.push_back(NodeId{static_cast<uint32_t>(level), begin >> level});
      begin += width;
    }
  }
  return ids;
}

absl::StatusOr<CompactRange> CompactRange::FromPeaks(uint64_t size,
                                                     std::vector<Hash> peaks) {
  if (peaks.size() != PeakIds(size).size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a tree of ", size, " leaves has ", PeakIds(size).size(),
                     " peaks, not ", peaks.size()));
  }
  CompactRange range;
  range.size_ = size;
  range.peaks_ = std::move(peaks);
  return range;
}

Hash CompactRange::Root() const {
  if (peaks_.empty()) return EmptyRoot();
  // RFC 6962 splits at the largest power of two, so the right border folds
  // from the smallest subtree leftwards.
  Hash root = peaks_.back();
  for (size_t i = peaks_.size() - 1; i-- > 0;)
    root = HashChildren(peaks_[i], root);
  return root;
}

}  // namespace tutornet::merkle
