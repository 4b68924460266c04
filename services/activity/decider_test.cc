// The activity rules as tables: given a project and a tutor's earlier
// events, a command yields these events or this status. Pure: no gRPC, no
// RocksDB; the registry's facts are given.
#include "services/activity/decider.h"

#include <regex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/status_matchers.h"
#include "tests/support/text_proto.h"

namespace tutornet::activity {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;
using Code = absl::StatusCode;

using ::tutornet::testing::ParseTextProto;

constexpr char kProject[] = R"(
  project_id: "oph-1" network_id: "ks" name { fi: "Tutoropettajat 2026" }
  funder { kind: FUNDER_KIND_STATE_AGENCY name: "Opetushallitus"
           decision_number: "OPH 73/570/2016" }
  start { year: 2026 month: 1 day: 1 } end { year: 2026 month: 12 day: 31 }
  region_ids: "ks-1"
  work_kinds: WORK_KIND_PEER_SUPPORT work_kinds: WORK_KIND_CO_TEACHING
  work_kinds: WORK_KIND_OTHER)";

ProjectState Project(bool closed = false, std::vector<MonthKey> months = {}) {
  ProjectState p;
  v1::ProjectEvent created;
  *created.mutable_created()->mutable_project() =
      ParseTextProto<v1::CreateFundedProject>(kProject);
  p = Evolve(p, created);
  p.closed = closed;
  for (MonthKey m : months) p.closed_months.insert(m);
  return p;
}

// 2026-03-10 09:00, 60 minutes, at school s-1 in region ks-1; the fields
// `extra` names replace the usual ones.
std::string Entry(const std::string& extra = "") {
  const std::vector<std::pair<std::string, std::string>> usual = {
      {"date", "date { year: 2026 month: 3 day: 10 }"},
      {"start_minute", "start_minute: 540"},
      {"duration_minutes", "duration_minutes: 60"},
      {"school_id", "school_id: \"s-1\""},
      {"kind", "kind: WORK_KIND_PEER_SUPPORT"},
      {"theme", "theme: \"Pilvipalvelut\""},
      {"teachers_reached", "teachers_reached: 4"},
      {"project_id", "project_id: \"oph-1\""},
  };
  std::string text = extra;
  for (const auto& [name, field] : usual) {
    if (!std::regex_search(extra, std::regex("(^|[ {])" + name + "[ :{]"))) {
      absl::StrAppend(&text, " ", field);
    }
  }
  return text;
}

HoursFacts Facts(ProjectState project = Project()) {
  HoursFacts f;
  f.today = absl::CivilDay(2026, 11, 23);
  f.projects["oph-1"] = std::move(project);
  f.school.known = true;
  f.school.open = true;
  f.school.appointed = true;
  f.school.placement.set_network_id("ks");
  f.school.placement.set_municipality_id("jyvaskyla");
  f.school.placement.set_region_id("ks-1");
  return f;
}

v1::HoursCommand Log(const std::string& record, const std::string& entry,
                     const std::string& correction = "") {
  return ParseTextProto<v1::HoursCommand>(
      absl::StrCat("log { person_id: \"t-1\" record_id: \"", record,
                   "\" entry { ", entry, " } ", correction, " }"));
}

v1::HoursCommand Step(const std::string& text) {
  return ParseTextProto<v1::HoursCommand>(text);
}

// The state after running `commands` one by one (each must succeed).
TutorState After(const std::vector<v1::HoursCommand>& commands,
                 const HoursFacts& facts = Facts()) {
  TutorState s;
  for (const v1::HoursCommand& c : commands) {
    absl::StatusOr<std::vector<v1::HoursEvent>> events =
        DecideHours(s, c, facts);
    EXPECT_TRUE(events.ok()) << events.status() << " for " << c.DebugString();
    if (!events.ok()) continue;
    for (const v1::HoursEvent& e : *events) s = Evolve(std::move(s), e);
  }
  return s;
}

struct Case {
  std::string name;
  std::string entry;
  Code code;
  std::string message;
};

