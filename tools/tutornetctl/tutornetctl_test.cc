// tutornetctl as an operator runs it, against a real tutornetd on
// 127.0.0.1: output, exit codes, CSV imports and their per-line reports.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/server/demo_network.h"
#include "services/server/server.h"
#include "services/values/dates.h"
#include "storage/merkle/ed25519.h"
#include "storage/merkle/tree_head.h"
#include "tests/support/run_command.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/csv_import.h"
#include "tools/tutornetctl/output.h"
#include "tutornet/v1/transparency_service.pb.h"

namespace tutornet::ctl {
namespace {

using ::testing::HasSubstr;

using Outcome = testing::CommandOutcome;

class TutornetctlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = dir_.path();
    options.sign_interval = absl::Milliseconds(100);
    absl::StatusOr<std::unique_ptr<server::TutornetServer>> s =
        server::TutornetServer::Start(options);
    ASSERT_OK(s);
    server_ = *std::move(s);
    address_ = absl::StrCat("127.0.0.1:", server_->port());
    ASSERT_OK(server::LoadDemoNetwork(address_, dir_.path()));
  }

  Outcome Ctl(const std::string& args, const std::string& env = "") {
    return testing::RunCommand(
        absl::StrCat(env, " ", TUTORNETCTL_PATH, " --server=", address_,
                     " --token_file=", dir_.Sub("admin.token"), " ", args));
  }

  std::string WriteFile(const std::string& name, const std::string& contents) {
    std::ofstream(dir_.Sub(name)) << contents;
    return dir_.Sub(name);
  }

  testing::TempDir dir_;
  std::unique_ptr<server::TutornetServer> server_;
  std::string address_;
};

TEST_F(TutornetctlTest, ShowsListsAndAnswers) {
  Outcome out = Ctl("network show ks");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("network ks, version 144"));
  out = Ctl("school list ks --region=ks-etela");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("5 schools"));
  out = Ctl("network list");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("1 networks"));
  out = Ctl("region list ks");
  EXPECT_THAT(out.output, HasSubstr("6 regions"));
  out = Ctl("municipality list ks --region=ks-viitasaari");
  EXPECT_THAT(out.output, HasSubstr("2 municipalities"));
  out = Ctl("role who ks regional_coordinator 2017-06-01 --region=ks-etela");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("coord-ks-etela-1"));
  EXPECT_THAT(out.output, HasSubstr("1 appointments"));
}

TEST_F(TutornetctlTest, WritesAndReportsRefusals) {
  Outcome out = Ctl("network create pohjanmaa \"Pohjanmaan verkosto\" vaasa");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("ok: stream version 1"));
  out = Ctl("region add ks ks-uusi \"Uusi alue\"");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("ok: stream version 145"));
  out = Ctl("region add ks ks-uusi Toinen");
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("ALREADY_EXISTS"));
  out =
      Ctl("role appoint ks appt-x person-x tutor_teacher 2020-01-01 "
          "--schools=school-joutsa-1");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("role appoint ks appt-y person-y nobody 2020-01-01");
  EXPECT_EQ(out.exit_code, 1) << out.output;  // Refused before calling.
  EXPECT_THAT(out.output, HasSubstr("role"));
  out = Ctl("role end ks appt-x 2019-13-01");
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("end"));
}

TEST_F(TutornetctlTest, ColumnsAlignByWhatTheTerminalShows) {
  const Outcome out = Ctl("municipality list ks --region=ks-jyvaskyla");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  // "Jyväskylä" has two letters of two bytes each: the region column must
  // start at the same display column on every line all the same.
  std::vector<std::string> lines = absl::StrSplit(out.output, '\n');
  std::set<size_t> columns;
  for (const std::string& line : lines) {
    const size_t at = line.find("ks-jyvaskyla");
    if (at == std::string::npos) continue;
    columns.insert(ctl::DisplayWidth(absl::string_view(line).substr(0, at)));
  }
  EXPECT_EQ(columns.size(), 1u) << out.output;
  EXPECT_THAT(out.output, HasSubstr("Jyväskylä"));
}

