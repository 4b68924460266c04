// The rules of one training: its definition, places and the waiting list,
// attendance, feedback and its follow-up.
#include "services/training/decider.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::training {
namespace {

using Events = std::vector<v1::TrainingEvent>;
using values::Invalid;

std::string Format(absl::CivilMinute t) {
  return absl::FormatCivilTime(t).substr(0, 16);  // "2026-11-23T18:05".
}

template <typename E>
Events One(E event, E* (v1::TrainingEvent::*field)()) {
  Events events(1);
  *(events[0].*field)() = std::move(event);
  return events;
}

absl::Status NotFound(absl::string_view what, absl::string_view id) {
  return absl::NotFoundError(
      absl::StrCat(what, " \"", id, "\" does not exist"));
}

absl::Status ValidateOrganiser(const v1::Organiser& o, const Facts& facts) {
  switch (o.kind()) {
    case v1::ORGANISER_KIND_MUNICIPALITY:
      RETURN_IF_ERROR(
          values::ValidateId("organiser.municipality_id", o.municipality_id()));
      if (!facts.organiser.known)
        return NotFound("municipality", o.municipality_id());
      return absl::OkStatus();
    case v1::ORGANISER_KIND_REGION:
      RETURN_IF_ERROR(values::ValidateId("organiser.region_id", o.region_id()));
      if (!facts.organiser.known) return NotFound("region", o.region_id());
      return absl::OkStatus();
    case v1::ORGANISER_KIND_NETWORK:
      return absl::OkStatus();
    case v1::ORGANISER_KIND_PARTNER:
      return values::ValidateLabel("organiser.partner_name", o.partner_name());
    default:
      return Invalid("organiser.kind",
                     "must be municipality, region, network or partner");
  }
}

}  // namespace

