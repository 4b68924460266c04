#include "services/badges/decider.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::badges {
namespace {

using values::Invalid;

std::string LevelName(v1::CompetenceLevel level) {
  return absl::StrCat("level ", static_cast<int>(level));
}

// An id a person or coordinator chooses for an application or award.
absl::Status ValidateAwardId(absl::string_view field, absl::string_view id) {
  RETURN_IF_ERROR(values::ValidateId(field, id));
  if (absl::StartsWith(id, kLevelBadgePrefix)) {
    return Invalid(field, "must not start with \"level-\" (the level badges')");
  }
  return absl::OkStatus();
}

absl::Status ValidateReviewers(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& ids) {
  if (ids.empty()) return Invalid(field, "name at least one reviewer");
  if (ids.size() > kMaxReviewers) {
    return Invalid(field,
                   absl::StrCat("at most ", kMaxReviewers, " reviewers"));
  }
  return values::ValidateIdList(field, ids);
}

absl::Status RequireNetwork(const Facts& facts, const std::string& network) {
  if (!facts.network_known) {
    return absl::NotFoundError(absl::StrCat("no network \"", network, "\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<const ClassState*> FindClass(const CatalogState& catalog,
                                            const std::string& class_id) {
  const ClassState* c = catalog.Find(class_id);
  if (c == nullptr) {
    return absl::NotFoundError(
        absl::StrCat("no badge class \"", class_id, "\""));
  }
  return c;
}

absl::StatusOr<const ClassState*> FindOpenClass(const CatalogState& catalog,
                                                const std::string& class_id) {
  ASSIGN_OR_RETURN(const ClassState* c, FindClass(catalog, class_id));
  if (c->retired) {
    return absl::FailedPreconditionError(
        absl::StrCat("badge class \"", class_id, "\" is retired"));
  }
  return c;
}

absl::Status RequireSchool(const Facts& facts, const std::string& school_id) {
  if (!facts.school.known) {
    return absl::NotFoundError(absl::StrCat("no school \"", school_id, "\""));
  }
  if (!facts.school.open) {
    return absl::FailedPreconditionError(
        absl::StrCat("school \"", school_id, "\" is closed"));
  }
  return absl::OkStatus();
}

// ---- Catalogue ----

absl::StatusOr<std::vector<v1::BadgeCatalogEvent>> Define(
    const CatalogState& s, const v1::DefineBadgeClass& c, const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("network_id", c.network_id()));
  RETURN_IF_ERROR(ValidateBadgeClass("badge_class", c.badge_class()));
  RETURN_IF_ERROR(RequireNetwork(facts, c.network_id()));
  if (const ClassState* earlier = s.Find(c.badge_class().class_id())) {
    if (earlier->definition.SerializeAsString() ==
        c.badge_class().SerializeAsString()) {
      return std::vector<v1::BadgeCatalogEvent>{};  // Already so.
    }
    return absl::AlreadyExistsError(absl::StrCat(
        "badge class \"", c.badge_class().class_id(),
        "\" is already defined; a class is not redefined (name its reviewers "
        "or retire it and define another)"));
  }
  v1::BadgeCatalogEvent e;
  e.mutable_defined()->set_network_id(c.network_id());
  *e.mutable_defined()->mutable_badge_class() = c.badge_class();
  return std::vector<v1::BadgeCatalogEvent>{e};
}

absl::StatusOr<std::vector<v1::BadgeCatalogEvent>> Name(
    const CatalogState& s, const v1::NameReviewers& c, const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("network_id", c.network_id()));
  RETURN_IF_ERROR(values::ValidateId("class_id", c.class_id()));
  RETURN_IF_ERROR(ValidateReviewers("reviewer_ids", c.reviewer_ids()));
  RETURN_IF_ERROR(RequireNetwork(facts, c.network_id()));
  ASSIGN_OR_RETURN(const ClassState* cls, FindOpenClass(s, c.class_id()));
  v1::BadgeCatalogEvent e;
  e.mutable_reviewers_named()->set_class_id(c.class_id());
  *e.mutable_reviewers_named()->mutable_reviewer_ids() = c.reviewer_ids();
  if (std::equal(c.reviewer_ids().begin(), c.reviewer_ids().end(),
                 cls->definition.reviewer_ids().begin(),
                 cls->definition.reviewer_ids().end())) {
    return std::vector<v1::BadgeCatalogEvent>{};
  }
  return std::vector<v1::BadgeCatalogEvent>{e};
}

absl::StatusOr<std::vector<v1::BadgeCatalogEvent>> Retire(
    const CatalogState& s, const v1::RetireBadgeClass& c, const Facts& facts) {
  RETURN_IF_ERROR(values::ValidateId("network_id", c.network_id()));
  RETURN_IF_ERROR(values::ValidateId("class_id", c.class_id()));
  if (c.reason().empty()) return Invalid("reason", "must not be empty");
  RETURN_IF_ERROR(values::ValidateNote("reason", c.reason(), kMaxCommentBytes));
  RETURN_IF_ERROR(RequireNetwork(facts, c.network_id()));
  ASSIGN_OR_RETURN(const ClassState* cls, FindClass(s, c.class_id()));
  if (cls->retired) return std::vector<v1::BadgeCatalogEvent>{};
  v1::BadgeCatalogEvent e;
  e.mutable_retired()->set_class_id(c.class_id());
  e.mutable_retired()->set_reason(c.reason());
  return std::vector<v1::BadgeCatalogEvent>{e};
}

// ---- A person's badges ----

absl::Status ValidateHolder(const std::string& network,
                            const std::string& person) {
  RETURN_IF_ERROR(values::ValidateId("network_id", network));
  return values::ValidateId("person_id", person);
}

absl::StatusOr<const ApplicationState*> FindApplication(const HolderState& s,
                                                        const std::string& id) {
  RETURN_IF_ERROR(values::ValidateId("application_id", id));
  auto it = s.applications.find(id);
  if (it == s.applications.end()) {
    return absl::NotFoundError(absl::StrCat("no application \"", id, "\""));
  }
  return &it->second;
}

absl::Status RequireSubmitted(const ApplicationState& a,
                              absl::string_view what) {
  switch (a.status) {
    case v1::APPLICATION_STATUS_SUBMITTED:
      return absl::OkStatus();
    case v1::APPLICATION_STATUS_RETURNED:
      return absl::FailedPreconditionError(
          absl::StrCat("application \"", a.filed.application_id(),
                       "\" was returned for revision: it can be ", what,
                       " once the applicant has revised it"));
    default:
      return absl::FailedPreconditionError(absl::StrCat(
          "application \"", a.filed.application_id(), "\" is already decided"));
  }
}

// A class award of `level` was just awarded (`award`): the level badge,
// when the person now holds every open class of the level and not yet the
// level badge. It is issued when the last of them was, and valid while
// all of them are.
void MaybeAwardLevel(const HolderState& s, const CatalogState& catalog,
                     const v1::BadgeAwarded& award, absl::Time now,
                     std::vector<v1::BadgeHolderEvent>& events) {
  if (s.HeldLevel(award.level(), now) != nullptr) return;
  const std::set<std::string> needed = catalog.OpenClassesOf(award.level());
  if (needed.empty()) return;
  int64_t issued = award.issued_unix_seconds();
  int64_t until = award.valid_until_unix_seconds();
  for (const std::string& class_id : needed) {
    if (class_id == award.class_id()) continue;
    const AwardState* held = s.HeldClass(class_id, now);
    if (held == nullptr) return;
    issued = std::max(issued, held->awarded.issued_unix_seconds());
    const int64_t other = held->awarded.valid_until_unix_seconds();
    if (other != 0) until = until == 0 ? other : std::min(until, other);
  }
  auto earlier = s.level_awards.find(award.level());
  v1::BadgeAwarded level;
  level.set_network_id(award.network_id());
  level.set_person_id(award.person_id());
  level.set_award_id(LevelBadgeId(
      award.level(), earlier == s.level_awards.end() ? 0 : earlier->second));
  level.set_level(award.level());
  level.set_level_badge(true);
  level.set_completed_by(award.award_id());
  level.set_school_id(award.school_id());
  *level.mutable_placement() = award.placement();
  level.set_issued_unix_seconds(issued);
  level.set_valid_until_unix_seconds(until);
  events.emplace_back().mutable_awarded()->Swap(&level);
}

// A class award: its event, and the level badge it may complete.
std::vector<v1::BadgeHolderEvent> Award(const HolderState& s,
                                        const CatalogState& catalog,
                                        const ClassState& cls,
                                        v1::BadgeAwarded award,
                                        absl::Time now) {
  award.set_class_id(cls.definition.class_id());
  award.set_level(cls.definition.level());
  if (cls.definition.valid_months() > 0) {
    const absl::CivilSecond from =
        absl::ToCivilSecond(absl::FromUnixSeconds(award.issued_unix_seconds()),
                            absl::UTCTimeZone());
    const absl::CivilSecond until(
        from.year(), from.month() + cls.definition.valid_months(), from.day(),
        from.hour(), from.minute(), from.second());
    award.set_valid_until_unix_seconds(
        absl::ToUnixSeconds(absl::FromCivil(until, absl::UTCTimeZone())));
  }
  std::vector<v1::BadgeHolderEvent> events;
  *events.emplace_back().mutable_awarded() = award;
  // An award imported already expired completes nothing.
  if (award.valid_until_unix_seconds() == 0 ||
      absl::FromUnixSeconds(award.valid_until_unix_seconds()) > now) {
    MaybeAwardLevel(s, catalog, award, now, events);
  }
  return events;
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> Apply(
    const HolderState& s, const v1::ApplyForBadge& c, const Facts& facts) {
  RETURN_IF_ERROR(ValidateHolder(c.network_id(), c.person_id()));
  RETURN_IF_ERROR(ValidateAwardId("application_id", c.application_id()));
  RETURN_IF_ERROR(values::ValidateId("class_id", c.class_id()));
  RETURN_IF_ERROR(values::ValidateId("school_id", c.school_id()));
  RETURN_IF_ERROR(ValidateEvidence("evidence", c.evidence()));
  RETURN_IF_ERROR(RequireNetwork(facts, c.network_id()));
  if (s.applications.count(c.application_id()) > 0 ||
      s.awards.count(c.application_id()) > 0) {
    return absl::AlreadyExistsError(absl::StrCat(
        "application_id: \"", c.application_id(), "\" is already taken"));
  }
  ASSIGN_OR_RETURN(const ClassState* cls,
                   FindOpenClass(*facts.catalog, c.class_id()));
  RETURN_IF_ERROR(RequireSchool(facts, c.school_id()));
  if (s.HeldClass(c.class_id(), facts.now) != nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat(c.person_id(), " already holds \"", c.class_id(), "\""));
  }
  if (const ApplicationState* open = s.OpenApplicationFor(c.class_id())) {
    return absl::FailedPreconditionError(absl::StrCat(
        c.person_id(), " already has application \"",
        open->filed.application_id(), "\" open for \"", c.class_id(), "\""));
  }
  v1::BadgeHolderEvent e;
  v1::ApplicationFiled& f = *e.mutable_filed();
  f.set_network_id(c.network_id());
  f.set_person_id(c.person_id());
  f.set_application_id(c.application_id());
  f.set_class_id(c.class_id());
  f.set_level(cls->definition.level());
  f.set_school_id(c.school_id());
  *f.mutable_placement() = facts.school.placement;
  *f.mutable_evidence() = c.evidence();
  return std::vector<v1::BadgeHolderEvent>{e};
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> Recognise(
    const HolderState& s, const v1::RecogniseApplication& c,
    const Facts& facts) {
  const std::string& actor = facts.actor;
  RETURN_IF_ERROR(ValidateHolder(c.network_id(), c.person_id()));
  if (c.kind() != v1::RECOGNITION_KIND_COLLEAGUE &&
      c.kind() != v1::RECOGNITION_KIND_SUPERVISOR) {
    return Invalid("kind", "must be colleague or supervisor");
  }
  RETURN_IF_ERROR(
      values::ValidateNote("comment", c.comment(), kMaxCommentBytes));
  ASSIGN_OR_RETURN(const ApplicationState* a,
                   FindApplication(s, c.application_id()));
  if (a->status != v1::APPLICATION_STATUS_SUBMITTED &&
      a->status != v1::APPLICATION_STATUS_RETURNED) {
    return absl::FailedPreconditionError(absl::StrCat(
        "application \"", c.application_id(), "\" is already decided"));
  }
  ASSIGN_OR_RETURN(const ClassState* cls,
                   FindClass(*facts.catalog, a->filed.class_id()));
  const bool colleague = c.kind() == v1::RECOGNITION_KIND_COLLEAGUE;
  if (!(colleague ? cls->definition.colleague_recognition()
                  : cls->definition.supervisor_recognition())) {
    return absl::FailedPreconditionError(
        absl::StrCat("badge class \"", cls->definition.class_id(),
                     "\" does not ask for recognition by a ",
                     colleague ? "colleague" : "supervisor"));
  }
  if (a->recognised.count(c.kind()) > 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "application \"", c.application_id(), "\" is already recognised by a ",
        colleague ? "colleague" : "supervisor"));
  }
  v1::BadgeHolderEvent e;
  v1::ApplicationRecognised& r = *e.mutable_recognised();
  r.set_application_id(c.application_id());
  r.set_kind(c.kind());
  r.set_recogniser_id(actor);
  r.set_comment(c.comment());
  return std::vector<v1::BadgeHolderEvent>{e};
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> Review(
    const HolderState& s, const v1::ReviewApplication& c, const Facts& facts) {
  const std::string& actor = facts.actor;
  RETURN_IF_ERROR(ValidateHolder(c.network_id(), c.person_id()));
  if (c.outcome() < v1::REVIEW_OUTCOME_ACCEPT ||
      c.outcome() > v1::REVIEW_OUTCOME_REJECT) {
    return Invalid("outcome", "must be accept, return or reject");
  }
  RETURN_IF_ERROR(
      values::ValidateNote("comment", c.comment(), kMaxCommentBytes));
  if (c.outcome() != v1::REVIEW_OUTCOME_ACCEPT && c.comment().empty()) {
    return Invalid("comment", c.outcome() == v1::REVIEW_OUTCOME_RETURN
                                  ? "say what to revise"
                                  : "give the reason for the rejection");
  }
  ASSIGN_OR_RETURN(const ApplicationState* a,
                   FindApplication(s, c.application_id()));
  RETURN_IF_ERROR(RequireSubmitted(*a, "reviewed"));
  v1::BadgeHolderEvent e;
  if (c.outcome() == v1::REVIEW_OUTCOME_RETURN) {
    v1::ApplicationReturned& r = *e.mutable_returned();
    r.set_application_id(c.application_id());
    r.set_reviewer_id(actor);
    r.set_comment(c.comment());
    return std::vector<v1::BadgeHolderEvent>{e};
  }
  if (c.outcome() == v1::REVIEW_OUTCOME_REJECT) {
    v1::ApplicationRejected& r = *e.mutable_rejected();
    r.set_application_id(c.application_id());
    r.set_reviewer_id(actor);
    r.set_reason(c.comment());
    return std::vector<v1::BadgeHolderEvent>{e};
  }
  ASSIGN_OR_RETURN(const ClassState* cls,
                   FindClass(*facts.catalog, a->filed.class_id()));
  std::vector<std::string> missing;
  if (cls->definition.colleague_recognition() &&
      a->recognised.count(v1::RECOGNITION_KIND_COLLEAGUE) == 0) {
    missing.push_back("a colleague");
  }
  if (cls->definition.supervisor_recognition() &&
      a->recognised.count(v1::RECOGNITION_KIND_SUPERVISOR) == 0) {
    missing.push_back("the supervisor");
  }
  if (!missing.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "application \"", c.application_id(), "\" still needs recognition by ",
        absl::StrJoin(missing, " and ")));
  }
  if (s.HeldClass(a->filed.class_id(), facts.now) != nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        c.person_id(), " already holds \"", a->filed.class_id(), "\""));
  }
  v1::BadgeAwarded award;
  award.set_network_id(c.network_id());
  award.set_person_id(c.person_id());
  award.set_award_id(c.application_id());
  award.set_application_id(c.application_id());
  award.set_reviewer_id(actor);
  award.set_review_comment(c.comment());
  award.set_school_id(a->filed.school_id());
  *award.mutable_placement() = a->filed.placement();
  award.set_issued_unix_seconds(absl::ToUnixSeconds(facts.now));
  *award.mutable_evidence() = a->filed.evidence();
  return Award(s, *facts.catalog, *cls, std::move(award), facts.now);
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> Revise(
    const HolderState& s, const v1::ReviseApplication& c) {
  RETURN_IF_ERROR(ValidateHolder(c.network_id(), c.person_id()));
  RETURN_IF_ERROR(ValidateEvidence("evidence", c.evidence()));
  RETURN_IF_ERROR(values::ValidateNote("note", c.note(), kMaxCommentBytes));
  ASSIGN_OR_RETURN(const ApplicationState* a,
                   FindApplication(s, c.application_id()));
  if (a->status != v1::APPLICATION_STATUS_RETURNED) {
    return absl::FailedPreconditionError(
        absl::StrCat("application \"", c.application_id(),
                     "\" was not returned for revision"));
  }
  v1::BadgeHolderEvent e;
  v1::ApplicationRevised& r = *e.mutable_revised();
  r.set_application_id(c.application_id());
  *r.mutable_evidence() = c.evidence();
  r.set_note(c.note());
  return std::vector<v1::BadgeHolderEvent>{e};
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> Import(
    const HolderState& s, const v1::ImportAward& c, const Facts& facts) {
  RETURN_IF_ERROR(ValidateHolder(c.network_id(), c.person_id()));
  RETURN_IF_ERROR(ValidateAwardId("award_id", c.award_id()));
  RETURN_IF_ERROR(values::ValidateId("class_id", c.class_id()));
  RETURN_IF_ERROR(values::ValidateId("school_id", c.school_id()));
  RETURN_IF_ERROR(values::ValidateDate("issued_on", c.issued_on()));
  if (c.source().empty()) return Invalid("source", "say where it was earned");
  RETURN_IF_ERROR(values::ValidateText("source", c.source()));
  const absl::CivilDay issued = values::ToCivilDay(c.issued_on());
  if (issued > values::FinnishDay(facts.now)) {
    return Invalid("issued_on", "is in the future");
  }
  RETURN_IF_ERROR(RequireNetwork(facts, c.network_id()));
  if (s.awards.count(c.award_id()) > 0 ||
      s.applications.count(c.award_id()) > 0) {
    return absl::AlreadyExistsError(
        absl::StrCat("award_id: \"", c.award_id(), "\" is already taken"));
  }
  ASSIGN_OR_RETURN(const ClassState* cls,
                   FindOpenClass(*facts.catalog, c.class_id()));
  RETURN_IF_ERROR(RequireSchool(facts, c.school_id()));
  if (s.HeldClass(c.class_id(), facts.now) != nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat(c.person_id(), " already holds \"", c.class_id(), "\""));
  }
  v1::BadgeAwarded award;
  award.set_network_id(c.network_id());
  award.set_person_id(c.person_id());
  award.set_award_id(c.award_id());
  award.set_school_id(c.school_id());
  *award.mutable_placement() = facts.school.placement;
  award.set_issued_unix_seconds(absl::ToUnixSeconds(
      values::FromFinnishMinute(absl::CivilMinute(issued))));
  award.set_source(c.source());
  return Award(s, *facts.catalog, *cls, std::move(award), facts.now);
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> Revoke(
    const HolderState& s, const v1::RevokeAward& c, const Facts& facts) {
  RETURN_IF_ERROR(ValidateHolder(c.network_id(), c.person_id()));
  RETURN_IF_ERROR(values::ValidateId("award_id", c.award_id()));
  if (c.reason().empty()) return Invalid("reason", "must not be empty");
  RETURN_IF_ERROR(values::ValidateNote("reason", c.reason(), kMaxCommentBytes));
  auto it = s.awards.find(c.award_id());
  if (it == s.awards.end()) {
    return absl::NotFoundError(absl::StrCat("no award \"", c.award_id(), "\""));
  }
  if (it->second.revoked) {
    return absl::FailedPreconditionError(
        absl::StrCat("award \"", c.award_id(), "\" is already revoked"));
  }
  std::vector<v1::BadgeHolderEvent> events;
  v1::AwardRevoked& r = *events.emplace_back().mutable_revoked();
  r.set_award_id(c.award_id());
  r.set_reason(c.reason());
  const v1::BadgeAwarded& award = it->second.awarded;
  if (award.level_badge()) return events;
  // The level badge goes with it if the level no longer holds: the class
  // is still one the level asks for.
  const AwardState* level = s.HeldLevel(award.level(), absl::InfinitePast());
  if (level != nullptr &&
      facts.catalog->OpenClassesOf(award.level()).count(award.class_id()) > 0) {
    v1::AwardRevoked& with = *events.emplace_back().mutable_revoked();
    with.set_award_id(level->awarded.award_id());
    with.set_reason(absl::StrCat(LevelName(award.level()),
                                 " no longer holds: award \"", c.award_id(),
                                 "\" was revoked"));
    with.set_revoked_with(c.award_id());
  }
  return events;
}

}  // namespace

