// Operating the server (admins): projections' lag and rebuilds.
#include "tools/tutornetctl/commands.h"

namespace tutornet::ctl {

CommandGroup OperationsCommands() {
  return {
      "Operations (admins)",
      {
          {"projection list", "",
           "each projection: how far it has applied each log, its lag", 0, 0,
           [](Client& c, const Args&) { return c.ListProjections(); }},
          {"projection rebuild", "NAME",
           "replay a projection from zero into a fresh copy and swap it "
           "in (its queries go on meanwhile; see progress with "
           "projection list)",
           1, 1,
           [](Client& c, const Args& a) { return c.RebuildProjection(a[0]); }},
      }};
}

}  // namespace tutornet::ctl