absl::Status ValidateVenue(absl::string_view field, const v1::Venue& v,
                           const Facts& facts) {
  const int given = (v.online() ? 1 : 0) + (v.school_id().empty() ? 0 : 1) +
                    (v.place_name().empty() ? 0 : 1);
  if (given != 1) {
    return Invalid(field,
                   "exactly one of online, school_id or place_name is set");
  }
  if (v.online()) {
    if (!v.municipality_id().empty()) {
      return Invalid(absl::StrCat(field, ".municipality_id"),
                     "is for a named place only");
    }
    return absl::OkStatus();
  }
  if (!v.school_id().empty()) {
    RETURN_IF_ERROR(
        values::ValidateId(absl::StrCat(field, ".school_id"), v.school_id()));
    if (!v.municipality_id().empty()) {
      return Invalid(absl::StrCat(field, ".municipality_id"),
                     "is for a named place only");
    }
    if (!facts.venue.known) return NotFound("school", v.school_id());
    if (!facts.venue.open) {
      return absl::FailedPreconditionError(
          absl::StrCat("school \"", v.school_id(), "\" is closed"));
    }
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(values::ValidateLabel(absl::StrCat(field, ".place_name"),
                                        v.place_name()));
  RETURN_IF_ERROR(values::ValidateId(absl::StrCat(field, ".municipality_id"),
                                     v.municipality_id()));
  if (!facts.venue.known) return NotFound("municipality", v.municipality_id());
  return absl::OkStatus();
}

absl::Status ValidateSession(absl::string_view field, const v1::Session& s) {
  RETURN_IF_ERROR(values::ValidateDate(absl::StrCat(field, ".date"), s.date()));
  if (s.start_minute() < 0 || s.start_minute() > 1439) {
    return Invalid(absl::StrCat(field, ".start_minute"),
                   "must be 0-1439 (minutes after midnight)");
  }
  if (s.duration_minutes() < 1 ||
      s.start_minute() + s.duration_minutes() > 24 * 60) {
    return Invalid(absl::StrCat(field, ".duration_minutes"),
                   "must be at least 1 and end by midnight");
  }
  return absl::OkStatus();
}

absl::Status ValidateLocalTime(absl::string_view field,
                               const v1::LocalTime& t) {
  RETURN_IF_ERROR(values::ValidateDate(absl::StrCat(field, ".date"), t.date()));
  if (t.minute() < 0 || t.minute() > 1439) {
    return Invalid(absl::StrCat(field, ".minute"), "must be 0-1439");
  }
  return absl::OkStatus();
}

bool BelowFollowUpLine(int responses, int score_sum) {
  // sum / n < 3.5  <=>  10 * sum < 35 * n, in integers.
  return responses > 0 && 10 * score_sum < kFollowUpBelowTenths * responses;
}

const std::string& TrainingIdOf(const v1::TrainingCommand& c) {
  switch (c.command_case()) {
    case v1::TrainingCommand::kCreate:
      return c.create().training_id();
    case v1::TrainingCommand::kCancel:
      return c.cancel().training_id();
    case v1::TrainingCommand::kRegister:
      return c.register_().training_id();
    case v1::TrainingCommand::kCancelRegistration:
      return c.cancel_registration().training_id();
    case v1::TrainingCommand::kRecordAttendance:
      return c.record_attendance().training_id();
    case v1::TrainingCommand::kGiveFeedback:
      return c.give_feedback().training_id();
    case v1::TrainingCommand::kCloseFeedback:
      return c.close_feedback().training_id();
    case v1::TrainingCommand::kCloseFollowUp:
      return c.close_follow_up().training_id();
    case v1::TrainingCommand::COMMAND_NOT_SET:
      break;
  }
  static const std::string* const kNone = new std::string();
  return *kNone;
}

namespace {

absl::Status ValidateSessions(const v1::CreateTraining& c) {
  if (c.sessions_size() < 1 || c.sessions_size() > kMaxSessions) {
    return Invalid("sessions",
                   absl::StrCat("a training has 1-", kMaxSessions,
                                " sessions, not ", c.sessions_size()));
  }
  for (int i = 0; i < c.sessions_size(); ++i) {
    const std::string field = absl::StrCat("sessions[", i, "]");
    RETURN_IF_ERROR(ValidateSession(field, c.sessions(i)));
    if (i > 0 && StartOf(c.sessions(i)) < EndOf(c.sessions(i - 1))) {
      return Invalid(field, "starts before the previous session ends");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateRegistrationTimes(const v1::CreateTraining& c) {
  RETURN_IF_ERROR(
      ValidateLocalTime("registration_opens", c.registration_opens()));
  RETURN_IF_ERROR(
      ValidateLocalTime("registration_closes", c.registration_closes()));
  RETURN_IF_ERROR(
      ValidateLocalTime("cancellation_cutoff", c.cancellation_cutoff()));
  const absl::CivilMinute first = StartOf(c.sessions(0));
  if (ToCivilMinute(c.registration_closes()) <=
      ToCivilMinute(c.registration_opens())) {
    return Invalid("registration_closes", "must be after registration_opens");
  }
  if (ToCivilMinute(c.registration_closes()) > first) {
    return Invalid("registration_closes",
                   "must be by the first session's start");
  }
  if (ToCivilMinute(c.cancellation_cutoff()) > first) {
    return Invalid("cancellation_cutoff",
                   "must be by the first session's start");
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideCreate(const TrainingState& state,
                                    const v1::CreateTraining& c,
                                    const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("network_id", c.network_id()));
  RETURN_IF_ERROR(values::ValidateName("theme", c.theme()));
  RETURN_IF_ERROR(values::ValidateCompetenceLevel("level", c.level()));
  if (!c.topic().empty())
    RETURN_IF_ERROR(values::ValidateId("topic", c.topic()));
  if (c.language() != v1::LANGUAGE_FI && c.language() != v1::LANGUAGE_SV &&
      c.language() != v1::LANGUAGE_EN) {
    return Invalid("language", "must be fi, sv or en");
  }
  if (c.trainer_ids_size() < 1 || c.trainer_ids_size() > kMaxTrainers) {
    return Invalid("trainer_ids",
                   absl::StrCat("name 1-", kMaxTrainers, " trainers"));
  }
  RETURN_IF_ERROR(values::ValidateIdList("trainer_ids", c.trainer_ids()));
  RETURN_IF_ERROR(ValidateSessions(c));
  if (c.capacity() < 1 || c.capacity() > kMaxCapacity) {
    return Invalid("capacity", absl::StrCat("must be 1-", kMaxCapacity));
  }
  RETURN_IF_ERROR(ValidateRegistrationTimes(c));
  if (c.feedback_days() < 1 || c.feedback_days() > kMaxFeedbackDays) {
    return Invalid("feedback_days",
                   absl::StrCat("must be 1-", kMaxFeedbackDays));
  }
  if (!facts.network_known) return NotFound("network", c.network_id());
  RETURN_IF_ERROR(ValidateOrganiser(c.organiser(), facts));
  RETURN_IF_ERROR(ValidateVenue("venue", c.venue(), facts));
  if (state.exists) {
    return absl::AlreadyExistsError(
        absl::StrCat("training \"", c.training_id(), "\" already exists"));
  }
  v1::TrainingCreated e;
  *e.mutable_training() = c;
  if (!c.venue().online()) *e.mutable_venue_placement() = facts.venue.placement;
  e.set_organiser_region_id(facts.organiser.placement.region_id());
  return One(std::move(e), &v1::TrainingEvent::mutable_created);
}

// Every command but creation needs the training to exist and stand.
absl::Status RequireOpen(const TrainingState& state, const std::string& id) {
  if (!state.exists) return NotFound("training", id);
  if (state.cancelled) {
    return absl::FailedPreconditionError(
        absl::StrCat("training \"", id, "\" is cancelled"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> DecideCancel(const TrainingState& state,
                                    const v1::CancelTraining& c,
                                    const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateNote("reason", c.reason(), 1000));
  if (c.reason().empty()) return Invalid("reason", "is required");
  RETURN_IF_ERROR(RequireOpen(state, c.training_id()));
  if (facts.now >= state.FirstStart()) {
    return absl::FailedPreconditionError(
        absl::StrCat("training \"", c.training_id(), "\" started at ",
                     Format(state.FirstStart()), "; it cannot be cancelled"));
  }
  v1::TrainingCancelled e;
  e.set_training_id(c.training_id());
  e.set_reason(c.reason());
  return One(std::move(e), &v1::TrainingEvent::mutable_cancelled);
}

absl::StatusOr<Events> DecideRegister(const TrainingState& state,
                                      const v1::RegisterForTraining& c,
                                      const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("person_id", c.person_id()));
  RETURN_IF_ERROR(values::ValidateId("school_id", c.school_id()));
  RETURN_IF_ERROR(RequireOpen(state, c.training_id()));
  if (state.feedback_closed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "training \"", c.training_id(), "\" is over: its feedback is closed"));
  }
  if (!facts.school.known) return NotFound("school", c.school_id());
  if (!facts.school.open) {
    return absl::FailedPreconditionError(
        absl::StrCat("school \"", c.school_id(), "\" is closed"));
  }
  if (state.Registered(c.person_id())) {
    return absl::AlreadyExistsError(absl::StrCat(
        c.person_id(), " is already registered for \"", c.training_id(), "\""));
  }
  Events events(1);
  if (static_cast<int>(state.places.size()) < state.definition.capacity()) {
    v1::PlaceTaken& e = *events[0].mutable_place_taken();
    e.set_training_id(c.training_id());
    e.set_person_id(c.person_id());
    e.set_school_id(c.school_id());
    *e.mutable_placement() = facts.school.placement;
  } else {
    v1::WaitListed& e = *events[0].mutable_wait_listed();
    e.set_training_id(c.training_id());
    e.set_person_id(c.person_id());
    e.set_school_id(c.school_id());
    *e.mutable_placement() = facts.school.placement;
    e.set_queue_number(static_cast<int>(state.waiting.size()) + 1);
  }
  return events;
}

absl::StatusOr<Events> DecideCancelRegistration(const TrainingState& state,
                                                const v1::CancelRegistration& c,
                                                const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("person_id", c.person_id()));
  RETURN_IF_ERROR(RequireOpen(state, c.training_id()));
  if (!state.Registered(c.person_id())) {
    return absl::NotFoundError(absl::StrCat(
        c.person_id(), " is not registered for \"", c.training_id(), "\""));
  }
  if (facts.now >= state.FirstStart()) {
    return absl::FailedPreconditionError(
        absl::StrCat("training \"", c.training_id(), "\" started at ",
                     Format(state.FirstStart()),
                     "; not attending is recorded as attendance"));
  }
  const bool had_place = state.places.count(c.person_id()) > 0;
  Events events(1);
  v1::RegistrationCancelled& e = *events[0].mutable_registration_cancelled();
  e.set_training_id(c.training_id());
  e.set_person_id(c.person_id());
  e.set_late(facts.now >=
             ToCivilMinute(state.definition.cancellation_cutoff()));
  e.set_had_place(had_place);
  // The freed place goes to the first in line, late or not: a place left
  // empty helps no one.
  if (had_place && !state.waiting.empty()) {
    v1::PromotedFromWaitingList& p = *events.emplace_back().mutable_promoted();
    p.set_training_id(c.training_id());
    p.set_person_id(state.waiting.front().first);
    p.set_freed_by(c.person_id());
  }
  return events;
}

absl::StatusOr<Events> DecideAttendance(const TrainingState& state,
                                        const v1::RecordAttendance& c,
                                        const Facts& facts) {
  RETURN_IF_ERROR(RequireOpen(state, c.training_id()));
  const int n = state.definition.sessions_size();
  if (c.session() < 1 || c.session() > n) {
    return Invalid("session", absl::StrCat("must be 1-", n));
  }
  if (c.present_person_ids_size() > kMaxPresent) {
    return Invalid("present_person_ids", absl::StrCat("at most ", kMaxPresent));
  }
  RETURN_IF_ERROR(
      values::ValidateIdList("present_person_ids", c.present_person_ids()));
  const absl::CivilMinute start =
      StartOf(state.definition.sessions(c.session() - 1));
  if (facts.now < start) {
    return absl::FailedPreconditionError(
        absl::StrCat("session ", c.session(), " starts at ", Format(start),
                     "; attendance is recorded once it has started"));
  }
  if (state.feedback_closed) {
    return absl::FailedPreconditionError(
        absl::StrCat("the feedback of \"", c.training_id(),
                     "\" is closed; its attendance is final"));
  }
  for (int i = 0; i < c.present_person_ids_size(); ++i) {
    if (state.places.count(c.present_person_ids(i)) == 0) {
      return absl::FailedPreconditionError(
          absl::StrCat("present_person_ids[", i, "]: ", c.present_person_ids(i),
                       " has no place in \"", c.training_id(), "\""));
    }
  }
  v1::AttendanceRecorded e;
  e.set_training_id(c.training_id());
  e.set_session(c.session());
  *e.mutable_present_person_ids() = c.present_person_ids();
  return One(std::move(e), &v1::TrainingEvent::mutable_attendance_recorded);
}

absl::StatusOr<Events> DecideFeedback(const TrainingState& state,
                                      const v1::GiveFeedback& c,
                                      const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("person_id", c.person_id()));
  if (c.score() < 1 || c.score() > 5) return Invalid("score", "must be 1-5");
  RETURN_IF_ERROR(
      values::ValidateNote("comment", c.comment(), kMaxCommentBytes));
  RETURN_IF_ERROR(RequireOpen(state, c.training_id()));
  if (!state.Attended(c.person_id())) {
    return absl::FailedPreconditionError(
        absl::StrCat(c.person_id(), " attended no session of \"",
                     c.training_id(), "\"; feedback is from participants"));
  }
  if (state.feedback_from.count(c.person_id()) > 0) {
    return absl::AlreadyExistsError(absl::StrCat(
        c.person_id(), " already gave feedback on \"", c.training_id(), "\""));
  }
  if (facts.now < state.LastEnd()) {
    return absl::FailedPreconditionError(
        absl::StrCat("feedback opens when the last session ends at ",
                     Format(state.LastEnd())));
  }
  if (state.feedback_closed || facts.now >= state.FeedbackEnd()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the feedback of \"", c.training_id(), "\" is closed"));
  }
  v1::FeedbackGiven e;
  e.set_training_id(c.training_id());
  e.set_person_id(c.person_id());
  e.set_score(c.score());
  e.set_comment(c.comment());
  return One(std::move(e), &v1::TrainingEvent::mutable_feedback_given);
}

absl::StatusOr<Events> DecideCloseFeedback(const TrainingState& state,
                                           const v1::CloseFeedback& c,
                                           const Facts& facts) {
  RETURN_IF_ERROR(RequireOpen(state, c.training_id()));
  if (state.feedback_closed) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the feedback of \"", c.training_id(), "\" is already closed"));
  }
  if (facts.now < state.LastEnd()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the last session ends at ", Format(state.LastEnd())));
  }
  // Attendance may be corrected after someone answered: count those
  // present now who have not.
  std::set<std::string> waiting_for;
  for (const auto& [session, present] : state.attendance) {
    for (const std::string& person : present) {
      if (state.feedback_from.count(person) == 0) waiting_for.insert(person);
    }
  }
  const bool everyone = state.responses > 0 && waiting_for.empty();
  if (facts.now < state.FeedbackEnd() && !everyone) {
    return absl::FailedPreconditionError(absl::StrCat(
        "feedback is open until ", Format(state.FeedbackEnd()), " and ",
        waiting_for.size(), " attendees have not answered"));
  }
  Events events(1);
  v1::FeedbackClosed& e = *events[0].mutable_feedback_closed();
  e.set_training_id(c.training_id());
  e.set_responses(state.responses);
  e.set_score_sum(state.score_sum);
  if (BelowFollowUpLine(state.responses, state.score_sum)) {
    v1::FollowUpOpened& f = *events.emplace_back().mutable_follow_up_opened();
    f.set_training_id(c.training_id());
    f.set_responses(state.responses);
    f.set_score_sum(state.score_sum);
  }
  return events;
}

