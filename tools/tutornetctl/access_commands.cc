// Access tokens (admins only).
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "tools/tutornetctl/commands.h"

ABSL_DECLARE_FLAG(std::string, regions);
ABSL_DECLARE_FLAG(std::string, projects);

namespace tutornet::ctl {

CommandGroup AccessCommands() {
  return {"Access tokens (admins)",
          {
              {"token create",
               "PRINCIPAL ROLE [NETWORK] [--regions=..] [--projects=..]",
               "make a token, shown once (roles: admin network_coordinator "
               "regional_coordinator tutor funder)",
               2, 3,
               [](Client& c, const Args& a) {
                 return c.CreateToken(a[0], a[1], a.size() > 2 ? a[2] : "",
                                      CommaList(absl::GetFlag(FLAGS_regions)),
                                      CommaList(absl::GetFlag(FLAGS_projects)));
               }},
              {"token revoke", "PRINCIPAL",
               "revoke every token of a principal (never the last admin's)", 1,
               1, [](Client& c, const Args& a) { return c.RevokeToken(a[0]); }},
          }};
}

}  // namespace tutornet::ctl
