// Test fixture for the training service: the demo network (without its
// hours) and tokens for every role: PrincipalsTest's (network_, regional_,
// south_, tutor_) and
//   trainer_   person-300, a tutor who trains
//   funder_    funder-oph, funder of ks
// Requests are written in text format: Call("CreateTraining", "...").
// Times are relative to now, Finnish local time: At(days, hour).
#ifndef TUTORNET_SERVICES_SERVER_TRAINING_FIXTURE_H_
#define TUTORNET_SERVICES_SERVER_TRAINING_FIXTURE_H_

#include <google/protobuf/text_format.h>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "services/server/server_fixture.h"
#include "services/values/dates.h"
#include "tutornet/v1/dashboard_service.grpc.pb.h"
#include "tutornet/v1/training_service.grpc.pb.h"

namespace tutornet::server {

class TrainingTest : public ServiceTest<v1::TrainingService> {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    trainer_ = MakeToken("person-300", v1::ACCESS_ROLE_TUTOR, "ks");
    funder_ =
        MakeToken("funder-oph", v1::ACCESS_ROLE_FUNDER, "ks", {"oph-tutor"});
  }

  // Text-format pieces, for the tests' own helpers too.
 public:
  // "date { year: 2026 month: 11 day: 20 } minute: 540": `days` from today
  // at `hour`:00, Finnish local time.
  static std::string At(int days, int hour) {
    const absl::CivilDay day = values::FinnishDay(absl::Now()) + days;
    return absl::StrFormat("date { year: %d month: %d day: %d } minute: %d",
                           static_cast<int>(day.year()), day.month(), day.day(),
                           hour * 60);
  }
  // A session `days` from today at `hour`:00, two hours long.
  static std::string SessionAt(int days, int hour = 9) {
    const absl::CivilDay day = values::FinnishDay(absl::Now()) + days;
    return absl::StrFormat(
        "sessions { date { year: %d month: %d day: %d } start_minute: %d "
        "duration_minutes: 120 }",
        static_cast<int>(day.year()), day.month(), day.day(), hour * 60);
  }

  // A network training: registration open now for a week, its cut-off in
  // `cutoff_days`, one session in `first_days` (or `sessions` as given).
  static std::string Training(
      const std::string& id, int capacity, const std::string& sessions,
      const std::string& opens, const std::string& closes,
      const std::string& cutoff,
      const std::string& organiser =
          "organiser { kind: ORGANISER_KIND_NETWORK }") {
    return absl::StrCat(
        "command { network_id: \"ks\" training_id: \"", id,
        "\" theme { fi: \"Pilvipalvelut opetuksessa\" sv: \"Molntjänster\" } "
        "level: COMPETENCE_LEVEL_BASIC language: LANGUAGE_FI ",
        organiser,
        " venue { school_id: \"school-jyvaskyla-1\" } "
        "trainer_ids: \"person-300\" ",
        sessions, " capacity: ", capacity, " registration_opens { ", opens,
        " } registration_closes { ", closes, " } cancellation_cutoff { ",
        cutoff, " } feedback_days: 14 }");
  }

 protected:
  grpc::Status Dispatch(const std::string& rpc, const std::string& as,
                        const std::string& text,
                        v1::CommandResult* res) override {
    using S = v1::TrainingService::Stub;
#define TUTORNET_RPC(Name)                                                \
  if (rpc == #Name) {                                                     \
    return Send<v1::Name##Request, v1::CommandResult>(&S::Name, as, text, \
                                                      res);               \
  }
    TUTORNET_RPC(CreateTraining)
    TUTORNET_RPC(CancelTraining)
    TUTORNET_RPC(RegisterForTraining)
    TUTORNET_RPC(CancelRegistration)
    TUTORNET_RPC(RecordAttendance)
    TUTORNET_RPC(GiveFeedback)
    TUTORNET_RPC(CloseFeedback)
    TUTORNET_RPC(CloseFollowUp)
    TUTORNET_RPC(CreateMeeting)
    TUTORNET_RPC(RecordMeetingAttendance)
    TUTORNET_RPC(RecordMinutes)
    TUTORNET_RPC(RecordTakeover)
    TUTORNET_RPC(RecordFacilitatorTraining)
    TUTORNET_RPC(CreatePeerGroup)
    TUTORNET_RPC(HoldPeerMeeting)
    TUTORNET_RPC(ClosePeerGroup)
#undef TUTORNET_RPC
    ADD_FAILURE() << "no command " << rpc;
    return grpc::Status::CANCELLED;
  }

  grpc::Status GetTraining(const std::string& as, const std::string& id,
                           v1::Training* out) {
    return Read<v1::GetTrainingRequest>(
        &v1::TrainingService::Stub::GetTraining, as,
        absl::StrCat("network_id: \"ks\" training_id: \"", id, "\""), out);
  }

  // The training figures of ks's dashboard (of `region`, if given) for the
  // last 30 days, after the last write.
  grpc::Status GetTrainingFigures(const std::string& as,
                                  const std::string& region,
                                  v1::TrainingFigures* out) {
    auto dashboards = v1::DashboardService::NewStub(
        grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
    v1::GetDashboardRequest req;
    req.set_network_id("ks");
    req.set_region_id(region);
    const absl::CivilDay today = values::FinnishDay(absl::Now());
    *req.mutable_from() = values::FromCivilDay(today - 30);
    *req.mutable_to() = values::FromCivilDay(today);
    if (!last_token_.empty()) req.add_position_tokens(last_token_);
    token_ = as;
    v1::DashboardResponse res;
    const grpc::Status s = dashboards->GetDashboard(Context().get(), req, &res);
    *out = res.current().training();
    return s;
  }

  std::string trainer_, funder_;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_TRAINING_FIXTURE_H_