TEST_F(TutornetctlTest, JsonOutputForScriptsAndReadableHistory) {
  Outcome out = Ctl("--output=json school list ks --region=ks-etela");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("\"schools\": ["));
  EXPECT_THAT(out.output, HasSubstr("\"schoolId\":"));
  out = Ctl("--output=json network show ks");
  EXPECT_THAT(out.output, HasSubstr("\"networkCreated\""));
  out = Ctl("network show ks");
  EXPECT_THAT(out.output, HasSubstr("municipality assigned"));
  EXPECT_THAT(out.output, ::testing::Not(HasSubstr("{")));  // No proto text.
  EXPECT_EQ(Ctl("--output=yaml network list").exit_code, 1);
}

TEST_F(TutornetctlTest, SchoolCloseAndPeopleAreCommandsToo) {
  Outcome out = Ctl("school close ks school-joutsa-1 2031-08-01");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("school list ks --municipality=joutsa");
  EXPECT_THAT(out.output, HasSubstr("closes 2031-08-01"));
  out = Ctl("school list ks --municipality=joutsa --as_of=2031-08-01");
  EXPECT_THAT(out.output, HasSubstr("closed"));
  EXPECT_EQ(Ctl("school list ks --as_of=someday").exit_code, 1);
  EXPECT_EQ(Ctl("role who ks nobody 2020-01-01").exit_code, 1);
  out = Ctl("person record person-77 \"Åsa Öberg\" asa@example.fi");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("people:"));
  out = Ctl("person show person-77");
  EXPECT_THAT(out.output, HasSubstr("Åsa Öberg"));
  EXPECT_EQ(Ctl("person show").exit_code, 1);
}

TEST_F(TutornetctlTest, ProjectionsShowTheirLagAndRebuild) {
  Outcome out = Ctl("projection list");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("registry"));
  EXPECT_THAT(out.output, HasSubstr("following"));
  const std::string before = Ctl("--output=json school list ks").output;
  out = Ctl("projection rebuild registry");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("rebuilt and swapped in"));
  EXPECT_EQ(Ctl("--output=json school list ks").output, before);
  EXPECT_EQ(Ctl("projection rebuild nothing").exit_code, 3);
  EXPECT_EQ(Ctl("projection list", "TUTORNET_TOKEN=tn_wrong").exit_code, 3);
}

TEST(TutornetctlHelpTest, UsageComesFromTheTablesWithoutBuildPaths) {
  const Outcome out =
      testing::RunCommand(absl::StrCat(TUTORNETCTL_PATH, " --help"));
  for (const ctl::CommandGroup& group : ctl::AllCommands()) {
    for (const ctl::CommandSpec& c : group.commands) {
      EXPECT_THAT(out.output, HasSubstr(c.words));
    }
  }
  EXPECT_THAT(out.output, HasSubstr("school close"));
  EXPECT_THAT(out.output, HasSubstr("person record"));
  EXPECT_EQ(out.exit_code, 0);
  EXPECT_THAT(out.output, HasSubstr("--as_of"));
  EXPECT_THAT(out.output, ::testing::Not(HasSubstr(PROJECT_SOURCE_DIR)));
}

