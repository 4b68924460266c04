// How tutornetctl prints: aligned tables for people (columns measured in
// characters as a terminal shows them, so "Jyväskylä" does not shift a
// column) or protobuf's JSON mapping for scripts (--output=json).
#ifndef TUTORNET_TOOLS_TUTORNETCTL_OUTPUT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_OUTPUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace tutornet::ctl {

enum class OutputFormat { kText, kJson };
void SetOutputFormat(OutputFormat format);
bool JsonOutput();

// The number of terminal columns `text` (UTF-8) takes: one per character,
// none for combining marks, two for East Asian wide characters.
size_t DisplayWidth(absl::string_view text);

// Rows of cells, printed with every column as wide as its widest cell.
class Table {
 public:
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

// Progress on stderr: a bar when it is a terminal, nothing otherwise (a
// log file gets the summary only). "[#####     ]  50% 5/10 lines".
class ProgressBar {
 public:
  ProgressBar(uint64_t total, std::string unit);
  void Show(uint64_t done);
  void End();

 private:
  const uint64_t total_;
  const std::string unit_;
  const bool terminal_;
  uint64_t shown_ = 101;
};

// Prints `message` in protobuf's JSON mapping, indented.
void PrintJson(const google::protobuf::Message& message);
// With --output=json, prints `message` so and returns true; else false.
bool PrintedAsJson(const google::protobuf::Message& message);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_OUTPUT_H_
