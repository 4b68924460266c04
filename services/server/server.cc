#include "services/server/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/activity/activity.h"
#include "services/activity/read_model.h"
#include "services/badges/badges.h"
#include "services/badges/issuer.h"
#include "services/badges/read_model.h"
#include "services/development/development.h"
#include "services/development/read_model.h"
#include "services/projections/projector.h"
#include "services/registry/read_model.h"
#include "services/server/access_service.h"
#include "services/server/activity_service.h"
#include "services/server/badge_service.h"
#include "services/server/dashboard_service.h"
#include "services/server/development_service.h"
#include "services/server/executor.h"
#include "services/server/json_api.h"
#include "services/server/operations_service.h"
#include "services/server/public_documents.h"
#include "services/server/read_waits.h"
#include "services/server/registry_service.h"
#include "services/server/rpc.h"
#include "services/server/tokens.h"
#include "services/server/training_service.h"
#include "services/server/transparency_service.h"
#include "services/training/read_model.h"
#include "services/training/training.h"
#include "status/status_macros.h"
#include "storage/event_log.h"
#include "storage/private_files.h"

namespace tutornet::server {

namespace {

// The read calls served as JSON over HTTP too (json_api.h).
JsonMethods JsonMethodsOf(const ServerCore& core,
                          DashboardServiceImpl* dashboard,
                          ActivityServiceImpl* activity) {
  return {
      {"/v1/tutornet.v1.DashboardService/GetDashboard",
       JsonCall<v1::GetDashboardRequest, v1::DashboardResponse>(
           core, dashboard->views(),
           [dashboard](const Principal& p, const v1::GetDashboardRequest& r) {
             return dashboard->Dashboard(p, r);
           })},
      {"/v1/tutornet.v1.DashboardService/GetEvaluationReport",
       JsonCall<v1::GetEvaluationReportRequest, v1::EvaluationReportResponse>(
           core, dashboard->views(),
           [dashboard](const Principal& p,
                       const v1::GetEvaluationReportRequest& r) {
             return dashboard->EvaluationReport(p, r);
           })},
      {"/v1/tutornet.v1.ActivityService/GetMonthReport",
       JsonCall<v1::GetMonthReportRequest, v1::MonthReportBundle>(
           core, {&activity->hours_view()},
           [activity](const Principal& p, const v1::GetMonthReportRequest& r) {
             return activity->MonthReport(p, r);
           })},
  };
}

}  // namespace
namespace {

absl::StatusOr<std::unique_ptr<storage::EventLog>> OpenLog(
    const std::string& dir, const ServerOptions& server) {
  storage::EventLogOptions options;
  options.clock = server.clock;
  options.sync_appends = !server.bulk_load;
  // A retry is recognised however late it comes (a rerun of last term's
  // import, the demo loaded again next year): request ids are kept for the
  // log's life, about 100 bytes per command.
  options.request_id_retention = absl::InfiniteDuration();
  return storage::EventLog::Open(dir, options);
}

// The services' runners decide at the logs' clock.
commands::RunnerOptions RunnerOptionsOf(const ServerOptions& server) {
  commands::RunnerOptions options;
  options.clock = server.clock;
  options.cached_streams = server.cached_folds;
  return options;
}

// What a first start leaves in the data directory, also when it was
// killed half-way; anything else means the directory is someone else's.
bool OursFromAFirstStart(const std::string& name) {
  // Made in this order before the registry's log exists.
  for (const char* ours : {"tokens", "tokens.tmp", "admin.token",
                           "admin.token.tmp", "registry.creating"}) {
    if (name == ours) return true;
  }
  return false;
}

// Creates the data directory (0700) if it is missing, and says whether
// this is a first start: no log yet. A directory that exists is left as
// it is (the logs inside are private), but one holding files that are not
// tutornet's is refused rather than filled.
absl::StatusOr<bool> PrepareDataDirectory(const ServerOptions& options) {
  std::error_code error;
  const std::filesystem::path dir(options.data_dir);
  if (!std::filesystem::exists(dir, error)) {
    RETURN_IF_ERROR(storage::MakePrivateDirectory(options.data_dir));
  }
  if (std::filesystem::exists(dir / "registry", error)) return false;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (!OursFromAFirstStart(entry.path().filename().string())) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the data directory ", options.data_dir, " holds \"",
          entry.path().filename().string(),
          "\" but no tutornet logs; give an empty or new directory"));
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<TutornetServer>> TutornetServer::Start(
    const ServerOptions& options) {
  auto server = std::unique_ptr<TutornetServer>(new TutornetServer());
  ASSIGN_OR_RETURN(const bool first_start, PrepareDataDirectory(options));
  const std::string unfinished = options.data_dir + "/" + kUnfinishedMarker;
  std::error_code error;
  if (std::filesystem::exists(unfinished, error)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the data directory ", options.data_dir,
        " holds a bulk load that did not finish (", kUnfinishedMarker,
        "): its logs may have lost their last appends; delete it and write "
        "it again"));
  }
  if (options.bulk_load) {
    std::ofstream(unfinished) << "a bulk load is writing this directory\n";
    server->unfinished_marker_ = unfinished;
  }
  ASSIGN_OR_RETURN(server->tokens_,
                   TokenStore::Open(options.tokens_file.empty()
                                        ? options.data_dir + "/tokens"
                                        : options.tokens_file,
                                    first_start));
  ASSIGN_OR_RETURN(server->registry_log_,
                   OpenLog(options.data_dir + "/registry", options));
  ASSIGN_OR_RETURN(server->people_log_,
                   OpenLog(options.data_dir + "/people", options));
  server->registry_projection_ =
      std::make_unique<registry::RegistryProjection>();
  ASSIGN_OR_RETURN(server->registry_view_,
                   projections::Projector::Start(
                       *server->registry_projection_,
                       {{registry::kRegistryLog, server->registry_log_.get()}},
                       options.data_dir + "/projections/registry"));
  RETURN_IF_ERROR(server->OpenActivity(options));
  RETURN_IF_ERROR(server->OpenTraining(options));
  RETURN_IF_ERROR(server->OpenBadges(options));
  RETURN_IF_ERROR(server->OpenDevelopment(options));
  server->executor_ =
      std::make_unique<Executor>(options.threads, options.max_queued_calls);
  server->waits_ = std::make_unique<ReadWaits>(*server->executor_,
                                               options.max_waiting_reads);
  for (projections::Projector* view : server->views()) {
    view->OnAdvance([w = server->waits_.get()] { w->Poke(); });
  }
  server->core_ = std::unique_ptr<ServerCore>(new ServerCore{
      *server->tokens_,
      *server->executor_,
      *server->waits_,
      {{registry::kRegistryLog, server->registry_log_.get()},
       {registry::kPeopleLog, server->people_log_.get()},
       {activity::kActivityLog, server->activity_log_.get()},
       {training::kTrainingLog, server->training_log_.get()},
       {badges::kBadgesLog, server->badges_log_.get()},
       {development::kDevelopmentLog, server->development_log_.get()}}});
  server->registry_ = std::make_unique<RegistryServiceImpl>(
      *server->core_, *server->registry_log_, *server->people_log_,
      *server->registry_view_, RunnerOptionsOf(options));
  server->activity_service_ = std::make_unique<ActivityServiceImpl>(
      *server->core_, *server->activity_log_, *server->activity_,
      *server->activity_registry_view_, *server->hours_view_);
  server->training_service_ = std::make_unique<TrainingServiceImpl>(
      *server->core_, *server->training_, *server->training_registry_view_,
      *server->training_view_);
  server->badge_service_ = std::make_unique<BadgeServiceImpl>(
      *server->core_, *server->badges_, *server->issuer_,
      *server->badges_registry_view_, *server->badges_view_);
  server->development_service_ = std::make_unique<DevelopmentServiceImpl>(
      *server->core_, *server->development_,
      *server->development_registry_view_, *server->development_view_,
      *server->hours_view_);
  // As-of replays of a run before (a crash leaves them) are let go.
  std::string replay_dir;
  if (!options.data_dir.empty()) {
    replay_dir = options.data_dir + "/projections/replays";
    std::error_code removed;
    std::filesystem::remove_all(replay_dir, removed);
    if (removed) {
      return absl::InternalError(absl::StrCat("removing old as-of replays in ",
                                              replay_dir, ": ",
                                              removed.message()));
    }
    RETURN_IF_ERROR(storage::MakePrivateDirectory(replay_dir));
  }
  server->dashboard_service_ = std::make_unique<DashboardServiceImpl>(
      *server->core_,
      DashboardServiceImpl::Views{*server->training_registry_view_,
                                  *server->hours_view_, *server->training_view_,
                                  *server->badges_view_,
                                  *server->development_view_},
      replay_dir);
  server->transparency_ =
      std::make_unique<TransparencyServiceImpl>(*server->core_);
  server->access_ =
      std::make_unique<AccessServiceImpl>(*server->core_, *server->tokens_);
  server->operations_ =
      std::make_unique<OperationsServiceImpl>(*server->core_, server->views());
  RETURN_IF_ERROR(server->registry_->Declared());
  RETURN_IF_ERROR(server->activity_service_->Declared());
  RETURN_IF_ERROR(server->training_service_->Declared());
  RETURN_IF_ERROR(server->badge_service_->Declared());
  RETURN_IF_ERROR(server->development_service_->Declared());
  RETURN_IF_ERROR(server->dashboard_service_->Declared());
  RETURN_IF_ERROR(server->transparency_->Declared());
  RETURN_IF_ERROR(server->access_->Declared());
  RETURN_IF_ERROR(server->operations_->Declared());

  grpc::EnableDefaultHealthCheckService(true);
  // Called explicitly: with --as-needed the reflection library's static
  // initialiser would be dropped.
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // One server per address: with SO_REUSEPORT a second tutornetd on the
  // same port would share the clients with the first.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, grpc::InsecureServerCredentials(),
                           &server->port_);
  // gRPC's own threads stay few: the work runs on the executor.
  grpc::ResourceQuota quota("tutornetd");
  quota.SetMaxThreads(static_cast<int>(options.threads) + 32);
  builder.SetResourceQuota(quota);
  builder.RegisterService(server->registry_.get());
  builder.RegisterService(server->activity_service_.get());
  builder.RegisterService(server->training_service_.get());
  builder.RegisterService(server->badge_service_.get());
  builder.RegisterService(server->development_service_.get());
  builder.RegisterService(server->dashboard_service_.get());
  builder.RegisterService(server->transparency_.get());
  builder.RegisterService(server->access_.get());
  builder.RegisterService(server->operations_.get());
  if (options.before_listening) options.before_listening();
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen));
  }
  if (server->public_documents_ != nullptr) {
    server->public_documents_->AddJsonMethods(
        JsonMethodsOf(*server->core_, server->dashboard_service_.get(),
                      server->activity_service_.get()));
    server->public_documents_->Serve(*server->issuer_, *server->badges_view_,
                                     *server->badges_registry_view_);
  }
  server->monitor_ = std::thread([s = server.get()] { s->Monitor(); });
  server->signer_ = std::thread(
      [s = server.get(), every = options.sign_interval] { s->Signer(every); });
  return server;
}

