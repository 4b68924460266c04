// tutornetctl's development commands: the catalogue, activity plans and
// plan against actual, mapping rounds and training plans, mentoring
// processes, work-pair periods and digital mentors. A command with many
// fields (a plan, a round, a process, a team, an application, an
// appointment) is read from a JSON file holding the command message in
// protobuf's JSON form (docs/DEVELOPMENT.md has examples). Each prints
// its result (a table, or JSON with --output=json) and returns the exit
// code, like Client's own methods.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_DEVELOPMENT_CLIENT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_DEVELOPMENT_CLIENT_H_

#include <string>
#include <vector>

#include "tools/tutornetctl/client.h"

namespace tutornet::ctl {

// `what`: plan, revision, round, process, team, work-pair or mentor.
int SendDevelopmentFile(Client& c, const std::string& what,
                        const std::string& file);

int DefineArea(Client& c, const std::string& network, const std::string& area,
               const std::vector<std::string>& names);
int DefineMethod(Client& c, const std::string& network,
                 const std::string& method,
                 const std::vector<std::string>& names);
int ShowCatalogue(Client& c, const std::string& network);

// `approve` false: return the plan with `comment`.
int DecidePlan(Client& c, bool approve, const std::vector<std::string>& args);
int ShowPlan(Client& c, const std::string& network, const std::string& person,
             const std::string& year);
int ListPlans(Client& c, const std::string& network, const std::string& year,
              const std::string& school);
int PlanAgainstActual(Client& c, const std::string& network,
                      const std::string& year, const std::string& person,
                      const std::string& school);

// `answers`: "AREA=LEVEL,..." with basic, advanced, developer or
// needs-training.
int AnswerMapping(Client& c, const std::string& round,
                  const std::string& person, const std::string& school,
                  const std::string& answers);
int CloseRound(Client& c, const std::string& round);
int MappingResults(Client& c, const std::string& round,
                   const std::string& region, const std::string& municipality,
                   const std::string& school);
int MappingAnswers(Client& c, const std::string& round,
                   const std::string& person, const std::string& school);

// `means`: "training:ID", or the other means in words.
int AddPlanItem(Client& c, const std::vector<std::string>& args);
int SetItemStatus(Client& c, const std::vector<std::string>& args);
int ShowTrainingPlan(Client& c, const std::string& network,
                     const std::string& person);

int EnterPhase(Client& c, const std::string& process, const std::string& phase,
               const std::string& date, const std::string& notes);
int RecordMethod(Client& c, const std::vector<std::string>& args);
int CloseProcess(Client& c, const std::string& process,
                 const std::string& reason);
int ShowProcess(Client& c, const std::string& process);
int ListProcesses(Client& c, const std::string& network);

// `approve` false: refuse with `reason`.
int DecideWorkPair(Client& c, const std::string& period, bool approve,
                   const std::string& reason);
int FileGoals(Client& c, const std::string& period, const std::string& goals,
              const std::string& supervisors);
int RecordDay(Client& c, const std::string& period, const std::string& date,
              const std::string& note);
int FileFollowUp(Client& c, const std::vector<std::string>& args,
                 const std::string& gender);
int CloseWorkPair(Client& c, const std::string& period,
                  const std::string& shortened_reason);
int ShowWorkPair(Client& c, const std::string& period);
int ListWorkPairs(Client& c, const std::string& network);
int WorkPairFigures(Client& c, const std::string& network,
                    const std::string& year);

// `goals`: "INDEX=PROGRESS,..." with not-started, in-progress, achieved
// or not-achieved.
int FollowUpMentor(Client& c, const std::string& mentorship,
                   const std::string& goals);
int EndMentorship(Client& c, const std::string& mentorship,
                  const std::string& reason);
int ShowMentorship(Client& c, const std::string& mentorship);
int ListMentorships(Client& c, const std::string& network,
                    const std::string& unit);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_DEVELOPMENT_CLIENT_H_
