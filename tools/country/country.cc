#include "tools/country/country.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/access/principal.h"
#include "services/activity/activity.h"
#include "services/badges/badges.h"
#include "services/development/development.h"
#include "services/server/registry_service.h"
#include "services/server/server.h"
#include "services/training/training.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::country {

void HistoryClock::AdvanceTo(absl::Time t) {
  const int64_t micros = absl::ToUnixMicros(t);
  int64_t seen = micros_.load();
  while (seen < micros && !micros_.compare_exchange_weak(seen, micros)) {
  }
}

absl::CivilDay HistoryStart(const CountryShape& shape, absl::CivilDay today) {
  const int this_year = values::SchoolYearOf(today);
  return absl::CivilDay(this_year - shape.years + 1, 8, 1);
}

namespace {

using access::AccessRole;
using access::Principal;

// SplitMix64: the same numbers from the same seed on every platform (the
// standard library's distributions are not).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return n <= 0 ? 0 : static_cast<int>(Next() % n); }
  bool OneIn(int n) { return Below(n) == 0; }

 private:
  uint64_t state_;
};

v1::Date DateOf(absl::CivilDay day) { return values::FromCivilDay(day); }

absl::CivilDay DayOf(absl::CivilMonth month, int day) {
  return absl::CivilDay(month.year(), month.month(), day);
}

Principal Acting(std::string id, AccessRole role, std::string network) {
  Principal p;
  p.id = std::move(id);
  p.role = role;
  p.network_id = std::move(network);
  return p;
}

std::string MonthName(absl::CivilMonth m) {
  return absl::StrFormat("%04d-%02d", m.year(), m.month());
}

constexpr const char* kThemes[] = {
    "Pilvipalvelut opetuksessa", "Ohjelmointi alakoulussa", "Sähköiset kokeet",
    "Digitaalinen arviointi",    "Oppimisalustat",          "Tietoturva"};
constexpr v1::WorkKind kKinds[] = {
    v1::WORK_KIND_PEER_SUPPORT, v1::WORK_KIND_PEER_SUPPORT,
    v1::WORK_KIND_CO_TEACHING,  v1::WORK_KIND_TRAINING_DELIVERED,
    v1::WORK_KIND_PLANNING,     v1::WORK_KIND_MEETING,
    v1::WORK_KIND_SCHOOL_VISIT};
constexpr const char* kAreas[] = {"pedagogy", "cloud", "programming",
                                  "assessment"};
struct BadgeClassShape {
  const char* id;
  v1::CompetenceLevel level;
  const char* fi;
};
constexpr BadgeClassShape kClasses[] = {
    {"digi-perusteet", v1::COMPETENCE_LEVEL_BASIC, "Digiopetuksen perusteet"},
    {"pilvipalvelut", v1::COMPETENCE_LEVEL_BASIC, "Pilvipalvelut"},
    {"tietoturva", v1::COMPETENCE_LEVEL_BASIC, "Tietoturva"},
    {"oppimisalustat", v1::COMPETENCE_LEVEL_ADVANCED, "Oppimisalustat"},
    {"video", v1::COMPETENCE_LEVEL_ADVANCED, "Video opetuksessa"},
    {"kouluttaja", v1::COMPETENCE_LEVEL_DEVELOPER, "Kollegoiden kouluttaja"},
};

// An hour record waiting for its coordinator, or approved and open to a
// correction once its month is closed.
struct Record {
  int tutor = 0;
  std::string record_id;
  v1::HourEntry entry;
};

// A training and who registered for it.
struct HeldTraining {
  int network = 0;
  std::string training_id;
  bool for_tutors = false;  // A tutor training: tutors register.
  int scores = 0;           // Feedback given, and its sum.
  int score_sum = 0;
  std::vector<std::string> registrants;
  std::vector<int> registrant_schools;
};

class CountryWriter {
 public:
  CountryWriter(server::TutornetServer& server, HistoryClock& clock,
                const CountryShape& shape, absl::Time now)
      : in_(server.in_process()),
        server_(server),
        clock_(clock),
        shape_(shape),
        now_(now),
        random_(shape.seed),
        next_class_(shape.teachers, 0) {}

  absl::StatusOr<CountryTally> Write(const Progress& progress);

 private:
  // ---- Who and where ----
  std::string Network(int n) const { return absl::StrFormat("n%02d", n + 1); }
  int NetworkOfMunicipality(int m) const { return m % shape_.networks; }
  int MunicipalityOfSchool(int s) const { return s % shape_.municipalities; }
  int NetworkOfSchool(int s) const {
    return NetworkOfMunicipality(MunicipalityOfSchool(s));
  }
  std::string Municipality(int m) const {
    return absl::StrFormat("m%03d", m + 1);
  }
  std::string Region(int m) const {
    return absl::StrCat(Network(NetworkOfMunicipality(m)), "-r",
                        (m / shape_.networks) % 3 + 1);
  }
  std::string School(int s) const { return absl::StrFormat("s%04d", s + 1); }
  int SchoolOfTutor(int t) const { return t % shape_.schools; }
  int SchoolOfTeacher(int k) const { return k % shape_.schools; }
  std::string Tutor(int t) const { return absl::StrFormat("t%05d", t + 1); }
  std::string Teacher(int k) const { return absl::StrFormat("p%05d", k + 1); }
  std::string PrincipalOf(int s) const {
    return absl::StrFormat("r%04d", s + 1);
  }
  std::string Project(int n, int year) const {
    return absl::StrCat(Network(n), "-tutor-", year);
  }

