// The training service's read model: a projection of the training log
// into rows, and the queries answered from them.
//
// Rows (keys; values are serialised messages):
//   w/<stream>                              the network of a stream
//   t/<network>/<training>                  Training (no participants)
//   ty/<network>/<school year>/<training>   TrainingFacts: a session in that
//                                           year
//   fo/<network>/<training>                 TrainingFacts: its follow-up is
//                                           open
//   sa/<network>/<school>/<school year>/<training>/<person>
//                                           AttendedSessions of that year
//   p/<network>/<training>/<person>         Registration
//   f/<network>/<training>/<person>         FeedbackGiven (admins only)
//   r/<network>/<person>/<training>         (empty) a person's trainings
//   m/<network>/<meeting>                   Meeting
//   k/<network>/<takeover>                  TakeoverRecorded
//   a/<network>/<person>                    FacilitatorTrained
//   g/<network>/<group>                     PeerGroup
//
// Queries filter by the caller (policy.h): participants, attendance and
// comments only for organisers and trainers; who gave which score only for
// admins; reach and yearly figures for funders too.
//
// Pure functions over a RowReader; thread-safe.
#ifndef TUTORNET_SERVICES_TRAINING_READ_MODEL_H_
#define TUTORNET_SERVICES_TRAINING_READ_MODEL_H_

#include <map>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/projections/projection.h"
#include "services/training/context.h"
#include "tutornet/v1/training_service.pb.h"

namespace tutornet::training {

class TrainingProjection final : public projections::Projection {
 public:
  std::string name() const override { return "training"; }
  std::vector<std::string> sources() const override { return {kTrainingLog}; }
  // 2: tf/ rows. 3: ty/, fo/ and sa/ rows. 4: ty/ and fo/ rows hold the
  // training's facts (what figures count), and tf/ rows are gone.
  int version() const override { return 4; }
  absl::Status Apply(absl::string_view log, const storage::RecordedEvent& event,
                     projections::Rows& rows) const override;
};

// Trainings open for registration at `now` (or all), filtered.
absl::StatusOr<v1::ListTrainingsResponse> ListTrainings(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListTrainingsRequest& request, absl::Time now);
absl::StatusOr<v1::Training> GetTraining(const projections::RowReader& rows,
                                         const Principal& p,
                                         const v1::GetTrainingRequest& request);
absl::StatusOr<v1::ListRegistrationsResponse> ListRegistrations(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListRegistrationsRequest& request);
// NOT_FOUND unless the person attended every session.
absl::StatusOr<v1::Certificate> GetCertificate(
    const projections::RowReader& rows, const Principal& p,
    const v1::GetCertificateRequest& request);
absl::StatusOr<v1::ListFollowUpsResponse> ListFollowUps(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListFollowUpsRequest& request);
// The trainings of a network held in [from, to] (not cancelled, with the
// attendance of a session in the period recorded), each with the people
// present at one of its sessions in the period and their schools. No access
// check: for reports, which check their own.
struct HeldTraining {
  v1::TrainingFacts facts;
  std::map<std::string, std::string> attendees;  // person -> school
};
absl::StatusOr<std::vector<HeldTraining>> TrainingsHeld(
    const projections::RowReader& rows, const std::string& network_id,
    absl::CivilDay from, absl::CivilDay to);
// Visits what figures count of each training of a network with a session
// in [from, to], cancelled ones too, once each: only the rows of the
// period's school years are read. No access check: for dashboards and
// reports, which check their own.
absl::Status ScanTrainingsWithSessionIn(
    const projections::RowReader& rows, const std::string& network_id,
    absl::CivilDay from, absl::CivilDay to,
    absl::FunctionRef<void(const v1::TrainingFacts&)> visit);
// The same trainings by id, for a caller that looks them up.
using TrainingsById = std::map<std::string, v1::TrainingFacts, std::less<>>;
absl::StatusOr<TrainingsById> TrainingsWithSessionIn(
    const projections::RowReader& rows, const std::string& network_id,
    absl::CivilDay from, absl::CivilDay to);
// Visits what figures count of each training of a network whose follow-up
// is open. No access check.
absl::Status ScanOpenFollowUps(
    const projections::RowReader& rows, const std::string& network_id,
    absl::FunctionRef<void(const v1::TrainingFacts&)> visit);
// A day as TrainingFacts keeps session days: yyyymmdd.
int DayNumber(absl::CivilDay day);
// Whether one of the training's sessions is on a day in [from, to].
bool SessionIn(const v1::TrainingFacts& t, absl::CivilDay from,
               absl::CivilDay to);
// `registry` is the service's own view of the registry (schools, staff).
absl::StatusOr<v1::Reach> GetReach(const projections::RowReader& rows,
                                   const projections::RowReader& registry,
                                   const Principal& p,
                                   const v1::GetReachRequest& request);
// GetReach, and `also` sees each training with a session in the period,
// as ScanTrainingsWithSessionIn would, in the same scan (a dashboard's
// feedback figures).
absl::StatusOr<v1::Reach> GetReachAndVisit(
    const projections::RowReader& rows, const projections::RowReader& registry,
    const Principal& p, const v1::GetReachRequest& request,
    absl::FunctionRef<void(const v1::TrainingFacts&)> also);
absl::StatusOr<v1::ListMeetingsResponse> ListMeetings(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListMeetingsRequest& request);
absl::StatusOr<v1::ListPeerGroupsResponse> ListPeerGroups(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListPeerGroupsRequest& request);
absl::StatusOr<v1::YearFigures> GetYearFigures(
    const projections::RowReader& rows, const Principal& p,
    const v1::GetYearFiguresRequest& request);

}  // namespace tutornet::training

#endif  // TUTORNET_SERVICES_TRAINING_READ_MODEL_H_
