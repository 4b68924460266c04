// The rules of the other forms of the same work: tutor meetings, school
// takeovers, peer-group mentoring and its facilitators.
#include <set>

#include "absl/strings/str_cat.h"
#include "services/training/decider.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::training {
namespace {

using Events = std::vector<v1::GatheringEvent>;
using Kind = GatheringState::Kind;
using values::Invalid;

template <typename E>
Events One(E event, E* (v1::GatheringEvent::*field)()) {
  Events events(1);
  *(events[0].*field)() = std::move(event);
  return events;
}

absl::Status AlreadyExists(absl::string_view what, absl::string_view id) {
  return absl::AlreadyExistsError(
      absl::StrCat(what, " \"", id, "\" already exists"));
}

absl::Status Require(const GatheringState& state, Kind kind,
                     absl::string_view what, absl::string_view id) {
  if (state.kind != kind) {
    return absl::NotFoundError(
        absl::StrCat(what, " \"", id, "\" does not exist"));
  }
  return absl::OkStatus();
}

absl::Status RequireNetwork(const std::string& network_id, const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("network_id", network_id));
  if (!facts.network_known) {
    return absl::NotFoundError(
        absl::StrCat("network \"", network_id, "\" does not exist"));
  }
  return absl::OkStatus();
}

absl::Status ValidatePresent(
    const google::protobuf::RepeatedPtrField<std::string>& present) {
  if (present.size() > kMaxPresent) {
    return Invalid("present_person_ids", absl::StrCat("at most ", kMaxPresent));
  }
  return values::ValidateIdList("present_person_ids", present);
}

absl::StatusOr<Events> DecideCreateMeeting(const GatheringState& state,
                                           const v1::CreateMeeting& c,
                                           const Facts& facts) {
  RETURN_IF_ERROR(RequireNetwork(c.network_id(), facts));
  switch (c.kind()) {
    case v1::MEETING_KIND_REGIONAL_TUTOR_MEETING:
      RETURN_IF_ERROR(values::ValidateId("region_id", c.region_id()));
      if (!facts.region.known) {
        return absl::NotFoundError(
            absl::StrCat("region \"", c.region_id(), "\" does not exist"));
      }
      break;
    case v1::MEETING_KIND_NETWORK_TUTOR_MEETING:
    case v1::MEETING_KIND_COORDINATION_GROUP:
      if (!c.region_id().empty()) {
        return Invalid("region_id", "is for regional meetings only");
      }
      break;
    default:
      return Invalid("kind",
                     "must be a regional or network tutor meeting or a "
                     "coordination-group meeting");
  }
  RETURN_IF_ERROR(values::ValidateName("title", c.title()));
  RETURN_IF_ERROR(ValidateSession("session", c.session()));
  RETURN_IF_ERROR(ValidateVenue("venue", c.venue(), facts));
  if (c.kind() == v1::MEETING_KIND_COORDINATION_GROUP && !c.venue().online()) {
    return Invalid("venue", "coordination-group meetings are online");
  }
  if (state.kind != Kind::kNone)
    return AlreadyExists("meeting", c.meeting_id());
  v1::MeetingCreated e;
  *e.mutable_meeting() = c;
  return One(std::move(e), &v1::GatheringEvent::mutable_meeting_created);
}

absl::StatusOr<Events> DecideMeetingAttendance(
    const GatheringState& state, const v1::RecordMeetingAttendance& c,
    const Facts& facts) {
  RETURN_IF_ERROR(ValidatePresent(c.present_person_ids()));
  RETURN_IF_ERROR(Require(state, Kind::kMeeting, "meeting", c.meeting_id()));
  if (facts.now < StartOf(state.meeting.session())) {
    return absl::FailedPreconditionError(
        absl::StrCat("meeting \"", c.meeting_id(), "\" has not started"));
  }
  v1::MeetingAttendanceRecorded e;
  e.set_meeting_id(c.meeting_id());
  *e.mutable_present_person_ids() = c.present_person_ids();
  return One(std::move(e),
             &v1::GatheringEvent::mutable_meeting_attendance_recorded);
}

