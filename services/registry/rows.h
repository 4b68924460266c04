// The registry read model's rows as its two halves read them: the
// projection and the registry's own queries (read_model.cc), and the
// facts other contexts read about places and roles (facts.cc). Internal
// to services/registry/.
#ifndef TUTORNET_SERVICES_REGISTRY_ROWS_H_
#define TUTORNET_SERVICES_REGISTRY_ROWS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/projections/projection.h"
#include "services/values/dates.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

using values::ToCivilDay;

// "<kind>/<network>/<id>", or the prefix "<kind>/<network>/" of them all.
inline std::string Key(absl::string_view kind, absl::string_view network,
                       absl::string_view id = {}) {
  return id.empty() ? absl::StrCat(kind, "/", network, "/")
                    : absl::StrCat(kind, "/", network, "/", id);
}

// A municipality's assignments, in the order they take effect. Several in
// a row to the same region (a move that was undone) count as one.
struct MunicipalityHistory {
  std::vector<v1::MunicipalityAssigned> moves;
  // The assignment that put it in its region on `day` (the first of a run
  // to that region); nullptr before the first.
  const v1::MunicipalityAssigned* On(absl::CivilDay day) const {
    const v1::MunicipalityAssigned* found = nullptr;
    for (const v1::MunicipalityAssigned& m : moves) {
      if (ToCivilDay(m.effective()) > day) break;
      if (found == nullptr || found->region_id() != m.region_id()) found = &m;
    }
    return found;
  }
  // The first assignment after `day` to another region than `day`'s.
  const v1::MunicipalityAssigned* After(absl::CivilDay day) const {
    const v1::MunicipalityAssigned* on = On(day);
    for (const v1::MunicipalityAssigned& m : moves) {
      if (ToCivilDay(m.effective()) <= day) continue;
      if (on == nullptr || m.region_id() != on->region_id()) return &m;
    }
    return nullptr;
  }
  v1::LocalizedText Name() const {
    for (auto it = moves.rbegin(); it != moves.rend(); ++it) {
      if (it->has_name()) return it->name();
    }
    return {};
  }
};

// One municipality's assignments.
absl::StatusOr<MunicipalityHistory> HistoryOf(
    const projections::RowReader& rows, const std::string& network_id,
    const std::string& municipality_id);
// Every municipality's of the network.
absl::StatusOr<std::map<std::string, MunicipalityHistory>> Municipalities(
    const projections::RowReader& rows, const std::string& network_id);

// Whether the appointment holds on `day`.
inline bool Holds(const v1::Appointment& a, absl::CivilDay day) {
  if (day < ToCivilDay(a.start())) return false;
  return !a.has_end() || day <= ToCivilDay(a.end());
}

template <typename Ids>
bool Contains(const Ids& ids, const std::string& id) {
  for (const std::string& x : ids) {
    if (x == id) return true;
  }
  return false;
}

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_ROWS_H_