std::string LevelBadgeId(v1::CompetenceLevel level, int earlier) {
  std::string id = absl::StrCat(kLevelBadgePrefix, static_cast<int>(level));
  if (earlier > 0) absl::StrAppend(&id, "-", earlier + 1);
  return id;
}

absl::Status ValidateBadgeClass(absl::string_view field,
                                const v1::BadgeClass& c) {
  const std::string f(field);
  RETURN_IF_ERROR(ValidateAwardId(f + ".class_id", c.class_id()));
  RETURN_IF_ERROR(values::ValidateName(f + ".name", c.name()));
  RETURN_IF_ERROR(values::ValidateLocalizedNote(
      f + ".description", c.description(), kMaxNarrativeBytes));
  RETURN_IF_ERROR(values::ValidateLocalizedNote(f + ".criteria", c.criteria(),
                                                kMaxNarrativeBytes));
  RETURN_IF_ERROR(values::ValidateCompetenceLevel(f + ".level", c.level()));
  for (const auto& [language, text] :
       {std::pair<const char*, const std::string*>{"fi",
                                                   &c.evidence_asked().fi()},
        {"sv", &c.evidence_asked().sv()},
        {"en", &c.evidence_asked().en()}}) {
    RETURN_IF_ERROR(
        values::ValidateNote(absl::StrCat(f, ".evidence_asked.", language),
                             *text, kMaxNarrativeBytes));
  }
  if (!c.image_url().empty()) {
    RETURN_IF_ERROR(values::ValidateHttpUrl(f + ".image_url", c.image_url(),
                                            /*https_only=*/true));
  }
  RETURN_IF_ERROR(ValidateReviewers(f + ".reviewer_ids", c.reviewer_ids()));
  if (c.valid_months() < 0 || c.valid_months() > kMaxValidMonths) {
    return Invalid(
        f + ".valid_months",
        absl::StrCat("must be 0 (without end) to ", kMaxValidMonths));
  }
  return absl::OkStatus();
}

