// The badges projection: how each event of the badges log changes the rows
// (read_model.h); the queries are in queries.cc.
#include "services/badges/read_model.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "services/values/dates.h"
#include "status/status_macros.h"

namespace tutornet::badges {
namespace {

using projections::Rows;

constexpr absl::string_view kCatalogPrefix = "badge-catalog-";
constexpr absl::string_view kHolderPrefix = "badges-";

std::string ClassKey(absl::string_view network, absl::string_view id) {
  return absl::StrCat("c/", network, "/", id);
}

absl::Status ApplyCatalog(const std::string& network,
                          const storage::RecordedEvent& recorded, Rows& rows) {
  ASSIGN_OR_RETURN(v1::BadgeCatalogEvent event,
                   projections::ParseEvent<v1::BadgeCatalogEvent>(recorded));
  switch (event.event_case()) {
    case v1::BadgeCatalogEvent::kDefined: {
      v1::BadgeClassView view;
      view.set_network_id(network);
      *view.mutable_badge_class() = event.defined().badge_class();
      rows.PutMessage(ClassKey(network, view.badge_class().class_id()), view);
      return absl::OkStatus();
    }
    case v1::BadgeCatalogEvent::kReviewersNamed: {
      const std::string key =
          ClassKey(network, event.reviewers_named().class_id());
      ASSIGN_OR_RETURN(v1::BadgeClassView view,
                       rows.GetExisting<v1::BadgeClassView>(key));
      *view.mutable_badge_class()->mutable_reviewer_ids() =
          event.reviewers_named().reviewer_ids();
      rows.PutMessage(key, view);
      return absl::OkStatus();
    }
    case v1::BadgeCatalogEvent::kRetired: {
      const std::string key = ClassKey(network, event.retired().class_id());
      ASSIGN_OR_RETURN(v1::BadgeClassView view,
                       rows.GetExisting<v1::BadgeClassView>(key));
      view.set_retired(true);
      view.set_retire_reason(event.retired().reason());
      rows.PutMessage(key, view);
      return absl::OkStatus();
    }
    case v1::BadgeCatalogEvent::EVENT_NOT_SET:
      break;
  }
  return absl::OkStatus();
}

// One person's rows.
class HolderRows {
 public:
  HolderRows(Rows& rows, std::string network, std::string person)
      : rows_(rows), network_(std::move(network)), person_(std::move(person)) {}

  absl::Status Apply(const storage::RecordedEvent& recorded,
                     const v1::BadgeHolderEvent& event);

 private:
  std::string ApplicationKey(absl::string_view id) const {
    return absl::StrCat("p/", network_, "/", person_, "/", id);
  }
  std::string AwardKey(absl::string_view id) const {
    return absl::StrCat("a/", network_, "/", person_, "/", id);
  }
  // The award's row and what figures count of it, written together. An
  // award's school never changes (no event moves it): its facts stay in
  // the same school's row.
  absl::Status PutAward(const v1::Award& a) {
    rows_.PutMessage(AwardKey(a.award_id()), a);
    ASSIGN_OR_RETURN(v1::SchoolAwards * school,
                     rows_.Mutable<v1::SchoolAwards>(
                         SchoolAwardsKey(network_, a.school_id())));
    v1::AwardFacts* facts = nullptr;
    for (v1::AwardFacts& f : *school->mutable_awards()) {
      if (f.award_id() == a.award_id() && f.person_id() == person_) {
        facts = &f;
      }
    }
    if (facts == nullptr) {
      facts = school->add_awards();
      facts->set_person_id(person_);
      facts->set_award_id(a.award_id());
    }
    facts->set_level(a.level());
    facts->set_level_badge(a.level_badge());
    facts->set_valid_until(a.valid_until());
    facts->set_revoked(a.revoked());
    return absl::OkStatus();
  }
  std::string QueueKey(absl::string_view class_id, absl::string_view id) const {
    return absl::StrCat("q/", network_, "/", class_id, "/", person_, "/", id);
  }
  // The holder index row of an award: h/ for a class, l/ for a level.
  std::string HeldKey(const v1::Award& a) const {
    if (a.level_badge()) {
      return absl::StrCat("l/", network_, "/", static_cast<int>(a.level()), "/",
                          person_, "/", a.award_id());
    }
    return absl::StrCat("h/", network_, "/", a.class_id(), "/", person_, "/",
                        a.award_id());
  }
  // Changes the holders count of a class by `delta`.
  absl::Status CountHolder(const v1::Award& a, int delta) {
    if (a.level_badge()) return absl::OkStatus();
    const std::string key = ClassKey(network_, a.class_id());
    ASSIGN_OR_RETURN(v1::BadgeClassView view,
                     rows_.GetExisting<v1::BadgeClassView>(key));
    view.set_holders(view.holders() + delta);
    rows_.PutMessage(key, view);
    return absl::OkStatus();
  }
  absl::StatusOr<v1::Application> GetApplication(absl::string_view id) {
    return rows_.GetExisting<v1::Application>(ApplicationKey(id));
  }
  void PutApplication(const v1::Application& a) {
    rows_.PutMessage(ApplicationKey(a.application_id()), a);
  }