  Principal Admin() const {
    return Acting("country-admin", AccessRole::kAdmin, "");
  }
  Principal Coordinator(int n) const {
    return Acting(absl::StrCat("coord-", Network(n)),
                  AccessRole::kNetworkCoordinator, Network(n));
  }
  Principal Person(const std::string& id, int n) const {
    return Acting(id, AccessRole::kTutor, Network(n));
  }

  // Sets the clock to `minute` of `day`; false when that is not before
  // now (the step is left out).
  bool At(absl::CivilDay day, int minute) {
    const absl::Time t = values::FromFinnishMinute(
        absl::CivilMinute(day.year(), day.month(), day.day(), 0, minute));
    if (t >= now_) return false;
    clock_.AdvanceTo(t);
    return true;
  }

  // One command through `service`'s own runner.
  template <typename Service, typename Command>
  absl::Status Send(Service& service, const char* kind, const Command& command,
                    const Principal& who, const std::string& request_id) {
    v1::RequestHeader header;
    header.set_request_id(request_id);
    absl::Status done = service.Run(command, header, who).status();
    if (!done.ok()) {
      return absl::Status(
          done.code(),
          absl::StrCat(kind, " ", request_id, " at ",
                       absl::FormatTime(clock_.Now()), ": ", done.message()));
    }
    ++tally_.commands[kind];
    ++tally_.total_commands;
    return absl::OkStatus();
  }

  absl::Status Places(absl::CivilDay start);
  absl::Status People(absl::CivilDay start);
  absl::Status Catalogues();
  // A month's steps, each at its moment, in time order.
  absl::Status Month(absl::CivilMonth month);
  absl::Status SchoolYear(int year);
  absl::Status OpenRounds(int year);
  absl::Status AnswerRounds(int year);
  absl::Status Plans(int year);
  absl::Status ApprovePlans(int year);
  absl::Status StartProcesses(int year);
  absl::Status AdvanceProcesses(absl::CivilDay day, int phase);
  absl::Status Approve(absl::CivilMonth month);
  absl::Status Close(absl::CivilMonth month);
  absl::Status Corrections(absl::CivilMonth closed);
  absl::Status CreateTrainings(absl::CivilMonth month);
  absl::Status Register();
  absl::Status Attendance();
  absl::Status Feedback();
  absl::Status CloseFeedback();
  absl::Status CloseProcesses();
  absl::Status Badges(absl::CivilMonth month);
  absl::Status LogHours(absl::CivilMonth month);

  server::InProcessCommands in_;
  server::TutornetServer& server_;
  HistoryClock& clock_;
  const CountryShape shape_;
  const absl::Time now_;
  Random random_;
  CountryTally tally_;
  std::vector<std::vector<int>> teachers_of_;  // By network.
  std::vector<std::vector<int>> tutors_of_;    // By network.
  std::vector<uint8_t> next_class_;            // By teacher.
  std::vector<Record> submitted_;              // Waiting for approval.
  std::vector<Record> approved_;               // Of the last closed month.
  std::vector<HeldTraining> upcoming_;         // Next month's.
  std::vector<HeldTraining> this_month_;       // This month's.
  std::vector<HeldTraining> last_month_;       // Their feedback closes.
  // Those of this_month_ present at the session.
  std::vector<std::vector<std::string>> present_;
  // The month whose hours were logged last, until it is closed.
  std::optional<absl::CivilMonth> logged_month_;
  // This school year's mentoring processes, with their networks.
  std::vector<std::pair<std::string, int>> processes_;
};

absl::Status CountryWriter::Places(absl::CivilDay start) {
  auto& registry = in_.registry;
  for (int n = 0; n < shape_.networks; ++n) {
    v1::RegistryCommand c;
    v1::CreateNetwork& net = *c.mutable_create_network();
    net.set_network_id(Network(n));
    *net.mutable_name() =
        values::Localized(absl::StrCat("Tutoropettajaverkosto ", n + 1),
                          absl::StrCat("Tutorlärarnätverk ", n + 1),
                          absl::StrCat("Tutor-teacher network ", n + 1));
    net.set_coordinating_municipality_id(Municipality(n));
    RETURN_IF_ERROR(
        Send(registry, "registry.network", c, Admin(), "c-" + Network(n)));
    for (int r = 1; r <= 3; ++r) {
      v1::RegistryCommand add;
      add.mutable_add_region()->set_network_id(Network(n));
      add.mutable_add_region()->set_region_id(
          absl::StrCat(Network(n), "-r", r));
      *add.mutable_add_region()->mutable_name() = values::Localized(
          absl::StrCat("Alue ", r), absl::StrCat("Region ", r),
          absl::StrCat("Region ", r));
      RETURN_IF_ERROR(Send(registry, "registry.region", add, Admin(),
                           absl::StrCat("c-", Network(n), "-r", r)));
    }
  }
  for (int m = 0; m < shape_.municipalities; ++m) {
    v1::RegistryCommand c;
    v1::AssignMunicipality& a = *c.mutable_assign_municipality();
    a.set_network_id(Network(NetworkOfMunicipality(m)));
    a.set_municipality_id(Municipality(m));
    *a.mutable_name() = values::Localized(absl::StrCat("Kunta ", m + 1),
                                          absl::StrCat("Kommun ", m + 1),
                                          absl::StrCat("Municipality ", m + 1));
    a.set_region_id(Region(m));
    *a.mutable_effective() = DateOf(start);
    RETURN_IF_ERROR(Send(registry, "registry.municipality", c, Admin(),
                         "c-" + Municipality(m)));
  }
  for (int s = 0; s < shape_.schools; ++s) {
    v1::RegistryCommand c;
    v1::RegisterSchool& r = *c.mutable_register_school();
    r.set_network_id(Network(NetworkOfSchool(s)));
    r.set_school_id(School(s));
    *r.mutable_name() =
        values::Localized(absl::StrCat("Koulu ", s + 1), "", "");
    r.set_municipality_id(Municipality(MunicipalityOfSchool(s)));
    const bool swedish = s % 19 == 7;
    r.set_language(swedish ? v1::LANGUAGE_SV : v1::LANGUAGE_FI);
    r.add_levels(s % 5 == 4 ? v1::EDUCATION_LEVEL_UPPER_SECONDARY
                            : v1::EDUCATION_LEVEL_BASIC);
    RETURN_IF_ERROR(
        Send(registry, "registry.school", c, Admin(), "c-" + School(s)));
  }
  return absl::OkStatus();
}

