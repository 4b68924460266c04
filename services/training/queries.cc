// The training service's queries over the rows of read_model.cc, each
// filtered by the caller (policy.h).
#include <algorithm>
#include <map>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/registry/read_model.h"
#include "services/training/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::training {
namespace {

using projections::RowReader;
using projections::ScanRows;
using values::Invalid;

absl::StatusOr<v1::Training> RequireTraining(const RowReader& rows,
                                             const std::string& network,
                                             const std::string& id) {
  RETURN_IF_ERROR(values::ValidateId("network_id", network));
  RETURN_IF_ERROR(values::ValidateId("training_id", id));
  ASSIGN_OR_RETURN(std::optional<v1::Training> t,
                   projections::ReadRow<v1::Training>(
                       rows, absl::StrCat("t/", network, "/", id)));
  if (!t.has_value()) {
    return absl::NotFoundError(absl::StrCat(
        "training \"", id, "\" does not exist in network \"", network, "\""));
  }
  return *std::move(t);
}

// Whether `session` (1-based) of the training is on a day in [first, last]
// (DayNumbers).
bool SessionDayIn(const v1::TrainingFacts& t, int session, int first,
                  int last) {
  if (session < 1 || session > t.session_days_size()) return false;
  const int day = t.session_days(session - 1);
  return first <= day && day <= last;
}

// Held in [first, last]: not cancelled, with the attendance of a session
// in the period recorded.
bool Held(const v1::TrainingFacts& t, int first, int last) {
  if (t.cancelled()) return false;
  return std::any_of(
      t.attended_sessions().begin(), t.attended_sessions().end(),
      [&](int session) { return SessionDayIn(t, session, first, last); });
}

// Visits the rows under `prefix` + "<school year>/" for the school years
// of [from, to], in one scan from the first: `rest` is the key after the
// year's slash. Years are four digits, so their rows sort by year.
absl::Status VisitYears(
    const RowReader& rows, const std::string& prefix, absl::CivilDay from,
    absl::CivilDay to,
    absl::FunctionRef<void(absl::string_view key, absl::string_view rest,
                           absl::string_view value)>
        visit) {
  const std::string start =
      absl::StrCat(prefix, values::SchoolYearOf(from), "/");
  const std::string last = absl::StrCat(values::SchoolYearOf(to));
  absl::Status bad;
  RETURN_IF_ERROR(rows.Scan(
      prefix, start, [&](absl::string_view key, absl::string_view value) {
        const size_t slash = prefix.size() + last.size();
        if (key.size() <= slash + 1 || key[slash] != '/') {
          bad = projections::CorruptRow(key);
          return false;
        }
        if (key.substr(prefix.size(), last.size()) > last) return false;
        visit(key, key.substr(slash + 1), value);
        return true;
      }));
  return bad;
}

// Visits the sa/ rows of `schools` in the school years of [from, to]: who
// of each school attended which sessions of which training.
absl::Status VisitSchoolAttendance(
    const RowReader& rows, const std::string& network,
    const std::map<std::string, registry::SchoolOnDay>& schools,
    absl::CivilDay from, absl::CivilDay to,
    absl::FunctionRef<void(absl::string_view training, absl::string_view person,
                           const v1::AttendedSessions&)>
        visit) {
  absl::Status bad;
  v1::AttendedSessions a;
  for (const auto& [school, on] : schools) {
    RETURN_IF_ERROR(VisitYears(
        rows, absl::StrCat("sa/", network, "/", school, "/"), from, to,
        [&](absl::string_view key, absl::string_view rest,
            absl::string_view value) {
          if (!bad.ok()) return;  // Reported once the scan ends.
          // sa/<network>/<school>/<year>/<training>/<person>
          const size_t slash = rest.find('/');
          if (slash == absl::string_view::npos) {
            bad = projections::CorruptRow(key);
            return;
          }
          bad = projections::ParseRow(key, value, &a);
          if (bad.ok()) visit(rest.substr(0, slash), rest.substr(slash + 1), a);
        }));
    RETURN_IF_ERROR(bad);
  }
  return absl::OkStatus();
}

bool Sees(const Principal& p, const v1::Training& t) {
  return CanSeeParticipants(p, t.definition(), t.organiser_region_id());
}

// Certificates and cancellations as the registration's reader sees them.
void Complete(const v1::Training& t, v1::Registration& r) {
  r.set_training_cancelled(t.cancelled());
  r.set_certificate(
      !t.cancelled() && r.status() == v1::REGISTRATION_STATUS_PLACE &&
      r.attended_sessions_size() == t.definition().sessions_size());
}

// What everyone of the network sees of a training.
v1::Training Public(const v1::Training& t) {
  v1::Training out = t;
  out.clear_participants();
  out.clear_waiting_list();
  out.clear_attendance();
  out.mutable_feedback()->clear_comments();
  out.mutable_feedback()->clear_scores();
  return out;
}

std::string RegionOf(const v1::Training& t) {
  return t.venue_placement().region_id().empty()
             ? t.organiser_region_id()
             : t.venue_placement().region_id();
}

}  // namespace

