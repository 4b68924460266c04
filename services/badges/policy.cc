#include "services/badges/policy.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "status/status_macros.h"

namespace tutornet::badges {
namespace {

using access::AccessRole;
using access::Denied;

bool IsNetworkCoordinator(const Principal& p, const std::string& network_id) {
  return access::IsAdmin(p) || (p.role == AccessRole::kNetworkCoordinator &&
                                p.network_id == network_id);
}

absl::Status RequireNetworkCoordinator(const Principal& p,
                                       const std::string& network_id,
                                       absl::string_view what) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, what));
  if (IsNetworkCoordinator(p, network_id)) return absl::OkStatus();
  return Denied(p, what);
}

// Anyone of the network who may write: not funders.
absl::Status RequireMember(const Principal& p, const std::string& network_id,
                           absl::string_view what) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, what));
  if (p.role == AccessRole::kFunder) return Denied(p, what);
  return absl::OkStatus();
}

const v1::ApplicationFiled* FindFiled(const HolderState& s,
                                      const std::string& application_id) {
  auto it = s.applications.find(application_id);
  return it == s.applications.end() ? nullptr : &it->second.filed;
}

absl::Status AuthorizeRecognise(const Principal& p,
                                const v1::RecogniseApplication& c,
                                const HolderState& s, const Facts& facts) {
  RETURN_IF_ERROR(RequireMember(p, c.network_id(), "recognise applications"));
  if (p.id == c.person_id()) {
    return Denied(p, "recognise its own application");
  }
  if (c.kind() == v1::RECOGNITION_KIND_SUPERVISOR &&
      FindFiled(s, c.application_id()) != nullptr && !facts.caller_supervises) {
    return Denied(
        p, absl::StrCat("recognise as the supervisor: it is no "
                        "principal of school \"",
                        FindFiled(s, c.application_id())->school_id(), "\""));
  }
  return absl::OkStatus();
}

absl::Status AuthorizeReview(const Principal& p, const v1::ReviewApplication& c,
                             const HolderState& s, const Facts& facts) {
  RETURN_IF_ERROR(access::RequireNetwork(p, c.network_id(), "review"));
  // Before anything else: not even an admin reviews its own.
  if (p.id == c.person_id()) return Denied(p, "review its own application");
  const v1::ApplicationFiled* filed = FindFiled(s, c.application_id());
  if (filed == nullptr) {
    // The decider's NOT_FOUND, for those who review something.
    if (access::IsAdmin(p)) return absl::OkStatus();
    for (const auto& [id, cls] : facts.catalog->classes) {
      if (Reviews(p, cls.definition)) return absl::OkStatus();
    }
    return Denied(p, "review applications");
  }
  const ClassState* cls = facts.catalog->Find(filed->class_id());
  if (cls != nullptr && Reviews(p, cls->definition)) return absl::OkStatus();
  return Denied(
      p, absl::StrCat("review applications for \"", filed->class_id(), "\""));
}

}  // namespace

bool Reviews(const Principal& p, const v1::BadgeClass& c) {
  if (access::IsAdmin(p)) return true;
  return p.role != AccessRole::kFunder &&
         std::find(c.reviewer_ids().begin(), c.reviewer_ids().end(), p.id) !=
             c.reviewer_ids().end();
}

absl::Status AuthorizeCatalogCommand(const Principal& p,
                                     const v1::BadgeCatalogCommand& command) {
  std::string network;
  switch (command.command_case()) {
    case v1::BadgeCatalogCommand::kDefine:
      network = command.define().network_id();
      break;
    case v1::BadgeCatalogCommand::kNameReviewers:
      network = command.name_reviewers().network_id();
      break;
    case v1::BadgeCatalogCommand::kRetire:
      network = command.retire().network_id();
      break;
    case v1::BadgeCatalogCommand::COMMAND_NOT_SET:
      return Denied(p, "do that");
  }
  return RequireNetworkCoordinator(p, network, "manage badge classes");
}

absl::Status AuthorizeHolderCommand(const Principal& p,
                                    const v1::BadgeHolderCommand& command,
                                    const HolderState& s, const Facts& facts) {
  switch (command.command_case()) {
    case v1::BadgeHolderCommand::kApply: {
      const v1::ApplyForBadge& c = command.apply();
      RETURN_IF_ERROR(RequireMember(p, c.network_id(), "apply for badges"));
      if (p.id == c.person_id()) return absl::OkStatus();
      return Denied(p, absl::StrCat("apply for badges for ", c.person_id()));
    }
    case v1::BadgeHolderCommand::kRevise: {
      const v1::ReviseApplication& c = command.revise();
      RETURN_IF_ERROR(RequireMember(p, c.network_id(), "revise applications"));
      if (p.id == c.person_id()) return absl::OkStatus();
      return Denied(p,
                    absl::StrCat("revise the applications of ", c.person_id()));
    }
    case v1::BadgeHolderCommand::kRecognise:
      return AuthorizeRecognise(p, command.recognise(), s, facts);
    case v1::BadgeHolderCommand::kReview:
      return AuthorizeReview(p, command.review(), s, facts);
    case v1::BadgeHolderCommand::kImportAward:
      // No one awards themself: an import skips the review.
      if (p.id == command.import_award().person_id()) {
        return Denied(p, "import awards for itself");
      }
      return RequireNetworkCoordinator(p, command.import_award().network_id(),
                                       "import awards");
    case v1::BadgeHolderCommand::kRevoke:
      return RequireNetworkCoordinator(p, command.revoke().network_id(),
                                       "revoke awards");
    case v1::BadgeHolderCommand::COMMAND_NOT_SET:
      break;
  }
  return Denied(p, "do that");
}

absl::Status AuthorizeCatalogRead(const Principal& p,
                                  const std::string& network_id) {
  return access::RequireNetwork(p, network_id, "read its badge classes");
}

absl::Status AuthorizePersonRead(const Principal& p,
                                 const std::string& network_id,
                                 const std::string& person_id) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, "read badges"));
  if (p.id == person_id && p.role != AccessRole::kFunder) {
    return absl::OkStatus();
  }
  if (access::Coordinates(p, network_id)) return absl::OkStatus();
  return Denied(p, absl::StrCat("read the badges of ", person_id));
}

bool CanSeePlacement(const Principal& p, const v1::Placement& placement) {
  if (p.role != AccessRole::kRegionalCoordinator) return true;
  return p.region_ids.count(placement.region_id()) > 0;
}

absl::Status AuthorizeHoldersRead(const Principal& p,
                                  const std::string& network_id) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, "read holders"));
  if (access::Coordinates(p, network_id)) return absl::OkStatus();
  return Denied(p, "read who holds a badge");
}

absl::Status AuthorizeFigures(const Principal& p, const std::string& network_id,
                              const std::string& region_id) {
  RETURN_IF_ERROR(access::RequireNetwork(p, network_id, "read badge figures"));
  if (IsNetworkCoordinator(p, network_id) || p.role == AccessRole::kFunder) {
    return absl::OkStatus();
  }
  if (region_id.empty()) {
    return Denied(p, "read the whole network's badge figures");
  }
  return access::RequireRegion(p, network_id, region_id, "read badge figures");
}

}  // namespace tutornet::badges
