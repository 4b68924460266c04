#include "services/registry/checks.h"

#include "absl/strings/str_cat.h"
#include "status/status_macros.h"

namespace tutornet::registry {

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

absl::StatusOr<const SchoolState*> RequireSchool(const NetworkState& state,
                                                 absl::string_view field,
                                                 const std::string& school_id) {
  RETURN_IF_ERROR(ValidateId(field, school_id));
  auto it = state.schools.find(school_id);
  if (it == state.schools.end()) {
    return absl::NotFoundError(absl::StrCat(field, ": school \"", school_id,
                                            "\" does not exist in network \"",
                                            state.network_id, "\""));
  }
  return &it->second;
}

absl::Status RequireOpenSchool(const NetworkState& state,
                               absl::string_view field,
                               const std::string& school_id,
                               absl::CivilDay day) {
  ASSIGN_OR_RETURN(const SchoolState* school,
                   RequireSchool(state, field, school_id));
  if (school->closed && school->closed_on <= day) {
    return absl::FailedPreconditionError(
        absl::StrCat(field, ": school \"", school_id, "\" is closed from ",
                     absl::FormatCivilTime(school->closed_on)));
  }
  return absl::OkStatus();
}

}  // namespace tutornet::registry
