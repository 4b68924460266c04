// TutornetServer: the gRPC server with its embedded stores. One process
// hosts every service (only the registry for now), each with its own event
// log under the data directory:
//
//   <data_dir>/registry/     the registry's event log
//   <data_dir>/people/       people's personal data, apart from what funders
//   audit <data_dir>/tokens        hashed access tokens (tokens.h)
//   <data_dir>/admin.token   the first admin token, written once
//
// Serves the standard gRPC health service and server reflection.
// Thread-safe; Shutdown may be called from any thread, once or more.
#ifndef TUTORNET_SERVICES_SERVER_SERVER_H_
#define TUTORNET_SERVICES_SERVER_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace grpc {
class Server;
}

namespace tutornet::storage {
class EventLog;
}
namespace tutornet::registry {
class PeopleStore;
class RegistryReadModel;
}  // namespace tutornet::registry

namespace tutornet::server {

class AccessServiceImpl;
class RegistryServiceImpl;
class TokenStore;

struct ServerOptions {
  std::string listen =
      "127.0.0.1:50051";  // host:port; port 0 picks a free one.
  std::string data_dir = "var/tutornetd";
  std::string tokens_file;  // Empty: <data_dir>/tokens.
};

class TutornetServer {
 public:
  // Opens the stores and starts serving. FAILED_PRECONDITION if the data
  // directory is in use; UNAVAILABLE if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<TutornetServer>> Start(
      const ServerOptions& options);
  ~TutornetServer();

  int port() const { return port_; }
  // Where the first admin token was written; empty after the first start.
  const std::string& admin_token_file() const;

  // Stops accepting calls, lets calls in flight finish (up to `grace`), then
  // closes the logs.
  void Shutdown(absl::Duration grace);
  // Blocks until Shutdown has run.
  void Wait();

 private:
  TutornetServer() = default;
  std::unique_ptr<storage::EventLog> registry_log_;
  std::unique_ptr<registry::RegistryReadModel> registry_model_;
  std::unique_ptr<storage::EventLog> people_log_;
  std::unique_ptr<registry::PeopleStore> people_;
  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<RegistryServiceImpl> registry_;
  std::unique_ptr<AccessServiceImpl> access_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_SERVER_H_