TEST_F(TutornetctlTest, ImportsHoursAndWalksARecordThroughItsLife) {
  const std::string csv = WriteFile(
      "hours.csv",
      "person_id,record_id,date,start,minutes,school_id,kind,theme,"
      "teachers_reached,project_id,note\n"
      "person-1,imp-1,2026-11-02,09:00,60,school-jyvaskyla-1,peer_support,"
      "Tabletit,4,oph-tutor,\n"
      "person-1,imp-2,2026-11-02,09:30,60,school-jyvaskyla-1,peer_support,"
      "Päällekkäin,4,oph-tutor,\n"
      "person-2,imp-1,2026-11-03,10:00,45,school-jyvaskyla-sv,"
      "other:Mentorointi,\"Teema, pilkulla\",,oph-tutor,Huom\n"
      "person-2,imp-2,2026-11-03,25:00,45,school-jyvaskyla-sv,planning,X,,"
      "oph-tutor,\n"
      "person-9,imp-1,2026-11-03,10:00,45,school-jyvaskyla-sv,planning,X,,"
      "oph-tutor,\n");
  Outcome out = Ctl("import hours " + csv);
  EXPECT_EQ(out.exit_code, 4) << out.output;
  EXPECT_THAT(out.output,
              HasSubstr("line 3 rejected: FAILED_PRECONDITION: "
                        "entry.start_minute: 09:30-10:30 on 2026-11-02 "
                        "overlaps record \"imp-1\""));
  EXPECT_THAT(out.output,
              HasSubstr("line 5 rejected: INVALID_ARGUMENT: start"));
  EXPECT_THAT(out.output,
              HasSubstr("line 6 rejected: FAILED_PRECONDITION: "
                        "entry.school_id: person \"person-9\" holds no "
                        "tutor appointment"));
  EXPECT_THAT(out.output, HasSubstr("hours: 2 imported, 3 rejected"));
  out = Ctl("import hours " + csv);  // A rerun: retries, nothing new.
  EXPECT_THAT(out.output, HasSubstr("hours: 2 imported, 3 rejected"));

  EXPECT_EQ(Ctl("hours submit person-1 imp-1").exit_code, 0);
  EXPECT_EQ(Ctl("hours approve person-1 imp-1").exit_code, 0);
  out =
      Ctl("hours amend person-1 imp-1 2026-11-02 09:00 50 "
          "school-jyvaskyla-1 peer_support Tabletit oph-tutor "
          "\"Kesto 50 min\"");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("hours history person-1 imp-1");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("approved"));
  EXPECT_THAT(out.output, HasSubstr("Kesto 50 min"));
  out = Ctl("hours totals oph-tutor 2026-11");
  EXPECT_THAT(out.output, ::testing::ContainsRegex("person-1 +50\\b"));
  out = Ctl("hours list 2026-11 --person=person-2 --output=json");
  EXPECT_THAT(out.output, HasSubstr("\"otherKind\": \"Mentorointi\""));
  EXPECT_THAT(out.output, HasSubstr("Teema, pilkulla"));
}

TEST_F(TutornetctlTest, ImportsCsvLineByLineAndIdempotently) {
  const std::string csv =
      WriteFile("schools.csv",
                "id,name,municipality_id,language,levels\n"
                "school-new-1,\"Uusi koulu, Joutsa\",joutsa,fi,basic\n"
                "school-new-2,Ny skola,jamsa,sv,basic;upper_secondary\n"
                "school-new-3,Kolmas,keuruu,fi,basic\n"
                "school-new-4,Väärä,oulu,fi,basic\n"
                "school-new-5,Puuttuu,keuruu\n");
  Outcome out = Ctl("import schools ks " + csv);
  EXPECT_EQ(out.exit_code, 4) << out.output;
  EXPECT_THAT(out.output, HasSubstr("line 5 rejected: NOT_FOUND"));
  EXPECT_THAT(out.output, HasSubstr("line 6 rejected: INVALID_ARGUMENT"));
  EXPECT_THAT(out.output, HasSubstr("3 imported, 2 rejected"));
  out = Ctl("import schools ks " + csv);  // A rerun: retries, nothing new.
  EXPECT_THAT(out.output, HasSubstr("3 imported, 2 rejected"));
  out = Ctl("school list ks");
  EXPECT_THAT(out.output, HasSubstr("26 schools"));
  EXPECT_THAT(out.output, HasSubstr("Uusi koulu, Joutsa"));

  const std::string municipalities = WriteFile(
      "m.csv",
      "id,name,region_id,effective\nkoski,Koski,ks-lansi,2020-01-01\n");
  out = Ctl("import municipalities ks " + municipalities);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("1 imported, 0 rejected"));
}

