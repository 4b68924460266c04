// The training projection: how each event of the training log changes the
// rows (read_model.h); the queries are in queries.cc.
#include "services/training/read_model.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::training {
namespace {

using projections::Rows;

std::string TrainingKey(const std::string& network, const std::string& id) {
  return absl::StrCat("t/", network, "/", id);
}
std::string RegistrationKey(const std::string& network, const std::string& id,
                            const std::string& person) {
  return absl::StrCat("p/", network, "/", id, "/", person);
}

int SchoolYearOfSession(const v1::CreateTraining& d, int session) {
  return values::SchoolYearOf(
      values::ToCivilDay(d.sessions(session - 1).date()));
}

// The sa/ row of a registration for the school year of `session`: the
// sessions of that year it attended, or none.
void PutSchoolAttendance(Rows& rows, const std::string& network,
                         const v1::CreateTraining& d, const v1::Registration& r,
                         int session) {
  const int year = SchoolYearOfSession(d, session);
  v1::AttendedSessions in_year;
  for (int attended : r.attended_sessions()) {
    if (attended >= 1 && attended <= d.sessions_size() &&
        SchoolYearOfSession(d, attended) == year) {
      in_year.add_sessions(attended);
    }
  }
  const std::string key =
      absl::StrCat("sa/", network, "/", r.school_id(), "/", year, "/",
                   d.training_id(), "/", r.person_id());
  if (in_year.sessions_size() == 0) {
    rows.Delete(key);
  } else {
    rows.PutMessage(key, in_year);
  }
}

// The training's facts in its ty/ rows (one per school year
// it has a session in: sessions do not change) and, while its follow-up is
// open, its fo/ row, written with its t/ row: a dashboard reads a period's
// trainings in one scan.
void PutTraining(Rows& rows, const std::string& network,
                 const v1::Training& t) {
  const v1::CreateTraining& d = t.definition();
  v1::TrainingFacts f;
  f.set_training_id(d.training_id());
  f.set_level(d.level());
  f.set_topic(d.topic());
  for (const v1::Session& s : d.sessions()) {
    f.add_session_days(DayNumber(values::ToCivilDay(s.date())));
  }
  for (const v1::AttendanceRecorded& a : t.attendance()) {
    f.add_attended_sessions(a.session());
  }
  f.set_cancelled(t.cancelled());
  f.set_municipality_id(t.venue_placement().municipality_id());
  f.set_region_id(t.venue_placement().region_id());
  f.set_organiser_region_id(t.organiser_region_id());
  f.set_follow_up(t.follow_up());
  f.set_feedback_closed(t.feedback().closed());
  f.set_feedback_responses(t.feedback().responses());
  f.set_feedback_average(t.feedback().average());
  const std::string facts = f.SerializeAsString();
  std::set<int> years;
  for (int session = 1; session <= d.sessions_size(); ++session) {
    years.insert(SchoolYearOfSession(d, session));
  }
  for (int year : years) {
    rows.Put(absl::StrCat("ty/", network, "/", year, "/", d.training_id()),
             facts);
  }
  if (t.follow_up() == v1::FOLLOW_UP_STATUS_OPEN) {
    rows.Put(absl::StrCat("fo/", network, "/", d.training_id()), facts);
  }
  rows.PutMessage(TrainingKey(network, d.training_id()), t);
}

// A new registration's row and its index row.
void Register(Rows& rows, const std::string& network,
              const storage::RecordedEvent& recorded,
              const std::string& training, const std::string& person,
              const std::string& school, const v1::Placement& placement,
              v1::RegistrationStatus status, v1::Training& t) {
  v1::Registration r;
  r.set_training_id(training);
  r.set_person_id(person);
  r.set_school_id(school);
  *r.mutable_placement() = placement;
  r.set_status(status);
  r.set_registered_by(recorded.metadata.actor);
  r.set_position(recorded.position);
  if (status == v1::REGISTRATION_STATUS_PLACE) {
    t.set_places_taken(t.places_taken() + 1);
  } else {
    t.set_waiting(t.waiting() + 1);
  }
  rows.PutMessage(RegistrationKey(network, training, person), r);
  rows.Put(absl::StrCat("r/", network, "/", person, "/", training), "");
}

// Marks `session` attended or not on the registrations of `people`.
absl::Status MarkAttendance(Rows& rows, const std::string& network,
                            const v1::CreateTraining& training,
                            const std::set<std::string>& people, int session,
                            bool present) {
  if (session < 1 || session > training.sessions_size()) {
    return absl::DataLossError(absl::StrCat(
        "attendance of session ", session, " of training \"",
        training.training_id(), "\", which has ", training.sessions_size()));
  }
  for (const std::string& person : people) {
    const std::string key =
        RegistrationKey(network, training.training_id(), person);
    ASSIGN_OR_RETURN(v1::Registration r,
                     rows.GetExisting<v1::Registration>(key));
    auto* sessions = r.mutable_attended_sessions();
    auto it = std::find(sessions->begin(), sessions->end(), session);
    if (present && it == sessions->end()) {
      sessions->Add(session);
      std::sort(sessions->begin(), sessions->end());
    } else if (!present && it != sessions->end()) {
      sessions->erase(it);
    }
    rows.PutMessage(key, r);
    PutSchoolAttendance(rows, network, training, r, session);
  }
  return absl::OkStatus();
}

absl::Status ApplyTraining(const std::string& network,
                           const storage::RecordedEvent& recorded,
                           const v1::TrainingEvent& event, Rows& rows) {
  if (event.has_created()) {
    const v1::TrainingCreated& e = event.created();
    v1::Training t;
    *t.mutable_definition() = e.training();
    *t.mutable_venue_placement() = e.venue_placement();
    t.set_organiser_region_id(e.organiser_region_id());
    PutTraining(rows, network, t);
    return absl::OkStatus();
  }
  const std::string id(
      absl::string_view(recorded.stream).substr(sizeof("training-") - 1));
  const std::string key = TrainingKey(network, id);
  ASSIGN_OR_RETURN(v1::Training t, rows.GetExisting<v1::Training>(key));
  switch (event.event_case()) {
    case v1::TrainingEvent::kCancelled:
      t.set_cancelled(true);
      t.set_cancel_reason(event.cancelled().reason());
      break;
    case v1::TrainingEvent::kPlaceTaken: {
      const v1::PlaceTaken& e = event.place_taken();
      Register(rows, network, recorded, id, e.person_id(), e.school_id(),
               e.placement(), v1::REGISTRATION_STATUS_PLACE, t);
      break;
    }
    case v1::TrainingEvent::kWaitListed: {
      const v1::WaitListed& e = event.wait_listed();
      Register(rows, network, recorded, id, e.person_id(), e.school_id(),
               e.placement(), v1::REGISTRATION_STATUS_WAITING, t);
      break;
    }
    case v1::TrainingEvent::kRegistrationCancelled: {
      const v1::RegistrationCancelled& e = event.registration_cancelled();
      const std::string rkey = RegistrationKey(network, id, e.person_id());
      ASSIGN_OR_RETURN(v1::Registration r,
                       rows.GetExisting<v1::Registration>(rkey));
      if (r.status() == v1::REGISTRATION_STATUS_PLACE) {
        t.set_places_taken(t.places_taken() - 1);
      } else {
        t.set_waiting(t.waiting() - 1);
      }
      r.set_status(e.late() ? v1::REGISTRATION_STATUS_CANCELLED_LATE
                            : v1::REGISTRATION_STATUS_CANCELLED);
      rows.PutMessage(rkey, r);
      break;
    }
    case v1::TrainingEvent::kPromoted: {
      const std::string rkey =
          RegistrationKey(network, id, event.promoted().person_id());
      ASSIGN_OR_RETURN(v1::Registration r,
                       rows.GetExisting<v1::Registration>(rkey));
      r.set_status(v1::REGISTRATION_STATUS_PLACE);
      rows.PutMessage(rkey, r);
      t.set_waiting(t.waiting() - 1);
      t.set_places_taken(t.places_taken() + 1);
      break;
    }
    case v1::TrainingEvent::kAttendanceRecorded: {
      const v1::AttendanceRecorded& e = event.attendance_recorded();
      std::set<std::string> before,
          after(e.present_person_ids().begin(), e.present_person_ids().end());
      auto* list = t.mutable_attendance();
      auto it = std::find_if(list->begin(), list->end(), [&](const auto& a) {
        return a.session() == e.session();
      });
      if (it != list->end()) {
        before = {it->present_person_ids().begin(),
                  it->present_person_ids().end()};
        *it = e;
      } else {
        *list->Add() = e;
      }
      std::set<std::string> gone;
      std::set_difference(before.begin(), before.end(), after.begin(),
                          after.end(), std::inserter(gone, gone.end()));
      RETURN_IF_ERROR(MarkAttendance(rows, network, t.definition(), gone,
                                     e.session(), false));
      RETURN_IF_ERROR(MarkAttendance(rows, network, t.definition(), after,
                                     e.session(), true));
      break;
    }
    case v1::TrainingEvent::kFeedbackGiven: {
      const v1::FeedbackGiven& e = event.feedback_given();
      const std::string rkey = RegistrationKey(network, id, e.person_id());
      ASSIGN_OR_RETURN(v1::Registration r,
                       rows.GetExisting<v1::Registration>(rkey));
      r.set_feedback_given(true);
      rows.PutMessage(rkey, r);
      rows.PutMessage(absl::StrCat("f/", network, "/", id, "/", e.person_id()),
                      e);
      v1::FeedbackSummary& f = *t.mutable_feedback();
      f.set_responses(f.responses() + 1);
      f.set_score_sum(f.score_sum() + e.score());
      f.set_average(static_cast<double>(f.score_sum()) / f.responses());
      if (!e.comment().empty()) {
        // Kept sorted, so that their order tells nothing of who wrote them.
        auto* comments = f.mutable_comments();
        comments->Add(std::string(e.comment()));
        std::sort(comments->begin(), comments->end());
      }
      break;
    }
    case v1::TrainingEvent::kFeedbackClosed:
      t.mutable_feedback()->set_closed(true);
      break;
    case v1::TrainingEvent::kFollowUpOpened:
      t.set_follow_up(v1::FOLLOW_UP_STATUS_OPEN);  // fo/: PutTraining.
      break;
    case v1::TrainingEvent::kFollowUpClosed:
      t.set_follow_up(v1::FOLLOW_UP_STATUS_CLOSED);
      rows.Delete(absl::StrCat("fo/", network, "/", id));
      t.set_follow_up_note(event.follow_up_closed().note());
      break;
    case v1::TrainingEvent::kCreated:
    case v1::TrainingEvent::EVENT_NOT_SET:
      break;
  }
  PutTraining(rows, network, t);
  return absl::OkStatus();
}

absl::Status ApplyGathering(const std::string& network,
                            const storage::RecordedEvent&,
                            const v1::GatheringEvent& event, Rows& rows) {
  switch (event.event_case()) {
    case v1::GatheringEvent::kMeetingCreated: {
      v1::Meeting m;
      *m.mutable_definition() = event.meeting_created().meeting();
      rows.PutMessage(
          absl::StrCat("m/", network, "/", m.definition().meeting_id()), m);
      break;
    }
    case v1::GatheringEvent::kMeetingAttendanceRecorded:
    case v1::GatheringEvent::kMinutesRecorded: {
      const std::string& id =
          event.has_minutes_recorded()
              ? event.minutes_recorded().meeting_id()
              : event.meeting_attendance_recorded().meeting_id();
      const std::string key = absl::StrCat("m/", network, "/", id);
      ASSIGN_OR_RETURN(v1::Meeting m, rows.GetExisting<v1::Meeting>(key));
      if (event.has_minutes_recorded()) {
        m.set_minutes_ref(event.minutes_recorded().minutes_ref());
      } else {
        *m.mutable_present_person_ids() =
            event.meeting_attendance_recorded().present_person_ids();
      }
      rows.PutMessage(key, m);
      break;
    }
    case v1::GatheringEvent::kTakeoverRecorded:
      rows.PutMessage(
          absl::StrCat("k/", network, "/",
                       event.takeover_recorded().takeover().takeover_id()),
          event.takeover_recorded());
      break;
    case v1::GatheringEvent::kFacilitatorTrained:
      rows.PutMessage(
          absl::StrCat("a/", network, "/",
                       event.facilitator_trained().training().person_id()),
          event.facilitator_trained());
      break;
    case v1::GatheringEvent::kPeerGroupCreated: {
      v1::PeerGroup g;
      *g.mutable_definition() = event.peer_group_created().group();
      rows.PutMessage(
          absl::StrCat("g/", network, "/", g.definition().group_id()), g);
      break;
    }
    case v1::GatheringEvent::kPeerMeetingHeld:
    case v1::GatheringEvent::kPeerGroupClosed: {
      const std::string& id =
          event.has_peer_group_closed()
              ? event.peer_group_closed().group_id()
              : event.peer_meeting_held().meeting().group_id();
      const std::string key = absl::StrCat("g/", network, "/", id);
      ASSIGN_OR_RETURN(v1::PeerGroup g, rows.GetExisting<v1::PeerGroup>(key));
      if (event.has_peer_group_closed()) {
        g.set_closed(true);
      } else {
        *g.add_meetings() = event.peer_meeting_held().meeting();
      }
      rows.PutMessage(key, g);
      break;
    }
    case v1::GatheringEvent::EVENT_NOT_SET:
      break;
  }
  return absl::OkStatus();
}

// The network a creation event names.
std::string NetworkOf(const v1::TrainingEvent& e) {
  return e.has_created() ? e.created().training().network_id() : "";
}
std::string NetworkOf(const v1::GatheringEvent& e) {
  switch (e.event_case()) {
    case v1::GatheringEvent::kMeetingCreated:
      return e.meeting_created().meeting().network_id();
    case v1::GatheringEvent::kTakeoverRecorded:
      return e.takeover_recorded().takeover().network_id();
    case v1::GatheringEvent::kFacilitatorTrained:
      return e.facilitator_trained().training().network_id();
    case v1::GatheringEvent::kPeerGroupCreated:
      return e.peer_group_created().group().network_id();
    default:
      return "";
  }
}

// Parses the event and finds its stream's network (recorded by the
// stream's first event), then applies it.
template <typename Event, typename ApplyFn>
absl::Status ApplyOn(const storage::RecordedEvent& recorded, Rows& rows,
                     ApplyFn apply) {
  ASSIGN_OR_RETURN(Event event, projections::ParseEvent<Event>(recorded));
  const std::string stream_key = absl::StrCat("w/", recorded.stream);
  std::string network = NetworkOf(event);
  if (!network.empty()) {
    rows.Put(stream_key, network);
  } else {
    ASSIGN_OR_RETURN(std::optional<std::string> known, rows.Get(stream_key));
    if (!known.has_value()) {
      return absl::DataLossError(absl::StrCat(
          "stream ", recorded.stream, " has an event before its creation"));
    }
    network = *std::move(known);
  }
  return apply(network, recorded, event, rows);
}

}  // namespace

absl::Status TrainingProjection::Apply(absl::string_view,
                                       const storage::RecordedEvent& recorded,
                                       Rows& rows) const {
  if (absl::StartsWith(recorded.stream, "training-")) {
    return ApplyOn<v1::TrainingEvent>(recorded, rows, &ApplyTraining);
  }
  for (const char* prefix :
       {"meeting-", "takeover-", "peergroup-", "facilitator-"}) {
    if (absl::StartsWith(recorded.stream, prefix)) {
      return ApplyOn<v1::GatheringEvent>(recorded, rows, &ApplyGathering);
    }
  }
  return absl::OkStatus();
}

}  // namespace tutornet::training
