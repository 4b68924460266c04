// Who may do what with funded projects and hour records: one pure policy,
// written with the shared scope checks of services/access/principal.h.
//
//   admin                 everything.
//   network_coordinator   in its network: creates and closes funded
//                         projects, closes months; logs (on a tutor's
//                         behalf), submits, approves, returns, amends and
//                         voids any record; corrects closed months; reads
//                         everything of its network.
//   regional_coordinator  the same for records of schools in its regions
//                         (the region of the school on the record's day,
//                         both before and after an amendment); reads the
//                         funded projects of its network (monthly totals,
//                         every person's, are the network coordinator's).
//   tutor                 logs, submits, amends and voids its own records
//                         while they are not approved; reads its own
//                         records and its network's funded projects.
//   funder                reads the funded projects of its token, their
//                         records and totals (person ids only); never
//                         writes.
// On their own records coordinators are tutors: no one approves or returns
// their own record, or changes it once approved. Denials are
// PERMISSION_DENIED naming who was refused what. Pure; thread-safe.
#ifndef TUTORNET_SERVICES_ACTIVITY_POLICY_H_
#define TUTORNET_SERVICES_ACTIVITY_POLICY_H_

#include <string>

#include "absl/status/status.h"
#include "services/access/principal.h"
#include "services/activity/state.h"
#include "tutornet/v1/activity.pb.h"

namespace tutornet::activity {

// Where a record is (or an entry would put it).
struct RecordScope {
  std::string network_id;
  std::string region_id;  // Of its school on its day; empty if unknown.
  std::string project_id;
};

RecordScope ScopeOf(const RecordState& record);

absl::Status AuthorizeProjectCommand(const access::Principal& p,
                                     const v1::ProjectCommand& command,
                                     const ProjectState& state);

// `current`: the record as it is (nullptr for a new one). `entry`: where a
// log or amend would put it (nullptr when there is no entry, or its
// project does not exist: the decider says so).
absl::Status AuthorizeHoursCommand(const access::Principal& p,
                                   const v1::HoursCommand& command,
                                   const RecordState* current,
                                   const RecordScope* entry);

// Reads.
bool MayReadRecord(const access::Principal& p, const std::string& person_id,
                   const RecordScope& record);
absl::Status AuthorizeRecordRead(const access::Principal& p,
                                 const std::string& person_id,
                                 const RecordScope& record);
// A funded project's definition.
absl::Status AuthorizeProjectRead(const access::Principal& p,
                                  const v1::CreateFundedProject& project);
// A funded project's monthly totals (every person's).
absl::Status AuthorizeTotalsRead(const access::Principal& p,
                                 const v1::CreateFundedProject& project);
// The queue of submitted records of a network (`region_id` empty: all of
// the caller's).
absl::Status AuthorizeQueueRead(const access::Principal& p,
                                const std::string& network_id,
                                const std::string& region_id);
// Listing records by person and/or project: what must be asked.
absl::Status AuthorizeRecordList(const access::Principal& p,
                                 const std::string& person_id,
                                 const std::string& project_id);

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_POLICY_H_
