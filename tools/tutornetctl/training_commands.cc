// The training service's commands: trainings, registration, attendance,
// feedback, meetings, takeovers, peer groups, reach.
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/training_client.h"

ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(std::string, municipality);
ABSL_DECLARE_FLAG(std::string, school);
ABSL_DECLARE_FLAG(std::string, language);
ABSL_FLAG(bool, all, false,
          "training list: every training, not only those open for "
          "registration now.");
ABSL_FLAG(bool, online, false, "training list: online trainings only.");
ABSL_FLAG(std::string, level, "",
          "training list: basic, advanced or developer.");

namespace tutornet::ctl {

CommandGroup TrainingCommands() {
  return {
      "Training (trainings, meetings, takeovers, peer groups, reach)",
      {
          {"training create", "FILE.json",
           "create a training from a CreateTraining in JSON "
           "(docs/TRAINING.md)",
           1, 1,
           [](Client& c, const Args& a) {
             return CreateFromFile(c, "training", a[0]);
           }},
          {"training cancel", "TRAINING REASON", "cancel a training", 2, 2,
           [](Client& c, const Args& a) {
             return CancelTraining(c, a[0], a[1]);
           }},
          {"training register", "TRAINING PERSON SCHOOL",
           "register someone (yourself, or as an organiser) at their school", 3,
           3,
           [](Client& c, const Args& a) {
             return RegisterForTraining(c, a[0], a[1], a[2]);
           }},
          {"training unregister", "TRAINING PERSON",
           "cancel a registration (the place goes to the first in line)", 2, 2,
           [](Client& c, const Args& a) {
             return CancelRegistration(c, a[0], a[1]);
           }},
          {"training attend", "TRAINING SESSION PERSON,PERSON..",
           "record who was present at a session (1 = the first)", 2, 3,
           [](Client& c, const Args& a) {
             return RecordAttendance(c, a[0], a[1],
                                     CommaList(a.size() > 2 ? a[2] : ""));
           }},
          {"training feedback", "TRAINING PERSON SCORE [COMMENT]",
           "give your feedback, 1-5, after the last session", 3, 4,
           [](Client& c, const Args& a) {
             return GiveFeedback(c, a[0], a[1], a[2], a.size() > 3 ? a[3] : "");
           }},
          {"training close-feedback", "TRAINING",
           "close the feedback (an average below 3.5 opens a follow-up)", 1, 1,
           [](Client& c, const Args& a) { return CloseFeedback(c, a[0]); }},
          {"training follow-up", "TRAINING NOTE",
           "close the follow-up with what the discussion concluded", 2, 2,
           [](Client& c, const Args& a) {
             return CloseFollowUp(c, a[0], a[1]);
           }},
          {"training list",
           "NETWORK [--all] [--language=fi|sv|en] [--level=..] [--region=..] "
           "[--online]",
           "trainings open for registration now (or all)", 1, 1,
           [](Client& c, const Args& a) {
             return ListTrainings(
                 c, a[0],
                 {absl::GetFlag(FLAGS_all), absl::GetFlag(FLAGS_online),
                  absl::GetFlag(FLAGS_language), absl::GetFlag(FLAGS_level),
                  absl::GetFlag(FLAGS_region)});
           }},
          {"training show", "NETWORK TRAINING",
           "a training (participants, waiting list and comments for its "
           "organisers and trainers)",
           2, 2,
           [](Client& c, const Args& a) {
             return ShowTraining(c, a[0], a[1]);
           }},
          {"training registrations", "NETWORK PERSON",
           "a person's registrations and certificates", 2, 2,
           [](Client& c, const Args& a) {
             return ListRegistrations(c, a[0], a[1]);
           }},
          {"training certificate", "NETWORK TRAINING PERSON",
           "a certificate of attendance (every session attended)", 3, 3,
           [](Client& c, const Args& a) {
             return ShowCertificate(c, a[0], a[1], a[2]);
           }},
          {"training follow-ups", "NETWORK", "open follow-up tasks", 1, 1,
           [](Client& c, const Args& a) { return ListFollowUps(c, a[0]); }},
          {"training reach",
           "NETWORK FROM TO [--region=..|--municipality=..|--school=..]",
           "trainings held, teachers trained and their share of permanent "
           "teachers",
           3, 3,
           [](Client& c, const Args& a) {
             return ShowReach(c, a[0], a[1], a[2], absl::GetFlag(FLAGS_region),
                              absl::GetFlag(FLAGS_municipality),
                              absl::GetFlag(FLAGS_school));
           }},
          {"meeting create", "FILE.json",
           "create a tutor or coordination-group meeting (a CreateMeeting)", 1,
           1,
           [](Client& c, const Args& a) {
             return CreateFromFile(c, "meeting", a[0]);
           }},
          {"meeting attend", "MEETING PERSON,PERSON..",
           "record who attended a meeting", 2, 2,
           [](Client& c, const Args& a) {
             return RecordMeetingAttendance(c, a[0], CommaList(a[1]));
           }},
          {"meeting minutes", "MEETING REF",
           "record where the minutes are (a document reference or URL)", 2, 2,
           [](Client& c, const Args& a) {
             return RecordMinutes(c, a[0], a[1]);
           }},
          {"meeting list", "NETWORK", "meetings and school takeovers", 1, 1,
           [](Client& c, const Args& a) { return ListMeetings(c, a[0]); }},
          {"takeover record", "FILE.json",
           "record a school takeover (a RecordTakeover)", 1, 1,
           [](Client& c, const Args& a) {
             return CreateFromFile(c, "takeover", a[0]);
           }},
          {"facilitator record", "NETWORK PERSON YYYY-MM-DD PROVIDER",
           "record a person's peer-group facilitator training", 4, 4,
           [](Client& c, const Args& a) {
             return RecordFacilitator(c, a[0], a[1], a[2], a[3]);
           }},
          {"peer-group create", "FILE.json",
           "create a peer-mentoring group (a CreatePeerGroup)", 1, 1,
           [](Client& c, const Args& a) {
             return CreateFromFile(c, "peer-group", a[0]);
           }},
          {"peer-group meet", "FILE.json",
           "record a group's meeting (a HoldPeerMeeting)", 1, 1,
           [](Client& c, const Args& a) {
             return CreateFromFile(c, "peer-meeting", a[0]);
           }},
          {"peer-group close", "GROUP", "close a group after its meetings", 1,
           1, [](Client& c, const Args& a) { return ClosePeerGroup(c, a[0]); }},
          {"peer-group list", "NETWORK", "peer groups and trained facilitators",
           1, 1,
           [](Client& c, const Args& a) { return ListPeerGroups(c, a[0]); }},
          {"training figures", "NETWORK YEAR",
           "a year's meetings, takeovers and peer-group participants", 2, 2,
           [](Client& c, const Args& a) {
             return ShowYearFigures(c, a[0], a[1]);
           }},
      }};
}

}  // namespace tutornet::ctl