absl::Status CountryWriter::People(absl::CivilDay start) {
  auto appoint = [&](const std::string& person, v1::Role role, int school,
                     const std::string& id) {
    v1::RegistryCommand c;
    v1::AppointRole& a = *c.mutable_appoint_role();
    a.set_network_id(Network(NetworkOfSchool(school)));
    a.set_appointment_id(id);
    a.set_person_id(person);
    a.set_role(role);
    a.mutable_scope()->add_school_ids(School(school));
    *a.mutable_start() = DateOf(start);
    return Send(in_.registry, "registry.appoint", c, Admin(), "c-" + id);
  };
  teachers_of_.assign(shape_.networks, {});
  tutors_of_.assign(shape_.networks, {});
  for (int t = 0; t < shape_.tutors; ++t) {
    tutors_of_[NetworkOfSchool(SchoolOfTutor(t))].push_back(t);
    RETURN_IF_ERROR(appoint(Tutor(t), v1::ROLE_TUTOR_TEACHER, SchoolOfTutor(t),
                            "tutor-" + Tutor(t)));
  }
  for (int s = 0; s < shape_.schools; ++s) {
    RETURN_IF_ERROR(appoint(PrincipalOf(s), v1::ROLE_PRINCIPAL, s,
                            "principal-" + School(s)));
  }
  for (int k = 0; k < shape_.teachers; ++k) {
    teachers_of_[NetworkOfSchool(SchoolOfTeacher(k))].push_back(k);
  }
  return absl::OkStatus();
}

// Per network: the badge classes and the competence areas.
absl::Status CountryWriter::Catalogues() {
  for (int n = 0; n < shape_.networks; ++n) {
    for (const BadgeClassShape& shape : kClasses) {
      v1::BadgeCatalogCommand c;
      c.mutable_define()->set_network_id(Network(n));
      v1::BadgeClass& b = *c.mutable_define()->mutable_badge_class();
      b.set_class_id(shape.id);
      *b.mutable_name() = values::Localized(shape.fi, "", "");
      *b.mutable_description() =
          values::Localized(absl::StrCat("Osaamismerkki: ", shape.fi), "", "");
      *b.mutable_criteria() =
          values::Localized("Näyttö omasta opetuksesta.", "", "");
      b.set_level(shape.level);
      *b.mutable_evidence_asked() =
          values::Localized("Kuvaus ja linkki", "", "");
      b.add_reviewer_ids(Tutor(tutors_of_[n].front()));
      RETURN_IF_ERROR(Send(in_.badges, "badges.class", c, Coordinator(n),
                           absl::StrCat("c-", Network(n), "-", shape.id)));
    }
    for (const char* method : {"workshop", "collegial-tutoring"}) {
      v1::DevelopmentCommand c;
      c.mutable_define_method()->set_network_id(Network(n));
      c.mutable_define_method()->mutable_method()->set_method_id(method);
      *c.mutable_define_method()->mutable_method()->mutable_name() =
          values::Localized(method, method, method);
      RETURN_IF_ERROR(Send(in_.development, "development.method", c,
                           Coordinator(n),
                           absl::StrCat("c-", Network(n), "-", method)));
    }
    for (const char* area : kAreas) {
      v1::DevelopmentCommand c;
      c.mutable_define_area()->set_network_id(Network(n));
      c.mutable_define_area()->mutable_area()->set_area_id(area);
      *c.mutable_define_area()->mutable_area()->mutable_name() =
          values::Localized(area, area, area);
      RETURN_IF_ERROR(Send(in_.development, "development.area", c,
                           Coordinator(n),
                           absl::StrCat("c-", Network(n), "-", area)));
    }
  }
  return absl::OkStatus();
}

// August 1st: staff counts and the year's funded projects.
absl::Status CountryWriter::SchoolYear(int year) {
  for (int s = 0; s < shape_.schools; ++s) {
    const int n = NetworkOfSchool(s);
    v1::RegistryCommand c;
    v1::RecordStaff& r = *c.mutable_record_staff();
    r.set_network_id(Network(n));
    r.set_school_id(School(s));
    r.set_school_year(year);
    const int teachers = shape_.teachers / shape_.schools + 1;
    r.set_permanent_teachers(teachers + teachers / 4 + random_.Below(4));
    RETURN_IF_ERROR(Send(in_.registry, "registry.staff", c, Admin(),
                         absl::StrCat("c-staff-", School(s), "-", year)));
  }
  for (int n = 0; n < shape_.networks; ++n) {
    v1::ProjectCommand c;
    v1::CreateFundedProject& p = *c.mutable_create();
    p.set_project_id(Project(n, year));
    p.set_network_id(Network(n));
    *p.mutable_name() = values::Localized(
        absl::StrCat("Tutoropettajatoiminta ", year, "-", year + 1), "", "");
    p.mutable_funder()->set_kind(v1::FUNDER_KIND_STATE_AGENCY);
    p.mutable_funder()->set_name("Opetushallitus");
    p.mutable_funder()->set_decision_number(
        absl::StrCat("OPH-", year, "-", n + 1));
    *p.mutable_start() = DateOf(absl::CivilDay(year, 8, 1));
    *p.mutable_end() = DateOf(absl::CivilDay(year + 1, 7, 31));
    RETURN_IF_ERROR(Send(in_.activity, "hours.project", c, Admin(),
                         "c-" + Project(n, year)));
  }
  return absl::OkStatus();
}

