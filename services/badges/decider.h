// The badges context's rules, as pure functions of a stream's state, the
// command and the facts gathered for it (context.h): a network's badge
// catalogue, and one person's applications, awards, level badges and
// revocations.
//
// Errors: INVALID_ARGUMENT naming the field; NOT_FOUND for an unknown
// network, class, school, application or award; ALREADY_EXISTS for an
// id taken by something else; FAILED_PRECONDITION for a command the
// state does not allow (a retired class, a decided application, a
// missing recognition, a badge already held).
//
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_BADGES_DECIDER_H_
#define TUTORNET_SERVICES_BADGES_DECIDER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/badges/state.h"
#include "tutornet/v1/badges.pb.h"

namespace tutornet::badges {

// A school as the registry had it today.
struct SchoolFacts {
  bool known = false;
  bool open = false;
  v1::Placement placement;
};

// What a decision reads besides its own stream.
struct Facts {
  absl::Time now;
  std::string actor;  // The caller: recorded as recogniser or reviewer.
  bool network_known = false;
  // Holder commands: the network's catalogue as the log has it now.
  std::shared_ptr<const CatalogState> catalog =
      std::make_shared<const CatalogState>();
  SchoolFacts school;  // Apply, import: the school named.
  // Recognitions: whether the caller is a principal of the application's
  // school today (the supervisor).
  bool caller_supervises = false;
};

// The limits the rules enforce, for callers and tests.
inline constexpr int kMaxEvidence = 20;
inline constexpr size_t kMaxNarrativeBytes = 4000;
inline constexpr size_t kMaxCommentBytes = 2000;
inline constexpr int kMaxReviewers = 20;
inline constexpr int kMaxValidMonths = 120;
// Ids of the automatic level badges start with this; applications and
// imports may not.
inline constexpr char kLevelBadgePrefix[] = "level-";

// "level-2", then "level-2-2" for the second level-2 badge after a
// revocation.
std::string LevelBadgeId(v1::CompetenceLevel level, int earlier);

absl::StatusOr<std::vector<v1::BadgeCatalogEvent>> DecideCatalog(
    const CatalogState& state, const v1::BadgeCatalogCommand& command,
    const Facts& facts);

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> DecideHolder(
    const HolderState& state, const v1::BadgeHolderCommand& command,
    const Facts& facts);

// Field checks shared with the client: INVALID_ARGUMENT naming `field`.
absl::Status ValidateBadgeClass(absl::string_view field,
                                const v1::BadgeClass& c);
absl::Status ValidateEvidence(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence);

}  // namespace tutornet::badges

#endif  // TUTORNET_SERVICES_BADGES_DECIDER_H_
