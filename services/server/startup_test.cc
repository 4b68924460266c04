// Starting tutornetd: one server per port, data directories that are ours
// and private, tokens files that are never silently replaced, the last
// admin kept, a first start that survives SIGKILL, and a stop at any
// moment of a start.
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "services/server/server_fixture.h"

extern char** environ;

namespace tutornet::server {
namespace {

class StartupTest : public TokensTest {};

TEST_F(StartupTest, ASecondServerCannotTakeThePort) {
  testing::TempDir other;
  ServerOptions options;
  options.listen = address_;
  options.data_dir = other.Sub("data");
  EXPECT_THAT(TutornetServer::Start(options).status(),
              testing::StatusIs(absl::StatusCode::kUnavailable));
}

TEST(DataDirectoryTest, AForeignPeopleDirectoryIsNotMistakenForOurs) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.Sub("people"));
  std::ofstream(dir.Sub("people/photo.jpg")) << "x";
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.path();
  EXPECT_THAT(TutornetServer::Start(options).status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("people")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("tokens")));
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("registry")));
}

TEST(DataDirectoryTest, AForeignDirectoryIsNeitherFilledNorChanged) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("notes.txt")) << "someone else's";
  ::chmod(dir.path().c_str(), 0755);
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.path();
  EXPECT_THAT(TutornetServer::Start(options).status(),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("notes.txt")));
  struct stat st;
  ASSERT_EQ(::stat(dir.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0755u);
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("registry")));
}

TEST_F(StartupTest, TheLastAdminCannotBeRevoked) {
  token_ = admin_;
  v1::RevokeTokenRequest revoke;
  revoke.set_principal_id("person-admin");
  v1::RevokeTokenResponse res;
  const grpc::Status s = access_->RevokeToken(Context().get(), revoke, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  v1::Network network;
  EXPECT_TRUE(GetNetwork("", &network).ok());  // Still an admin.
}

TEST_F(StartupTest, DataFilesArePrivateWhateverTheUmask) {
  for (const char* dir : {"registry", "people", "projections/registry"}) {
    struct stat st;
    ASSERT_EQ(::stat(dir_.Sub(dir).c_str(), &st), 0) << dir;
    EXPECT_EQ(st.st_mode & 077, 0u) << dir;
  }
  struct stat st;
  ASSERT_EQ(::stat(dir_.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 077, 0u);
}

// Tokens files that cannot be trusted stop the server; none is replaced.
class TokensFileTest : public ::testing::Test {
 protected:
  absl::Status StartOn(const std::string& data_dir) {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = data_dir;
    return TutornetServer::Start(options).status();
  }
  testing::TempDir dir_;
};

TEST_F(TokensFileTest, MissingEmptyOrADirectoryIsAnError) {
  ASSERT_TRUE(StartOn(dir_.path()).ok());  // First start: made.
  const std::string tokens = dir_.Sub("tokens");
  std::filesystem::rename(tokens, tokens + ".saved");
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("missing")));
  EXPECT_FALSE(std::filesystem::exists(tokens));  // Not made anew.
  { std::ofstream empty(tokens); }
  ::chmod(tokens.c_str(), 0600);
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("no admin")));
  std::filesystem::remove(tokens);
  std::filesystem::create_directory(tokens);
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("not a regular file")));
  std::filesystem::remove(tokens);
  // The same hash twice: which principal would it be?
  std::string line;
  { std::ifstream(tokens + ".saved") >> line; }
  {
    std::ofstream twice(tokens);
    twice << line << " person-x tutor ks\n" << line << " person-admin admin\n";
  }
  ::chmod(tokens.c_str(), 0600);
  EXPECT_THAT(StartOn(dir_.path()),
              testing::StatusIs(absl::StatusCode::kFailedPrecondition,
                                HasSubstr("earlier line")));
  std::filesystem::remove(tokens);
  std::filesystem::rename(tokens + ".saved", tokens);
  EXPECT_TRUE(StartOn(dir_.path()).ok());
}

// tutornetd started on `data` on free ports, as a child process; 0 when it
// could not be started.
pid_t SpawnOn(const std::string& data) {
  const std::string flag = "--data_dir=" + data;
  const char* argv[] = {TUTORNETD_PATH, flag.c_str(), "--listen=127.0.0.1:0",
                        "--http_listen=127.0.0.1:0", nullptr};
  pid_t pid = 0;
  if (::posix_spawn(&pid, TUTORNETD_PATH, nullptr, nullptr,
                    const_cast<char**>(argv), environ) != 0) {
    return 0;
  }
  return pid;
}

// Whether a server starts on `data` (in this process).
absl::Status StartsAgain(const std::string& data) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = data;
  return TutornetServer::Start(options).status();
}

// tutornetd killed 10-200 ms after its very first start: the next start
// must find a usable data directory every time.
TEST(FirstStartCrashTest, ADataDirectoryKilledWhileBeingMadeStillOpens) {
  std::mt19937 random(std::random_device{}());
  for (int round = 0; round < 8; ++round) {
    testing::TempDir dir;
    const pid_t pid = SpawnOn(dir.Sub("data"));
    ASSERT_NE(pid, 0);
    absl::SleepFor(absl::Milliseconds(10 + random() % 190));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    // A kill before the tokens file was written leaves no logs either, so
    // this start is a first start again; after it, the file is there.
    EXPECT_OK(StartsAgain(dir.Sub("data"))) << "round " << round;
  }
}

// SIGTERM at any moment of a start (before it serves, while it opens its
// stores, or just after) stops tutornetd within seconds, never by a crash;
// the data directory opens again after it.
TEST(StartStopTest, SigtermDuringAStartStopsItPromptly) {
  std::mt19937 random(std::random_device{}());
  for (int round = 0; round < 6; ++round) {
    testing::TempDir dir;
    const pid_t pid = SpawnOn(dir.Sub("data"));
    ASSERT_NE(pid, 0);
    absl::SleepFor(absl::Milliseconds(20 + random() % 300));
    ::kill(pid, SIGTERM);
    int status = 0;
    pid_t ended = 0;
    for (int i = 0; i < 1000 && ended == 0; ++i) {  // At most 10 s.
      ended = ::waitpid(pid, &status, WNOHANG);
      if (ended == 0) absl::SleepFor(absl::Milliseconds(10));
    }
    if (ended == 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      FAIL() << "round " << round << ": still running 10 s after SIGTERM";
    }
    // (A signal before main has blocked it ends the process by default,
    // before it has done anything.)
    EXPECT_TRUE((WIFEXITED(status) && WEXITSTATUS(status) == 0) ||
                (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM))
        << "round " << round << ": status " << status;
    EXPECT_OK(StartsAgain(dir.Sub("data"))) << "round " << round;
  }
}
}  // namespace
}  // namespace tutornet::server
