// The development service's read model: a projection of the development
// log into rows, and the queries answered from them. Plan against actual
// and digital mentors' hours read the approved minutes the activity view
// keeps (hm/, hs/: services/activity/read_model.h).
//
// Rows (keys; values are serialised messages or empty):
//   e/<stream>/<position>                          HistoryEntry
//   cat/<network>                                  Catalogue
//   pl/<network>/<year>/<person>                   ActivityPlan
//   ps/<network>/<year>/<school>/<person>          (index) plans whose latest
//                                                  or approved version names it
//   mr/<round>                                     MappingRound
//   ma/<round>/<person>                            MappingAnswered (latest)
//   tp/<network>/<person>                          TrainingPlan
//   mp/<process>                                   MentoringProcess
//   mn/<network>/<process>                         MentoringProcessSummary
//   wp/<period>, wn/<network>/<period>             WorkPairPeriod, index
//   wg/<network>/<person>                          FileWorkPairFollowUp: the
//                                                  latest stated gender
//   dm/<mentorship>, dn/<network>/<mentorship>     Mentorship, index
// Positions are 20 digits and kinds 2, so that keys sort by them. Get rows
// hold no history: it is read from e/ rows.
//
// Queries filter by the caller (policy.h) with the registry view's facts
// (a principal's school, a school's region).
//
// Pure functions over RowReaders; thread-safe.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_READ_MODEL_H_
#define TUTORNET_SERVICES_DEVELOPMENT_READ_MODEL_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/activity/read_model.h"
#include "services/development/context.h"
#include "services/projections/projection.h"
#include "tutornet/v1/development_service.pb.h"

namespace tutornet::development {

class DevelopmentProjection final : public projections::Projection {
 public:
  std::string name() const override { return "development"; }
  std::vector<std::string> sources() const override {
    return {kDevelopmentLog};
  }
  // 2: hour records left to the activity view (no hr/, hm/, hs/ rows).
  // 3: mn/ rows hold each process's summary.
  int version() const override { return 3; }
  absl::Status Apply(absl::string_view log, const storage::RecordedEvent& event,
                     projections::Rows& rows) const override;
};

// The smallest group shown in aggregate to those who may not see its
// members one by one: mapping answers of a scope, stated genders of a
// year's work pairs.
inline constexpr int kMinAnswersShown = 5;

// Every query: `rows` the development projection, `registry` the service's
// registry view, `now` for "today" in the registry's dated facts.
struct QueryContext {
  const projections::RowReader& rows;
  const projections::RowReader& registry;
  // The activity view: approved minutes for plan against actual.
  const projections::RowReader& hours;
  const Principal& caller;
  absl::Time now;
};

absl::StatusOr<v1::Catalogue> GetCatalogue(const QueryContext& q,
                                           const v1::GetCatalogueRequest& r);
absl::StatusOr<v1::ActivityPlan> GetActivityPlan(
    const QueryContext& q, const v1::GetActivityPlanRequest& r);
absl::StatusOr<v1::ListActivityPlansResponse> ListActivityPlans(
    const QueryContext& q, const v1::ListActivityPlansRequest& r);
absl::StatusOr<v1::PlanAgainstActual> GetPlanAgainstActual(
    const QueryContext& q, const v1::GetPlanAgainstActualRequest& r);
absl::StatusOr<v1::MappingRound> GetMappingRound(
    const QueryContext& q, const v1::GetMappingRoundRequest& r);
absl::StatusOr<v1::MappingResults> GetMappingResults(
    const QueryContext& q, const v1::GetMappingResultsRequest& r);
absl::StatusOr<v1::ListMappingAnswersResponse> ListMappingAnswers(
    const QueryContext& q, const v1::ListMappingAnswersRequest& r);
absl::StatusOr<v1::TrainingPlan> GetTrainingPlan(
    const QueryContext& q, const v1::GetTrainingPlanRequest& r);
absl::StatusOr<v1::MentoringProcess> GetMentoringProcess(
    const QueryContext& q, const v1::GetMentoringProcessRequest& r);
absl::StatusOr<v1::ListMentoringProcessesResponse> ListMentoringProcesses(
    const QueryContext& q, const v1::ListMentoringProcessesRequest& r);
// ListMentoringProcesses for a caller that only counts: each summary is
// visited in place (the same message parsed again for the next), with no
// response built.
absl::Status VisitMentoringProcesses(
    const QueryContext& q, const v1::ListMentoringProcessesRequest& r,
    absl::FunctionRef<void(const v1::MentoringProcessSummary&)> visit);
absl::StatusOr<v1::WorkPairPeriod> GetWorkPairPeriod(
    const QueryContext& q, const v1::GetWorkPairPeriodRequest& r);
absl::StatusOr<v1::ListWorkPairPeriodsResponse> ListWorkPairPeriods(
    const QueryContext& q, const v1::ListWorkPairPeriodsRequest& r);
absl::StatusOr<v1::WorkPairFigures> GetWorkPairFigures(
    const QueryContext& q, const v1::GetWorkPairFiguresRequest& r);
absl::StatusOr<v1::Mentorship> GetMentorship(const QueryContext& q,
                                             const v1::GetMentorshipRequest& r);
absl::StatusOr<v1::ListMentorshipsResponse> ListMentorships(
    const QueryContext& q, const v1::ListMentorshipsRequest& r);

// For reports, which check access themselves:
// the closed mapping rounds of a network, each with its answering
// people's schools;
struct RoundAnswers {
  v1::OpenMappingRound round;
  std::map<std::string, std::string> schools;  // person -> school
};
absl::StatusOr<std::vector<RoundAnswers>> ClosedRoundAnswers(
    const projections::RowReader& rows, const std::string& network_id);
// and the people with an activity plan (in any state) for a school year.
absl::StatusOr<std::set<std::string>> PlanHolders(
    const projections::RowReader& rows, const std::string& network_id,
    int school_year);

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_READ_MODEL_H_