absl::StatusOr<Events> DecideMinutes(const GatheringState& state,
                                     const v1::RecordMinutes& c) {
  RETURN_IF_ERROR(values::ValidateText("minutes_ref", c.minutes_ref(), 500));
  if (c.minutes_ref().empty()) return Invalid("minutes_ref", "is required");
  RETURN_IF_ERROR(Require(state, Kind::kMeeting, "meeting", c.meeting_id()));
  v1::MinutesRecorded e;
  e.set_meeting_id(c.meeting_id());
  e.set_minutes_ref(c.minutes_ref());
  return One(std::move(e), &v1::GatheringEvent::mutable_minutes_recorded);
}

absl::StatusOr<Events> DecideTakeover(const GatheringState& state,
                                      const v1::RecordTakeover& c,
                                      const Facts& facts) {
  RETURN_IF_ERROR(RequireNetwork(c.network_id(), facts));
  RETURN_IF_ERROR(values::ValidateId("school_id", c.school_id()));
  if (c.days_size() < 2 || c.days_size() > 3) {
    return Invalid(
        "days", absl::StrCat("a takeover lasts 2-3 days, not ", c.days_size()));
  }
  for (int i = 0; i < c.days_size(); ++i) {
    const std::string field = absl::StrCat("days[", i, "]");
    RETURN_IF_ERROR(values::ValidateDate(field, c.days(i)));
    if (i > 0 &&
        values::ToCivilDay(c.days(i)) <= values::ToCivilDay(c.days(i - 1))) {
      return Invalid(field, "must be after the day before it");
    }
  }
  if (values::ToCivilDay(c.days(c.days_size() - 1)) -
          values::ToCivilDay(c.days(0)) >
      14) {
    return Invalid("days", "must fall within 14 days");
  }
  if (c.teachers_trained() < 1 || c.teachers_trained() > 1000) {
    return Invalid("teachers_trained", "must be 1-1000");
  }
  if (c.students_teaching() < 1 || c.students_teaching() > 1000) {
    return Invalid("students_teaching", "must be 1-1000");
  }
  RETURN_IF_ERROR(values::ValidateName("module", c.module()));
  if (!c.partner_name().empty()) {
    RETURN_IF_ERROR(values::ValidateLabel("partner_name", c.partner_name()));
  }
  if (!facts.school.known) {
    return absl::NotFoundError(
        absl::StrCat("school \"", c.school_id(), "\" does not exist"));
  }
  if (!facts.school.open) {
    return absl::FailedPreconditionError(
        absl::StrCat("school \"", c.school_id(), "\" is closed on ",
                     values::FormatDate(c.days(0))));
  }
  if (state.kind != Kind::kNone) {
    return AlreadyExists("takeover", c.takeover_id());
  }
  v1::TakeoverRecorded e;
  *e.mutable_takeover() = c;
  *e.mutable_placement() = facts.school.placement;
  return One(std::move(e), &v1::GatheringEvent::mutable_takeover_recorded);
}

absl::StatusOr<Events> DecideFacilitator(const GatheringState& state,
                                         const v1::RecordFacilitatorTraining& c,
                                         const Facts& facts) {
  RETURN_IF_ERROR(RequireNetwork(c.network_id(), facts));
  RETURN_IF_ERROR(values::ValidateDate("completed", c.completed()));
  if (values::ToCivilDay(c.completed()) > absl::CivilDay(facts.now)) {
    return Invalid("completed", "is in the future");
  }
  RETURN_IF_ERROR(values::ValidateLabel("provider", c.provider()));
  if (state.kind != Kind::kNone) {
    return absl::AlreadyExistsError(absl::StrCat(
        c.person_id(), "'s facilitator training is already on record"));
  }
  v1::FacilitatorTrained e;
  *e.mutable_training() = c;
  return One(std::move(e), &v1::GatheringEvent::mutable_facilitator_trained);
}

