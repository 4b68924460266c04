#include "services/server/rpc.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/server/status_mapping.h"

namespace tutornet::server {
namespace {

// A position the views must reach.
struct Need {
  const projections::Projector* view;
  std::string log;
  uint64_t position;
};

template <typename Tokens>
absl::StatusOr<std::vector<Need>> NeedsOf(
    const ServerCore& core, const Tokens& tokens,
    const std::vector<const projections::Projector*>& views) {
  std::vector<Need> needs;
  for (const std::string& text : tokens) {
    absl::StatusOr<projections::PositionToken> token =
        projections::ParsePositionToken(text);
    if (!token.ok()) return token.status();
    auto log = core.logs.find(token->log);
    if (log == core.logs.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("position_tokens: names log \"", token->log,
                       "\", which this server does not have"));
    }
    // Only an acknowledged write gives a token, so a position beyond the
    // head did not come from this server: no point waiting for it.
    if (token->position > log->second->Head()) {
      return absl::OutOfRangeError(absl::StrCat(
          "position_tokens: position ", token->position, " of log \"",
          token->log, "\" is beyond its head (", log->second->Head(), ")"));
    }
    for (const projections::Projector* view : views) {
      const std::vector<std::string> sources = view->projection().sources();
      if (std::find(sources.begin(), sources.end(), token->log) !=
          sources.end()) {
        needs.push_back({view, token->log, token->position});
      }
    }
  }
  return needs;
}

// Executor tasks one batch may use at once (ServeEach).
constexpr size_t kBatchWorkers = 16;

// Finishes the call: its response first reaches the wire when it is OK.
void Finish(const Rpc& rpc, grpc::ServerUnaryReactor* reactor,
            const absl::Status& status) {
  if (status.ok()) rpc.commit();
  reactor->Finish(ToGrpcStatus(status));
}

void Run(ServerCore& core, const Rpc& rpc, grpc::ServerUnaryReactor* reactor,
         std::function<absl::Status()> work) {
  absl::Status queued = core.executor.Submit(
      [rpc, reactor, work] { Finish(rpc, reactor, work()); });
  if (!queued.ok()) reactor->Finish(ToGrpcStatus(queued));
}

// Calls then(OK) on the executor once every view in `needs` has reached
// its position, or then(error) when the wait ends otherwise (deadline,
// cancellation, a full executor or wait list).
void AfterTokens(ServerCore& core, const Rpc& rpc, std::vector<Need> needs,
                 std::function<void(absl::Status)> then) {
  if (needs.empty()) {
    absl::Status queued =
        core.executor.Submit([then] { then(absl::OkStatus()); });
    if (!queued.ok()) then(queued);
    return;
  }
  auto ready = [needs = std::move(needs)] {
    return std::all_of(needs.begin(), needs.end(), [](const Need& n) {
      return n.view->Applied(n.log) >= n.position;
    });
  };
  const absl::Time deadline = std::min(absl::FromChrono(rpc.ctx->deadline()),
                                       absl::Now() + core.max_read_wait);
  core.waits.Wait(
      std::move(ready), [ctx = rpc.ctx] { return ctx->IsCancelled(); },
      deadline, std::move(then));
}

}  // namespace

absl::StatusOr<Principal> AuthenticateCall(const TokenStore& tokens,
                                           const grpc::ServerContextBase& ctx) {
  const auto& metadata = ctx.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return tokens.Authenticate("");
  return tokens.Authenticate(
      absl::string_view(it->second.data(), it->second.size()));
}

Authenticate AuthenticatorOf(const ServerCore& core) {
  return [&core](const grpc::ServerContextBase& ctx) {
    return AuthenticateCall(core.tokens, ctx).status();
  };
}

void FillResult(const std::string& log, const commands::CommandOutcome& o,
                v1::CommandResult* result) {
  result->set_stream_version(o.stream_version);
  result->set_position_token(projections::FormatPositionToken(log, o.position));
  result->set_deduplicated(o.deduplicated);
}

namespace {

// The caller, or the call finished UNAUTHENTICATED and nullopt.
std::optional<Principal> Authenticated(const ServerCore& core, const Rpc& rpc,
                                       grpc::ServerUnaryReactor* reactor) {
  absl::StatusOr<Principal> principal = AuthenticateCall(core.tokens, *rpc.ctx);
  if (principal.ok()) return *std::move(principal);
  reactor->Finish(ToGrpcStatus(principal.status()));
  return std::nullopt;
}

}  // namespace

grpc::ServerUnaryReactor* ServeCall(
    ServerCore& core, const Rpc& rpc,
    std::function<absl::Status(const Principal&)> call) {
  grpc::ServerUnaryReactor* reactor = rpc.ctx->DefaultReactor();
  std::optional<Principal> principal = Authenticated(core, rpc, reactor);
  if (!principal.has_value()) return reactor;
  Run(core, rpc, reactor,
      [call = std::move(call), p = *std::move(principal)] { return call(p); });
  return reactor;
}

