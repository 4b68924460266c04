// tutornet_audit as a user runs it: its verdict and exit code on an intact
// log, a tampered one, and a missing one.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/event_log.h"
#include "storage/keys.h"
#include "tests/support/run_command.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace tutornet {
namespace {

using ::testing::HasSubstr;

using Outcome = testing::CommandOutcome;

Outcome RunAudit(const std::string& args) {
  return testing::RunCommand(absl::StrCat(TUTORNET_AUDIT_PATH, " ", args));
}

void MakeLog(const std::string& dir, int events) {
  absl::StatusOr<std::unique_ptr<storage::EventLog>> log =
      storage::EventLog::Open(dir);
  ASSERT_OK(log);
  for (int i = 0; i < events; ++i) {
    storage::NewEvent e;
    e.type = "TutoringHoursLogged";
    e.payload = absl::StrCat("{\"minutes\":", 30 + i, "}");
    ASSERT_OK((*log)->Append(absl::StrCat("tutor-", i % 4),
                             storage::ExpectedVersion::Any(), {e}));
  }
  ASSERT_OK((*log)->SignTreeHead());
}

TEST(TutornetAuditTest, IntactLogPassesWithExitZero) {
  testing::TempDir dir;
  MakeLog(dir.path(), 50);
  const Outcome out = RunAudit("--data_dir=" + dir.path());
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("INTACT: 50 records"));
  EXPECT_THAT(out.output, HasSubstr("1 signed tree heads match"));
}

TEST(TutornetAuditTest, TamperedRecordFailsWithExitThreeAndItsPosition) {
  testing::TempDir dir;
  MakeLog(dir.path(), 50);
  {
    rocksdb::DB* raw = nullptr;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(),
                                                dir.path(), &names)
                    .ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const std::string& n : names)
      families.push_back({n, rocksdb::ColumnFamilyOptions()});
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.path(), families,
                                  &handles, &raw)
                    .ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    rocksdb::ColumnFamilyHandle* records =
        handles[std::find(names.begin(), names.end(), "records") -
                names.begin()];
    std::string value;
    ASSERT_TRUE(db->Get(rocksdb::ReadOptions(), records,
                        storage::keys::RecordKey(23), &value)
                    .ok());
    value.back() =
        value.back() == '9' ? '8' : '9';  // 30 minutes become 39, or so.
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), records,
                        storage::keys::RecordKey(23), value)
                    .ok());
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  }
  const Outcome out = RunAudit("--data_dir=" + dir.path());
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("TAMPERED"));
  EXPECT_THAT(out.output, HasSubstr("first bad position: 23"));
}

TEST(TutornetAuditTest, UnusableArgumentsAreNotMistakenForTampering) {
  testing::TempDir dir;
  EXPECT_EQ(RunAudit("--data_dir=" + dir.Sub("missing")).exit_code, 2);
  EXPECT_EQ(RunAudit("").exit_code, 1);  // --data_dir is required.
  EXPECT_EQ(RunAudit("--help").exit_code, 0);
  EXPECT_THAT(RunAudit("--helpfull").output,
              ::testing::Not(HasSubstr(PROJECT_SOURCE_DIR)));
  EXPECT_EQ(RunAudit("--no_such_flag").exit_code, 1);  // absl's own flag error.
}

TEST(TutornetAuditTest, PrintsThePublicKey) {
  testing::TempDir dir;
  MakeLog(dir.path(), 1);
  const Outcome out =
      RunAudit("--data_dir=" + dir.path() + " --print_public_key");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("-----BEGIN PUBLIC KEY-----"));
}

}  // namespace
}  // namespace tutornet

namespace tutornet {
namespace {

TEST(TutornetAuditTest, ADirectoryThatIsNotALogIsNotAuditedNorChanged) {
  testing::TempDir dir;
  const std::string empty = dir.Sub("empty");
  std::filesystem::create_directories(empty);
  const Outcome outcome = RunAudit(absl::StrCat("--data_dir=", empty));
  EXPECT_EQ(outcome.exit_code, 2) << outcome.output;
  EXPECT_THAT(outcome.output, HasSubstr("not a tutornet event log"));
  EXPECT_TRUE(std::filesystem::is_empty(empty));  // No log, no key made.
}

TEST(TutornetAuditTest, ALogWhoseKeyIsMissingIsRefusedNotGivenANewKey) {
  testing::TempDir dir;
  MakeLog(dir.path(), 3);
  std::filesystem::remove(dir.Sub("tree_head_key.pem"));
  const Outcome outcome = RunAudit(absl::StrCat("--data_dir=", dir.path()));
  EXPECT_EQ(outcome.exit_code, 2) << outcome.output;
  EXPECT_THAT(outcome.output, HasSubstr("signing key"));
  EXPECT_THAT(storage::EventLog::Open(dir.path()).status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("missing")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("tree_head_key.pem")));
}

}  // namespace
}  // namespace tutornet
