// The non-generic half of the command path: what a RequestHeader says,
// how a request is recognised when it is retried, and the typed error of a
// version conflict. Used by CommandRunner (command_runner.h). Pure;
// thread-safe.
#ifndef TUTORNET_SERVICES_COMMANDS_REQUEST_H_
#define TUTORNET_SERVICES_COMMANDS_REQUEST_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "storage/event.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::commands {

// The type URL under which a conflict's v1::WrongExpectedVersion rides in
// an absl::Status payload (and, packed in a google.protobuf.Any, in the
// gRPC status details).
inline constexpr char kWrongExpectedVersionUrl[] =
    "type.googleapis.com/tutornet.v1.WrongExpectedVersion";

// The header's expected version; `any` when none is set. INVALID_ARGUMENT
// naming header.request_id when it is missing or malformed.
absl::StatusOr<storage::ExpectedVersion> ParseHeader(
    const v1::RequestHeader& header);

// The key a request is remembered under in the log: the principal's own
// namespace, so that no one can take or probe another principal's request
// ids. Fixed length, whatever the id's length.
std::string NamespacedRequestId(absl::string_view principal_id,
                                absl::string_view request_id);

// What tells a retry from another command under the same request id: the
// command's type and bytes (deterministically serialised), its stream and
// the expected version. Not the events: they may carry the server's time.
std::string RequestFingerprint(const google::protobuf::Message& command,
                               absl::string_view stream,
                               const storage::ExpectedVersion& expected);

// ABORTED "stream <s>: expected version <e>, but the current version is
// <c>", with a v1::WrongExpectedVersion payload.
absl::Status WrongExpectedVersion(absl::string_view stream,
                                  const storage::ExpectedVersion& expected,
                                  uint64_t current);
// The payload of such a status, if it has one.
std::optional<v1::WrongExpectedVersion> WrongExpectedVersionOf(
    const absl::Status& status);

}  // namespace tutornet::commands

#endif  // TUTORNET_SERVICES_COMMANDS_REQUEST_H_
