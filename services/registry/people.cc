#include "services/registry/people.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/registry/checks.h"
#include "storage/status_macros.h"

namespace tutornet::registry {
namespace {

constexpr size_t kMaxEmailBytes = 254;

std::string PersonStream(absl::string_view person_id) {
  return absl::StrCat("person-", person_id);
}

absl::Status ValidatePerson(const v1::Person& p) {
  RETURN_IF_ERROR(ValidateId("person.person_id", p.person_id()));
  if (p.name().empty()) return Invalid("person.name", "must not be empty");
  RETURN_IF_ERROR(ValidateText("person.name", p.name()));
  if (!p.email().empty()) {
    const size_t at = p.email().find('@');
    if (p.email().size() > kMaxEmailBytes || at == std::string::npos ||
        at == 0 || at + 1 == p.email().size() ||
        absl::StrContains(p.email(), " ")) {
      return Invalid("person.email", "is not an e-mail address");
    }
    RETURN_IF_ERROR(ValidateText("person.email", p.email()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<storage::AppendResult> PeopleStore::Record(
    const v1::Person& person, absl::string_view request_id,
    std::optional<uint64_t> expected_version, absl::string_view actor,
    absl::Time now) {
  RETURN_IF_ERROR(ValidatePerson(person));
  storage::NewEvent e;
  e.type = "tutornet.v1.Person";
  e.payload = person.SerializeAsString();
  e.metadata.actor = std::string(actor);
  e.metadata.occurred_at = now;
  const storage::ExpectedVersion expected =
      expected_version.has_value()
          ? storage::ExpectedVersion::Exact(*expected_version)
          : storage::ExpectedVersion::Any();
  return log_.Append(PersonStream(person.person_id()), expected, {e},
                     request_id);
}

absl::StatusOr<v1::Person> PeopleStore::Get(absl::string_view person_id) const {
  RETURN_IF_ERROR(ValidateId("person_id", person_id));
  ASSIGN_OR_RETURN(
      std::vector<storage::RecordedEvent> latest,
      log_.ReadStream(PersonStream(person_id), storage::EventLog::kEndOfStream,
                      storage::Direction::kBackward, 1));
  if (latest.empty()) {
    return absl::NotFoundError(
        absl::StrCat("person \"", person_id, "\" has no record"));
  }
  v1::Person person;
  if (!person.ParseFromString(latest.front().payload)) {
    return absl::DataLossError(absl::StrCat("the record of person \"",
                                            person_id, "\" cannot be decoded"));
  }
  return person;
}

}  // namespace tutornet::registry
