// The registry's gRPC service: each RPC is one line on ServeCall /
// ServeQuery (rpc.h). Commands run on the shared CommandRunner with the
// registry's and the people's contexts; queries read the registry's
// projection. No business rule lives here (they are in services/registry/).
#ifndef TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_

#include "services/commands/command_runner.h"
#include "services/projections/projector.h"
#include "services/registry/context.h"
#include "services/server/rpc.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

namespace tutornet::server {

class RegistryServiceImpl final : public v1::RegistryService::CallbackService {
 public:
  // Requires: everything passed outlives the service.
  RegistryServiceImpl(ServerCore& core, storage::EventLog& registry_log,
                      storage::EventLog& people_log,
                      const projections::Projector& view);

  using Ctx = grpc::CallbackServerContext;
  using Reactor = grpc::ServerUnaryReactor;
  Reactor* CreateNetwork(Ctx* ctx, const v1::CreateNetworkRequest* req,
                         v1::CommandResult* res) override;
  Reactor* AddRegion(Ctx* ctx, const v1::AddRegionRequest* req,
                     v1::CommandResult* res) override;
  Reactor* AssignMunicipality(Ctx* ctx,
                              const v1::AssignMunicipalityRequest* req,
                              v1::CommandResult* res) override;
  Reactor* RegisterSchool(Ctx* ctx, const v1::RegisterSchoolRequest* req,
                          v1::CommandResult* res) override;
  Reactor* CloseSchool(Ctx* ctx, const v1::CloseSchoolRequest* req,
                       v1::CommandResult* res) override;
  Reactor* AppointRole(Ctx* ctx, const v1::AppointRoleRequest* req,
                       v1::CommandResult* res) override;
  Reactor* EndAppointment(Ctx* ctx, const v1::EndAppointmentRequest* req,
                          v1::CommandResult* res) override;
  Reactor* RecordPerson(Ctx* ctx, const v1::RecordPersonRequest* req,
                        v1::CommandResult* res) override;
  Reactor* GetNetwork(Ctx* ctx, const v1::GetNetworkRequest* req,
                      v1::Network* res) override;
  Reactor* ListNetworks(Ctx* ctx, const v1::ListNetworksRequest* req,
                        v1::ListNetworksResponse* res) override;
  Reactor* ListRegions(Ctx* ctx, const v1::ListRegionsRequest* req,
                       v1::ListRegionsResponse* res) override;
  Reactor* ListMunicipalities(Ctx* ctx,
                              const v1::ListMunicipalitiesRequest* req,
                              v1::ListMunicipalitiesResponse* res) override;
  Reactor* ListSchools(Ctx* ctx, const v1::ListSchoolsRequest* req,
                       v1::ListSchoolsResponse* res) override;
  Reactor* WhoHeldRole(Ctx* ctx, const v1::WhoHeldRoleRequest* req,
                       v1::WhoHeldRoleResponse* res) override;
  Reactor* GetPerson(Ctx* ctx, const v1::GetPersonRequest* req,
                     v1::Person* res) override;

 private:
  // One registry command: `command` is the request's command put into the
  // RegistryCommand oneof by `field`.
  template <typename C>
  Reactor* Command(Ctx* ctx, const v1::RequestHeader& header,
                   C* (v1::RegistryCommand::*field)(), const C& command,
                   v1::CommandResult* res);
  // A query of the registry's projection; `read` gets the principal and a
  // consistent view of the rows.
  Reactor* Query(Ctx* ctx,
                 const google::protobuf::RepeatedPtrField<std::string>& tokens,
                 std::function<absl::Status(const Principal&,
                                            const projections::RowReader&)>
                     read);

  absl::StatusOr<registry::PersonFacts> FactsOf(
      const std::string& person_id) const;

  ServerCore& core_;
  storage::EventLog& registry_log_;
  storage::EventLog& people_log_;
  const projections::Projector& view_;
  registry::RegistryContext registry_context_;
  registry::PeopleContext people_context_;
  commands::CommandRunner<registry::RegistryContext> registry_;
  commands::CommandRunner<registry::PeopleContext> people_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_
