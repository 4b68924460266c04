// The demo network's development work, a plausible year of each process:
// the catalogue (competence areas and the iHub4Schools methods, in
// fi/sv/en), principals for the schools, every tutor's activity plan for
// the current school year (most approved, two returned, a few waiting), a
// network-wide competence mapping round with 30 answers and five training
// plans, one mentoring process in phase 6 of its first cycle, two
// work-pair periods (one closed, one in progress) and a digital mentor.
//
// Dated processes (mentoring, work pairs) live in the school year whose
// autumn is behind us (the school year of 100 days ago), so that every
// date is past and a rerun on another day sends the same commands.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/server/demo_loader.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::server {
namespace {

using S = v1::DevelopmentService::Stub;

// Tokens made once per load for people who act only for themselves.
class People {
 public:
  explicit People(DemoLoader& demo) : demo_(demo) {}
  absl::StatusOr<std::string> Token(const std::string& person) {
    auto it = tokens_.find(person);
    if (it != tokens_.end()) return it->second;
    ASSIGN_OR_RETURN(std::string token, demo_.TutorToken(person));
    tokens_[person] = token;
    return token;
  }

 private:
  DemoLoader& demo_;
  std::map<std::string, std::string> tokens_;
};

std::string PrincipalOf(size_t school_index) {
  return absl::StrCat("person-", 401 + school_index);
}

absl::Status LoadCatalogue(DemoLoader& demo) {
  struct Entry {
    const char* id;
    const char* fi;
    const char* sv;
    const char* en;
  };
  const Entry areas[] = {
      {"pedagogy", "Digipedagogiikka", "Digital pedagogik", "Digital pedagogy"},
      {"cloud", "Pilvipalvelut", "Molntjänster", "Cloud services"},
      {"programming", "Ohjelmointi", "Programmering", "Programming"},
      {"assessment", "Sähköinen arviointi", "Elektronisk bedömning",
       "Digital assessment"},
      {"safety", "Tietoturva ja tietosuoja", "Datasäkerhet och dataskydd",
       "Security and data protection"}};
  for (const Entry& a : areas) {
    v1::DefineCompetenceArea d;
    d.set_network_id("ks");
    d.mutable_area()->set_area_id(a.id);
    *d.mutable_area()->mutable_name() = values::Localized(a.fi, a.sv, a.en);
    RETURN_IF_ERROR(demo.Send<v1::DefineCompetenceAreaRequest>(
        &S::DefineCompetenceArea, absl::StrCat("area-", a.id), d));
  }
  struct Method {
    const char* id;
    const char* fi;
    const char* sv;
    const char* en;
    int phase;
  };
  const Method methods[] = {
      {"workshop", "Työpaja koulun digikäytäntöjen arviointiin (1,5 h)",
       "Workshop om skolans digitala praxis (1,5 h)",
       "Workshop assessing the school's digital practices (1.5 h)", 4},
      {"selfie-schools", "SELFIE kouluille", "SELFIE för skolor",
       "SELFIE for schools", 4},
      {"selfie-teachers", "SELFIE opettajille", "SELFIE för lärare",
       "SELFIE for teachers", 4},
      {"digcompedu", "DigCompEdu-itsearviointi", "DigCompEdu-självvärdering",
       "DigCompEdu self-assessment", 4},
      {"collegial-tutoring", "Kollegiaalinen tutorointi",
       "Kollegial handledning", "Collegial tutoring", 6},
      {"lesson-study", "Lesson study", "Lesson study", "Lesson study", 6},
      {"teacher-inquiry", "Opettajan tutkiva työote",
       "Lärarens forskande grepp", "Teacher inquiry", 6}};
  for (const Method& m : methods) {
    v1::DefineMentoringMethod d;
    d.set_network_id("ks");
    d.mutable_method()->set_method_id(m.id);
    *d.mutable_method()->mutable_name() = values::Localized(m.fi, m.sv, m.en);
    d.mutable_method()->add_suggested_phases(m.phase);
    RETURN_IF_ERROR(demo.Send<v1::DefineMentoringMethodRequest>(
        &S::DefineMentoringMethod, absl::StrCat("method-", m.id), d));
  }
  return absl::OkStatus();
}

absl::Status AppointPrincipals(DemoLoader& demo,
                               const std::vector<std::string>& schools) {
  for (size_t i = 0; i < schools.size(); ++i) {
    v1::AppointRole a;
    a.set_network_id("ks");
    a.set_appointment_id(absl::StrCat("principal-", schools[i]));
    a.set_person_id(PrincipalOf(i));
    a.set_role(v1::ROLE_PRINCIPAL);
    a.mutable_scope()->add_school_ids(schools[i]);
    *a.mutable_start() = Day(2016, 8, 1);
    RETURN_IF_ERROR(demo.Send<v1::AppointRoleRequest>(
        &v1::RegistryService::Stub::AppointRole, a.appointment_id(), a));
  }
  return absl::OkStatus();
}

// person-1..N tutor the schools in order (demo_network.cc).
absl::Status LoadPlans(DemoLoader& demo, People& people,
                       const std::vector<std::string>& schools, int year) {
  const char* goals[] = {"Pilvipalvelut jokaisen opettajan arkeen",
                         "Ohjelmointi alakoulun kaikille luokille",
                         "Sähköiset kokeet yläkouluun"};
  for (size_t i = 0; i < schools.size(); ++i) {
    const std::string person = absl::StrCat("person-", i + 1);
    const std::string id = absl::StrCat("plan-", person, "-", year);
    v1::SubmitActivityPlan s;
    s.set_network_id("ks");
    s.set_person_id(person);
    s.set_school_year(year);
    v1::ActivityPlanContent& plan = *s.mutable_plan();
    plan.add_school_ids(schools[i]);
    plan.add_goals(goals[i % 3]);
    plan.add_themes(i % 2 == 0 ? "Pilvipalvelut" : "Ohjelmointi");
    const std::pair<v1::WorkKind, int> kinds[] = {
        {v1::WORK_KIND_PEER_SUPPORT, 1800 + 60 * static_cast<int>(i % 5)},
        {v1::WORK_KIND_CO_TEACHING, 900},
        {v1::WORK_KIND_TRAINING_DELIVERED, 360},
        {v1::WORK_KIND_PLANNING, 600}};
    for (const auto& [kind, minutes] : kinds) {
      v1::PlannedWork& w = *plan.add_activities();
      w.set_school_id(schools[i]);
      w.set_kind(kind);
      w.set_planned_minutes(minutes);
    }
    ASSIGN_OR_RETURN(std::string tutor, people.Token(person));
    RETURN_IF_ERROR(demo.Send<v1::SubmitActivityPlanRequest>(
        &S::SubmitActivityPlan, id, s, tutor));
    if (i >= schools.size() - 3) continue;  // Waiting for the principal.
    ASSIGN_OR_RETURN(std::string principal, people.Token(PrincipalOf(i)));
    const bool returned = i == 4 || i == 9;
    if (returned) {
      v1::ReturnActivityPlan r;
      r.set_network_id("ks");
      r.set_person_id(person);
      r.set_school_year(year);
      r.set_school_id(schools[i]);
      r.set_version(1);
      r.set_comment("Lisää yhteisopettajuuden tavoitteet");
      RETURN_IF_ERROR(demo.Send<v1::ReturnActivityPlanRequest>(
          &S::ReturnActivityPlan, id + "-return", r, principal));
      continue;
    }
    v1::ApproveActivityPlan a;
    a.set_network_id("ks");
    a.set_person_id(person);
    a.set_school_year(year);
    a.set_school_id(schools[i]);
    a.set_version(1);
    RETURN_IF_ERROR(demo.Send<v1::ApproveActivityPlanRequest>(
        &S::ApproveActivityPlan, id + "-approve", a, principal));
  }
  return absl::OkStatus();
}

absl::Status LoadMapping(DemoLoader& demo, People& people,
                         const std::vector<std::string>& schools, int year) {
  const std::string round = absl::StrCat("kartoitus-", year);
  v1::OpenMappingRound o;
  o.set_round_id(round);
  o.set_network_id("ks");
  *o.mutable_title() =
      values::Localized(absl::StrCat("Osaamiskartoitus ", year),
                        absl::StrCat("Kompetenskartläggning ", year),
                        absl::StrCat("Competence mapping ", year));
  for (const char* area : {"pedagogy", "cloud", "programming", "assessment"}) {
    o.add_area_ids(area);
  }
  *o.mutable_opens() = Day(year, 8, 1);
  *o.mutable_closes() = Day(year + 1, 7, 31);
  RETURN_IF_ERROR(
      demo.Send<v1::OpenMappingRoundRequest>(&S::OpenMappingRound, round, o));
  for (int n = 0; n < 30; ++n) {
    const std::string person = absl::StrCat("person-", 500 + n);
    v1::AnswerMapping a;
    a.set_round_id(round);
    a.set_person_id(person);
    a.set_school_id(schools[n % schools.size()]);
    int k = 0;
    for (const std::string& area : o.area_ids()) {
      v1::AreaAnswer& answer = *a.add_answers();
      answer.set_area_id(area);
      answer.set_level(
          static_cast<v1::SelfAssessment>((n * 7 + k++ * 3) % 4 + 1));
    }
    ASSIGN_OR_RETURN(std::string token, people.Token(person));
    RETURN_IF_ERROR(demo.Send<v1::AnswerMappingRequest>(
        &S::AnswerMapping, absl::StrCat(round, "-", person), a, token));
  }
  // Five teachers' training plans, kept with their coordinator.
  for (int n = 0; n < 5; ++n) {
    const std::string person = absl::StrCat("person-", 500 + n);
    v1::AddTrainingPlanItem item;
    item.set_network_id("ks");
    item.set_person_id(person);
    item.set_item_id(absl::StrCat("item-", year, "-1"));
    item.set_area_id(n % 2 == 0 ? "cloud" : "programming");
    if (n % 2 == 0) {
      item.set_training_id("pilvi-perusteet");
    } else {
      item.set_other_means("Kollegan oppitunnit ja verkkokurssi");
    }
    const std::string id = absl::StrCat("trainingplan-", person, "-", year);
    RETURN_IF_ERROR(demo.Send<v1::AddTrainingPlanItemRequest>(
        &S::AddTrainingPlanItem, id, item));
    if (n >= 3) continue;
    v1::SetTrainingPlanItemStatus status;
    status.set_network_id("ks");
    status.set_person_id(person);
    status.set_item_id(item.item_id());
    status.set_status(n == 0 ? v1::TRAINING_PLAN_ITEM_STATUS_DONE
                             : v1::TRAINING_PLAN_ITEM_STATUS_IN_PROGRESS);
    RETURN_IF_ERROR(demo.Send<v1::SetTrainingPlanItemStatusRequest>(
        &S::SetTrainingPlanItemStatus, id + "-status", status));
  }
  return absl::OkStatus();
}

// A process at the first school with its principal, two digital leads and
// a university researcher as mentor: phases 1-6 of the first cycle.
absl::Status LoadMentoring(DemoLoader& demo, People& people,
                           const std::vector<std::string>& schools, int year) {
  const std::string id = absl::StrCat("ihub-", schools[0], "-", year);
  v1::StartMentoringProcess s;
  s.set_process_id(id);
  s.set_network_id("ks");
  *s.mutable_title() =
      values::Localized("Digikäytäntöjen kehittäminen yhdessä",
                        "Att utveckla digital praxis tillsammans",
                        "Developing digital practices together");
  v1::CoordinationTeam& team = *s.add_teams();
  team.set_school_id(schools[0]);
  team.set_principal_id(PrincipalOf(0));
  team.add_digital_lead_ids("person-601");
  team.add_digital_lead_ids("person-602");
  s.add_mentor_ids("person-700");
  RETURN_IF_ERROR(demo.Send<v1::StartMentoringProcessRequest>(
      &S::StartMentoringProcess, id, s));
  ASSIGN_OR_RETURN(std::string mentor, people.Token("person-700"));
  const v1::Date dates[] = {Day(year, 8, 20),  Day(year, 9, 3),
                            Day(year, 9, 17),  Day(year, 10, 1),
                            Day(year, 10, 15), Day(year, 10, 29)};
  const char* notes[] = {
      "Rehtori otti yhteyttä yliopistoon aiemman yhteistyön pohjalta.",
      "Koordinaatiotiimi ja mentorit sopivat tavoitteista.",
      "Tutustuttiin toimintavaihtoehtoihin ja laadittiin aikataulu.",
      "Kartoitettiin kehittämistarpeet työpajassa ja SELFIEllä.",
      "Perehdyttiin uusiin näkökulmiin: kollegiaalinen tutorointi.",
      "Kehittämis- ja yhteistyötoimet käynnissä tiimeittäin."};
  for (int phase = 1; phase <= 6; ++phase) {
    v1::EnterPhase e;
    e.set_process_id(id);
    e.set_phase(phase);
    *e.mutable_date() = dates[phase - 1];
    e.set_notes(notes[phase - 1]);
    RETURN_IF_ERROR(demo.Send<v1::EnterPhaseRequest>(
        &S::EnterPhase, absl::StrCat(id, "-phase-", phase), e, mentor));
    const char* method = phase == 4   ? "workshop"
                         : phase == 6 ? "collegial-tutoring"
                                      : nullptr;
    if (method == nullptr) continue;
    v1::RecordMethodUse m;
    m.set_process_id(id);
    m.set_method_id(method);
    m.set_phase(phase);
    *m.mutable_date() = dates[phase - 1];
    m.set_duration_minutes(90);
    m.set_participants(phase == 4 ? 28 : 6);
    RETURN_IF_ERROR(demo.Send<v1::RecordMethodUseRequest>(
        &S::RecordMethodUse, absl::StrCat(id, "-method-", phase), m, mentor));
  }
  return absl::OkStatus();
}

// Two periods: a closed one in September, one under way in October.
absl::Status LoadWorkPairs(DemoLoader& demo, People& people,
                           const std::vector<std::string>& schools, int year) {
  struct Period {
    std::string id;
    const char* first;
    const char* second;
    int first_day;  // Of five working days from Monday the given day.
    int month;
    int held;  // Days recorded.
  };
  // 2 Sept and 7 Oct fall on different weekdays each year: the days are
  // the five working days from the first Monday on or after them.
  const Period periods[] = {{absl::StrCat("tyopari-", year, "-1"), "person-520",
                             "person-521", 2, 9, 5},
                            {absl::StrCat("tyopari-", year, "-2"), "person-522",
                             "person-523", 7, 10, 2}};
  for (const Period& p : periods) {
    absl::CivilDay monday(year, p.month, p.first_day);
    while (absl::GetWeekday(monday) != absl::Weekday::monday) ++monday;
    v1::ApplyForWorkPair a;
    a.set_period_id(p.id);
    a.set_network_id("ks");
    a.set_kind(v1::PAIR_KIND_WORK_PAIR);
    int n = 0;
    for (const char* person : {p.first, p.second}) {
      v1::WorkPairPartner& partner = *a.add_partners();
      partner.set_person_id(person);
      partner.set_organisation_id(schools[(n == 0 ? 1 : 7)]);
      partner.set_supervisor_id(PrincipalOf(n == 0 ? 1 : 7));
      partner.set_goals(n++ == 0 ? "Tutustua erityisopetuksen keinoihin"
                                 : "Oppia kuvastruktuurin käyttöä");
    }
    a.set_purpose("Inklusiivisen opetuksen käytännöt kahden koulun kesken");
    a.set_community_benefit(
        "Opitut keinot jaetaan molempien koulujen tiimeissä");
    for (int d = 0; d < 5; ++d) {
      *a.add_planned_days() = values::FromCivilDay(monday + d);
    }
    RETURN_IF_ERROR(
        demo.Send<v1::ApplyForWorkPairRequest>(&S::ApplyForWorkPair, p.id, a));
    v1::DecideWorkPair approve;
    approve.set_period_id(p.id);
    approve.set_approve(true);
    RETURN_IF_ERROR(demo.Send<v1::DecideWorkPairRequest>(
        &S::DecideWorkPair, p.id + "-approve", approve));
    v1::FileWorkPairGoals goals;
    goals.set_period_id(p.id);
    goals.set_goals(
        "Tavoitteet ja seuranta -lomake käyty läpi esimiesten kanssa");
    goals.add_supervisor_ids(PrincipalOf(1));
    goals.add_supervisor_ids(PrincipalOf(7));
    RETURN_IF_ERROR(demo.Send<v1::FileWorkPairGoalsRequest>(
        &S::FileWorkPairGoals, p.id + "-goals", goals));
    for (int d = 0; d < p.held; ++d) {
      v1::RecordWorkPairDay day;
      day.set_period_id(p.id);
      *day.mutable_date() = values::FromCivilDay(monday + d);
      RETURN_IF_ERROR(demo.Send<v1::RecordWorkPairDayRequest>(
          &S::RecordWorkPairDay, absl::StrCat(p.id, "-day-", d + 1), day));
    }
    if (p.held < 5) continue;
    for (const char* person : {p.first, p.second}) {
      v1::FileWorkPairFollowUp f;
      f.set_period_id(p.id);
      f.set_person_id(person);
      f.set_goals_achieved("Tavoitteet toteutuivat erittäin hyvin");
      f.set_learnt("Kuvastruktuuri jäsentää koulupäivää kaikille");
      f.set_gender(person == p.first ? v1::GENDER_WOMAN : v1::GENDER_MAN);
      ASSIGN_OR_RETURN(std::string token, people.Token(person));
      RETURN_IF_ERROR(demo.Send<v1::FileWorkPairFollowUpRequest>(
          &S::FileWorkPairFollowUp, absl::StrCat(p.id, "-follow-up-", person),
          f, token));
    }
    v1::CloseWorkPair close;
    close.set_period_id(p.id);
    RETURN_IF_ERROR(demo.Send<v1::CloseWorkPairRequest>(
        &S::CloseWorkPair, p.id + "-close", close));
  }
  return absl::OkStatus();
}

// A digital mentor of the teacher-training school for the current term.
absl::Status LoadDigitalMentor(DemoLoader& demo) {
  const absl::CivilDay today = values::FinnishDay(absl::Now());
  const bool autumn = today.month() >= 8;
  const std::string id = absl::StrCat("digimentori-", today.year(),
                                      autumn ? "-autumn" : "-spring");
  v1::AppointDigitalMentor a;
  a.set_mentorship_id(id);
  a.set_network_id("ks");
  a.set_unit_id("school-jyvaskyla-harjoittelu");
  a.set_person_id("person-3");
  a.mutable_term()->set_year(static_cast<int>(today.year()));
  a.mutable_term()->set_half(autumn ? v1::TERM_HALF_AUTUMN
                                    : v1::TERM_HALF_SPRING);
  a.set_agreed_hours(60);
  a.add_goals("Opettajaharjoittelijoiden digipedagoginen tuki");
  a.add_goals("Tekoälyn opetuskäytön linjaukset yksikölle");
  a.set_action_plan("Viikoittainen digiklinikka ja kaksi työpajaa");
  return demo.Send<v1::AppointDigitalMentorRequest>(&S::AppointDigitalMentor,
                                                    id, a);
}

}  // namespace

absl::Status LoadDemoDevelopment(DemoLoader& demo,
                                 const std::vector<std::string>& schools) {
  const absl::CivilDay today = values::FinnishDay(absl::Now());
  const int year = values::SchoolYearOf(today);
  const int past_autumn = values::SchoolYearOf(today - 100);
  People people(demo);
  RETURN_IF_ERROR(LoadCatalogue(demo));
  RETURN_IF_ERROR(AppointPrincipals(demo, schools));
  RETURN_IF_ERROR(LoadPlans(demo, people, schools, year));
  RETURN_IF_ERROR(LoadMapping(demo, people, schools, year));
  RETURN_IF_ERROR(LoadMentoring(demo, people, schools, past_autumn));
  RETURN_IF_ERROR(LoadWorkPairs(demo, people, schools, past_autumn));
  return LoadDigitalMentor(demo);
}

}  // namespace tutornet::server