// August 20th: each network's mapping round opens, until May.
absl::Status CountryWriter::OpenRounds(int year) {
  for (int n = 0; n < shape_.networks; ++n) {
    v1::DevelopmentCommand c;
    v1::OpenMappingRound& o = *c.mutable_open_round();
    o.set_round_id(absl::StrCat(Network(n), "-kartoitus-", year));
    o.set_network_id(Network(n));
    *o.mutable_title() =
        values::Localized(absl::StrCat("Osaamiskartoitus ", year),
                          absl::StrCat("Kompetenskartläggning ", year),
                          absl::StrCat("Competence mapping ", year));
    for (const char* area : kAreas) o.add_area_ids(area);
    *o.mutable_opens() = DateOf(absl::CivilDay(year, 8, 20));
    *o.mutable_closes() = DateOf(absl::CivilDay(year + 1, 5, 31));
    RETURN_IF_ERROR(Send(in_.development, "development.round", c,
                         Coordinator(n), "c-" + o.round_id()));
  }
  return absl::OkStatus();
}

// September 20th: three teachers in ten answer.
absl::Status CountryWriter::AnswerRounds(int year) {
  for (int n = 0; n < shape_.networks; ++n) {
    for (int k : teachers_of_[n]) {
      if (random_.Below(10) >= 3) continue;
      v1::DevelopmentCommand c;
      v1::AnswerMapping& a = *c.mutable_answer_mapping();
      a.set_round_id(absl::StrCat(Network(n), "-kartoitus-", year));
      a.set_person_id(Teacher(k));
      a.set_school_id(School(SchoolOfTeacher(k)));
      for (const char* area : kAreas) {
        v1::AreaAnswer& answer = *a.add_answers();
        answer.set_area_id(area);
        answer.set_level(static_cast<v1::SelfAssessment>(1 + random_.Below(4)));
      }
      RETURN_IF_ERROR(Send(in_.development, "development.answer", c,
                           Person(Teacher(k), n),
                           absl::StrCat("c-", a.round_id(), "-", Teacher(k))));
    }
  }
  return absl::OkStatus();
}

// September 5th: each tutor's activity plan for the year; September 12th:
// approved by the school's principal.
absl::Status CountryWriter::Plans(int year) {
  for (int t = 0; t < shape_.tutors; ++t) {
    const int s = SchoolOfTutor(t);
    const int n = NetworkOfSchool(s);
    v1::DevelopmentCommand c;
    v1::SubmitActivityPlan& p = *c.mutable_submit_plan();
    p.set_network_id(Network(n));
    p.set_person_id(Tutor(t));
    p.set_school_year(year);
    p.mutable_plan()->add_school_ids(School(s));
    p.mutable_plan()->add_goals(kThemes[random_.Below(6)]);
    const v1::WorkKind kinds[] = {v1::WORK_KIND_PEER_SUPPORT,
                                  v1::WORK_KIND_CO_TEACHING,
                                  v1::WORK_KIND_TRAINING_DELIVERED};
    for (v1::WorkKind kind : kinds) {
      v1::PlannedWork& w = *p.mutable_plan()->add_activities();
      w.set_school_id(School(s));
      w.set_kind(kind);
      w.set_planned_minutes(300 + 60 * random_.Below(20));
    }
    RETURN_IF_ERROR(Send(in_.development, "development.plan", c,
                         Person(Tutor(t), n),
                         absl::StrCat("c-plan-", Tutor(t), "-", year)));
  }
  return absl::OkStatus();
}

absl::Status CountryWriter::ApprovePlans(int year) {
  for (int t = 0; t < shape_.tutors; ++t) {
    const int s = SchoolOfTutor(t);
    const int n = NetworkOfSchool(s);
    v1::DevelopmentCommand c;
    v1::ApproveActivityPlan& a = *c.mutable_approve_plan();
    a.set_network_id(Network(n));
    a.set_person_id(Tutor(t));
    a.set_school_year(year);
    a.set_school_id(School(s));
    a.set_version(1);
    RETURN_IF_ERROR(Send(in_.development, "development.approve", c,
                         Person(PrincipalOf(s), n),
                         absl::StrCat("c-plan-", Tutor(t), "-", year, "-a")));
  }
  return absl::OkStatus();
}

