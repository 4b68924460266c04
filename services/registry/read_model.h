// The registry's read model: a projection of the registry log into rows,
// and the queries answered from those rows.
//
// Rows (keys; values are serialised messages):
//   n/<network>                          NetworkCreated
//   g/<network>/<region>                 RegionAdded
//   m/<network>/<municipality>/<date>    MunicipalityAssigned, one per move
//   s/<network>/<school>                 School (closed_on when decided)
//   sm/<network>/<municipality>/<school> (empty) its schools (a school
//                                        never moves)
//   a/<network>/<appointment>            Appointment
//   p/<person>/<network>/<appointment>   Appointment: the person's roles
//   t/<network>/<school year>/<school>   StaffRecorded: permanent teachers
//
// Queries honour effective dates: a municipality is in the region of its
// latest assignment that took effect on or before the day asked, and a
// school is closed from its closing day on.
//
// Pure functions over a RowReader; thread-safe.
#ifndef TUTORNET_SERVICES_REGISTRY_READ_MODEL_H_
#define TUTORNET_SERVICES_REGISTRY_READ_MODEL_H_

#include <map>
#include <optional>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/projections/projection.h"
#include "services/registry/policy.h"
#include "tutornet/v1/registry_service.pb.h"

namespace tutornet::registry {

// The name of the registry's log.
inline constexpr char kRegistryLog[] = "registry";

class RegistryProjection final : public projections::Projection {
 public:
  // Another service keeps its own copy of the registry's rows under its
  // own name (e.g. "activity-registry"), so it never calls the registry.
  explicit RegistryProjection(std::string name = "registry")
      : name_(std::move(name)) {}
  std::string name() const override { return name_; }
  // 2: staff rows keyed by school year first (a year's staff is a scan).
  int version() const override { return 3; }  // 3: sm/ rows.
  std::vector<std::string> sources() const override { return {kRegistryLog}; }
  absl::Status Apply(absl::string_view log, const storage::RecordedEvent& event,
                     projections::Rows& rows) const override;

 private:
  std::string name_;
};

// Where a school is on a day.
struct SchoolOnDay {
  std::string municipality_id;
  std::string region_id;  // Empty if its municipality is in no region yet.
  bool open = false;      // Not closed on or before the day.
};
// NOT_FOUND-free: nullopt when the network has no such school.
absl::StatusOr<std::optional<SchoolOnDay>> SchoolOn(
    const projections::RowReader& rows, const std::string& network_id,
    const std::string& school_id, absl::CivilDay day);
absl::StatusOr<bool> NetworkKnown(const projections::RowReader& rows,
                                  const std::string& network_id);
absl::StatusOr<bool> RegionKnown(const projections::RowReader& rows,
                                 const std::string& network_id,
                                 const std::string& region_id);
// The region a municipality of the network is in on `day` (before its
// first assignment: the region it goes to first); nullopt when the network
// has no such municipality.
absl::StatusOr<std::optional<std::string>> MunicipalityRegionOn(
    const projections::RowReader& rows, const std::string& network_id,
    const std::string& municipality_id, absl::CivilDay day);
// Every school of `network_id` and where it is on `day`.
absl::StatusOr<std::map<std::string, SchoolOnDay>> SchoolsOn(
    const projections::RowReader& rows, const std::string& network_id,
    absl::CivilDay day);
// SchoolsOn for the schools that may be in a scope: with a
// `municipality_id`, only the schools ever in it (its sm/ rows); where each
// is on `day` says whether it is there then.
absl::StatusOr<std::map<std::string, SchoolOnDay>> SchoolsPlacedOn(
    const projections::RowReader& rows, const std::string& network_id,
    const std::string& municipality_id, absl::CivilDay day);
// The permanent teachers recorded for `school_year`, by school; schools
// with no record are absent.
absl::StatusOr<std::map<std::string, int>> PermanentTeachers(
    const projections::RowReader& rows, const std::string& network_id,
    int school_year);
// The schools of a scope on `day`: at most one of `region_id`,
// `municipality_id`, `school_id` (none: the whole network), with their
// permanent teachers in `school_year`. INVALID_ARGUMENT naming the field
// for a bad id or more than one; NOT_FOUND for an unknown one.
struct ScopeSchools {
  // The region an access check must cover: the scope's own, or its
  // school's or municipality's; empty for the whole network.
  std::string region_id;
  std::map<std::string, SchoolOnDay> schools;  // Those in the scope.
  int permanent_teachers = 0;  // Of the schools with a staff record.
  int schools_without_staff = 0;
};
absl::StatusOr<ScopeSchools> SchoolsInScope(
    const projections::RowReader& rows, const std::string& network_id,
    const std::string& region_id, const std::string& municipality_id,
    const std::string& school_id, absl::CivilDay day, int school_year);
// Whether `person_id` holds `role` in `network_id` on `day` with a scope
// that names `school_id`.
absl::StatusOr<bool> HoldsRoleAtSchool(const projections::RowReader& rows,
                                       const std::string& person_id,
                                       const std::string& network_id,
                                       v1::Role role,
                                       const std::string& school_id,
                                       absl::CivilDay day);

// Every network, or only `network_id` when it is not empty.
absl::StatusOr<v1::ListNetworksResponse> ListNetworks(
    const projections::RowReader& rows, const std::string& only_network_id);
// NOT_FOUND for an unknown network or region.
absl::StatusOr<v1::ListRegionsResponse> ListRegions(
    const projections::RowReader& rows, const v1::ListRegionsRequest& request,
    absl::CivilDay day);
absl::StatusOr<v1::ListMunicipalitiesResponse> ListMunicipalities(
    const projections::RowReader& rows,
    const v1::ListMunicipalitiesRequest& request, absl::CivilDay day);
// INVALID_ARGUMENT for bad filters, page size or token; NOT_FOUND for an
// unknown network.
absl::StatusOr<v1::ListSchoolsResponse> ListSchools(
    const projections::RowReader& rows, const v1::ListSchoolsRequest& request,
    absl::CivilDay day);
absl::StatusOr<v1::WhoHeldRoleResponse> WhoHeldRole(
    const projections::RowReader& rows, const v1::WhoHeldRoleRequest& request);
// The networks in which `person_id` holds or held a role on or before
// `day`: whether one of those roles is above school level, and the regions
// (on `day`) of the schools of its school-level roles.
absl::StatusOr<std::map<std::string, NetworkRoles>> NetworksOfPerson(
    const projections::RowReader& rows, const std::string& person_id,
    absl::CivilDay day);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_READ_MODEL_H_
