// The yearly programme evaluation through the real server: a small city
// built command by command whose events give exactly the figures of the
// 2017 report in seed 002 (a city's digital programme evaluation), and the
// report that reads them back.
//
// The rules check dates against today (answers inside a round's window,
// sessions held before attendance), so the city's year is this one: the
// figures, not the calendar, are seed 002's.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "services/projections/position_token.h"
#include "services/server/server_fixture.h"
#include "services/values/dates.h"
#include "tutornet/v1/badges_service.grpc.pb.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"
#include "tutornet/v1/development_service.grpc.pb.h"
#include "tutornet/v1/training_service.grpc.pb.h"

namespace tutornet::server {
namespace {

constexpr char kCity[] = "hki";
constexpr int kBasicSchools = 6, kUpperSchools = 4;
constexpr int kBasicAnswers = 1494, kUpperAnswers = 668;
constexpr int kLevelTrainings = 23, kLevelTeachers = 146;
constexpr int kCloudTrainings = 10, kCloudTeachers = 585;
constexpr int kTutors = 165, kTrainedTutors = 160;
constexpr int kLevel1 = 3027, kLevel2 = 384, kLevel3 = 79;
// Permanent teachers: 146 are 4 %, 585 are 16 %.
constexpr int kPermanentTeachers = 3650;

class EvaluationTest : public PrincipalsTest {
 protected:
  void Connect() override {
    PrincipalsTest::Connect();
    auto channel =
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
    training_ = v1::TrainingService::NewStub(channel);
    badges_ = v1::BadgeService::NewStub(channel);
    development_ = v1::DevelopmentService::NewStub(channel);
    dashboards_ = v1::DashboardService::NewStub(channel);
  }

  // One command as `as`, after the registry's writes so far.
  template <typename Request, typename Stub, typename Rpc, typename Command>
  absl::Status Do(Stub& stub, Rpc rpc, const std::string& as,
                  const std::string& request_id, const Command& command) {
    Request req;
    req.mutable_header()->set_request_id(request_id);
    {
      absl::MutexLock lock(&mu_);
      if (!registry_token_.empty()) {
        req.mutable_header()->add_position_tokens(registry_token_);
      }
    }
    *req.mutable_command() = command;
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + as);
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(60));
    v1::CommandResult res;
    const grpc::Status s = (stub.*rpc)(&ctx, req, &res);
    if (!s.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                          absl::StrCat(request_id, ": ", s.error_message()));
    }
    const absl::StatusOr<projections::PositionToken> written =
        projections::ParsePositionToken(res.position_token());
    if (!written.ok()) return written.status();
    absl::MutexLock lock(&mu_);
    uint64_t& latest = latest_[written->log];
    latest = std::max(latest, written->position);
    if (written->log == "registry") registry_token_ = res.position_token();
    return absl::OkStatus();
  }

  // `each(i)` for i in [0, n), on a few client threads.
  void Each(int n, const std::function<absl::Status(int)>& each) {
    std::atomic<int> next{0};
    absl::Mutex failed_mu;
    absl::Status failed;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (int i = next++; i < n; i = next++) {
          absl::Status s = each(i);
          if (s.ok()) continue;
          absl::MutexLock lock(&failed_mu);
          failed.Update(s);
          return;
        }
      });
    }
    for (std::thread& t : threads) t.join();
    ASSERT_OK(failed);
  }

  static std::string School(int i) {
    return i < kBasicSchools ? absl::StrCat("peruskoulu-", i + 1)
                             : absl::StrCat("lukio-", i - kBasicSchools + 1);
  }
  static std::string Teacher(int i) { return absl::StrCat("opettaja-", i); }
  static std::string Tutor(int i) { return absl::StrCat("tutor-", i); }

  // The i-th of the year's days gone by: the rules take attendance and
  // awards of days that have been.
  absl::CivilDay Past(int i) const {
    return absl::CivilDay(year_, 1, 1) + i % days_gone_;
  }

  void BuildCity();
  void Trainings();
  void Train(const std::string& id, int level, const std::string& topic,
             absl::CivilDay day, const std::vector<std::string>& people);

  // The tokens of every write so far: the latest position of each log.
  std::vector<std::string> Written() {
    absl::MutexLock lock(&mu_);
    std::vector<std::string> tokens;
    for (const auto& [log, position] : latest_) {
      tokens.push_back(projections::FormatPositionToken(log, position));
    }
    return tokens;
  }

  absl::Mutex mu_;
  std::string registry_token_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, uint64_t> latest_ ABSL_GUARDED_BY(mu_);
  const absl::CivilDay today_ = values::FinnishDay(absl::Now());
  const int year_ = static_cast<int>(today_.year());
  const int days_gone_ = static_cast<int>(today_ - absl::CivilDay(year_, 1, 1));
  std::unique_ptr<v1::TrainingService::Stub> training_;
  std::unique_ptr<v1::BadgeService::Stub> badges_;
  std::unique_ptr<v1::DevelopmentService::Stub> development_;
  std::unique_ptr<v1::DashboardService::Stub> dashboards_;
};