// August 20th: five schools of each network start a mentoring process
// with a university mentor, and enter its first phase.
absl::Status CountryWriter::StartProcesses(int year) {
  processes_.clear();
  const int per_network = shape_.schools / shape_.networks;
  for (int n = 0; n < shape_.networks; ++n) {
    for (int k = 0; k < 5; ++k) {
      // The network's schools are n, n + networks, ... (NetworkOfSchool).
      const int s = n + shape_.networks * random_.Below(per_network);
      if (NetworkOfSchool(s) != n) continue;
      v1::DevelopmentCommand c;
      v1::StartMentoringProcess& p = *c.mutable_start_process();
      p.set_process_id(absl::StrCat("ihub-", School(s), "-", year, "-", k));
      p.set_network_id(Network(n));
      *p.mutable_title() =
          values::Localized("Digikäytäntöjen kehittäminen yhdessä",
                            "Att utveckla digital praxis tillsammans",
                            "Developing digital practices together");
      v1::CoordinationTeam& team = *p.add_teams();
      team.set_school_id(School(s));
      team.set_principal_id(PrincipalOf(s));
      team.add_digital_lead_ids(Tutor(s));  // Tutor s teaches at school s.
      team.add_digital_lead_ids(Teacher(s));
      p.add_mentor_ids(absl::StrCat("mentor-", Network(n)));
      RETURN_IF_ERROR(Send(in_.development, "development.process", c,
                           Coordinator(n), "c-" + p.process_id()));
      processes_.emplace_back(p.process_id(), n);
    }
  }
  return AdvanceProcesses(absl::CivilDay(year, 8, 20), 1);
}

// June 15th: the school year's processes close.
absl::Status CountryWriter::CloseProcesses() {
  for (const auto& [id, n] : processes_) {
    v1::DevelopmentCommand c;
    c.mutable_close_process()->set_process_id(id);
    c.mutable_close_process()->set_reason("Lukuvuosi päättyi");
    RETURN_IF_ERROR(Send(in_.development, "development.close_process", c,
                         Coordinator(n), absl::StrCat("c-", id, "-close")));
  }
  processes_.clear();
  return absl::OkStatus();
}

// The processes' next phase; a method used in phases 4 and 6.
absl::Status CountryWriter::AdvanceProcesses(absl::CivilDay day, int phase) {
  for (const auto& [id, n] : processes_) {
    const Principal mentor = Person(absl::StrCat("mentor-", Network(n)), n);
    v1::DevelopmentCommand c;
    c.mutable_enter_phase()->set_process_id(id);
    c.mutable_enter_phase()->set_phase(phase);
    *c.mutable_enter_phase()->mutable_date() = DateOf(day);
    c.mutable_enter_phase()->set_notes(
        absl::StrCat("Vaihe ", phase, " aloitettu"));
    RETURN_IF_ERROR(Send(in_.development, "development.phase", c, mentor,
                         absl::StrCat("c-", id, "-phase-", phase)));
    if (phase != 4 && phase != 6) continue;
    v1::DevelopmentCommand m;
    v1::RecordMethodUse& use = *m.mutable_record_method();
    use.set_process_id(id);
    use.set_method_id(phase == 4 ? "workshop" : "collegial-tutoring");
    use.set_phase(phase);
    *use.mutable_date() = DateOf(day);
    use.set_duration_minutes(90);
    use.set_participants(phase == 4 ? 20 + random_.Below(20) : 6);
    RETURN_IF_ERROR(Send(in_.development, "development.method_use", m, mentor,
                         absl::StrCat("c-", id, "-method-", phase)));
  }
  return absl::OkStatus();
}

absl::Status CountryWriter::Month(absl::CivilMonth month) {
  struct Step {
    absl::CivilDay day;
    int minute;
    std::function<absl::Status()> run;
  };
  const int year = values::SchoolYearOf(DayOf(month, 1));
  last_month_ = std::move(this_month_);
  this_month_ = std::move(upcoming_);
  upcoming_.clear();
  std::vector<Step> steps = {
      {DayOf(month, 1), 8 * 60, [&] { return Approve(month - 1); }},
      {DayOf(month, 3), 9 * 60, [&] { return Close(month - 1); }},
      {DayOf(month, 5), 9 * 60, [&] { return CreateTrainings(month + 1); }},
      {DayOf(month, 10), 12 * 60, [&] { return Register(); }},
      {DayOf(month, 15), 17 * 60, [&] { return Attendance(); }},
      {DayOf(month, 20), 8 * 60, [&] { return CloseFeedback(); }},
      {DayOf(month, 20), 19 * 60, [&] { return Feedback(); }},
      {DayOf(month, 25), 11 * 60, [&] { return Badges(month); }},
      {DayOf(month, 28), 20 * 60, [&] { return LogHours(month); }},
  };
  // A mentoring process enters a phase a month, August to February.
  const int phase = static_cast<int>(month - absl::CivilMonth(year, 8)) + 1;
  if (phase >= 2 && phase <= 7) {
    steps.push_back({DayOf(month, 20), 11 * 60, [&, phase] {
                       return AdvanceProcesses(DayOf(month, 20), phase);
                     }});
  }
  if (month.month() == 8) {
    steps.push_back(
        {DayOf(month, 1), 7 * 60, [&] { return SchoolYear(year); }});
    steps.push_back(
        {DayOf(month, 20), 11 * 60, [&] { return StartProcesses(year); }});
    steps.push_back(
        {DayOf(month, 20), 9 * 60, [&] { return OpenRounds(year); }});
  }
  if (month.month() == 6) {
    steps.push_back(
        {DayOf(month, 15), 10 * 60, [&] { return CloseProcesses(); }});
  }
  if (month.month() == 9) {
    steps.push_back({DayOf(month, 5), 16 * 60, [&] { return Plans(year); }});
    steps.push_back(
        {DayOf(month, 12), 10 * 60, [&] { return ApprovePlans(year); }});
    steps.push_back(
        {DayOf(month, 20), 15 * 60, [&] { return AnswerRounds(year); }});
  }
  std::stable_sort(
      steps.begin(), steps.end(), [](const Step& a, const Step& b) {
        return std::tie(a.day, a.minute) < std::tie(b.day, b.minute);
      });
  for (const Step& step : steps) {
    if (!At(step.day, step.minute)) break;  // Now: the rest is future.
    RETURN_IF_ERROR(step.run());
  }
  // The views keep up month by month, as they would in service.
  return server_.AwaitViews(absl::Minutes(5));
}

