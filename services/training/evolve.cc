// Folding the training log's events into the states the rules read.
#include <algorithm>

#include "services/training/state.h"
#include "services/values/dates.h"

namespace tutornet::training {

absl::CivilMinute StartOf(const v1::Session& s) {
  return absl::CivilMinute(s.date().year(), s.date().month(), s.date().day(), 0,
                           s.start_minute());
}

absl::CivilMinute EndOf(const v1::Session& s) {
  return StartOf(s) + s.duration_minutes();
}

absl::CivilMinute ToCivilMinute(const v1::LocalTime& t) {
  return absl::CivilMinute(t.date().year(), t.date().month(), t.date().day(), 0,
                           t.minute());
}

bool TrainingState::Registered(const std::string& person) const {
  if (places.count(person) > 0) return true;
  return std::any_of(waiting.begin(), waiting.end(),
                     [&](const auto& w) { return w.first == person; });
}

bool TrainingState::Attended(const std::string& person) const {
  return std::any_of(attendance.begin(), attendance.end(),
                     [&](const auto& a) { return a.second.count(person) > 0; });
}

absl::CivilMinute TrainingState::FirstStart() const {
  return StartOf(definition.sessions(0));
}

absl::CivilMinute TrainingState::LastEnd() const {
  return EndOf(definition.sessions(definition.sessions_size() - 1));
}

absl::CivilMinute TrainingState::FeedbackEnd() const {
  return LastEnd() + 24 * 60 * definition.feedback_days();
}

TrainingState Evolve(TrainingState state, const v1::TrainingEvent& event) {
  switch (event.event_case()) {
    case v1::TrainingEvent::kCreated:
      state.exists = true;
      state.definition = event.created().training();
      state.organiser_region_id = event.created().organiser_region_id();
      break;
    case v1::TrainingEvent::kCancelled:
      state.cancelled = true;
      break;
    case v1::TrainingEvent::kPlaceTaken: {
      const v1::PlaceTaken& e = event.place_taken();
      state.places[e.person_id()] = {e.school_id(), e.placement()};
      break;
    }
    case v1::TrainingEvent::kWaitListed: {
      const v1::WaitListed& e = event.wait_listed();
      state.waiting.emplace_back(e.person_id(),
                                 Participant{e.school_id(), e.placement()});
      break;
    }
    case v1::TrainingEvent::kRegistrationCancelled: {
      const std::string& person = event.registration_cancelled().person_id();
      state.places.erase(person);
      state.waiting.erase(
          std::remove_if(state.waiting.begin(), state.waiting.end(),
                         [&](const auto& w) { return w.first == person; }),
          state.waiting.end());
      break;
    }
    case v1::TrainingEvent::kPromoted: {
      const std::string& person = event.promoted().person_id();
      auto it = std::find_if(state.waiting.begin(), state.waiting.end(),
                             [&](const auto& w) { return w.first == person; });
      if (it != state.waiting.end()) {
        state.places[person] = it->second;
        state.waiting.erase(it);
      }
      break;
    }
    case v1::TrainingEvent::kAttendanceRecorded: {
      const v1::AttendanceRecorded& e = event.attendance_recorded();
      state.attendance[e.session()] = {e.present_person_ids().begin(),
                                       e.present_person_ids().end()};
      break;
    }
    case v1::TrainingEvent::kFeedbackGiven:
      state.feedback_from.insert(event.feedback_given().person_id());
      state.responses += 1;
      state.score_sum += event.feedback_given().score();
      break;
    case v1::TrainingEvent::kFeedbackClosed:
      state.feedback_closed = true;
      break;
    case v1::TrainingEvent::kFollowUpOpened:
      state.follow_up_open = true;
      break;
    case v1::TrainingEvent::kFollowUpClosed:
      state.follow_up_open = false;
      break;
    case v1::TrainingEvent::EVENT_NOT_SET:
      break;
  }
  return state;
}

GatheringState Evolve(GatheringState state, const v1::GatheringEvent& event) {
  using Kind = GatheringState::Kind;
  switch (event.event_case()) {
    case v1::GatheringEvent::kMeetingCreated:
      state.kind = Kind::kMeeting;
      state.meeting = event.meeting_created().meeting();
      state.network_id = state.meeting.network_id();
      break;
    case v1::GatheringEvent::kTakeoverRecorded:
      state.kind = Kind::kTakeover;
      state.network_id = event.takeover_recorded().takeover().network_id();
      break;
    case v1::GatheringEvent::kFacilitatorTrained:
      state.kind = Kind::kFacilitator;
      state.network_id = event.facilitator_trained().training().network_id();
      break;
    case v1::GatheringEvent::kPeerGroupCreated: {
      const v1::CreatePeerGroup& g = event.peer_group_created().group();
      state.kind = Kind::kPeerGroup;
      state.network_id = g.network_id();
      state.facilitator_id = g.facilitator_id();
      for (const v1::PeerMember& m : g.members())
        state.members.insert(m.person_id());
      break;
    }
    case v1::GatheringEvent::kPeerMeetingHeld:
      state.meetings_held += 1;
      state.last_meeting_day = values::ToCivilDay(
          event.peer_meeting_held().meeting().session().date());
      break;
    case v1::GatheringEvent::kPeerGroupClosed:
      state.closed = true;
      break;
    case v1::GatheringEvent::kMeetingAttendanceRecorded:
    case v1::GatheringEvent::kMinutesRecorded:
    case v1::GatheringEvent::EVENT_NOT_SET:
      break;
  }
  return state;
}

}  // namespace tutornet::training
