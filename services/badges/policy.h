// Who may do what in the badges context: one table of rules over the
// principal, the command, the stream's state and the gathered facts.
//
//   anyone of the network  applies for themself (funders never write);
//                          revises their own returned application;
//                          recognises a colleague's application (never
//                          their own)
//   supervisors            principals (registry role) of the
//                          application's school: the supervisor's
//                          recognition
//   reviewers              named per class: accept, return or reject
//                          applications of that class; admins too; no one
//                          reviews their own application
//   network coordinators   define classes, name reviewers, retire classes,
//                          import and revoke awards (and admins)
//
// Reads: see the Can*/Authorize* functions. Denials are PERMISSION_DENIED.
//
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_BADGES_POLICY_H_
#define TUTORNET_SERVICES_BADGES_POLICY_H_

#include <string>

#include "absl/status/status.h"
#include "services/access/principal.h"
#include "services/badges/decider.h"
#include "services/badges/state.h"

namespace tutornet::badges {

using access::Principal;

absl::Status AuthorizeCatalogCommand(const Principal& p,
                                     const v1::BadgeCatalogCommand& command);

absl::Status AuthorizeHolderCommand(const Principal& p,
                                    const v1::BadgeHolderCommand& command,
                                    const HolderState& state,
                                    const Facts& facts);

// Whether `p` reviews applications of `c` (named, or an admin).
bool Reviews(const Principal& p, const v1::BadgeClass& c);

// The badge classes of a network: everyone of it (they are public).
absl::Status AuthorizeCatalogRead(const Principal& p,
                                  const std::string& network_id);
// A person's applications, awards and credentials: the person, the
// network's coordinators, admins; regional coordinators see the ones
// placed in their regions (CanSeePlacement).
absl::Status AuthorizePersonRead(const Principal& p,
                                 const std::string& network_id,
                                 const std::string& person_id);
bool CanSeePlacement(const Principal& p, const v1::Placement& placement);
// A class's holders: coordinators (regional: their regions' holders).
absl::Status AuthorizeHoldersRead(const Principal& p,
                                  const std::string& network_id);
// Figures of a region (empty: the network, a municipality or school of
// it: their region): admins, the network's coordinators and funders;
// regional coordinators for their regions.
absl::Status AuthorizeFigures(const Principal& p, const std::string& network_id,
                              const std::string& region_id);

}  // namespace tutornet::badges

#endif  // TUTORNET_SERVICES_BADGES_POLICY_H_
