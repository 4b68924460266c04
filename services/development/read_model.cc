// The development projection: how each event of the development log
// changes the rows (read_model.h); the queries are in queries.cc.
#include "services/development/read_model.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/development/keys.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using projections::Rows;
using E = v1::DevelopmentEvent;

// The schools a plan is indexed under: those of its latest version and of
// the version in force.
std::set<std::string> IndexedSchools(const v1::ActivityPlan& plan) {
  std::set<std::string> schools;
  for (const v1::ActivityPlanVersion& v : plan.versions()) {
    if (v.version() != plan.current_version() &&
        v.version() != plan.approved_version()) {
      continue;
    }
    schools.insert(v.plan().school_ids().begin(), v.plan().school_ids().end());
  }
  return schools;
}

// Stores `plan` and moves its ps/ index rows from `before`'s schools.
void PutPlan(Rows& rows, const std::string& key, const v1::ActivityPlan& before,
             const v1::ActivityPlan& plan) {
  auto index = [&](const std::string& school) {
    return absl::StrCat("ps/", plan.network_id(), "/", plan.school_year(), "/",
                        school, "/", plan.person_id());
  };
  const std::set<std::string> now = IndexedSchools(plan);
  for (const std::string& school : IndexedSchools(before)) {
    if (now.count(school) == 0) rows.Delete(index(school));
  }
  for (const std::string& school : now) rows.Put(index(school), "");
  rows.PutMessage(key, plan);
}

absl::Status ApplyPlan(const storage::RecordedEvent& recorded, const E& event,
                       Rows& rows) {
  if (event.has_plan_submitted()) {
    const v1::ActivityPlanSubmitted& e = event.plan_submitted();
    const std::string key =
        PlanKey(e.network_id(), e.school_year(), e.person_id());
    ASSIGN_OR_RETURN(std::optional<v1::ActivityPlan> found,
                     rows.GetMessage<v1::ActivityPlan>(key));
    const v1::ActivityPlan before = found.value_or(v1::ActivityPlan());
    v1::ActivityPlan plan = before;
    plan.set_network_id(e.network_id());
    plan.set_person_id(e.person_id());
    plan.set_school_year(e.school_year());
    plan.set_status(v1::PLAN_STATUS_SUBMITTED);
    plan.set_current_version(e.version());
    v1::ActivityPlanVersion& version = *plan.add_versions();
    version.set_version(e.version());
    *version.mutable_plan() = e.plan();
    version.set_reason(e.reason());
    version.set_submitted_at(values::FormatUtc(recorded.recorded_at));
    PutPlan(rows, key, before, plan);
    return absl::OkStatus();
  }
  const bool approved = event.has_plan_approved();
  const std::string& network = approved ? event.plan_approved().network_id()
                                        : event.plan_returned().network_id();
  const std::string& person = approved ? event.plan_approved().person_id()
                                       : event.plan_returned().person_id();
  const int year = approved ? event.plan_approved().school_year()
                            : event.plan_returned().school_year();
  const std::string key = PlanKey(network, year, person);
  ASSIGN_OR_RETURN(const v1::ActivityPlan before,
                   rows.GetExisting<v1::ActivityPlan>(key));
  v1::ActivityPlan plan = before;
  v1::PlanDecision& d = *plan.add_decisions();
  d.set_decided_by(recorded.metadata.actor);
  d.set_decided_at(values::FormatUtc(recorded.recorded_at));
  if (approved) {
    const v1::ActivityPlanApproved& e = event.plan_approved();
    d.set_school_id(e.school_id());
    d.set_version(e.version());
    d.set_approved(true);
    if (e.plan_approved()) {
      plan.set_status(v1::PLAN_STATUS_APPROVED);
      plan.set_approved_version(e.version());
    }
  } else {
    const v1::ActivityPlanReturned& e = event.plan_returned();
    d.set_school_id(e.school_id());
    d.set_version(e.version());
    d.set_comment(e.comment());
    plan.set_status(v1::PLAN_STATUS_RETURNED);
  }
  PutPlan(rows, key, before, plan);
  return absl::OkStatus();
}

