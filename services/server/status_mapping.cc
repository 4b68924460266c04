#include "services/server/status_mapping.h"

#include <string>

#include "services/commands/request.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::server {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl::StatusCode and grpc::StatusCode share their numbering (both follow
  // google.rpc.Code).
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  // A version conflict carries the stream's current version in the binary
  // details: a google.rpc.Status (our wire-compatible v1::RpcStatus) with
  // the v1::WrongExpectedVersion packed in an Any.
  if (std::optional<v1::WrongExpectedVersion> conflict =
          commands::WrongExpectedVersionOf(status)) {
    v1::RpcStatus details;
    details.set_code(static_cast<int>(status.code()));
    details.set_message(message);
    details.add_details()->PackFrom(*conflict);
    return grpc::Status(code, message, details.SerializeAsString());
  }
  return grpc::Status(code, message);
}

v1::RpcStatus ToRpcStatus(const absl::Status& status) {
  v1::RpcStatus out;
  out.set_code(static_cast<int>(status.code()));
  out.set_message(std::string(status.message()));
  if (std::optional<v1::WrongExpectedVersion> conflict =
          commands::WrongExpectedVersionOf(status)) {
    out.add_details()->PackFrom(*conflict);
  }
  return out;
}

}  // namespace tutornet::server
