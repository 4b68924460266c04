// The school mentoring process of the iHub4Schools model: external mentors
// and each school's coordination team (its principal and two digital-lead
// teachers) go through seven phases in order; reflection (7) may start a
// new cycle at 1. Methods of the catalogue are recorded against a phase of
// the current cycle.
#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/development/decider.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using C = v1::DevelopmentCommand;

constexpr const char* kPhaseNames[kPhases + 1] = {
    "",
    "initiative",
    "discussions between key actors",
    "joint planning and options",
    "mapping development needs and cooperation goals",
    "new perspectives",
    "development and cooperation actions",
    "reflection"};

absl::Status ValidateTeam(absl::string_view field,
                          const v1::CoordinationTeam& team,
                          const Facts& facts) {
  RETURN_IF_ERROR(RequireSchool(absl::StrCat(field, ".school_id"),
                                team.school_id(), facts));
  RETURN_IF_ERROR(values::ValidateId(absl::StrCat(field, ".principal_id"),
                                     team.principal_id()));
  const std::string leads = absl::StrCat(field, ".digital_lead_ids");
  if (team.digital_lead_ids_size() != 2) {
    return values::Invalid(leads,
                           "must name exactly two digital-lead teachers");
  }
  RETURN_IF_ERROR(values::ValidateIdList(leads, team.digital_lead_ids()));
  for (const std::string& lead : team.digital_lead_ids()) {
    if (lead == team.principal_id()) {
      return values::Invalid(leads, "must not name the principal");
    }
  }
  if (!facts.Holds(team.principal_id(), v1::ROLE_PRINCIPAL, team.school_id())) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ".principal_id: ", team.principal_id(),
                     " is not the principal of school \"", team.school_id(),
                     "\" in the registry today"));
  }
  return absl::OkStatus();
}

absl::Status ValidateMentors(
    const google::protobuf::RepeatedPtrField<std::string>& mentors,
    const google::protobuf::RepeatedPtrField<v1::CoordinationTeam>& teams) {
  if (mentors.empty() || mentors.size() > kMaxMentors) {
    return values::Invalid("mentor_ids", "must name 1-10 mentors");
  }
  RETURN_IF_ERROR(values::ValidateIdList("mentor_ids", mentors));
  for (int i = 0; i < mentors.size(); ++i) {
    for (const v1::CoordinationTeam& team : teams) {
      bool in_team = team.principal_id() == mentors[i];
      for (const std::string& lead : team.digital_lead_ids()) {
        in_team = in_team || lead == mentors[i];
      }
      if (in_team) {
        return values::Invalid(
            absl::StrCat("mentor_ids[", i, "]"),
            "is in a coordination team; mentors come from outside the school");
      }
    }
  }
  return absl::OkStatus();
}

absl::Status RequireOpen(const DevelopmentState& state,
                         const std::string& process_id) {
  if (!state.exists) {
    return absl::NotFoundError(
        absl::StrCat("no mentoring process \"", process_id, "\""));
  }
  if (state.process.closed) {
    return absl::FailedPreconditionError("the process is closed");
  }
  return absl::OkStatus();
}

absl::StatusOr<Events> Start(const DevelopmentState& state,
                             const v1::StartMentoringProcess& s,
                             const Facts& facts) {
  if (state.exists) {
    return absl::AlreadyExistsError(
        absl::StrCat("process_id: \"", s.process_id(), "\" is taken"));
  }
  if (!facts.network_known) {
    return absl::NotFoundError(
        absl::StrCat("no network \"", s.network_id(), "\""));
  }
  RETURN_IF_ERROR(values::ValidateName("title", s.title()));
  if (s.teams().empty() || s.teams_size() > 2) {
    return values::Invalid("teams", "must hold one school's team, or two");
  }
  Events events;
  v1::MentoringProcessStarted& e =
      *events.emplace_back().mutable_process_started();
  std::set<std::string> people;
  for (int i = 0; i < s.teams_size(); ++i) {
    const v1::CoordinationTeam& team = s.teams(i);
    RETURN_IF_ERROR(ValidateTeam(absl::StrCat("teams[", i, "]"), team, facts));
    if (i == 1 && team.school_id() == s.teams(0).school_id()) {
      return values::Invalid("teams[1].school_id", "names the first school");
    }
    *e.add_placements() = facts.School(team.school_id()).placement;
  }
  RETURN_IF_ERROR(ValidateMentors(s.mentor_ids(), s.teams()));
  *e.mutable_process() = s;
  return events;
}

absl::StatusOr<Events> Enter(const DevelopmentState& state,
                             const v1::EnterPhase& p, const Facts& facts) {
  RETURN_IF_ERROR(RequireOpen(state, p.process_id()));
  const ProcessState& process = state.process;
  if (p.phase() < 1 || p.phase() > kPhases) {
    return values::Invalid("phase", "must be 1-7");
  }
  const int next = process.phase % kPhases + 1;
  if (p.phase() != next) {
    return absl::FailedPreconditionError(
        absl::StrCat("phase: the next phase is ", next, " (", kPhaseNames[next],
                     "), not ", p.phase(), "; phases are not skipped"));
  }
  RETURN_IF_ERROR(ValidatePastDate("date", p.date(), facts.today));
  if (process.phase > 0 &&
      values::ToCivilDay(p.date()) < process.phase_days.at(process.phase)) {
    return values::Invalid("date", "must not be before the previous phase");
  }
  RETURN_IF_ERROR(ValidateRequiredNote("notes", p.notes()));
  Events events;
  v1::PhaseEntered& e = *events.emplace_back().mutable_phase_entered();
  e.set_process_id(p.process_id());
  e.set_network_id(state.network_id);
  e.set_cycle(next == 1 ? process.cycle + 1 : process.cycle);
  e.set_phase(next);
  *e.mutable_date() = p.date();
  e.set_notes(p.notes());
  return events;
}

