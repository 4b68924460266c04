// tutornet_demo: appends a small fictional network's history to an event log,
// reads it back, and proves one record to a "funder" with a signed tree head,
// showing what the log guarantees. Run it twice on the
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
#include "storage/merkle/verify.h"
#include "storage/record_codec.h"
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

absl::Status AppendNetwork(EventLog& log) {
  // Request ids make the demo idempotent: a second run appends nothing new.
  const std::vector<NewEvent> network = {
      Event(
          "tutornet.v1.NetworkCreated",
          R"({"network":"ks","name":{"fi":"Keski-Suomen tutoropettajaverkosto",)"
          R"("sv":"Tutorlärarnätverket i Mellersta Finland",)"
          R"("en":"Central Finland tutor network"}})"),
      Event("tutornet.v1.RegionAdded",
            R"({"network":"ks","region":"ks-1","name":"Jyväskylä"})"),
      Event("tutornet.v1.MunicipalityJoined",
            R"({"region":"ks-1","municipality":"Muurame"})"),
  };
  absl::StatusOr<AppendResult> r = log.Append(
      "network-ks", ExpectedVersion::NoStream(), network, "demo-network-ks");
  if (!r.ok()) return r.status();
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
  return absl::OkStatus();
}

absl::StatusOr<AppendResult> LogHours(EventLog& log, const std::string& tutor) {
  absl::StatusOr<uint64_t> version = log.StreamVersion(tutor);
  if (!version.ok()) return version.status();
  absl::StatusOr<AppendResult> hours = log.Append(
      tutor, ExpectedVersion::Exact(*version),
      {Event("tutornet.v1.TutoringHoursLogged",
             absl::StrFormat(
                 R"({"school":"school-muurame-1","minutes":90,"run":%d})",
                 *version + 1))},
      absl::StrCat("demo-hours-", *version + 1));
  if (!hours.ok()) return hours.status();
  std::printf("Logged tutoring hours on %s: version %llu at position %llu.\n",
              tutor.c_str(),
              static_cast<unsigned long long>(hours->stream_version),
              static_cast<unsigned long long>(hours->first_position));
  return hours;
}

absl::Status Replay(EventLog& log) {
  std::printf("\nThe whole log, replayed by a subscription from position 1:\n");
  std::unique_ptr<storage::Subscription> sub = log.Subscribe(1);
  while (sub->next_position() <= log.Head()) {
    absl::StatusOr<std::vector<RecordedEvent>> batch =
        sub->Next(100, absl::Seconds(1));
    if (!batch.ok()) return batch.status();
    for (const RecordedEvent& e : *batch) Print(e);
  }
  return absl::OkStatus();
}

// What a funder does: take the log's signed tree head and public key, ask
// for a proof that one record is in the log, and check it without trusting
// the operator (only merkle/ code, no access to the store).
absl::Status ProveToAFunder(EventLog& log, uint64_t position) {
  absl::StatusOr<merkle::SignedTreeHead> sth = log.SignTreeHead();
  if (!sth.ok()) return sth.status();
  absl::StatusOr<std::string> key = log.PublicKey();
  if (!key.ok()) return key.status();
  absl::StatusOr<std::vector<merkle::Hash>> proof =
      log.InclusionProof(position, sth->head.tree_size);
  if (!proof.ok()) return proof.status();
  absl::StatusOr<std::vector<RecordedEvent>> record = log.ReadAll(position, 1);
  if (!record.ok()) return record.status();

  absl::Status head_ok = merkle::VerifySignedTreeHead(*sth, *key, log.log_id());
  absl::Status included = merkle::VerifyInclusion(
      position - 1, sth->head.tree_size,
      merkle::HashLeaf(storage::EncodeRecord(record->front())), *proof,
      sth->head.root);
  std::printf("\nSigned tree head: %llu records, root %s.\n",
              static_cast<unsigned long long>(sth->head.tree_size),
              merkle::ToHex(sth->head.root).c_str());
  std::printf(
      "Its signature: %s. Position %llu is in it (a %zu-hash proof): %s.\n",
      head_ok.ok() ? "valid" : std::string(head_ok.message()).c_str(),
      static_cast<unsigned long long>(position), proof->size(),
      included.ok() ? "verified" : std::string(included.message()).c_str());
  return head_ok.ok() ? included : head_ok;
}

int Run(const std::string& dir) {
  absl::StatusOr<std::unique_ptr<EventLog>> opened = EventLog::Open(dir);
  if (!opened.ok()) return Fail(opened.status());
  EventLog& log = **opened;
  std::printf("Opened the event log in %s: %llu events so far.\n", dir.c_str(),
              static_cast<unsigned long long>(log.Head()));
  if (absl::Status s = AppendNetwork(log); !s.ok()) return Fail(s);
  const std::string tutor = "tutor-demo-1";
  absl::StatusOr<AppendResult> hours = LogHours(log, tutor);
  if (!hours.ok()) return Fail(hours.status());
  if (absl::Status s = Replay(log); !s.ok()) return Fail(s);
  if (absl::Status s = ProveToAFunder(log, hours->first_position); !s.ok())
    return Fail(s);
  std::printf(
      "\nRun the demo again: the network append is deduplicated, and %s "
      "grows.\n"
      "Audit the whole log (stop the demo first): "
      "build/tools/audit/tutornet_audit "
      "--data_dir=%s\n",
      tutor.c_str(), dir.c_str());
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