void EvaluationTest::BuildCity() {
  using R = v1::RegistryService::Stub;
  v1::CreateNetwork network;
  network.set_network_id(kCity);
  network.mutable_name()->set_fi("Helsingin digiohjelma");
  network.set_coordinating_municipality_id("helsinki");
  ASSERT_OK((Do<v1::CreateNetworkRequest>(*stub_, &R::CreateNetwork, admin_,
                                          "city", network)));
  v1::AddRegion region;
  region.set_network_id(kCity);
  region.set_region_id("hki-alue");
  region.mutable_name()->set_fi("Helsinki");
  ASSERT_OK((Do<v1::AddRegionRequest>(*stub_, &R::AddRegion, admin_, "region",
                                      region)));
  v1::AssignMunicipality municipality;
  municipality.set_network_id(kCity);
  municipality.set_municipality_id("helsinki");
  municipality.mutable_name()->set_fi("Helsinki");
  municipality.set_region_id("hki-alue");
  *municipality.mutable_effective() =
      values::FromCivilDay(absl::CivilDay(year_ - 2, 1, 1));
  ASSERT_OK((Do<v1::AssignMunicipalityRequest>(
      *stub_, &R::AssignMunicipality, admin_, "municipality", municipality)));
  // Six basic schools of 400 permanent teachers, four upper secondary
  // schools of 312 or 313: 3,650.
  for (int i = 0; i < kBasicSchools + kUpperSchools; ++i) {
    v1::RegisterSchool school;
    school.set_network_id(kCity);
    school.set_school_id(School(i));
    school.mutable_name()->set_fi(School(i));
    school.set_municipality_id("helsinki");
    school.set_language(v1::LANGUAGE_FI);
    school.add_levels(i < kBasicSchools ? v1::EDUCATION_LEVEL_BASIC
                                        : v1::EDUCATION_LEVEL_UPPER_SECONDARY);
    ASSERT_OK((Do<v1::RegisterSchoolRequest>(*stub_, &R::RegisterSchool, admin_,
                                             School(i), school)));
    v1::RecordStaff staff;
    staff.set_network_id(kCity);
    staff.set_school_id(School(i));
    staff.set_school_year(year_ - 1);
    staff.set_permanent_teachers(i < kBasicSchools       ? 400
                                 : i < kBasicSchools + 2 ? 313
                                                         : 312);
    ASSERT_OK((Do<v1::RecordStaffRequest>(*stub_, &R::RecordStaff, admin_,
                                          "staff-" + School(i), staff)));
  }
  Each(kTutors, [&](int i) {
    v1::AppointRole a;
    a.set_network_id(kCity);
    a.set_appointment_id(Tutor(i));
    a.set_person_id(Tutor(i));
    a.set_role(v1::ROLE_TUTOR_TEACHER);
    a.mutable_scope()->add_school_ids(School(i % kBasicSchools));
    *a.mutable_start() = values::FromCivilDay(absl::CivilDay(year_, 1, 1));
    return Do<v1::AppointRoleRequest>(*stub_, &R::AppointRole, admin_,
                                      "appoint-" + Tutor(i), a);
  });
}

