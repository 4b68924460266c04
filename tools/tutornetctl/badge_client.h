// tutornetctl's badge commands: badge classes (from a JSON file holding a
// DefineBadgeClass in protobuf's JSON form, docs/BADGES.md), applications
// and their review, awards, revocations, credentials and figures. Each
// prints its result (a table, or JSON with --output=json) and returns the
// exit code, like Client's own methods.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_BADGE_CLIENT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_BADGE_CLIENT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "tools/tutornetctl/client.h"

namespace tutornet::ctl {

int DefineBadgeClass(Client& c, const std::string& file);
int RetireBadgeClass(Client& c, const std::string& network,
                     const std::string& class_id, const std::string& reason);
int NameReviewers(Client& c, const std::string& network,
                  const std::string& class_id,
                  const std::vector<std::string>& reviewers);
// One piece of evidence: a narrative, and a link when `url` is not empty.
int ApplyForBadge(Client& c, const std::string& network,
                  const std::string& person, const std::string& application,
                  const std::string& class_id, const std::string& school,
                  const std::string& narrative, const std::string& url);
// `kind`: colleague or supervisor.
int RecogniseApplication(Client& c, const std::string& network,
                         const std::string& person,
                         const std::string& application,
                         const std::string& kind, const std::string& comment);
// `outcome`: accept, return or reject.
int ReviewApplication(Client& c, const std::string& network,
                      const std::string& person, const std::string& application,
                      const std::string& outcome, const std::string& comment);
int ReviseApplication(Client& c, const std::string& network,
                      const std::string& person, const std::string& application,
                      const std::string& narrative, const std::string& url,
                      const std::string& note);
int RevokeAward(Client& c, const std::string& network,
                const std::string& person, const std::string& award,
                const std::string& reason);
// For the CSV import: one award, with the line's request id.
absl::Status SendImportAward(Client& c, const std::string& request_id,
                             const std::string& network,
                             const std::vector<std::string>& fields);

int ListBadgeClasses(Client& c, const std::string& network, bool all);
int ListPersonBadges(Client& c, const std::string& network,
                     const std::string& person);
int ListReviewQueue(Client& c, const std::string& network,
                    const std::string& class_id);
// `what`: a class id, or level-1..level-3.
int ListHolders(Client& c, const std::string& network, const std::string& what);
int ShowBadgeFigures(Client& c, const std::string& network,
                     const std::string& region, const std::string& municipality,
                     const std::string& school, const std::string& year);
// Prints the credential's VC-JWT (or writes it to `out`); the whole
// Credential with --output=json.
int GetCredential(Client& c, const std::string& network,
                  const std::string& person, const std::string& award,
                  const std::string& language, const std::string& out);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_BADGE_CLIENT_H_
