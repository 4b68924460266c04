#include "services/development/policy.h"

#include "absl/strings/str_cat.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using access::AccessRole;
using access::Denied;
using C = v1::DevelopmentCommand;

bool IsNetworkCoordinator(const Principal& p, const std::string& network_id) {
  return access::IsAdmin(p) || (p.role == AccessRole::kNetworkCoordinator &&
                                p.network_id == network_id);
}

std::vector<std::string> RegionsOf(const std::vector<std::string>& schools,
                                   const Facts& facts) {
  std::vector<std::string> regions;
  for (const std::string& school : schools) {
    regions.push_back(facts.School(school).placement.region_id());
  }
  return regions;
}

std::vector<std::string> ProcessSchools(const v1::StartMentoringProcess& p) {
  std::vector<std::string> schools;
  for (const v1::CoordinationTeam& team : p.teams()) {
    schools.push_back(team.school_id());
  }
  return schools;
}

absl::Status RequireSelf(const Principal& p, const std::string& network_id,
                         const std::string& person_id, absl::string_view what) {
  if (p.role == AccessRole::kFunder) return Denied(p, what);
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, what));
  if (p.id != person_id) {
    return Denied(p,
                  absl::StrCat(what, " for ", person_id, "; only their own"));
  }
  return absl::OkStatus();
}

absl::Status RequireCoordinator(const Principal& p,
                                const std::string& network_id,
                                const std::vector<std::string>& regions,
                                absl::string_view what) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, what));
  if (CoversAll(p, network_id, regions)) return absl::OkStatus();
  return Denied(p, absl::StrCat(what, " outside its regions"));
}

absl::Status AuthorizePlan(const Principal& p, const C& c, const Facts& facts) {
  switch (c.command_case()) {
    case C::kSubmitPlan:
      return RequireSelf(p, c.submit_plan().network_id(),
                         c.submit_plan().person_id(),
                         "submit an activity plan");
    case C::kRevisePlan:
      return RequireSelf(p, c.revise_plan().network_id(),
                         c.revise_plan().person_id(),
                         "revise an activity plan");
    default:
      break;
  }
  const bool approve = c.has_approve_plan();
  const std::string& network =
      approve ? c.approve_plan().network_id() : c.return_plan().network_id();
  const std::string& person =
      approve ? c.approve_plan().person_id() : c.return_plan().person_id();
  const std::string& school =
      approve ? c.approve_plan().school_id() : c.return_plan().school_id();
  const char* what =
      approve ? "approve activity plans" : "return activity plans";
  RETURN_IF_ERROR(access::RequireNetwork(p, network, what));
  if (p.id == person) return Denied(p, absl::StrCat(what, " of its own"));
  if (!facts.Holds(p.id, v1::ROLE_PRINCIPAL, school)) {
    return Denied(p, absl::StrCat(what, " of school \"", school,
                                  "\"; only its principal does"));
  }
  return absl::OkStatus();
}

absl::Status AuthorizeMapping(const Principal& p, const C& c,
                              const DevelopmentState& s, const Facts& facts) {
  if (c.has_answer_mapping()) {
    if (!s.exists) return absl::OkStatus();
    return RequireSelf(p, s.network_id, c.answer_mapping().person_id(),
                       "answer a mapping round");
  }
  const v1::OpenMappingRound& round =
      c.has_open_round() ? c.open_round() : s.round.round;
  if (c.has_close_round() && !s.exists) return absl::OkStatus();
  std::vector<std::string> regions;
  if (!round.school_id().empty()) {
    regions.push_back(facts.School(round.school_id()).placement.region_id());
  }
  return RequireCoordinator(p, round.network_id(), regions,
                            "open or close mapping rounds");
}

absl::Status AuthorizeTrainingPlan(const Principal& p, const C& c) {
  const std::string& network = c.has_add_plan_item()
                                   ? c.add_plan_item().network_id()
                                   : c.set_item_status().network_id();
  const std::string& person = c.has_add_plan_item()
                                  ? c.add_plan_item().person_id()
                                  : c.set_item_status().person_id();
  const char* what = "keep training plans";
  RETURN_IF_ERROR(access::RequireNetwork(p, network, what));
  // Teachers are not in the registry: no region scopes their plans.
  if (p.id == person || IsNetworkCoordinator(p, network)) {
    return absl::OkStatus();
  }
  return Denied(p, absl::StrCat(what, " of others"));
}

