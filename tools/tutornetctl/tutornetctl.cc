// tutornetctl: the command-line client of tutornetd. Talks gRPC to the
// server; never opens a store itself. The commands are tables, one per
// service (commands.h); this file parses the command line against them.
//
// Exit codes, for scripts:
//   0 done; 1 bad usage; 2 the server could not be reached or failed;
//   3 the server refused the request (the status code is printed);
//   4 an import finished, but some lines were rejected (each is reported).
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "tools/flags_usage.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/output.h"

ABSL_DECLARE_FLAG(std::string, server);
ABSL_DECLARE_FLAG(std::string, token_file);
ABSL_DECLARE_FLAG(std::string, output);

namespace tutornet::ctl {

namespace {

int Usage(const std::string& why) {
  std::fprintf(stderr,
               "tutornetctl: %s\nRun tutornetctl --help for the commands.\n",
               why.c_str());
  return kExitUsage;
}

const CommandSpec* Find(const std::string& words) {
  for (const CommandGroup& group : AllCommands()) {
    for (const CommandSpec& c : group.commands) {
      if (c.words == words) return &c;
    }
  }
  return nullptr;
}

std::string ReadToken() {
  if (const char* env = std::getenv("TUTORNET_TOKEN"); env != nullptr && *env)
    return env;
  std::ifstream in(absl::GetFlag(FLAGS_token_file));
  std::string token;
  in >> token;
  return token;
}

int Run(const std::vector<char*>& positional) {
  const std::string output = absl::GetFlag(FLAGS_output);
  if (output != "text" && output != "json") {
    return Usage("--output is text or json");
  }
  SetOutputFormat(output == "json" ? OutputFormat::kJson : OutputFormat::kText);
  if (positional.size() < 3)
    return Usage("give a command, e.g. \"network show ks\"");
  const std::string words = absl::StrCat(positional[1], " ", positional[2]);
  const CommandSpec* command = Find(words);
  if (command == nullptr) {
    return Usage(absl::StrCat("unknown command \"", words, "\""));
  }
  const Args args(positional.begin() + 3, positional.end());
  if (args.size() < command->min_args || args.size() > command->max_args) {
    return Usage(absl::StrCat("usage: tutornetctl ", command->words, " ",
                              command->synopsis));
  }
  const std::string token = ReadToken();
  if (token.empty()) {
    return Usage(absl::StrCat(
        "no access token: set $TUTORNET_TOKEN or --token_file (now ",
        absl::GetFlag(FLAGS_token_file), ")"));
  }
  Client client(absl::GetFlag(FLAGS_server), token);
  return command->run(client, args);
}

}  // namespace
}  // namespace tutornet::ctl

int main(int argc, char** argv) {
  tutornet::SetUpUsage(argc, argv, tutornet::ctl::UsageText());
  return tutornet::ctl::Run(absl::ParseCommandLine(argc, argv));
}
