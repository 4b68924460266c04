// I/O faults: when RocksDB cannot sync the WAL, the append fails, and the log
// refuses every later append instead of acknowledging on top of an unknown
// state. Faults are injected through RocksDB's own FileSystem interface; the
// log and RocksDB above it are the real ones.
#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "storage/event_log.h"
#include "tests/support/event_log_testing.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet::storage {
namespace {

using ::testing::HasSubstr;
using ::tutornet::testing::OpenTestLog;
using ::tutornet::testing::StatusIs;
using ::tutornet::testing::TempDir;
using ::tutornet::testing::TestEvent;

// A file system whose WAL files fail to sync while `fail` is set.
class FailingSyncFileSystem final : public rocksdb::FileSystemWrapper {
 public:
  explicit FailingSyncFileSystem(std::shared_ptr<std::atomic<bool>> fail)
      : FileSystemWrapper(rocksdb::FileSystem::Default()),
        fail_(std::move(fail)) {}

  const char* Name() const override { return "FailingSyncFileSystem"; }

  rocksdb::IOStatus NewWritableFile(
      const std::string& name, const rocksdb::FileOptions& options,
      std::unique_ptr<rocksdb::FSWritableFile>* file,
      rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = target()->NewWritableFile(name, options, file, dbg);
    if (s.ok() && absl::EndsWith(name, ".log")) {
      *file = std::make_unique<FailingFile>(std::move(*file), fail_);
    }
    return s;
  }

 private:
  class FailingFile final : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    FailingFile(std::unique_ptr<rocksdb::FSWritableFile> file,
                std::shared_ptr<std::atomic<bool>> fail)
        : FSWritableFileOwnerWrapper(std::move(file)), fail_(std::move(fail)) {}
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& o,
                           rocksdb::IODebugContext* d) override {
      if (*fail_) return rocksdb::IOStatus::IOError("injected: fsync failed");
      return FSWritableFileOwnerWrapper::Sync(o, d);
    }
    rocksdb::IOStatus Fsync(const rocksdb::IOOptions& o,
                            rocksdb::IODebugContext* d) override {
      if (*fail_) return rocksdb::IOStatus::IOError("injected: fsync failed");
      return FSWritableFileOwnerWrapper::Fsync(o, d);
    }

   private:
    std::shared_ptr<std::atomic<bool>> fail_;
  };

  std::shared_ptr<std::atomic<bool>> fail_;
};

TEST(EventLogFaultTest, FailedSyncStopsAppendsUntilReopen) {
  TempDir dir;
  auto fail = std::make_shared<std::atomic<bool>>(false);
  std::unique_ptr<rocksdb::Env> env =
      rocksdb::NewCompositeEnv(std::make_shared<FailingSyncFileSystem>(fail));
  EventLogOptions options;
  options.env = env.get();
  {
    absl::StatusOr<std::unique_ptr<EventLog>> log =
        EventLog::Open(dir.path(), options);
    ASSERT_OK(log);
    ASSERT_OK((*log)->Append("s", ExpectedVersion::Any(), {TestEvent("kept")}));

    *fail = true;
    EXPECT_THAT(
        (*log)->Append("s", ExpectedVersion::Any(), {TestEvent("lost")}),
        StatusIs(absl::StatusCode::kUnavailable, HasSubstr("fsync failed")));
    *fail = false;
    // The disk is fine again, but the outcome of the failed append is not
    // known: nothing more is acknowledged.
    EXPECT_THAT(
        (*log)->Append("s", ExpectedVersion::Any(), {TestEvent("refused")}),
        StatusIs(absl::StatusCode::kUnavailable, HasSubstr("reopened")));
    EXPECT_THAT((*log)->WriteHealth(),
                StatusIs(absl::StatusCode::kUnavailable));
    // Reads keep working and show only what was acknowledged.
    EXPECT_EQ((*log)->Head(), 1u);
    absl::StatusOr<std::vector<RecordedEvent>> read = (*log)->ReadAll(1, 10);
    ASSERT_OK(read);
    ASSERT_EQ(read->size(), 1u);
    EXPECT_EQ(read->front().payload, "kept");
  }
  absl::StatusOr<std::unique_ptr<EventLog>> reopened =
      EventLog::Open(dir.path(), options);
  ASSERT_OK(reopened);
  EXPECT_OK((*reopened)->WriteHealth());
  absl::StatusOr<std::vector<RecordedEvent>> read = (*reopened)->ReadAll(1, 10);
  ASSERT_OK(read);
  ASSERT_FALSE(read->empty());
  EXPECT_EQ(read->front().payload, "kept");
  const uint64_t head = (*reopened)->Head();
  absl::StatusOr<AppendResult> next =
      (*reopened)->Append("s", ExpectedVersion::Any(), {TestEvent("after")});
  ASSERT_OK(next);
  EXPECT_EQ(next->first_position, head + 1);
}

}  // namespace
}  // namespace tutornet::storage