TEST_F(TutornetctlTest, ManagesBadgeClasses) {
  const std::string json =
      WriteFile("class.json",
                R"({"networkId": "ks", "badgeClass": {"classId": "uusi",
          "level": "COMPETENCE_LEVEL_DEVELOPER",
          "name": {"fi": "Uusi", "sv": "Ny", "en": "New"},
          "description": {"fi": "Kuvaus"}, "criteria": {"fi": "Kriteerit"},
          "reviewerIds": ["person-90"]}})");
  Outcome out = Ctl("badge define " + json);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("badge reviewers ks uusi person-90,person-91");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("badge retire ks uusi \"Korvattu uudella\"");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("badge classes ks");
  EXPECT_THAT(out.output, ::testing::Not(HasSubstr("uusi")));
  out = Ctl("badge classes ks --all");
  EXPECT_THAT(out.output, HasSubstr("Uusi (retired)"));
  EXPECT_EQ(Ctl("badge define " + dir_.Sub("missing.json")).exit_code, 1);
}

TEST_F(TutornetctlTest, ImportsBadgesAndIssuesACredential) {
  const std::string csv = WriteFile(
      "awards.csv",
      "\xef\xbb\xbfperson_id,award_id,class_id,school_id,issued_on,source\n"
      "person-5,a1,digi-perusteet,school-jyvaskyla-1,2024-05-02,"
      "\"Open Badge Factory, Helsinki\"\n"
      "person-5,a2,pilvipalvelut,school-jyvaskyla-1,2024-05-02,OBF\n"
      "person-5,a3,nope,school-jyvaskyla-1,2024-05-02,OBF\n"
      "person-5,a4,tietoturva,school-jyvaskyla-1,2199-01-01,OBF\n"
      "person-5,a5,tietoturva,school-jyvaskyla-1,2024-05-03,OBF\n");
  Outcome out = Ctl("badge import ks " + csv);
  EXPECT_EQ(out.exit_code, 4) << out.output;
  EXPECT_THAT(out.output, HasSubstr("line 4 rejected: NOT_FOUND: no badge "
                                    "class \"nope\""));
  EXPECT_THAT(out.output, HasSubstr("line 5 rejected: INVALID_ARGUMENT: "
                                    "issued_on: is in the future"));
  EXPECT_THAT(out.output, HasSubstr("awards: 3 imported, 2 rejected"));
  out = Ctl("badge import ks " + csv);  // A rerun: retries, nothing new.
  EXPECT_THAT(out.output, HasSubstr("awards: 3 imported, 2 rejected"));
  // The three level-1 classes: the level badge came with the last.
  out = Ctl("badge list ks person-5");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output,
              ::testing::ContainsRegex("level-1 +person-5 +level 1"));
  out = Ctl("badge list ks person-5 --output=json");
  EXPECT_THAT(out.output, HasSubstr("\"completedBy\": \"a5\""));
  out = Ctl("badge figures ks");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("100 %"));

  const std::string jwt = dir_.Sub("cred.jwt");
  out = Ctl("badge credential ks person-1 liisa-digi-perusteet " + jwt);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  std::ifstream in(jwt);
  std::string written;
  ASSERT_TRUE(std::getline(in, written));
  EXPECT_EQ(std::count(written.begin(), written.end(), '.'), 2);
  EXPECT_EQ(Ctl("badge review ks person-1 x maybe").exit_code, 1);
  out = Ctl("badge revoke ks person-5 a1 \"Väärä henkilö\"");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("badge holders ks level-1 --output=json");
  EXPECT_THAT(out.output, ::testing::Not(HasSubstr("person-5")));
}

