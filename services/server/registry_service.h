// The registry's gRPC service: authenticates, turns each request into a
// registry command, runs it through the RegistryHandler and maps the status.
// No business rule lives here (they are in services/registry/).
#ifndef TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_

#include "services/registry/command_handler.h"
#include "services/registry/people.h"
#include "services/registry/read_model.h"
#include "services/server/tokens.h"
#include "storage/event_log.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

namespace tutornet::server {

class RegistryServiceImpl final : public v1::RegistryService::Service {
 public:
  // Requires: `log`, `model`, `people` and `tokens` outlive the service.
  RegistryServiceImpl(storage::EventLog& log,
                      const registry::RegistryReadModel& model,
                      registry::PeopleStore& people, const TokenStore& tokens)
      : model_(model), people_(people), tokens_(tokens), handler_(log) {}

  grpc::Status CreateNetwork(grpc::ServerContext* ctx,
                             const v1::CreateNetworkRequest* req,
                             v1::CommandResult* res) override;
  grpc::Status AddRegion(grpc::ServerContext* ctx,
                         const v1::AddRegionRequest* req,
                         v1::CommandResult* res) override;
  grpc::Status AssignMunicipality(grpc::ServerContext* ctx,
                                  const v1::AssignMunicipalityRequest* req,
                                  v1::CommandResult* res) override;
  grpc::Status RegisterSchool(grpc::ServerContext* ctx,
                              const v1::RegisterSchoolRequest* req,
                              v1::CommandResult* res) override;
  grpc::Status CloseSchool(grpc::ServerContext* ctx,
                           const v1::CloseSchoolRequest* req,
                           v1::CommandResult* res) override;
  grpc::Status AppointRole(grpc::ServerContext* ctx,
                           const v1::AppointRoleRequest* req,
                           v1::CommandResult* res) override;
  grpc::Status EndAppointment(grpc::ServerContext* ctx,
                              const v1::EndAppointmentRequest* req,
                              v1::CommandResult* res) override;
  grpc::Status GetNetwork(grpc::ServerContext* ctx,
                          const v1::GetNetworkRequest* req,
                          v1::Network* res) override;
  grpc::Status ListSchools(grpc::ServerContext* ctx,
                           const v1::ListSchoolsRequest* req,
                           v1::ListSchoolsResponse* res) override;
  grpc::Status WhoHeldRole(grpc::ServerContext* ctx,
                           const v1::WhoHeldRoleRequest* req,
                           v1::WhoHeldRoleResponse* res) override;
  grpc::Status ListNetworks(grpc::ServerContext* ctx,
                            const v1::ListNetworksRequest* req,
                            v1::ListNetworksResponse* res) override;
  grpc::Status ListRegions(grpc::ServerContext* ctx,
                           const v1::ListRegionsRequest* req,
                           v1::ListRegionsResponse* res) override;
  grpc::Status ListMunicipalities(grpc::ServerContext* ctx,
                                  const v1::ListMunicipalitiesRequest* req,
                                  v1::ListMunicipalitiesResponse* res) override;
  grpc::Status RecordPerson(grpc::ServerContext* ctx,
                            const v1::RecordPersonRequest* req,
                            v1::RecordPersonResponse* res) override;
  grpc::Status GetPerson(grpc::ServerContext* ctx,
                         const v1::GetPersonRequest* req,
                         v1::Person* res) override;

 private:
  // Authenticates and runs one command; fills `result`.
  grpc::Status Run(grpc::ServerContext* ctx, const v1::RequestHeader& header,
                   v1::RegistryCommand command, v1::CommandResult* result);
  absl::StatusOr<Principal> Authenticate(const grpc::ServerContext* ctx) const;
  // Authenticates and authorizes a query of `network_id` and waits until
  // the read model shows `token`.
  absl::Status PrepareQuery(const grpc::ServerContext* ctx,
                            absl::string_view network_id,
                            absl::string_view token) const;

  const registry::RegistryReadModel& model_;
  registry::PeopleStore& people_;
  const TokenStore& tokens_;
  registry::RegistryHandler handler_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_
