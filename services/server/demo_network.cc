#include "services/server/demo_network.h"

#include <grpcpp/grpcpp.h>

#include <fstream>
#include <optional>
#include <tuple>
#include <type_traits>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/server/demo_loader.h"
#include "services/values/dates.h"
#include "status/status_macros.h"
#include "tutornet/v1/activity_service.grpc.pb.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

namespace tutornet::server {
namespace {

struct DemoRegion {
  const char* id;
  const char* name;
  std::vector<std::pair<const char*, const char*>> municipalities;  // id, name
};

const std::vector<DemoRegion>& Regions() {
  static const auto* regions = new std::vector<DemoRegion>{
      {"ks-jyvaskyla",
       "Jyväskylän seutu",
       {{"jyvaskyla", "Jyväskylä"},
        {"muurame", "Muurame"},
        {"laukaa", "Laukaa"},
        {"uurainen", "Uurainen"}}},
      {"ks-etela",
       "Eteläinen alue",
       {{"jamsa", "Jämsä"},
        {"kuhmoinen", "Kuhmoinen"},
        {"luhanka", "Luhanka"},
        {"joutsa", "Joutsa"},
        {"toivakka", "Toivakka"}}},
      {"ks-lansi",
       "Läntinen alue",
       {{"keuruu", "Keuruu"},
        {"multia", "Multia"},
        {"petajavesi", "Petäjävesi"}}},
      {"ks-ita",
       "Itäinen alue",
       {{"aanekoski", "Äänekoski"},
        {"konnevesi", "Konnevesi"},
        {"hankasalmi", "Hankasalmi"}}},
      {"ks-saarijarvi",
       "Saarijärven seutu",
       {{"saarijarvi", "Saarijärvi"},
        {"karstula", "Karstula"},
        {"kannonkoski", "Kannonkoski"},
        {"kivijarvi", "Kivijärvi"}}},
      {"ks-viitasaari",
       "Viitasaaren seutu",
       {{"viitasaari", "Viitasaari"}, {"pihtipudas", "Pihtipudas"}}},
  };
  return *regions;
}

absl::Status LoadPlaces(DemoLoader& demo, std::vector<std::string>& schools) {
  const v1::Date start = Day(2016, 12, 1);
  v1::CreateNetwork network;
  network.set_network_id("ks");
  network.mutable_name()->set_fi("Keski-Suomen tutoropettajaverkosto (demo)");
  network.mutable_name()->set_sv(
      "Tutorlärarnätverket i Mellersta Finland (demo)");
  network.mutable_name()->set_en(
      "Central Finland tutor-teacher network (demo)");
  network.set_coordinating_municipality_id("jyvaskyla");
  network.add_partner_organisations("Opettajankoulutuslaitos (demo)");
  network.add_partner_organisations("Erityisopetuksen keskus (demo)");
  RETURN_IF_ERROR(demo.Send<v1::CreateNetworkRequest>(
      &v1::RegistryService::Stub::CreateNetwork, "network", network));
  for (const DemoRegion& r : Regions()) {
    v1::AddRegion region;
    region.set_network_id("ks");
    region.set_region_id(r.id);
    *region.mutable_name() = Fi(r.name);
    RETURN_IF_ERROR(demo.Send<v1::AddRegionRequest>(
        &v1::RegistryService::Stub::AddRegion, r.id, region));
    for (const auto& [id, name] : r.municipalities) {
      v1::AssignMunicipality m;
      m.set_network_id("ks");
      m.set_municipality_id(id);
      *m.mutable_name() = Fi(name);
      m.set_region_id(r.id);
      *m.mutable_effective() = start;
      RETURN_IF_ERROR(demo.Send<v1::AssignMunicipalityRequest>(
          &v1::RegistryService::Stub::AssignMunicipality, id, m));
      // One invented school per municipality; Jyväskylä also has a
      // Swedish-language school and the teacher-training school.
      std::vector<std::tuple<std::string, std::string, v1::Language>> here = {
          {absl::StrCat("school-", id, "-1"),
           absl::StrCat(name, " yhtenäiskoulu (demo)"), v1::LANGUAGE_FI}};
      if (std::string(id) == "jyvaskyla") {
        here.emplace_back("school-jyvaskyla-sv",
                          "Svenska demoskolan i Jyväskylä", v1::LANGUAGE_SV);
        here.emplace_back("school-jyvaskyla-harjoittelu",
                          "Harjoittelukoulu (demo)", v1::LANGUAGE_FI);
      }
      for (const auto& [school_id, school_name, language] : here) {
        v1::RegisterSchool s;
        s.set_network_id("ks");
        s.set_school_id(school_id);
        *s.mutable_name() = Fi(school_name);
        s.set_municipality_id(id);
        s.set_language(language);
        s.add_levels(v1::EDUCATION_LEVEL_BASIC);
        RETURN_IF_ERROR(demo.Send<v1::RegisterSchoolRequest>(
            &v1::RegistryService::Stub::RegisterSchool, school_id, s));
        schools.push_back(school_id);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Appoint(DemoLoader& demo, const std::string& id,
                     const std::string& person, v1::Role role,
                     const v1::Scope& scope, v1::Date start,
                     std::optional<v1::Date> end = std::nullopt) {
  v1::AppointRole a;
  a.set_network_id("ks");
  a.set_appointment_id(id);
  a.set_person_id(person);
  a.set_role(role);
  *a.mutable_scope() = scope;
  *a.mutable_start() = start;
  if (end.has_value()) *a.mutable_end() = *end;
  return demo.Send<v1::AppointRoleRequest>(
      &v1::RegistryService::Stub::AppointRole, id, a);
}

absl::Status LoadPeople(DemoLoader& demo,
                        const std::vector<std::string>& schools) {
  int n = 0;
  for (const std::string& school : schools) {
    v1::Scope scope;
    scope.add_school_ids(school);
    ++n;
    RETURN_IF_ERROR(Appoint(demo, absl::StrCat("tutor-", n),
                            absl::StrCat("person-", n), v1::ROLE_TUTOR_TEACHER,
                            scope, Day(2017, 1, 1)));
  }
  v1::Scope roaming;  // A roaming tutor over two small schools.
  roaming.add_school_ids("school-luhanka-1");
  roaming.add_school_ids("school-kuhmoinen-1");
  RETURN_IF_ERROR(Appoint(demo, "tutor-roaming", "person-90",
                          v1::ROLE_TUTOR_TEACHER, roaming, Day(2017, 8, 1)));
  // Regional coordinators: a first term, then a successor; all of them and
  // two stakeholder representatives form the coordination group.
  int person = 100;
  for (const DemoRegion& r : Regions()) {
    v1::Scope region;
    region.add_region_ids(r.id);
    const std::string first = absl::StrCat("person-", ++person);
    const std::string second = absl::StrCat("person-", ++person);
    RETURN_IF_ERROR(Appoint(demo, absl::StrCat("coord-", r.id, "-1"), first,
                            v1::ROLE_REGIONAL_COORDINATOR, region,
                            Day(2016, 12, 1), Day(2018, 7, 31)));
    RETURN_IF_ERROR(Appoint(demo, absl::StrCat("coord-", r.id, "-2"), second,
                            v1::ROLE_REGIONAL_COORDINATOR, region,
                            Day(2018, 8, 1)));
    RETURN_IF_ERROR(Appoint(demo, absl::StrCat("group-", second), second,
                            v1::ROLE_COORDINATION_GROUP_MEMBER, v1::Scope(),
                            Day(2018, 8, 1)));
  }
  for (const char* stakeholder : {"person-201", "person-202"}) {
    RETURN_IF_ERROR(Appoint(demo, absl::StrCat("stakeholder-", stakeholder),
                            stakeholder, v1::ROLE_STAKEHOLDER_REPRESENTATIVE,
                            v1::Scope(), Day(2017, 1, 1)));
    RETURN_IF_ERROR(Appoint(demo, absl::StrCat("group-", stakeholder),
                            stakeholder, v1::ROLE_COORDINATION_GROUP_MEMBER,
                            v1::Scope(), Day(2017, 1, 1)));
  }
  return Appoint(demo, "network-coordinator", "person-200",
                 v1::ROLE_NETWORK_COORDINATOR, v1::Scope(), Day(2016, 12, 1));
}

// The month before last, closed: two approved records of each of the
// three tutors, then one amended as a correction of the closed month. A
// funder's report of it is `tutornetctl hours report oph-tutor YYYY-MM`.
absl::Status LoadClosedMonth(DemoLoader& demo, absl::CivilMonth month,
                             const char* const schools[3]) {
  const std::string name =
      absl::StrFormat("%04d-%02d", month.year(), month.month());
  for (int n = 1; n <= 3; ++n) {
    const std::string person = absl::StrCat("person-", n);
    for (int k = 0; k < 2; ++k) {
      const std::string record = absl::StrCat(name, "-closed-", k + 1);
      const std::string id = absl::StrCat("hours-", person, "-", record);
      v1::LogHours log;
      log.set_person_id(person);
      log.set_record_id(record);
      v1::HourEntry& e = *log.mutable_entry();
      *e.mutable_date() =
          Day(static_cast<int>(month.year()), month.month(), 5 + 7 * k);
      e.set_start_minute(10 * 60);
      e.set_duration_minutes(60 + 30 * k);
      e.set_school_id(schools[n - 1]);
      e.set_kind(k == 1 ? v1::WORK_KIND_TRAINING_DELIVERED
                        : v1::WORK_KIND_PEER_SUPPORT);
      e.set_theme("Digitaalinen arviointi");
      e.set_teachers_reached(4);
      e.set_project_id("oph-tutor");
      RETURN_IF_ERROR(demo.Send<v1::LogHoursRequest>(
          &v1::ActivityService::Stub::LogHours, id, log));
      v1::SubmitHours submit;
      submit.set_person_id(person);
      submit.set_record_id(record);
      RETURN_IF_ERROR(demo.Send<v1::SubmitHoursRequest>(
          &v1::ActivityService::Stub::SubmitHours, id + "-submit", submit));
      v1::ApproveHours approve;
      approve.set_person_id(person);
      approve.set_record_id(record);
      RETURN_IF_ERROR(demo.Send<v1::ApproveHoursRequest>(
          &v1::ActivityService::Stub::ApproveHours, id + "-approve", approve));
    }
  }
  v1::CloseMonth close;
  close.set_project_id("oph-tutor");
  close.mutable_month()->set_year(static_cast<int>(month.year()));
  close.mutable_month()->set_month(month.month());
  RETURN_IF_ERROR(
      demo.Send<v1::CloseMonthRequest>(&v1::ActivityService::Stub::CloseMonth,
                                       "close-oph-tutor-" + name, close));
  v1::AmendHours amend;
  amend.set_person_id("person-2");
  amend.set_record_id(absl::StrCat(name, "-closed-1"));
  v1::HourEntry& e = *amend.mutable_entry();
  *e.mutable_date() = Day(static_cast<int>(month.year()), month.month(), 5);
  e.set_start_minute(10 * 60);
  e.set_duration_minutes(45);
  e.set_school_id(schools[1]);
  e.set_kind(v1::WORK_KIND_PEER_SUPPORT);
  e.set_theme("Digitaalinen arviointi");
  e.set_teachers_reached(4);
  e.set_project_id("oph-tutor");
  amend.set_reason("Kesto korjattu tuntilistan mukaan");
  *amend.mutable_correction()->mutable_month() = close.month();
  amend.mutable_correction()->set_reason(
      "Tutor ilmoitti väärän keston suljetulle kuukaudelle");
  return demo.Send<v1::AmendHoursRequest>(
      &v1::ActivityService::Stub::AmendHours,
      absl::StrCat("hours-person-2-", name, "-closed-1-correct"), amend);
}

// A funded project over the network's life, and last month's hours of
// three tutors: some only logged, some waiting, some approved. Request ids
// name the month, so a rerun in the same month adds nothing and one in a
// later month adds that month's hours.
absl::Status LoadHours(DemoLoader& demo) {
  v1::CreateFundedProject p;
  p.set_project_id("oph-tutor");
  p.set_network_id("ks");
  *p.mutable_name() = Fi("Tutoropettajatoiminta Keski-Suomessa");
  p.mutable_funder()->set_kind(v1::FUNDER_KIND_STATE_AGENCY);
  p.mutable_funder()->set_name("Opetushallitus");
  p.mutable_funder()->set_decision_number("OPH 73/570/2016");
  *p.mutable_start() = Day(2016, 12, 1);
  *p.mutable_end() = Day(2030, 12, 31);
  RETURN_IF_ERROR(demo.Send<v1::CreateFundedProjectRequest>(
      &v1::ActivityService::Stub::CreateFundedProject, "project-oph-tutor", p));
  const absl::CivilMonth last =
      absl::CivilMonth(values::FinnishDay(absl::Now())) - 1;
  const std::string month =
      absl::StrFormat("%04d-%02d", last.year(), last.month());
  const char* themes[] = {"Pilvipalvelut opetuksessa",
                          "Ohjelmointi alakoulussa", "Sähköiset kokeet"};
  // person-1..3 are the tutors of Jyväskylä's first three schools.
  const char* schools[] = {"school-jyvaskyla-1", "school-jyvaskyla-sv",
                           "school-jyvaskyla-harjoittelu"};
  for (int n = 1; n <= 3; ++n) {
    const std::string person = absl::StrCat("person-", n);
    for (int k = 0; k < 3; ++k) {
      const std::string record = absl::StrCat(month, "-", k + 1);
      const std::string id = absl::StrCat("hours-", person, "-", record);
      v1::LogHours log;
      log.set_person_id(person);
      log.set_record_id(record);
      v1::HourEntry& e = *log.mutable_entry();
      *e.mutable_date() =
          Day(static_cast<int>(last.year()), last.month(), 3 + 7 * k);
      e.set_start_minute(14 * 60);
      e.set_duration_minutes(45 + 15 * k);
      e.set_school_id(schools[n - 1]);
      e.set_kind(k == 1 ? v1::WORK_KIND_CO_TEACHING
                        : v1::WORK_KIND_PEER_SUPPORT);
      e.set_theme(themes[k]);
      e.set_teachers_reached(3 + k);
      e.set_project_id("oph-tutor");
      RETURN_IF_ERROR(demo.Send<v1::LogHoursRequest>(
          &v1::ActivityService::Stub::LogHours, id, log));
      if (k == 0) continue;  // Left as logged.
      v1::SubmitHours submit;
      submit.set_person_id(person);
      submit.set_record_id(record);
      RETURN_IF_ERROR(demo.Send<v1::SubmitHoursRequest>(
          &v1::ActivityService::Stub::SubmitHours, id + "-submit", submit));
      if (k == 2 && n != 3) {
        v1::ApproveHours approve;
        approve.set_person_id(person);
        approve.set_record_id(record);
        RETURN_IF_ERROR(demo.Send<v1::ApproveHoursRequest>(
            &v1::ActivityService::Stub::ApproveHours, id + "-approve",
            approve));
      }
    }
  }
  return LoadClosedMonth(demo, last - 1, schools);
}

}  // namespace

absl::StatusOr<std::string> LoadDemoNetwork(const std::string& address,
                                            const std::string& token_dir,
                                            bool hours) {
  const std::string token_file = token_dir + "/admin.token";
  std::ifstream in(token_file);
  std::string token;
  if (!(in >> token)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--demo loads through the API with the admin token in ", token_file,
        ", which is missing; create a fresh --data_dir or restore the file"));
  }
  DemoLoader demo(address, token);
  std::vector<std::string> schools;
  RETURN_IF_ERROR(LoadPlaces(demo, schools));
  RETURN_IF_ERROR(LoadPeople(demo, schools));
  if (hours) {
    RETURN_IF_ERROR(LoadHours(demo));
    RETURN_IF_ERROR(LoadDemoTraining(demo, schools));
    RETURN_IF_ERROR(LoadDemoBadges(demo, schools));
    RETURN_IF_ERROR(LoadDemoDevelopment(demo, schools));
  }
  return absl::StrCat(
      "demo network \"ks\" loaded: 6 regions, 21 municipalities, ",
      schools.size(), " schools",
      hours ? ", funded project \"oph-tutor\" with last month's hours, "
              "trainings, meetings, a takeover, a peer group, badges, activity "
              "plans, a mapping round, a mentoring process and work pairs"
            : "",
      " (", demo.commands(), " commands)");
}

}  // namespace tutornet::server
