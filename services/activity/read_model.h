// The activity service's read model: a projection of the activity log
// into rows, and the queries answered from them. Each query filters by the
// caller's scope (policy.h) as it reads.
//
// Rows (keys; values are serialised messages or empty):
//   f/<project>                                FundedProject
//   fn/<network>/<project>                     (index)
//   r/<person>/<record>                        HourRecord with its history
//   t/<person>/<yyyy-mm>/<record>              (index: a person's month)
//   j/<project>/<yyyy-mm>/<person>/<record>    (index: a project's month)
//   jt/<project>/<yyyy-mm>                     ProjectMonthTotals: approved
//                                              and pending minutes by person
//   q/<network>/<position>/<person>/<record>   (index: submitted, oldest first)
//   c/<project>/<yyyy-mm>                      MonthClosed
//   x/<project>/<yyyy-mm>/<position>/<person>/<record>   MonthCorrection
//   hp/<network>/<municipality>/<yyyy-mm>/<project>
//                                              PlaceMonthHours: approved
//   (a month's figures by the school's municipality and project, by kind
//   and by tutor, for dashboards; a municipality's months together; a
//   row goes when its records fall to 0)
//   hm/<network>/<person>/<yyyy-mm>/<school>/<kk>  MinutesRow, approved
//   hs/<network>/<school>/<yyyy-mm>/<kk>           MinutesRow, approved
//   (a person's and a school's month by kind, for the development
//   service's plan against actual; a row goes when it falls to 0)
// Positions are 20 digits, so that keys sort by them.
//
// The projection's Apply is in hours_projection.cc, the queries in
// read_model.cc. Pure functions over a RowReader; thread-safe.
#ifndef TUTORNET_SERVICES_ACTIVITY_READ_MODEL_H_
#define TUTORNET_SERVICES_ACTIVITY_READ_MODEL_H_

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "services/access/principal.h"
#include "services/activity/state.h"
#include "services/projections/projection.h"
#include "tutornet/v1/activity_service.pb.h"
#include "tutornet/v1/dashboard_service.pb.h"

