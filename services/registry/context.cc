#include "services/registry/context.h"

#include "absl/strings/str_cat.h"
#include "services/registry/checks.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::registry {
namespace {

std::string PersonStream(absl::string_view person_id) {
  return absl::StrCat("person-", person_id);
}

absl::Status ValidatePerson(const v1::Person& p) {
  RETURN_IF_ERROR(ValidateId("person.person_id", p.person_id()));
  RETURN_IF_ERROR(values::ValidateLabel("person.name", p.name()));
  if (!p.email().empty()) {
    RETURN_IF_ERROR(values::ValidateEmail("person.email", p.email()));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> RegistryContext::StreamOf(
    const Command& command) const {
  if (command.command_case() == Command::COMMAND_NOT_SET) {
    return Invalid("command", "is not set");
  }
  const std::string& network_id = NetworkIdOf(command);
  RETURN_IF_ERROR(ValidateId("network_id", network_id));
  return NetworkStream(network_id);
}

absl::Status RegistryContext::Authorize(const access::Principal& principal,
                                        const Command& command,
                                        const State& state,
                                        absl::Time now) const {
  return AuthorizeCommand(principal, command, state, values::FinnishDay(now));
}

absl::StatusOr<std::string> PeopleContext::StreamOf(
    const Command& person) const {
  RETURN_IF_ERROR(ValidateId("person.person_id", person.person_id()));
  return PersonStream(person.person_id());
}

absl::StatusOr<std::vector<PeopleContext::Event>> PeopleContext::Decide(
    const State&, const Command& person) const {
  RETURN_IF_ERROR(ValidatePerson(person));
  return std::vector<Event>{person};
}

absl::Status PeopleContext::Authorize(const access::Principal& principal,
                                      const Command& person, const State&,
                                      absl::Time) const {
  ASSIGN_OR_RETURN(const PersonFacts facts, facts_(person.person_id()));
  return AuthorizePersonalData(principal, person.person_id(), facts,
                               PersonalDataAccess::kWrite);
}

absl::Status PeopleContext::AuthorizeRead(const access::Principal& principal,
                                          const std::string& person_id) const {
  RETURN_IF_ERROR(ValidateId("person_id", person_id));
  ASSIGN_OR_RETURN(const PersonFacts facts, facts_(person_id));
  return AuthorizePersonalData(principal, person_id, facts,
                               PersonalDataAccess::kRead);
}

absl::StatusOr<v1::Person> GetPerson(const storage::EventLog& log,
                                     const std::string& person_id) {
  RETURN_IF_ERROR(ValidateId("person_id", person_id));
  ASSIGN_OR_RETURN(
      std::vector<storage::RecordedEvent> latest,
      log.ReadStream(PersonStream(person_id), storage::EventLog::kEndOfStream,
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
