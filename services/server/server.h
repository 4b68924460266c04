// TutornetServer: the gRPC server with its embedded stores. One process
// hosts every service, each context with its own event log under the data
// directory (0700, whatever the umask):
//
//   <data_dir>/registry/                 the registry's event log
//   <data_dir>/people/                   people's personal data, apart from
//                                        what funders audit
//   <data_dir>/activity/                 funded projects and tutoring hours
//   <data_dir>/training/                 trainings, meetings, takeovers,
//                                        peer groups
//   <data_dir>/badges/                   badge classes, applications, awards;
//                                        and issuer_key.pem, the badge
//                                        issuer's RS256 key (0600)
//   <data_dir>/development/              activity plans, competence mapping,
//                                        training plans, mentoring
//                                        processes, work-pair periods,
//                                        digital mentors
//   <data_dir>/projections/<name>/       each durable projection's rows
//   <data_dir>/tokens                    hashed access tokens (tokens.h)
//   <data_dir>/admin.token               the first admin token, written once
//
// Signs a tree head for each log that grew, every sign_interval and at
// shutdown (transparency_service.h serves them with their proofs).
//
// Serves the standard gRPC health service (overall, and per projection as
// "tutornet.projection.<name>": SERVING while it follows its logs) and
// server reflection. Calls run on a bounded executor; reads that wait for
// a position token hold no thread.
//
// Thread-safe; Shutdown may be called from any thread, once or more.
#ifndef TUTORNET_SERVICES_SERVER_SERVER_H_
#define TUTORNET_SERVICES_SERVER_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace grpc {
class Server;
}

namespace tutornet::storage {
class EventLog;
}
namespace tutornet::projections {
class Projector;
}
namespace tutornet::registry {
class RegistryProjection;
}
namespace tutornet::activity {
class Activity;
class HoursProjection;
}  // namespace tutornet::activity
namespace tutornet::development {
class Development;
class DevelopmentProjection;
}  // namespace tutornet::development
namespace tutornet::training {
class Training;
class TrainingProjection;
}  // namespace tutornet::training

namespace tutornet::badges {
class Badges;
class BadgeIssuer;
class BadgesProjection;
}  // namespace tutornet::badges

namespace tutornet::server {

class AccessServiceImpl;
class BadgeServiceImpl;
class PublicDocuments;
class ActivityServiceImpl;
class TrainingServiceImpl;
class DevelopmentServiceImpl;
class DashboardServiceImpl;
class TransparencyServiceImpl;
class Executor;
class OperationsServiceImpl;
class ReadWaits;
class RegistryServiceImpl;
class TokenStore;
struct ServerCore;

// In a data directory a bulk load has not finished (ServerOptions::bulk_load).
inline constexpr char kUnfinishedMarker[] = "bulk-load.unfinished";

struct ServerOptions {
  std::string listen =
      "127.0.0.1:50051";  // host:port; port 0 picks a free one.
  std::string data_dir = "var/tutornetd";
  std::string tokens_file;  // Empty: <data_dir>/tokens.
  size_t threads = 64;      // Executor threads: calls running at once.
  size_t max_queued_calls = 10000;
  size_t max_waiting_reads = 10000;
  // The public Open Badges documents over HTTP (public_documents.h):
  // host:port (port 0 picks one); empty: not served.
  std::string http_listen;
  // The documents' base URL as the world sees it (https behind a proxy);
  // empty: http://<http_listen's host and port>.
  std::string public_base_url;
  // The issuer's contact address (Open Badges 2.0 issuers need one).
  std::string issuer_email = "badges@tutornet.invalid";
  // How often each log's tree head is signed, when the log grew since its
  // last head (and once more at shutdown); zero: at shutdown only.
  absl::Duration sign_interval = absl::Minutes(1);
  // Where the logs' recorded_at comes from (never decreasing along a log);
  // empty: absl::Now. For tests and generators that write a history. The
  // commands are decided at the same time ("today" in their rules).
  std::function<absl::Time()> clock;
  // Called once the stores are open and the views built, just before the
  // server starts to listen: from then on calls may be acknowledged.
  std::function<void()> before_listening;
  // Appends are acknowledged before they are fsynced; the logs sync when
  // they close (EventLogOptions::sync_appends). Only for a generator that
  // writes a whole history in process and can write it again after a
  // crash; never for a server that answers clients. While it runs the data
  // directory holds kUnfinishedMarker, and a start refuses a directory
  // that holds one.
  bool bulk_load = false;
  // Folded streams each command runner keeps in memory. A month's end,
  // when every tutor logs, touches every tutor's stream in turn: fewer
  // folds than tutors, and each command folds its stream from the log.
  size_t cached_folds = 10000;
};

// The services' command paths, in process: the runners the RPCs use,
// without gRPC and tokens (the caller names the principal). For
// generators that write a history (tools/country).
struct InProcessCommands {
  RegistryServiceImpl& registry;
  activity::Activity& activity;
  training::Training& training;
  badges::Badges& badges;
  development::Development& development;
};

class TutornetServer {
 public:
  // Opens the stores and starts serving. FAILED_PRECONDITION if the data
  // directory is in use or damaged, or the tokens file is missing on a
  // data directory that has logs, or cannot be read; UNAVAILABLE if the
  // address cannot be bound.
  static absl::StatusOr<std::unique_ptr<TutornetServer>> Start(
      const ServerOptions& options);
  ~TutornetServer();