namespace tutornet::activity {

// The row of one hour record: r/<person>/<record>.
inline std::string HourRecordKey(absl::string_view person,
                                 absl::string_view record) {
  return absl::StrCat("r/", person, "/", record);
}

// A record in its project's month (a key, no value):
// j/<project>/<month>/<person>/<record>.
inline std::string ProjectMonthKey(absl::string_view project,
                                   absl::string_view month,
                                   absl::string_view person,
                                   absl::string_view record) {
  return absl::StrCat("j/", project, "/", month, "/", person, "/", record);
}

// The totals of a project's month by person: jt/<project>/<month>.
inline std::string ProjectMonthTotalsKey(absl::string_view project,
                                         absl::string_view month) {
  return absl::StrCat("jt/", project, "/", month);
}

// The approved minutes of a person's month at a school, of one kind ("kk":
// two digits): hm/<network>/<person>/<yyyy-mm>/<school>/<kk>.
inline std::string PersonMinutesKey(absl::string_view network,
                                    absl::string_view person,
                                    absl::string_view month,
                                    absl::string_view school,
                                    absl::string_view kind) {
  return absl::StrCat("hm/", network, "/", person, "/", month, "/", school, "/",
                      kind);
}
// ... and of a school's month: hs/<network>/<school>/<yyyy-mm>/<kk>.
inline std::string SchoolMinutesKey(absl::string_view network,
                                    absl::string_view school,
                                    absl::string_view month,
                                    absl::string_view kind) {
  return absl::StrCat("hs/", network, "/", school, "/", month, "/", kind);
}

// The name of the activity service's log.
inline constexpr char kActivityLog[] = "activity";
// A place's month figures: hp/<network>/<municipality>/<yyyy-mm>/<project>,
// a municipality's months together (a municipality's dashboard reads its
// own rows, not the network's).
inline constexpr char kHoursByPlace[] = "hp/";

class HoursProjection final : public projections::Projection {
 public:
  std::string name() const override { return "activity"; }
  std::vector<std::string> sources() const override { return {kActivityLog}; }
  // 2: the month figures by place, kind and tutor (hk/, ht/).
  // 3: j/ rows carry the record's status and minutes (RecordInMonth,
  //    gone in 6).
  // 4: one row per place and month (hp/) instead of hk/ and ht/.
  // 5: a person's and a school's approved minutes by month (hm/, hs/),
  //    which the development view kept from its own copy of the log.
  // 6: a project's month totals by person in one row (jt/); j/ rows are
  //    keys only, written when a record moves.
  // 7: hp/ rows keyed by municipality before month.
  // 8: jt/ rows numbered as MonthlyTotals' fields, sent as they are.
  int version() const override { return 8; }
  absl::Status Apply(absl::string_view log, const storage::RecordedEvent& event,
                     projections::Rows& rows) const override;
};

// NOT_FOUND for an unknown project; PERMISSION_DENIED outside the caller's
// scope.
absl::StatusOr<v1::FundedProject> GetFundedProject(
    const projections::RowReader& rows, const access::Principal& p,
    const std::string& project_id);
absl::StatusOr<v1::ListFundedProjectsResponse> ListFundedProjects(
    const projections::RowReader& rows, const access::Principal& p,
    const std::string& network_id);
// INVALID_ARGUMENT without a person or project, or without a valid month.
absl::StatusOr<v1::ListHourRecordsResponse> ListHourRecords(
    const projections::RowReader& rows, const access::Principal& p,
    const v1::ListHourRecordsRequest& request);
absl::StatusOr<v1::ListHourRecordsResponse> ListSubmittedHours(
    const projections::RowReader& rows, const access::Principal& p,
    const v1::ListSubmittedHoursRequest& request);
absl::StatusOr<v1::HourRecord> GetHourRecord(
    const projections::RowReader& rows, const access::Principal& p,
    const v1::GetHourRecordRequest& request);
// A project's month totals, in two parts: `head` is what is made here
// (project, month, closed, corrections), `stored` the approved, pending and
// closing fields as the jt/ and c/ rows hold them, never parsed (a large
// project's month is thousands of people). head serialized and followed by
// `stored` is the MonthlyTotals: protobuf merges concatenated messages.
struct MonthlyTotalsParts {
  v1::MonthlyTotals head;
  std::string stored;
};
absl::StatusOr<MonthlyTotalsParts> GetMonthlyTotals(
    const projections::RowReader& rows, const access::Principal& p,
    const v1::GetMonthlyTotalsRequest& request);

// The approved minutes per person of a project's month as the rows stand
// (what a month's closing records), ordered by person id.
absl::StatusOr<std::vector<v1::PersonMinutes>> ApprovedMinutes(
    const projections::RowReader& rows, const std::string& project_id,
    MonthKey month);

// Approved minutes of the months `from` to `to` (inclusive) of a network,
// by month, kind and tutor, of the records whose school's municipality is
// in the scope and whose project is in `scope.projects` (null: any). A
// region is a set of municipalities on a day, which the caller asks the
// registry for: a municipality moved to another region takes its hours
// with it. No access check: for dashboards, which check their own.
struct HoursScope {
  // Only this municipality (its rows alone are read); any when empty.
  std::string municipality_id;
  // Only the municipalities this accepts; any when unset. Both apply when
  // both are set.
  std::function<bool(absl::string_view municipality_id)> municipality;
  const std::set<std::string>* projects = nullptr;
};
absl::StatusOr<v1::HoursFigures> GetHoursFigures(
    const projections::RowReader& rows, const std::string& network_id,
    const HoursScope& scope, MonthKey from, MonthKey to);

// A closed month's closing as recorded. For whoever may read the month's
// totals; errors as GetMonthlyTotals, and FAILED_PRECONDITION while the
// month is open.
absl::StatusOr<v1::MonthClosed> GetClosedMonth(
    const projections::RowReader& rows, const access::Principal& p,
    const std::string& project_id, const v1::Month& month);

// What a closed month's report is built from (month_report_bundle.h): the
// closing, and the steps of the records it counts or whose steps since
// correct it. Errors as GetClosedMonth.
struct MonthReportSources {
  v1::MonthClosed closing;
  // The position of every step, in log order, of each record the month's
  // rows name: in the month now (j/) or corrected since its closing (x/).
  // A record counted at the closing is in one of them: a step that moves it
  // out corrects the month.
  std::vector<uint64_t> positions;
};
absl::StatusOr<MonthReportSources> GetMonthReportSources(
    const projections::RowReader& rows, const access::Principal& p,
    const std::string& project_id, const v1::Month& month);

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_READ_MODEL_H_
