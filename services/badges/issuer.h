// The badge issuer: turns the badges read model into Open Badges
// documents (credentials/open_badges.h) signed with the issuer's key.
// The recipient's e-mail comes from the people log at the moment a
// document is made and is only ever written hashed.
//
// Used by the gRPC GetCredential (with a caller) and by the public HTTP
// documents (without one: issuer profiles, achievements, keys, status
// lists, OB 2.0 assertions). Errors: NOT_FOUND for what does not exist;
// FAILED_PRECONDITION when the person has no e-mail on record.
//
// Immutable; thread-safe. Requires: the people log outlives it.
#ifndef TUTORNET_SERVICES_BADGES_ISSUER_H_
#define TUTORNET_SERVICES_BADGES_ISSUER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "services/access/principal.h"
#include "services/badges/credentials/jose.h"
#include "services/badges/credentials/open_badges.h"
#include "services/projections/row_store.h"
#include "storage/event_log.h"
#include "tutornet/v1/badges_service.pb.h"

namespace tutornet::badges {

class BadgeIssuer {
 public:
  BadgeIssuer(credentials::RsaSigningKey key, credentials::IssuerSite site,
              const storage::EventLog& people_log);

  const credentials::IssuerSite& site() const { return site_; }

  // An award's OpenBadgeCredential as a VC-JWT, for a caller who may read
  // the person's badges.
  absl::StatusOr<v1::Credential> Credential(
      const projections::RowReader& badges,
      const projections::RowReader& registry, const access::Principal& p,
      const v1::GetCredentialRequest& request) const;

  // ---- Public documents (no caller) ----
  // `version` is 2 or 3 (Open Badges 2.0 or 3.0).
  absl::StatusOr<nlohmann::json> Profile(const projections::RowReader& registry,
                                         const std::string& network_id,
                                         int version,
                                         v1::Language language) const;
  // `achievement_id`: a class id or "level-<n>".
  absl::StatusOr<nlohmann::json> Achievement(
      const projections::RowReader& badges,
      const projections::RowReader& registry, const std::string& network_id,
      const std::string& achievement_id, int version,
      v1::Language language) const;
  absl::StatusOr<std::string> Image(const projections::RowReader& badges,
                                    const projections::RowReader& registry,
                                    const std::string& network_id,
                                    const std::string& achievement_id,
                                    v1::Language language) const;
  // The network's BitstringStatusListCredential as a VC-JWT: every
  // revoked award's bit on.
  absl::StatusOr<std::string> StatusList(const projections::RowReader& badges,
                                         const projections::RowReader& registry,
                                         const std::string& network_id,
                                         absl::Time now) const;
  // An OB 2.0 hosted assertion; `revoked` when it must answer 410 Gone.
  // NOT_FOUND, saying nothing more, unless `tag` is the award's (its URL
  // is unguessable: no one can list who holds what).
  struct HostedAssertion {
    bool revoked = false;
    nlohmann::json body;
  };
  absl::StatusOr<HostedAssertion> Assertion(
      const projections::RowReader& badges, const std::string& network_id,
      const std::string& person_id, const std::string& award_id,
      const std::string& tag) const;
  nlohmann::json Jwks() const;
  // The public key whose thumbprint is `thumbprint` (the kid's last part).
  absl::StatusOr<nlohmann::json> Key(const std::string& thumbprint) const;

 private:
  absl::StatusOr<credentials::Issuer> IssuerOf(
      const projections::RowReader& registry,
      const std::string& network_id) const;
  absl::StatusOr<std::string> EmailOf(const std::string& person_id) const;
  absl::StatusOr<v1::BadgeClass> AchievementClass(
      const projections::RowReader& badges,
      const projections::RowReader& registry, const std::string& network_id,
      const std::string& achievement_id) const;

  credentials::RsaSigningKey key_;
  credentials::IssuerSite site_;
  const storage::EventLog& people_log_;
};

}  // namespace tutornet::badges

#endif  // TUTORNET_SERVICES_BADGES_ISSUER_H_
