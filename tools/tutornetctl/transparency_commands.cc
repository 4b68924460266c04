// The transparency service's commands: each log's signed tree heads and
// the proofs against them, verified by the client; the online audit.
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/transparency_client.h"

namespace tutornet::ctl {

CommandGroup TransparencyCommands() {
  return {
      "Transparency (every log's signed tree heads and proofs)",
      {
          {"log list", "",
           "every log: records, the latest signed head, the log's id", 0, 0,
           [](Client& c, const Args&) { return ListLogs(c); }},
          {"log head", "LOG [SIZE]",
           "the latest signed head (or that of SIZE records), its signature "
           "checked with the log's key",
           1, 2,
           [](Client& c, const Args& a) {
             return ShowHead(c, a[0], a.size() > 1 ? a[1] : "");
           }},
          {"log prove", "LOG POSITION [SIZE]",
           "prove a record is in the latest signed head (or that of SIZE) "
           "and verify the proof here; exit 3 if it fails",
           2, 3,
           [](Client& c, const Args& a) {
             return ProveRecord(c, a[0], a[1], a.size() > 2 ? a[2] : "");
           }},
          {"log consistency", "LOG OLD [NEW]",
           "prove the signed head of OLD records is a prefix of the latest "
           "(or of NEW) and verify it here; exit 3 if it fails",
           2, 3,
           [](Client& c, const Args& a) {
             return ProveConsistency(c, a[0], a[1], a.size() > 2 ? a[2] : "");
           }},
          {"log audit", "LOG",
           "audit a serving log (admins): every record, tree node and kept "
           "head; exit 0 intact, 3 not",
           1, 1, [](Client& c, const Args& a) { return AuditLog(c, a[0]); }},
      }};
}

}  // namespace tutornet::ctl