absl::Status TutornetServer::OpenActivity(const ServerOptions& options) {
  ASSIGN_OR_RETURN(activity_log_,
                   OpenLog(options.data_dir + "/activity", options));
  activity_registry_projection_ =
      std::make_unique<registry::RegistryProjection>("activity-registry");
  ASSIGN_OR_RETURN(activity_registry_view_,
                   projections::Projector::Start(
                       *activity_registry_projection_,
                       {{registry::kRegistryLog, registry_log_.get()}},
                       options.data_dir + "/projections/activity-registry"));
  hours_projection_ = std::make_unique<activity::HoursProjection>();
  ASSIGN_OR_RETURN(
      hours_view_,
      projections::Projector::Start(
          *hours_projection_, {{activity::kActivityLog, activity_log_.get()}},
          options.data_dir + "/projections/activity"));
  activity_ = std::make_unique<activity::Activity>(
      *activity_log_, *activity_registry_view_, *hours_view_, absl::Seconds(5),
      RunnerOptionsOf(options));
  return absl::OkStatus();
}

absl::Status TutornetServer::OpenTraining(const ServerOptions& options) {
  ASSIGN_OR_RETURN(training_log_,
                   OpenLog(options.data_dir + "/training", options));
  training_registry_projection_ =
      std::make_unique<registry::RegistryProjection>("training-registry");
  ASSIGN_OR_RETURN(training_registry_view_,
                   projections::Projector::Start(
                       *training_registry_projection_,
                       {{registry::kRegistryLog, registry_log_.get()}},
                       options.data_dir + "/projections/training-registry"));
  training_projection_ = std::make_unique<training::TrainingProjection>();
  ASSIGN_OR_RETURN(training_view_,
                   projections::Projector::Start(
                       *training_projection_,
                       {{training::kTrainingLog, training_log_.get()}},
                       options.data_dir + "/projections/training"));
  training_ = std::make_unique<training::Training>(
      *training_log_, *training_registry_view_, RunnerOptionsOf(options));
  return absl::OkStatus();
}

