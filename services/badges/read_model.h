// The badges service's read model: a projection of the badges log into
// rows, and the queries answered from them.
//
// Rows (keys; values are serialised messages unless said):
//   c/<network>/<class>                       BadgeClassView
//   p/<network>/<person>/<application>        Application
//   a/<network>/<person>/<award>              Award
//   af/<network>/<school>                     SchoolAwards: what figures
//                                             count of the awards given there
//   q/<network>/<class>/<person>/<application> (empty) waiting for review
//   h/<network>/<class>/<person>/<award>      (empty) holds a class now
//   l/<network>/<level>/<person>/<award>      (empty) holds a level now
//   x/<network>/<person>/<award>              (empty) revoked
//
// Queries filter by the caller (policy.h). The public documents (Open
// Badges) read the same rows without a caller: Public*.
//
// Pure functions over a RowReader; thread-safe.
#ifndef TUTORNET_SERVICES_BADGES_READ_MODEL_H_
#define TUTORNET_SERVICES_BADGES_READ_MODEL_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/access/principal.h"
#include "services/badges/context.h"
#include "services/projections/projection.h"
#include "tutornet/v1/badges_service.pb.h"

namespace tutornet::badges {

// The row of what figures count of the awards given at a school: a
// scope's figures read its schools' rows only.
inline std::string SchoolAwardsKey(absl::string_view network,
                                   absl::string_view school) {
  return absl::StrCat("af/", network, "/", school);
}

class BadgesProjection final : public projections::Projection {
 public:
  std::string name() const override { return "badges"; }
  std::vector<std::string> sources() const override { return {kBadgesLog}; }
  // 2: af/ rows (AwardFacts) beside the awards.
  // 3: af/ rows keyed by school. 4: one af/ row per school.
  // 5: an award's facts without its school's id (the row's key has it).
  int version() const override { return 5; }
  absl::Status Apply(absl::string_view log, const storage::RecordedEvent& event,
                     projections::Rows& rows) const override;
};

// The target share of permanent teachers per level (DOMAIN.md: 100, 90,
// 20 %).
int TargetPercent(v1::CompetenceLevel level);

absl::StatusOr<v1::ListBadgeClassesResponse> ListBadgeClasses(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListBadgeClassesRequest& request);
absl::StatusOr<v1::PersonBadges> ListPersonBadges(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListPersonBadgesRequest& request);
absl::StatusOr<v1::ReviewQueue> ListReviewQueue(
    const projections::RowReader& rows, const Principal& p,
    const v1::ListReviewQueueRequest& request);
// Who holds a class or level badge at `now` (not revoked, not expired).
absl::StatusOr<v1::Holders> ListHolders(const projections::RowReader& rows,
                                        const Principal& p,
                                        const v1::ListHoldersRequest& request,
                                        absl::Time now);
// `registry` is the service's own view of the registry (schools, staff);
// `now` picks today's places and the current school year.
absl::StatusOr<v1::BadgeFigures> GetBadgeFigures(
    const projections::RowReader& rows, const projections::RowReader& registry,
    const Principal& p, const v1::GetBadgeFiguresRequest& request,
    absl::Time now);

// The people of a network holding a class badge (not a level badge) of
// each level, issued by `until` and not revoked: who has "completed level
// N badges", as evaluations count them. No access check: for reports.
struct ClassBadges {
  std::map<int, std::set<std::string>> by_level;
  std::set<std::string> people;  // With any.
  int awards = 0;
};
absl::StatusOr<ClassBadges> ClassBadgeHolders(
    const projections::RowReader& rows, const std::string& network_id,
    absl::Time until);

// An award and its class, for its credential: the caller must be allowed
// to read the person's badges. NOT_FOUND for no such award (or one the
// caller may not see).
struct AwardAndClass {
  v1::Award award;
  v1::BadgeClassView badge_class;  // Empty for a level badge.
};
absl::StatusOr<AwardAndClass> GetAwardForCredential(
    const projections::RowReader& rows, const Principal& p,
    const v1::GetCredentialRequest& request);

// Without a caller, for the public Open Badges documents: nullopt for
// none.
absl::StatusOr<std::optional<v1::BadgeClassView>> PublicClass(
    const projections::RowReader& rows, const std::string& network_id,
    const std::string& class_id);
absl::StatusOr<std::optional<v1::Award>> PublicAward(
    const projections::RowReader& rows, const std::string& network_id,
    const std::string& person_id, const std::string& award_id);
// Every revoked award of the network.
absl::StatusOr<std::vector<v1::Award>> RevokedAwards(
    const projections::RowReader& rows, const std::string& network_id);

}  // namespace tutornet::badges

#endif  // TUTORNET_SERVICES_BADGES_READ_MODEL_H_
