// The dashboard: a network's, region's or municipality's figures over a
// period, and with --as_of those figures as they stood at the end of that
// day beside today's.
#include <cstdio>
#include <fstream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tools/tutornetctl/calls.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/figures_csv.h"
#include "tools/tutornetctl/output.h"

ABSL_DECLARE_FLAG(std::string, as_of);
ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(std::string, municipality);
ABSL_FLAG(std::string, from, "",
          "YYYY-MM-DD: a dashboard's first day (default 1 August of its "
          "school year).");
ABSL_FLAG(std::string, to, "",
          "YYYY-MM-DD: a dashboard's last day (default today).");
ABSL_FLAG(std::string, as_of_positions, "",
          "dashboard show, evaluation report: also the figures as they stood "
          "once these writes were made, e.g. activity:1234,registry:560.");
ABSL_FLAG(std::string, csv, "",
          "dashboard show, evaluation report: also write every figure to "
          "this file as CSV (section,figure,value).");

namespace tutornet::ctl {
namespace {

std::string Hours(int64_t minutes) {
  return absl::StrFormat("%d:%02d", minutes / 60, minutes % 60);
}

// The figures side by side: today's, and as they stood when asked.
void Print(const v1::DashboardResponse& res) {
  const bool then = res.has_as_of();
  const v1::Dashboard& now = res.current();
  const v1::Dashboard& old = res.as_of();
  std::printf("%s%s%s, %s to %s\n\n", now.network_id().c_str(),
              now.region_id().empty() ? "" : (" / " + now.region_id()).c_str(),
              now.municipality_id().empty()
                  ? ""
                  : (" / " + now.municipality_id()).c_str(),
              DateText(now.from()).c_str(), DateText(now.to()).c_str());
  Table t;
  std::vector<std::string> header = {"FIGURE", "TODAY"};
  if (then) header.push_back("AS OF " + DateText(old.as_of()));
  t.Add(header);
  auto row = [&](const std::string& name, auto of) {
    std::vector<std::string> r = {name, of(now)};
    if (then) r.push_back(of(old));
    t.Add(r);
  };
  using D = v1::Dashboard;
  row("tutoring hours (approved)",
      [](const D& d) { return Hours(d.hours().minutes()); });
  row("hour records",
      [](const D& d) { return absl::StrCat(d.hours().records()); });
  row("active tutors",
      [](const D& d) { return absl::StrCat(d.hours().active_tutors()); });
  for (const v1::KindMinutes& k : now.hours().kinds()) {
    row("  " + Lower(v1::WorkKind_Name(k.kind()), "WORK_KIND_"),
        [&k](const D& d) {
          for (const v1::KindMinutes& m : d.hours().kinds()) {
            if (m.kind() == k.kind()) return Hours(m.minutes());
          }
          return Hours(0);
        });
  }
  row("schools",
      [](const D& d) { return absl::StrCat(d.training().reach().schools()); });
  row("permanent teachers", [](const D& d) {
    return absl::StrCat(d.training().reach().permanent_teachers());
  });
  row("trainings held", [](const D& d) {
    return absl::StrCat(d.training().reach().trainings());
  });
  row("teachers trained (share)", [](const D& d) {
    return absl::StrFormat("%d (%.1f %%)", d.training().reach().teachers(),
                           d.training().reach().share_percent());
  });
  row("feedback average", [](const D& d) {
    return absl::StrFormat("%.2f (%d trainings)",
                           d.training().feedback_average(),
                           d.training().feedback_closed());
  });
  row("open follow-ups",
      [](const D& d) { return absl::StrCat(d.training().open_follow_ups()); });
  row("peer groups",
      [](const D& d) { return absl::StrCat(d.training().peer_groups()); });
  for (int level = 1; level <= 3; ++level) {
    row(absl::StrCat("level ", level, " badges (target)"), [level](const D& d) {
      for (const v1::LevelFigures& l : d.badges().levels()) {
        if (l.level() == level) {
          return absl::StrFormat("%d (%.1f %% of %d %%)", l.holders(),
                                 l.share_percent(), l.target_percent());
        }
      }
      return std::string("0");
    });
  }
  row("mentoring processes", [](const D& d) {
    std::string text = absl::StrCat(d.development().mentoring_processes());
    for (const v1::PhaseCount& p : d.development().by_phase()) {
      absl::StrAppend(&text, " ", p.processes(), "@phase", p.phase());
    }
    return text;
  });
  row("work-pair periods (closed)", [](const D& d) {
    return absl::StrCat(d.development().work_pair_periods(), " (",
                        d.development().work_pair_periods_closed(), ")");
  });
  t.Print();
  if (then) {
    std::printf("\nas of %s: %s\n", DateText(old.as_of()).c_str(),
                absl::StrJoin(old.positions(), ",").c_str());
  }
  if (!now.hours().months().empty()) {
    std::printf("\n");
    Table months;
    months.Add({"MONTH", "HOURS", "RECORDS", "TUTORS"});
    for (const v1::MonthHours& m : now.hours().months()) {
      months.Add(
          {absl::StrFormat("%04d-%02d", m.month().year(), m.month().month()),
           Hours(m.minutes()), absl::StrCat(m.records()),
           absl::StrCat(m.tutors())});
    }
    months.Print();
  }
}

// With --csv, today's figures and those as of a day into the file.
template <typename Response>
int WriteCsv(const Response& res) {
  const std::string path = absl::GetFlag(FLAGS_csv);
  if (path.empty()) return kExitOk;
  std::string text =
      absl::StrCat(kFiguresCsvHeader, FiguresCsv("today", res.current()));
  if (res.has_as_of()) {
    absl::StrAppend(&text, FiguresCsv("as of " + DateText(res.as_of().as_of()),
                                      res.as_of()));
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return Fail(absl::UnavailableError("cannot write " + path));
  std::fprintf(stderr, "tutornetctl: wrote %s\n", path.c_str());
  return kExitOk;
}

int EvaluationReport(Client& c, const std::string& network,
                     const std::string& year) {
  v1::GetEvaluationReportRequest req;
  req.set_network_id(network);
  int number = 0;
  if (!absl::SimpleAtoi(year, &number)) {
    return BadArgument(absl::InvalidArgumentError(
        absl::StrCat("YEAR: \"", year, "\" is not a year")));
  }
  req.set_year(number);
  if (const std::string day = absl::GetFlag(FLAGS_as_of); !day.empty()) {
    absl::StatusOr<v1::Date> as_of = ParseDate("as_of", day);
    if (!as_of.ok()) return BadArgument(as_of.status());
    *req.mutable_as_of() = *as_of;
  }
  for (absl::string_view token : absl::StrSplit(
           absl::GetFlag(FLAGS_as_of_positions), ',', absl::SkipEmpty())) {
    req.add_as_of_positions(std::string(token));
  }
  v1::EvaluationReportResponse res;
  const grpc::Status s =
      c.dashboards().GetEvaluationReport(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (!PrintedAsJson(res)) {
    const bool then = res.has_as_of();
    Table t;
    std::vector<std::string> header = {"FIGURE", "TODAY"};
    if (then) header.push_back("AS OF " + DateText(res.as_of().as_of()));
    t.Add(header);
    using E = v1::EvaluationReport;
    auto row = [&](const std::string& name, auto of) {
      std::vector<std::string> r = {name, of(res.current())};
      if (then) r.push_back(of(res.as_of()));
      t.Add(r);
    };
    row("schools", [](const E& e) { return absl::StrCat(e.schools()); });
    row("permanent teachers", [](const E& e) {
      return absl::StrCat(e.permanent_teachers(), " (",
                          SchoolYearText(e.school_year()), ")");
    });
    row("self-assessment answers",
        [](const E& e) { return absl::StrCat(e.self_assessment().answers()); });
    for (const v1::LevelOfSchoolingAnswers& l :
         res.current().self_assessment().by_level()) {
      row("  " + Lower(v1::EducationLevel_Name(l.level()), "EDUCATION_LEVEL_"),
          [&l](const E& e) {
            for (const auto& x : e.self_assessment().by_level()) {
              if (x.level() == l.level()) return absl::StrCat(x.answers());
            }
            return std::string("0");
          });
    }
    for (const v1::TrainingGroupFigures& g : res.current().trainings()) {
      row("trainings " + g.group(), [&g](const E& e) {
        for (const auto& x : e.trainings()) {
          if (x.group() == g.group()) {
            return absl::StrFormat("%d: %d teachers (%.0f %%)", x.trainings(),
                                   x.teachers(), x.share_percent());
          }
        }
        return std::string("0");
      });
    }
    row("tutors (trained, with a plan)", [](const E& e) {
      return absl::StrCat(e.tutors().tutors(), " (", e.tutors().trained(), ", ",
                          e.tutors().trained_with_plan(), ")");
    });
    for (int level = 1; level <= 3; ++level) {
      row(absl::StrCat("people with level ", level, " badges"),
          [level](const E& e) {
            for (const auto& b : e.badges()) {
              if (b.level() == level) {
                return absl::StrFormat("%d (%.0f %%)", b.people(),
                                       b.share_percent());
              }
            }
            return std::string("0");
          });
    }
    std::printf("%s, %d\n\n", network.c_str(), number);
    t.Print();
    if (then) {
      std::printf("\nas of %s: %s\n", DateText(res.as_of().as_of()).c_str(),
                  absl::StrJoin(res.as_of().positions(), ",").c_str());
    }
  }
  return WriteCsv(res);
}

int ShowDashboard(Client& c, const std::string& network) {
  v1::GetDashboardRequest req;
  req.set_network_id(network);
  req.set_region_id(absl::GetFlag(FLAGS_region));
  req.set_municipality_id(absl::GetFlag(FLAGS_municipality));
  for (const auto& [flag, field] :
       {std::pair{absl::GetFlag(FLAGS_from), req.mutable_from()},
        std::pair{absl::GetFlag(FLAGS_to), req.mutable_to()},
        std::pair{absl::GetFlag(FLAGS_as_of), req.mutable_as_of()}}) {
    if (flag.empty()) continue;
    absl::StatusOr<v1::Date> day = ParseDate("date", flag);
    if (!day.ok()) return BadArgument(day.status());
    *field = *day;
  }
  if (req.from().year() == 0) req.clear_from();
  if (req.to().year() == 0) req.clear_to();
  if (req.as_of().year() == 0) req.clear_as_of();
  for (absl::string_view token : absl::StrSplit(
           absl::GetFlag(FLAGS_as_of_positions), ',', absl::SkipEmpty())) {
    req.add_as_of_positions(std::string(token));
  }
  v1::DashboardResponse res;
  const grpc::Status s =
      c.dashboards().GetDashboard(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (!PrintedAsJson(res)) Print(res);
  return WriteCsv(res);
}

}  // namespace

CommandGroup DashboardCommands() {
  return {"Dashboards (coordinators, funders, admins)",
          {
              {"dashboard show",
               "NETWORK [--region=R | --municipality=M] [--from=DAY] "
               "[--to=DAY] [--as_of=DAY | --as_of_positions=LOG:N,...] "
               "[--csv=FILE]",
               "hours, trainings, badges and development figures of a scope "
               "over a period; with --as_of also as they stood that day",
               1, 1,
               [](Client& c, const Args& a) { return ShowDashboard(c, a[0]); }},
              {"evaluation report",
               "NETWORK YEAR [--as_of=DAY] [--as_of_positions=LOG:N,...] "
               "[--csv=FILE]",
               "the year's programme evaluation: self-assessment, trainings "
               "per level and topic, tutors trained with plans, badge holders",
               2, 2,
               [](Client& c, const Args& a) {
                 return EvaluationReport(c, a[0], a[1]);
               }},
          }};
}

}  // namespace tutornet::ctl
