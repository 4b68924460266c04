// The badges read model's queries (read_model.h), each filtered by the
// caller's policy (policy.h).
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "services/badges/read_model.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::badges {
namespace {

using projections::KeySuffixes;
using projections::ReadRow;
using projections::RowReader;
using projections::ScanRows;
using projections::VisitRows;
using values::Invalid;

absl::StatusOr<std::optional<v1::Award>> ReadAward(const RowReader& rows,
                                                   const std::string& network,
                                                   const std::string& person,
                                                   const std::string& award) {
  return ReadRow<v1::Award>(
      rows, absl::StrCat("a/", network, "/", person, "/", award));
}

// An award (its Award or AwardFacts row) not revoked and not expired at
// `now` (RFC 3339 UTC strings compare as times).
template <typename AwardRow>
bool HeldAt(const AwardRow& a, const std::string& now) {
  return !a.revoked() && (a.valid_until().empty() || a.valid_until() > now);
}

}  // namespace

int TargetPercent(v1::CompetenceLevel level) {
  switch (level) {
    case v1::COMPETENCE_LEVEL_BASIC:
      return 100;
    case v1::COMPETENCE_LEVEL_ADVANCED:
      return 90;
    case v1::COMPETENCE_LEVEL_DEVELOPER:
      return 20;
    default:
      return 0;
  }
}

absl::StatusOr<v1::ListBadgeClassesResponse> ListBadgeClasses(
    const RowReader& rows, const Principal& p,
    const v1::ListBadgeClassesRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(AuthorizeCatalogRead(p, req.network_id()));
  v1::ListBadgeClassesResponse out;
  RETURN_IF_ERROR(ScanRows<v1::BadgeClassView>(
      rows, absl::StrCat("c/", req.network_id(), "/"),
      [&](absl::string_view, v1::BadgeClassView c) {
        if (c.retired() && !req.include_retired()) return;
        // Who reviews is for coordinators.
        if (!access::Coordinates(p, req.network_id())) {
          c.mutable_badge_class()->clear_reviewer_ids();
        }
        *out.add_classes() = std::move(c);
      }));
  return out;
}

absl::StatusOr<v1::PersonBadges> ListPersonBadges(
    const RowReader& rows, const Principal& p,
    const v1::ListPersonBadgesRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(values::ValidateId("person_id", req.person_id()));
  RETURN_IF_ERROR(AuthorizePersonRead(p, req.network_id(), req.person_id()));
  const std::string suffix =
      absl::StrCat(req.network_id(), "/", req.person_id(), "/");
  v1::PersonBadges out;
  RETURN_IF_ERROR(ScanRows<v1::Award>(rows, absl::StrCat("a/", suffix),
                                      [&](absl::string_view, v1::Award a) {
                                        if (CanSeePlacement(p, a.placement()))
                                          *out.add_awards() = std::move(a);
                                      }));
  RETURN_IF_ERROR(
      ScanRows<v1::Application>(rows, absl::StrCat("p/", suffix),
                                [&](absl::string_view, v1::Application a) {
                                  if (CanSeePlacement(p, a.placement())) {
                                    *out.add_applications() = std::move(a);
                                  }
                                }));
  return out;
}

absl::StatusOr<v1::ReviewQueue> ListReviewQueue(
    const RowReader& rows, const Principal& p,
    const v1::ListReviewQueueRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  if (!req.class_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("class_id", req.class_id()));
  }
  RETURN_IF_ERROR(access::RequireNetwork(p, req.network_id(), "review"));
  v1::ReviewQueue out;
  std::vector<v1::BadgeClassView> classes;
  RETURN_IF_ERROR(ScanRows<v1::BadgeClassView>(
      rows, absl::StrCat("c/", req.network_id(), "/"),
      [&](absl::string_view, v1::BadgeClassView c) {
        if (req.class_id().empty() ||
            c.badge_class().class_id() == req.class_id()) {
          classes.push_back(std::move(c));
        }
      }));
  for (const v1::BadgeClassView& c : classes) {
    if (!Reviews(p, c.badge_class())) continue;
    ASSIGN_OR_RETURN(
        std::vector<std::string> waiting,
        KeySuffixes(rows, absl::StrCat("q/", req.network_id(), "/",
                                       c.badge_class().class_id(), "/")));
    for (const std::string& person_and_id : waiting) {
      ASSIGN_OR_RETURN(
          std::optional<v1::Application> a,
          ReadRow<v1::Application>(
              rows, absl::StrCat("p/", req.network_id(), "/", person_and_id)));
      // Never one's own: they cannot review it.
      if (a.has_value() && a->person_id() != p.id) {
        *out.add_applications() = *std::move(a);
      }
    }
  }
  return out;
}

