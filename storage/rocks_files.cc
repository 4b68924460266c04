#include "storage/rocks_files.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "rocksdb/transaction_log.h"

namespace tutornet::storage {

void RemoveEmptyOldLogs(rocksdb::DB& db) {
  std::unique_ptr<rocksdb::LogFile> current;
  if (!db.GetCurrentWalFile(&current).ok() || current == nullptr) return;
  const uint64_t in_use = current->LogNumber();
  const std::string dir =
      db.GetOptions().wal_dir.empty() ? db.GetName() : db.GetOptions().wal_dir;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::filesystem::path& path = entry.path();
    uint64_t number = 0;
    if (path.extension() != ".log" ||
        !absl::SimpleAtoi(path.stem().string(), &number) || number >= in_use) {
      continue;
    }
    std::error_code ignored;
    if (entry.file_size(ignored) == 0 && !ignored) {
      std::filesystem::remove(path, ignored);
    }
  }
}

}  // namespace tutornet::storage