TEST_F(TutornetctlTest, FollowsTheDemoNetworksDevelopmentWork) {
  const absl::CivilDay today = values::FinnishDay(absl::Now());
  const std::string year = absl::StrCat(values::SchoolYearOf(today));
  Outcome out = Ctl("plan list ks " + year);
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("returned"));
  EXPECT_THAT(out.output, HasSubstr("submitted"));
  out = Ctl("plan actual ks " + year + " --school=school-jyvaskyla-1");
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("peer_support"));
  EXPECT_THAT(out.output, HasSubstr("1 approved plan(s) counted"));
  out = Ctl("mapping results kartoitus-" + year);
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("30 answered"));
  out = Ctl("mentoring list ks");
  EXPECT_THAT(out.output, HasSubstr("ihub-school-jyvaskyla-1"));
  out = Ctl("mentoring phase ihub-school-jyvaskyla-1-" +
            absl::StrCat(values::SchoolYearOf(today - 100)) +
            " 1 2020-01-01 \"Liian aikaisin\"");
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("the next phase is 7"));
  out = Ctl("workpair figures ks " +
            absl::StrCat(values::SchoolYearOf(today - 100)));
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("2      4       1      1"));
  out = Ctl("catalogue area ks robotiikka Robotiikka Robotik Robotics");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("trainingplan add ks person-1 i-1 robotiikka training:robo-1");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("trainingplan status ks person-1 i-1 in-progress");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  out = Ctl("--output=json trainingplan show ks person-1");
  EXPECT_THAT(out.output, HasSubstr("TRAINING_PLAN_ITEM_STATUS_IN_PROGRESS"));
  out = Ctl("mapping answer kartoitus-" + year +
            " person-1 school-jyvaskyla-1 cloud=expert");
  EXPECT_EQ(out.exit_code, 1) << out.output;  // Refused before calling.
}

TEST_F(TutornetctlTest, ProvesRecordsAndAuditsALiveLog) {
  // The signer runs every 100 ms: wait, bounded, for a head of every record.
  Outcome out;
  for (int i = 0; i < 100; ++i) {
    out = Ctl("--output=json log list");
    ASSERT_EQ(out.exit_code, 0) << out.output;
    if (out.output.find("\"latest\"") != std::string::npos) break;
    absl::SleepFor(absl::Milliseconds(50));
  }
  out = Ctl("log prove registry 5");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("proof verified"));
  out = Ctl("log head registry");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("signature  valid"));
  out = Ctl("log audit registry");
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("log registry intact"));
  EXPECT_EQ(Ctl("log prove registry 0").exit_code, 1);
  out = Ctl("log head nowhere");
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("no log"));

  // Pinned keys: the registry's own verifies without a warning; the badges
  // log's does not verify the registry's heads (exit 5).
  v1::ListLogsResponse logs;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  Ctl("--output=json log list").output, &logs)
                  .ok());
  auto key_file = [&](const std::string& log) {
    for (const v1::LogInfo& info : logs.logs()) {
      if (info.log() != log) continue;
      absl::StatusOr<std::string> pem =
          merkle::PublicKeyToPem(info.public_key());
      EXPECT_OK(pem);
      return WriteFile(log + ".key",
                       absl::StrCat("log id: ", info.log_id(), "\n", *pem));
    }
    ADD_FAILURE() << "no log " << log;
    return std::string();
  };
  out = Ctl("log prove registry 5 --log_key=" + key_file("registry"));
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, ::testing::Not(HasSubstr("warning")));
  EXPECT_THAT(out.output, HasSubstr("the record is the leaf"));
  out = Ctl("log head registry --log_key=" + key_file("badges"));
  EXPECT_EQ(out.exit_code, 5) << out.output;
  EXPECT_THAT(out.output, HasSubstr("NOT VERIFIED"));
  out = Ctl("log head registry");
  EXPECT_THAT(out.output, HasSubstr("warning: the log's key and id"));
}

