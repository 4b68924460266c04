// tutornet_demo: appends a small fictional network's history to an event log
// and reads it back, showing what the log guarantees. Run it twice on the
// same --data_dir to see the log (and its request ids) survive a restart.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "storage/event_log.h"
#include "storage/subscription.h"

ABSL_FLAG(std::string, data_dir, "var/demo",
          "Directory of the demo event log; created if missing.");

namespace tutornet {
namespace {

using storage::AppendResult;
using storage::EventLog;
using storage::ExpectedVersion;
using storage::NewEvent;
using storage::RecordedEvent;

NewEvent Event(std::string type, std::string json) {
  NewEvent e;
  e.type = std::move(type);
  e.payload = std::move(json);
  e.metadata.actor = "person-admin-1";
  // A fixed time keeps a rerun's content identical, so its request ids
  // deduplicate instead of clashing.
  e.metadata.occurred_at = absl::FromCivil(
      absl::CivilSecond(2016, 12, 1, 9, 0, 0), absl::UTCTimeZone());
  return e;
}

int Fail(const absl::Status& status) {
  std::fprintf(stderr, "tutornet_demo: %s\n", status.ToString().c_str());
  return 1;
}

void Print(const RecordedEvent& e) {
  std::printf("  #%-4llu %-22s v%-3llu %-34s %s\n",
              static_cast<unsigned long long>(e.position), e.stream.c_str(),
              static_cast<unsigned long long>(e.stream_version), e.type.c_str(),
              e.payload.c_str());
}

int Run(const std::string& dir) {
  absl::StatusOr<std::unique_ptr<EventLog>> opened = EventLog::Open(dir);
  if (!opened.ok()) return Fail(opened.status());
  EventLog& log = **opened;
  std::printf("Opened the event log in %s: %llu events so far.\n", dir.c_str(),
              static_cast<unsigned long long>(log.Head()));

  // Request ids make the demo idempotent: a second run appends nothing new.
  const std::vector<NewEvent> network = {
      Event(
          "tutornet.v1.NetworkCreated",
          R"({"network":"ks","name":{"fi":"Keski-Suomen tutoropettajaverkosto",)"
          R"("sv":"Tutorlärarnätverket i Mellersta Finland","en":"Central Finland tutor network"}})"),
      Event("tutornet.v1.RegionAdded",
            R"({"network":"ks","region":"ks-1","name":"Jyväskylä"})"),
      Event("tutornet.v1.MunicipalityJoined",
            R"({"region":"ks-1","municipality":"Muurame"})"),
  };
  absl::StatusOr<AppendResult> r = log.Append(
      "network-ks", ExpectedVersion::NoStream(), network, "demo-network-ks");
  if (!r.ok()) return Fail(r.status());
  std::printf(
      "Appended the network's first 3 events at positions %llu-%llu%s.\n",
      static_cast<unsigned long long>(r->first_position),
      static_cast<unsigned long long>(r->last_position),
      r->deduplicated ? " (a retry: the first result, nothing written)" : "");

  absl::StatusOr<AppendResult> conflict =
      log.Append("network-ks", ExpectedVersion::NoStream(),
                 {Event("tutornet.v1.NetworkCreated", R"({"network":"ks"})")});
  std::printf("Creating the network again is refused: %s\n",
              std::string(conflict.status().message()).c_str());

  const std::string tutor = "tutor-demo-1";
  absl::StatusOr<uint64_t> version = log.StreamVersion(tutor);
  if (!version.ok()) return Fail(version.status());
  absl::StatusOr<AppendResult> hours = log.Append(
      tutor, ExpectedVersion::Exact(*version),
      {Event("tutornet.v1.TutoringHoursLogged",
             absl::StrFormat(
                 R"({"school":"school-muurame-1","minutes":90,"run":%d})",
                 *version + 1))},
      absl::StrCat("demo-hours-", *version + 1));
  if (!hours.ok()) return Fail(hours.status());
  std::printf("Logged tutoring hours on %s: version %llu at position %llu.\n",
              tutor.c_str(),
              static_cast<unsigned long long>(hours->stream_version),
              static_cast<unsigned long long>(hours->first_position));

  std::printf("\nThe whole log, replayed by a subscription from position 1:\n");
  std::unique_ptr<storage::Subscription> sub = log.Subscribe(1);
  while (sub->next_position() <= log.Head()) {
    absl::StatusOr<std::vector<RecordedEvent>> batch =
        sub->Next(100, absl::Seconds(1));
    if (!batch.ok()) return Fail(batch.status());
    for (const RecordedEvent& e : *batch) Print(e);
  }
  std::printf(
      "\nRun the demo again: the network append is deduplicated, and %s "
      "grows.\n",
      tutor.c_str());
  return 0;
}

}  // namespace
}  // namespace tutornet

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Appends a small fictional tutor network to an event log and reads it "
      "back.\n"
      "Usage: tutornet_demo [--data_dir=DIR]");
  absl::ParseCommandLine(argc, argv);
  return tutornet::Run(absl::GetFlag(FLAGS_data_dir));
}
