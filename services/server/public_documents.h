// The public Open Badges documents over HTTP (cpp-httplib), with no
// token: what a verifier or a badge platform fetches. docs/BADGES.md.
// The same listener serves the JSON API's read calls, with tokens
// (json_api.h, AddJsonMethods).
//
//   GET /ob/v3/issuers/<network>                    issuer Profile
//   GET /ob/v3/achievements/<network>/<id>          Achievement
//   GET /ob/v3/jwks                                  the issuer's keys (JWKS)
//   GET /ob/v3/keys/<thumbprint>                     one key (the JWT's kid)
//   GET /ob/v3/status/<network>                      revocation status list
//                                                    (VC-JWT)
//   GET /ob/v2/issuers/<network>                     OB 2.0 Issuer
//   GET /ob/v2/badges/<network>/<id>                 OB 2.0 BadgeClass
//   GET /ob/v2/assertions/<network>/<person>/<award> OB 2.0 Assertion (410
//                                                    Gone when revoked)
//   GET /ob/images/<network>/<id>.svg                a class's default image
//
// <id> is a badge class id or "level-1".."level-3". ?lang=fi|sv|en picks
// the text (default: Accept-Language, then fi). Reads the views as they
// are (no position tokens); answers 404 for what does not exist, 400 for
// a malformed path, 409 when the recipient has no e-mail on record.
//
// Thread-safe. Requires: the issuer and views outlive it.
#ifndef TUTORNET_SERVICES_SERVER_PUBLIC_DOCUMENTS_H_
#define TUTORNET_SERVICES_SERVER_PUBLIC_DOCUMENTS_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "services/badges/issuer.h"
#include "services/projections/projector.h"
#include "services/server/json_api.h"

namespace httplib {
class Server;
}

namespace tutornet::server {

class PublicDocuments {
 public:
  // Binds `listen` (host:port; port 0 picks one), so that the issuer's
  // URLs can name the port before anything is served. INVALID_ARGUMENT
  // for a malformed address; UNAVAILABLE if it cannot bind.
  static absl::StatusOr<std::unique_ptr<PublicDocuments>> Bind(
      const std::string& listen);
  ~PublicDocuments();  // Stops listening, finishes requests in flight.

  // Starts answering, once. Requires: everything passed outlives this.
  void Serve(const badges::BadgeIssuer& issuer,
             const projections::Projector& badges_view,
             const projections::Projector& registry_view);

  // Adds authenticated JSON routes (json_api.h) to what Serve answers;
  // call before Serve.
  void AddJsonMethods(JsonMethods methods);

  int port() const { return port_; }
  // "http://<host>:<port>".
  std::string url() const;

 private:
  PublicDocuments();
  void Route();

  const badges::BadgeIssuer* issuer_ = nullptr;
  const projections::Projector* badges_view_ = nullptr;
  const projections::Projector* registry_view_ = nullptr;
  JsonMethods json_methods_;
  std::string host_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace tutornet::server

#endif  // TUTORNET_SERVICES_SERVER_PUBLIC_DOCUMENTS_H_
