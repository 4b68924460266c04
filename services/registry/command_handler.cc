#include "services/registry/command_handler.h"

#include "absl/hash/hash.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/registry/checks.h"
#include "services/registry/decider.h"
#include "storage/merkle/sha256.h"
#include "storage/status_macros.h"
#include "storage/validation.h"

namespace tutornet::registry {
namespace {

constexpr int kMaxAttempts = 5;
constexpr size_t kReadBatch = 1000;

// "tutornet.v1.NetworkCreated": the event's message type.
std::string EventType(const v1::RegistryEvent& event) {
  const google::protobuf::FieldDescriptor* field =
      v1::RegistryEvent::descriptor()->FindFieldByNumber(event.event_case());
  return field == nullptr ? "tutornet.v1.RegistryEvent"
                          : field->message_type()->full_name();
}

std::string CommandDigest(const v1::RegistryCommand& command) {
  merkle::Sha256 sha;
  sha.Update(command.SerializeAsString());
  return merkle::ToHex(sha.Finish());
}

}  // namespace

absl::Status RegistryHandler::ReadEvents(
    absl::string_view network_id, uint64_t from_version,
    absl::FunctionRef<void(v1::RegistryEvent, uint64_t version)> visit) const {
  RETURN_IF_ERROR(ValidateId("network_id", network_id));
  const std::string stream = NetworkStream(network_id);
  for (uint64_t from = from_version;;) {
    ASSIGN_OR_RETURN(std::vector<storage::RecordedEvent> page,
                     log_.ReadStream(stream, from, storage::Direction::kForward,
                                     kReadBatch));
    for (const storage::RecordedEvent& recorded : page) {
      v1::RegistryEvent event;
      if (!event.ParseFromString(recorded.payload)) {
        return absl::DataLossError(absl::StrCat("the event at position ",
                                                recorded.position,
                                                " is not a registry event"));
      }
      visit(std::move(event), recorded.stream_version);
      from = recorded.stream_version + 1;
    }
    if (page.size() < kReadBatch) return absl::OkStatus();
  }
}

absl::StatusOr<NetworkHistory> RegistryHandler::Load(
    absl::string_view network_id) const {
  NetworkHistory history;
  RETURN_IF_ERROR(ReadEvents(network_id, 1,
                             [&history](v1::RegistryEvent e, uint64_t version) {
                               history.events.push_back(std::move(e));
                               history.version = version;
                             }));
  return history;
}

absl::StatusOr<RegistryHandler::FoldedNetwork> RegistryHandler::CurrentState(
    const std::string& network_id) const {
  FoldedNetwork current;
  {
    absl::MutexLock lock(&cache_mu_);
    if (auto it = folded_.find(network_id); it != folded_.end()) {
      current = it->second;
    }
  }
  // Events after the cached fold: another process may have written them.
  RETURN_IF_ERROR(ReadEvents(network_id, current.version + 1,
                             [&current](v1::RegistryEvent e, uint64_t version) {
                               current.state =
                                   Evolve(std::move(current.state), e);
                               current.version = version;
                             }));
  return current;
}

void RegistryHandler::Remember(const std::string& network_id,
                               FoldedNetwork folded) const {
  absl::MutexLock lock(&cache_mu_);
  folded_[network_id] = std::move(folded);
}

absl::StatusOr<std::optional<CommandOutcome>> RegistryHandler::EarlierOutcome(
    absl::string_view request_id, absl::string_view digest) const {
  ASSIGN_OR_RETURN(std::optional<storage::AppendResult> earlier,
                   log_.LookupRequest(request_id));
  if (!earlier.has_value()) return std::nullopt;
  ASSIGN_OR_RETURN(std::vector<storage::RecordedEvent> first,
                   log_.ReadAll(earlier->first_position, 1));
  if (first.empty()) {
    return absl::UnavailableError(
        "the earlier request is not visible yet; retry");
  }
  if (first.front().metadata.causation_id != digest) {
    return absl::AlreadyExistsError(
        absl::StrCat("request_id: \"", request_id,
                     "\" was already used for a different command"));
  }
  return CommandOutcome{earlier->stream_version, earlier->last_position, true};
}

absl::StatusOr<CommandOutcome> RegistryHandler::Handle(
    const v1::RegistryCommand& command, absl::string_view request_id,
    std::optional<uint64_t> expected_version, absl::string_view actor,
    absl::Time now, Authorize authorize) {
  RETURN_IF_ERROR(storage::ValidateRequestId(request_id));
  const std::string digest = CommandDigest(command);
  if (!request_id.empty()) {
    ASSIGN_OR_RETURN(std::optional<CommandOutcome> earlier,
                     EarlierOutcome(request_id, digest));
    if (earlier.has_value()) return *earlier;
  }
  const std::string& network_id = NetworkIdOf(command);
  RETURN_IF_ERROR(ValidateId("network_id", network_id));
  absl::MutexLock lock(&network_locks_[absl::Hash<std::string>()(network_id) %
                                       network_locks_.size()]);
  for (int attempt = 1;; ++attempt) {
    ASSIGN_OR_RETURN(FoldedNetwork current, CurrentState(network_id));
    if (expected_version.has_value() && *expected_version != current.version) {
      return absl::AbortedError(absl::StrCat(
          "network \"", network_id, "\": expected version ", *expected_version,
          ", but the current version is ", current.version));
    }
    RETURN_IF_ERROR(authorize(current.state));
    ASSIGN_OR_RETURN(std::vector<v1::RegistryEvent> decided,
                     Decide(current.state, command));
    std::vector<storage::NewEvent> events;
    for (const v1::RegistryEvent& e : decided) {
      storage::NewEvent& n = events.emplace_back();
      n.type = EventType(e);
      n.payload = e.SerializeAsString();
      n.metadata.actor = std::string(actor);
      n.metadata.occurred_at = now;
      n.metadata.causation_id = digest;
    }
    absl::StatusOr<storage::AppendResult> appended = log_.Append(
        NetworkStream(network_id),
        storage::ExpectedVersion::Exact(current.version), events, request_id);
    if (appended.ok()) {
      if (!appended->deduplicated) {
        for (const v1::RegistryEvent& e : decided) {
          current.state = Evolve(std::move(current.state), e);
        }
        current.version = appended->stream_version;
        Remember(network_id, std::move(current));
      }
      return CommandOutcome{appended->stream_version, appended->last_position,
                            appended->deduplicated};
    }
    // Another writer changed the network between our read and our append:
    // decide again on the new state, unless the caller pinned a version.
    const bool conflict =
        storage::ConflictingVersion(appended.status()).has_value();
    if (!conflict || expected_version.has_value() || attempt == kMaxAttempts) {
      return appended.status();
    }
  }
}

}  // namespace tutornet::registry
