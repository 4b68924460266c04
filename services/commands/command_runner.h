// CommandRunner: the one command path every service runs its commands on.
// A context supplies its rules; the runner does everything else:
//
//   header -> stream lock -> fold (cached) -> [gather facts] -> earlier
//   request? -> authorize -> expected version -> decide -> append
//   -> (conflict: re-decide)
//
// A Context is a class with
//   using State = ...;    the folded state of one stream
//   (default-constructible) using Command = ...;  a protobuf message (the
//   command oneof) using Event = ...;    a protobuf message (the event oneof)
//   absl::StatusOr<std::string> StreamOf(const Command&) const;
//       the stream the command writes; INVALID_ARGUMENT for a bad id.
//   State Evolve(State, const Event&) const;                      pure
//   absl::StatusOr<std::vector<Event>> Decide(const State&, const Command&)
//   const; absl::Status Authorize(const access::Principal&, const Command&,
//                          const State&, absl::Time now) const;
//   static constexpr const char* kEventTypePrefix;  e.g. "tutornet.v1."
//
// A context whose rules read facts from outside its stream (another view,
// another stream, the clock) also declares
//   using Facts = ...;
//   absl::StatusOr<Facts> Gather(const access::Principal&, const State&,
//                                const Command&, absl::Time now) const;
// (the principal, for facts about the caller: a role it holds where the
// command acts)
// and then takes them instead of the time:
//   Authorize(const access::Principal&, const Command&, const State&,
//             const Facts&) const;
//   Decide(const State&, const Command&, const Facts&) const;
// A context whose events may be caused by another event of the same
// decision (a level badge by the award that completed it) also declares
//   std::string CausationOf(const std::string& stream, const Event&) const;
// recorded as the event's causation_id ("" for the command itself).
//
// The runner gathers once per decision (again after a conflict), so that
// authorization and decision read the same facts, once.
//
// Idempotency. A request is remembered under the caller's own namespace
// (NamespacedRequestId) with a fingerprint of the command (not of its
// events, which may carry the server's time), for the life of the log.
// Request ids are per log, so per service: the same id sent to two
// services names two requests. The
// lookup runs under the stream's lock, so concurrent copies of one request
// queue there and all but the first get the first result (deduplicated).
// A recorded request is answered only after the caller is authorized again
// against the current state. Events keep causation_id for what caused
// them; the fingerprint lives in the log's request record.
//
// Errors: INVALID_ARGUMENT (header or command, naming the field); ABORTED
// with a v1::WrongExpectedVersion payload (request.h) when the expected
// version is not met, or when other writers keep winning; ALREADY_EXISTS
// for a request id reused for another command; PERMISSION_DENIED from
// Authorize; Decide's errors; the log's errors.
//
// Thread-safe. Requires: the log and the context outlive the runner.
#ifndef TUTORNET_SERVICES_COMMANDS_COMMAND_RUNNER_H_
#define TUTORNET_SERVICES_COMMANDS_COMMAND_RUNNER_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/hash/hash.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/commands/fold_cache.h"
#include "services/commands/request.h"
#include "status/status_macros.h"
#include "storage/event_log.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::commands {

struct CommandOutcome {
  uint64_t stream_version = 0;  // The stream's version after the command.
  uint64_t position = 0;        // The log position of its last event.
  bool deduplicated = false;    // A retry of a recorded request.
};

struct RunnerOptions {
  size_t cached_streams = 10000;  // Folds kept in memory.
  int max_attempts = 5;           // Decisions per command under conflicts.
  // The commands' "now" (Now()); empty: absl::Now. A generator writing a
  // history sets it to the same clock as the log's recorded_at.
  std::function<absl::Time()> clock;
};

// Calls `visit` for each event of `stream` from `from_version` on, parsed as
// Event. DATA_LOSS for a payload that does not parse.
template <typename Event>
absl::Status ReadStreamEvents(
    const storage::EventLog& log, const std::string& stream,
    uint64_t from_version,
    absl::FunctionRef<void(Event, const storage::RecordedEvent&)> visit) {
  constexpr size_t kPage = 1000;
  for (uint64_t from = from_version;;) {
    ASSIGN_OR_RETURN(
        std::vector<storage::RecordedEvent> page,
        log.ReadStream(stream, from, storage::Direction::kForward, kPage));
    for (const storage::RecordedEvent& recorded : page) {
      Event event;
      if (!event.ParseFromString(recorded.payload)) {
        return absl::DataLossError(absl::StrCat(
            "the event at position ", recorded.position, " of stream ", stream,
            " is not a ", Event::descriptor()->full_name()));
      }
      visit(std::move(event), recorded);
      from = recorded.stream_version + 1;
    }
    if (page.size() < kPage) return absl::OkStatus();
  }
}