TEST(LogHours, EachBadFieldIsNamed) {
  const std::vector<Case> cases = {
      {"future",
       R"(date { year: 2026 month: 11 day: 24 } start_minute: 1 duration_minutes: 1 school_id: "s-1" kind: WORK_KIND_PEER_SUPPORT theme: "x" project_id: "oph-1")",
       Code::kInvalidArgument, "entry.date: is in the future"},
      {"no date",
       R"(start_minute: 1 duration_minutes: 1 school_id: "s-1" kind: WORK_KIND_PEER_SUPPORT theme: "x" project_id: "oph-1")",
       Code::kInvalidArgument, "entry.date"},
      {"start", Entry("start_minute: 1440"), Code::kInvalidArgument,
       "entry.start_minute"},
      {"negative start", Entry("start_minute: -1"), Code::kInvalidArgument,
       "entry.start_minute"},
      {"zero duration", Entry("duration_minutes: 0"), Code::kInvalidArgument,
       "entry.duration_minutes"},
      {"past midnight", Entry("start_minute: 1400 duration_minutes: 41"),
       Code::kInvalidArgument, "entry.duration_minutes"},
      {"kind", Entry("kind: WORK_KIND_UNSPECIFIED"), Code::kInvalidArgument,
       "entry.kind"},
      {"unknown kind", Entry("kind: 99"), Code::kInvalidArgument, "entry.kind"},
      {"other without text", Entry("kind: WORK_KIND_OTHER"),
       Code::kInvalidArgument, "entry.other_kind"},
      {"text without other", Entry("other_kind: \"x\""), Code::kInvalidArgument,
       "entry.other_kind"},
      {"theme", Entry("theme: \"\""), Code::kInvalidArgument, "entry.theme"},
      {"theme control", Entry("theme: \"a\\x01b\""), Code::kInvalidArgument,
       "entry.theme"},
      {"teachers", Entry("teachers_reached: -1"), Code::kInvalidArgument,
       "entry.teachers_reached"},
      {"school id", Entry("school_id: \"S 1\""), Code::kInvalidArgument,
       "entry.school_id"},
      {"project id", Entry("project_id: \"\""), Code::kInvalidArgument,
       "entry.project_id"},
      {"note", Entry("note: \"\\xe2\\x80\\xae\""), Code::kInvalidArgument,
       "entry.note"},
  };
  for (const Case& c : cases) {
    // Later fields override earlier ones in text format.
    EXPECT_THAT(DecideHours({}, Log("r-1", c.entry), Facts()),
                StatusIs(c.code, HasSubstr(c.message)))
        << c.name;
  }
}

TEST(LogHours, TheProjectAndTheRegistryMustAllowIt) {
  HoursFacts unknown_project = Facts();
  unknown_project.projects["oph-1"] = ProjectState();
  HoursFacts unknown_school = Facts();
  unknown_school.school.known = false;
  HoursFacts closed_school = Facts();
  closed_school.school.open = false;
  HoursFacts out_of_scope = Facts();
  out_of_scope.school.placement.set_region_id("ks-2");
  HoursFacts not_appointed = Facts();
  not_appointed.school.appointed = false;
  struct FactCase {
    std::string name;
    HoursFacts facts;
    std::string entry;
    Code code;
    std::string message;
  };
  const std::vector<FactCase> cases = {
      {"ok", Facts(), Entry(), Code::kOk, ""},
      {"no project", unknown_project, Entry(), Code::kNotFound,
       "entry.project_id: funded project \"oph-1\" does not exist"},
      {"closed project", Facts(Project(true)), Entry(),
       Code::kFailedPrecondition, "is closed"},
      {"before period", Facts(), Entry("date { year: 2025 month: 12 day: 31 }"),
       Code::kFailedPrecondition, "entry.date: 2025-12-31 is outside"},
      {"kind not paid", Facts(), Entry("kind: WORK_KIND_MEETING"),
       Code::kFailedPrecondition, "does not pay for WORK_KIND_MEETING"},
      {"unknown school", unknown_school, Entry(), Code::kNotFound,
       "entry.school_id"},
      {"closed school", closed_school, Entry(), Code::kFailedPrecondition,
       "is closed on 2026-03-10"},
      {"outside scope", out_of_scope, Entry(), Code::kFailedPrecondition,
       "outside the scope"},
      {"not appointed", not_appointed, Entry(), Code::kFailedPrecondition,
       "holds no tutor appointment covering school \"s-1\" on 2026-03-10"},
  };
  for (const FactCase& c : cases) {
    absl::StatusOr<std::vector<v1::HoursEvent>> got =
        DecideHours({}, Log("r-1", c.entry), c.facts);
    if (c.code == Code::kOk) {
      ASSERT_TRUE(got.ok()) << got.status();
      ASSERT_EQ(got->size(), 1u);
      EXPECT_EQ(got->front().logged().placement().region_id(), "ks-1");
      EXPECT_EQ(got->front().logged().entry().duration_minutes(), 60);
    } else {
      EXPECT_THAT(got, StatusIs(c.code, HasSubstr(c.message))) << c.name;
    }
  }
}