absl::StatusOr<v1::ListTrainingsResponse> ListTrainings(
    const RowReader& rows, const Principal& p,
    const v1::ListTrainingsRequest& req, absl::Time now) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  if (!req.region_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("region_id", req.region_id()));
  }
  RETURN_IF_ERROR(access::RequireNetwork(p, req.network_id(), "read"));
  const absl::CivilMinute at = values::FinnishMinute(now);
  std::vector<v1::Training> found;
  RETURN_IF_ERROR(ScanRows<v1::Training>(
      rows, absl::StrCat("t/", req.network_id(), "/"),
      [&](absl::string_view, v1::Training t) {
        const v1::CreateTraining& d = t.definition();
        if (!req.all() &&
            (t.cancelled() || at < ToCivilMinute(d.registration_opens()) ||
             at >= ToCivilMinute(d.registration_closes()))) {
          return;
        }
        if (req.language() != v1::LANGUAGE_UNSPECIFIED &&
            d.language() != req.language()) {
          return;
        }
        if (req.level() != v1::COMPETENCE_LEVEL_UNSPECIFIED &&
            d.level() != req.level()) {
          return;
        }
        if (req.online_only() && !d.venue().online()) return;
        if (!req.region_id().empty() && RegionOf(t) != req.region_id() &&
            t.organiser_region_id() != req.region_id()) {
          return;
        }
        found.push_back(Public(t));
      }));
  std::sort(found.begin(), found.end(),
            [](const v1::Training& a, const v1::Training& b) {
              return StartOf(a.definition().sessions(0)) <
                     StartOf(b.definition().sessions(0));
            });
  v1::ListTrainingsResponse res;
  for (v1::Training& t : found) *res.add_trainings() = std::move(t);
  return res;
}

