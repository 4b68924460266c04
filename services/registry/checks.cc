#include "services/registry/checks.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "storage/status_macros.h"

namespace tutornet::registry {
namespace {

constexpr size_t kMaxIdBytes = 64;
constexpr size_t kMaxTextBytes = 200;

}  // namespace

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  if (id.empty()) return Invalid(field, "must not be empty");
  if (id.size() > kMaxIdBytes) return Invalid(field, "longer than 64 bytes");
  if (!absl::ascii_isalnum(id.front())) {
    return Invalid(field, "must start with a letter or digit");
  }
  for (char c : id) {
    if (!(absl::ascii_isdigit(c) || (c >= 'a' && c <= 'z') || c == '-')) {
      return Invalid(
          field, absl::StrCat("may hold only a-z, 0-9 and -: \"", id, "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateText(absl::string_view field, absl::string_view text) {
  if (text.size() > kMaxTextBytes)
    return Invalid(field, "longer than 200 bytes");
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f)
      return Invalid(field, "contains a control character");
  }
  return absl::OkStatus();
}

absl::Status ValidateName(absl::string_view field,
                          const v1::LocalizedText& name) {
  if (name.fi().empty() && name.sv().empty() && name.en().empty()) {
    return Invalid(field, "give at least one of fi, sv, en");
  }
  RETURN_IF_ERROR(ValidateText(absl::StrCat(field, ".fi"), name.fi()));
  RETURN_IF_ERROR(ValidateText(absl::StrCat(field, ".sv"), name.sv()));
  return ValidateText(absl::StrCat(field, ".en"), name.en());
}

absl::Status ValidateIdList(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::set<std::string> seen;
  for (int i = 0; i < ids.size(); ++i) {
    RETURN_IF_ERROR(ValidateId(absl::StrCat(field, "[", i, "]"), ids[i]));
    if (!seen.insert(ids[i]).second) {
      return Invalid(absl::StrCat(field, "[", i, "]"),
                     absl::StrCat("repeats \"", ids[i], "\""));
    }
  }
  return absl::OkStatus();
}

absl::Status RequireNetwork(const NetworkState& state,
                            absl::string_view network_id) {
  RETURN_IF_ERROR(ValidateId("network_id", network_id));
  if (!state.exists) {
    return absl::NotFoundError(
        absl::StrCat("network \"", network_id, "\" does not exist"));
  }
  if (state.network_id != network_id) {
    return Invalid(
        "network_id",
        absl::StrCat("\"", network_id, "\" is not the network loaded (\"",
                     state.network_id, "\")"));
  }
  return absl::OkStatus();
}

absl::Status RequireRegion(const NetworkState& state, absl::string_view field,
                           const std::string& region_id) {
  RETURN_IF_ERROR(ValidateId(field, region_id));
  if (state.region_ids.count(region_id) == 0) {
    return absl::NotFoundError(absl::StrCat(field, ": region \"", region_id,
                                            "\" does not exist in network \"",
                                            state.network_id, "\""));
  }
  return absl::OkStatus();
}

absl::Status RequireOpenSchool(const NetworkState& state,
                               absl::string_view field,
                               const std::string& school_id) {
  RETURN_IF_ERROR(ValidateId(field, school_id));
  auto it = state.schools.find(school_id);
  if (it == state.schools.end()) {
    return absl::NotFoundError(absl::StrCat(field, ": school \"", school_id,
                                            "\" does not exist in network \"",
                                            state.network_id, "\""));
  }
  if (it->second.closed) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": school \"", school_id, "\" is closed"));
  }
  return absl::OkStatus();
}

}  // namespace tutornet::registry
