#include "services/server/declared_service.h"

#include <map>
#include <vector>

#include "google/protobuf/unknown_field_set.h"
#include "services/values/text.h"

namespace tutornet::server {
namespace {

// The path of the first string field of `bytes` (a `type` on the wire)
// that is not UTF-8, or "" if there is none.
std::string FindInvalidUtf8(const google::protobuf::Descriptor& type,
                            const std::string& bytes, const std::string& prefix,
                            int depth) {
  google::protobuf::UnknownFieldSet fields;
  if (depth > 32 || !fields.ParseFromString(bytes)) return "";
  std::map<int, int> seen;  // Field number -> occurrences so far.
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& f = fields.field(i);
    const int index = seen[f.number()]++;
    if (f.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    const google::protobuf::FieldDescriptor* field =
        type.FindFieldByNumber(f.number());
    if (field == nullptr) continue;
    std::string path = absl::StrCat(prefix, field->name());
    if (field->is_repeated()) absl::StrAppend(&path, "[", index, "]");
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
        !values::IsValidUtf8(f.length_delimited())) {
      return path;
    }
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      std::string inner = FindInvalidUtf8(
          *field->message_type(), f.length_delimited(), path + ".", depth + 1);
      if (!inner.empty()) return inner;
    }
  }
  return "";
}

}  // namespace

absl::Status ParseRequest(const grpc::ByteBuffer& buffer,
                          google::protobuf::Message* out) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (buffer.Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  if (out->ParseFromString(bytes)) return absl::OkStatus();
  const std::string path = FindInvalidUtf8(*out->GetDescriptor(), bytes, "", 0);
  if (!path.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": is not valid UTF-8"));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("the request is not a ", out->GetDescriptor()->full_name()));
}

void SerializeResponse(const google::protobuf::Message& message,
                       std::string stored_fields, grpc::ByteBuffer* out) {
  std::string bytes = message.SerializeAsString();
  if (bytes.empty())
    bytes = std::move(stored_fields);
  else
    bytes += stored_fields;
  // The slice takes the string over: a large response is not copied again.
  auto* owned = new std::string(std::move(bytes));
  grpc::Slice slice(
      owned->data(), owned->size(),
      [](void* p) { delete static_cast<std::string*>(p); }, owned);
  *out = grpc::ByteBuffer(&slice, 1);
}

}  // namespace tutornet::server
