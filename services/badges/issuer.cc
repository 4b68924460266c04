#include "services/badges/issuer.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/badges/credentials/status_list.h"
#include "services/badges/read_model.h"
#include "services/registry/context.h"
#include "services/registry/read_model.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::badges {
namespace {

using nlohmann::json;

absl::Status NoSuch(absl::string_view what, absl::string_view id) {
  return absl::NotFoundError(absl::StrCat("no ", what, " \"", id, "\""));
}

// "level-<n>" for n = 1..3.
std::optional<v1::CompetenceLevel> LevelOf(absl::string_view achievement_id) {
  int n = 0;
  if (!absl::ConsumePrefix(&achievement_id, kLevelBadgePrefix) ||
      !absl::SimpleAtoi(achievement_id, &n) || n < 1 || n > 3 ||
      absl::StrCat(n) != achievement_id) {
    return std::nullopt;
  }
  return static_cast<v1::CompetenceLevel>(n);
}

}  // namespace

BadgeIssuer::BadgeIssuer(credentials::RsaSigningKey key,
                         credentials::IssuerSite site,
                         const storage::EventLog& people_log)
    : key_(std::move(key)), site_(std::move(site)), people_log_(people_log) {}

absl::StatusOr<credentials::Issuer> BadgeIssuer::IssuerOf(
    const projections::RowReader& registry,
    const std::string& network_id) const {
  RETURN_IF_ERROR(values::ValidateId("network_id", network_id));
  ASSIGN_OR_RETURN(v1::ListNetworksResponse networks,
                   registry::ListNetworks(registry, network_id));
  if (networks.networks_size() != 1) return NoSuch("network", network_id);
  return credentials::Issuer{network_id, networks.networks(0).name()};
}

absl::StatusOr<std::string> BadgeIssuer::EmailOf(
    const std::string& person_id) const {
  absl::StatusOr<v1::Person> person =
      registry::GetPerson(people_log_, person_id);
  if (absl::IsNotFound(person.status()) ||
      (person.ok() && person->email().empty())) {
    return absl::FailedPreconditionError(
        absl::StrCat(person_id,
                     " has no e-mail on record (RecordPerson); a badge names "
                     "its recipient by a hash of it"));
  }
  if (!person.ok()) return person.status();
  return person->email();
}

absl::StatusOr<v1::BadgeClass> BadgeIssuer::AchievementClass(
    const projections::RowReader& badges,
    const projections::RowReader& registry, const std::string& network_id,
    const std::string& achievement_id) const {
  RETURN_IF_ERROR(values::ValidateId("network_id", network_id));
  RETURN_IF_ERROR(values::ValidateId("achievement_id", achievement_id));
  if (std::optional<v1::CompetenceLevel> level = LevelOf(achievement_id)) {
    // The level badges are every network's, and only a network's.
    ASSIGN_OR_RETURN(bool known, registry::NetworkKnown(registry, network_id));
    if (!known) return NoSuch("network", network_id);
    return credentials::LevelBadgeClass(*level);
  }
  ASSIGN_OR_RETURN(std::optional<v1::BadgeClassView> view,
                   PublicClass(badges, network_id, achievement_id));
  if (!view.has_value()) return NoSuch("badge class", achievement_id);
  return view->badge_class();
}

absl::StatusOr<v1::Credential> BadgeIssuer::Credential(
    const projections::RowReader& badges,
    const projections::RowReader& registry, const access::Principal& p,
    const v1::GetCredentialRequest& request) const {
  ASSIGN_OR_RETURN(AwardAndClass award,
                   GetAwardForCredential(badges, p, request));
  if (award.award.revoked()) {
    return absl::FailedPreconditionError(
        absl::StrCat("award \"", request.award_id(),
                     "\" is revoked: ", award.award.revoke_reason()));
  }
  ASSIGN_OR_RETURN(credentials::Issuer issuer,
                   IssuerOf(registry, request.network_id()));
  ASSIGN_OR_RETURN(std::string email, EmailOf(request.person_id()));
  const json payload = credentials::Ob3Credential(
      site_, issuer, credentials::AchievementOf(award.award, award.badge_class),
      award.award, email, request.language());
  v1::Credential out;
  out.set_jwt(credentials::SignCompactJws(
      key_, credentials::JoseHeader(site_, key_), payload));
  out.set_credential_json(payload.dump(2));
  out.set_jwks_url(credentials::JwksUrl(site_));
  out.set_revocation_list_url(
      credentials::StatusListUrl(site_, request.network_id()));
  out.set_ob2_assertion_url(credentials::Ob2AssertionUrl(site_, award.award));
  return out;
}

