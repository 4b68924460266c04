// tutornetctl's transparency commands: each log's signed tree heads and
// the proofs against them, checked here with storage/merkle/, and an
// online audit with a progress bar. Heads are checked against the key and
// log id pinned with `pinned_key` (a file as `tutornet_audit
// --print_public_key` writes it: "log id: ..." and the PEM key); without
// one, against those the server names, which proves the answers agree
// with each other but not that the server is the log's (a warning says
// so).
//
// Exit codes: 0 verified or intact; kExitUnverified (5) when a signature,
// a proof, a record or the log itself does not hold; otherwise as Fail.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_TRANSPARENCY_CLIENT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_TRANSPARENCY_CLIENT_H_

#include <string>

#include "absl/status/statusor.h"
#include "tools/tutornetctl/client.h"
#include "tutornet/v1/transparency_service.pb.h"

namespace tutornet::ctl {

// The log's id and key: read from `pinned_key` when given, else as the
// server names them (with a warning on stderr).
absl::StatusOr<v1::LogInfo> PinnedLogInfo(Client& c, const std::string& log,
                                          const std::string& pinned_key);

int ListLogs(Client& c);
// `size` empty: the latest head.
int ShowHead(Client& c, const std::string& log, const std::string& size,
             const std::string& pinned_key);
// Fetches the head and the proof and verifies both.
int ProveRecord(Client& c, const std::string& log, const std::string& position,
                const std::string& size, const std::string& pinned_key);
int ProveConsistency(Client& c, const std::string& log,
                     const std::string& old_size, const std::string& new_size,
                     const std::string& pinned_key);
// Exit 0 intact, 5 not intact (the finding printed), 2 could not audit.
int AuditLog(Client& c, const std::string& log);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_TRANSPARENCY_CLIENT_H_