// Day 1: last month's submitted records approved.
absl::Status CountryWriter::Approve(absl::CivilMonth month) {
  for (const Record& r : submitted_) {
    const int n = NetworkOfSchool(SchoolOfTutor(r.tutor));
    v1::HoursCommand c;
    c.mutable_approve()->set_person_id(Tutor(r.tutor));
    c.mutable_approve()->set_record_id(r.record_id);
    RETURN_IF_ERROR(
        Send(in_.activity, "hours.approve", c, Coordinator(n),
             absl::StrCat("c-", Tutor(r.tutor), "-", r.record_id, "-a")));
    tally_.approved_minutes[Network(n)][MonthName(month)] +=
        r.entry.duration_minutes();
  }
  approved_ = std::move(submitted_);
  submitted_.clear();
  return absl::OkStatus();
}

// Day 3: last month closed in every network's project, then a few
// corrections of it.
absl::Status CountryWriter::Close(absl::CivilMonth month) {
  if (logged_month_ != month) return absl::OkStatus();
  logged_month_.reset();
  const int year = values::SchoolYearOf(DayOf(month, 1));
  for (int n = 0; n < shape_.networks; ++n) {
    v1::ProjectCommand c;
    c.mutable_close_month()->set_project_id(Project(n, year));
    c.mutable_close_month()->mutable_month()->set_year(
        static_cast<int>(month.year()));
    c.mutable_close_month()->mutable_month()->set_month(month.month());
    RETURN_IF_ERROR(Send(
        in_.activity, "hours.close_month", c, Coordinator(n),
        absl::StrCat("c-close-", Project(n, year), "-", MonthName(month))));
  }
  return Corrections(month);
}

// One approved record in CountryShape::correct_one_in of a closed month is
// corrected by its coordinator: the duration was wrong.
absl::Status CountryWriter::Corrections(absl::CivilMonth closed) {
  for (Record& r : approved_) {
    if (!random_.OneIn(shape_.correct_one_in)) continue;
    const int n = NetworkOfSchool(SchoolOfTutor(r.tutor));
    const int before = r.entry.duration_minutes();
    const int after = before > 30 ? before - 15 : before + 15;
    v1::HoursCommand c;
    v1::AmendHours& a = *c.mutable_amend();
    a.set_person_id(Tutor(r.tutor));
    a.set_record_id(r.record_id);
    *a.mutable_entry() = r.entry;
    a.mutable_entry()->set_duration_minutes(after);
    a.set_reason("Kesto korjattu tuntilistan mukaan");
    a.mutable_correction()->mutable_month()->set_year(
        static_cast<int>(closed.year()));
    a.mutable_correction()->mutable_month()->set_month(closed.month());
    a.mutable_correction()->set_reason("Väärä kesto suljetulla kuukaudella");
    RETURN_IF_ERROR(
        Send(in_.activity, "hours.correct", c, Coordinator(n),
             absl::StrCat("c-", Tutor(r.tutor), "-", r.record_id, "-c")));
    tally_.approved_minutes[Network(n)][MonthName(closed)] += after - before;
  }
  approved_.clear();
  return absl::OkStatus();
}

// Trainings run, and tutors log hours, from August to May.
bool TeachingMonth(absl::CivilMonth m) {
  return m.month() != 6 && m.month() != 7;
}

// Day 5 of the month before: next month's trainings, registration open
// from now to the day before the training.
absl::Status CountryWriter::CreateTrainings(absl::CivilMonth month) {
  if (!TeachingMonth(month)) return absl::OkStatus();
  for (int n = 0; n < shape_.networks; ++n) {
    for (int k = 0; k < shape_.trainings_per_month; ++k) {
      v1::TrainingCommand c;
      v1::CreateTraining& t = *c.mutable_create();
      t.set_network_id(Network(n));
      t.set_training_id(
          absl::StrCat(Network(n), "-", MonthName(month), "-", k + 1));
      const bool tutor_training = month.month() == 9 && k == 0;
      *t.mutable_theme() = values::Localized(kThemes[random_.Below(6)], "", "");
      t.set_level(static_cast<v1::CompetenceLevel>(1 + k % 3));
      t.set_language(v1::LANGUAGE_FI);
      t.mutable_organiser()->set_kind(v1::ORGANISER_KIND_NETWORK);
      t.mutable_venue()->set_online(true);
      t.add_trainer_ids(Tutor(tutors_of_[n][k % tutors_of_[n].size()]));
      v1::Session& s = *t.add_sessions();
      *s.mutable_date() = DateOf(DayOf(month, 15));
      s.set_start_minute(14 * 60);
      s.set_duration_minutes(150);
      t.set_capacity(40);
      *t.mutable_registration_opens()->mutable_date() =
          DateOf(DayOf(month - 1, 5));
      t.mutable_registration_opens()->set_minute(9 * 60);
      *t.mutable_registration_closes()->mutable_date() =
          DateOf(DayOf(month, 14));
      *t.mutable_cancellation_cutoff()->mutable_date() =
          DateOf(DayOf(month, 10));
      t.set_feedback_days(30);
      if (tutor_training) t.set_topic("tutor-training");
      RETURN_IF_ERROR(Send(in_.training, "training.create", c, Coordinator(n),
                           "c-" + t.training_id()));
      HeldTraining held;
      held.network = n;
      held.training_id = t.training_id();
      held.for_tutors = tutor_training;
      upcoming_.push_back(std::move(held));
    }
  }
  return absl::OkStatus();
}

