// Input checks shared by the registry's rules: ids, names, and references
// to things that must exist in the network. Pure; thread-safe.
#ifndef TUTORNET_SERVICES_REGISTRY_CHECKS_H_
#define TUTORNET_SERVICES_REGISTRY_CHECKS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/registry/network_state.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

// INVALID_ARGUMENT "<field>: <why>".
absl::Status Invalid(absl::string_view field, absl::string_view why);

// Ids: 1-64 bytes of a-z, 0-9 and '-', starting with a letter or digit
// ("ks-3", "school-muurame-1"). They become parts of stream names.
absl::Status ValidateId(absl::string_view field, absl::string_view id);
// Each a valid id, none repeated.
absl::Status ValidateIdList(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& ids);
// At most 200 bytes, no control characters.
absl::Status ValidateText(absl::string_view field, absl::string_view text);
// At least one of fi, sv, en; each valid text.
absl::Status ValidateName(absl::string_view field,
                          const v1::LocalizedText& name);

// NOT_FOUND unless the network exists; INVALID_ARGUMENT if `network_id` is
// not the network `state` was folded for.
absl::Status RequireNetwork(const NetworkState& state,
                            absl::string_view network_id);
// NOT_FOUND unless the region exists in the network.
absl::Status RequireRegion(const NetworkState& state, absl::string_view field,
                           const std::string& region_id);
// NOT_FOUND unless the school exists; FAILED_PRECONDITION if it is closed.
absl::Status RequireOpenSchool(const NetworkState& state,
                               absl::string_view field,
                               const std::string& school_id);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_CHECKS_H_
