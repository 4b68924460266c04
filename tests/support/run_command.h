// Runs a shell command line as a user would and collects what it printed
// (stdout and stderr together) and its exit code. For tests of the
// project's command-line tools.
#ifndef TUTORNET_TESTS_SUPPORT_RUN_COMMAND_H_
#define TUTORNET_TESTS_SUPPORT_RUN_COMMAND_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace tutornet::testing {

struct CommandOutcome {
  int exit_code;  // -1 if it did not exit normally.
  std::string output;
};

inline CommandOutcome RunCommand(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  while (pipe != nullptr && fgets(buffer, sizeof buffer, pipe) != nullptr)
    output += buffer;
  const int status = pipe == nullptr ? -1 : pclose(pipe);
  return {status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace tutornet::testing

#endif  // TUTORNET_TESTS_SUPPORT_RUN_COMMAND_H_
