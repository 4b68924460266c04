// The gRPC client behind tutornetctl: one method per command. Each prints
// its result (output.h: a table for people, JSON with --output=json) and
// returns the process exit code (see tutornetctl.cc); the Send* methods
// return the status instead, for imports.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_CLIENT_H_
#define TUTORNET_TOOLS_TUTORNETCTL_CLIENT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tutornet/v1/access_service.grpc.pb.h"
#include "tutornet/v1/activity_service.grpc.pb.h"
#include "tutornet/v1/badges_service.grpc.pb.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"
#include "tutornet/v1/development_service.grpc.pb.h"
#include "tutornet/v1/operations_service.grpc.pb.h"
#include "tutornet/v1/registry_service.grpc.pb.h"
#include "tutornet/v1/training_service.grpc.pb.h"
#include "tutornet/v1/transparency_service.grpc.pb.h"

namespace tutornet::ctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 1;
inline constexpr int kExitUnavailable = 2;
inline constexpr int kExitRefused = 3;
inline constexpr int kExitRejectedLines = 4;
// A proof or signature that does not verify, a log that is not intact.
inline constexpr int kExitUnverified = 5;
// The largest answer taken from the server.
inline constexpr int kMaxAnswerBytes = 512 << 20;

struct SchoolArgs {
  std::string network_id, school_id, name, municipality_id, language, levels;
};

class Client {
 public:
  Client(const std::string& address, std::string token);

  int CreateNetwork(const std::string& request_id,
                    const std::string& network_id, const std::string& name,
                    const std::string& coordinating_municipality_id);
  int ListNetworks();
  int ListRegions(const std::string& network_id, const std::string& as_of);
  int ListMunicipalities(const std::string& network_id,
                         const std::string& region_id,
                         const std::string& as_of);
  int ShowNetwork(const std::string& network_id);
  int AddRegion(const std::string& request_id, const std::string& network_id,
                const std::string& region_id, const std::string& name);
  int AssignMunicipality(const std::string& request_id,
                         const std::string& network_id,
                         const std::string& municipality_id,
                         const std::string& region_id,
                         const std::string& effective, const std::string& name);
  int ListSchools(const std::string& network_id, const std::string& region_id,
                  const std::string& municipality_id,
                  const std::string& language, const std::string& as_of);
  int RegisterSchool(const std::string& request_id, const SchoolArgs& school);
  int AppointRole(const std::string& request_id, const std::string& network_id,
                  const std::string& appointment_id,
                  const std::string& person_id, const std::string& role,
                  const std::string& start, const std::string& end,
                  const std::vector<std::string>& schools,
                  const std::vector<std::string>& regions);
  int EndAppointment(const std::string& request_id,
                     const std::string& network_id,
                     const std::string& appointment_id, const std::string& end);
  int WhoHeldRole(const std::string& network_id, const std::string& role,
                  const std::string& date, const std::string& school_id,
                  const std::string& region_id);
  int CloseSchool(const std::string& request_id, const std::string& network_id,
                  const std::string& school_id, const std::string& effective);
  int RecordStaff(const std::string& request_id, const std::string& network_id,
                  const std::string& school_id, const std::string& school_year,
                  const std::string& permanent_teachers);
  int RecordPerson(const std::string& request_id, const std::string& person_id,
                   const std::string& name, const std::string& email);
  int ShowPerson(const std::string& person_id);
  int CreateToken(const std::string& principal_id, const std::string& role,
                  const std::string& network_id,
                  const std::vector<std::string>& regions,
                  const std::vector<std::string>& projects);
  int RevokeToken(const std::string& principal_id);
  int ListProjections();
  int RebuildProjection(const std::string& name);

  absl::Status SendAssignMunicipality(const std::string& request_id,
                                      const std::string& network_id,
                                      const std::string& municipality_id,
                                      const std::string& region_id,
                                      const std::string& effective,
                                      const std::string& name);
  absl::Status SendRegisterSchool(const std::string& request_id,
                                  const SchoolArgs& school,
                                  v1::CommandResult* result = nullptr);

  // For the other services' command files (activity_client.cc).
  v1::ActivityService::Stub& activity() const { return *activity_; }
  v1::TrainingService::Stub& training() const { return *training_; }
  v1::BadgeService::Stub& badges() const { return *badges_; }
  v1::DevelopmentService::Stub& development() const { return *development_; }
  v1::TransparencyService::Stub& transparency() const { return *transparency_; }
  v1::DashboardService::Stub& dashboards() const { return *dashboards_; }
  // A call's context: the token, a deadline.
  std::unique_ptr<grpc::ClientContext> Context() const;
  // Prints a command's result or error; returns the exit code.
  int Report(const absl::Status& status, const v1::CommandResult& result) const;

 private:
  std::unique_ptr<v1::RegistryService::Stub> registry_;
  std::unique_ptr<v1::AccessService::Stub> access_;
  std::unique_ptr<v1::OperationsService::Stub> operations_;
  std::unique_ptr<v1::ActivityService::Stub> activity_;
  std::unique_ptr<v1::TrainingService::Stub> training_;
  std::unique_ptr<v1::BadgeService::Stub> badges_;
  std::unique_ptr<v1::DevelopmentService::Stub> development_;
  std::unique_ptr<v1::TransparencyService::Stub> transparency_;
  std::unique_ptr<v1::DashboardService::Stub> dashboards_;
  const std::string token_;
};

// The exit code for a failed call, with the error printed.
int Fail(const absl::Status& status);
// The exit code for an argument this client refuses before calling
// (kExitUsage), with the reason printed.
int BadArgument(const absl::Status& status);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_CLIENT_H_