grpc::ServerUnaryReactor* ServeQuery(
    ServerCore& core, const Rpc& rpc,
    const google::protobuf::RepeatedPtrField<std::string>& tokens,
    std::vector<const projections::Projector*> views,
    std::function<absl::Status(const Principal&)> call) {
  grpc::ServerUnaryReactor* reactor = rpc.ctx->DefaultReactor();
  std::optional<Principal> principal = Authenticated(core, rpc, reactor);
  if (!principal.has_value()) return reactor;
  absl::StatusOr<std::vector<Need>> needs = NeedsOf(core, tokens, views);
  if (!needs.ok()) {
    reactor->Finish(ToGrpcStatus(needs.status()));
    return reactor;
  }
  AfterTokens(core, rpc, *std::move(needs),
              [rpc, reactor, call = std::move(call),
               p = *std::move(principal)](absl::Status waited) {
                Finish(rpc, reactor, waited.ok() ? call(p) : waited);
              });
  return reactor;
}

grpc::ServerUnaryReactor* ServeEach(
    ServerCore& core, const Rpc& rpc, absl::Status refused,
    const std::vector<std::string>& tokens,
    std::vector<const projections::Projector*> views, size_t n,
    std::function<void(const Principal&, size_t)> item,
    std::function<void(size_t, const absl::Status&)> unqueued) {
  grpc::ServerUnaryReactor* reactor = rpc.ctx->DefaultReactor();
  std::optional<Principal> principal = Authenticated(core, rpc, reactor);
  if (!principal.has_value()) return reactor;
  absl::StatusOr<std::vector<Need>> needs = NeedsOf(core, tokens, views);
  if (!refused.ok() || !needs.ok()) {
    reactor->Finish(ToGrpcStatus(!refused.ok() ? refused : needs.status()));
    return reactor;
  }
  if (n == 0) {
    Finish(rpc, reactor, absl::OkStatus());
    return reactor;
  }
  // Fans the items out; the last to finish finishes the call.
  auto fan_out = [&core, rpc, reactor, n, item = std::move(item),
                  unqueued = std::move(unqueued),
                  p = *std::move(principal)](absl::Status waited) {
    if (!waited.ok()) {
      Finish(rpc, reactor, waited);
      return;
    }
    // A few workers per batch take the items in turn: a batch shares disk
    // syncs among them without taking the whole executor from other calls.
    struct Progress {
      std::atomic<size_t> next{0};
      std::atomic<size_t> left;
      explicit Progress(size_t n) : left(n) {}
    };
    auto progress = std::make_shared<Progress>(n);
    auto done = [rpc, reactor, progress] {
      if (progress->left.fetch_sub(1) == 1) {
        Finish(rpc, reactor, absl::OkStatus());
      }
    };
    auto shared_item =
        std::make_shared<std::function<void(const Principal&, size_t)>>(item);
    auto shared_p = std::make_shared<const Principal>(p);
    const size_t workers = std::min(n, kBatchWorkers);
    for (size_t w = 0; w < workers; ++w) {
      absl::Status queued =
          core.executor.Submit([shared_item, shared_p, progress, done, n] {
            for (size_t i = progress->next++; i < n; i = progress->next++) {
              (*shared_item)(*shared_p, i);
              done();
            }
          });
      if (!queued.ok() && w == 0) {
        // No worker at all: every item is refused.
        for (size_t i = progress->next.exchange(n); i < n; ++i) {
          unqueued(i, queued);
          done();
        }
      }
    }
  };
  AfterTokens(core, rpc, *std::move(needs), std::move(fan_out));
  return reactor;
}

grpc::ServerUnaryReactor* ServeCommand(
    ServerCore& core, const Rpc& rpc, const v1::RequestHeader& header,
    std::vector<const projections::Projector*> views,
    std::function<absl::Status(const Principal&)> call) {
  return ServeQuery(core, rpc, header.position_tokens(), std::move(views),
                    std::move(call));
}

absl::Status AwaitTokens(
    const ServerCore& core,
    const google::protobuf::RepeatedPtrField<std::string>& tokens,
    const std::vector<const projections::Projector*>& views) {
  absl::StatusOr<std::vector<Need>> needs = NeedsOf(core, tokens, views);
  if (!needs.ok()) return needs.status();
  const absl::Time deadline = absl::Now() + core.max_read_wait;
  for (const Need& need : *needs) {
    if (!need.view->AwaitApplied(need.log, need.position, deadline)) {
      return absl::UnavailableError(
          absl::StrCat("position_tokens: ", need.log, ":", need.position,
                       " is not yet readable; retry"));
    }
  }
  return absl::OkStatus();
}

}  // namespace tutornet::server