absl::Status TutornetServer::OpenBadges(const ServerOptions& options) {
  const std::string dir = options.data_dir + "/badges";
  ASSIGN_OR_RETURN(badges_log_, OpenLog(dir, options));
  badges_registry_projection_ =
      std::make_unique<registry::RegistryProjection>("badges-registry");
  ASSIGN_OR_RETURN(badges_registry_view_,
                   projections::Projector::Start(
                       *badges_registry_projection_,
                       {{registry::kRegistryLog, registry_log_.get()}},
                       options.data_dir + "/projections/badges-registry"));
  badges_projection_ = std::make_unique<badges::BadgesProjection>();
  ASSIGN_OR_RETURN(badges_view_, projections::Projector::Start(
                                     *badges_projection_,
                                     {{badges::kBadgesLog, badges_log_.get()}},
                                     options.data_dir + "/projections/badges"));
  badges_ = std::make_unique<badges::Badges>(
      *badges_log_, *badges_registry_view_, RunnerOptionsOf(options));
  // The key every credential is signed with. A log with awards whose key
  // went missing is refused, never given a new key (what was issued
  // could no longer be verified); an empty one (a first start, or one
  // killed before the key was written) gets its key now.
  const std::string key_file = dir + "/issuer_key.pem";
  absl::StatusOr<credentials::RsaSigningKey> key =
      credentials::RsaSigningKey::Load(key_file);
  if (absl::IsNotFound(key.status()) && badges_log_->Head() == 0) {
    key = credentials::RsaSigningKey::Create(key_file);
  } else if (absl::IsNotFound(key.status())) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the badge issuer's key ", key_file,
        " is missing; restore it from a backup (a new key would make every "
        "credential issued so far unverifiable)"));
  }
  if (!key.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the badge issuer's key: ", key.status().message()));
  }
  credentials::IssuerSite site{
      options.public_base_url, options.issuer_email,
      key->DerivedSecret("tutornet/badges/pseudonyms")};
  if (!options.http_listen.empty()) {
    ASSIGN_OR_RETURN(public_documents_,
                     PublicDocuments::Bind(options.http_listen));
    if (site.base_url.empty()) site.base_url = public_documents_->url();
  }
  if (site.base_url.empty()) site.base_url = "http://localhost";
  while (absl::EndsWith(site.base_url, "/")) site.base_url.pop_back();
  issuer_ = std::make_unique<badges::BadgeIssuer>(*std::move(key), site,
                                                  *people_log_);
  return absl::OkStatus();
}