absl::StatusOr<v1::Holders> ListHolders(const RowReader& rows,
                                        const Principal& p,
                                        const v1::ListHoldersRequest& req,
                                        absl::Time now) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  std::string prefix;
  if (!req.class_id().empty()) {
    if (req.level() != v1::COMPETENCE_LEVEL_UNSPECIFIED) {
      return Invalid("level", "name a class or a level, not both");
    }
    RETURN_IF_ERROR(values::ValidateId("class_id", req.class_id()));
    prefix = absl::StrCat("h/", req.network_id(), "/", req.class_id(), "/");
  } else {
    RETURN_IF_ERROR(values::ValidateCompetenceLevel("level", req.level()));
    prefix = absl::StrCat("l/", req.network_id(), "/",
                          static_cast<int>(req.level()), "/");
  }
  RETURN_IF_ERROR(AuthorizeHoldersRead(p, req.network_id()));
  if (!req.class_id().empty()) {
    ASSIGN_OR_RETURN(std::optional<v1::BadgeClassView> c,
                     PublicClass(rows, req.network_id(), req.class_id()));
    if (!c.has_value()) {
      return absl::NotFoundError(
          absl::StrCat("no badge class \"", req.class_id(), "\""));
    }
  }
  ASSIGN_OR_RETURN(std::vector<std::string> held, KeySuffixes(rows, prefix));
  v1::Holders out;
  for (const std::string& person_and_award : held) {
    ASSIGN_OR_RETURN(
        std::optional<v1::Award> a,
        ReadRow<v1::Award>(
            rows, absl::StrCat("a/", req.network_id(), "/", person_and_award)));
    if (a.has_value() && HeldAt(*a, values::FormatUtc(now)) &&
        CanSeePlacement(p, a->placement())) {
      *out.add_awards() = *std::move(a);
    }
  }
  return out;
}

absl::StatusOr<v1::BadgeFigures> GetBadgeFigures(
    const RowReader& rows, const RowReader& registry, const Principal& p,
    const v1::GetBadgeFiguresRequest& req, absl::Time now) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  const absl::CivilDay today = values::FinnishDay(now);
  int school_year = req.school_year();
  if (school_year == 0) school_year = values::SchoolYearOf(today);
  if (school_year < 2000 || school_year > 2199) {
    return Invalid("school_year", "must be 2000-2199 (0: the current one)");
  }
  ASSIGN_OR_RETURN(bool known,
                   registry::NetworkKnown(registry, req.network_id()));
  if (!known) {
    RETURN_IF_ERROR(AuthorizeFigures(p, req.network_id(), ""));
    return absl::NotFoundError(
        absl::StrCat("no network \"", req.network_id(), "\""));
  }
  ASSIGN_OR_RETURN(
      registry::ScopeSchools scope,
      registry::SchoolsInScope(registry, req.network_id(), req.region_id(),
                               req.municipality_id(), req.school_id(), today,
                               school_year));
  RETURN_IF_ERROR(AuthorizeFigures(p, req.network_id(), scope.region_id));

  v1::BadgeFigures out;
  out.set_network_id(req.network_id());
  out.set_region_id(req.region_id());
  out.set_municipality_id(req.municipality_id());
  out.set_school_id(req.school_id());
  out.set_school_year(school_year);
  out.set_permanent_teachers(scope.permanent_teachers);
  out.set_schools(static_cast<int>(scope.schools.size()));
  out.set_schools_without_staff(scope.schools_without_staff);
  // An award counts at the school it was given at, when that school is in
  // the scope today (as the staff is counted).
  std::map<int, absl::flat_hash_set<std::string>> level_holders;
  absl::flat_hash_set<std::string> people;
  int awards = 0;
  const std::string at = values::FormatUtc(now);
  const auto count = [&](const v1::SchoolAwards& school) {
    for (const v1::AwardFacts& a : school.awards()) {
      if (!HeldAt(a, at)) continue;
      ++awards;
      if (a.level_badge()) level_holders[a.level()].insert(a.person_id());
      people.insert(a.person_id());
    }
  };
  if (req.region_id().empty() && req.municipality_id().empty() &&
      req.school_id().empty()) {
    const std::string prefix = SchoolAwardsKey(req.network_id(), "");
    RETURN_IF_ERROR(VisitRows<v1::SchoolAwards>(
        rows, prefix,
        [&](absl::string_view key, const v1::SchoolAwards& school) {
          if (scope.schools.count(std::string(key.substr(prefix.size()))) > 0) {
            count(school);
          }
        }));
  } else {  // Only the scope's schools' rows, parsed into one message.
    v1::SchoolAwards awarded;
    for (const auto& [school, on] : scope.schools) {
      const std::string key = SchoolAwardsKey(req.network_id(), school);
      ASSIGN_OR_RETURN(std::optional<std::string> bytes, rows.Get(key));
      if (!bytes.has_value()) continue;
      RETURN_IF_ERROR(projections::ParseRow(key, *bytes, &awarded));
      count(awarded);
    }
  }
  out.set_awards(awards);
  out.set_people_with_badges(static_cast<int>(people.size()));
  for (v1::CompetenceLevel level :
       {v1::COMPETENCE_LEVEL_BASIC, v1::COMPETENCE_LEVEL_ADVANCED,
        v1::COMPETENCE_LEVEL_DEVELOPER}) {
    v1::LevelFigures& f = *out.add_levels();
    f.set_level(level);
    f.set_holders(static_cast<int>(level_holders[level].size()));
    f.set_target_percent(TargetPercent(level));
    const int staff = scope.permanent_teachers;
    if (staff > 0) {
      f.set_share_percent(100.0 * f.holders() / staff);
      f.set_gap_percent(std::max(0.0, f.target_percent() - f.share_percent()));
      // The fewest holders whose share reaches the target:
      // ceil(staff * target / 100), in integers.
      const int needed = (staff * f.target_percent() + 99) / 100;
      f.set_people_to_target(std::max(0, needed - f.holders()));
    }
  }
  return out;
}