TEST_F(TutornetctlTest, SavesAFundersMonthReportThatVerifiesOffline) {
  const absl::CivilMonth closed =
      absl::CivilMonth(values::FinnishDay(absl::Now())) - 2;
  const std::string month =
      absl::StrFormat("%04d-%02d", closed.year(), closed.month());
  const std::string bundle = dir_.Sub("report.json");
  Outcome out = Ctl("hours report oph-tutor " + month + " --out=" + bundle);
  ASSERT_EQ(out.exit_code, 0) << out.output;
  // The demo's closed month: 2 records of each of 3 tutors, 60 + 90 min.
  EXPECT_THAT(out.output,
              HasSubstr(absl::StrCat("oph-tutor,", month,
                                     ",person-2,training_delivered,90,1")));
  EXPECT_THAT(out.output,
              HasSubstr("450 approved minutes in 6 records as closed, 1 "
                        "corrections since (-15 minutes)"));

  // The key as published, and the verifier with nothing but it and the file.
  v1::ListLogsResponse logs;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(
                  Ctl("--output=json log list").output, &logs)
                  .ok());
  std::string key_file;
  for (const v1::LogInfo& info : logs.logs()) {
    if (info.log() != "activity") continue;
    absl::StatusOr<std::string> text =
        merkle::FormatLogKey({info.log_id(), info.public_key()});
    ASSERT_OK(text);
    key_file = WriteFile("activity.key", *text);
  }
  const std::string verify =
      absl::StrCat(TUTORNET_VERIFY_PATH, " --log_key=", key_file, " ");
  out = testing::RunCommand(verify + bundle +
                            " --report_csv=" + dir_.Sub("report.csv"));
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("verified: funded project oph-tutor"));
  EXPECT_THAT(out.output, HasSubstr("corrections since: 1, changing the "
                                    "approved minutes by -15"));
  std::ifstream csv(dir_.Sub("report.csv"));
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header,
            "project_id,month,person_id,work_kind,approved_minutes,records");

  // One changed digit in the report: named, exit 3.
  std::ifstream in(bundle);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const size_t at = text.find("training_delivered,90,");
  ASSERT_NE(at, std::string::npos);
  text[at + 19] = '8';
  WriteFile("changed.json", text);
  out = testing::RunCommand(verify + dir_.Sub("changed.json"));
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("report_csv line "));
  EXPECT_THAT(out.output, HasSubstr("training_delivered,80,1"));
  EXPECT_EQ(testing::RunCommand(verify).exit_code, 1);
  EXPECT_EQ(testing::RunCommand(verify + dir_.Sub("missing.json")).exit_code,
            2);

  // An open month has no report yet.
  const absl::CivilMonth open = closed + 1;
  out = Ctl(absl::StrFormat("hours report oph-tutor %04d-%02d", open.year(),
                            open.month()));
  EXPECT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("is not closed"));
}

TEST_F(TutornetctlTest, ExitCodesTellUsageRefusalAndUnreachableApart) {
  EXPECT_EQ(Ctl("nothing here").exit_code, 1);
  EXPECT_EQ(Ctl("network show").exit_code, 1);
  EXPECT_EQ(Ctl("network show ks", "TUTORNET_TOKEN=tn_wrong").exit_code, 3);
  const Outcome token = Ctl("token create funder-1 funder ks --projects=oph-1");
  ASSERT_EQ(token.exit_code, 0) << token.output;
  const size_t start = token.output.find("tn_");
  ASSERT_NE(start, std::string::npos) << token.output;
  const std::string funder =
      token.output.substr(start, token.output.find('\n', start) - start);
  const Outcome denied =
      Ctl("region add ks ks-z Z", "TUTORNET_TOKEN=" + funder);
  EXPECT_EQ(denied.exit_code, 3);
  EXPECT_THAT(denied.output, HasSubstr("PERMISSION_DENIED"));
  server_.reset();  // Nobody listens any more.
  EXPECT_EQ(Ctl("network show ks").exit_code, 2);
}

TEST(CsvTest, QuotedFieldsAndErrors) {
  absl::StatusOr<std::vector<std::string>> f =
      ParseCsvLine(R"(a,"b, c","say ""hi""", d )");
  ASSERT_OK(f);
  EXPECT_THAT(*f, ::testing::ElementsAre("a", "b, c", "say \"hi\"", "d"));
  EXPECT_FALSE(ParseCsvLine("\"open").ok());
}

}  // namespace
}  // namespace tutornet::ctl