absl::StatusOr<json> BadgeIssuer::Profile(
    const projections::RowReader& registry, const std::string& network_id,
    int version, v1::Language language) const {
  ASSIGN_OR_RETURN(credentials::Issuer issuer, IssuerOf(registry, network_id));
  return version == 2 ? credentials::Ob2Issuer(site_, issuer, language)
                      : credentials::Ob3Profile(site_, issuer, language);
}

absl::StatusOr<json> BadgeIssuer::Achievement(
    const projections::RowReader& badges,
    const projections::RowReader& registry, const std::string& network_id,
    const std::string& achievement_id, int version,
    v1::Language language) const {
  ASSIGN_OR_RETURN(
      v1::BadgeClass c,
      AchievementClass(badges, registry, network_id, achievement_id));
  if (version == 2) {
    return credentials::Ob2BadgeClass(site_, network_id, c, language);
  }
  json out = credentials::Ob3Achievement(site_, network_id, c, language);
  out["@context"] =
      json::array({credentials::kVcContext, credentials::kOb3Context});
  return out;
}

absl::StatusOr<std::string> BadgeIssuer::Image(
    const projections::RowReader& badges,
    const projections::RowReader& registry, const std::string& network_id,
    const std::string& achievement_id, v1::Language language) const {
  ASSIGN_OR_RETURN(
      v1::BadgeClass c,
      AchievementClass(badges, registry, network_id, achievement_id));
  return credentials::BadgeSvg(c, language);
}

absl::StatusOr<std::string> BadgeIssuer::StatusList(
    const projections::RowReader& badges,
    const projections::RowReader& registry, const std::string& network_id,
    absl::Time now) const {
  ASSIGN_OR_RETURN(credentials::Issuer issuer, IssuerOf(registry, network_id));
  ASSIGN_OR_RETURN(std::vector<v1::Award> revoked,
                   RevokedAwards(badges, network_id));
  std::set<uint64_t> bits;
  for (const v1::Award& a : revoked) bits.insert(a.position());
  ASSIGN_OR_RETURN(std::string encoded, credentials::EncodeStatusList(bits, 0));
  return credentials::SignCompactJws(
      key_, credentials::JoseHeader(site_, key_),
      credentials::StatusListCredential(site_, issuer, encoded, now));
}

absl::StatusOr<BadgeIssuer::HostedAssertion> BadgeIssuer::Assertion(
    const projections::RowReader& badges, const std::string& network_id,
    const std::string& person_id, const std::string& award_id,
    const std::string& tag) const {
  // Before anything is looked up: a wrong tag learns nothing.
  if (!credentials::Ob2AssertionTagValid(site_, network_id, person_id, award_id,
                                         tag)) {
    return absl::NotFoundError("no such assertion");
  }
  ASSIGN_OR_RETURN(std::optional<v1::Award> award,
                   PublicAward(badges, network_id, person_id, award_id));
  if (!award.has_value()) return absl::NotFoundError("no such assertion");
  if (award->revoked()) {
    return HostedAssertion{true, credentials::Ob2Revoked(site_, *award)};
  }
  ASSIGN_OR_RETURN(std::string email, EmailOf(person_id));
  return HostedAssertion{false,
                         credentials::Ob2Assertion(site_, *award, email)};
}

json BadgeIssuer::Jwks() const { return credentials::Jwks(site_, key_); }

absl::StatusOr<json> BadgeIssuer::Key(const std::string& thumbprint) const {
  if (thumbprint != key_.Thumbprint()) return NoSuch("key", "that");
  return credentials::PublicKeyJwk(site_, key_);
}

}  // namespace tutornet::badges
