#include "services/training/context.h"

#include "absl/strings/str_cat.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::training {

std::string TrainingStream(absl::string_view training_id) {
  return absl::StrCat("training-", training_id);
}

std::string FacilitatorStream(absl::string_view person_id) {
  return absl::StrCat("facilitator-", person_id);
}

absl::StatusOr<std::string> GatheringStream(const v1::GatheringCommand& c) {
  const char* prefix = nullptr;
  const char* field = nullptr;
  switch (c.command_case()) {
    case v1::GatheringCommand::kCreateMeeting:
    case v1::GatheringCommand::kRecordMeetingAttendance:
    case v1::GatheringCommand::kRecordMinutes:
      prefix = "meeting-";
      field = "meeting_id";
      break;
    case v1::GatheringCommand::kRecordTakeover:
      prefix = "takeover-";
      field = "takeover_id";
      break;
    case v1::GatheringCommand::kRecordFacilitatorTraining:
      prefix = "facilitator-";
      field = "person_id";
      break;
    case v1::GatheringCommand::kCreatePeerGroup:
    case v1::GatheringCommand::kHoldPeerMeeting:
    case v1::GatheringCommand::kClosePeerGroup:
      prefix = "peergroup-";
      field = "group_id";
      break;
    case v1::GatheringCommand::COMMAND_NOT_SET:
      return values::Invalid("command", "is not set");
  }
  RETURN_IF_ERROR(values::ValidateId(field, GatheringIdOf(c)));
  return absl::StrCat(prefix, GatheringIdOf(c));
}

absl::StatusOr<std::string> TrainingContext::StreamOf(
    const Command& command) const {
  if (command.command_case() == Command::COMMAND_NOT_SET) {
    return values::Invalid("command", "is not set");
  }
  RETURN_IF_ERROR(values::ValidateId("training_id", TrainingIdOf(command)));
  return TrainingStream(TrainingIdOf(command));
}

absl::StatusOr<Facts> TrainingContext::Gather(const access::Principal&,
                                              const State& state,
                                              const Command& command,
                                              absl::Time now) const {
  FactsQuery q;
  q.now = now;
  q.school_day = values::FinnishDay(now);
  if (command.has_create()) {
    const v1::CreateTraining& c = command.create();
    q.network_id = c.network_id();
    if (c.organiser().kind() == v1::ORGANISER_KIND_REGION) {
      q.organiser_region_id = c.organiser().region_id();
    } else if (c.organiser().kind() == v1::ORGANISER_KIND_MUNICIPALITY) {
      q.organiser_municipality_id = c.organiser().municipality_id();
    }
    q.venue_school_id = c.venue().school_id();
    q.venue_municipality_id = c.venue().municipality_id();
    if (c.sessions_size() > 0 &&
        values::ValidateDate("", c.sessions(0).date()).ok()) {
      q.school_day = values::ToCivilDay(c.sessions(0).date());
    }
    return facts_(q);
  }
  q.network_id = state.definition.network_id();
  if (command.has_register_()) q.school_id = command.register_().school_id();
  if (q.school_id.empty() || !state.exists) {
    Facts facts;
    facts.now = values::FinnishMinute(now);
    facts.network_known = state.exists;
    return facts;
  }
  return facts_(q);
}

absl::StatusOr<std::vector<TrainingContext::Event>> TrainingContext::Decide(
    const State& state, const Command& command, const Facts& facts) const {
  return DecideTraining(state, command, facts);
}

absl::Status TrainingContext::Authorize(const access::Principal& principal,
                                        const Command& command,
                                        const State& state,
                                        const Facts& facts) const {
  return AuthorizeTrainingCommand(principal, command, state, facts);
}

absl::StatusOr<Facts> GatheringContext::Gather(const access::Principal&,
                                               const State& state,
                                               const Command& command,
                                               absl::Time now) const {
  FactsQuery q;
  q.now = now;
  q.school_day = values::FinnishDay(now);
  switch (command.command_case()) {
    case v1::GatheringCommand::kCreateMeeting: {
      const v1::CreateMeeting& c = command.create_meeting();
      q.network_id = c.network_id();
      q.region_id = c.region_id();
      q.venue_school_id = c.venue().school_id();
      q.venue_municipality_id = c.venue().municipality_id();
      break;
    }
    case v1::GatheringCommand::kRecordTakeover: {
      const v1::RecordTakeover& c = command.record_takeover();
      q.network_id = c.network_id();
      q.school_id = c.school_id();
      if (c.days_size() > 0 && values::ValidateDate("", c.days(0)).ok()) {
        q.school_day = values::ToCivilDay(c.days(0));
      }
      break;
    }
    case v1::GatheringCommand::kRecordFacilitatorTraining:
      q.network_id = command.record_facilitator_training().network_id();
      break;
    case v1::GatheringCommand::kCreatePeerGroup:
      q.network_id = command.create_peer_group().network_id();
      q.facilitator_id = command.create_peer_group().facilitator_id();
      break;
    default:
      q.network_id = state.network_id;
      break;
  }
  if (!values::ValidateId("network_id", q.network_id).ok()) {
    Facts facts;
    facts.now = values::FinnishMinute(now);
    return facts;
  }
  return facts_(q);
}

absl::StatusOr<std::vector<GatheringContext::Event>> GatheringContext::Decide(
    const State& state, const Command& command, const Facts& facts) const {
  return DecideGathering(state, command, facts);
}

absl::Status GatheringContext::Authorize(const access::Principal& principal,
                                         const Command& command,
                                         const State& state,
                                         const Facts& facts) const {
  return AuthorizeGatheringCommand(principal, command, state, facts);
}

}  // namespace tutornet::training
