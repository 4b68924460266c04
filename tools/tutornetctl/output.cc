#include "tools/tutornetctl/output.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "google/protobuf/util/json_util.h"

namespace tutornet::ctl {
namespace {

OutputFormat output_format = OutputFormat::kText;

bool Combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
         (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
         (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200b || c == 0x200d;
}

bool Wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
         (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
         (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
         (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) ||
         (c >= 0x20000 && c <= 0x3fffd);
}

}  // namespace

void SetOutputFormat(OutputFormat format) { output_format = format; }
bool JsonOutput() { return output_format == OutputFormat::kJson; }

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const int length = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    char32_t c = length == 1   ? b
                 : length == 2 ? b & 0x1f
                 : length == 3 ? b & 0x0f
                               : b & 0x07;
    for (int k = 1; k < length && i + k < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
    }
    i += length;
    width += Combining(c) ? 0 : Wide(c) ? 2 : 1;
  }
  return width;
}

void Table::Print() const {
  std::vector<size_t> widths;
  for (const auto& row : rows_) {
    widths.resize(std::max(widths.size(), row.size()), 0);
    for (size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  for (const auto& row : rows_) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) {
        line.append(widths[c] - DisplayWidth(row[c]) + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  }
}

void PrintJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  std::printf("%s", json.c_str());
  if (json.empty() || json.back() != '\n') std::printf("\n");
}

bool PrintedAsJson(const google::protobuf::Message& message) {
  if (!JsonOutput()) return false;
  PrintJson(message);
  return true;
}

ProgressBar::ProgressBar(uint64_t total, std::string unit)
    : total_(total),
      unit_(std::move(unit)),
      terminal_(isatty(STDERR_FILENO) == 1) {}

void ProgressBar::Show(uint64_t done) {
  if (!terminal_ || total_ == 0) return;
  const uint64_t percent = std::min<uint64_t>(done * 100 / total_, 100);
  if (percent == shown_ && done != total_) return;
  shown_ = percent;
  constexpr uint64_t kWidth = 30;
  const uint64_t filled = std::min(done * kWidth / total_, kWidth);
  std::fprintf(stderr, "\r[%s%s] %3llu%% %llu/%llu %s",
               std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(),
               static_cast<unsigned long long>(percent),
               static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total_), unit_.c_str());
}

void ProgressBar::End() {
  if (terminal_) std::fprintf(stderr, "\n");
}

}  // namespace tutornet::ctl