absl::StatusOr<v1::Training> GetTraining(const RowReader& rows,
                                         const Principal& p,
                                         const v1::GetTrainingRequest& req) {
  // Another network's callers learn nothing of its trainings, not even
  // which exist.
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(access::RequireNetwork(p, req.network_id(), "read"));
  ASSIGN_OR_RETURN(v1::Training t,
                   RequireTraining(rows, req.network_id(), req.training_id()));
  v1::Training out = Public(t);
  ASSIGN_OR_RETURN(std::optional<v1::Registration> mine,
                   projections::ReadRow<v1::Registration>(
                       rows, absl::StrCat("p/", req.network_id(), "/",
                                          req.training_id(), "/", p.id)));
  if (mine.has_value()) {
    Complete(t, *mine);
    *out.mutable_mine() = *std::move(mine);
  }
  if (!Sees(p, t)) return out;
  *out.mutable_attendance() = t.attendance();
  *out.mutable_feedback()->mutable_comments() = t.feedback().comments();
  std::vector<v1::Registration> places, waiting;
  RETURN_IF_ERROR(ScanRows<v1::Registration>(
      rows, absl::StrCat("p/", req.network_id(), "/", req.training_id(), "/"),
      [&](absl::string_view, v1::Registration r) {
        Complete(t, r);
        if (r.status() == v1::REGISTRATION_STATUS_PLACE) {
          places.push_back(std::move(r));
        } else if (r.status() == v1::REGISTRATION_STATUS_WAITING) {
          waiting.push_back(std::move(r));
        }
      }));
  auto by_position = [](const v1::Registration& a, const v1::Registration& b) {
    return a.position() < b.position();
  };
  std::sort(places.begin(), places.end(), by_position);
  std::sort(waiting.begin(), waiting.end(), by_position);
  for (v1::Registration& r : places) *out.add_participants() = std::move(r);
  int number = 0;
  for (v1::Registration& r : waiting) {
    r.set_waiting_number(++number);
    *out.add_waiting_list() = std::move(r);
  }
  if (access::IsAdmin(p)) {
    RETURN_IF_ERROR(ScanRows<v1::FeedbackGiven>(
        rows, absl::StrCat("f/", req.network_id(), "/", req.training_id(), "/"),
        [&](absl::string_view, v1::FeedbackGiven f) {
          *out.mutable_feedback()->add_scores() = std::move(f);
        }));
  }
  return out;
}

absl::StatusOr<v1::ListRegistrationsResponse> ListRegistrations(
    const RowReader& rows, const Principal& p,
    const v1::ListRegistrationsRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(values::ValidateId("person_id", req.person_id()));
  RETURN_IF_ERROR(AuthorizePersonRead(p, req.network_id(), req.person_id()));
  ASSIGN_OR_RETURN(
      const std::vector<std::string> ids,
      projections::KeySuffixes(rows, absl::StrCat("r/", req.network_id(), "/",
                                                  req.person_id(), "/")));
  v1::ListRegistrationsResponse res;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(v1::Training t,
                     RequireTraining(rows, req.network_id(), id));
    ASSIGN_OR_RETURN(std::optional<v1::Registration> r,
                     projections::ReadRow<v1::Registration>(
                         rows, absl::StrCat("p/", req.network_id(), "/", id,
                                            "/", req.person_id())));
    if (!r.has_value()) continue;
    Complete(t, *r);
    *res.add_registrations() = *std::move(r);
  }
  return res;
}

absl::StatusOr<v1::Certificate> GetCertificate(
    const RowReader& rows, const Principal& p,
    const v1::GetCertificateRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(access::RequireNetwork(p, req.network_id(), "read"));
  ASSIGN_OR_RETURN(v1::Training t,
                   RequireTraining(rows, req.network_id(), req.training_id()));
  RETURN_IF_ERROR(values::ValidateId("person_id", req.person_id()));
  if (!Sees(p, t)) {
    RETURN_IF_ERROR(AuthorizePersonRead(p, req.network_id(), req.person_id()));
  }
  ASSIGN_OR_RETURN(
      std::optional<v1::Registration> r,
      projections::ReadRow<v1::Registration>(
          rows, absl::StrCat("p/", req.network_id(), "/", req.training_id(),
                             "/", req.person_id())));
  if (r.has_value()) Complete(t, *r);
  if (!r.has_value() || !r->certificate()) {
    return absl::NotFoundError(
        absl::StrCat(req.person_id(), " has no certificate of \"",
                     req.training_id(), "\": not every session attended"));
  }
  v1::Certificate c;
  c.set_person_id(req.person_id());
  c.set_training_id(req.training_id());
  const v1::CreateTraining& d = t.definition();
  *c.mutable_theme() = d.theme();
  c.set_level(d.level());
  *c.mutable_organiser() = d.organiser();
  *c.mutable_sessions() = d.sessions();
  int minutes = 0;
  for (const v1::Session& s : d.sessions()) minutes += s.duration_minutes();
  c.set_total_minutes(minutes);
  *c.mutable_completed() = d.sessions(d.sessions_size() - 1).date();
  return c;
}

