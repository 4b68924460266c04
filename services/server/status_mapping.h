// The one place where an absl::Status becomes a grpc::Status. Everything
// below the server layer returns absl::Status; the codes are the same
// numbers, and the message is kept.
#ifndef TUTORNET_SERVICES_SERVER_STATUS_MAPPING_H_
#define TUTORNET_SERVICES_SERVER_STATUS_MAPPING_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace tutornet::server {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_STATUS_MAPPING_H_
