// NetworkState: what the registry knows of one network, folded from the
// events of its stream ("network-<id>"). A plain value; externally
// synchronised.
#ifndef TUTORNET_SERVICES_REGISTRY_NETWORK_STATE_H_
#define TUTORNET_SERVICES_REGISTRY_NETWORK_STATE_H_

#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "absl/time/civil_time.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

struct MunicipalityState {
  std::string region_id;  // Of its latest-dated assignment (maybe future).
  absl::CivilDay since;   // When that assignment takes effect.
  // Every assignment: effective day -> region.
  std::map<absl::CivilDay, std::string> regions;

  // The region it is in on `day`; empty before its first assignment.
  std::string RegionOn(absl::CivilDay day) const {
    auto it = regions.upper_bound(day);
    return it == regions.begin() ? std::string() : std::prev(it)->second;
  }
};

struct SchoolState {
  std::string municipality_id;
  bool closed = false;       // A closing has been decided (maybe future-dated).
  absl::CivilDay closed_on;  // Meaningful when closed.
};

struct AppointmentState {
  std::string person_id;
  v1::Role role = v1::ROLE_UNSPECIFIED;
  std::set<std::string> school_ids;
  std::set<std::string> region_ids;
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;  // Last day it holds; open-ended if unset.
};

struct NetworkState {
  bool exists = false;
  std::string network_id;
  std::set<std::string> region_ids;
  std::map<std::string, MunicipalityState> municipalities;
  std::map<std::string, SchoolState> schools;
  std::map<std::string, AppointmentState> appointments;
};

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_NETWORK_STATE_H_