absl::StatusOr<Events> RecordMethod(const DevelopmentState& state,
                                    const v1::RecordMethodUse& m,
                                    const Facts& facts) {
  RETURN_IF_ERROR(RequireOpen(state, m.process_id()));
  const ProcessState& process = state.process;
  if (m.phase() < 1 || m.phase() > kPhases) {
    return values::Invalid("phase", "must be 1-7");
  }
  auto began = process.phase_days.find(m.phase());
  if (began == process.phase_days.end()) {
    return absl::FailedPreconditionError(
        absl::StrCat("phase: phase ", m.phase(),
                     " has not been entered in cycle ", process.cycle));
  }
  RETURN_IF_ERROR(values::ValidateId("method_id", m.method_id()));
  if (facts.catalogue.methods.count(m.method_id()) == 0) {
    return absl::NotFoundError(absl::StrCat("method_id: \"", m.method_id(),
                                            "\" is not in the catalogue"));
  }
  RETURN_IF_ERROR(ValidatePastDate("date", m.date(), facts.today));
  if (values::ToCivilDay(m.date()) < began->second) {
    return values::Invalid("date", "must not be before the phase began");
  }
  if (m.duration_minutes() < 1 || m.duration_minutes() > 1440) {
    return values::Invalid("duration_minutes", "must be 1-1440");
  }
  if (m.participants() < 1 || m.participants() > kMaxParticipants) {
    return values::Invalid("participants", "must be 1-10000");
  }
  RETURN_IF_ERROR(ValidateOptionalNote("note", m.note()));
  Events events;
  v1::MethodUsed& e = *events.emplace_back().mutable_method_used();
  e.set_process_id(m.process_id());
  e.set_network_id(state.network_id);
  e.set_cycle(process.cycle);
  *e.mutable_use() = m;
  return events;
}

absl::StatusOr<Events> ChangeTeam(const DevelopmentState& state,
                                  const v1::ChangeCoordinationTeam& c,
                                  const Facts& facts) {
  RETURN_IF_ERROR(RequireOpen(state, c.process_id()));
  const v1::CoordinationTeam* current =
      state.process.TeamOf(c.team().school_id());
  if (current == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("team.school_id: the process has no school \"",
                     c.team().school_id(), "\""));
  }
  RETURN_IF_ERROR(ValidateTeam("team", c.team(), facts));
  google::protobuf::RepeatedPtrField<v1::CoordinationTeam> teams =
      state.process.process.teams();
  for (v1::CoordinationTeam& team : teams) {
    if (team.school_id() == c.team().school_id()) team = c.team();
  }
  RETURN_IF_ERROR(ValidateMentors(state.process.process.mentor_ids(), teams));
  RETURN_IF_ERROR(ValidateRequiredNote("reason", c.reason()));
  Events events;
  if (current->SerializeAsString() == c.team().SerializeAsString()) {
    return events;
  }
  v1::CoordinationTeamChanged& e =
      *events.emplace_back().mutable_team_changed();
  e.set_process_id(c.process_id());
  e.set_network_id(state.network_id);
  *e.mutable_team() = c.team();
  e.set_reason(c.reason());
  return events;
}

absl::StatusOr<Events> ChangeMentors(const DevelopmentState& state,
                                     const v1::ChangeMentors& c) {
  RETURN_IF_ERROR(RequireOpen(state, c.process_id()));
  RETURN_IF_ERROR(
      ValidateMentors(c.mentor_ids(), state.process.process.teams()));
  RETURN_IF_ERROR(ValidateRequiredNote("reason", c.reason()));
  Events events;
  const auto& now = state.process.process.mentor_ids();
  if (std::equal(c.mentor_ids().begin(), c.mentor_ids().end(), now.begin(),
                 now.end())) {
    return events;  // The same mentors: nothing changes.
  }
  v1::MentorsChanged& e = *events.emplace_back().mutable_mentors_changed();
  e.set_process_id(c.process_id());
  e.set_network_id(state.network_id);
  *e.mutable_mentor_ids() = c.mentor_ids();
  e.set_reason(c.reason());
  return events;
}

}  // namespace

absl::StatusOr<Events> DecideMentoring(const DevelopmentState& state,
                                       const C& c, const Facts& facts) {
  switch (c.command_case()) {
    case C::kStartProcess:
      return Start(state, c.start_process(), facts);
    case C::kChangeTeam:
      return ChangeTeam(state, c.change_team(), facts);
    case C::kChangeMentors:
      return ChangeMentors(state, c.change_mentors());
    case C::kEnterPhase:
      return Enter(state, c.enter_phase(), facts);
    case C::kRecordMethod:
      return RecordMethod(state, c.record_method(), facts);
    case C::kCloseProcess: {
      const v1::CloseMentoringProcess& close = c.close_process();
      if (!state.exists) {
        return absl::NotFoundError(
            absl::StrCat("no mentoring process \"", close.process_id(), "\""));
      }
      Events events;
      if (state.process.closed) return events;
      RETURN_IF_ERROR(ValidateRequiredNote("reason", close.reason()));
      v1::MentoringProcessClosed& e =
          *events.emplace_back().mutable_process_closed();
      e.set_process_id(close.process_id());
      e.set_network_id(state.network_id);
      e.set_reason(close.reason());
      return events;
    }
    default:
      return values::Invalid("command", "is not a mentoring command");
  }
}

}  // namespace tutornet::development
