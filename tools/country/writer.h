// The country writer's parts (country.h): who is where, the writer with
// its clock and its command path, and the month's schedule. The writer's
// steps are split by what they write: country.cc sets up the places,
// people, catalogues and school years and keeps the schedule; steps.cc
// writes each month's hours, trainings, badges and development.
// Internal to tools/country.
#ifndef TUTORNET_TOOLS_COUNTRY_WRITER_H_
#define TUTORNET_TOOLS_COUNTRY_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "services/access/principal.h"
#include "services/server/server.h"
#include "services/values/dates.h"
#include "tools/country/country.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::country::internal {

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

inline v1::Date DateOf(absl::CivilDay day) { return values::FromCivilDay(day); }

inline absl::CivilDay DayOf(absl::CivilMonth month, int day) {
  return absl::CivilDay(month.year(), month.month(), day);
}

inline Principal Acting(std::string id, AccessRole role, std::string network) {
  Principal p;
  p.id = std::move(id);
  p.role = role;
  p.network_id = std::move(network);
  return p;
}

inline std::string MonthName(absl::CivilMonth m) {
  return absl::StrFormat("%04d-%02d", m.year(), m.month());
}

inline constexpr const char* kThemes[] = {
    "Pilvipalvelut opetuksessa", "Ohjelmointi alakoulussa", "Sähköiset kokeet",
    "Digitaalinen arviointi",    "Oppimisalustat",          "Tietoturva"};
inline constexpr v1::WorkKind kKinds[] = {
    v1::WORK_KIND_PEER_SUPPORT, v1::WORK_KIND_PEER_SUPPORT,
    v1::WORK_KIND_CO_TEACHING,  v1::WORK_KIND_TRAINING_DELIVERED,
    v1::WORK_KIND_PLANNING,     v1::WORK_KIND_MEETING,
    v1::WORK_KIND_SCHOOL_VISIT};
inline constexpr const char* kAreas[] = {"pedagogy", "cloud", "programming",
                                         "assessment"};
struct BadgeClassShape {
  const char* id;
  v1::CompetenceLevel level;
  const char* fi;
};
inline constexpr BadgeClassShape kClasses[] = {
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
};

// Trainings run, and tutors log hours, from August to May.
inline bool TeachingMonth(absl::CivilMonth m) {
  return m.month() != 6 && m.month() != 7;
}

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

}  // namespace tutornet::country::internal

#endif  // TUTORNET_TOOLS_COUNTRY_WRITER_H_