TEST(LogHours, OneTutorsRecordsNeverOverlap) {
  const TutorState s = After({Log("r-1", Entry())});  // 09:00-10:00
  EXPECT_THAT(DecideHours(s, Log("r-2", Entry("start_minute: 570")), Facts()),
              StatusIs(Code::kFailedPrecondition,
                       HasSubstr("09:30-10:30 on 2026-03-10 overlaps record "
                                 "\"r-1\" (09:00-10:00)")));
  EXPECT_THAT(DecideHours(s, Log("r-2", Entry("start_minute: 500")), Facts()),
              StatusIs(Code::kFailedPrecondition, HasSubstr("overlaps")));
  // Touching is not overlapping; another day is free.
  EXPECT_TRUE(
      DecideHours(s, Log("r-2", Entry("start_minute: 600")), Facts()).ok());
  EXPECT_TRUE(
      DecideHours(s, Log("r-2", Entry("start_minute: 480")), Facts()).ok());
  EXPECT_TRUE(
      DecideHours(s, Log("r-2", Entry("date { year: 2026 month: 3 day: 11 }")),
                  Facts())
          .ok());
  // A voided record frees its time.
  const TutorState voided = After(
      {Log("r-1", Entry()),
       Step(R"(void { person_id: "t-1" record_id: "r-1" reason: "väärä" })")});
  EXPECT_TRUE(DecideHours(voided, Log("r-2", Entry()), Facts()).ok());
  // An amendment does not overlap the record it amends.
  EXPECT_TRUE(
      DecideHours(s,
                  Step(absl::StrCat(R"(amend { person_id: "t-1" record_id: "r-1"
                         reason: "alkoi myöhemmin" entry { )",
                                    Entry("start_minute: 570"), "} }")),
                  Facts())
          .ok());
  EXPECT_THAT(DecideHours(s, Log("r-1", Entry("start_minute: 700")), Facts()),
              StatusIs(Code::kAlreadyExists, HasSubstr("record_id")));
}

TEST(HourRecordLife, EveryStepAndWhatItAllows) {
  const v1::HoursCommand submit =
      Step(R"(submit { person_id: "t-1" record_id: "r-1" })");
  const v1::HoursCommand approve =
      Step(R"(approve { person_id: "t-1" record_id: "r-1" })");
  const v1::HoursCommand give_back = Step(
      R"(return { person_id: "t-1" record_id: "r-1" comment: "Korjaa kesto" })");
  const v1::HoursCommand amend = Step(absl::StrCat(
      R"(amend { person_id: "t-1" record_id: "r-1" reason: "kesto" entry { )",
      Entry("duration_minutes: 45"), "} }"));
  const v1::HoursCommand void_it =
      Step(R"(void { person_id: "t-1" record_id: "r-1" reason: "tupla" })");
  const v1::HoursCommand logged = Log("r-1", Entry());

  struct LifeCase {
    std::string name;
    std::vector<v1::HoursCommand> before;
    v1::HoursCommand command;
    Code code;
    std::string message;
  };
  const std::vector<LifeCase> cases = {
      {"submit logged", {logged}, submit, Code::kOk, ""},
      {"submit twice",
       {logged, submit},
       submit,
       Code::kFailedPrecondition,
       "is HOUR_STATUS_SUBMITTED"},
      {"approve logged",
       {logged},
       approve,
       Code::kFailedPrecondition,
       "only a HOUR_STATUS_SUBMITTED record can be approved"},
      {"approve submitted", {logged, submit}, approve, Code::kOk, ""},
      {"return submitted", {logged, submit}, give_back, Code::kOk, ""},
      {"return without comment",
       {logged, submit},
       Step(R"(return { person_id: "t-1" record_id: "r-1" })"),
       Code::kInvalidArgument,
       "comment: is required"},
      {"resubmit unamended",
       {logged, submit, give_back},
       submit,
       Code::kFailedPrecondition,
       "amend it before submitting it again"},
      {"resubmit amended",
       {logged, submit, give_back, amend},
       submit,
       Code::kOk,
       ""},
      {"amend without reason",
       {logged},
       Step(
           absl::StrCat(R"(amend { person_id: "t-1" record_id: "r-1" entry { )",
                        Entry(), "} }")),
       Code::kInvalidArgument,
       "reason: is required"},
      {"amend approved", {logged, submit, approve}, amend, Code::kOk, ""},
      {"amend under review",
       {logged, submit},
       amend,
       Code::kFailedPrecondition,
       "is submitted; a coordinator returns it"},
      {"void approved", {logged, submit, approve}, void_it, Code::kOk, ""},
      {"void without reason",
       {logged},
       Step(R"(void { person_id: "t-1" record_id: "r-1" })"),
       Code::kInvalidArgument,
       "reason: is required"},
      {"submit voided",
       {logged, void_it},
       submit,
       Code::kFailedPrecondition,
       "is voided and accepts nothing more"},
      {"amend voided",
       {logged, void_it},
       amend,
       Code::kFailedPrecondition,
       "is voided"},
      {"void voided",
       {logged, void_it},
       void_it,
       Code::kFailedPrecondition,
       "is voided"},
      {"unknown record",
       {},
       submit,
       Code::kNotFound,
       "person \"t-1\" has no hour record \"r-1\""},
  };
  for (const LifeCase& c : cases) {
    const TutorState s = After(c.before);
    absl::StatusOr<std::vector<v1::HoursEvent>> got =
        DecideHours(s, c.command, Facts());
    if (c.code == Code::kOk) {
      EXPECT_TRUE(got.ok()) << c.name << ": " << got.status();
    } else {
      EXPECT_THAT(got, StatusIs(c.code, HasSubstr(c.message))) << c.name;
    }
  }
}

