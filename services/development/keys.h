// Stream names (development.proto) and row keys (read_model.h) of the
// development context, written in one place: the read model finds a
// process's history by its stream's name.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_KEYS_H_
#define TUTORNET_SERVICES_DEVELOPMENT_KEYS_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tutornet::development {

inline std::string PlanStreamName(absl::string_view network,
                                  absl::string_view person, int year) {
  return absl::StrCat("plan-", network, ":", person, ":", year);
}
inline std::string TrainingPlanStreamName(absl::string_view network,
                                          absl::string_view person) {
  return absl::StrCat("trainingplan-", network, ":", person);
}
inline constexpr char kRoundStream[] = "mapping-";
inline constexpr char kProcessStream[] = "mentoring-";
inline constexpr char kPeriodStream[] = "workpair-";
inline constexpr char kMentorshipStream[] = "digimentor-";

inline std::string HistoryKey(absl::string_view stream, uint64_t position) {
  return absl::StrCat("e/", stream, "/", absl::StrFormat("%020d", position));
}
inline std::string HistoryPrefix(absl::string_view stream) {
  return absl::StrCat("e/", stream, "/");
}
inline std::string PlanKey(absl::string_view network, int year,
                           absl::string_view person) {
  return absl::StrCat("pl/", network, "/", year, "/", person);
}
inline std::string RoundKey(absl::string_view round) {
  return absl::StrCat("mr/", round);
}
inline std::string TrainingPlanKey(absl::string_view network,
                                   absl::string_view person) {
  return absl::StrCat("tp/", network, "/", person);
}
inline std::string ProcessKey(absl::string_view id) {
  return absl::StrCat("mp/", id);
}
inline std::string PeriodKey(absl::string_view id) {
  return absl::StrCat("wp/", id);
}
// A person's latest stated gender (a FileWorkPairFollowUp).
inline std::string GenderKey(absl::string_view network,
                             absl::string_view person) {
  return absl::StrCat("wg/", network, "/", person);
}
inline std::string MentorshipKey(absl::string_view id) {
  return absl::StrCat("dm/", id);
}

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_KEYS_H_
