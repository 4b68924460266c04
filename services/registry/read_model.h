// RegistryReadModel: the registry's queries, answered from indexes that a
// subscription to the registry's event log keeps up to date.
//
// It is rebuilt by replaying the log from position 1 when the server starts
// (the registry is small: a country's networks replay in well under a
// second), so it needs no storage of its own yet. Queries can wait, bounded,
// until the model has applied a given log position: a client reads its own
// writes.
//
// Thread-safe. Requires: the log outlives the model; Stop() (or the
// destructor) runs before the log closes.
#ifndef TUTORNET_SERVICES_REGISTRY_READ_MODEL_H_
#define TUTORNET_SERVICES_REGISTRY_READ_MODEL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/event_log.h"
#include "tutornet/v1/registry_service.pb.h"

namespace tutornet::registry {

class RegistryReadModel {
 public:
  // Starts following `log` from its first event.
  explicit RegistryReadModel(storage::EventLog& log);
  ~RegistryReadModel();
  RegistryReadModel(const RegistryReadModel&) = delete;
  RegistryReadModel& operator=(const RegistryReadModel&) = delete;

  void Stop();

  // Waits until the model has applied `position`; DEADLINE_EXCEEDED if it
  // has not by `deadline`.
  absl::Status AwaitPosition(uint64_t position, absl::Time deadline) const;
  uint64_t position() const;

  // Every network, or only `network_id` when it is not empty.
  v1::ListNetworksResponse ListNetworks(
      const std::string& only_network_id) const;
  // NOT_FOUND for an unknown network or region.
  absl::StatusOr<v1::ListRegionsResponse> ListRegions(
      const v1::ListRegionsRequest& request) const;
  absl::StatusOr<v1::ListMunicipalitiesResponse> ListMunicipalities(
      const v1::ListMunicipalitiesRequest& request) const;

  // INVALID_ARGUMENT for bad filters, page size or token; NOT_FOUND for an
  // unknown network.
  absl::StatusOr<v1::ListSchoolsResponse> ListSchools(
      const v1::ListSchoolsRequest& request) const;
  absl::StatusOr<v1::WhoHeldRoleResponse> WhoHeldRole(
      const v1::WhoHeldRoleRequest& request) const;

 private:
  struct Network {
    bool exists() const { return !created.network_id().empty(); }
    v1::NetworkCreated created;
    std::map<std::string, v1::LocalizedText> region_names;
    std::map<std::string, v1::Municipality> municipalities;
    std::map<std::string, v1::School> schools;
    std::map<std::string, v1::Appointment> appointments;
  };

  void Follow();
  void Apply(const storage::RecordedEvent& recorded)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<const Network*> Find(const std::string& network_id) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);

  storage::EventLog& log_;
  mutable absl::Mutex mu_;
  std::map<std::string, Network> networks_ ABSL_GUARDED_BY(mu_);
  uint64_t position_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status failure_
      ABSL_GUARDED_BY(mu_);  // Set if following stopped on an error.
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<storage::Subscription> subscription_;
  std::thread follower_;  // Last: starts once everything above exists.
};

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_READ_MODEL_H_