TEST(HourRecordLife, AmendingKeepsVersionsAndStatus) {
  const TutorState s = After(
      {Log("r-1", Entry()),
       Step(R"(submit { person_id: "t-1" record_id: "r-1" })"),
       Step(R"(approve { person_id: "t-1" record_id: "r-1" })"),
       Step(absl::StrCat(
           R"(amend { person_id: "t-1" record_id: "r-1" reason: "kesto" entry { )",
           Entry("duration_minutes: 45"), "} }"))});
  const RecordState& r = s.records.at("r-1");
  EXPECT_EQ(r.version, 2);
  EXPECT_EQ(r.duration_minutes, 45);
  EXPECT_EQ(r.status, v1::HOUR_STATUS_APPROVED);
}

TEST(ClosedMonth, ChangesAreCorrectionsNamingTheMonth) {
  const HoursFacts open = Facts();
  const HoursFacts closed = Facts(Project(false, {{2026, 3}}));
  const TutorState approved =
      After({Log("r-1", Entry()),
             Step(R"(submit { person_id: "t-1" record_id: "r-1" })"),
             Step(R"(approve { person_id: "t-1" record_id: "r-1" })")},
            open);
  const std::string amend_text = absl::StrCat(
      R"(amend { person_id: "t-1" record_id: "r-1" reason: "kesto" entry { )",
      Entry("duration_minutes: 30"), "} ");
  const v1::HoursCommand silent = Step(amend_text + "}");
  const v1::HoursCommand named = Step(
      amend_text +
      R"(correction { month { year: 2026 month: 3 } reason: "Väärä kesto" } })");
  const v1::HoursCommand wrong_month = Step(
      amend_text +
      R"(correction { month { year: 2026 month: 4 } reason: "Väärä kesto" } })");
  const v1::HoursCommand no_reason =
      Step(amend_text + R"(correction { month { year: 2026 month: 3 } } })");

  EXPECT_THAT(DecideHours(approved, silent, closed),
              StatusIs(Code::kFailedPrecondition,
                       HasSubstr("month 2026-03 of funded project \"oph-1\" is "
                                 "closed: send this as a correction")));
  EXPECT_THAT(DecideHours(approved, wrong_month, closed),
              StatusIs(Code::kFailedPrecondition,
                       HasSubstr("correction.month: 2026-04 is not a closed "
                                 "month this command changes")));
  EXPECT_THAT(DecideHours(approved, no_reason, closed),
              StatusIs(Code::kInvalidArgument,
                       HasSubstr("correction.reason: is required")));
  EXPECT_THAT(DecideHours(approved, named, open),
              StatusIs(Code::kFailedPrecondition,
                       HasSubstr("touches no closed month")));
  absl::StatusOr<std::vector<v1::HoursEvent>> got =
      DecideHours(approved, named, closed);
  ASSERT_TRUE(got.ok()) << got.status();
  const v1::HoursAmended& e = got->front().amended();
  ASSERT_EQ(e.corrects_size(), 1);
  EXPECT_EQ(e.corrects(0).project_id(), "oph-1");
  EXPECT_EQ(e.corrects(0).month().month(), 3);
  EXPECT_EQ(e.correction_reason(), "Väärä kesto");

  // Logging into a closed month, or voiding there, is a correction too;
  // moving a record out of a closed month touches it as well.
  EXPECT_THAT(DecideHours({}, Log("r-9", Entry()), closed),
              StatusIs(Code::kFailedPrecondition, HasSubstr("is closed")));
  EXPECT_THAT(
      DecideHours(
          approved,
          Step(R"(void { person_id: "t-1" record_id: "r-1" reason: "x" })"),
          closed),
      StatusIs(Code::kFailedPrecondition, HasSubstr("2026-03")));
  EXPECT_THAT(
      DecideHours(
          approved,
          Step(absl::StrCat(
              R"(amend { person_id: "t-1" record_id: "r-1" reason: "x" entry { )",
              Entry("date { year: 2026 month: 4 day: 2 }"), "} }")),
          closed),
      StatusIs(Code::kFailedPrecondition, HasSubstr("2026-03")));
}