absl::StatusOr<Events> DecideCreatePeerGroup(const GatheringState& state,
                                             const v1::CreatePeerGroup& c,
                                             const Facts& facts) {
  RETURN_IF_ERROR(RequireNetwork(c.network_id(), facts));
  RETURN_IF_ERROR(values::ValidateName("name", c.name()));
  RETURN_IF_ERROR(values::ValidateId("facilitator_id", c.facilitator_id()));
  const int n = c.members_size();
  if (n < kMinPeerGroup || n > kMaxPeerGroup) {
    return Invalid("members",
                   absl::StrCat("a peer group has ", kMinPeerGroup, "-",
                                kMaxPeerGroup, " members, not ", n));
  }
  std::set<std::string> people, organisations;
  for (int i = 0; i < n; ++i) {
    const v1::PeerMember& m = c.members(i);
    const std::string field = absl::StrCat("members[", i, "]");
    RETURN_IF_ERROR(
        values::ValidateId(absl::StrCat(field, ".person_id"), m.person_id()));
    RETURN_IF_ERROR(values::ValidateLabel(absl::StrCat(field, ".organisation"),
                                          m.organisation()));
    if (!people.insert(m.person_id()).second) {
      return Invalid(absl::StrCat(field, ".person_id"), "is named twice");
    }
    if (m.person_id() == c.facilitator_id()) {
      return Invalid(absl::StrCat(field, ".person_id"),
                     "is the facilitator, who is not a member");
    }
    organisations.insert(m.organisation());
  }
  if (organisations.size() < 2) {
    return Invalid("members",
                   "come from different organisations (at least two)");
  }
  if (state.kind != Kind::kNone) {
    return AlreadyExists("peer group", c.group_id());
  }
  if (!facts.facilitator_trained) {
    return absl::FailedPreconditionError(
        absl::StrCat("facilitator ", c.facilitator_id(),
                     " has no peer-group facilitator training on record"));
  }
  v1::PeerGroupCreated e;
  *e.mutable_group() = c;
  return One(std::move(e), &v1::GatheringEvent::mutable_peer_group_created);
}

absl::StatusOr<Events> DecideHoldPeerMeeting(const GatheringState& state,
                                             const v1::HoldPeerMeeting& c,
                                             const Facts& facts) {
  RETURN_IF_ERROR(ValidateSession("session", c.session()));
  RETURN_IF_ERROR(ValidatePresent(c.present_person_ids()));
  RETURN_IF_ERROR(values::ValidateNote("goals", c.goals(), 4000));
  RETURN_IF_ERROR(values::ValidateNote("ground_rules", c.ground_rules(), 4000));
  RETURN_IF_ERROR(Require(state, Kind::kPeerGroup, "peer group", c.group_id()));
  if (state.closed) {
    return absl::FailedPreconditionError(
        absl::StrCat("peer group \"", c.group_id(), "\" is closed"));
  }
  const int next = state.meetings_held + 1;
  if (next > kMaxPeerMeetings) {
    return absl::FailedPreconditionError(
        absl::StrCat("peer group \"", c.group_id(), "\" has held its ",
                     kMaxPeerMeetings, " meetings"));
  }
  if (c.number() != next) {
    return absl::FailedPreconditionError(
        absl::StrCat("number: the next meeting of \"", c.group_id(), "\" is ",
                     next, ", not ", c.number()));
  }
  if (next == 1 && (c.goals().empty() || c.ground_rules().empty())) {
    return Invalid(c.goals().empty() ? "goals" : "ground_rules",
                   "the first meeting sets the group's goals and ground rules");
  }
  const absl::CivilDay day = values::ToCivilDay(c.session().date());
  if (next > 1 && day <= state.last_meeting_day) {
    return Invalid("session.date",
                   absl::StrCat("must be after the previous meeting, on ",
                                absl::FormatCivilTime(state.last_meeting_day)));
  }
  if (facts.now < StartOf(c.session())) {
    return absl::FailedPreconditionError(
        "a meeting is recorded once it has started");
  }
  for (int i = 0; i < c.present_person_ids_size(); ++i) {
    if (state.members.count(c.present_person_ids(i)) == 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("present_person_ids[", i, "]: ", c.present_person_ids(i),
                       " is not a member of \"", c.group_id(), "\""));
    }
  }
  v1::PeerMeetingHeld e;
  *e.mutable_meeting() = c;
  return One(std::move(e), &v1::GatheringEvent::mutable_peer_meeting_held);
}

