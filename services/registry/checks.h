// Input checks shared by the registry's rules: ids, names, and references
// to things that must exist in the network. Pure; thread-safe.
#ifndef TUTORNET_SERVICES_REGISTRY_CHECKS_H_
#define TUTORNET_SERVICES_REGISTRY_CHECKS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/registry/network_state.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

// The shared value checks, under the names the registry's rules use.
using values::FormatDate;
using values::Invalid;
using values::ToCivilDay;
using values::ValidateDate;
using values::ValidateId;
using values::ValidateIdList;
using values::ValidateName;
using values::ValidateText;

// NOT_FOUND unless the network exists; INVALID_ARGUMENT if `network_id` is
// not the network `state` was folded for.
absl::Status RequireNetwork(const NetworkState& state,
                            absl::string_view network_id);
// NOT_FOUND unless the region exists in the network.
absl::Status RequireRegion(const NetworkState& state, absl::string_view field,
                           const std::string& region_id);
// NOT_FOUND unless the school exists.
absl::StatusOr<const SchoolState*> RequireSchool(const NetworkState& state,
                                                 absl::string_view field,
                                                 const std::string& school_id);
// NOT_FOUND unless the school exists; FAILED_PRECONDITION if it is closed
// on `day` (a closing decided for a later day does not count yet).
absl::Status RequireOpenSchool(const NetworkState& state,
                               absl::string_view field,
                               const std::string& school_id,
                               absl::CivilDay day);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_CHECKS_H_
