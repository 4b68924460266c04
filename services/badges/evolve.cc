#include "services/badges/state.h"

namespace tutornet::badges {

const ClassState* CatalogState::Find(const std::string& class_id) const {
  auto it = classes.find(class_id);
  return it == classes.end() ? nullptr : &it->second;
}

std::set<std::string> CatalogState::OpenClassesOf(
    v1::CompetenceLevel level) const {
  std::set<std::string> open;
  for (const auto& [id, c] : classes) {
    if (!c.retired && c.definition.level() == level) open.insert(id);
  }
  return open;
}

CatalogState Evolve(CatalogState state, const v1::BadgeCatalogEvent& event) {
  switch (event.event_case()) {
    case v1::BadgeCatalogEvent::kDefined: {
      state.exists = true;
      state.network_id = event.defined().network_id();
      const v1::BadgeClass& c = event.defined().badge_class();
      state.classes[c.class_id()].definition = c;
      break;
    }
    case v1::BadgeCatalogEvent::kReviewersNamed: {
      const v1::ReviewersNamed& e = event.reviewers_named();
      auto it = state.classes.find(e.class_id());
      if (it != state.classes.end()) {
        *it->second.definition.mutable_reviewer_ids() = e.reviewer_ids();
      }
      break;
    }
    case v1::BadgeCatalogEvent::kRetired: {
      auto it = state.classes.find(event.retired().class_id());
      if (it != state.classes.end()) it->second.retired = true;
      break;
    }
    case v1::BadgeCatalogEvent::EVENT_NOT_SET:
      break;
  }
  return state;
}

bool AwardState::HeldAt(absl::Time now) const {
  return !revoked &&
         (awarded.valid_until_unix_seconds() == 0 ||
          now == absl::InfinitePast() ||
          absl::FromUnixSeconds(awarded.valid_until_unix_seconds()) > now);
}

const AwardState* HolderState::HeldClass(const std::string& class_id,
                                         absl::Time now) const {
  for (const auto& [id, a] : awards) {
    if (a.HeldAt(now) && !a.awarded.level_badge() &&
        a.awarded.class_id() == class_id) {
      return &a;
    }
  }
  return nullptr;
}

const AwardState* HolderState::HeldLevel(v1::CompetenceLevel level,
                                         absl::Time now) const {
  for (const auto& [id, a] : awards) {
    if (a.HeldAt(now) && a.awarded.level_badge() &&
        a.awarded.level() == level) {
      return &a;
    }
  }
  return nullptr;
}

const ApplicationState* HolderState::OpenApplicationFor(
    const std::string& class_id) const {
  for (const auto& [id, a] : applications) {
    if (a.filed.class_id() == class_id &&
        (a.status == v1::APPLICATION_STATUS_SUBMITTED ||
         a.status == v1::APPLICATION_STATUS_RETURNED)) {
      return &a;
    }
  }
  return nullptr;
}

HolderState Evolve(HolderState state, const v1::BadgeHolderEvent& event) {
  auto application = [&](const std::string& id) -> ApplicationState* {
    auto it = state.applications.find(id);
    return it == state.applications.end() ? nullptr : &it->second;
  };
  switch (event.event_case()) {
    case v1::BadgeHolderEvent::kFiled: {
      const v1::ApplicationFiled& e = event.filed();
      state.exists = true;
      state.network_id = e.network_id();
      state.person_id = e.person_id();
      state.applications[e.application_id()].filed = e;
      break;
    }
    case v1::BadgeHolderEvent::kRecognised:
      if (ApplicationState* a =
              application(event.recognised().application_id())) {
        a->recognised.insert(event.recognised().kind());
      }
      break;
    case v1::BadgeHolderEvent::kReturned:
      if (ApplicationState* a =
              application(event.returned().application_id())) {
        a->status = v1::APPLICATION_STATUS_RETURNED;
      }
      break;
    case v1::BadgeHolderEvent::kRevised:
      if (ApplicationState* a = application(event.revised().application_id())) {
        a->status = v1::APPLICATION_STATUS_SUBMITTED;
        *a->filed.mutable_evidence() = event.revised().evidence();
      }
      break;
    case v1::BadgeHolderEvent::kRejected:
      if (ApplicationState* a =
              application(event.rejected().application_id())) {
        a->status = v1::APPLICATION_STATUS_REJECTED;
      }
      break;
    case v1::BadgeHolderEvent::kAwarded: {
      const v1::BadgeAwarded& e = event.awarded();
      state.exists = true;
      state.network_id = e.network_id();
      state.person_id = e.person_id();
      state.awards[e.award_id()].awarded = e;
      if (e.level_badge()) ++state.level_awards[e.level()];
      if (ApplicationState* a = application(e.application_id())) {
        a->status = v1::APPLICATION_STATUS_ACCEPTED;
      }
      break;
    }
    case v1::BadgeHolderEvent::kRevoked: {
      auto it = state.awards.find(event.revoked().award_id());
      if (it != state.awards.end()) it->second.revoked = true;
      break;
    }
    case v1::BadgeHolderEvent::EVENT_NOT_SET:
      break;
  }
  return state;
}

}  // namespace tutornet::badges
