// The badges context's folded states: a network's badge catalogue, and one
// person's applications and awards in a network. Only what the rules
// read; the full picture is in the log and the read model.
#ifndef TUTORNET_SERVICES_BADGES_STATE_H_
#define TUTORNET_SERVICES_BADGES_STATE_H_

#include <map>
#include <optional>
#include <set>
#include <string>

#include "absl/time/time.h"
#include "tutornet/v1/badges.pb.h"
#include "tutornet/v1/badges_service.pb.h"

namespace tutornet::badges {

struct ClassState {
  v1::BadgeClass definition;
  bool retired = false;
};

struct CatalogState {
  bool exists = false;
  std::string network_id;
  std::map<std::string, ClassState> classes;

  const ClassState* Find(const std::string& class_id) const;
  // The classes of `level` still open (not retired): what a level badge
  // asks for.
  std::set<std::string> OpenClassesOf(v1::CompetenceLevel level) const;
};

CatalogState Evolve(CatalogState state, const v1::BadgeCatalogEvent& event);

struct ApplicationState {
  v1::ApplicationFiled filed;  // Its evidence: the latest version.
  v1::ApplicationStatus status = v1::APPLICATION_STATUS_SUBMITTED;
  std::set<int> recognised;  // RecognitionKind values given.
};

struct AwardState {
  v1::BadgeAwarded awarded;
  bool revoked = false;

  // Not revoked, and not expired at `now`.
  bool HeldAt(absl::Time now) const;
};

struct HolderState {
  bool exists = false;
  std::string network_id;
  std::string person_id;
  std::map<std::string, ApplicationState> applications;
  std::map<std::string, AwardState> awards;
  // Level badges ever awarded per level: numbers the next one's id.
  std::map<int, int> level_awards;

  // The award of `class_id` held at `now` (not revoked, not expired).
  const AwardState* HeldClass(const std::string& class_id,
                              absl::Time now) const;
  // The level badge of `level` held at `now`; InfinitePast(): any not
  // revoked.
  const AwardState* HeldLevel(v1::CompetenceLevel level, absl::Time now) const;
  // An application for `class_id` that is submitted or returned.
  const ApplicationState* OpenApplicationFor(const std::string& class_id) const;
};

HolderState Evolve(HolderState state, const v1::BadgeHolderEvent& event);

}  // namespace tutornet::badges

#endif  // TUTORNET_SERVICES_BADGES_STATE_H_
