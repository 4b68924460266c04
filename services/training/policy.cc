#include "services/training/policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "status/status_macros.h"

namespace tutornet::training {
namespace {

using access::AccessRole;
using access::Denied;

bool IsNetworkCoordinator(const Principal& p, const std::string& network_id) {
  return access::IsAdmin(p) || (p.role == AccessRole::kNetworkCoordinator &&
                                p.network_id == network_id);
}

// Admins, the network's coordinators and regional coordinators of
// `region_id`.
bool CoversRegion(const Principal& p, const std::string& network_id,
                  const std::string& region_id) {
  return access::RequireRegion(p, network_id, region_id, "").ok();
}

bool IsTrainer(const Principal& p, const v1::CreateTraining& t) {
  return p.network_id == t.network_id() &&
         std::find(t.trainer_ids().begin(), t.trainer_ids().end(), p.id) !=
             t.trainer_ids().end();
}

absl::Status RequireOrganiser(const Principal& p, const TrainingState& s,
                              absl::string_view what) {
  if (Organises(p, s.definition.network_id(), s.definition.organiser().kind(),
                s.organiser_region_id)) {
    return absl::OkStatus();
  }
  return Denied(
      p, absl::StrCat(what, " of training \"", s.definition.training_id(),
                      "\", which it does not organise"));
}

absl::Status AuthorizeCreate(const Principal& p, const v1::CreateTraining& c,
                             const Facts& facts) {
  RETURN_IF_ERROR(access::RequireNetwork(p, c.network_id(), "organise"));
  switch (c.organiser().kind()) {
    case v1::ORGANISER_KIND_REGION:
      return access::RequireRegion(p, c.network_id(), c.organiser().region_id(),
                                   "organise trainings of the region");
    case v1::ORGANISER_KIND_MUNICIPALITY:
      return access::RequireRegion(p, c.network_id(),
                                   facts.organiser.placement.region_id(),
                                   "organise trainings of the municipality");
    default:
      if (IsNetworkCoordinator(p, c.network_id())) return absl::OkStatus();
      return Denied(p, "organise network or partner trainings");
  }
}

absl::Status AuthorizeRegister(const Principal& p,
                               const v1::RegisterForTraining& c,
                               const TrainingState& s, const Facts& facts) {
  const std::string& network = s.definition.network_id();
  if (p.role == AccessRole::kFunder) return Denied(p, "register");
  RETURN_IF_ERROR(access::RequireNetwork(p, network, "register"));
  const bool organiser = Organises(p, network, s.definition.organiser().kind(),
                                   s.organiser_region_id);
  if (p.id != c.person_id() && !organiser &&
      !CoversRegion(p, network, facts.school.placement.region_id())) {
    return Denied(p, absl::StrCat("register ", c.person_id(),
                                  ", of a school outside its scope"));
  }
  // One's own registration is taken while registration is open; an
  // organiser (or coordinator) enters others' from sign-up sheets too.
  // A registered person's retry is the decider's to answer.
  if (p.id == c.person_id() && !organiser && !s.Registered(c.person_id())) {
    const absl::CivilMinute opens =
        ToCivilMinute(s.definition.registration_opens());
    const absl::CivilMinute closes =
        ToCivilMinute(s.definition.registration_closes());
    if (facts.now < opens || facts.now >= closes) {
      return absl::FailedPreconditionError(absl::StrCat(
          "registration for \"", s.definition.training_id(), "\" is open from ",
          absl::FormatCivilTime(opens), " to ", absl::FormatCivilTime(closes)));
    }
  }
  return absl::OkStatus();
}

absl::Status AuthorizeCancelRegistration(const Principal& p,
                                         const v1::CancelRegistration& c,
                                         const TrainingState& s) {
  const std::string& network = s.definition.network_id();
  RETURN_IF_ERROR(access::RequireNetwork(p, network, "cancel registrations"));
  if (p.role == AccessRole::kFunder) return Denied(p, "cancel registrations");
  if (p.id == c.person_id()) return absl::OkStatus();
  if (Organises(p, network, s.definition.organiser().kind(),
                s.organiser_region_id)) {
    return absl::OkStatus();
  }
  std::string region;
  if (auto it = s.places.find(c.person_id()); it != s.places.end()) {
    region = it->second.placement.region_id();
  }
  for (const auto& [person, w] : s.waiting) {
    if (person == c.person_id()) region = w.placement.region_id();
  }
  if (!region.empty() && CoversRegion(p, network, region)) {
    return absl::OkStatus();
  }
  return Denied(p, absl::StrCat("cancel the registration of ", c.person_id()));
}

}  // namespace

bool Organises(const Principal& p, const std::string& network_id,
               v1::OrganiserKind kind, const std::string& organiser_region_id) {
  if (IsNetworkCoordinator(p, network_id)) return true;
  if (kind != v1::ORGANISER_KIND_REGION &&
      kind != v1::ORGANISER_KIND_MUNICIPALITY) {
    return false;
  }
  return p.role == AccessRole::kRegionalCoordinator &&
         p.network_id == network_id && !organiser_region_id.empty() &&
         p.region_ids.count(organiser_region_id) > 0;
}

absl::Status AuthorizeTrainingCommand(const Principal& p,
                                      const v1::TrainingCommand& command,
                                      const TrainingState& s,
                                      const Facts& facts) {
  if (command.has_create()) return AuthorizeCreate(p, command.create(), facts);
  // A training that does not exist is the decider's NOT_FOUND.
  if (!s.exists) return absl::OkStatus();
  switch (command.command_case()) {
    case v1::TrainingCommand::kCancel:
      return RequireOrganiser(p, s, "cancel");
    case v1::TrainingCommand::kRegister:
      return AuthorizeRegister(p, command.register_(), s, facts);
    case v1::TrainingCommand::kCancelRegistration:
      return AuthorizeCancelRegistration(p, command.cancel_registration(), s);
    case v1::TrainingCommand::kRecordAttendance:
      if (IsTrainer(p, s.definition)) return absl::OkStatus();
      return RequireOrganiser(p, s, "record attendance");
    case v1::TrainingCommand::kGiveFeedback:
      if (p.role != AccessRole::kFunder &&
          p.id == command.give_feedback().person_id() &&
          (access::IsAdmin(p) || p.network_id == s.definition.network_id())) {
        return absl::OkStatus();
      }
      return Denied(p, "give feedback for anyone but itself");
    case v1::TrainingCommand::kCloseFeedback:
      return RequireOrganiser(p, s, "close the feedback");
    case v1::TrainingCommand::kCloseFollowUp:
      return RequireOrganiser(p, s, "close the follow-up");
    default:
      return Denied(p, "do that");
  }
}

absl::Status AuthorizeGatheringCommand(const Principal& p,
                                       const v1::GatheringCommand& command,
                                       const GatheringState& s,
                                       const Facts& facts) {
  using Kind = GatheringState::Kind;
  switch (command.command_case()) {
    case v1::GatheringCommand::kCreateMeeting: {
      const v1::CreateMeeting& c = command.create_meeting();
      if (c.kind() == v1::MEETING_KIND_REGIONAL_TUTOR_MEETING) {
        return access::RequireRegion(p, c.network_id(), c.region_id(),
                                     "hold meetings of the region");
      }
      if (IsNetworkCoordinator(p, c.network_id())) return absl::OkStatus();
      return Denied(p, "hold network meetings");
    }
    case v1::GatheringCommand::kRecordMeetingAttendance:
    case v1::GatheringCommand::kRecordMinutes:
      if (s.kind != Kind::kMeeting) break;
      if (s.meeting.kind() == v1::MEETING_KIND_REGIONAL_TUTOR_MEETING) {
        return access::RequireRegion(p, s.network_id, s.meeting.region_id(),
                                     "record meetings of the region");
      }
      if (IsNetworkCoordinator(p, s.network_id)) return absl::OkStatus();
      return Denied(p, "record network meetings");
    case v1::GatheringCommand::kRecordTakeover: {
      const v1::RecordTakeover& c = command.record_takeover();
      return access::RequireRegion(p, c.network_id(),
                                   facts.school.placement.region_id(),
                                   "record takeovers of the school");
    }
    case v1::GatheringCommand::kRecordFacilitatorTraining:
    case v1::GatheringCommand::kCreatePeerGroup: {
      const std::string& network =
          command.has_create_peer_group()
              ? command.create_peer_group().network_id()
              : command.record_facilitator_training().network_id();
      RETURN_IF_ERROR(access::RequireNetwork(p, network, "run peer groups"));
      if (access::Coordinates(p, network)) return absl::OkStatus();
      return Denied(p, "run peer groups");
    }
    case v1::GatheringCommand::kHoldPeerMeeting:
    case v1::GatheringCommand::kClosePeerGroup:
      if (s.kind != Kind::kPeerGroup) break;
      RETURN_IF_ERROR(
          access::RequireNetwork(p, s.network_id, "run peer groups"));
      if (access::Coordinates(p, s.network_id)) return absl::OkStatus();
      if (command.has_hold_peer_meeting() && p.id == s.facilitator_id &&
          p.role != AccessRole::kFunder) {
        return absl::OkStatus();
      }
      return Denied(p, "run peer groups");
    case v1::GatheringCommand::COMMAND_NOT_SET:
      return Denied(p, "do that");
  }
  // Nothing there: the decider's NOT_FOUND.
  return absl::OkStatus();
}

bool CanSeeParticipants(const Principal& p, const v1::CreateTraining& t,
                        const std::string& organiser_region_id) {
  return Organises(p, t.network_id(), t.organiser().kind(),
                   organiser_region_id) ||
         IsTrainer(p, t);
}

absl::Status AuthorizePersonRead(const Principal& p,
                                 const std::string& network_id,
                                 const std::string& person_id) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, "read"));
  if (p.role == AccessRole::kFunder) {
    return Denied(p, "read people's registrations");
  }
  if (p.id == person_id || access::Coordinates(p, network_id)) {
    return absl::OkStatus();
  }
  return Denied(p, absl::StrCat("read the registrations of ", person_id));
}

absl::Status AuthorizeReach(const Principal& p, const std::string& network_id,
                            const std::string& region_id) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, "read reach"));
  if (p.role == AccessRole::kFunder || IsNetworkCoordinator(p, network_id)) {
    return absl::OkStatus();
  }
  if (p.role == AccessRole::kRegionalCoordinator) {
    return access::RequireRegion(p, network_id, region_id,
                                 "read reach outside its regions");
  }
  return Denied(p, "read reach figures");
}

absl::Status AuthorizeGatheringRead(const Principal& p,
                                    const std::string& network_id) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, "read"));
  if (p.role == AccessRole::kFunder) {
    return Denied(p, "read who took part (figures only)");
  }
  return absl::OkStatus();
}

}  // namespace tutornet::training