absl::Status ApplyMapping(const E& event, Rows& rows) {
  switch (event.event_case()) {
    case E::kRoundOpened: {
      v1::MappingRound round;
      *round.mutable_round() = event.round_opened().round();
      *round.mutable_areas() = event.round_opened().areas();
      rows.PutMessage(RoundKey(round.round().round_id()), round);
      return absl::OkStatus();
    }
    case E::kMappingAnswered: {
      const v1::MappingAnswered& e = event.mapping_answered();
      ASSIGN_OR_RETURN(
          v1::MappingRound round,
          rows.GetExisting<v1::MappingRound>(RoundKey(e.round_id())));
      if (!e.replaces()) round.set_answered(round.answered() + 1);
      rows.PutMessage(RoundKey(e.round_id()), round);
      rows.PutMessage(absl::StrCat("ma/", e.round_id(), "/", e.person_id()), e);
      return absl::OkStatus();
    }
    case E::kRoundClosed: {
      const std::string key = RoundKey(event.round_closed().round_id());
      ASSIGN_OR_RETURN(v1::MappingRound round,
                       rows.GetExisting<v1::MappingRound>(key));
      round.set_closed(true);
      rows.PutMessage(key, round);
      return absl::OkStatus();
    }
    default:
      return absl::OkStatus();
  }
}

absl::Status ApplyTrainingPlan(const storage::RecordedEvent& recorded,
                               const E& event, Rows& rows) {
  const bool added = event.has_plan_item_added();
  const std::string& network = added
                                   ? event.plan_item_added().item().network_id()
                                   : event.item_status_set().network_id();
  const std::string& person = added ? event.plan_item_added().item().person_id()
                                    : event.item_status_set().person_id();
  const std::string key = TrainingPlanKey(network, person);
  ASSIGN_OR_RETURN(std::optional<v1::TrainingPlan> found,
                   rows.GetMessage<v1::TrainingPlan>(key));
  v1::TrainingPlan plan = found.value_or(v1::TrainingPlan());
  plan.set_network_id(network);
  plan.set_person_id(person);
  const std::string at = values::FormatUtc(recorded.recorded_at);
  if (added) {
    v1::TrainingPlanItem& item = *plan.add_items();
    *item.mutable_item() = event.plan_item_added().item();
    item.set_status(v1::TRAINING_PLAN_ITEM_STATUS_PLANNED);
    item.set_updated_at(at);
  } else {
    for (v1::TrainingPlanItem& item : *plan.mutable_items()) {
      if (item.item().item_id() != event.item_status_set().item_id()) continue;
      item.set_status(event.item_status_set().status());
      item.set_status_note(event.item_status_set().note());
      item.set_updated_at(at);
    }
  }
  rows.PutMessage(key, plan);
  return absl::OkStatus();
}

// A process's row and its mn/ row: what a list of processes shows of it.
void PutProcess(Rows& rows, const v1::MentoringProcess& p) {
  v1::MentoringProcessSummary s;
  s.set_process_id(p.process().process_id());
  *s.mutable_title() = p.process().title();
  for (const v1::CoordinationTeam& team : p.process().teams()) {
    s.add_school_ids(team.school_id());
  }
  s.set_cycle(p.cycle());
  s.set_phase(p.phase());
  s.set_closed(p.closed());
  if (!p.timeline().empty()) {
    *s.mutable_phase_entered() = p.timeline().rbegin()->date();
  }
  rows.PutMessage(
      absl::StrCat("mn/", p.process().network_id(), "/", s.process_id()), s);
  rows.PutMessage(ProcessKey(s.process_id()), p);
}

