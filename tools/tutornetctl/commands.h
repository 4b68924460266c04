// tutornetctl's commands as tables, one per service, each in its own file
// (registry_commands.cc, access_commands.cc). A table yields both the
// parser and the usage text, so the two cannot drift apart.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_COMMANDS_H_
#define TUTORNET_TOOLS_TUTORNETCTL_COMMANDS_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "tools/tutornetctl/client.h"

namespace tutornet::ctl {

using Args = std::vector<std::string>;

struct CommandSpec {
  std::string words;     // "school list"
  std::string synopsis;  // "NETWORK [--region=R]"
  std::string help;      // One line: what it does.
  size_t min_args = 0;   // Positional arguments after the words.
  size_t max_args = 0;
  std::function<int(Client&, const Args&)> run;
};

struct CommandGroup {
  std::string title;  // "Registry (networks, regions, schools, roles, people)"
  std::vector<CommandSpec> commands;
};

CommandGroup RegistryCommands();
CommandGroup ActivityCommands();
CommandGroup TrainingCommands();
CommandGroup BadgeCommands();
CommandGroup DevelopmentCommands();
CommandGroup DashboardCommands();
CommandGroup TransparencyCommands();
CommandGroup AccessCommands();
CommandGroup OperationsCommands();

// Every group, in the order usage lists them.
const std::vector<CommandGroup>& AllCommands();
// The usage text, made from the tables.
std::string UsageText();

// A fresh request id for one command ("ctl-" and 24 random hex digits).
std::string RandomRequestId();
// "a,b" -> {"a", "b"}; "" -> {}.
std::vector<std::string> CommaList(const std::string& text);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_COMMANDS_H_