// Day 10 of the month before: about 25 people of the network register
// themselves for each training (tutors for a tutor training).
absl::Status CountryWriter::Register() {
  for (HeldTraining& t : upcoming_) {
    const bool tutors = t.for_tutors;
    const std::vector<int>& pool =
        tutors ? tutors_of_[t.network] : teachers_of_[t.network];
    std::set<int> chosen;
    const int wanted = std::min<int>(20 + random_.Below(11), pool.size());
    while (static_cast<int>(chosen.size()) < wanted) {
      chosen.insert(pool[random_.Below(pool.size())]);
    }
    for (int who : chosen) {
      const std::string person = tutors ? Tutor(who) : Teacher(who);
      const int school = tutors ? SchoolOfTutor(who) : SchoolOfTeacher(who);
      v1::TrainingCommand c;
      c.mutable_register_()->set_training_id(t.training_id);
      c.mutable_register_()->set_person_id(person);
      c.mutable_register_()->set_school_id(School(school));
      RETURN_IF_ERROR(Send(in_.training, "training.register", c,
                           Person(person, t.network),
                           absl::StrCat("c-", t.training_id, "-", person)));
      t.registrants.push_back(person);
      t.registrant_schools.push_back(school);
    }
  }
  return absl::OkStatus();
}

// Day 15: the session, and its attendance: nine in ten came.
absl::Status CountryWriter::Attendance() {
  present_.assign(this_month_.size(), {});
  for (size_t i = 0; i < this_month_.size(); ++i) {
    const HeldTraining& t = this_month_[i];
    v1::TrainingCommand c;
    c.mutable_record_attendance()->set_training_id(t.training_id);
    c.mutable_record_attendance()->set_session(1);
    for (const std::string& person : t.registrants) {
      if (random_.OneIn(10)) continue;
      c.mutable_record_attendance()->add_present_person_ids(person);
      present_[i].push_back(person);
    }
    RETURN_IF_ERROR(Send(in_.training, "training.attendance", c,
                         Coordinator(t.network),
                         absl::StrCat("c-", t.training_id, "-1")));
  }
  return absl::OkStatus();
}

// Day 20: feedback from about half of those present, 1-5; some trainings
// go less well.
absl::Status CountryWriter::Feedback() {
  for (size_t i = 0; i < this_month_.size() && i < present_.size(); ++i) {
    HeldTraining& t = this_month_[i];
    const int floor = random_.OneIn(8) ? 1 : 3;
    for (const std::string& person : present_[i]) {
      if (random_.OneIn(2)) continue;
      v1::TrainingCommand c;
      c.mutable_give_feedback()->set_training_id(t.training_id);
      c.mutable_give_feedback()->set_person_id(person);
      const int score = floor + random_.Below(6 - floor);
      c.mutable_give_feedback()->set_score(score);
      t.scores += 1;
      t.score_sum += score;
      RETURN_IF_ERROR(
          Send(in_.training, "training.feedback", c, Person(person, t.network),
               absl::StrCat("c-", t.training_id, "-", person, "-f")));
    }
  }
  return absl::OkStatus();
}

// Day 20: last month's trainings' feedback closes (its 30 days are over);
// where the average fell below 3.5, the coordinator's discussion with the
// trainer is held for about half.
absl::Status CountryWriter::CloseFeedback() {
  for (const HeldTraining& t : last_month_) {
    v1::TrainingCommand c;
    c.mutable_close_feedback()->set_training_id(t.training_id);
    RETURN_IF_ERROR(Send(in_.training, "training.close_feedback", c,
                         Coordinator(t.network),
                         absl::StrCat("c-", t.training_id, "-close")));
    if (t.scores == 0 || 10 * t.score_sum >= 35 * t.scores) continue;
    if (random_.OneIn(2)) continue;
    v1::TrainingCommand f;
    f.mutable_close_follow_up()->set_training_id(t.training_id);
    f.mutable_close_follow_up()->set_note(
        "Palautekeskustelu kouluttajan kanssa pidetty");
    RETURN_IF_ERROR(Send(in_.training, "training.follow_up", f,
                         Coordinator(t.network),
                         absl::StrCat("c-", t.training_id, "-follow-up")));
  }
  last_month_.clear();
  return absl::OkStatus();
}

// Day 25: badges earned elsewhere and imported, each teacher's next class
// in order (basic, then advanced, then developer); about three per teacher
// over the history.
absl::Status CountryWriter::Badges(absl::CivilMonth month) {
  const absl::CivilDay day = DayOf(month, 25);
  const int months = shape_.years * 12;
  for (int n = 0; n < shape_.networks; ++n) {
    const std::vector<int>& pool = teachers_of_[n];
    const int awards = static_cast<int>(3 * pool.size() / months) + 1;
    for (int i = 0; i < awards; ++i) {
      const int k = pool[random_.Below(pool.size())];
      const int next = next_class_[k];
      if (next >= static_cast<int>(std::size(kClasses))) continue;
      v1::BadgeHolderCommand c;
      v1::ImportAward& a = *c.mutable_import_award();
      a.set_network_id(Network(n));
      a.set_person_id(Teacher(k));
      a.set_award_id(absl::StrCat("obf-", kClasses[next].id));
      a.set_class_id(kClasses[next].id);
      a.set_school_id(School(SchoolOfTeacher(k)));
      *a.mutable_issued_on() = DateOf(day);
      a.set_source("Open Badge Factory");
      RETURN_IF_ERROR(Send(in_.badges, "badges.import", c, Coordinator(n),
                           absl::StrCat("c-", Teacher(k), "-", a.award_id())));
      ++next_class_[k];
    }
  }
  return absl::OkStatus();
}