absl::StatusOr<v1::ListFollowUpsResponse> ListFollowUps(
    const RowReader& rows, const Principal& p,
    const v1::ListFollowUpsRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(access::RequireNetwork(p, req.network_id(), "read"));
  if (!access::Coordinates(p, req.network_id())) {
    return access::Denied(p, "read follow-up tasks");
  }
  v1::ListFollowUpsResponse res;
  RETURN_IF_ERROR(ScanRows<v1::Training>(
      rows, absl::StrCat("t/", req.network_id(), "/"),
      [&](absl::string_view, v1::Training t) {
        if (t.follow_up() == v1::FOLLOW_UP_STATUS_OPEN && Sees(p, t)) {
          v1::Training out = Public(t);
          *out.mutable_feedback()->mutable_comments() = t.feedback().comments();
          *res.add_trainings() = std::move(out);
        }
      }));
  return res;
}

absl::StatusOr<v1::ListMeetingsResponse> ListMeetings(
    const RowReader& rows, const Principal& p,
    const v1::ListMeetingsRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(AuthorizeGatheringRead(p, req.network_id()));
  v1::ListMeetingsResponse res;
  RETURN_IF_ERROR(
      ScanRows<v1::Meeting>(rows, absl::StrCat("m/", req.network_id(), "/"),
                            [&](absl::string_view, v1::Meeting m) {
                              *res.add_meetings() = std::move(m);
                            }));
  RETURN_IF_ERROR(ScanRows<v1::TakeoverRecorded>(
      rows, absl::StrCat("k/", req.network_id(), "/"),
      [&](absl::string_view, v1::TakeoverRecorded k) {
        *res.add_takeovers() = std::move(k);
      }));
  return res;
}

absl::StatusOr<v1::ListPeerGroupsResponse> ListPeerGroups(
    const RowReader& rows, const Principal& p,
    const v1::ListPeerGroupsRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(AuthorizeGatheringRead(p, req.network_id()));
  v1::ListPeerGroupsResponse res;
  RETURN_IF_ERROR(
      ScanRows<v1::PeerGroup>(rows, absl::StrCat("g/", req.network_id(), "/"),
                              [&](absl::string_view, v1::PeerGroup g) {
                                *res.add_groups() = std::move(g);
                              }));
  RETURN_IF_ERROR(ScanRows<v1::FacilitatorTrained>(
      rows, absl::StrCat("a/", req.network_id(), "/"),
      [&](absl::string_view, v1::FacilitatorTrained f) {
        *res.add_facilitators() = std::move(f);
      }));
  return res;
}

