// The badge service's commands: classes, applications and reviews,
// awards and their CSV import, credentials, figures.
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "tools/tutornetctl/badge_client.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/csv_import.h"

ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(std::string, municipality);
ABSL_DECLARE_FLAG(std::string, school);
ABSL_DECLARE_FLAG(std::string, language);
ABSL_DECLARE_FLAG(bool, all);

namespace tutornet::ctl {

CommandGroup BadgeCommands() {
  return {
      "Badges (classes, applications, reviews, awards, credentials)",
      {
          {"badge define", "FILE.json",
           "define a badge class from a DefineBadgeClass in JSON "
           "(docs/BADGES.md)",
           1, 1,
           [](Client& c, const Args& a) { return DefineBadgeClass(c, a[0]); }},
          {"badge retire", "NETWORK CLASS REASON",
           "no new applications or imports (open ones may still be decided); "
           "what was awarded stays",
           3, 3,
           [](Client& c, const Args& a) {
             return RetireBadgeClass(c, a[0], a[1], a[2]);
           }},
          {"badge reviewers", "NETWORK CLASS PERSON,PERSON..",
           "name who reviews the class's applications", 3, 3,
           [](Client& c, const Args& a) {
             return NameReviewers(c, a[0], a[1], CommaList(a[2]));
           }},
          {"badge classes", "NETWORK [--all]",
           "the network's badge classes (--all: the retired too)", 1, 1,
           [](Client& c, const Args& a) {
             return ListBadgeClasses(c, a[0], absl::GetFlag(FLAGS_all));
           }},
          {"badge apply",
           "NETWORK PERSON APPLICATION CLASS SCHOOL NARRATIVE [URL]",
           "apply for a badge with evidence (yourself)", 6, 7,
           [](Client& c, const Args& a) {
             return ApplyForBadge(c, a[0], a[1], a[2], a[3], a[4], a[5],
                                  a.size() > 6 ? a[6] : "");
           }},
          {"badge recognise",
           "NETWORK PERSON APPLICATION colleague|supervisor [COMMENT]",
           "recognise a colleague's work (supervisor: their principal)", 4, 5,
           [](Client& c, const Args& a) {
             return RecogniseApplication(c, a[0], a[1], a[2], a[3],
                                         a.size() > 4 ? a[4] : "");
           }},
          {"badge review",
           "NETWORK PERSON APPLICATION accept|return|reject [COMMENT]",
           "review an application (return and reject need a comment)", 4, 5,
           [](Client& c, const Args& a) {
             return ReviewApplication(c, a[0], a[1], a[2], a[3],
                                      a.size() > 4 ? a[4] : "");
           }},
          {"badge revise", "NETWORK PERSON APPLICATION NARRATIVE [URL [NOTE]]",
           "revise your returned application and submit it again", 4, 6,
           [](Client& c, const Args& a) {
             return ReviseApplication(c, a[0], a[1], a[2], a[3],
                                      a.size() > 4 ? a[4] : "",
                                      a.size() > 5 ? a[5] : "");
           }},
          {"badge revoke", "NETWORK PERSON AWARD REASON",
           "revoke an award (a level badge that no longer holds goes too)", 4,
           4,
           [](Client& c, const Args& a) {
             return RevokeAward(c, a[0], a[1], a[2], a[3]);
           }},
          {"badge import", "NETWORK FILE.csv",
           "awards earned elsewhere, a line each: person_id,award_id,"
           "class_id,school_id,issued_on,source (rerunning adds nothing)",
           2, 2,
           [](Client& c, const Args& a) {
             return ImportAwards(c, a[0], a[1]);
           }},
          {"badge list", "NETWORK PERSON", "a person's awards and applications",
           2, 2,
           [](Client& c, const Args& a) {
             return ListPersonBadges(c, a[0], a[1]);
           }},
          {"badge queue", "NETWORK [CLASS]",
           "applications waiting for your review", 1, 2,
           [](Client& c, const Args& a) {
             return ListReviewQueue(c, a[0], a.size() > 1 ? a[1] : "");
           }},
          {"badge holders", "NETWORK CLASS|level-N",
           "who holds a class or a level badge now", 2, 2,
           [](Client& c, const Args& a) { return ListHolders(c, a[0], a[1]); }},
          {"badge figures",
           "NETWORK [YEAR] [--region=..|--municipality=..|--school=..]",
           "level badge holders against the permanent teachers and the "
           "100/90/20 % targets",
           1, 2,
           [](Client& c, const Args& a) {
             return ShowBadgeFigures(c, a[0], absl::GetFlag(FLAGS_region),
                                     absl::GetFlag(FLAGS_municipality),
                                     absl::GetFlag(FLAGS_school),
                                     a.size() > 1 ? a[1] : "");
           }},
          {"badge credential",
           "NETWORK PERSON AWARD [FILE] [--language=fi|sv|en]",
           "the award as an Open Badges 3.0 credential (VC-JWT), printed "
           "or written to FILE",
           3, 4,
           [](Client& c, const Args& a) {
             return GetCredential(c, a[0], a[1], a[2],
                                  absl::GetFlag(FLAGS_language),
                                  a.size() > 3 ? a[3] : "");
           }},
      }};
}

}  // namespace tutornet::ctl
