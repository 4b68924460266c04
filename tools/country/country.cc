#include "tools/country/country.h"

#include <algorithm>
#include <functional>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/activity/activity.h"
#include "services/badges/badges.h"
#include "services/development/development.h"
#include "services/server/registry_service.h"
#include "services/server/server.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"
#include "tools/country/writer.h"

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

namespace internal {

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

}  // namespace internal

absl::StatusOr<CountryTally> WriteCountry(server::TutornetServer& server,
                                          HistoryClock& clock,
                                          const CountryShape& shape,
                                          absl::Time now,
                                          const Progress& progress) {
  internal::CountryWriter writer(server, clock, shape, now);
  return writer.Write(progress);
}

}  // namespace tutornet::country