absl::Status AuthorizeMentoring(const Principal& p, const C& c,
                                const DevelopmentState& s, const Facts& facts) {
  if (c.has_start_process()) {
    if (c.start_process().teams().empty()) return absl::OkStatus();
    return RequireCoordinator(
        p, c.start_process().network_id(),
        RegionsOf(ProcessSchools(c.start_process()), facts),
        "start mentoring processes");
  }
  if (!s.exists) return absl::OkStatus();
  const char* what = "steer the mentoring process";
  RETURN_IF_ERROR(access::RequireNetwork(p, s.network_id, what));
  if (p.role != AccessRole::kFunder &&
      CoversAny(p, s.network_id,
                RegionsOf(ProcessSchools(s.process.process), facts))) {
    return absl::OkStatus();
  }
  const bool mentor = s.process.IsMentor(p.id);
  switch (c.command_case()) {
    case C::kEnterPhase:
    case C::kRecordMethod:
      if (mentor || s.process.InTeam(p.id)) return absl::OkStatus();
      return Denied(p, "act in a process it is neither mentor nor team of");
    case C::kChangeTeam: {
      const v1::CoordinationTeam* team =
          s.process.TeamOf(c.change_team().team().school_id());
      // A school the process does not have is the decider's NOT_FOUND.
      if (mentor || (team == nullptr && s.process.InTeam(p.id)) ||
          (team != nullptr && team->principal_id() == p.id)) {
        return absl::OkStatus();
      }
      return Denied(p, "change the coordination team");
    }
    case C::kChangeMentors:
    case C::kCloseProcess:
      if (mentor) return absl::OkStatus();
      return Denied(p, what);
    default:
      return Denied(p, what);
  }
}

absl::Status AuthorizeWorkPair(const Principal& p, const C& c,
                               const DevelopmentState& s, const Facts& facts) {
  if (c.has_apply_work_pair()) {
    const v1::ApplyForWorkPair& a = c.apply_work_pair();
    RETURN_IF_ERROR(access::RequireNetwork(p, a.network_id(),
                                           "apply for a work-pair period"));
    std::vector<std::string> organisations;
    for (const v1::WorkPairPartner& partner : a.partners()) {
      if (partner.person_id() == p.id) return absl::OkStatus();
      organisations.push_back(partner.organisation_id());
    }
    if (CoversAll(p, a.network_id(), RegionsOf(organisations, facts))) {
      return absl::OkStatus();
    }
    return Denied(p,
                  "apply for a period it is not a partner of, outside "
                  "its regions");
  }
  if (!s.exists) return absl::OkStatus();
  RETURN_IF_ERROR(access::RequireNetwork(p, s.network_id, "act on the period"));
  const bool partner = s.period.IsPartner(p.id);
  switch (c.command_case()) {
    case C::kDecideWorkPair:
    case C::kCloseWorkPair:
      if (partner) return Denied(p, "decide or close its own period");
      if (IsNetworkCoordinator(p, s.network_id)) return absl::OkStatus();
      return Denied(p,
                    "decide or close work-pair periods; the project "
                    "manager (a network coordinator) does");
    case C::kFileGoals:
    case C::kRecordDay:
      if (partner || IsNetworkCoordinator(p, s.network_id)) {
        return absl::OkStatus();
      }
      return Denied(p, "file goals or days of a period it is not a partner of");
    case C::kFileFollowUp:
      if (p.id == c.file_follow_up().person_id()) return absl::OkStatus();
      return Denied(
          p, absl::StrCat("file the follow-up of ",
                          c.file_follow_up().person_id(), "; only they do"));
    default:
      return Denied(p, "act on the period");
  }
}

absl::Status AuthorizeMentorship(const Principal& p, const C& c,
                                 const DevelopmentState& s,
                                 const Facts& facts) {
  if (c.has_appoint_mentor()) {
    const v1::AppointDigitalMentor& a = c.appoint_mentor();
    return RequireCoordinator(p, a.network_id(),
                              RegionsOf({a.unit_id()}, facts),
                              "appoint digital mentors");
  }
  if (!s.exists) return absl::OkStatus();
  const v1::AppointDigitalMentor& a = s.mentorship.appointment;
  if (c.has_follow_up_goals() && p.id == a.person_id() &&
      p.network_id == s.network_id) {
    return absl::OkStatus();
  }
  return RequireCoordinator(p, s.network_id, RegionsOf({a.unit_id()}, facts),
                            "follow up or end digital mentorships");
}

}  // namespace

