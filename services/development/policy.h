// Who may do what in the development context: one table of rules over the
// principal, the command, the stream's state and the registry facts.
//
//   network coordinators  the catalogue; decide, and close, work-pair
//                         periods (the project manager)
//   coordinators          (admins, the network's coordinators, regional
//                         coordinators of the schools' regions) open and
//                         close mapping rounds; start and steer mentoring
//                         processes; appoint digital mentors; apply for
//                         work-pair periods of partners in their regions
//   a tutor               submits and revises only their own activity plan
//                         (nobody else does, not even an admin)
//   a principal           (ROLE_PRINCIPAL at the school in the registry)
//                         approves or returns plans of their school, never
//                         their own
//   a teacher             answers mapping rounds for themself only; keeps
//                         their own training plan (with the network's
//                         coordinators: teachers are in no region)
//   mentors, team members of a process enter its phases and record
//                         methods; mentors and the school's principal change
//                         its team
//   partners              apply for their period, file its goals and days;
//                         each their own follow-up (only they)
//   a digital mentor      follows up their own goals
//   funders               never write, whatever their token's id
//
// A command on a stream that does not exist yet passes here when it is
// not a creation, so that the decider answers NOT_FOUND. Denials are
// PERMISSION_DENIED.
//
// Reads: the Authorize*Read functions, fed with the registry facts the
// query looked up.
//
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_DEVELOPMENT_POLICY_H_
#define TUTORNET_SERVICES_DEVELOPMENT_POLICY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/access/principal.h"
#include "services/development/decider.h"
#include "services/development/state.h"

namespace tutornet::development {

using access::Principal;

absl::Status AuthorizeCommand(const Principal& p,
                              const v1::DevelopmentCommand& command,
                              const DevelopmentState& state,
                              const Facts& facts);

// Admins, the network's coordinators, and regional coordinators whose
// regions hold every one of `region_ids` (none: network coordinators).
bool CoversAll(const Principal& p, const std::string& network_id,
               const std::vector<std::string>& region_ids);
// Admins, the network's coordinators, and regional coordinators whose
// regions hold one of `region_ids`.
bool CoversAny(const Principal& p, const std::string& network_id,
               const std::vector<std::string>& region_ids);

// Reads, each PERMISSION_DENIED naming what was refused.
// Everyone of the network, funders too: the catalogue, a round, mapping
// results (small scopes suppressed), process summaries.
absl::Status AuthorizeNetworkRead(const Principal& p,
                                  const std::string& network_id,
                                  absl::string_view what);
// A person's plan, training plan, plan against actual: the person,
// principals of its schools (`principal`), coordinators covering one of
// its schools' regions, admins.
absl::Status AuthorizePersonalRead(const Principal& p,
                                   const std::string& network_id,
                                   const std::string& person_id, bool principal,
                                   const std::vector<std::string>& regions,
                                   absl::string_view what);
// A school's plans and plan against actual: its principal, coordinators of
// its region, admins; funders too with `aggregate`.
absl::Status AuthorizeSchoolRead(const Principal& p,
                                 const std::string& network_id,
                                 const std::string& region_id, bool principal,
                                 bool aggregate, absl::string_view what);
// Process details (who is in the team, notes): everyone of the network
// but funders.
absl::Status AuthorizeMemberRead(const Principal& p,
                                 const std::string& network_id,
                                 absl::string_view what);
// Work-pair figures: coordinators, funders, admins.
absl::Status AuthorizeFiguresRead(const Principal& p,
                                  const std::string& network_id);

}  // namespace tutornet::development

#endif  // TUTORNET_SERVICES_DEVELOPMENT_POLICY_H_
