// tutornetctl's transparency commands: each log's signed tree heads and
// the proofs against them, checked here with storage/merkle/ (the client
// trusts the server for nothing it can verify), and an online audit with
// a progress bar.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_TRANSPARENCY_CLIENT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_TRANSPARENCY_CLIENT_H_

#include <string>

#include "tools/tutornetctl/client.h"

namespace tutornet::ctl {

int ListLogs(Client& c);
// `size` empty: the latest head.
int ShowHead(Client& c, const std::string& log, const std::string& size);
// Fetches the head and the proof and verifies both; exit 0 when they hold,
// 3 when they do not.
int ProveRecord(Client& c, const std::string& log, const std::string& position,
                const std::string& size);
int ProveConsistency(Client& c, const std::string& log,
                     const std::string& old_size, const std::string& new_size);
// Exit 0 intact, 3 tampered (the finding printed), 2 could not audit.
int AuditLog(Client& c, const std::string& log);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_TRANSPARENCY_CLIENT_H_