absl::StatusOr<Events> DecideCloseFollowUp(const TrainingState& state,
                                           const v1::CloseFollowUp& c) {
  RETURN_IF_ERROR(values::ValidateNote("note", c.note(), 2000));
  if (c.note().empty()) return Invalid("note", "is required");
  if (!state.exists) return NotFound("training", c.training_id());
  if (!state.follow_up_open) {
    return absl::FailedPreconditionError(absl::StrCat(
        "training \"", c.training_id(), "\" has no open follow-up"));
  }
  v1::FollowUpClosed e;
  e.set_training_id(c.training_id());
  e.set_note(c.note());
  return One(std::move(e), &v1::TrainingEvent::mutable_follow_up_closed);
}

}  // namespace

absl::StatusOr<Events> DecideTraining(const TrainingState& state,
                                      const v1::TrainingCommand& command,
                                      const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("training_id", TrainingIdOf(command)));
  switch (command.command_case()) {
    case v1::TrainingCommand::kCreate:
      return DecideCreate(state, command.create(), facts);
    case v1::TrainingCommand::kCancel:
      return DecideCancel(state, command.cancel(), facts);
    case v1::TrainingCommand::kRegister:
      return DecideRegister(state, command.register_(), facts);
    case v1::TrainingCommand::kCancelRegistration:
      return DecideCancelRegistration(state, command.cancel_registration(),
                                      facts);
    case v1::TrainingCommand::kRecordAttendance:
      return DecideAttendance(state, command.record_attendance(), facts);
    case v1::TrainingCommand::kGiveFeedback:
      return DecideFeedback(state, command.give_feedback(), facts);
    case v1::TrainingCommand::kCloseFeedback:
      return DecideCloseFeedback(state, command.close_feedback(), facts);
    case v1::TrainingCommand::kCloseFollowUp:
      return DecideCloseFollowUp(state, command.close_follow_up());
    case v1::TrainingCommand::COMMAND_NOT_SET:
      break;
  }
  return Invalid("command", "is not set");
}

}  // namespace tutornet::training