absl::Status TutornetServer::OpenDevelopment(const ServerOptions& options) {
  ASSIGN_OR_RETURN(development_log_,
                   OpenLog(options.data_dir + "/development", options));
  development_registry_projection_ =
      std::make_unique<registry::RegistryProjection>("development-registry");
  ASSIGN_OR_RETURN(development_registry_view_,
                   projections::Projector::Start(
                       *development_registry_projection_,
                       {{registry::kRegistryLog, registry_log_.get()}},
                       options.data_dir + "/projections/development-registry"));
  development_projection_ =
      std::make_unique<development::DevelopmentProjection>();
  ASSIGN_OR_RETURN(development_view_,
                   projections::Projector::Start(
                       *development_projection_,
                       {{development::kDevelopmentLog, development_log_.get()}},
                       options.data_dir + "/projections/development"));
  development_ = std::make_unique<development::Development>(
      *development_log_, *development_registry_view_, RunnerOptionsOf(options));
  return absl::OkStatus();
}

std::vector<projections::Projector*> TutornetServer::views() const {
  return {registry_view_.get(),   activity_registry_view_.get(),
          hours_view_.get(),      training_registry_view_.get(),
          training_view_.get(),   badges_registry_view_.get(),
          badges_view_.get(),     development_registry_view_.get(),
          development_view_.get()};
}

