#include "services/server/registry_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::server {
namespace {

using projections::RowReader;

// The day a list is asked for: `as_of`, or today in Finland.
absl::StatusOr<absl::CivilDay> DayOf(bool has_as_of, const v1::Date& as_of) {
  if (!has_as_of) return values::FinnishDay(absl::Now());
  RETURN_IF_ERROR(values::ValidateDate("as_of", as_of));
  return values::ToCivilDay(as_of);
}

}  // namespace

RegistryServiceImpl::RegistryServiceImpl(ServerCore& core,
                                         storage::EventLog& registry_log,
                                         storage::EventLog& people_log,
                                         const projections::Projector& view,
                                         commands::RunnerOptions options)
    : DeclaredService(AuthenticatorOf(core)),
      core_(core),
      registry_log_(registry_log),
      people_log_(people_log),
      view_(view),
      people_context_([this](const std::string& id) { return FactsOf(id); }),
      registry_(registry_log, registry_context_, options),
      people_(people_log, people_context_, options) {
  using R = RegistryServiceImpl;
  auto method = [this](auto body) {
    return [this, body](const Rpc& rpc, const auto* req, auto* res) {
      return (this->*body)(rpc, req, res);
    };
  };
  Unary<v1::CreateNetworkRequest, v1::CommandResult>("CreateNetwork",
                                                     method(&R::CreateNetwork));
  Unary<v1::AddRegionRequest, v1::CommandResult>("AddRegion",
                                                 method(&R::AddRegion));
  Unary<v1::AssignMunicipalityRequest, v1::CommandResult>(
      "AssignMunicipality", method(&R::AssignMunicipality));
  Unary<v1::RegisterSchoolRequest, v1::CommandResult>(
      "RegisterSchool", method(&R::RegisterSchool));
  Unary<v1::CloseSchoolRequest, v1::CommandResult>("CloseSchool",
                                                   method(&R::CloseSchool));
  Unary<v1::RecordStaffRequest, v1::CommandResult>("RecordStaff",
                                                   method(&R::RecordStaff));
  Unary<v1::AppointRoleRequest, v1::CommandResult>("AppointRole",
                                                   method(&R::AppointRole));
  Unary<v1::EndAppointmentRequest, v1::CommandResult>(
      "EndAppointment", method(&R::EndAppointment));
  Unary<v1::RecordPersonRequest, v1::CommandResult>("RecordPerson",
                                                    method(&R::RecordPerson));
  Unary<v1::GetNetworkRequest, v1::Network>("GetNetwork",
                                            method(&R::GetNetwork));
  Unary<v1::ListNetworksRequest, v1::ListNetworksResponse>(
      "ListNetworks", method(&R::ListNetworks));
  Unary<v1::ListRegionsRequest, v1::ListRegionsResponse>(
      "ListRegions", method(&R::ListRegions));
  Unary<v1::ListMunicipalitiesRequest, v1::ListMunicipalitiesResponse>(
      "ListMunicipalities", method(&R::ListMunicipalities));
  Unary<v1::ListSchoolsRequest, v1::ListSchoolsResponse>(
      "ListSchools", method(&R::ListSchools));
  Unary<v1::WhoHeldRoleRequest, v1::WhoHeldRoleResponse>(
      "WhoHeldRole", method(&R::WhoHeldRole));
  Unary<v1::GetPersonRequest, v1::Person>("GetPerson", method(&R::GetPerson));
}

absl::StatusOr<registry::PersonFacts> RegistryServiceImpl::FactsOf(
    const std::string& person_id) const {
  // Authorization must see every appointment acknowledged before this
  // call, so the view is first brought up to the log's head (it follows
  // within milliseconds; bounded all the same).
  if (!view_.AwaitApplied(registry::kRegistryLog, registry_log_.Head(),
                          absl::Now() + core_.max_read_wait)) {
    return absl::UnavailableError(
        "the registry's view is behind its log; retry");
  }
  registry::PersonFacts facts;
  facts.is_admin = core_.tokens.IsAdmin(person_id);
  std::shared_ptr<const projections::RowStore> store = view_.store();
  ASSIGN_OR_RETURN(facts.networks,
                   registry::NetworksOfPerson(*store->Read(), person_id,
                                              values::FinnishDay(absl::Now())));
  return facts;
}