bool CoversAll(const Principal& p, const std::string& network_id,
               const std::vector<std::string>& region_ids) {
  if (IsNetworkCoordinator(p, network_id)) return true;
  if (p.role != AccessRole::kRegionalCoordinator ||
      p.network_id != network_id || region_ids.empty()) {
    return false;
  }
  for (const std::string& region : region_ids) {
    if (p.region_ids.count(region) == 0) return false;
  }
  return true;
}

bool CoversAny(const Principal& p, const std::string& network_id,
               const std::vector<std::string>& region_ids) {
  if (IsNetworkCoordinator(p, network_id)) return true;
  if (p.role != AccessRole::kRegionalCoordinator ||
      p.network_id != network_id) {
    return false;
  }
  for (const std::string& region : region_ids) {
    if (p.region_ids.count(region) > 0) return true;
  }
  return false;
}

absl::Status AuthorizeCommand(const Principal& p, const C& c,
                              const DevelopmentState& s, const Facts& facts) {
  // Whatever its id: a funder's token is never a principal, a partner or a
  // mentor.
  if (p.role == AccessRole::kFunder) return Denied(p, "write");
  switch (c.command_case()) {
    case C::kDefineArea:
    case C::kDefineMethod: {
      const std::string& network = c.has_define_area()
                                       ? c.define_area().network_id()
                                       : c.define_method().network_id();
      if (IsNetworkCoordinator(p, network)) return absl::OkStatus();
      return Denied(p, "define the network's catalogue");
    }
    case C::kSubmitPlan:
    case C::kRevisePlan:
    case C::kApprovePlan:
    case C::kReturnPlan:
      return AuthorizePlan(p, c, facts);
    case C::kOpenRound:
    case C::kAnswerMapping:
    case C::kCloseRound:
      return AuthorizeMapping(p, c, s, facts);
    case C::kAddPlanItem:
    case C::kSetItemStatus:
      return AuthorizeTrainingPlan(p, c);
    case C::kStartProcess:
    case C::kChangeTeam:
    case C::kChangeMentors:
    case C::kEnterPhase:
    case C::kRecordMethod:
    case C::kCloseProcess:
      return AuthorizeMentoring(p, c, s, facts);
    case C::kApplyWorkPair:
    case C::kDecideWorkPair:
    case C::kFileGoals:
    case C::kRecordDay:
    case C::kFileFollowUp:
    case C::kCloseWorkPair:
      return AuthorizeWorkPair(p, c, s, facts);
    case C::kAppointMentor:
    case C::kFollowUpGoals:
    case C::kEndMentorship:
      return AuthorizeMentorship(p, c, s, facts);
    case C::COMMAND_NOT_SET:
      break;
  }
  return absl::OkStatus();  // The decider refuses an empty command.
}

absl::Status AuthorizeNetworkRead(const Principal& p,
                                  const std::string& network_id,
                                  absl::string_view what) {
  return access::RequireNetwork(p, network_id, what);
}

absl::Status AuthorizePersonalRead(const Principal& p,
                                   const std::string& network_id,
                                   const std::string& person_id, bool principal,
                                   const std::vector<std::string>& regions,
                                   absl::string_view what) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, what));
  if (p.role == AccessRole::kFunder) return Denied(p, what);
  if (p.id == person_id || principal || CoversAny(p, network_id, regions)) {
    return absl::OkStatus();
  }
  return Denied(p, absl::StrCat(what, " of ", person_id));
}

absl::Status AuthorizeSchoolRead(const Principal& p,
                                 const std::string& network_id,
                                 const std::string& region_id, bool principal,
                                 bool aggregate, absl::string_view what) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, what));
  if (p.role == AccessRole::kFunder) {
    if (aggregate) return absl::OkStatus();
    return Denied(p, what);
  }
  if (principal || CoversAny(p, network_id, {region_id})) {
    return absl::OkStatus();
  }
  return Denied(p, absl::StrCat(what, " of a school outside its scope"));
}

absl::Status AuthorizeMemberRead(const Principal& p,
                                 const std::string& network_id,
                                 absl::string_view what) {
  if (p.role == AccessRole::kFunder) return Denied(p, what);
  return access::RequireNetwork(p, network_id, what);
}

absl::Status AuthorizeFiguresRead(const Principal& p,
                                  const std::string& network_id) {
  const char* what = "read work-pair figures";
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, what));
  if (p.role == AccessRole::kFunder || access::Coordinates(p, network_id)) {
    return absl::OkStatus();
  }
  return Denied(p, what);
}

}  // namespace tutornet::development