TEST(Projects, CreateCloseAndCloseMonths) {
  const absl::CivilDay today(2026, 11, 23);
  const v1::ProjectCommand create = ParseTextProto<v1::ProjectCommand>(
      absl::StrCat("create { ", kProject, " }"));
  absl::StatusOr<std::vector<v1::ProjectEvent>> created =
      DecideProject({}, create, today);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->front().created().project().funder().decision_number(),
            "OPH 73/570/2016");
  const ProjectState project = Project();
  EXPECT_THAT(DecideProject(project, create, today),
              StatusIs(Code::kAlreadyExists, HasSubstr("project_id")));

  struct ProjectCase {
    std::string name;
    ProjectState state;
    std::string command;
    Code code;
    std::string message;
  };
  const std::vector<ProjectCase> cases = {
      {"end before start",
       {},
       R"(create { project_id: "p" network_id: "ks" name { fi: "P" }
          funder { kind: FUNDER_KIND_MUNICIPALITY name: "Jyväskylä" }
          start { year: 2026 month: 5 day: 1 } end { year: 2026 month: 4 day: 1 } })",
       Code::kInvalidArgument,
       "end: is before start"},
      {"no funder kind",
       {},
       R"(create { project_id: "p" network_id: "ks" name { fi: "P" }
          funder { name: "Jyväskylä" }
          start { year: 2026 month: 1 day: 1 } end { year: 2026 month: 4 day: 1 } })",
       Code::kInvalidArgument,
       "funder.kind"},
      {"kind twice",
       {},
       R"(create { project_id: "p" network_id: "ks" name { fi: "P" }
          funder { kind: FUNDER_KIND_EU_PROGRAMME name: "Erasmus+" }
          start { year: 2026 month: 1 day: 1 } end { year: 2026 month: 4 day: 1 }
          work_kinds: WORK_KIND_PLANNING work_kinds: WORK_KIND_PLANNING })",
       Code::kInvalidArgument,
       "work_kinds: names a kind twice"},
      {"close without reason", project, R"(close { project_id: "oph-1" })",
       Code::kInvalidArgument, "reason: is required"},
      {"close unknown",
       {},
       R"(close { project_id: "oph-9" reason: "x" })",
       Code::kNotFound,
       "does not exist"},
      {"close closed", Project(true),
       R"(close { project_id: "oph-1" reason: "x" })",
       Code::kFailedPrecondition, "is closed"},
      {"close month ok", project,
       R"(close_month { project_id: "oph-1" month { year: 2026 month: 10 } })",
       Code::kOk, ""},
      {"close month not over", project,
       R"(close_month { project_id: "oph-1" month { year: 2026 month: 11 } })",
       Code::kFailedPrecondition, "has not ended yet"},
      {"close month outside", project,
       R"(close_month { project_id: "oph-1" month { year: 2025 month: 12 } })",
       Code::kFailedPrecondition, "outside the period"},
      {"close month twice", Project(false, {{2026, 10}}),
       R"(close_month { project_id: "oph-1" month { year: 2026 month: 10 } })",
       Code::kFailedPrecondition, "already closed"},
      {"bad month", project,
       R"(close_month { project_id: "oph-1" month { year: 2026 month: 13 } })",
       Code::kInvalidArgument, "month: is not a month"},
      {"close month unknown",
       {},
       R"(close_month { project_id: "oph-1" month { year: 2026 month: 10 } })",
       Code::kNotFound,
       "does not exist"},
  };
  for (const ProjectCase& c : cases) {
    absl::StatusOr<std::vector<v1::ProjectEvent>> got = DecideProject(
        c.state, ParseTextProto<v1::ProjectCommand>(c.command), today);
    if (c.code == Code::kOk) {
      EXPECT_TRUE(got.ok()) << c.name << ": " << got.status();
    } else {
      EXPECT_THAT(got, StatusIs(c.code, HasSubstr(c.message))) << c.name;
    }
  }
}

}  // namespace
}  // namespace tutornet::activity
