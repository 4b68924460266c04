#include "services/development/query_support.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "services/development/keys.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::development {

absl::StatusOr<google::protobuf::RepeatedPtrField<v1::HistoryEntry>> History(
    const projections::RowReader& rows, absl::string_view stream) {
  google::protobuf::RepeatedPtrField<v1::HistoryEntry> history;
  RETURN_IF_ERROR(projections::ScanRows<v1::HistoryEntry>(
      rows, HistoryPrefix(stream),
      [&](absl::string_view, v1::HistoryEntry e) { *history.Add() = e; }));
  return history;
}

absl::StatusOr<bool> CallerIsPrincipal(const QueryContext& q,
                                       const std::string& network,
                                       const std::string& school) {
  // A funder's token is never a principal, whatever its id.
  if (school.empty() || q.caller.role == access::AccessRole::kFunder) {
    return false;
  }
  return registry::HoldsRoleAtSchool(q.registry, q.caller.id, network,
                                     v1::ROLE_PRINCIPAL, school,
                                     values::FinnishDay(q.now));
}

absl::StatusOr<bool> CallerIsPrincipalOfAny(
    const QueryContext& q, const std::string& network,
    const google::protobuf::RepeatedPtrField<std::string>& schools) {
  for (const std::string& school : schools) {
    ASSIGN_OR_RETURN(bool principal, CallerIsPrincipal(q, network, school));
    if (principal) return true;
  }
  return false;
}

absl::StatusOr<std::vector<std::string>> RegionsOf(
    const QueryContext& q, const std::string& network,
    const google::protobuf::RepeatedPtrField<std::string>& schools) {
  std::vector<std::string> regions;
  for (const std::string& school : schools) {
    ASSIGN_OR_RETURN(std::optional<registry::SchoolOnDay> on,
                     registry::SchoolOn(q.registry, network, school,
                                        values::FinnishDay(q.now)));
    regions.push_back(on.has_value() ? on->region_id : "");
  }
  return regions;
}

std::string MonthKey(int year, int month) {
  return absl::StrFormat("%04d-%02d", year, month);
}

absl::Status ScanMinutes(
    const projections::RowReader& rows, const std::string& prefix,
    const std::string& first, const std::string& last,
    absl::FunctionRef<void(absl::string_view rest, int kind, int64_t minutes)>
        visit) {
  const std::string start = prefix + first;
  absl::Status parsed;
  RETURN_IF_ERROR(rows.Scan(
      prefix, start, [&](absl::string_view key, absl::string_view value) {
        // <prefix><yyyy-mm>/<rest...>/<kk>
        absl::string_view tail = key.substr(prefix.size());
        if (tail.substr(0, 7) > last) return false;
        const size_t kind_at = tail.rfind('/');
        int kind = 0;
        v1::MinutesRow row;
        if (tail.size() < 9 || kind_at == absl::string_view::npos ||
            !absl::SimpleAtoi(tail.substr(kind_at + 1), &kind) ||
            !row.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parsed = projections::CorruptRow(key);
          return false;
        }
        absl::string_view rest =
            kind_at > 8 ? tail.substr(8, kind_at - 8) : absl::string_view();
        visit(rest, kind, row.minutes());
        return true;
      }));
  return parsed;
}

}  // namespace tutornet::development
