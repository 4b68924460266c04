// The demo network's trainings and other forms of work, dated around the
// current month so that it always shows a year in motion: trainings held
// last month (one whose feedback average fell below 3.5, with its
// follow-up), one open for registration, a cancelled Swedish one, tutor
// meetings, a school takeover and a peer-mentoring group. Ids name the
// month, so that loading again in a later month adds that month's.
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/server/demo_loader.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::server {
namespace {

using S = v1::TrainingService::Stub;

v1::Date On(absl::CivilMonth month, int day) {
  return Day(static_cast<int>(month.year()), month.month(), day);
}

v1::Session SessionOn(absl::CivilMonth month, int day, int hour, int minutes) {
  v1::Session s;
  *s.mutable_date() = On(month, day);
  s.set_start_minute(hour * 60);
  s.set_duration_minutes(minutes);
  return s;
}

v1::LocalTime TimeOn(absl::CivilMonth month, int day) {
  v1::LocalTime t;
  *t.mutable_date() = On(month, day);
  return t;
}

struct DemoTraining {
  std::string id;
  const char* theme;
  v1::CompetenceLevel level;
  v1::Language language;
  const char* region;  // Organised by the region; empty: the network.
  const char* school;  // The venue; empty: online.
  absl::CivilMonth month;
  std::vector<int> days;  // Session days of `month`.
};

v1::CreateTraining Definition(const DemoTraining& t) {
  v1::CreateTraining c;
  c.set_network_id("ks");
  c.set_training_id(t.id);
  *c.mutable_theme() = Fi(t.theme);
  c.set_level(t.level);
  c.set_language(t.language);
  if (*t.region != '\0') {
    c.mutable_organiser()->set_kind(v1::ORGANISER_KIND_REGION);
    c.mutable_organiser()->set_region_id(t.region);
  } else {
    c.mutable_organiser()->set_kind(v1::ORGANISER_KIND_NETWORK);
  }
  if (*t.school != '\0') {
    c.mutable_venue()->set_school_id(t.school);
  } else {
    c.mutable_venue()->set_online(true);
  }
  c.add_trainer_ids("person-90");
  for (int day : t.days) *c.add_sessions() = SessionOn(t.month, day, 14, 150);
  c.set_capacity(25);
  // Registration through the month before; cancellations free until the
  // week before.
  *c.mutable_registration_opens() = TimeOn(t.month - 1, 1);
  *c.mutable_registration_closes() = TimeOn(t.month, 1);
  *c.mutable_cancellation_cutoff() = TimeOn(t.month - 1, 24);
  c.set_feedback_days(60);
  return c;
}

// A training held last month: three tutors took part and gave `scores`;
// the feedback is closed, and a follow-up below 3.5 is closed with a note.
absl::Status Held(DemoLoader& demo, const DemoTraining& t,
                  const std::vector<int>& scores,
                  const std::vector<std::string>& tokens) {
  const std::string id = t.id;
  RETURN_IF_ERROR(demo.Send<v1::CreateTrainingRequest>(
      &S::CreateTraining, absl::StrCat(id, "-create"), Definition(t)));
  const char* schools[] = {"school-jyvaskyla-1", "school-jyvaskyla-sv",
                           "school-jyvaskyla-harjoittelu"};
  v1::RecordAttendance attendance;
  attendance.set_training_id(id);
  for (int n = 1; n <= 3; ++n) {
    v1::RegisterForTraining r;
    r.set_training_id(id);
    r.set_person_id(absl::StrCat("person-", n));
    r.set_school_id(schools[n - 1]);
    RETURN_IF_ERROR(demo.Send<v1::RegisterForTrainingRequest>(
        &S::RegisterForTraining, absl::StrCat(id, "-register-", n), r));
    attendance.add_present_person_ids(r.person_id());
  }
  for (int session = 1; session <= static_cast<int>(t.days.size()); ++session) {
    attendance.set_session(session);
    RETURN_IF_ERROR(demo.Send<v1::RecordAttendanceRequest>(
        &S::RecordAttendance, absl::StrCat(id, "-attendance-", session),
        attendance));
  }
  const char* comments[] = {"Hyviä esimerkkejä omaan opetukseen", "",
                            "Liikaa asiaa liian lyhyessä ajassa"};
  for (int n = 1; n <= 3; ++n) {
    v1::GiveFeedback f;
    f.set_training_id(id);
    f.set_person_id(absl::StrCat("person-", n));
    f.set_score(scores[n - 1]);
    f.set_comment(comments[n - 1]);
    RETURN_IF_ERROR(demo.Send<v1::GiveFeedbackRequest>(
        &S::GiveFeedback, absl::StrCat(id, "-feedback-", n), f, tokens[n - 1]));
  }
  v1::CloseFeedback close;
  close.set_training_id(id);
  RETURN_IF_ERROR(demo.Send<v1::CloseFeedbackRequest>(
      &S::CloseFeedback, absl::StrCat(id, "-close-feedback"), close));
  int sum = 0;
  for (int s : scores) sum += s;
  if (10 * sum >= 35 * static_cast<int>(scores.size())) {
    return absl::OkStatus();
  }
  v1::CloseFollowUp follow_up;
  follow_up.set_training_id(id);
  follow_up.set_note(
      "Palautekeskustelu kouluttajan kanssa pidetty: seuraavalla kerralla "
      "vähemmän sisältöä ja enemmän harjoittelua.");
  return demo.Send<v1::CloseFollowUpRequest>(
      &S::CloseFollowUp, absl::StrCat(id, "-follow-up"), follow_up);
}

absl::Status Meetings(DemoLoader& demo, absl::CivilMonth last,
                      const std::string& suffix) {
  struct M {
    const char* id;
    v1::MeetingKind kind;
    const char* region;
    const char* title;
    int day;
  };
  const M meetings[] = {
      {"verkostotapaaminen", v1::MEETING_KIND_NETWORK_TUTOR_MEETING, "",
       "Keski-Suomen tutoropettajien verkostotapaaminen", 12},
      {"ohjausryhma", v1::MEETING_KIND_COORDINATION_GROUP, "",
       "Koordinaatioryhmän verkkokokous", 19},
      {"jyvaskyla-tapaaminen", v1::MEETING_KIND_REGIONAL_TUTOR_MEETING,
       "ks-jyvaskyla", "Jyväskylän seudun tutoropettajat", 26},
  };
  for (const M& m : meetings) {
    const std::string id = absl::StrCat(m.id, "-", suffix);
    v1::CreateMeeting c;
    c.set_network_id("ks");
    c.set_meeting_id(id);
    c.set_kind(m.kind);
    c.set_region_id(m.region);
    *c.mutable_title() = Fi(m.title);
    *c.mutable_session() = SessionOn(last, m.day, 13, 120);
    c.mutable_venue()->set_online(true);
    RETURN_IF_ERROR(demo.Send<v1::CreateMeetingRequest>(
        &S::CreateMeeting, absl::StrCat(id, "-create"), c));
    v1::RecordMeetingAttendance a;
    a.set_meeting_id(id);
    for (int n = 1; n <= 6; ++n) {
      a.add_present_person_ids(absl::StrCat("person-", n));
    }
    RETURN_IF_ERROR(demo.Send<v1::RecordMeetingAttendanceRequest>(
        &S::RecordMeetingAttendance, absl::StrCat(id, "-attendance"), a));
    v1::RecordMinutes minutes;
    minutes.set_meeting_id(id);
    minutes.set_minutes_ref(
        absl::StrCat("https://tutornet.example.fi/muistiot/", id));
    RETURN_IF_ERROR(demo.Send<v1::RecordMinutesRequest>(
        &S::RecordMinutes, absl::StrCat(id, "-minutes"), minutes));
  }
  return absl::OkStatus();
}

absl::Status TakeoverAndPeerGroup(DemoLoader& demo, absl::CivilMonth last,
                                  const std::string& suffix) {
  v1::RecordTakeover k;
  k.set_network_id("ks");
  k.set_takeover_id(absl::StrCat("kouluvaltaus-muurame-", suffix));
  k.set_school_id("school-muurame-1");
  *k.add_days() = On(last, 3);
  *k.add_days() = On(last, 4);
  *k.add_days() = On(last, 5);
  k.set_teachers_trained(27);
  k.set_students_teaching(14);
  *k.mutable_module() = Fi("Lähiruoka ja ilmasto");
  k.set_partner_name("Jyväskylän yliopiston opettajankoulutuslaitos");
  RETURN_IF_ERROR(demo.Send<v1::RecordTakeoverRequest>(
      &S::RecordTakeover, absl::StrCat(k.takeover_id(), "-record"), k));

  v1::RecordFacilitatorTraining f;
  f.set_network_id("ks");
  f.set_person_id("person-91");
  *f.mutable_completed() = Day(2016, 5, 20);
  f.set_provider("Verme-vertaisryhmämentorointikoulutus");
  RETURN_IF_ERROR(demo.Send<v1::RecordFacilitatorTrainingRequest>(
      &S::RecordFacilitatorTraining, "facilitator-person-91", f));

  const std::string group = absl::StrCat("verme-", suffix);
  v1::CreatePeerGroup g;
  g.set_network_id("ks");
  g.set_group_id(group);
  *g.mutable_name() = Fi("Verme: digitaalinen arviointi");
  g.set_facilitator_id("person-91");
  const char* organisations[] = {"school-jyvaskyla-1", "school-muurame-1",
                                 "school-laukaa-1",    "school-jamsa-1",
                                 "school-keuruu-1",    "school-aanekoski-1"};
  for (int n = 0; n < 6; ++n) {
    v1::PeerMember& m = *g.add_members();
    m.set_person_id(absl::StrCat("person-", 10 + n));
    m.set_organisation(organisations[n]);
  }
  RETURN_IF_ERROR(demo.Send<v1::CreatePeerGroupRequest>(
      &S::CreatePeerGroup, absl::StrCat(group, "-create"), g));
  for (int n = 1; n <= 2; ++n) {
    v1::HoldPeerMeeting m;
    m.set_group_id(group);
    m.set_number(n);
    *m.mutable_session() = SessionOn(last - 2 + n, 15, 14, 150);
    for (int p = 0; p < 6; ++p) {
      if (p != n) m.add_present_person_ids(absl::StrCat("person-", 10 + p));
    }
    if (n == 1) {
      m.set_goals("Arvioinnin käytänteet digitaalisissa ympäristöissä");
      m.set_ground_rules("Luottamuksellisuus, kuunteleminen, vuorottelu");
    }
    RETURN_IF_ERROR(demo.Send<v1::HoldPeerMeetingRequest>(
        &S::HoldPeerMeeting, absl::StrCat(group, "-meeting-", n), m));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status LoadDemoTraining(DemoLoader& demo,
                              const std::vector<std::string>& schools) {
  const absl::CivilMonth now(values::FinnishDay(absl::Now()));
  const absl::CivilMonth last = now - 1;
  const std::string suffix =
      absl::StrFormat("%04d-%02d", now.year(), now.month());
  // Permanent teachers of the school year, for reach.
  const int year = values::SchoolYearOf(absl::CivilDay(now));
  for (size_t i = 0; i < schools.size(); ++i) {
    v1::RecordStaff s;
    s.set_network_id("ks");
    s.set_school_id(schools[i]);
    s.set_school_year(year);
    s.set_permanent_teachers(18 + static_cast<int>(i * 7 % 41));
    RETURN_IF_ERROR(demo.Send<v1::RecordStaffRequest>(
        &v1::RegistryService::Stub::RecordStaff,
        absl::StrCat("staff-", schools[i], "-", year), s));
  }
  std::vector<std::string> tokens;
  for (int n = 1; n <= 3; ++n) {
    ASSIGN_OR_RETURN(std::string token,
                     demo.TutorToken(absl::StrCat("person-", n)));
    tokens.push_back(std::move(token));
  }
  RETURN_IF_ERROR(Held(demo,
                       {absl::StrCat("pilvipalvelut-", suffix),
                        "Pilvipalvelut opetuksessa",
                        v1::COMPETENCE_LEVEL_BASIC,
                        v1::LANGUAGE_FI,
                        "ks-jyvaskyla",
                        "school-jyvaskyla-1",
                        last,
                        {6, 13}},
                       {5, 4, 4}, tokens));
  RETURN_IF_ERROR(Held(demo,
                       {absl::StrCat("ohjelmointi-", suffix),
                        "Ohjelmointi alakoulussa",
                        v1::COMPETENCE_LEVEL_ADVANCED,
                        v1::LANGUAGE_FI,
                        "",
                        "",
                        last,
                        {20}},
                       {3, 4, 2}, tokens));
  // Open for registration now, next month.
  RETURN_IF_ERROR(demo.Send<v1::CreateTrainingRequest>(
      &S::CreateTraining, absl::StrCat("sahkoiset-kokeet-", suffix, "-create"),
      Definition({absl::StrCat("sahkoiset-kokeet-", suffix),
                  "Sähköiset kokeet",
                  v1::COMPETENCE_LEVEL_BASIC,
                  v1::LANGUAGE_FI,
                  "ks-etela",
                  "school-jamsa-1",
                  now + 1,
                  {8, 15}})));
  // The Swedish one did not get enough participants.
  const std::string sv = absl::StrCat("molntjanster-", suffix);
  RETURN_IF_ERROR(demo.Send<v1::CreateTrainingRequest>(
      &S::CreateTraining, absl::StrCat(sv, "-create"),
      Definition({sv,
                  "Molntjänster i undervisningen",
                  v1::COMPETENCE_LEVEL_BASIC,
                  v1::LANGUAGE_SV,
                  "",
                  "",
                  now + 1,
                  {10}})));
  v1::CancelTraining cancel;
  cancel.set_training_id(sv);
  cancel.set_reason("För få anmälda / liian vähän ilmoittautuneita");
  RETURN_IF_ERROR(demo.Send<v1::CancelTrainingRequest>(
      &S::CancelTraining, absl::StrCat(sv, "-cancel"), cancel));
  RETURN_IF_ERROR(Meetings(demo, last, suffix));
  return TakeoverAndPeerGroup(demo, last, suffix);
}

}  // namespace tutornet::server
