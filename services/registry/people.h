// PeopleStore: people's personal data (name, e-mail), kept in an event log
// of its own ("person-<id>" streams), never in the registry's log. The
// registry's events name people only by opaque id, so the records a funder
// audits carry no personal data, and a later change can make these records
// erasable (per-person keys) without rewriting the audited log.
//
// Thread-safe; the log must outlive the store.
#ifndef TUTORNET_SERVICES_REGISTRY_PEOPLE_H_
#define TUTORNET_SERVICES_REGISTRY_PEOPLE_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/event_log.h"
#include "tutornet/v1/registry_service.pb.h"

namespace tutornet::registry {

class PeopleStore {
 public:
  explicit PeopleStore(storage::EventLog& log) : log_(log) {}

  // Records the person's current name and e-mail; with `expected_version`,
  // only if the person's record stream is at that version (ABORTED if not).
  // INVALID_ARGUMENT naming the field for a bad id, name or e-mail; the
  // log's errors otherwise.
  absl::StatusOr<storage::AppendResult> Record(
      const v1::Person& person, absl::string_view request_id,
      std::optional<uint64_t> expected_version, absl::string_view actor,
      absl::Time now);

  // The latest record of the person; NOT_FOUND if there is none.
  absl::StatusOr<v1::Person> Get(absl::string_view person_id) const;

 private:
  storage::EventLog& log_;
};

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_PEOPLE_H_
