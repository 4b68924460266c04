// The registry's gRPC service, declared method by method
// (declared_service.h); each RPC is one line on ServeCall / ServeQuery
// (rpc.h). Commands run on the shared CommandRunner with the
// registry's and the people's contexts; queries read the registry's
// projection. No business rule lives here (they are in services/registry/).
#ifndef TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_
#define TUTORNET_SERVICES_SERVER_REGISTRY_SERVICE_H_

#include "services/commands/command_runner.h"
#include "services/projections/projector.h"
#include "services/registry/context.h"
#include "services/server/declared_service.h"
#include "services/server/rpc.h"
#include "tutornet/v1/registry_service.grpc.pb.h"

namespace tutornet::server {

class RegistryServiceImpl final : public DeclaredService<v1::RegistryService> {
 public:
  // Requires: everything passed outlives the service.
  RegistryServiceImpl(ServerCore& core, storage::EventLog& registry_log,
                      storage::EventLog& people_log,
                      const projections::Projector& view,
                      commands::RunnerOptions options = {});

  // A registry command in process, on the RPCs' own command path (for
  // generators that write a history: tools/country).
  absl::StatusOr<commands::CommandOutcome> Run(
      const v1::RegistryCommand& command, const v1::RequestHeader& header,
      const Principal& principal) {
    return registry_.Run(command, header, principal);
  }

  using Reactor = grpc::ServerUnaryReactor;

 private:
  // The RPCs, declared in the constructor.
  Reactor* CreateNetwork(const Rpc& rpc, const v1::CreateNetworkRequest* req,
                         v1::CommandResult* res);
  Reactor* AddRegion(const Rpc& rpc, const v1::AddRegionRequest* req,
                     v1::CommandResult* res);
  Reactor* AssignMunicipality(const Rpc& rpc,
                              const v1::AssignMunicipalityRequest* req,
                              v1::CommandResult* res);
  Reactor* RegisterSchool(const Rpc& rpc, const v1::RegisterSchoolRequest* req,
                          v1::CommandResult* res);
  Reactor* CloseSchool(const Rpc& rpc, const v1::CloseSchoolRequest* req,
                       v1::CommandResult* res);
  Reactor* RecordStaff(const Rpc& rpc, const v1::RecordStaffRequest* req,
                       v1::CommandResult* res);
  Reactor* AppointRole(const Rpc& rpc, const v1::AppointRoleRequest* req,
                       v1::CommandResult* res);
  Reactor* EndAppointment(const Rpc& rpc, const v1::EndAppointmentRequest* req,
                          v1::CommandResult* res);
  Reactor* RecordPerson(const Rpc& rpc, const v1::RecordPersonRequest* req,
                        v1::CommandResult* res);
  Reactor* GetNetwork(const Rpc& rpc, const v1::GetNetworkRequest* req,
                      v1::Network* res);
  Reactor* ListNetworks(const Rpc& rpc, const v1::ListNetworksRequest* req,
                        v1::ListNetworksResponse* res);
  Reactor* ListRegions(const Rpc& rpc, const v1::ListRegionsRequest* req,
                       v1::ListRegionsResponse* res);
  Reactor* ListMunicipalities(const Rpc& rpc,
                              const v1::ListMunicipalitiesRequest* req,
                              v1::ListMunicipalitiesResponse* res);
  Reactor* ListSchools(const Rpc& rpc, const v1::ListSchoolsRequest* req,
                       v1::ListSchoolsResponse* res);
  Reactor* WhoHeldRole(const Rpc& rpc, const v1::WhoHeldRoleRequest* req,
                       v1::WhoHeldRoleResponse* res);
  Reactor* GetPerson(const Rpc& rpc, const v1::GetPersonRequest* req,
                     v1::Person* res);

  // One registry command: `command` is the request's command put into the
  // RegistryCommand oneof by `field`.
  template <typename C>
  Reactor* Command(const Rpc& rpc, const v1::RequestHeader& header,
                   C* (v1::RegistryCommand::*field)(), const C& command,
                   v1::CommandResult* res);
  // A query of the registry's projection; `read` gets the principal and a
  // consistent view of the rows.
  Reactor* Query(const Rpc& rpc,
                 const google::protobuf::RepeatedPtrField<std::string>& tokens,
                 std::function<absl::Status(const Principal&,
                                            const projections::RowReader&)>
                     read);

  // A query of one network's rows as they are on a day (the request's
  // as_of, or today): authorizes the read, then calls `list`.
  template <typename Request, typename Response>
  Reactor* DayQuery(
      const Rpc& rpc, const Request* req, Response* res,
      absl::StatusOr<Response> (*list)(const projections::RowReader&,
                                       const Request&, absl::CivilDay));

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