absl::StatusOr<v1::YearFigures> GetYearFigures(
    const RowReader& rows, const Principal& p,
    const v1::GetYearFiguresRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  if (req.year() < 2000 || req.year() > 2199) {
    return Invalid("year", "must be 2000-2199");
  }
  RETURN_IF_ERROR(access::RequireNetwork(p, req.network_id(), "read"));
  v1::YearFigures f;
  f.set_year(req.year());
  RETURN_IF_ERROR(ScanRows<v1::Meeting>(
      rows, absl::StrCat("m/", req.network_id(), "/"),
      [&](absl::string_view, v1::Meeting m) {
        if (m.definition().session().date().year() != req.year()) return;
        f.set_meetings(f.meetings() + 1);
        f.set_meeting_attendances(f.meeting_attendances() +
                                  m.present_person_ids_size());
      }));
  RETURN_IF_ERROR(ScanRows<v1::TakeoverRecorded>(
      rows, absl::StrCat("k/", req.network_id(), "/"),
      [&](absl::string_view, v1::TakeoverRecorded k) {
        if (k.takeover().days(0).year() != req.year()) return;
        f.set_takeovers(f.takeovers() + 1);
        f.set_takeover_teachers_trained(f.takeover_teachers_trained() +
                                        k.takeover().teachers_trained());
        f.set_takeover_students_teaching(f.takeover_students_teaching() +
                                         k.takeover().students_teaching());
      }));
  std::set<std::string> participants;
  RETURN_IF_ERROR(ScanRows<v1::PeerGroup>(
      rows, absl::StrCat("g/", req.network_id(), "/"),
      [&](absl::string_view, v1::PeerGroup g) {
        const bool met = std::any_of(
            g.meetings().begin(), g.meetings().end(), [&](const auto& m) {
              return m.session().date().year() == req.year();
            });
        if (!met) return;
        f.set_peer_groups(f.peer_groups() + 1);
        for (const v1::PeerMember& m : g.definition().members()) {
          participants.insert(m.person_id());
        }
      }));
  f.set_peer_group_participants(static_cast<int>(participants.size()));
  return f;
}

int DayNumber(absl::CivilDay d) {
  return static_cast<int>(d.year()) * 10000 + d.month() * 100 + d.day();
}

bool SessionIn(const v1::TrainingFacts& t, absl::CivilDay from,
               absl::CivilDay to) {
  const int first = DayNumber(from), last = DayNumber(to);
  return std::any_of(t.session_days().begin(), t.session_days().end(),
                     [&](int day) { return first <= day && day <= last; });
}

absl::StatusOr<TrainingsById> TrainingsWithSessionIn(
    const RowReader& rows, const std::string& network_id, absl::CivilDay from,
    absl::CivilDay to) {
  // A training over 1 August is indexed in both its school years: kept
  // once.
  TrainingsById trainings;
  absl::Status bad;
  v1::TrainingFacts t;
  RETURN_IF_ERROR(
      VisitYears(rows, absl::StrCat("ty/", network_id, "/"), from, to,
                 [&](absl::string_view key, absl::string_view training,
                     absl::string_view value) {
                   if (!bad.ok() || trainings.count(training) > 0) return;
                   bad = projections::ParseRow(key, value, &t);
                   if (bad.ok() && SessionIn(t, from, to)) {
                     trainings.emplace(training, std::move(t));
                   }
                 }));
  RETURN_IF_ERROR(bad);
  return trainings;
}

absl::Status ScanTrainingsWithSessionIn(
    const RowReader& rows, const std::string& network_id, absl::CivilDay from,
    absl::CivilDay to,
    absl::FunctionRef<void(const v1::TrainingFacts&)> visit) {
  ASSIGN_OR_RETURN(const TrainingsById trainings,
                   TrainingsWithSessionIn(rows, network_id, from, to));
  for (const auto& [id, t] : trainings) visit(t);
  return absl::OkStatus();
}

absl::Status ScanOpenFollowUps(
    const RowReader& rows, const std::string& network_id,
    absl::FunctionRef<void(const v1::TrainingFacts&)> visit) {
  return projections::ScanRows<v1::TrainingFacts>(
      rows, absl::StrCat("fo/", network_id, "/"),
      [&](absl::string_view, const v1::TrainingFacts& t) { visit(t); });
}

absl::StatusOr<std::vector<HeldTraining>> TrainingsHeld(
    const RowReader& rows, const std::string& network_id, absl::CivilDay from,
    absl::CivilDay to) {
  const int first = DayNumber(from), last = DayNumber(to);
  std::vector<HeldTraining> held;
  RETURN_IF_ERROR(ScanTrainingsWithSessionIn(rows, network_id, from, to,
                                             [&](const v1::TrainingFacts& t) {
                                               if (Held(t, first, last))
                                                 held.push_back({t, {}});
                                             }));
  for (HeldTraining& t : held) {
    RETURN_IF_ERROR(projections::VisitRows<v1::Registration>(
        rows, absl::StrCat("p/", network_id, "/", t.facts.training_id(), "/"),
        [&](absl::string_view, const v1::Registration& r) {
          // Present at a session of the period (a training over New Year
          // counts each person in the year they attended).
          for (int session : r.attended_sessions()) {
            if (!SessionDayIn(t.facts, session, first, last)) continue;
            t.attendees[r.person_id()] = r.school_id();
            return;
          }
        }));
  }
  return held;
}

