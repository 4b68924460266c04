#include "services/server/json_api.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "nlohmann/json.hpp"

namespace tutornet::server {

int JsonErrorStatus(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kAlreadyExists:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return 413;
    case absl::StatusCode::kUnimplemented:
      return 405;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

std::string JsonError(const absl::Status& status) {
  const bool inside = JsonErrorStatus(status) == 500;
  return nlohmann::json{{"code", absl::StatusCodeToString(status.code())},
                        {"message", inside ? std::string("internal error")
                                           : std::string(status.message())}}
      .dump();
}

namespace internal {

absl::Status ParseJsonRequest(absl::string_view body,
                              google::protobuf::Message* request) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(body.data(), body.size()), request,
      options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "body: not a ", request->GetDescriptor()->full_name(),
        " in protobuf's JSON mapping: ", parsed.message().as_string()));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> PrintJson(const google::protobuf::Message& m) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  const auto printed =
      google::protobuf::util::MessageToJsonString(m, &json, options);
  if (!printed.ok()) {
    return absl::InternalError(printed.message().as_string());
  }
  return json;
}

}  // namespace internal
}  // namespace tutornet::server