template <typename C>
grpc::ServerUnaryReactor* RegistryServiceImpl::Command(
    const Rpc& rpc, const v1::RequestHeader& header,
    C* (v1::RegistryCommand::*field)(), const C& command,
    v1::CommandResult* res) {
  return ServeCommandCase(
      core_, rpc, header, {}, registry::kRegistryLog, field, command,
      [this](const v1::RegistryCommand& c, const v1::RequestHeader& h,
             const Principal& p) { return registry_.Run(c, h, p); },
      res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::Query(
    const Rpc& rpc,
    const google::protobuf::RepeatedPtrField<std::string>& tokens,
    std::function<absl::Status(const Principal&, const RowReader&)> read) {
  return ServeQuery(core_, rpc, tokens, {&view_},
                    [this, read = std::move(read)](const Principal& p) {
                      std::shared_ptr<const projections::RowStore> store =
                          view_.store();
                      return read(p, *store->Read());
                    });
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* RegistryServiceImpl::DayQuery(
    const Rpc& rpc, const Request* req, Response* res,
    absl::StatusOr<Response> (*list)(const RowReader&, const Request&,
                                     absl::CivilDay)) {
  return Query(rpc, req->position_tokens(),
               [req, res, list](const Principal& p,
                                const RowReader& rows) -> absl::Status {
                 RETURN_IF_ERROR(registry::AuthorizeRead(p, req->network_id()));
                 ASSIGN_OR_RETURN(const absl::CivilDay day,
                                  DayOf(req->has_as_of(), req->as_of()));
                 ASSIGN_OR_RETURN(*res, list(rows, *req, day));
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::CreateNetwork(
    const Rpc& rpc, const v1::CreateNetworkRequest* req,
    v1::CommandResult* res) {
  return Command(rpc, req->header(),
                 &v1::RegistryCommand::mutable_create_network, req->command(),
                 res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::AddRegion(
    const Rpc& rpc, const v1::AddRegionRequest* req, v1::CommandResult* res) {
  return Command(rpc, req->header(), &v1::RegistryCommand::mutable_add_region,
                 req->command(), res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::AssignMunicipality(
    const Rpc& rpc, const v1::AssignMunicipalityRequest* req,
    v1::CommandResult* res) {
  return Command(rpc, req->header(),
                 &v1::RegistryCommand::mutable_assign_municipality,
                 req->command(), res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::RegisterSchool(
    const Rpc& rpc, const v1::RegisterSchoolRequest* req,
    v1::CommandResult* res) {
  return Command(rpc, req->header(),
                 &v1::RegistryCommand::mutable_register_school, req->command(),
                 res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::CloseSchool(
    const Rpc& rpc, const v1::CloseSchoolRequest* req, v1::CommandResult* res) {
  return Command(rpc, req->header(), &v1::RegistryCommand::mutable_close_school,
                 req->command(), res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::RecordStaff(
    const Rpc& rpc, const v1::RecordStaffRequest* req, v1::CommandResult* res) {
  return Command(rpc, req->header(), &v1::RegistryCommand::mutable_record_staff,
                 req->command(), res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::AppointRole(
    const Rpc& rpc, const v1::AppointRoleRequest* req, v1::CommandResult* res) {
  return Command(rpc, req->header(), &v1::RegistryCommand::mutable_appoint_role,
                 req->command(), res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::EndAppointment(
    const Rpc& rpc, const v1::EndAppointmentRequest* req,
    v1::CommandResult* res) {
  return Command(rpc, req->header(),
                 &v1::RegistryCommand::mutable_end_appointment, req->command(),
                 res);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::RecordPerson(
    const Rpc& rpc, const v1::RecordPersonRequest* req,
    v1::CommandResult* res) {
  return ServeCommand(
      core_, rpc, req->header(), {}, [this, req, res](const Principal& p) {
        ASSIGN_OR_RETURN(commands::CommandOutcome o,
                         people_.Run(req->person(), req->header(), p));
        FillResult(registry::kPeopleLog, o, res);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetPerson(
    const Rpc& rpc, const v1::GetPersonRequest* req, v1::Person* res) {
  // The people log is read directly, so there is no view to wait for.
  return ServeQuery(
      core_, rpc, req->position_tokens(), {},
      [this, req, res](const Principal& p) {
        RETURN_IF_ERROR(people_context_.AuthorizeRead(p, req->person_id()));
        ASSIGN_OR_RETURN(*res,
                         registry::GetPerson(people_log_, req->person_id()));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::GetNetwork(
    const Rpc& rpc, const v1::GetNetworkRequest* req, v1::Network* res) {
  // The network's stream is read directly: its history as the log has it.
  return ServeQuery(
      core_, rpc, req->position_tokens(), {},
      [this, req, res](const Principal& p) -> absl::Status {
        RETURN_IF_ERROR(registry::AuthorizeRead(p, req->network_id()));
        RETURN_IF_ERROR(values::ValidateId("network_id", req->network_id()));
        res->set_network_id(req->network_id());
        RETURN_IF_ERROR(commands::ReadStreamEvents<v1::RegistryEvent>(
            registry_log_, registry::NetworkStream(req->network_id()), 1,
            [res](v1::RegistryEvent e, const storage::RecordedEvent& r) {
              *res->add_history() = std::move(e);
              res->set_version(r.stream_version);
            }));
        if (res->history().empty()) {
          return absl::NotFoundError(absl::StrCat(
              "network \"", req->network_id(), "\" does not exist"));
        }
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListNetworks(
    const Rpc& rpc, const v1::ListNetworksRequest* req,
    v1::ListNetworksResponse* res) {
  return Query(
      rpc, req->position_tokens(),
      [res](const Principal& p, const RowReader& rows) -> absl::Status {
        // Everyone but an admin sees only their own network.
        ASSIGN_OR_RETURN(*res,
                         registry::ListNetworks(
                             rows, access::IsAdmin(p) ? "" : p.network_id));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListRegions(
    const Rpc& rpc, const v1::ListRegionsRequest* req,
    v1::ListRegionsResponse* res) {
  return DayQuery(rpc, req, res, &registry::ListRegions);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListMunicipalities(
    const Rpc& rpc, const v1::ListMunicipalitiesRequest* req,
    v1::ListMunicipalitiesResponse* res) {
  return DayQuery(rpc, req, res, &registry::ListMunicipalities);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::ListSchools(
    const Rpc& rpc, const v1::ListSchoolsRequest* req,
    v1::ListSchoolsResponse* res) {
  return DayQuery(rpc, req, res, &registry::ListSchools);
}

grpc::ServerUnaryReactor* RegistryServiceImpl::WhoHeldRole(
    const Rpc& rpc, const v1::WhoHeldRoleRequest* req,
    v1::WhoHeldRoleResponse* res) {
  return Query(
      rpc, req->position_tokens(),
      [req, res](const Principal& p, const RowReader& rows) -> absl::Status {
        RETURN_IF_ERROR(registry::AuthorizeRead(p, req->network_id()));
        ASSIGN_OR_RETURN(*res, registry::WhoHeldRole(rows, *req));
        return absl::OkStatus();
      });
}

}  // namespace tutornet::server
