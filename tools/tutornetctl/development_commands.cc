// The development service's commands: the catalogue, activity plans, mapping
// rounds, training plans, mentoring processes, work-pair periods, digital
// mentors.
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/development_client.h"

ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(std::string, municipality);
ABSL_DECLARE_FLAG(std::string, school);
ABSL_FLAG(std::string, gender, "",
          "workpair follow-up: your own gender, if you wish to record it: "
          "woman, man or other.");

namespace tutornet::ctl {
namespace {

std::string Arg(const Args& a, size_t i) { return a.size() > i ? a[i] : ""; }

CommandSpec FromFile(const std::string& words, const std::string& what,
                     const std::string& message) {
  return {
      words,
      "FILE.json",
      absl::StrCat(message, " from a ", what, " in JSON (docs/DEVELOPMENT.md)"),
      1,
      1,
      [kind = what](Client& c, const Args& a) {
        return SendDevelopmentFile(c, kind, a[0]);
      }};
}

}  // namespace

CommandGroup DevelopmentCommands() {
  return {
      "Development (activity plans, mapping, training plans, mentoring, "
      "work pairs, digital mentors)",
      {
          {"catalogue area", "NETWORK AREA NAME_FI [NAME_SV [NAME_EN]]",
           "define or rename a competence area", 3, 5,
           [](Client& c, const Args& a) {
             return DefineArea(c, a[0], a[1], Args(a.begin() + 2, a.end()));
           }},
          {"catalogue method", "NETWORK METHOD NAME_FI [NAME_SV [NAME_EN]]",
           "define or rename a mentoring method", 3, 5,
           [](Client& c, const Args& a) {
             return DefineMethod(c, a[0], a[1], Args(a.begin() + 2, a.end()));
           }},
          {"catalogue show", "NETWORK", "the network's areas and methods", 1, 1,
           [](Client& c, const Args& a) { return ShowCatalogue(c, a[0]); }},
          FromFile("plan submit", "plan",
                   "submit your activity plan (SubmitActivityPlan)"),
          FromFile("plan revise", "revision",
                   "revise your approved plan (ReviseActivityPlan, with a "
                   "reason)"),
          {"plan approve", "NETWORK PERSON YEAR SCHOOL VERSION",
           "approve a plan for your school, as its principal", 5, 5,
           [](Client& c, const Args& a) { return DecidePlan(c, true, a); }},
          {"plan return", "NETWORK PERSON YEAR SCHOOL VERSION COMMENT",
           "return a plan to its tutor with what to change", 6, 6,
           [](Client& c, const Args& a) { return DecidePlan(c, false, a); }},
          {"plan show", "NETWORK PERSON YEAR",
           "a plan with every version, decision and event (YEAR: its autumn)",
           3, 3,
           [](Client& c, const Args& a) {
             return ShowPlan(c, a[0], a[1], a[2]);
           }},
          {"plan list", "NETWORK YEAR [--school=S]",
           "the school year's plans (of one school)", 2, 2,
           [](Client& c, const Args& a) {
             return ListPlans(c, a[0], a[1], absl::GetFlag(FLAGS_school));
           }},
          {"plan actual", "NETWORK YEAR (PERSON | --school=S)",
           "planned hours beside approved hour records, per school and kind", 2,
           3,
           [](Client& c, const Args& a) {
             return PlanAgainstActual(c, a[0], a[1], Arg(a, 2),
                                      absl::GetFlag(FLAGS_school));
           }},
          FromFile("mapping open", "round",
                   "open a competence mapping round (OpenMappingRound)"),
          {"mapping answer", "ROUND PERSON SCHOOL AREA=LEVEL,..",
           "answer for yourself: basic, advanced, developer or "
           "needs-training per area",
           4, 4,
           [](Client& c, const Args& a) {
             return AnswerMapping(c, a[0], a[1], a[2], a[3]);
           }},
          {"mapping close", "ROUND", "close a round to answers", 1, 1,
           [](Client& c, const Args& a) { return CloseRound(c, a[0]); }},
          {"mapping results", "ROUND [--region=R|--municipality=M|--school=S]",
           "answers per area and level (small groups hidden)", 1, 1,
           [](Client& c, const Args& a) {
             return MappingResults(c, a[0], absl::GetFlag(FLAGS_region),
                                   absl::GetFlag(FLAGS_municipality),
                                   absl::GetFlag(FLAGS_school));
           }},
          {"mapping answers", "ROUND (PERSON | --school=S)",
           "individual answers: your own; a principal's school's", 1, 2,
           [](Client& c, const Args& a) {
             return MappingAnswers(c, a[0], Arg(a, 1),
                                   absl::GetFlag(FLAGS_school));
           }},
          {"trainingplan add", "NETWORK PERSON ITEM AREA MEANS [NOTE]",
           "add an item to a training plan (MEANS: training:ID, or words)", 5,
           6, [](Client& c, const Args& a) { return AddPlanItem(c, a); }},
          {"trainingplan status", "NETWORK PERSON ITEM STATUS [NOTE]",
           "in-progress, done or dropped", 4, 5,
           [](Client& c, const Args& a) { return SetItemStatus(c, a); }},
          {"trainingplan show", "NETWORK PERSON",
           "a training plan with its history", 2, 2,
           [](Client& c, const Args& a) {
             return ShowTrainingPlan(c, a[0], a[1]);
           }},
          FromFile("mentoring start", "process",
                   "start a school mentoring process (StartMentoringProcess)"),
          FromFile("mentoring team", "team",
                   "change a school's coordination team "
                   "(ChangeCoordinationTeam)"),
          FromFile("mentoring mentors", "mentors",
                   "change the process's mentors (ChangeMentors)"),
          {"mentoring phase", "PROCESS PHASE DATE NOTES",
           "enter the next phase (1-7; after 7, 1 starts a new cycle)", 4, 4,
           [](Client& c, const Args& a) {
             return EnterPhase(c, a[0], a[1], a[2], a[3]);
           }},
          {"mentoring method",
           "PROCESS METHOD PHASE DATE MINUTES PARTICIPANTS [NOTE]",
           "record a method used in a phase of the current cycle", 6, 7,
           [](Client& c, const Args& a) { return RecordMethod(c, a); }},
          {"mentoring close", "PROCESS REASON", "close a process", 2, 2,
           [](Client& c, const Args& a) {
             return CloseProcess(c, a[0], a[1]);
           }},
          {"mentoring show", "PROCESS",
           "a process's timeline, team and history", 1, 1,
           [](Client& c, const Args& a) { return ShowProcess(c, a[0]); }},
          {"mentoring list", "NETWORK", "the network's processes by phase", 1,
           1, [](Client& c, const Args& a) { return ListProcesses(c, a[0]); }},
          FromFile("workpair apply", "work-pair",
                   "apply for a work-pair period with its plan "
                   "(ApplyForWorkPair)"),
          {"workpair approve", "PERIOD", "approve, as the project manager", 1,
           1,
           [](Client& c, const Args& a) {
             return DecideWorkPair(c, a[0], true, "");
           }},
          {"workpair refuse", "PERIOD REASON", "refuse, with the reason", 2, 2,
           [](Client& c, const Args& a) {
             return DecideWorkPair(c, a[0], false, a[1]);
           }},
          {"workpair goals", "PERIOD GOALS SUPERVISOR,SUPERVISOR",
           "file the goals agreed with both supervisors", 3, 3,
           [](Client& c, const Args& a) {
             return FileGoals(c, a[0], a[1], a[2]);
           }},
          {"workpair day", "PERIOD DATE [NOTE]", "record a day of the period",
           2, 3,
           [](Client& c, const Args& a) {
             return RecordDay(c, a[0], a[1], Arg(a, 2));
           }},
          {"workpair follow-up",
           "PERIOD PERSON ACHIEVED LEARNT [--gender=woman|man|other]",
           "file your own follow-up evaluation", 4, 4,
           [](Client& c, const Args& a) {
             return FileFollowUp(c, a, absl::GetFlag(FLAGS_gender));
           }},
          {"workpair close", "PERIOD [SHORTENED_REASON]",
           "close a period (a reason when fewer than five days)", 1, 2,
           [](Client& c, const Args& a) {
             return CloseWorkPair(c, a[0], Arg(a, 1));
           }},
          {"workpair show", "PERIOD", "a period with its history", 1, 1,
           [](Client& c, const Args& a) { return ShowWorkPair(c, a[0]); }},
          {"workpair list", "NETWORK", "the network's periods", 1, 1,
           [](Client& c, const Args& a) { return ListWorkPairs(c, a[0]); }},
          {"workpair figures", "NETWORK YEAR",
           "a year's pairs and people, by gender where recorded", 2, 2,
           [](Client& c, const Args& a) {
             return WorkPairFigures(c, a[0], a[1]);
           }},
          FromFile("digimentor appoint", "mentor",
                   "name a digital mentor of a unit (AppointDigitalMentor)"),
          {"digimentor follow-up", "MENTORSHIP GOAL=PROGRESS,..",
           "not-started, in-progress, achieved or not-achieved per goal (0 = "
           "the first)",
           2, 2,
           [](Client& c, const Args& a) {
             return FollowUpMentor(c, a[0], a[1]);
           }},
          {"digimentor end", "MENTORSHIP REASON", "end a mentorship", 2, 2,
           [](Client& c, const Args& a) {
             return EndMentorship(c, a[0], a[1]);
           }},
          {"digimentor show", "MENTORSHIP",
           "a mentorship with its approved hours and history", 1, 1,
           [](Client& c, const Args& a) { return ShowMentorship(c, a[0]); }},
          {"digimentor list", "NETWORK [--school=UNIT]",
           "digital mentors: agreed and approved hours, goals met", 1, 1,
           [](Client& c, const Args& a) {
             return ListMentorships(c, a[0], absl::GetFlag(FLAGS_school));
           }},
      }};
}

}  // namespace tutornet::ctl
