// tutornetctl's training commands: trainings, registration, attendance,
// feedback; meetings, takeovers and peer groups; reach and yearly figures.
// A command with many fields (a training, a meeting, a takeover, a peer
// group or one of its meetings) is read from a JSON file holding the
// command message in protobuf's JSON form (docs/TRAINING.md has examples).
// Each prints its result (a table, or JSON with --output=json) and returns
// the exit code, like Client's own methods.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_TRAINING_CLIENT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_TRAINING_CLIENT_H_

#include <string>
#include <vector>

#include "tools/tutornetctl/client.h"

namespace tutornet::ctl {

// `what`: training, meeting, takeover, peer-group or peer-meeting.
int CreateFromFile(Client& c, const std::string& what, const std::string& file);
int CancelTraining(Client& c, const std::string& training,
                   const std::string& reason);
int RegisterForTraining(Client& c, const std::string& training,
                        const std::string& person, const std::string& school);
int CancelRegistration(Client& c, const std::string& training,
                       const std::string& person);
int RecordAttendance(Client& c, const std::string& training,
                     const std::string& session,
                     const std::vector<std::string>& present);
int GiveFeedback(Client& c, const std::string& training,
                 const std::string& person, const std::string& score,
                 const std::string& comment);
int CloseFeedback(Client& c, const std::string& training);
int CloseFollowUp(Client& c, const std::string& training,
                  const std::string& note);
int RecordMeetingAttendance(Client& c, const std::string& meeting,
                            const std::vector<std::string>& present);
int RecordMinutes(Client& c, const std::string& meeting,
                  const std::string& ref);
int RecordFacilitator(Client& c, const std::string& network,
                      const std::string& person, const std::string& date,
                      const std::string& provider);
int ClosePeerGroup(Client& c, const std::string& group);

struct TrainingFilter {
  bool all = false, online = false;
  std::string language, level, region;
};
int ListTrainings(Client& c, const std::string& network,
                  const TrainingFilter& filter);
int ShowTraining(Client& c, const std::string& network,
                 const std::string& training);
int ListRegistrations(Client& c, const std::string& network,
                      const std::string& person);
int ShowCertificate(Client& c, const std::string& network,
                    const std::string& training, const std::string& person);
int ListFollowUps(Client& c, const std::string& network);
int ShowReach(Client& c, const std::string& network, const std::string& from,
              const std::string& to, const std::string& region,
              const std::string& municipality, const std::string& school);
int ListMeetings(Client& c, const std::string& network);
int ListPeerGroups(Client& c, const std::string& network);
int ShowYearFigures(Client& c, const std::string& network,
                    const std::string& year);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_TRAINING_CLIENT_H_
