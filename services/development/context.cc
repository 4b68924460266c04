#include "services/development/context.h"

#include "absl/strings/str_cat.h"
#include "services/values/dates.h"
#include "services/values/text.h"

namespace tutornet::development {
namespace {

using C = v1::DevelopmentCommand;

void AddTeam(FactsQuery& q, const v1::CoordinationTeam& team) {
  q.school_ids.push_back(team.school_id());
  q.roles.emplace_back(team.principal_id(), v1::ROLE_PRINCIPAL,
                       team.school_id());
}

void AddPlanSchools(FactsQuery& q, const std::string& person,
                    const v1::ActivityPlanContent& plan) {
  for (const std::string& school : plan.school_ids()) {
    q.school_ids.push_back(school);
    q.roles.emplace_back(person, v1::ROLE_TUTOR_TEACHER, school);
  }
}

// The network, schools, roles and catalogue a command names (and those of
// the stream it acts on).
void Ask(FactsQuery& q, const access::Principal& p, const DevelopmentState& s,
         const C& c) {
  q.network_id = s.network_id;
  switch (c.command_case()) {
    case C::kDefineArea:
      q.network_id = c.define_area().network_id();
      break;
    case C::kDefineMethod:
      q.network_id = c.define_method().network_id();
      break;
    case C::kSubmitPlan:
      q.network_id = c.submit_plan().network_id();
      AddPlanSchools(q, c.submit_plan().person_id(), c.submit_plan().plan());
      break;
    case C::kRevisePlan:
      q.network_id = c.revise_plan().network_id();
      AddPlanSchools(q, c.revise_plan().person_id(), c.revise_plan().plan());
      break;
    case C::kApprovePlan:
    case C::kReturnPlan: {
      const std::string& school = c.has_approve_plan()
                                      ? c.approve_plan().school_id()
                                      : c.return_plan().school_id();
      q.network_id = c.has_approve_plan() ? c.approve_plan().network_id()
                                          : c.return_plan().network_id();
      q.roles.emplace_back(p.id, v1::ROLE_PRINCIPAL, school);
      break;
    }
    case C::kOpenRound:
      q.network_id = c.open_round().network_id();
      q.catalogue = true;
      q.school_ids.push_back(c.open_round().school_id());
      break;
    case C::kAnswerMapping:
      q.school_ids.push_back(c.answer_mapping().school_id());
      break;
    case C::kCloseRound:
      q.school_ids.push_back(s.round.round.school_id());
      break;
    case C::kAddPlanItem:
      q.network_id = c.add_plan_item().network_id();
      q.catalogue = true;
      break;
    case C::kSetItemStatus:
      q.network_id = c.set_item_status().network_id();
      break;
    case C::kStartProcess:
      q.network_id = c.start_process().network_id();
      for (const v1::CoordinationTeam& team : c.start_process().teams()) {
        AddTeam(q, team);
      }
      break;
    case C::kChangeTeam:
      AddTeam(q, c.change_team().team());
      break;
    case C::kRecordMethod:
      q.catalogue = true;
      break;
    case C::kApplyWorkPair:
      q.network_id = c.apply_work_pair().network_id();
      for (const v1::WorkPairPartner& partner :
           c.apply_work_pair().partners()) {
        q.school_ids.push_back(partner.organisation_id());
      }
      break;
    case C::kAppointMentor:
      q.network_id = c.appoint_mentor().network_id();
      q.school_ids.push_back(c.appoint_mentor().unit_id());
      break;
    default:
      break;
  }
  for (const v1::CoordinationTeam& team : s.process.process.teams()) {
    q.school_ids.push_back(team.school_id());
  }
  if (!s.mentorship.appointment.unit_id().empty()) {
    q.school_ids.push_back(s.mentorship.appointment.unit_id());
  }
}

}  // namespace

std::string CatalogueStream(absl::string_view network_id) {
  return absl::StrCat("catalogue-", network_id);
}

absl::StatusOr<Facts> DevelopmentContext::Gather(
    const access::Principal& principal, const State& state,
    const Command& command, absl::Time now) const {
  FactsQuery q;
  q.now = now;
  Ask(q, principal, state, command);
  if (!values::ValidateId("network_id", q.network_id).ok()) {
    Facts facts;
    facts.today = values::FinnishDay(now);
    return facts;
  }
  return facts_(q);
}

}  // namespace tutornet::development
