#include "services/badges/context.h"

#include "absl/strings/str_cat.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::badges {
namespace {

const std::string& NetworkOf(const v1::BadgeCatalogCommand& c) {
  switch (c.command_case()) {
    case v1::BadgeCatalogCommand::kDefine:
      return c.define().network_id();
    case v1::BadgeCatalogCommand::kNameReviewers:
      return c.name_reviewers().network_id();
    default:
      return c.retire().network_id();
  }
}

// The network and person every holder command names.
std::pair<const std::string*, const std::string*> HolderOf(
    const v1::BadgeHolderCommand& c) {
  switch (c.command_case()) {
    case v1::BadgeHolderCommand::kApply:
      return {&c.apply().network_id(), &c.apply().person_id()};
    case v1::BadgeHolderCommand::kRecognise:
      return {&c.recognise().network_id(), &c.recognise().person_id()};
    case v1::BadgeHolderCommand::kReview:
      return {&c.review().network_id(), &c.review().person_id()};
    case v1::BadgeHolderCommand::kRevise:
      return {&c.revise().network_id(), &c.revise().person_id()};
    case v1::BadgeHolderCommand::kImportAward:
      return {&c.import_award().network_id(), &c.import_award().person_id()};
    default:
      return {&c.revoke().network_id(), &c.revoke().person_id()};
  }
}

}  // namespace

std::string CatalogStream(absl::string_view network_id) {
  return absl::StrCat("badge-catalog-", network_id);
}

std::string HolderStream(absl::string_view network_id,
                         absl::string_view person_id) {
  return absl::StrCat("badges-", network_id, ":", person_id);
}

absl::StatusOr<std::string> CatalogContext::StreamOf(
    const Command& command) const {
  if (command.command_case() == Command::COMMAND_NOT_SET) {
    return values::Invalid("command", "is not set");
  }
  RETURN_IF_ERROR(values::ValidateId("network_id", NetworkOf(command)));
  return CatalogStream(NetworkOf(command));
}

absl::StatusOr<Facts> CatalogContext::Gather(const access::Principal& principal,
                                             const State&,
                                             const Command& command,
                                             absl::Time now) const {
  FactsQuery q;
  q.now = now;
  q.actor = principal.id;
  q.network_id = NetworkOf(command);
  return facts_(q);
}

absl::StatusOr<std::string> HolderContext::StreamOf(
    const Command& command) const {
  if (command.command_case() == Command::COMMAND_NOT_SET) {
    return values::Invalid("command", "is not set");
  }
  const auto [network, person] = HolderOf(command);
  RETURN_IF_ERROR(values::ValidateId("network_id", *network));
  RETURN_IF_ERROR(values::ValidateId("person_id", *person));
  return HolderStream(*network, *person);
}

absl::StatusOr<Facts> HolderContext::Gather(const access::Principal& principal,
                                            const State& state,
                                            const Command& command,
                                            absl::Time now) const {
  FactsQuery q;
  q.now = now;
  q.actor = principal.id;
  q.network_id = *HolderOf(command).first;
  q.catalog = true;
  switch (command.command_case()) {
    case v1::BadgeHolderCommand::kApply:
      q.school_id = command.apply().school_id();
      break;
    case v1::BadgeHolderCommand::kImportAward:
      q.school_id = command.import_award().school_id();
      break;
    case v1::BadgeHolderCommand::kRecognise: {
      auto it = state.applications.find(command.recognise().application_id());
      if (command.recognise().kind() == v1::RECOGNITION_KIND_SUPERVISOR &&
          it != state.applications.end()) {
        q.supervisor_of = it->second.filed.school_id();
      }
      break;
    }
    default:
      break;
  }
  return facts_(q);
}

std::string HolderContext::CausationOf(const std::string& stream,
                                       const Event& e) const {
  if (e.has_awarded() && e.awarded().level_badge()) {
    return absl::StrCat(stream, "/", e.awarded().completed_by());
  }
  if (e.has_revoked() && !e.revoked().revoked_with().empty()) {
    return absl::StrCat(stream, "/", e.revoked().revoked_with());
  }
  return "";
}

}  // namespace tutornet::badges