void EvaluationTest::Train(const std::string& id, int level,
                           const std::string& topic, absl::CivilDay day,
                           const std::vector<std::string>& people) {
  using T = v1::TrainingService::Stub;
  v1::CreateTraining c;
  c.set_network_id(kCity);
  c.set_training_id(id);
  c.mutable_theme()->set_fi(topic.empty() ? "Digi 1-2" : topic);
  c.set_level(static_cast<v1::CompetenceLevel>(level));
  c.set_topic(topic);
  c.set_language(v1::LANGUAGE_FI);
  c.mutable_organiser()->set_kind(v1::ORGANISER_KIND_NETWORK);
  c.mutable_venue()->set_online(true);
  c.add_trainer_ids("kouluttaja-1");
  v1::Session& s = *c.add_sessions();
  *s.mutable_date() = values::FromCivilDay(day);
  s.set_start_minute(14 * 60);
  s.set_duration_minutes(120);
  c.set_capacity(1000);
  *c.mutable_registration_opens()->mutable_date() =
      values::FromCivilDay(day - 20);
  *c.mutable_registration_closes()->mutable_date() = values::FromCivilDay(day);
  *c.mutable_cancellation_cutoff()->mutable_date() =
      values::FromCivilDay(day - 5);
  c.set_feedback_days(14);
  ASSERT_OK((Do<v1::CreateTrainingRequest>(*training_, &T::CreateTraining,
                                           admin_, id, c)));
  Each(static_cast<int>(people.size()), [&](int i) {
    v1::RegisterForTraining r;
    r.set_training_id(id);
    r.set_person_id(people[i]);
    r.set_school_id(School(i % (kBasicSchools + kUpperSchools)));
    return Do<v1::RegisterForTrainingRequest>(
        *training_, &T::RegisterForTraining, admin_, id + "-" + people[i], r);
  });
  v1::RecordAttendance present;
  present.set_training_id(id);
  present.set_session(1);
  for (const std::string& p : people) present.add_present_person_ids(p);
  ASSERT_OK((Do<v1::RecordAttendanceRequest>(
      *training_, &T::RecordAttendance, admin_, id + "-present", present)));
}

void EvaluationTest::Trainings() {
  // 23 trainings of levels 1 and 2 for 146 teachers, 20 of whom took two.
  std::vector<std::vector<std::string>> level(kLevelTrainings);
  for (int t = 0; t < kLevelTeachers; ++t) {
    level[t % kLevelTrainings].push_back(Teacher(t));
    if (t < 20) level[(t + 1) % kLevelTrainings].push_back(Teacher(t));
  }
  for (int i = 0; i < kLevelTrainings; ++i) {
    Train(absl::StrCat("digi-", i), i % 2 + 1, "", Past(i), level[i]);
  }
  // o365 cloud tools for 585 teachers, some of them the same.
  std::vector<std::vector<std::string>> cloud(kCloudTrainings);
  for (int t = 0; t < kCloudTeachers; ++t) {
    cloud[t % kCloudTrainings].push_back(Teacher(100 + t));
  }
  for (int i = 0; i < kCloudTrainings; ++i) {
    Train(absl::StrCat("o365-", i), 1, "o365", Past(7 * i), cloud[i]);
  }
  // The tutor teachers' own training: 160 of the 165.
  std::vector<std::string> tutors;
  for (int i = 0; i < kTrainedTutors; ++i) tutors.push_back(Tutor(i));
  Train("tutorkoulutus", 2, "tutor-training", Past(3), tutors);
  // A tutor at another topic's training only is not a tutor trained.
  Train("ohjelmointi", 1, "ohjelmointi", Past(4), {Tutor(kTrainedTutors)});
}