int TutornetServer::http_port() const {
  return public_documents_ == nullptr ? 0 : public_documents_->port();
}

void TutornetServer::Monitor() {
  do {
    grpc::HealthCheckServiceInterface* health =
        server_->GetHealthCheckService();
    if (health == nullptr) continue;
    for (const projections::Projector* view : views()) {
      health->SetServingStatus(
          absl::StrCat("tutornet.projection.", view->projection().name()),
          view->health().ok());
    }
  } while (!stop_monitor_.WaitForNotificationWithTimeout(absl::Seconds(1)));
}

void TutornetServer::SignHeads() {
  for (storage::EventLog* log :
       {registry_log_.get(), people_log_.get(), activity_log_.get(),
        training_log_.get(), badges_log_.get(), development_log_.get()}) {
    if (log == nullptr || log->Head() == 0) continue;
    absl::StatusOr<merkle::SignedTreeHead> latest = log->LatestSignedTreeHead();
    if (latest.ok() && latest->head.tree_size >= log->Head()) continue;
    // A failure is the log's own (its write health says so); the next
    // round tries again.
    absl::StatusOr<merkle::SignedTreeHead> head = log->SignTreeHead();
    if (!head.ok()) {
      std::fprintf(stderr, "tutornetd: signing a tree head of %s: %s\n",
                   log->log_id().c_str(),
                   std::string(head.status().message()).c_str());
    }
  }
}

void TutornetServer::Signer(absl::Duration interval) {
  if (interval <= absl::ZeroDuration()) return;
  while (!stop_monitor_.WaitForNotificationWithTimeout(interval)) SignHeads();
}

InProcessCommands TutornetServer::in_process() {
  return {*registry_, *activity_, *training_, *badges_, *development_};
}

absl::Status TutornetServer::AwaitViews(absl::Duration max_wait) const {
  const absl::Time deadline = absl::Now() + max_wait;
  for (const projections::Projector* view : views()) {
    for (const projections::SourceLag& lag : view->Lag()) {
      if (view->AwaitApplied(lag.log, lag.head, deadline)) continue;
      RETURN_IF_ERROR(view->health());
      return absl::DeadlineExceededError(absl::StrCat(
          "the view ", view->projection().name(), " has not applied ", lag.log,
          " up to ", lag.head, " within ", absl::FormatDuration(max_wait)));
    }
  }
  return absl::OkStatus();
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
  if (!stop_monitor_.HasBeenNotified()) stop_monitor_.Notify();
  if (monitor_.joinable()) monitor_.join();
  if (signer_.joinable()) signer_.join();
  Shutdown(absl::Seconds(5));
  Wait();
  SignHeads();  // The last writes get their head before the logs close.
  public_documents_.reset();  // Stops the HTTP listener first.
  // The views stop following before what they notify goes: a view that
  // follows another service's log (development follows activity) may
  // still be applying that log's last writes.
  for (projections::Projector* view : views()) {
    if (view != nullptr) view->Stop();
  }
  waits_.reset();     // Finishes reads still waiting.
  executor_.reset();  // Runs what is queued, then joins.
  server_.reset();
  registry_.reset();
  activity_service_.reset();
  training_service_.reset();
  badge_service_.reset();
  development_service_.reset();
  transparency_.reset();  // Waits for audits still running.
  access_.reset();
  operations_.reset();
  activity_.reset();
  training_.reset();
  badges_.reset();
  development_.reset();
  issuer_.reset();
  // Views end their subscriptions before their logs close.
  hours_view_.reset();
  training_view_.reset();
  training_registry_view_.reset();
  badges_view_.reset();
  badges_registry_view_.reset();
  development_view_.reset();
  development_registry_view_.reset();
  activity_registry_view_.reset();
  registry_view_.reset();
  activity_log_.reset();
  training_log_.reset();
  badges_log_.reset();
  development_log_.reset();
  people_log_.reset();
  registry_log_.reset();  // Closes the log after the last call has finished.
  // Every log synced as it closed: the bulk load is on disk.
  if (!unfinished_marker_.empty()) {
    std::error_code ignored;
    std::filesystem::remove(unfinished_marker_, ignored);
  }
}

}  // namespace tutornet::server