  int port() const { return port_; }
  // The HTTP port of the public documents; 0 when not served.
  int http_port() const;
  // Where the first admin token was written; empty after the first start.
  const std::string& admin_token_file() const;

  InProcessCommands in_process();
  // Blocks until every view has applied each of its logs up to the head
  // it had when called; DEADLINE_EXCEEDED after `max_wait`, naming the
  // view; the view's error if one stopped.
  absl::Status AwaitViews(absl::Duration max_wait) const;

  // Stops accepting calls, lets calls in flight finish (up to `grace`), then
  // closes the logs.
  void Shutdown(absl::Duration grace);
  // Blocks until Shutdown has run.
  void Wait();

 private:
  TutornetServer() = default;
  void Monitor();
  // Signs a tree head for every log that grew since its last one.
  void SignHeads();
  void Signer(absl::Duration interval);
  // Opens the activity log and its views (after the registry's).
  absl::Status OpenActivity(const ServerOptions& options);
  // Opens the training log and its views (after the registry's).
  absl::Status OpenTraining(const ServerOptions& options);
  // Opens the development log and its views (after the activity log's).
  absl::Status OpenDevelopment(const ServerOptions& options);
  // Opens the badges log, its views, the issuer's key and the public
  // documents (after the registry's and people's logs).
  absl::Status OpenBadges(const ServerOptions& options);
  // Every view, for health, waiting reads and operations.
  std::vector<projections::Projector*> views() const;

  std::unique_ptr<storage::EventLog> registry_log_;
  std::unique_ptr<storage::EventLog> people_log_;
  std::unique_ptr<registry::RegistryProjection> registry_projection_;
  std::unique_ptr<projections::Projector> registry_view_;
  std::unique_ptr<storage::EventLog> activity_log_;
  // The activity service's own copy of the registry's rows, and its
  // hours view.
  std::unique_ptr<registry::RegistryProjection> activity_registry_projection_;
  std::unique_ptr<projections::Projector> activity_registry_view_;
  std::unique_ptr<activity::HoursProjection> hours_projection_;
  std::unique_ptr<projections::Projector> hours_view_;
  std::unique_ptr<activity::Activity> activity_;
  std::unique_ptr<ActivityServiceImpl> activity_service_;
  std::unique_ptr<storage::EventLog> training_log_;
  std::unique_ptr<registry::RegistryProjection> training_registry_projection_;
  std::unique_ptr<projections::Projector> training_registry_view_;
  std::unique_ptr<training::TrainingProjection> training_projection_;
  std::unique_ptr<projections::Projector> training_view_;
  std::unique_ptr<training::Training> training_;
  std::unique_ptr<TrainingServiceImpl> training_service_;
  std::unique_ptr<storage::EventLog> development_log_;
  std::unique_ptr<registry::RegistryProjection>
      development_registry_projection_;
  std::unique_ptr<projections::Projector> development_registry_view_;
  std::unique_ptr<development::DevelopmentProjection> development_projection_;
  std::unique_ptr<projections::Projector> development_view_;
  std::unique_ptr<development::Development> development_;
  std::unique_ptr<DevelopmentServiceImpl> development_service_;
  std::unique_ptr<DashboardServiceImpl> dashboard_service_;
  std::unique_ptr<TransparencyServiceImpl> transparency_;
  std::unique_ptr<storage::EventLog> badges_log_;
  std::unique_ptr<registry::RegistryProjection> badges_registry_projection_;
  std::unique_ptr<projections::Projector> badges_registry_view_;
  std::unique_ptr<badges::BadgesProjection> badges_projection_;
  std::unique_ptr<projections::Projector> badges_view_;
  std::unique_ptr<badges::Badges> badges_;
  std::unique_ptr<badges::BadgeIssuer> issuer_;
  std::unique_ptr<BadgeServiceImpl> badge_service_;
  std::unique_ptr<PublicDocuments> public_documents_;
  std::unique_ptr<TokenStore> tokens_;
  std::unique_ptr<Executor> executor_;
  std::unique_ptr<ReadWaits> waits_;
  std::unique_ptr<ServerCore> core_;
  std::unique_ptr<RegistryServiceImpl> registry_;
  std::unique_ptr<AccessServiceImpl> access_;
  std::unique_ptr<OperationsServiceImpl> operations_;
  std::unique_ptr<grpc::Server> server_;
  absl::Notification stop_monitor_;
  std::thread monitor_;
  std::thread signer_;
  int port_ = 0;
  std::string unfinished_marker_;  // Removed at close; empty: none.
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_SERVER_H_
