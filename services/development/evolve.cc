#include <algorithm>

#include "services/development/state.h"
#include "services/values/dates.h"

namespace tutornet::development {
namespace {

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& ids,
              const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void EvolvePlan(PlanState& plan, const v1::DevelopmentEvent& event) {
  switch (event.event_case()) {
    case v1::DevelopmentEvent::kPlanSubmitted: {
      const v1::ActivityPlanSubmitted& e = event.plan_submitted();
      plan.status = v1::PLAN_STATUS_SUBMITTED;
      plan.version = e.version();
      plan.school_ids.assign(e.plan().school_ids().begin(),
                             e.plan().school_ids().end());
      plan.approved_by_school.clear();
      break;
    }
    case v1::DevelopmentEvent::kPlanApproved: {
      const v1::ActivityPlanApproved& e = event.plan_approved();
      plan.approved_by_school.insert(e.school_id());
      if (e.plan_approved()) {
        plan.status = v1::PLAN_STATUS_APPROVED;
        plan.approved_version = e.version();
      }
      break;
    }
    case v1::DevelopmentEvent::kPlanReturned:
      plan.status = v1::PLAN_STATUS_RETURNED;
      plan.approved_by_school.clear();
      break;
    default:
      break;
  }
}

void EvolveProcess(ProcessState& p, const v1::DevelopmentEvent& event) {
  switch (event.event_case()) {
    case v1::DevelopmentEvent::kProcessStarted:
      p.process = event.process_started().process();
      break;
    case v1::DevelopmentEvent::kTeamChanged:
      for (v1::CoordinationTeam& team : *p.process.mutable_teams()) {
        if (team.school_id() == event.team_changed().team().school_id()) {
          team = event.team_changed().team();
        }
      }
      break;
    case v1::DevelopmentEvent::kMentorsChanged:
      *p.process.mutable_mentor_ids() = event.mentors_changed().mentor_ids();
      break;
    case v1::DevelopmentEvent::kPhaseEntered: {
      const v1::PhaseEntered& e = event.phase_entered();
      if (e.cycle() != p.cycle) p.phase_days.clear();
      p.cycle = e.cycle();
      p.phase = e.phase();
      p.phase_days[e.phase()] = values::ToCivilDay(e.date());
      break;
    }
    case v1::DevelopmentEvent::kProcessClosed:
      p.closed = true;
      break;
    default:
      break;
  }
}

void EvolvePeriod(PeriodState& p, const v1::DevelopmentEvent& event) {
  switch (event.event_case()) {
    case v1::DevelopmentEvent::kWorkPairApplied:
      p.application = event.work_pair_applied().application();
      p.status = v1::WORK_PAIR_STATUS_APPLIED;
      break;
    case v1::DevelopmentEvent::kWorkPairApproved:
      p.status = v1::WORK_PAIR_STATUS_APPROVED;
      break;
    case v1::DevelopmentEvent::kWorkPairRefused:
      p.status = v1::WORK_PAIR_STATUS_REFUSED;
      break;
    case v1::DevelopmentEvent::kGoalsFiled:
      p.status = v1::WORK_PAIR_STATUS_GOALS_FILED;
      break;
    case v1::DevelopmentEvent::kDayRecorded:
      p.status = v1::WORK_PAIR_STATUS_HELD;
      p.days.insert(values::ToCivilDay(event.day_recorded().date()));
      break;
    case v1::DevelopmentEvent::kFollowUpFiled:
      p.followed_up.insert(event.follow_up_filed().follow_up().person_id());
      break;
    case v1::DevelopmentEvent::kWorkPairClosed:
      p.status = v1::WORK_PAIR_STATUS_CLOSED;
      break;
    default:
      break;
  }
}

}  // namespace

bool ProcessState::IsMentor(const std::string& person) const {
  return Contains(process.mentor_ids(), person);
}

bool ProcessState::InTeam(const std::string& person) const {
  for (const v1::CoordinationTeam& team : process.teams()) {
    if (team.principal_id() == person ||
        Contains(team.digital_lead_ids(), person)) {
      return true;
    }
  }
  return false;
}

const v1::CoordinationTeam* ProcessState::TeamOf(
    const std::string& school_id) const {
  for (const v1::CoordinationTeam& team : process.teams()) {
    if (team.school_id() == school_id) return &team;
  }
  return nullptr;
}

bool PeriodState::IsPartner(const std::string& person) const {
  for (const v1::WorkPairPartner& partner : application.partners()) {
    if (partner.person_id() == person) return true;
  }
  return false;
}

std::string NetworkOf(const v1::DevelopmentEvent& e) {
  using E = v1::DevelopmentEvent;
  switch (e.event_case()) {
    case E::kAreaDefined:
      return e.area_defined().network_id();
    case E::kMethodDefined:
      return e.method_defined().network_id();
    case E::kPlanSubmitted:
      return e.plan_submitted().network_id();
    case E::kPlanApproved:
      return e.plan_approved().network_id();
    case E::kPlanReturned:
      return e.plan_returned().network_id();
    case E::kRoundOpened:
      return e.round_opened().round().network_id();
    case E::kMappingAnswered:
      return e.mapping_answered().network_id();
    case E::kRoundClosed:
      return e.round_closed().network_id();
    case E::kPlanItemAdded:
      return e.plan_item_added().item().network_id();
    case E::kItemStatusSet:
      return e.item_status_set().network_id();
    case E::kProcessStarted:
      return e.process_started().process().network_id();
    case E::kTeamChanged:
      return e.team_changed().network_id();
    case E::kMentorsChanged:
      return e.mentors_changed().network_id();
    case E::kPhaseEntered:
      return e.phase_entered().network_id();
    case E::kMethodUsed:
      return e.method_used().network_id();
    case E::kProcessClosed:
      return e.process_closed().network_id();
    case E::kWorkPairApplied:
      return e.work_pair_applied().application().network_id();
    case E::kWorkPairApproved:
      return e.work_pair_approved().network_id();
    case E::kWorkPairRefused:
      return e.work_pair_refused().network_id();
    case E::kGoalsFiled:
      return e.goals_filed().network_id();
    case E::kDayRecorded:
      return e.day_recorded().network_id();
    case E::kFollowUpFiled:
      return e.follow_up_filed().network_id();
    case E::kWorkPairClosed:
      return e.work_pair_closed().network_id();
    case E::kMentorAppointed:
      return e.mentor_appointed().appointment().network_id();
    case E::kGoalsFollowedUp:
      return e.goals_followed_up().network_id();
    case E::kMentorshipEnded:
      return e.mentorship_ended().network_id();
    case E::EVENT_NOT_SET:
      return "";
  }
  return "";
}

DevelopmentState Evolve(DevelopmentState state,
                        const v1::DevelopmentEvent& event) {
  using E = v1::DevelopmentEvent;
  state.exists = true;
  state.network_id = NetworkOf(event);
  switch (event.event_case()) {
    case E::kAreaDefined: {
      const v1::CompetenceArea& area = event.area_defined().area();
      state.catalogue.areas[area.area_id()] = area;
      break;
    }
    case E::kMethodDefined: {
      const v1::MentoringMethod& method = event.method_defined().method();
      state.catalogue.methods[method.method_id()] = method;
      break;
    }
    case E::kPlanSubmitted:
    case E::kPlanApproved:
    case E::kPlanReturned:
      EvolvePlan(state.plan, event);
      break;
    case E::kRoundOpened:
      state.round.round = event.round_opened().round();
      break;
    case E::kMappingAnswered:
      state.round.answered.insert(event.mapping_answered().person_id());
      break;
    case E::kRoundClosed:
      state.round.closed = true;
      break;
    case E::kPlanItemAdded:
      state.training_plan.items[event.plan_item_added().item().item_id()] =
          v1::TRAINING_PLAN_ITEM_STATUS_PLANNED;
      break;
    case E::kItemStatusSet:
      state.training_plan.items[event.item_status_set().item_id()] =
          event.item_status_set().status();
      break;
    case E::kProcessStarted:
    case E::kTeamChanged:
    case E::kMentorsChanged:
    case E::kPhaseEntered:
    case E::kMethodUsed:
    case E::kProcessClosed:
      EvolveProcess(state.process, event);
      break;
    case E::kWorkPairApplied:
    case E::kWorkPairApproved:
    case E::kWorkPairRefused:
    case E::kGoalsFiled:
    case E::kDayRecorded:
    case E::kFollowUpFiled:
    case E::kWorkPairClosed:
      EvolvePeriod(state.period, event);
      break;
    case E::kMentorAppointed:
      state.mentorship.appointment = event.mentor_appointed().appointment();
      break;
    case E::kGoalsFollowedUp:
      break;
    case E::kMentorshipEnded:
      state.mentorship.ended = true;
      break;
    case E::EVENT_NOT_SET:
      break;
  }
  return state;
}

}  // namespace tutornet::development