// Day 28: each tutor logs the month's records (0 to twice the mean, on
// separate days); about one in 30 is amended before it goes in, one in 100
// voided; the rest are submitted.
absl::Status CountryWriter::LogHours(absl::CivilMonth month) {
  if (!TeachingMonth(month)) return absl::OkStatus();
  logged_month_ = month;
  const int year = values::SchoolYearOf(DayOf(month, 1));
  for (int t = 0; t < shape_.tutors; ++t) {
    const int s = SchoolOfTutor(t);
    const int n = NetworkOfSchool(s);
    const Principal tutor = Person(Tutor(t), n);
    const int records =
        std::min(5, random_.Below(2 * shape_.records_per_month + 1));
    for (int k = 0; k < records; ++k) {
      Record r;
      r.tutor = t;
      r.record_id = absl::StrCat(MonthName(month), "-", k + 1);
      v1::HourEntry& e = r.entry;
      *e.mutable_date() = DateOf(DayOf(month, 1 + 5 * k + random_.Below(5)));
      e.set_start_minute(8 * 60 + 30 * random_.Below(16));
      e.set_duration_minutes(30 + 15 * random_.Below(7));
      e.set_school_id(School(s));
      e.set_kind(kKinds[random_.Below(std::size(kKinds))]);
      e.set_theme(kThemes[random_.Below(std::size(kThemes))]);
      e.set_teachers_reached(1 + random_.Below(6));
      e.set_project_id(Project(n, year));
      const std::string id = absl::StrCat("c-", Tutor(t), "-", r.record_id);
      v1::HoursCommand log;
      log.mutable_log()->set_person_id(Tutor(t));
      log.mutable_log()->set_record_id(r.record_id);
      *log.mutable_log()->mutable_entry() = e;
      RETURN_IF_ERROR(Send(in_.activity, "hours.log", log, tutor, id));
      if (random_.OneIn(100)) {
        v1::HoursCommand c;
        c.mutable_void_()->set_person_id(Tutor(t));
        c.mutable_void_()->set_record_id(r.record_id);
        c.mutable_void_()->set_reason("Kirjattu kahdesti");
        RETURN_IF_ERROR(Send(in_.activity, "hours.void", c, tutor, id + "-v"));
        continue;
      }
      if (random_.OneIn(30)) {
        e.set_teachers_reached(e.teachers_reached() + 1);
        v1::HoursCommand c;
        c.mutable_amend()->set_person_id(Tutor(t));
        c.mutable_amend()->set_record_id(r.record_id);
        *c.mutable_amend()->mutable_entry() = e;
        c.mutable_amend()->set_reason("Tavoitettujen opettajien määrä");
        RETURN_IF_ERROR(Send(in_.activity, "hours.amend", c, tutor, id + "-e"));
      }
      v1::HoursCommand submit;
      submit.mutable_submit()->set_person_id(Tutor(t));
      submit.mutable_submit()->set_record_id(r.record_id);
      RETURN_IF_ERROR(
          Send(in_.activity, "hours.submit", submit, tutor, id + "-s"));
      submitted_.push_back(std::move(r));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<CountryTally> CountryWriter::Write(const Progress& progress) {
  if (shape_.networks < 1 || shape_.municipalities < shape_.networks ||
      shape_.schools < shape_.municipalities ||
      shape_.tutors < shape_.schools || shape_.teachers < shape_.schools ||
      shape_.years < 1 || shape_.records_per_month < 0 ||
      shape_.trainings_per_month < 1) {
    return absl::InvalidArgumentError(
        "the shape needs at least one network, a municipality per network, "
        "a school per municipality, and a tutor and a teacher per school");
  }
  const absl::CivilDay today = values::FinnishDay(now_);
  const absl::CivilDay start = HistoryStart(shape_, today);
  if (!At(start - 20, 8 * 60)) {
    return absl::InvalidArgumentError("the history starts after now");
  }
  RETURN_IF_ERROR(Places(start));
  RETURN_IF_ERROR(People(start));
  RETURN_IF_ERROR(server_.AwaitViews(absl::Minutes(5)));
  RETURN_IF_ERROR(Catalogues());
  const absl::CivilMonth first(start);
  const absl::CivilMonth last(today);
  const int months = static_cast<int>(last - first) + 1;
  for (absl::CivilMonth m = first; m <= last; ++m) {
    RETURN_IF_ERROR(Month(m));
    if (progress) {
      progress(m, static_cast<int>(m - first) + 1, months,
               tally_.total_commands);
    }
  }
  return std::move(tally_);
}

}  // namespace

absl::StatusOr<CountryTally> WriteCountry(server::TutornetServer& server,
                                          HistoryClock& clock,
                                          const CountryShape& shape,
                                          absl::Time now,
                                          const Progress& progress) {
  CountryWriter writer(server, clock, shape, now);
  return writer.Write(progress);
}

}  // namespace tutornet::country
