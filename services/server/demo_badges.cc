// The demo network's badges: six classes on the three competence levels
// (DOMAIN.md "Competence and badges"), about 400 awards imported for 150
// teachers over the network's schools since August 2017 (as a network
// arriving with badges earned elsewhere does), and person-1's own
// applications through the API as they would make them.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/server/demo_loader.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::server {
namespace {

using S = v1::BadgeService::Stub;

struct DemoClass {
  const char* id;
  v1::CompetenceLevel level;
  const char* fi;
  const char* sv;
  const char* en;
  bool colleague;
};

constexpr DemoClass kClasses[] = {
    {"digi-perusteet", v1::COMPETENCE_LEVEL_BASIC,
     "Digitaalisen opetuksen perusteet", "Grunderna i digital undervisning",
     "Basics of digital teaching", false},
    {"pilvipalvelut", v1::COMPETENCE_LEVEL_BASIC, "Pilvipalvelut opetuksessa",
     "Molntjänster i undervisningen", "Cloud services in teaching", true},
    {"tietoturva", v1::COMPETENCE_LEVEL_BASIC, "Tietoturva ja yksityisyys",
     "Datasäkerhet och integritet", "Security and privacy", false},
    {"oppimisalustat", v1::COMPETENCE_LEVEL_ADVANCED,
     "Oppimisalustat ja arviointi", "Lärplattformar och bedömning",
     "Learning platforms and assessment", false},
    {"video", v1::COMPETENCE_LEVEL_ADVANCED, "Video opetuksessa",
     "Video i undervisningen", "Video in teaching", false},
    {"kouluttaja", v1::COMPETENCE_LEVEL_DEVELOPER, "Kollegoiden kouluttaja",
     "Utbildare av kolleger", "Trainer of colleagues", true},
};

absl::Status DefineClasses(DemoLoader& demo) {
  for (const DemoClass& c : kClasses) {
    v1::DefineBadgeClass d;
    d.set_network_id("ks");
    v1::BadgeClass& b = *d.mutable_badge_class();
    b.set_class_id(c.id);
    *b.mutable_name() = values::Localized(c.fi, c.sv, c.en);
    *b.mutable_description() =
        values::Localized(absl::StrCat("Osaamismerkki: ", c.fi, "."),
                          absl::StrCat("Kompetensmärke: ", c.sv, "."),
                          absl::StrCat("Competence badge: ", c.en, "."));
    *b.mutable_criteria() = values::Localized(
        "Näyttö omasta opetuksesta ja sen jakaminen kollegoille.",
        "Belägg från egen undervisning och att dela den med kolleger.",
        "Evidence from one's own teaching, shared with colleagues.");
    b.set_level(c.level);
    *b.mutable_evidence_asked() =
        values::Localized("Kuvaus ja linkki materiaaliin",
                          "Beskrivning och länk", "A description and a link");
    b.set_colleague_recognition(c.colleague);
    b.add_reviewer_ids("person-90");
    b.add_reviewer_ids("person-200");
    b.set_valid_months(0);
    RETURN_IF_ERROR(demo.Send<v1::DefineBadgeClassRequest>(
        &S::DefineBadgeClass, absl::StrCat("badge-class-", c.id), d));
  }
  return absl::OkStatus();
}

// Teacher t's awards: three in four hold level 1, one in five level 2,
// one in twenty-five level 3; dated from August 2017 to last year.
absl::Status ImportAwards(DemoLoader& demo,
                          const std::vector<std::string>& schools) {
  constexpr int kTeachers = 150;
  const int last_year = values::FinnishDay(absl::Now()).year() - 1;
  for (int t = 0; t < kTeachers; ++t) {
    std::vector<const DemoClass*> held;
    for (const DemoClass& c : kClasses) {
      const bool holds =
          (c.level == v1::COMPETENCE_LEVEL_BASIC && t % 4 != 0) ||
          (c.level == v1::COMPETENCE_LEVEL_ADVANCED && t % 5 == 1) ||
          (c.level == v1::COMPETENCE_LEVEL_DEVELOPER && t % 25 == 1);
      if (holds) held.push_back(&c);
    }
    const std::string person = absl::StrCat("person-", 1000 + t);
    for (size_t i = 0; i < held.size(); ++i) {
      v1::ImportAward a;
      a.set_network_id("ks");
      a.set_person_id(person);
      a.set_award_id(absl::StrCat("obf-", held[i]->id));
      a.set_class_id(held[i]->id);
      a.set_school_id(schools[t % schools.size()]);
      const int year = 2017 + (t + static_cast<int>(i)) % (last_year - 2016);
      *a.mutable_issued_on() = Day(
          year, year == 2017 ? 8 + t % 5 : 1 + (t * 7 + i) % 12, 1 + t % 28);
      a.set_source("Open Badge Factory");
      RETURN_IF_ERROR(demo.Send<v1::ImportAwardRequest>(
          &S::ImportAward, absl::StrCat("badge-", person, "-", held[i]->id),
          a));
    }
  }
  return absl::OkStatus();
}

// person-1 earned "digi-perusteet" through review and has "pilvipalvelut"
// waiting for a colleague's recognition.
absl::Status PersonOneApplies(DemoLoader& demo) {
  RETURN_IF_ERROR(demo.RecordPerson("person-1", "Liisa Laine",
                                    "liisa.laine@koulu.example"));
  ASSIGN_OR_RETURN(const std::string applicant, demo.TutorToken("person-1"));
  ASSIGN_OR_RETURN(const std::string reviewer, demo.TutorToken("person-90"));
  for (const char* cls : {"digi-perusteet", "pilvipalvelut"}) {
    v1::ApplyForBadge a;
    a.set_network_id("ks");
    a.set_person_id("person-1");
    a.set_application_id(absl::StrCat("liisa-", cls));
    a.set_class_id(cls);
    a.set_school_id("school-jyvaskyla-1");
    v1::Evidence& e = *a.add_evidence();
    e.set_name("Oppitunnin suunnitelma");
    e.set_narrative(
        "Suunnittelin ja pidin oppitunnin, jonka materiaali on "
        "jaettu koulun kollegoille.");
    e.set_url("https://materiaalit.koulu.example/liisa/oppitunti");
    RETURN_IF_ERROR(demo.Send<v1::ApplyForBadgeRequest>(
        &S::ApplyForBadge, absl::StrCat("badge-apply-liisa-", cls), a,
        applicant));
  }
  v1::ReviewApplication r;
  r.set_network_id("ks");
  r.set_person_id("person-1");
  r.set_application_id("liisa-digi-perusteet");
  r.set_outcome(v1::REVIEW_OUTCOME_ACCEPT);
  r.set_comment("Hyvä näyttö.");
  return demo.Send<v1::ReviewApplicationRequest>(
      &S::ReviewApplication, "badge-review-liisa-digi-perusteet", r, reviewer);
}

}  // namespace

absl::Status LoadDemoBadges(DemoLoader& demo,
                            const std::vector<std::string>& schools) {
  RETURN_IF_ERROR(DefineClasses(demo));
  RETURN_IF_ERROR(ImportAwards(demo, schools));
  return PersonOneApplies(demo);
}

}  // namespace tutornet::server
