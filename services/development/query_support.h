// What the development queries share: a stream's history, the registry's
// facts about the caller and a school, approved minutes by month.
// Internal to services/development/.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_QUERY_SUPPORT_H_
#define TUTORNET_SERVICES_DEVELOPMENT_QUERY_SUPPORT_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "services/development/read_model.h"

namespace tutornet::development {

// Every event of `stream`, oldest first.
absl::StatusOr<google::protobuf::RepeatedPtrField<v1::HistoryEntry>> History(
    const projections::RowReader& rows, absl::string_view stream);

// Whether the caller is the registry's principal of `school` today (never
// with a funder's token).
absl::StatusOr<bool> CallerIsPrincipal(const QueryContext& q,
                                       const std::string& network,
                                       const std::string& school);
// Whether the caller is principal of one of `schools` today.
absl::StatusOr<bool> CallerIsPrincipalOfAny(
    const QueryContext& q, const std::string& network,
    const google::protobuf::RepeatedPtrField<std::string>& schools);
// The regions of `schools` today ("" for an unknown school).
absl::StatusOr<std::vector<std::string>> RegionsOf(
    const QueryContext& q, const std::string& network,
    const google::protobuf::RepeatedPtrField<std::string>& schools);

// "2026-08": months sort as their keys.
std::string MonthKey(int year, int month);

// Calls `visit(school, kind, minutes)` for each approved-minute row of the
// activity view (`rows`) under `prefix` (hm/<network>/<person>/ or
// hs/<network>/<school>/) whose month is in [first, last] ("yyyy-mm").
absl::Status ScanMinutes(
    const projections::RowReader& rows, const std::string& prefix,
    const std::string& first, const std::string& last,
    absl::FunctionRef<void(absl::string_view rest, int kind, int64_t minutes)>
        visit);

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_QUERY_SUPPORT_H_