absl::StatusOr<Events> DecideClosePeerGroup(const GatheringState& state,
                                            const v1::ClosePeerGroup& c) {
  RETURN_IF_ERROR(Require(state, Kind::kPeerGroup, "peer group", c.group_id()));
  if (state.closed) {
    return absl::FailedPreconditionError(
        absl::StrCat("peer group \"", c.group_id(), "\" is already closed"));
  }
  if (state.meetings_held < kMinPeerMeetingsToClose) {
    return absl::FailedPreconditionError(absl::StrCat(
        "peer group \"", c.group_id(), "\" has held ", state.meetings_held,
        " meetings; it closes after ", kMinPeerMeetingsToClose));
  }
  v1::PeerGroupClosed e;
  e.set_group_id(c.group_id());
  return One(std::move(e), &v1::GatheringEvent::mutable_peer_group_closed);
}

}  // namespace

const std::string& GatheringIdOf(const v1::GatheringCommand& c) {
  switch (c.command_case()) {
    case v1::GatheringCommand::kCreateMeeting:
      return c.create_meeting().meeting_id();
    case v1::GatheringCommand::kRecordMeetingAttendance:
      return c.record_meeting_attendance().meeting_id();
    case v1::GatheringCommand::kRecordMinutes:
      return c.record_minutes().meeting_id();
    case v1::GatheringCommand::kRecordTakeover:
      return c.record_takeover().takeover_id();
    case v1::GatheringCommand::kRecordFacilitatorTraining:
      return c.record_facilitator_training().person_id();
    case v1::GatheringCommand::kCreatePeerGroup:
      return c.create_peer_group().group_id();
    case v1::GatheringCommand::kHoldPeerMeeting:
      return c.hold_peer_meeting().group_id();
    case v1::GatheringCommand::kClosePeerGroup:
      return c.close_peer_group().group_id();
    case v1::GatheringCommand::COMMAND_NOT_SET:
      break;
  }
  static const std::string* const kNone = new std::string();
  return *kNone;
}

absl::StatusOr<Events> DecideGathering(const GatheringState& state,
                                       const v1::GatheringCommand& command,
                                       const Facts& facts) {
  switch (command.command_case()) {
    case v1::GatheringCommand::kCreateMeeting:
      return DecideCreateMeeting(state, command.create_meeting(), facts);
    case v1::GatheringCommand::kRecordMeetingAttendance:
      return DecideMeetingAttendance(state, command.record_meeting_attendance(),
                                     facts);
    case v1::GatheringCommand::kRecordMinutes:
      return DecideMinutes(state, command.record_minutes());
    case v1::GatheringCommand::kRecordTakeover:
      return DecideTakeover(state, command.record_takeover(), facts);
    case v1::GatheringCommand::kRecordFacilitatorTraining:
      return DecideFacilitator(state, command.record_facilitator_training(),
                               facts);
    case v1::GatheringCommand::kCreatePeerGroup:
      return DecideCreatePeerGroup(state, command.create_peer_group(), facts);
    case v1::GatheringCommand::kHoldPeerMeeting:
      return DecideHoldPeerMeeting(state, command.hold_peer_meeting(), facts);
    case v1::GatheringCommand::kClosePeerGroup:
      return DecideClosePeerGroup(state, command.close_peer_group());
    case v1::GatheringCommand::COMMAND_NOT_SET:
      break;
  }
  return Invalid("command", "is not set");
}

}  // namespace tutornet::training
