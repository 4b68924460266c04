// The shared pair of helpers every service's RPC bodies stand on, so that
// a body is one line: ServeCommand and ServeQuery authenticate the call,
// run the work on the executor (never on gRPC's threads), map the status
// and finish the call. Queries first wait, without holding a thread, until
// the views they read have reached the caller's position tokens.
//
// Only the server layer includes this (it is grpc++).
#ifndef TUTORNET_SERVICES_SERVER_RPC_H_
#define TUTORNET_SERVICES_SERVER_RPC_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/repeated_field.h"
#include "services/commands/command_runner.h"
#include "services/projections/position_token.h"
#include "services/projections/projector.h"
#include "services/server/declared_service.h"
#include "services/server/executor.h"
#include "services/server/read_waits.h"
#include "services/server/tokens.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::server {

// What every RPC body shares. Requires: everything here outlives the
// services that use it.
struct ServerCore {
  const TokenStore& tokens;
  Executor& executor;
  ReadWaits& waits;
  // Every log of the server by name: tokens naming another are refused.
  std::map<std::string, const storage::EventLog*> logs;
  // How long a read waits for its tokens at most.
  absl::Duration max_read_wait = absl::Seconds(5);
};

// The principal of a call's "authorization" metadata.
absl::StatusOr<Principal> AuthenticateCall(const TokenStore& tokens,
                                           const grpc::ServerContextBase& ctx);

// AuthenticateCall as a DeclaredService wants it.
Authenticate AuthenticatorOf(const ServerCore& core);

// Fills a CommandResult from an outcome of a command on `log`.
void FillResult(const std::string& log, const commands::CommandOutcome& o,
                v1::CommandResult* result);

// Authenticates, then runs `call(principal)` on the executor and finishes
// the call with its status (committing the response first when it is OK).
grpc::ServerUnaryReactor* ServeCall(
    ServerCore& core, const Rpc& rpc,
    std::function<absl::Status(const Principal&)> call);

// Authenticates; checks every token (INVALID_ARGUMENT for one that does not
// parse or names no log of this server, OUT_OF_RANGE for a position beyond
// its log's head); waits until each of `views` that reads a token's log has
// applied it (at once when none does); then runs `call(principal)` on the
// executor.
grpc::ServerUnaryReactor* ServeQuery(
    ServerCore& core, const Rpc& rpc,
    const google::protobuf::RepeatedPtrField<std::string>& tokens,
    std::vector<const projections::Projector*> views,
    std::function<absl::Status(const Principal&)> call);

// ServeQuery's token checks and waits, on the calling thread (for callers
// that are not gRPC calls): UNAVAILABLE when a view has not applied a
// token within the core's max_read_wait.
absl::Status AwaitTokens(
    const ServerCore& core,
    const google::protobuf::RepeatedPtrField<std::string>& tokens,
    const std::vector<const projections::Projector*>& views);

// A query of a context's own view and its copy of the registry's:
// ServeQuery waiting for the request's tokens in both, then
// read(view rows, registry rows, principal, request) -> StatusOr<Response>
// into `res`, both read as consistent snapshots.
template <typename Request, typename Response, typename Read>
grpc::ServerUnaryReactor* ServeViewQuery(ServerCore& core, const Rpc& rpc,
                                         const projections::Projector& view,
                                         const projections::Projector& registry,
                                         const Request* req, Response* res,
                                         Read read) {
  return ServeQuery(
      core, rpc, req->position_tokens(), {&view, &registry},
      [&view, &registry, req, res, read](const Principal& p) -> absl::Status {
        std::shared_ptr<const projections::RowStore> rows = view.store();
        std::shared_ptr<const projections::RowStore> places = registry.store();
        absl::StatusOr<Response> answer =
            read(*rows->Read(), *places->Read(), p, *req);
        if (!answer.ok()) return answer.status();
        *res = *std::move(answer);
        return absl::OkStatus();
      });
}

// A command: ServeQuery on the header's position tokens, so that the
// command's rules see the writes the caller names (`views`: the views
// its rules read; none for a command that reads only its own log).
grpc::ServerUnaryReactor* ServeCommand(
    ServerCore& core, const Rpc& rpc, const v1::RequestHeader& header,
    std::vector<const projections::Projector*> views,
    std::function<absl::Status(const Principal&)> call);

// A command RPC whose request carries one case of a context's command
// oneof: ServeCommand that puts `command` into a fresh Command by `field`,
// runs run(command, header, principal) -> StatusOr<CommandOutcome>, and
// fills `res` from the outcome on `log`. The request's messages live until
// the call finishes.
template <typename Command, typename C, typename Run>
grpc::ServerUnaryReactor* ServeCommandCase(
    ServerCore& core, const Rpc& rpc, const v1::RequestHeader& header,
    std::vector<const projections::Projector*> views, const char* log,
    C* (Command::*field)(), const C& command, Run run, v1::CommandResult* res) {
  return ServeCommand(core, rpc, header, std::move(views),
                      [h = &header, cmd = &command, log, field, run,
                       res](const Principal& p) -> absl::Status {
                        Command c;
                        *(c.*field)() = *cmd;
                        absl::StatusOr<commands::CommandOutcome> o =
                            run(c, *h, p);
                        if (!o.ok()) return o.status();
                        FillResult(log, *o, res);
                        return absl::OkStatus();
                      });
}

// A batch: authenticates; refuses the whole call with `refused` when it is
// not OK; waits for `tokens` like ServeQuery; then runs item(principal, i)
// for every i < n concurrently on the executor (at most 16 at a time), and
// finishes the call (OK) when the last has run. When the executor has no
// room at all, every item gets unqueued(i, RESOURCE_EXHAUSTED) instead.
// Items report their own status.
grpc::ServerUnaryReactor* ServeEach(
    ServerCore& core, const Rpc& rpc, absl::Status refused,
    const std::vector<std::string>& tokens,
    std::vector<const projections::Projector*> views, size_t n,
    std::function<void(const Principal&, size_t)> item,
    std::function<void(size_t, const absl::Status&)> unqueued);

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_RPC_H_
