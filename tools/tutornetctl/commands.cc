// The command tables put together: flags they share, usage text, and the
// helpers every table uses.
#include "tools/tutornetctl/commands.h"

#include <openssl/rand.h>

#include <algorithm>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051",
          "tutornetd's address (host:port).");
ABSL_FLAG(std::string, token_file, "var/tutornetd/admin.token",
          "File holding the access token; $TUTORNET_TOKEN wins if set.");
ABSL_FLAG(std::string, output, "text",
          "text (aligned columns) or json (protobuf's JSON mapping, for "
          "scripts).");
ABSL_FLAG(std::string, as_of, "",
          "YYYY-MM-DD: list regions, municipalities and schools as they are "
          "on that day (default today); dashboard: also the figures as they "
          "stood at the end of that day.");
ABSL_FLAG(std::string, region, "",
          "Filter or scope: a region id (school list, municipality list, role "
          "who).");
ABSL_FLAG(std::string, municipality, "",
          "Filter or scope: a municipality id (school list, dashboard).");
ABSL_FLAG(std::string, language, "", "Filter: fi or sv (school list).");
ABSL_FLAG(std::string, school, "", "Scope: a school id (role who).");
ABSL_FLAG(std::string, schools, "",
          "Scope of an appointment: school ids, comma-separated.");
ABSL_FLAG(std::string, regions, "",
          "Scope of an appointment or token: region ids, comma-separated.");
ABSL_FLAG(std::string, projects, "",
          "Scope of a funder's token: funded project ids, comma-separated.");

namespace tutornet::ctl {

std::string RandomRequestId() {
  unsigned char bytes[12];
  RAND_bytes(bytes, sizeof bytes);
  return absl::StrCat("ctl-",
                      absl::BytesToHexString(absl::string_view(
                          reinterpret_cast<const char*>(bytes), sizeof bytes)));
}

std::vector<std::string> CommaList(const std::string& text) {
  if (text.empty()) return {};
  return absl::StrSplit(text, ',');
}

const std::vector<CommandGroup>& AllCommands() {
  static const auto* groups = new std::vector<CommandGroup>{
      RegistryCommands(),     ActivityCommands(),    TrainingCommands(),
      BadgeCommands(),        DevelopmentCommands(), DashboardCommands(),
      TransparencyCommands(), AccessCommands(),      OperationsCommands()};
  return *groups;
}

std::string UsageText() {
  std::string text =
      "the command-line client of tutornetd.\n\n"
      "Usage: tutornetctl [--server=HOST:PORT] [--token_file=FILE] "
      "[--output=text|json] COMMAND ARGS...\n";
  for (const CommandGroup& group : AllCommands()) {
    absl::StrAppend(&text, "\n", group.title, ":\n");
    for (const CommandSpec& c : group.commands) {
      absl::StrAppend(&text, "  ", c.words, c.synopsis.empty() ? "" : " ",
                      c.synopsis, "\n      ", c.help, "\n");
    }
  }
  absl::StrAppend(&text, "\nFlags:\n");
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::StrContains(flag->Filename(), "tutornetctl")) {
      flags.push_back(flag);
    }
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  for (const absl::CommandLineFlag* flag : flags) {
    absl::StrAppend(&text, "  --", flag->Name(), "  ", flag->Help(), "\n");
  }
  absl::StrAppend(
      &text,
      "\nExit codes: 0 done, 1 bad usage, 2 server unreachable or failed, 3 "
      "request refused,\n4 import done with rejected lines.");
  return text;
}

}  // namespace tutornet::ctl