// Whether a context declares Facts (see above).
template <typename Context, typename = void>
struct GathersFacts : std::false_type {
  struct type {};  // No facts: an empty placeholder.
};
template <typename Context>
struct GathersFacts<Context, std::void_t<typename Context::Facts>>
    : std::true_type {
  using type = typename Context::Facts;
};

// Whether a context declares CausationOf (see above).
template <typename Context, typename = void>
struct NamesCauses : std::false_type {};
template <typename Context>
struct NamesCauses<
    Context, std::void_t<decltype(std::declval<const Context&>().CausationOf(
                 std::declval<const std::string&>(),
                 std::declval<const typename Context::Event&>()))>>
    : std::true_type {};

template <typename Context>
class CommandRunner {
 public:
  using State = typename Context::State;
  using Command = typename Context::Command;
  using Event = typename Context::Event;

  CommandRunner(storage::EventLog& log, const Context& context,
                RunnerOptions options = {})
      : log_(log),
        context_(context),
        options_(options),
        cache_(options.cached_streams) {}

  // The time commands are decided at (RunnerOptions::clock).
  absl::Time Now() const {
    return options_.clock ? options_.clock() : absl::Now();
  }

  // Run at Now().
  absl::StatusOr<CommandOutcome> Run(const Command& command,
                                     const v1::RequestHeader& header,
                                     const access::Principal& principal) {
    return Run(command, header, principal, Now());
  }

  absl::StatusOr<CommandOutcome> Run(const Command& command,
                                     const v1::RequestHeader& header,
                                     const access::Principal& principal,
                                     absl::Time now) {
    ASSIGN_OR_RETURN(const storage::ExpectedVersion expected,
                     ParseHeader(header));
    ASSIGN_OR_RETURN(const std::string stream, context_.StreamOf(command));
    const std::string request_id =
        NamespacedRequestId(principal.id, header.request_id());
    const std::string fingerprint =
        RequestFingerprint(command, stream, expected);
    absl::MutexLock lock(&stream_locks_[absl::Hash<std::string>()(stream) %
                                        stream_locks_.size()]);
    for (int attempt = 1;; ++attempt) {
      // The first decision trusts a cached fold when the caller asks for
      // no particular version (see CurrentFold); after a conflict, and
      // whenever the caller pins a version, the log is read.
      const bool trust_cache =
          attempt == 1 &&
          expected.kind() == storage::ExpectedVersion::Kind::kAny;
      ASSIGN_OR_RETURN(Fold<State> current, CurrentFold(stream, trust_cache));
      ASSIGN_OR_RETURN(const Facts facts,
                       Gather(principal, *current.state, command, now));
      if (attempt == 1) {
        ASSIGN_OR_RETURN(std::optional<storage::AppendResult> earlier,
                         log_.LookupRequest(request_id));
        if (earlier.has_value()) {
          if (earlier->request_digest != fingerprint) {
            return absl::AlreadyExistsError(
                absl::StrCat("header.request_id: \"", header.request_id(),
                             "\" was already used for a different command"));
          }
          // The recorded result is the caller's only if they may still
          // issue the command.
          RETURN_IF_ERROR(
              Authorize(principal, command, *current.state, facts, now));
          return CommandOutcome{earlier->stream_version, earlier->last_position,
                                true};
        }
      }
      // Authorized first: a version says something of a stream the caller
      // may not be allowed to know exists.
      RETURN_IF_ERROR(
          Authorize(principal, command, *current.state, facts, now));
      if (!expected.IsSatisfiedBy(current.version)) {
        return WrongExpectedVersion(stream, expected, current.version);
      }
      ASSIGN_OR_RETURN(std::vector<Event> decided,
                       Decide(*current.state, command, facts));
      if (decided.empty()) {
        return CommandOutcome{current.version, log_.Head(), false};
      }
      std::vector<storage::NewEvent> events;
      events.reserve(decided.size());
      for (const Event& e : decided) {
        storage::NewEvent& n = events.emplace_back();
        n.type = EventType(e);
        n.payload = e.SerializeAsString();
        n.metadata.actor = principal.id;
        n.metadata.occurred_at = now;
        if constexpr (NamesCauses<Context>::value) {
          n.metadata.causation_id = context_.CausationOf(stream, e);
        }
      }
      absl::StatusOr<storage::AppendResult> appended =
          log_.Append(stream, storage::ExpectedVersion::Exact(current.version),
                      events, request_id, fingerprint);
      if (appended.ok()) {
        State next = *current.state;
        for (const Event& e : decided) {
          next = context_.Evolve(std::move(next), e);
        }
        cache_.Put(stream, {appended->stream_version,
                            std::make_shared<const State>(std::move(next))});
        return CommandOutcome{appended->stream_version, appended->last_position,
                              appended->deduplicated};
      }
      // Another writer (another process) changed the stream between our
      // read and our append: decide again on the new state, unless the
      // caller pinned what the stream must look like.
      const std::optional<uint64_t> conflict =
          storage::ConflictingVersion(appended.status());
      if (appended.status().code() == absl::StatusCode::kAlreadyExists) {
        // The same id for another command won a race to the log: say so
        // in the caller's words, not the log's namespaced id.
        return absl::AlreadyExistsError(
            absl::StrCat("header.request_id: \"", header.request_id(),
                         "\" was already used for a different command"));
      }
      if (!conflict.has_value()) return appended.status();
      if (expected.kind() != storage::ExpectedVersion::Kind::kAny ||
          attempt == options_.max_attempts) {
        return WrongExpectedVersion(stream, expected, *conflict);
      }
    }
  }