absl::StatusOr<AwardAndClass> GetAwardForCredential(
    const RowReader& rows, const Principal& p,
    const v1::GetCredentialRequest& req) {
  RETURN_IF_ERROR(values::ValidateId("network_id", req.network_id()));
  RETURN_IF_ERROR(values::ValidateId("person_id", req.person_id()));
  RETURN_IF_ERROR(values::ValidateId("award_id", req.award_id()));
  RETURN_IF_ERROR(AuthorizePersonRead(p, req.network_id(), req.person_id()));
  ASSIGN_OR_RETURN(
      std::optional<v1::Award> award,
      ReadAward(rows, req.network_id(), req.person_id(), req.award_id()));
  if (!award.has_value() || !CanSeePlacement(p, award->placement())) {
    return absl::NotFoundError(
        absl::StrCat("no award \"", req.award_id(), "\" of ", req.person_id()));
  }
  AwardAndClass out;
  out.award = *std::move(award);
  if (!out.award.level_badge()) {
    ASSIGN_OR_RETURN(std::optional<v1::BadgeClassView> c,
                     PublicClass(rows, req.network_id(), out.award.class_id()));
    if (!c.has_value()) {
      return absl::DataLossError(absl::StrCat("award \"", req.award_id(),
                                              "\" names no known badge class"));
    }
    out.badge_class = *std::move(c);
  }
  return out;
}

absl::StatusOr<std::optional<v1::BadgeClassView>> PublicClass(
    const RowReader& rows, const std::string& network_id,
    const std::string& class_id) {
  return ReadRow<v1::BadgeClassView>(
      rows, absl::StrCat("c/", network_id, "/", class_id));
}

absl::StatusOr<std::optional<v1::Award>> PublicAward(
    const RowReader& rows, const std::string& network_id,
    const std::string& person_id, const std::string& award_id) {
  return ReadAward(rows, network_id, person_id, award_id);
}

absl::StatusOr<std::vector<v1::Award>> RevokedAwards(
    const RowReader& rows, const std::string& network_id) {
  ASSIGN_OR_RETURN(std::vector<std::string> revoked,
                   KeySuffixes(rows, absl::StrCat("x/", network_id, "/")));
  std::vector<v1::Award> out;
  for (const std::string& person_and_award : revoked) {
    ASSIGN_OR_RETURN(
        std::optional<v1::Award> a,
        ReadRow<v1::Award>(
            rows, absl::StrCat("a/", network_id, "/", person_and_award)));
    if (a.has_value()) out.push_back(*std::move(a));
  }
  return out;
}

absl::StatusOr<ClassBadges> ClassBadgeHolders(const RowReader& rows,
                                              const std::string& network_id,
                                              absl::Time until) {
  const std::string last = values::FormatUtc(until);
  ClassBadges out;
  RETURN_IF_ERROR(ScanRows<v1::Award>(
      rows, absl::StrCat("a/", network_id, "/"),
      [&](absl::string_view, const v1::Award& a) {
        // RFC 3339 in UTC sorts as the times it names.
        if (a.level_badge() || a.revoked() || a.issued_at() > last) return;
        out.by_level[a.level()].insert(a.person_id());
        out.people.insert(a.person_id());
        ++out.awards;
      }));
  return out;
}

}  // namespace tutornet::badges
