#include "services/access/principal.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace tutornet::access {
namespace {

constexpr std::pair<AccessRole, absl::string_view> kRoleNames[] = {
    {AccessRole::kAdmin, "admin"},
    {AccessRole::kNetworkCoordinator, "network_coordinator"},
    {AccessRole::kRegionalCoordinator, "regional_coordinator"},
    {AccessRole::kTutor, "tutor"},
    {AccessRole::kFunder, "funder"},
};

}  // namespace

std::string AccessRoleName(AccessRole role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return std::string(name);
  }
  return "unknown";
}

absl::StatusOr<AccessRole> ParseAccessRole(absl::string_view name) {
  for (const auto& [r, n] : kRoleNames) {
    if (n == name) return r;
  }
  return absl::InvalidArgumentError(
      "role: not one of admin, network_coordinator, regional_coordinator, "
      "tutor, funder");
}

absl::Status Denied(const Principal& p, absl::string_view what) {
  return absl::PermissionDeniedError(
      absl::StrCat(p.id, " (", AccessRoleName(p.role), ") may not ", what));
}

bool IsAdmin(const Principal& p) { return p.role == AccessRole::kAdmin; }

bool Coordinates(const Principal& p, absl::string_view network_id) {
  if (IsAdmin(p)) return true;
  return p.network_id == network_id &&
         (p.role == AccessRole::kNetworkCoordinator ||
          p.role == AccessRole::kRegionalCoordinator);
}

absl::Status RequireNetwork(const Principal& p, absl::string_view network_id,
                            absl::string_view what) {
  if (IsAdmin(p) || p.network_id == network_id) return absl::OkStatus();
  return Denied(p, absl::StrCat(what, " in network \"", network_id, "\""));
}

absl::Status RequireRegion(const Principal& p, absl::string_view network_id,
                           absl::string_view region_id,
                           absl::string_view what) {
  if (IsAdmin(p)) return absl::OkStatus();
  if (p.network_id == network_id) {
    if (p.role == AccessRole::kNetworkCoordinator) return absl::OkStatus();
    if (p.role == AccessRole::kRegionalCoordinator &&
        p.region_ids.count(std::string(region_id)) > 0) {
      return absl::OkStatus();
    }
  }
  return Denied(p, absl::StrCat(what, " in region \"", region_id,
                                "\", outside its regions"));
}

}  // namespace tutornet::access