  // The stream's state as this runner last wrote or read it: the facts
  // another decision reads. Current only while every write to `stream`
  // goes through this runner and cannot interleave with the caller's
  // decision (the activity service's gate); a caller without that
  // guarantee must not use it for a rule.
  absl::StatusOr<Fold<State>> Load(const std::string& stream) {
    return CurrentFold(stream, /*trust_cache=*/true);
  }

  size_t cached_streams() const { return cache_.size(); }

 private:
  static constexpr bool kGathers = GathersFacts<Context>::value;
  using Facts = typename GathersFacts<Context>::type;

  absl::StatusOr<Facts> Gather(const access::Principal& principal,
                               const State& state, const Command& command,
                               absl::Time now) const {
    if constexpr (kGathers) {
      return context_.Gather(principal, state, command, now);
    } else {
      return Facts{};
    }
  }
  absl::Status Authorize(const access::Principal& principal,
                         const Command& command, const State& state,
                         const Facts& facts, absl::Time now) const {
    if constexpr (kGathers) {
      return context_.Authorize(principal, command, state, facts);
    } else {
      return context_.Authorize(principal, command, state, now);
    }
  }
  absl::StatusOr<std::vector<Event>> Decide(const State& state,
                                            const Command& command,
                                            const Facts& facts) const {
    if constexpr (kGathers) {
      return context_.Decide(state, command, facts);
    } else {
      return context_.Decide(state, command);
    }
  }

  // The stream's fold. With `trust_cache`, a cached fold is taken as it
  // is: every write through this runner updates it, and no other process
  // can write the log (RocksDB locks it), so it is stale only if
  // something else in this process appended to the stream directly. That
  // is safe: every append is conditional on the version decided on, so a
  // stale fold costs a conflict and a second decision on a fresh read,
  // never a wrong write. Otherwise the events after the cached fold are
  // read from the log.
  absl::StatusOr<Fold<State>> CurrentFold(const std::string& stream,
                                          bool trust_cache) {
    std::optional<Fold<State>> found = cache_.Find(stream);
    if (trust_cache && found.has_value()) return *std::move(found);
    Fold<State> cached = found.value_or(Fold<State>());
    std::optional<State> next;
    uint64_t version = cached.version;
    RETURN_IF_ERROR(ReadStreamEvents<Event>(
        log_, stream, cached.version + 1,
        [&](Event e, const storage::RecordedEvent& recorded) {
          if (!next.has_value()) next = *cached.state;
          next = context_.Evolve(*std::move(next), e);
          version = recorded.stream_version;
        }));
    if (!next.has_value()) return cached;
    Fold<State> fold{version, std::make_shared<const State>(*std::move(next))};
    cache_.Put(stream, fold);
    return fold;
  }

  // "tutornet.v1.NetworkCreated": the message type of the event's oneof case.
  static std::string EventType(const Event& event) {
    const google::protobuf::Reflection* reflection = event.GetReflection();
    if (Event::descriptor()->oneof_decl_count() > 0) {
      const google::protobuf::OneofDescriptor* oneof =
          Event::descriptor()->oneof_decl(0);
      const google::protobuf::FieldDescriptor* field =
          reflection->GetOneofFieldDescriptor(event, oneof);
      if (field != nullptr && field->message_type() != nullptr) {
        return field->message_type()->full_name();
      }
    }
    return Event::descriptor()->full_name();
  }

  storage::EventLog& log_;
  const Context& context_;
  const RunnerOptions options_;
  FoldCache<State> cache_;
  // Commands on one stream run one at a time in this process, so copies of
  // one request find each other and commands do not race into conflicts.
  // Striped by stream name.
  std::array<absl::Mutex, 64> stream_locks_;
};

}  // namespace tutornet::commands

#endif  // TUTORNET_SERVICES_COMMANDS_COMMAND_RUNNER_H_
