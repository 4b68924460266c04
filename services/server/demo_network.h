// The demo network: a fictional network shaped like the Central Finland
// tutor-teacher network (21 municipalities in 6 regions plus a
// teacher-training school), loaded through the public gRPC API as any client
// would. Municipality names are the real, public ones; every person and school
// is invented.
#ifndef TUTORNET_SERVICES_SERVER_DEMO_NETWORK_H_
#define TUTORNET_SERVICES_SERVER_DEMO_NETWORK_H_

#include <string>

#include "absl/status/statusor.h"

namespace tutornet::server {

// Loads the demo network into the server at `address`, authenticating with
// the admin token in `token_dir`/admin.token. Idempotent: every command has a
// fixed request id. With `hours`, also a funded project ("oph-tutor") and
// last month's hours of three tutors, and the trainings, meetings, school
// takeover and peer group of demo_training.cc (ids naming the month).
// Returns a one-line summary.
absl::StatusOr<std::string> LoadDemoNetwork(const std::string& address,
                                            const std::string& token_dir,
                                            bool hours = true);

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_DEMO_NETWORK_H_
