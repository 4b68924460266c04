// The calls every service's client file makes, for any service's stub: a
// command with a fresh request id, a command read from a JSON file, a
// query printed as a table or as JSON. Each returns the exit code.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_CALLS_H_
#define TUTORNET_TOOLS_TUTORNETCTL_CALLS_H_

#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "tools/tutornetctl/client.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/convert.h"
#include "tools/tutornetctl/output.h"

namespace tutornet::ctl {

// Sends `req` (its command already set) with a fresh request id by
// `method` of `stub`, and reports the result.
template <typename Stub, typename Request>
int SendCommand(Client& c, Stub& stub,
                grpc::Status (Stub::*method)(grpc::ClientContext*,
                                             const Request&,
                                             v1::CommandResult*),
                Request& req) {
  req.mutable_header()->set_request_id(RandomRequestId());
  v1::CommandResult res;
  return c.Report(FromGrpc((stub.*method)(c.Context().get(), req, &res)), res);
}

// The command of `req` from a JSON file (protobuf's JSON form).
template <typename Request>
absl::Status ReadCommand(const std::string& file, Request& req) {
  std::ifstream in(file);
  if (!in) return absl::NotFoundError(absl::StrCat(file, ": cannot be read"));
  std::stringstream text;
  text << in.rdbuf();
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      text.str(), req.mutable_command());
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(file, ": not a ", req.command().GetTypeName(), " (",
                     std::string(parsed.message()), ")"));
  }
  return absl::OkStatus();
}

template <typename Stub, typename Request>
int SendCommandFromFile(Client& c, Stub& stub,
                        grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                     const Request&,
                                                     v1::CommandResult*),
                        const std::string& file) {
  Request req;
  const absl::Status read = ReadCommand(file, req);
  if (!read.ok()) return BadArgument(read);
  return SendCommand(c, stub, method, req);
}

// Runs a query and prints it as JSON when asked or when `table` is null.
template <typename Stub, typename Request, typename Response>
int RunQuery(Client& c, Stub& stub,
             grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                          Response*),
             const Request& req, void (*table)(const Response&)) {
  Response res;
  const grpc::Status s = (stub.*method)(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (table == nullptr) {
    PrintJson(res);
  } else if (!PrintedAsJson(res)) {
    table(res);
  }
  return kExitOk;
}

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_CALLS_H_
