// The --help of every tutornet program: flags named by their source file
// alone, never by the build machine's path, and --help / -h answered with
// exit code 0 (Abseil's own --help exits 1, the code for bad usage).
#ifndef TUTORNET_TOOLS_FLAGS_USAGE_H_
#define TUTORNET_TOOLS_FLAGS_USAGE_H_

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/string_view.h"

namespace tutornet {

// Call first in main. Prints `usage` and exits 0 for --help or -h.
inline void SetUpUsage(int argc, char** argv, const std::string& usage) {
  absl::FlagsUsageConfig config;
  config.normalize_filename = [](absl::string_view file) {
    const size_t slash = file.rfind('/');
    return std::string(
        slash == absl::string_view::npos ? file : file.substr(slash + 1));
  };
  absl::SetFlagsUsageConfig(config);
  absl::SetProgramUsageMessage(usage);
  const std::string program = config.normalize_filename(argv[0]);
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 ||
        std::strcmp(argv[i], "-h") == 0) {
      std::printf("%s: %s\n\nEvery flag: %s --helpfull\n", program.c_str(),
                  usage.c_str(), program.c_str());
      std::exit(0);
    }
  }
}

}  // namespace tutornet

#endif  // TUTORNET_TOOLS_FLAGS_USAGE_H_