absl::StatusOr<v1::Reach> GetReach(const RowReader& rows,
                                   const RowReader& registry,
                                   const Principal& p,
                                   const v1::GetReachRequest& req) {
  return GetReachAndVisit(rows, registry, p, req,
                          [](const v1::TrainingFacts&) {});
}

absl::StatusOr<v1::Reach> GetReachAndVisit(
    const RowReader& rows, const RowReader& registry, const Principal& p,
    const v1::GetReachRequest& req,
    absl::FunctionRef<void(const v1::TrainingFacts&)> also) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(values::ValidateDate("from", req.from()));
  RETURN_IF_ERROR(values::ValidateDate("to", req.to()));
  const absl::CivilDay from = values::ToCivilDay(req.from());
  const absl::CivilDay to = values::ToCivilDay(req.to());
  if (to < from) return Invalid("to", "is before from");
  const int school_year = values::SchoolYearOf(from);
  ASSIGN_OR_RETURN(
      registry::ScopeSchools scope,
      registry::SchoolsInScope(registry, req.network_id(), req.region_id(),
                               req.municipality_id(), req.school_id(), from,
                               school_year));
  RETURN_IF_ERROR(AuthorizeReach(p, req.network_id(), scope.region_id));

  v1::Reach reach;
  reach.set_school_year(school_year);
  reach.set_schools(static_cast<int>(scope.schools.size()));
  reach.set_schools_without_staff(scope.schools_without_staff);
  reach.set_permanent_teachers(scope.permanent_teachers);

  // Trainings held count network-wide (they are open to the whole
  // network); their participants where their school is in the scope.
  const int first = DayNumber(from), last = DayNumber(to);
  ASSIGN_OR_RETURN(const TrainingsById trainings,
                   TrainingsWithSessionIn(rows, req.network_id(), from, to));
  absl::flat_hash_map<absl::string_view, const v1::TrainingFacts*> held;
  // By level: trainings held, and who attended them.
  std::map<int, std::pair<int, absl::flat_hash_set<std::string>>> levels;
  for (const auto& [id, t] : trainings) {
    also(t);
    if (!Held(t, first, last)) continue;
    levels[t.level()].first += 1;
    held.emplace(id, &t);
  }
  absl::flat_hash_set<std::string> everyone;
  RETURN_IF_ERROR(VisitSchoolAttendance(
      rows, req.network_id(), scope.schools, from, to,
      [&](absl::string_view training, absl::string_view person,
          const v1::AttendedSessions& a) {
        auto t = held.find(training);
        if (t == held.end()) return;
        for (int session : a.sessions()) {
          if (!SessionDayIn(*t->second, session, first, last)) continue;
          levels[t->second->level()].second.emplace(person);
          everyone.emplace(person);
          return;
        }
      }));
  for (const auto& [level, counts] : levels) {
    v1::LevelReach& l = *reach.add_levels();
    l.set_level(static_cast<v1::CompetenceLevel>(level));
    l.set_trainings(counts.first);
    l.set_teachers(static_cast<int>(counts.second.size()));
    reach.set_trainings(reach.trainings() + counts.first);
  }
  reach.set_teachers(static_cast<int>(everyone.size()));
  if (scope.permanent_teachers > 0) {
    reach.set_share_percent(100.0 * reach.teachers() /
                            scope.permanent_teachers);
  }
  return reach;
}

}  // namespace tutornet::training
