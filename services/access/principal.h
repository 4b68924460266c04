// Who is calling, and the scope checks every context's policy is written
// with. A Principal is what a bearer token stands for (services/server/
// tokens.h keeps them); each context states its own rules in a pure
// policy file (services/<context>/policy.h) using the checks below.
//
// Denials are PERMISSION_DENIED and say who was refused what:
//   "person-104 (regional_coordinator) may not register schools in region
//    "ks-lansi", outside its regions".
// Pure functions on plain values; thread-safe.
#ifndef TUTORNET_SERVICES_ACCESS_PRINCIPAL_H_
#define TUTORNET_SERVICES_ACCESS_PRINCIPAL_H_

#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tutornet::access {

enum class AccessRole {
  kAdmin,
  kNetworkCoordinator,   // The whole of one network.
  kRegionalCoordinator,  // Some regions of one network.
  kTutor,                // Reads one network; its own records.
  kFunder,               // Reads one network; never writes; no personal data.
};

// "admin", "network_coordinator", ...; and back (INVALID_ARGUMENT).
std::string AccessRoleName(AccessRole role);
absl::StatusOr<AccessRole> ParseAccessRole(absl::string_view name);

struct Principal {
  std::string id;  // The acting person or service, recorded on every event.
  AccessRole role = AccessRole::kFunder;
  std::string network_id;            // Empty for admins.
  std::set<std::string> region_ids;  // Regional coordinators only.
  // Funders only: the funded projects whose records and totals they read.
  std::set<std::string> project_ids;
};

// PERMISSION_DENIED "<id> (<role>) may not <what>".
absl::Status Denied(const Principal& p, absl::string_view what);

bool IsAdmin(const Principal& p);
// Admins, and the network and regional coordinators of `network_id`.
bool Coordinates(const Principal& p, absl::string_view network_id);

// Admins everywhere; everyone else only in their own network.
absl::Status RequireNetwork(const Principal& p, absl::string_view network_id,
                            absl::string_view what);
// Admins; network coordinators of `network_id`; regional coordinators whose
// regions include `region_id`. Others are denied.
absl::Status RequireRegion(const Principal& p, absl::string_view network_id,
                           absl::string_view region_id, absl::string_view what);

}  // namespace tutornet::access

#endif  // TUTORNET_SERVICES_ACCESS_PRINCIPAL_H_