absl::Status ApplyProcess(const E& event, Rows& rows) {
  if (event.has_process_started()) {
    const v1::MentoringProcessStarted& e = event.process_started();
    v1::MentoringProcess p;
    *p.mutable_process() = e.process();
    *p.mutable_placements() = e.placements();
    PutProcess(rows, p);
    return absl::OkStatus();
  }
  std::string id;
  switch (event.event_case()) {
    case E::kTeamChanged:
      id = event.team_changed().process_id();
      break;
    case E::kMentorsChanged:
      id = event.mentors_changed().process_id();
      break;
    case E::kPhaseEntered:
      id = event.phase_entered().process_id();
      break;
    case E::kMethodUsed:
      id = event.method_used().process_id();
      break;
    default:
      id = event.process_closed().process_id();
      break;
  }
  ASSIGN_OR_RETURN(v1::MentoringProcess p,
                   rows.GetExisting<v1::MentoringProcess>(ProcessKey(id)));
  switch (event.event_case()) {
    case E::kTeamChanged:
      for (v1::CoordinationTeam& team : *p.mutable_process()->mutable_teams()) {
        if (team.school_id() == event.team_changed().team().school_id()) {
          team = event.team_changed().team();
        }
      }
      break;
    case E::kMentorsChanged:
      *p.mutable_process()->mutable_mentor_ids() =
          event.mentors_changed().mentor_ids();
      break;
    case E::kPhaseEntered: {
      const v1::PhaseEntered& e = event.phase_entered();
      p.set_cycle(e.cycle());
      p.set_phase(e.phase());
      v1::PhaseRecord& record = *p.add_timeline();
      record.set_cycle(e.cycle());
      record.set_phase(e.phase());
      *record.mutable_date() = e.date();
      record.set_notes(e.notes());
      break;
    }
    case E::kMethodUsed: {
      const v1::MethodUsed& e = event.method_used();
      ASSIGN_OR_RETURN(
          std::optional<v1::Catalogue> catalogue,
          rows.GetMessage<v1::Catalogue>(absl::StrCat("cat/", e.network_id())));
      const v1::Catalogue methods = catalogue.value_or(v1::Catalogue());
      for (v1::PhaseRecord& record : *p.mutable_timeline()) {
        if (record.cycle() != e.cycle() || record.phase() != e.use().phase()) {
          continue;
        }
        v1::MethodUse& use = *record.add_methods();
        *use.mutable_use() = e.use();
        for (const v1::MentoringMethod& m : methods.methods()) {
          if (m.method_id() == e.use().method_id()) {
            *use.mutable_method_name() = m.name();
          }
        }
        record.set_participants(record.participants() + e.use().participants());
      }
      break;
    }
    default:
      p.set_closed(true);
      p.set_close_reason(event.process_closed().reason());
      break;
  }
  PutProcess(rows, p);
  return absl::OkStatus();
}

absl::Status ApplyPeriod(const E& event, Rows& rows) {
  if (event.has_work_pair_applied()) {
    const v1::ApplyForWorkPair& a = event.work_pair_applied().application();
    v1::WorkPairPeriod p;
    *p.mutable_application() = a;
    p.set_status(v1::WORK_PAIR_STATUS_APPLIED);
    rows.PutMessage(PeriodKey(a.period_id()), p);
    rows.Put(absl::StrCat("wn/", a.network_id(), "/", a.period_id()), "");
    return absl::OkStatus();
  }
  std::string id;
  switch (event.event_case()) {
    case E::kWorkPairApproved:
      id = event.work_pair_approved().period_id();
      break;
    case E::kWorkPairRefused:
      id = event.work_pair_refused().period_id();
      break;
    case E::kGoalsFiled:
      id = event.goals_filed().period_id();
      break;
    case E::kDayRecorded:
      id = event.day_recorded().period_id();
      break;
    case E::kFollowUpFiled:
      id = event.follow_up_filed().period_id();
      break;
    default:
      id = event.work_pair_closed().period_id();
      break;
  }
  ASSIGN_OR_RETURN(v1::WorkPairPeriod p,
                   rows.GetExisting<v1::WorkPairPeriod>(PeriodKey(id)));
  switch (event.event_case()) {
    case E::kWorkPairApproved:
      p.set_status(v1::WORK_PAIR_STATUS_APPROVED);
      break;
    case E::kWorkPairRefused:
      p.set_status(v1::WORK_PAIR_STATUS_REFUSED);
      p.set_refusal_reason(event.work_pair_refused().reason());
      break;
    case E::kGoalsFiled:
      p.set_status(v1::WORK_PAIR_STATUS_GOALS_FILED);
      p.set_goals(event.goals_filed().goals());
      break;
    case E::kDayRecorded:
      p.set_status(v1::WORK_PAIR_STATUS_HELD);
      *p.add_days() = event.day_recorded();
      break;
    case E::kFollowUpFiled: {
      const v1::FileWorkPairFollowUp& f = event.follow_up_filed().follow_up();
      *p.add_follow_ups() = f;
      // Each person's latest statement, for the yearly figures.
      if (f.gender() != v1::GENDER_UNSPECIFIED) {
        rows.PutMessage(
            GenderKey(event.follow_up_filed().network_id(), f.person_id()), f);
      }
      break;
    }
    default:
      p.set_status(v1::WORK_PAIR_STATUS_CLOSED);
      p.set_shortened_reason(event.work_pair_closed().shortened_reason());
      break;
  }
  rows.PutMessage(PeriodKey(id), p);
  return absl::OkStatus();
}

