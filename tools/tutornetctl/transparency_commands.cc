// The transparency service's commands: each log's signed tree heads and
// the proofs against them, verified by the client; the online audit.
#include "absl/flags/flag.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/transparency_client.h"

ABSL_FLAG(std::string, log_key, "",
          "log head/prove/consistency: a file with the log's id and public "
          "key as `tutornet_audit --print_public_key` prints them, to check "
          "heads against instead of what the server says.");

namespace tutornet::ctl {

CommandGroup TransparencyCommands() {
  return {
      "Transparency (every log's signed tree heads and proofs)",
      {
          {"log list", "",
           "every log: records, the latest signed head, the log's id", 0, 0,
           [](Client& c, const Args&) { return ListLogs(c); }},
          {"log head", "LOG [SIZE] [--log_key=FILE]",
           "the latest signed head (or that of SIZE records), its signature "
           "checked with the log's key; exit 5 if it does not verify",
           1, 2,
           [](Client& c, const Args& a) {
             return ShowHead(c, a[0], a.size() > 1 ? a[1] : "",
                             absl::GetFlag(FLAGS_log_key));
           }},
          {"log prove", "LOG POSITION [SIZE] [--log_key=FILE]",
           "prove a record is in the latest signed head (or that of SIZE) "
           "and verify the proof here; exit 5 if it fails",
           2, 3,
           [](Client& c, const Args& a) {
             return ProveRecord(c, a[0], a[1], a.size() > 2 ? a[2] : "",
                                absl::GetFlag(FLAGS_log_key));
           }},
          {"log consistency", "LOG OLD [NEW] [--log_key=FILE]",
           "prove the signed head of OLD records (a size a head was signed "
           "for) is a prefix of the latest (or of NEW); exit 5 if it fails",
           2, 3,
           [](Client& c, const Args& a) {
             return ProveConsistency(c, a[0], a[1], a.size() > 2 ? a[2] : "",
                                     absl::GetFlag(FLAGS_log_key));
           }},
          {"log audit", "LOG",
           "audit a serving log (admins): every record, tree node and kept "
           "head; exit 0 intact, 5 not",
           1, 1, [](Client& c, const Args& a) { return AuditLog(c, a[0]); }},
      }};
}

}  // namespace tutornet::ctl
