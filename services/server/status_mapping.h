// The one place where an absl::Status becomes a grpc::Status. Everything
// below the server layer returns absl::Status; the codes are the same
// numbers, and the message is kept.
#ifndef TUTORNET_SERVICES_SERVER_STATUS_MAPPING_H_
#define TUTORNET_SERVICES_SERVER_STATUS_MAPPING_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::server {

grpc::Status ToGrpcStatus(const absl::Status& status);
// The same as a message, for a status inside a response (one item of a
// batch): code, message and, for a version conflict, its details.
v1::RpcStatus ToRpcStatus(const absl::Status& status);

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_STATUS_MAPPING_H_