absl::Status ApplyMentorship(const E& event, Rows& rows) {
  if (event.has_mentor_appointed()) {
    const v1::DigitalMentorAppointed& e = event.mentor_appointed();
    v1::Mentorship m;
    *m.mutable_appointment() = e.appointment();
    *m.mutable_placement() = e.placement();
    rows.PutMessage(MentorshipKey(e.appointment().mentorship_id()), m);
    rows.Put(absl::StrCat("dn/", e.appointment().network_id(), "/",
                          e.appointment().mentorship_id()),
             "");
    return absl::OkStatus();
  }
  const std::string id = event.has_goals_followed_up()
                             ? event.goals_followed_up().mentorship_id()
                             : event.mentorship_ended().mentorship_id();
  ASSIGN_OR_RETURN(v1::Mentorship m,
                   rows.GetExisting<v1::Mentorship>(MentorshipKey(id)));
  if (event.has_goals_followed_up()) {
    for (const v1::GoalFollowUp& g : event.goals_followed_up().goals()) {
      bool replaced = false;
      for (v1::GoalFollowUp& old : *m.mutable_goals()) {
        if (old.goal() == g.goal()) {
          old = g;
          replaced = true;
        }
      }
      if (!replaced) *m.add_goals() = g;
    }
  } else {
    m.set_ended(true);
    m.set_end_reason(event.mentorship_ended().reason());
  }
  rows.PutMessage(MentorshipKey(id), m);
  return absl::OkStatus();
}

absl::Status ApplyCatalogue(const E& event, Rows& rows) {
  const std::string key = absl::StrCat("cat/", NetworkOf(event));
  ASSIGN_OR_RETURN(std::optional<v1::Catalogue> found,
                   rows.GetMessage<v1::Catalogue>(key));
  v1::Catalogue catalogue = found.value_or(v1::Catalogue());
  if (event.has_area_defined()) {
    const v1::CompetenceArea& area = event.area_defined().area();
    bool replaced = false;
    for (v1::CompetenceArea& old : *catalogue.mutable_areas()) {
      if (old.area_id() == area.area_id()) {
        old = area;
        replaced = true;
      }
    }
    if (!replaced) *catalogue.add_areas() = area;
  } else {
    const v1::MentoringMethod& method = event.method_defined().method();
    bool replaced = false;
    for (v1::MentoringMethod& old : *catalogue.mutable_methods()) {
      if (old.method_id() == method.method_id()) {
        old = method;
        replaced = true;
      }
    }
    if (!replaced) *catalogue.add_methods() = method;
  }
  rows.PutMessage(key, catalogue);
  return absl::OkStatus();
}

absl::Status ApplyDevelopment(const storage::RecordedEvent& recorded,
                              Rows& rows) {
  ASSIGN_OR_RETURN(const E event, projections::ParseEvent<E>(recorded));
  v1::HistoryEntry entry;
  entry.set_position(recorded.position);
  entry.set_recorded_at(values::FormatUtc(recorded.recorded_at));
  entry.set_actor_id(recorded.metadata.actor);
  *entry.mutable_event() = event;
  rows.PutMessage(HistoryKey(recorded.stream, recorded.position), entry);
  switch (event.event_case()) {
    case E::kAreaDefined:
    case E::kMethodDefined:
      return ApplyCatalogue(event, rows);
    case E::kPlanSubmitted:
    case E::kPlanApproved:
    case E::kPlanReturned:
      return ApplyPlan(recorded, event, rows);
    case E::kRoundOpened:
    case E::kMappingAnswered:
    case E::kRoundClosed:
      return ApplyMapping(event, rows);
    case E::kPlanItemAdded:
    case E::kItemStatusSet:
      return ApplyTrainingPlan(recorded, event, rows);
    case E::kProcessStarted:
    case E::kTeamChanged:
    case E::kMentorsChanged:
    case E::kPhaseEntered:
    case E::kMethodUsed:
    case E::kProcessClosed:
      return ApplyProcess(event, rows);
    case E::kWorkPairApplied:
    case E::kWorkPairApproved:
    case E::kWorkPairRefused:
    case E::kGoalsFiled:
    case E::kDayRecorded:
    case E::kFollowUpFiled:
    case E::kWorkPairClosed:
      return ApplyPeriod(event, rows);
    case E::kMentorAppointed:
    case E::kGoalsFollowedUp:
    case E::kMentorshipEnded:
      return ApplyMentorship(event, rows);
    case E::EVENT_NOT_SET:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status DevelopmentProjection::Apply(absl::string_view log,
                                          const storage::RecordedEvent& event,
                                          Rows& rows) const {
  if (log == kDevelopmentLog) return ApplyDevelopment(event, rows);
  return absl::OkStatus();
}

}  // namespace tutornet::development
