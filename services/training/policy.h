// Who may do what in the training context: one table of rules over the
// principal, the command, the stream's state and the registry facts.
//
//   anyone of the network  registers themself (funders never write) while
//                          registration is open; cancels their own
//                          registration; gives feedback on a training they
//                          attended (only they: not even admins)
//   organisers             admins; the network's coordinators; regional
//                          coordinators of the organising region (or the
//                          organising municipality's region): create,
//                          cancel, register others at any time, record
//                          attendance, close feedback and follow-ups
//   trainers               record attendance of their training
//   coordinators           register and cancel people of schools in their
//                          scope; regional meetings and school takeovers in
//                          their regions; network meetings, facilitator
//                          records and peer groups: network coordinators
//   peer-group facilitator records the group's meetings
//
// Reads: see the Can* functions. Denials are PERMISSION_DENIED; a
// self-registration outside the registration window is
// FAILED_PRECONDITION (the rule is the same for all; the time is wrong).
//
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_TRAINING_POLICY_H_
#define TUTORNET_SERVICES_TRAINING_POLICY_H_

#include <string>

#include "absl/status/status.h"
#include "services/access/principal.h"
#include "services/training/decider.h"
#include "services/training/state.h"

namespace tutornet::training {

using access::Principal;

// Whether `p` organises a training of `network_id` organised by `kind`
// whose organising region is `organiser_region_id`.
bool Organises(const Principal& p, const std::string& network_id,
               v1::OrganiserKind kind, const std::string& organiser_region_id);

absl::Status AuthorizeTrainingCommand(const Principal& p,
                                      const v1::TrainingCommand& command,
                                      const TrainingState& state,
                                      const Facts& facts);

absl::Status AuthorizeGatheringCommand(const Principal& p,
                                       const v1::GatheringCommand& command,
                                       const GatheringState& state,
                                       const Facts& facts);

// Reads.
// A training's participants, waiting list, attendance and comments:
// organisers, its trainers.
bool CanSeeParticipants(const Principal& p, const v1::CreateTraining& training,
                        const std::string& organiser_region_id);
// A person's registrations and certificates: the person, coordinators of
// the network, admins.
absl::Status AuthorizePersonRead(const Principal& p,
                                 const std::string& network_id,
                                 const std::string& person_id);
// Reach figures of a region (empty: the whole network): admins, the
// network's coordinators and funders; regional coordinators for their
// regions.
absl::Status AuthorizeReach(const Principal& p, const std::string& network_id,
                            const std::string& region_id);
// Meetings, takeovers and peer groups with who took part: everyone of the
// network but funders (who read the yearly figures).
absl::Status AuthorizeGatheringRead(const Principal& p,
                                    const std::string& network_id);

}  // namespace tutornet::training

#endif  // TUTORNET_SERVICES_TRAINING_POLICY_H_