  absl::Status Awarded(const storage::RecordedEvent& recorded,
                       const v1::BadgeAwarded& e);

  Rows& rows_;
  std::string network_;
  std::string person_;
};

absl::Status HolderRows::Awarded(const storage::RecordedEvent& recorded,
                                 const v1::BadgeAwarded& e) {
  v1::Award a;
  a.set_network_id(network_);
  a.set_person_id(person_);
  a.set_award_id(e.award_id());
  a.set_class_id(e.class_id());
  a.set_level(e.level());
  a.set_level_badge(e.level_badge());
  a.set_application_id(e.application_id());
  a.set_completed_by(e.completed_by());
  a.set_school_id(e.school_id());
  *a.mutable_placement() = e.placement();
  a.set_issued_at(
      values::FormatUtc(absl::FromUnixSeconds(e.issued_unix_seconds())));
  if (e.valid_until_unix_seconds() != 0) {
    a.set_valid_until(
        values::FormatUtc(absl::FromUnixSeconds(e.valid_until_unix_seconds())));
  }
  a.set_source(e.source());
  a.set_position(recorded.position);
  *a.mutable_evidence() = e.evidence();
  RETURN_IF_ERROR(PutAward(a));
  rows_.Put(HeldKey(a), "");
  RETURN_IF_ERROR(CountHolder(a, +1));
  if (!e.application_id().empty()) {
    ASSIGN_OR_RETURN(v1::Application app, GetApplication(e.application_id()));
    app.set_status(v1::APPLICATION_STATUS_ACCEPTED);
    v1::ReviewNote& note = *app.add_reviews();
    note.set_reviewer_id(e.reviewer_id());
    note.set_outcome(v1::REVIEW_OUTCOME_ACCEPT);
    note.set_comment(e.review_comment());
    rows_.Delete(QueueKey(app.class_id(), app.application_id()));
    PutApplication(app);
  }
  return absl::OkStatus();
}

absl::Status HolderRows::Apply(const storage::RecordedEvent& recorded,
                               const v1::BadgeHolderEvent& event) {
  switch (event.event_case()) {
    case v1::BadgeHolderEvent::kFiled: {
      const v1::ApplicationFiled& e = event.filed();
      v1::Application a;
      a.set_network_id(network_);
      a.set_person_id(person_);
      a.set_application_id(e.application_id());
      a.set_class_id(e.class_id());
      a.set_level(e.level());
      a.set_school_id(e.school_id());
      *a.mutable_placement() = e.placement();
      a.set_status(v1::APPLICATION_STATUS_SUBMITTED);
      *a.mutable_evidence() = e.evidence();
      PutApplication(a);
      rows_.Put(QueueKey(e.class_id(), e.application_id()), "");
      return absl::OkStatus();
    }
    case v1::BadgeHolderEvent::kRecognised: {
      const v1::ApplicationRecognised& e = event.recognised();
      ASSIGN_OR_RETURN(v1::Application a, GetApplication(e.application_id()));
      v1::Recognition& r = *a.add_recognitions();
      r.set_kind(e.kind());
      r.set_recogniser_id(e.recogniser_id());
      r.set_comment(e.comment());
      PutApplication(a);
      return absl::OkStatus();
    }
    case v1::BadgeHolderEvent::kReturned: {
      const v1::ApplicationReturned& e = event.returned();
      ASSIGN_OR_RETURN(v1::Application a, GetApplication(e.application_id()));
      a.set_status(v1::APPLICATION_STATUS_RETURNED);
      v1::ReviewNote& note = *a.add_reviews();
      note.set_reviewer_id(e.reviewer_id());
      note.set_outcome(v1::REVIEW_OUTCOME_RETURN);
      note.set_comment(e.comment());
      rows_.Delete(QueueKey(a.class_id(), a.application_id()));
      PutApplication(a);
      return absl::OkStatus();
    }
    case v1::BadgeHolderEvent::kRevised: {
      const v1::ApplicationRevised& e = event.revised();
      ASSIGN_OR_RETURN(v1::Application a, GetApplication(e.application_id()));
      a.set_status(v1::APPLICATION_STATUS_SUBMITTED);
      *a.mutable_evidence() = e.evidence();
      if (!e.note().empty()) a.add_revision_notes(e.note());
      rows_.Put(QueueKey(a.class_id(), a.application_id()), "");
      PutApplication(a);
      return absl::OkStatus();
    }
    case v1::BadgeHolderEvent::kRejected: {
      const v1::ApplicationRejected& e = event.rejected();
      ASSIGN_OR_RETURN(v1::Application a, GetApplication(e.application_id()));
      a.set_status(v1::APPLICATION_STATUS_REJECTED);
      v1::ReviewNote& note = *a.add_reviews();
      note.set_reviewer_id(e.reviewer_id());
      note.set_outcome(v1::REVIEW_OUTCOME_REJECT);
      note.set_comment(e.reason());
      rows_.Delete(QueueKey(a.class_id(), a.application_id()));
      PutApplication(a);
      return absl::OkStatus();
    }
    case v1::BadgeHolderEvent::kAwarded:
      return Awarded(recorded, event.awarded());
    case v1::BadgeHolderEvent::kRevoked: {
      const v1::AwardRevoked& e = event.revoked();
      const std::string key = AwardKey(e.award_id());
      ASSIGN_OR_RETURN(v1::Award a, rows_.GetExisting<v1::Award>(key));
      a.set_revoked(true);
      a.set_revoke_reason(e.reason());
      RETURN_IF_ERROR(PutAward(a));
      rows_.Delete(HeldKey(a));
      rows_.Put(absl::StrCat("x/", network_, "/", person_, "/", e.award_id()),
                "");
      return CountHolder(a, -1);
    }
    case v1::BadgeHolderEvent::EVENT_NOT_SET:
      break;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status BadgesProjection::Apply(absl::string_view,
                                     const storage::RecordedEvent& recorded,
                                     Rows& rows) const {
  absl::string_view stream = recorded.stream;
  if (absl::ConsumePrefix(&stream, kCatalogPrefix)) {
    return ApplyCatalog(std::string(stream), recorded, rows);
  }
  if (absl::ConsumePrefix(&stream, kHolderPrefix)) {
    const size_t colon = stream.find(':');
    if (colon == absl::string_view::npos) {
      return absl::DataLossError(
          absl::StrCat("stream ", recorded.stream, " names no person"));
    }
    ASSIGN_OR_RETURN(v1::BadgeHolderEvent event,
                     projections::ParseEvent<v1::BadgeHolderEvent>(recorded));
    HolderRows holder(rows, std::string(stream.substr(0, colon)),
                      std::string(stream.substr(colon + 1)));
    return holder.Apply(recorded, event);
  }
  return absl::OkStatus();
}

}  // namespace tutornet::badges
