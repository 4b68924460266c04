#include "services/commands/request.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "status/status_macros.h"
#include "storage/merkle/sha256.h"
#include "storage/validation.h"

namespace tutornet::commands {
namespace {

void AddField(merkle::Sha256& sha, absl::string_view bytes) {
  const uint64_t size = bytes.size();
  sha.Update(
      absl::string_view(reinterpret_cast<const char*>(&size), sizeof size));
  sha.Update(bytes);
}

}  // namespace

absl::StatusOr<storage::ExpectedVersion> ParseHeader(
    const v1::RequestHeader& header) {
  if (header.request_id().empty()) {
    return absl::InvalidArgumentError(
        "header.request_id: required, so that a retry cannot record a command "
        "twice");
  }
  if (absl::Status s = storage::ValidateRequestId(header.request_id());
      !s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("header.", s.message()));
  }
  switch (header.expected_version_case()) {
    case v1::RequestHeader::kNoStream:
      return storage::ExpectedVersion::NoStream();
    case v1::RequestHeader::kStreamExists:
      return storage::ExpectedVersion::StreamExists();
    case v1::RequestHeader::kExact:
      return storage::ExpectedVersion::Exact(header.exact());
    default:
      return storage::ExpectedVersion::Any();
  }
}

std::string NamespacedRequestId(absl::string_view principal_id,
                                absl::string_view request_id) {
  merkle::Sha256 sha;
  AddField(sha, principal_id);
  AddField(sha, request_id);
  return absl::StrCat("rq-", merkle::ToHex(sha.Finish()));
}

std::string RequestFingerprint(const google::protobuf::Message& command,
                               absl::string_view stream,
                               const storage::ExpectedVersion& expected) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    command.SerializeToCodedStream(&coded);
  }
  merkle::Sha256 sha;
  AddField(sha, command.GetDescriptor()->full_name());
  AddField(sha, bytes);
  AddField(sha, stream);
  AddField(sha, expected.ToString());
  return merkle::ToHex(sha.Finish());
}

absl::Status WrongExpectedVersion(absl::string_view stream,
                                  const storage::ExpectedVersion& expected,
                                  uint64_t current) {
  v1::WrongExpectedVersion detail;
  detail.set_stream(std::string(stream));
  detail.set_current_version(current);
  switch (expected.kind()) {
    case storage::ExpectedVersion::Kind::kNoStream:
      detail.mutable_expected_no_stream();
      break;
    case storage::ExpectedVersion::Kind::kStreamExists:
      detail.mutable_expected_stream_exists();
      break;
    case storage::ExpectedVersion::Kind::kExact:
      detail.set_expected_exact(expected.version());
      break;
    case storage::ExpectedVersion::Kind::kAny:
      break;
  }
  absl::Status status = absl::AbortedError(absl::StrCat(
      "stream ", stream, ": expected version ", expected.ToString(),
      ", but the current version is ", current));
  status.SetPayload(kWrongExpectedVersionUrl,
                    absl::Cord(detail.SerializeAsString()));
  return status;
}

std::optional<v1::WrongExpectedVersion> WrongExpectedVersionOf(
    const absl::Status& status) {
  absl::optional<absl::Cord> payload =
      status.GetPayload(kWrongExpectedVersionUrl);
  v1::WrongExpectedVersion detail;
  if (!payload || !detail.ParseFromString(std::string(*payload))) {
    return std::nullopt;
  }
  return detail;
}

}  // namespace tutornet::commands
