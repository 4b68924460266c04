#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include "absl/strings/str_cat.h"
#include "services/registry/people.h"
#include "services/registry/read_model.h"
#include "services/server/access_service.h"
#include "services/server/registry_service.h"
#include "services/server/tokens.h"
#include "storage/event_log.h"
#include "storage/status_macros.h"

namespace tutornet::server {

absl::StatusOr<std::unique_ptr<TutornetServer>> TutornetServer::Start(
    const ServerOptions& options) {
  auto server = std::unique_ptr<TutornetServer>(new TutornetServer());
  ASSIGN_OR_RETURN(server->registry_log_,
                   storage::EventLog::Open(options.data_dir + "/registry"));
  server->registry_model_ =
      std::make_unique<registry::RegistryReadModel>(*server->registry_log_);
  ASSIGN_OR_RETURN(server->people_log_,
                   storage::EventLog::Open(options.data_dir + "/people"));
  server->people_ =
      std::make_unique<registry::PeopleStore>(*server->people_log_);
  ASSIGN_OR_RETURN(server->tokens_,
                   TokenStore::Open(options.tokens_file.empty()
                                        ? options.data_dir + "/tokens"
                                        : options.tokens_file));
  server->registry_ = std::make_unique<RegistryServiceImpl>(
      *server->registry_log_, *server->registry_model_, *server->people_,
      *server->tokens_);

  grpc::EnableDefaultHealthCheckService(true);
  // Called explicitly: with --as-needed the reflection library's static
  // initialiser would be dropped.
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(),
                           &server->port_);
  server->access_ = std::make_unique<AccessServiceImpl>(*server->tokens_);
  builder.RegisterService(server->registry_.get());
  builder.RegisterService(server->access_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen));
  }
  return server;
}

const std::string& TutornetServer::admin_token_file() const {
  return tokens_->admin_token_file();
}

void TutornetServer::Shutdown(absl::Duration grace) {
  if (server_ != nullptr)
    server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

void TutornetServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

TutornetServer::~TutornetServer() {
  Shutdown(absl::Seconds(5));
  Wait();
  server_.reset();
  registry_.reset();
  access_.reset();
  registry_model_.reset();  // Ends its subscription before the log closes.
  people_.reset();
  people_log_.reset();
  registry_log_.reset();  // Closes the log after the last call has finished.
}

}  // namespace tutornet::server
