// DemoLoader: sends the demo network's commands through the API as the
// admin (or as another principal where only they may act), each with a
// fixed request id so that loading again is a retry. Only the demo files
// (demo_network.cc, demo_training.cc) include this.
#ifndef TUTORNET_SERVICES_SERVER_DEMO_LOADER_H_
#define TUTORNET_SERVICES_SERVER_DEMO_LOADER_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "tutornet/v1/access_service.grpc.pb.h"
#include "tutornet/v1/activity_service.grpc.pb.h"
#include "tutornet/v1/badges_service.grpc.pb.h"
#include "tutornet/v1/development_service.grpc.pb.h"
#include "tutornet/v1/registry_service.grpc.pb.h"
#include "tutornet/v1/training_service.grpc.pb.h"

namespace tutornet::server {

inline v1::Date Day(int year, int month, int day) {
  v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

inline v1::LocalizedText Fi(const std::string& fi) {
  v1::LocalizedText t;
  t.set_fi(fi);
  return t;
}

class DemoLoader {
 public:
  DemoLoader(const std::string& address, std::string token)
      : channel_(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials())),
        registry_(v1::RegistryService::NewStub(channel_)),
        activity_(v1::ActivityService::NewStub(channel_)),
        training_(v1::TrainingService::NewStub(channel_)),
        badges_(v1::BadgeService::NewStub(channel_)),
        development_(v1::DevelopmentService::NewStub(channel_)),
        access_(v1::AccessService::NewStub(channel_)),
        token_(std::move(token)) {}

  // Sends one command with a fixed request id; a rerun is a retry. `as`:
  // another principal's token instead of the admin's.
  template <typename Request, typename Method>
  absl::Status Send(
      Method method, const std::string& request_id,
      typename std::remove_reference<
          decltype(*std::declval<Request>().mutable_command())>::type command,
      const std::string& as = "") {
    Request request;
    request.mutable_header()->set_request_id(absl::StrCat("demo-", request_id));
    // Each command waits until the views its rules read have seen every
    // earlier write: a principal appointed just now is a principal.
    for (const auto& [service, token] : tokens_) {
      request.mutable_header()->add_position_tokens(token);
    }
    *request.mutable_command() = std::move(command);
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + (as.empty() ? token_ : as));
    ctx.set_deadline(std::chrono::system_clock::now() +
                     std::chrono::seconds(10));
    v1::CommandResult result;
    grpc::Status s;
    int service = 0;
    if constexpr (std::is_invocable_v<Method, v1::RegistryService::Stub*,
                                      grpc::ClientContext*, const Request&,
                                      v1::CommandResult*>) {
      s = (registry_.get()->*method)(&ctx, request, &result);
    } else if constexpr (std::is_invocable_v<Method, v1::TrainingService::Stub*,
                                             grpc::ClientContext*,
                                             const Request&,
                                             v1::CommandResult*>) {
      s = (training_.get()->*method)(&ctx, request, &result);
      service = 1;
    } else if constexpr (std::is_invocable_v<Method, v1::BadgeService::Stub*,
                                             grpc::ClientContext*,
                                             const Request&,
                                             v1::CommandResult*>) {
      s = (badges_.get()->*method)(&ctx, request, &result);
      service = 2;
    } else if constexpr (std::is_invocable_v<
                             Method, v1::DevelopmentService::Stub*,
                             grpc::ClientContext*, const Request&,
                             v1::CommandResult*>) {
      s = (development_.get()->*method)(&ctx, request, &result);
      service = 3;
    } else {
      s = (activity_.get()->*method)(&ctx, request, &result);
      service = 4;
    }
    if (!s.ok()) {
      return absl::Status(
          static_cast<absl::StatusCode>(s.error_code()),
          absl::StrCat("demo ", request_id, ": ", s.error_message()));
    }
    if (!result.position_token().empty()) {
      tokens_[service] = result.position_token();
    }
    ++commands_;
    return absl::OkStatus();
  }

  int commands() const { return commands_; }

  // Records a person's name and e-mail (personal data, apart from the
  // registry), with a fixed request id.
  absl::Status RecordPerson(const std::string& person_id,
                            const std::string& name, const std::string& email) {
    v1::RecordPersonRequest req;
    req.mutable_header()->set_request_id(
        absl::StrCat("demo-person-", person_id));
    req.mutable_person()->set_person_id(person_id);
    req.mutable_person()->set_name(name);
    req.mutable_person()->set_email(email);
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token_);
    v1::CommandResult res;
    const grpc::Status s = registry_->RecordPerson(&ctx, req, &res);
    if (!s.ok()) {
      return absl::Status(
          static_cast<absl::StatusCode>(s.error_code()),
          absl::StrCat("demo person ", person_id, ": ", s.error_message()));
    }
    ++commands_;
    return absl::OkStatus();
  }

  // A tutor's token for `person_id` in ks, made by the admin (for what
  // only the person may do, such as feedback).
  absl::StatusOr<std::string> TutorToken(const std::string& person_id) {
    v1::CreateTokenRequest req;
    req.set_principal_id(person_id);
    req.set_role(v1::ACCESS_ROLE_TUTOR);
    req.set_network_id("ks");
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token_);
    v1::CreateTokenResponse res;
    const grpc::Status s = access_->CreateToken(&ctx, req, &res);
    if (!s.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                          s.error_message());
    }
    return res.token();
  }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::ActivityService::Stub> activity_;
  std::unique_ptr<v1::TrainingService::Stub> training_;
  std::unique_ptr<v1::BadgeService::Stub> badges_;
  std::unique_ptr<v1::DevelopmentService::Stub> development_;
  std::unique_ptr<v1::AccessService::Stub> access_;
  const std::string token_;
  int commands_ = 0;
  std::map<int, std::string> tokens_;  // The last write's, per service.
};

// The trainings, meetings, takeover and peer group of the demo network,
// dated around the current month (ids name it).
absl::Status LoadDemoTraining(DemoLoader& demo,
                              const std::vector<std::string>& schools);

// The demo network's badge classes on the three levels, a few hundred
// awards over its schools (imported, so figures by level mean
// something), and person-1's applications: one accepted, one in review.
absl::Status LoadDemoBadges(DemoLoader& demo,
                            const std::vector<std::string>& schools);

// The demo network's development work (demo_development.cc): principals,
// activity plans, a mapping round, training plans, a mentoring process in
// phase 6, two work-pair periods and a digital mentor.
absl::Status LoadDemoDevelopment(DemoLoader& demo,
                                 const std::vector<std::string>& schools);

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_DEMO_LOADER_H_
