// Conversions between what a person types or reads and the API's
// messages, shared by the client's files. Pure; thread-safe.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_CONVERT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_CONVERT_H_

#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::ctl {

absl::Status FromGrpc(const grpc::Status& s);

// "2024-08-01" -> Date; INVALID_ARGUMENT naming `field` unless the text is
// exactly YYYY-MM-DD.
absl::StatusOr<v1::Date> ParseDate(const std::string& field,
                                   const std::string& text);

// The text to show for a name: Finnish, else Swedish, else English.
std::string DisplayName(const v1::LocalizedText& t);

// 570 -> "09:30".
std::string Clock(int minute);
// "2026-10-05".
std::string DateText(const v1::Date& d);
// 2026 -> "2026-27": a school year named by its autumn.
std::string SchoolYearText(int school_year);
// ("WORK_KIND_PEER_SUPPORT", "WORK_KIND_") -> "peer_support".
std::string Lower(absl::string_view enum_name, absl::string_view prefix);

// "tutor_teacher" -> ROLE_TUTOR_TEACHER, and likewise for other enums;
// INVALID_ARGUMENT naming `field` for text that is none of them.
template <typename Enum, typename Parse>
absl::StatusOr<Enum> ParseEnum(const std::string& field,
                               const std::string& prefix,
                               const std::string& text, Parse parse) {
  Enum value;
  if (!parse(prefix + absl::AsciiStrToUpper(text), &value) ||
      static_cast<int>(value) == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", text, "\" is not one; see --help"));
  }
  return value;
}

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_CONVERT_H_