absl::Status ValidateEvidence(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  if (evidence.empty())
    return Invalid(field, "show at least one piece of evidence");
  if (evidence.size() > kMaxEvidence) {
    return Invalid(field, absl::StrCat("at most ", kMaxEvidence, " pieces"));
  }
  for (int i = 0; i < evidence.size(); ++i) {
    const v1::Evidence& e = evidence[i];
    const std::string f = absl::StrCat(field, "[", i, "]");
    if (!e.name().empty()) {
      RETURN_IF_ERROR(values::ValidateLabel(f + ".name", e.name()));
    }
    RETURN_IF_ERROR(values::ValidateNote(f + ".narrative", e.narrative(),
                                         kMaxNarrativeBytes));
    if (!e.url().empty()) {
      RETURN_IF_ERROR(values::ValidateHttpUrl(f + ".url", e.url()));
    }
    if (absl::StripAsciiWhitespace(e.narrative()).empty() && e.url().empty()) {
      return Invalid(f, "give a narrative, a url or both");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::BadgeCatalogEvent>> DecideCatalog(
    const CatalogState& state, const v1::BadgeCatalogCommand& command,
    const Facts& facts) {
  switch (command.command_case()) {
    case v1::BadgeCatalogCommand::kDefine:
      return Define(state, command.define(), facts);
    case v1::BadgeCatalogCommand::kNameReviewers:
      return Name(state, command.name_reviewers(), facts);
    case v1::BadgeCatalogCommand::kRetire:
      return Retire(state, command.retire(), facts);
    case v1::BadgeCatalogCommand::COMMAND_NOT_SET:
      break;
  }
  return Invalid("command", "is not set");
}

absl::StatusOr<std::vector<v1::BadgeHolderEvent>> DecideHolder(
    const HolderState& state, const v1::BadgeHolderCommand& command,
    const Facts& facts) {
  switch (command.command_case()) {
    case v1::BadgeHolderCommand::kApply:
      return Apply(state, command.apply(), facts);
    case v1::BadgeHolderCommand::kRecognise:
      return Recognise(state, command.recognise(), facts);
    case v1::BadgeHolderCommand::kReview:
      return Review(state, command.review(), facts);
    case v1::BadgeHolderCommand::kRevise:
      return Revise(state, command.revise());
    case v1::BadgeHolderCommand::kImportAward:
      return Import(state, command.import_award(), facts);
    case v1::BadgeHolderCommand::kRevoke:
      return Revoke(state, command.revoke(), facts);
    case v1::BadgeHolderCommand::COMMAND_NOT_SET:
      break;
  }
  return Invalid("command", "is not set");
}

}  // namespace tutornet::badges
