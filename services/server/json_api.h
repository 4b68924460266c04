// Read calls as JSON over HTTP, next to gRPC: one schema, two transports.
//
//   POST /v1/<package.Service>/<Method>
//   Authorization: Bearer <token>
//   Content-Type: application/json
//   <the request message in protobuf's JSON mapping>
//
// answers 200 with the response message in the same mapping (what the
// gRPC call returns), or an error {"code": "PERMISSION_DENIED", "message":
// "..."} with the HTTP status its gRPC code maps to (400, 401, 403, 404,
// 405, 409, 413, 503, 504; 500 says nothing of the inside). The request's
// position_tokens are waited for as the gRPC call waits. The HTTP
// listener (PublicDocuments) serves these routes beside the public badge
// documents.
#ifndef TUTORNET_SERVICES_SERVER_JSON_API_H_
#define TUTORNET_SERVICES_SERVER_JSON_API_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/projections/projector.h"
#include "services/server/rpc.h"

namespace tutornet::server {

// One method: (authorization header, body) -> the response's JSON.
using JsonMethod = std::function<absl::StatusOr<std::string>(
    absl::string_view authorization, absl::string_view body)>;
// By route: "/v1/tutornet.v1.DashboardService/GetDashboard".
using JsonMethods = std::map<std::string, JsonMethod>;

// The HTTP status of an error, and its body.
int JsonErrorStatus(const absl::Status& status);
std::string JsonError(const absl::Status& status);

namespace internal {
absl::Status ParseJsonRequest(absl::string_view body,
                              google::protobuf::Message* request);
absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& m);
}  // namespace internal

// A method that authenticates the header like a gRPC call, parses the body
// strictly (unknown fields are INVALID_ARGUMENT), waits for the request's
// tokens in `views`, and answers `call(principal, request)`.
template <typename Request, typename Response>
JsonMethod JsonCall(
    const ServerCore& core, std::vector<const projections::Projector*> views,
    std::function<absl::StatusOr<Response>(const Principal&, const Request&)>
        call) {
  return [&core, views, call](
             absl::string_view authorization,
             absl::string_view body) -> absl::StatusOr<std::string> {
    absl::StatusOr<Principal> p = core.tokens.Authenticate(authorization);
    if (!p.ok()) return p.status();
    Request request;
    if (absl::Status s = internal::ParseJsonRequest(body, &request); !s.ok()) {
      return s;
    }
    if (absl::Status s = AwaitTokens(core, request.position_tokens(), views);
        !s.ok()) {
      return s;
    }
    absl::StatusOr<Response> response = call(*p, request);
    if (!response.ok()) return response.status();
    return internal::PrintJson(*response);
  };
}

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_JSON_API_H_
