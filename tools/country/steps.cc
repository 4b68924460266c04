// The writer's monthly steps (writer.h), by what they write: development
// (mapping rounds, activity plans, mentoring processes), hours (approval,
// closing, corrections, logging), trainings and badges.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/activity/activity.h"
#include "services/badges/badges.h"
#include "services/development/development.h"
#include "services/training/training.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"
#include "tools/country/writer.h"

namespace tutornet::country::internal {

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

}  // namespace tutornet::country::internal