TEST_F(EvaluationTest, ACityWhoseEventsGiveSeed002sFigures) {
  if (days_gone_ < 1) GTEST_SKIP() << "no day of this year has gone by yet";
  BuildCity();
  using D = v1::DevelopmentService::Stub;
  v1::DefineCompetenceArea area;
  area.set_network_id(kCity);
  area.mutable_area()->set_area_id("oppimisprosessi");
  area.mutable_area()->mutable_name()->set_fi("Oppimisprosessin suunnittelu");
  ASSERT_OK((Do<v1::DefineCompetenceAreaRequest>(
      *development_, &D::DefineCompetenceArea, admin_, "area", area)));

  // The self-assessment: 1,494 teachers of basic and 668 of upper
  // secondary schools, each answering for themself.
  const absl::CivilDay today = values::FinnishDay(absl::Now());
  v1::OpenMappingRound round;
  round.set_round_id("itsearviointi");
  round.set_network_id(kCity);
  round.mutable_title()->set_fi("Opettajien itsearviointi");
  round.add_area_ids("oppimisprosessi");
  *round.mutable_opens() = values::FromCivilDay(today);
  *round.mutable_closes() = values::FromCivilDay(today);
  ASSERT_OK((Do<v1::OpenMappingRoundRequest>(
      *development_, &D::OpenMappingRound, admin_, "round", round)));
  Each(kBasicAnswers + kUpperAnswers, [&](int i) {
    const std::string person = Teacher(i);
    v1::AnswerMapping a;
    a.set_round_id("itsearviointi");
    a.set_person_id(person);
    a.set_school_id(i < kBasicAnswers
                        ? School(i % kBasicSchools)
                        : School(kBasicSchools + i % kUpperSchools));
    v1::AreaAnswer& answer = *a.add_answers();
    answer.set_area_id("oppimisprosessi");
    answer.set_level(static_cast<v1::SelfAssessment>(i % 4 + 1));
    return Do<v1::AnswerMappingRequest>(
        *development_, &D::AnswerMapping,
        MakeToken(person, v1::ACCESS_ROLE_TUTOR, kCity), "answer-" + person, a);
  });
  v1::CloseMappingRound close;
  close.set_round_id("itsearviointi");
  ASSERT_OK((Do<v1::CloseMappingRoundRequest>(
      *development_, &D::CloseMappingRound, admin_, "close", close)));

  Trainings();
  // Every tutor's activity plan for the school year.
  Each(kTutors, [&](int i) {
    v1::SubmitActivityPlan s;
    s.set_network_id(kCity);
    s.set_person_id(Tutor(i));
    s.set_school_year(values::SchoolYearOf(today));
    v1::ActivityPlanContent& plan = *s.mutable_plan();
    plan.add_school_ids(School(i % kBasicSchools));
    plan.add_goals("Digipedagogiikka jokaiseen luokkaan");
    v1::PlannedWork& w = *plan.add_activities();
    w.set_school_id(School(i % kBasicSchools));
    w.set_kind(v1::WORK_KIND_PEER_SUPPORT);
    w.set_planned_minutes(1800);
    return Do<v1::SubmitActivityPlanRequest>(
        *development_, &D::SubmitActivityPlan,
        MakeToken(Tutor(i), v1::ACCESS_ROLE_TUTOR, kCity), "plan-" + Tutor(i),
        s);
  });

  // Class badges of the three levels: 3,027, 384 and 79 people.
  using B = v1::BadgeService::Stub;
  for (int level = 1; level <= 3; ++level) {
    v1::DefineBadgeClass d;
    d.set_network_id(kCity);
    v1::BadgeClass& b = *d.mutable_badge_class();
    b.set_class_id(absl::StrCat("digi-", level));
    b.mutable_name()->set_fi(absl::StrCat("Digi ", level));
    b.mutable_description()->set_fi("Osaamismerkki");
    b.mutable_criteria()->set_fi("Näyttö omasta opetuksesta");
    b.set_level(static_cast<v1::CompetenceLevel>(level));
    b.mutable_evidence_asked()->set_fi("Kuvaus");
    b.add_reviewer_ids("arvioija-1");
    ASSERT_OK((Do<v1::DefineBadgeClassRequest>(*badges_, &B::DefineBadgeClass,
                                               admin_, b.class_id(), d)));
  }
  const int counts[] = {kLevel1, kLevel2, kLevel3};
  for (int level = 1; level <= 3; ++level) {
    Each(counts[level - 1], [&](int i) {
      v1::ImportAward a;
      a.set_network_id(kCity);
      a.set_person_id(Teacher(i));
      a.set_award_id(absl::StrCat("obf-", level));
      a.set_class_id(absl::StrCat("digi-", level));
      a.set_school_id(School(i % (kBasicSchools + kUpperSchools)));
      *a.mutable_issued_on() = values::FromCivilDay(Past(i));
      a.set_source("Open Badge Factory");
      return Do<v1::ImportAwardRequest>(*badges_, &B::ImportAward, admin_,
                                        absl::StrCat("badge-", level, "-", i),
                                        a);
    });
  }

  // The report, as a network coordinator of the city reads it.
  const std::string coordinator =
      MakeToken("koordinaattori", v1::ACCESS_ROLE_NETWORK_COORDINATOR, kCity);
  v1::GetEvaluationReportRequest req;
  req.set_network_id(kCity);
  req.set_year(year_);
  *req.mutable_as_of() = values::FromCivilDay(today - 1);
  for (const std::string& token : Written()) req.add_position_tokens(token);
  v1::EvaluationReportResponse res;
  grpc::ClientContext ctx;
  ctx.AddMetadata("authorization", "Bearer " + coordinator);
  ASSERT_OK(FromGrpc(dashboards_->GetEvaluationReport(&ctx, req, &res)));
  const v1::EvaluationReport& r = res.current();

  EXPECT_EQ(r.schools(), kBasicSchools + kUpperSchools);
  EXPECT_EQ(r.permanent_teachers(), kPermanentTeachers);
  EXPECT_EQ(r.self_assessment().answers(), 2162);
  ASSERT_EQ(r.self_assessment().by_level_size(), 2);
  EXPECT_EQ(r.self_assessment().by_level(0).level(), v1::EDUCATION_LEVEL_BASIC);
  EXPECT_EQ(r.self_assessment().by_level(0).answers(), 1494);
  EXPECT_EQ(r.self_assessment().by_level(1).level(),
            v1::EDUCATION_LEVEL_UPPER_SECONDARY);
  EXPECT_EQ(r.self_assessment().by_level(1).answers(), 668);
  std::map<std::string, v1::TrainingGroupFigures> groups;
  for (const v1::TrainingGroupFigures& g : r.trainings()) groups[g.group()] = g;
  EXPECT_EQ(groups["levels-1-2"].trainings(), 23);
  EXPECT_EQ(groups["levels-1-2"].teachers(), 146);
  EXPECT_EQ(std::lround(groups["levels-1-2"].share_percent()), 4);
  EXPECT_EQ(groups["topic:o365"].teachers(), 585);
  EXPECT_EQ(std::lround(groups["topic:o365"].share_percent()), 16);
  EXPECT_EQ(r.tutors().tutors(), kTutors);
  EXPECT_EQ(r.tutors().trained(), 160);
  EXPECT_EQ(r.tutors().trained_with_plan(), 160);
  ASSERT_EQ(r.badges_size(), 3);
  EXPECT_EQ(r.badges(0).people(), 3027);
  EXPECT_EQ(r.badges(1).people(), 384);
  EXPECT_EQ(r.badges(2).people(), 79);
  EXPECT_EQ(r.people_with_badges(), 3027);
  EXPECT_EQ(r.awards(), 3027 + 384 + 79);
  EXPECT_EQ(r.schools_without_staff(), 0);

  // Yesterday, nothing of it was known yet.
  EXPECT_EQ(res.as_of().self_assessment().answers(), 0);
  EXPECT_EQ(res.as_of().as_of().day(), req.as_of().day());

  // A regional coordinator does not read the city-wide report.
  grpc::ClientContext refused;
  refused.AddMetadata("authorization", "Bearer " + regional_);
  req.set_network_id("ks");
  EXPECT_EQ(dashboards_->GetEvaluationReport(&refused, req, &res).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace tutornet::server
