#include "services/dashboards/evaluation.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/badges/read_model.h"
#include "services/development/read_model.h"
#include "services/registry/read_model.h"
#include "services/training/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::dashboards {
namespace {

using access::AccessRole;
using access::Principal;
using projections::RowReader;

constexpr char kBasicLevels[] = "levels-1-2";
// The topic of the tutor teachers' own training.
constexpr char kTutorTraining[] = "tutor-training";

double Share(int people, int permanent_teachers) {
  return permanent_teachers > 0 ? 100.0 * people / permanent_teachers : 0;
}

// Every school of the network (open or not) with its levels of schooling.
absl::StatusOr<std::map<std::string, v1::School>> Schools(
    const RowReader& registry, const std::string& network_id,
    absl::CivilDay day) {
  std::map<std::string, v1::School> out;
  v1::ListSchoolsRequest list;
  list.set_network_id(network_id);
  list.set_page_size(1000);
  do {
    ASSIGN_OR_RETURN(v1::ListSchoolsResponse page,
                     registry::ListSchools(registry, list, day));
    for (v1::School& s : *page.mutable_schools()) {
      std::string id = s.school_id();
      out[id] = std::move(s);
    }
    list.set_page_token(page.next_page_token());
  } while (!list.page_token().empty());
  return out;
}

absl::Status AddSelfAssessment(const Views& v, const std::string& network,
                               int year,
                               const std::map<std::string, v1::School>& schools,
                               v1::SelfAssessmentFigures& out) {
  ASSIGN_OR_RETURN(std::vector<development::RoundAnswers> rounds,
                   development::ClosedRoundAnswers(v.development, network));
  // The rounds whose window closed in the year; else the last before it.
  std::vector<const development::RoundAnswers*> chosen;
  int latest_before = 0;  // As yyyymmdd.
  for (const development::RoundAnswers& r : rounds) {
    const v1::Date& closes = r.round.closes();
    const int day = closes.year() * 10000 + closes.month() * 100 + closes.day();
    if (closes.year() == year) chosen.push_back(&r);
    if (closes.year() == year - 1) {
      latest_before = std::max(latest_before, day);
    }
  }
  if (chosen.empty()) {
    for (const development::RoundAnswers& r : rounds) {
      const v1::Date& c = r.round.closes();
      if (c.year() * 10000 + c.month() * 100 + c.day() == latest_before) {
        chosen.push_back(&r);
      }
    }
  }
  std::sort(chosen.begin(), chosen.end(), [](const auto* a, const auto* b) {
    return a->round.round_id() < b->round.round_id();
  });
  std::map<std::string, std::string> people;  // person -> school
  for (const development::RoundAnswers* r : chosen) {
    out.add_round_ids(r->round.round_id());
    for (const auto& [person, school] : r->schools) people[person] = school;
  }
  std::map<int, int> by_level;
  for (const auto& [person, school] : people) {
    const auto it = schools.find(school);
    if (it == schools.end()) continue;
    for (int level : it->second.levels()) ++by_level[level];
  }
  out.set_answers(static_cast<int>(people.size()));
  for (const auto& [level, n] : by_level) {
    v1::LevelOfSchoolingAnswers& a = *out.add_by_level();
    a.set_level(static_cast<v1::EducationLevel>(level));
    a.set_answers(n);
  }
  return absl::OkStatus();
}

// Trainings by group, and everyone who attended one.
absl::Status AddTrainings(const Views& v, const std::string& network, int year,
                          int permanent_teachers, v1::EvaluationReport& out,
                          std::set<std::string>& trained) {
  ASSIGN_OR_RETURN(
      std::vector<training::HeldTraining> held,
      training::TrainingsHeld(v.training, network, absl::CivilDay(year, 1, 1),
                              absl::CivilDay(year, 12, 31)));
  std::map<std::string, std::pair<int, std::set<std::string>>> groups;
  for (int level = 1; level <= 3; ++level) {
    groups[absl::StrCat("level-", level)];
  }
  groups[kBasicLevels];
  for (const training::HeldTraining& t : held) {
    std::vector<std::string> names;
    if (t.facts.topic().empty()) {
      names.push_back(absl::StrCat("level-", t.facts.level()));
      if (t.facts.level() <= 2) names.push_back(kBasicLevels);
    } else {
      names.push_back(absl::StrCat("topic:", t.facts.topic()));
    }
    for (const std::string& name : names) {
      auto& group = groups[name];
      group.first += 1;
      for (const auto& [person, school] : t.attendees) {
        group.second.insert(person);
      }
    }
    if (t.facts.topic() == kTutorTraining) {
      for (const auto& [person, school] : t.attendees) trained.insert(person);
    }
  }
  for (const auto& [name, group] : groups) {
    v1::TrainingGroupFigures& g = *out.add_trainings();
    g.set_group(name);
    g.set_trainings(group.first);
    g.set_teachers(static_cast<int>(group.second.size()));
    g.set_share_percent(Share(g.teachers(), permanent_teachers));
  }
  return absl::OkStatus();
}

absl::Status AddTutors(const Views& v, const std::string& network, int year,
                       absl::CivilDay last_day,
                       const std::set<std::string>& trained,
                       v1::TutorFigures& out) {
  v1::WhoHeldRoleRequest who;
  who.set_network_id(network);
  who.set_role(v1::ROLE_TUTOR_TEACHER);
  *who.mutable_date() = values::FromCivilDay(last_day);
  ASSIGN_OR_RETURN(v1::WhoHeldRoleResponse held,
                   registry::WhoHeldRole(v.registry, who));
  std::set<std::string> tutors;
  for (const v1::Appointment& a : held.appointments()) {
    tutors.insert(a.person_id());
  }
  ASSIGN_OR_RETURN(std::set<std::string> plans,
                   development::PlanHolders(v.development, network, year - 1));
  ASSIGN_OR_RETURN(std::set<std::string> autumn,
                   development::PlanHolders(v.development, network, year));
  plans.insert(autumn.begin(), autumn.end());
  out.set_tutors(static_cast<int>(tutors.size()));
  for (const std::string& person : tutors) {
    if (trained.count(person) == 0) continue;
    out.set_trained(out.trained() + 1);
    if (plans.count(person) > 0) {
      out.set_trained_with_plan(out.trained_with_plan() + 1);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status AuthorizeEvaluation(const RowReader& registry, const Principal& p,
                                 const v1::GetEvaluationReportRequest& r,
                                 absl::CivilDay today) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  if (r.year() < 2000 || r.year() > today.year()) {
    return values::Invalid("year", absl::StrCat("must be 2000-", today.year(),
                                                ", not ", r.year()));
  }
  if (r.has_as_of()) {
    RETURN_IF_ERROR(values::ValidateDate("as_of", r.as_of()));
    if (values::ToCivilDay(r.as_of()) > today) {
      return values::Invalid("as_of",
                             "is after today: figures are known up to now");
    }
  }
  // Other networks are refused before anything of them is looked up.
  RETURN_IF_ERROR(
      access::RequireNetwork(p, r.network_id(), "read evaluation reports"));
  ASSIGN_OR_RETURN(bool known,
                   registry::NetworkKnown(registry, r.network_id()));
  if (!known) {
    return absl::NotFoundError(absl::StrCat(
        "network_id: network \"", r.network_id(), "\" does not exist"));
  }
  if (p.role == AccessRole::kAdmin || p.role == AccessRole::kFunder ||
      p.role == AccessRole::kNetworkCoordinator) {
    return absl::OkStatus();
  }
  return access::Denied(p, "read a network's evaluation report");
}

absl::StatusOr<v1::EvaluationReport> BuildEvaluationReport(
    const Views& v, const v1::GetEvaluationReportRequest& r, absl::Time now) {
  const std::string& network = r.network_id();
  const int year = r.year();
  v1::EvaluationReport out;
  out.set_network_id(network);
  out.set_year(year);
  out.set_school_year(year - 1);
  ASSIGN_OR_RETURN(bool known, registry::NetworkKnown(v.registry, network));
  if (!known) return out;  // Not yet, in a report as of an earlier day.
  const absl::CivilDay last_day =
      std::min(absl::CivilDay(year, 12, 31), values::FinnishDay(now));
  const absl::Time until = std::min(values::FromFinnishMinute(absl::CivilMinute(
                                        absl::CivilDay(year + 1, 1, 1))) -
                                        absl::Microseconds(1),
                                    now);
  ASSIGN_OR_RETURN(const auto schools, Schools(v.registry, network, last_day));
  for (const auto& [id, school] : schools) {
    if (!school.closed()) out.set_schools(out.schools() + 1);
  }
  ASSIGN_OR_RETURN(const auto staff,
                   registry::PermanentTeachers(v.registry, network, year - 1));
  for (const auto& [school, teachers] : staff) {
    out.set_permanent_teachers(out.permanent_teachers() + teachers);
  }
  for (const auto& [id, school] : schools) {
    if (!school.closed() && staff.count(id) == 0) {
      out.set_schools_without_staff(out.schools_without_staff() + 1);
    }
  }
  RETURN_IF_ERROR(AddSelfAssessment(v, network, year, schools,
                                    *out.mutable_self_assessment()));
  std::set<std::string> trained;
  RETURN_IF_ERROR(
      AddTrainings(v, network, year, out.permanent_teachers(), out, trained));
  RETURN_IF_ERROR(
      AddTutors(v, network, year, last_day, trained, *out.mutable_tutors()));
  ASSIGN_OR_RETURN(const badges::ClassBadges held,
                   badges::ClassBadgeHolders(v.badges, network, until));
  for (int level = 1; level <= 3; ++level) {
    v1::BadgeLevelPeople& b = *out.add_badges();
    b.set_level(static_cast<v1::CompetenceLevel>(level));
    const auto it = held.by_level.find(level);
    b.set_people(
        it == held.by_level.end() ? 0 : static_cast<int>(it->second.size()));
    b.set_share_percent(Share(b.people(), out.permanent_teachers()));
  }
  out.set_people_with_badges(static_cast<int>(held.people.size()));
  out.set_people_with_badges_percent(
      Share(out.people_with_badges(), out.permanent_teachers()));
  out.set_awards(held.awards);
  return out;
}

}  // namespace tutornet::dashboards
