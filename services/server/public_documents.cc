#include "services/server/public_documents.h"

#include <httplib.h>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"

namespace tutornet::server {
namespace {

using nlohmann::json;

constexpr char kId[] = "([a-z0-9][a-z0-9-]{0,63})";
constexpr size_t kHttpThreads = 32;

v1::Language LanguageOf(const httplib::Request& req) {
  std::string lang = req.get_param_value("lang");
  if (lang.empty()) {
    // The first tag of Accept-Language that we have.
    lang = req.get_header_value("Accept-Language").substr(0, 2);
  }
  if (lang == "sv") return v1::LANGUAGE_SV;
  if (lang == "en") return v1::LANGUAGE_EN;
  return v1::LANGUAGE_FI;
}

int HttpStatus(const absl::Status& s) {
  switch (s.code()) {
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kInvalidArgument:
      return 400;
    case absl::StatusCode::kFailedPrecondition:
      return 409;
    default:
      return 500;
  }
}

void Error(httplib::Response& res, const absl::Status& s) {
  res.status = HttpStatus(s);
  // Internal errors say nothing of the inside to the public.
  const std::string message = res.status == 500 ? std::string("internal error")
                                                : std::string(s.message());
  res.set_content(json{{"error", message}}.dump(), "application/json");
}

// OB 2.0: JSON-LD unless the client asks only for JSON.
const char* Ob2Type(const httplib::Request& req) {
  const std::string accept = req.get_header_value("Accept");
  return absl::StrContains(accept, "application/json") &&
                 !absl::StrContains(accept, "ld+json")
             ? "application/json"
             : "application/ld+json";
}

}  // namespace

PublicDocuments::PublicDocuments()
    : http_(std::make_unique<httplib::Server>()) {}

absl::StatusOr<std::unique_ptr<PublicDocuments>> PublicDocuments::Bind(
    const std::string& listen) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 ||
      port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("http_listen: \"", listen, "\" is not host:port"));
  }
  const std::string host = listen.substr(0, colon);
  auto docs = std::unique_ptr<PublicDocuments>(new PublicDocuments());
  docs->host_ = host;
  // Public and unauthenticated: slow or greedy clients must not hold the
  // documents verifiers need. Short timeouts, few requests per connection,
  // more workers than cpp-httplib's default, no multi-range answers
  // (deployments put a TLS proxy in front as well, deploy/).
  docs->http_->new_task_queue = [] {
    return new httplib::ThreadPool(kHttpThreads);
  };
  docs->http_->set_read_timeout(2, 0);
  docs->http_->set_write_timeout(5, 0);
  docs->http_->set_keep_alive_timeout(2);
  docs->http_->set_keep_alive_max_count(20);
  docs->http_->set_payload_max_length(4096);
  docs->http_->set_pre_routing_handler(
      [](const httplib::Request& req, httplib::Response& res) {
        if (req.ranges.size() > 1) {
          res.status = 416;
          return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
      });
  docs->port_ = port == 0 ? docs->http_->bind_to_any_port(host)
                          : (docs->http_->bind_to_port(host, port) ? port : -1);
  if (docs->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for HTTP on ", listen));
  }
  return docs;
}

void PublicDocuments::Serve(const badges::BadgeIssuer& issuer,
                            const projections::Projector& badges_view,
                            const projections::Projector& registry_view) {
  issuer_ = &issuer;
  badges_view_ = &badges_view;
  registry_view_ = &registry_view;
  Route();
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  // httplib's stop() does nothing before the listener runs: wait for it
  // (bounded), or a quick shutdown would leave the thread in accept().
  for (int i = 0; i < 5000 && !http_->is_running(); ++i) {
    absl::SleepFor(absl::Milliseconds(1));
  }
}

std::string PublicDocuments::url() const {
  return absl::StrCat("http://", host_, ":", port_);
}

PublicDocuments::~PublicDocuments() {
  http_->stop();
  if (thread_.joinable()) thread_.join();
}

void PublicDocuments::AddJsonMethods(JsonMethods methods) {
  for (auto& [route, method] : methods)
    json_methods_[route] = std::move(method);
}

void PublicDocuments::Route() {
  // The JSON API answers its own errors (a body too large, a bad request
  // line) as JSON too.
  http_->set_error_handler(
      [](const httplib::Request& req, httplib::Response& res) {
        if (!absl::StartsWith(req.path, "/v1/") || !res.body.empty()) return;
        absl::Status status = absl::InternalError("internal error");
        switch (res.status) {
          case 400:
            status = absl::InvalidArgumentError("the request is malformed");
            break;
          case 404:
            status = absl::NotFoundError(absl::StrCat("no method ", req.path));
            break;
          case 413:
            status = absl::ResourceExhaustedError(
                "the request body is larger than 4096 bytes");
            break;
          default:
            break;
        }
        res.set_content(JsonError(status), "application/json");
      });
  for (const auto& [route, method] : json_methods_) {
    const std::string pattern = absl::StrReplaceAll(route, {{".", "\\."}});
    auto only_post = [](const httplib::Request&, httplib::Response& res) {
      res.status = 405;
      res.set_header("Allow", "POST");
      res.set_content(
          JsonError(absl::UnimplementedError("this method is called by POST")),
          "application/json");
    };
    http_->Get(pattern, only_post);
    http_->Put(pattern, only_post);
    http_->Delete(pattern, only_post);
    http_->Patch(pattern, only_post);
    http_->Post(pattern, [call = method](const httplib::Request& req,
                                         httplib::Response& res) {
      absl::StatusOr<std::string> out =
          call(req.get_header_value("Authorization"), req.body);
      res.set_header("Cache-Control", "no-store");
      if (!out.ok()) {
        res.status = JsonErrorStatus(out.status());
        res.set_content(JsonError(out.status()), "application/json");
        return;
      }
      res.status = 200;
      res.set_content(*out, "application/json");
    });
  }
  using httplib::Request;
  using httplib::Response;
  // Every answer: public, readable from any origin, cached briefly.
  auto reply = [](Response& res, const absl::StatusOr<json>& doc,
                  const char* type, int status = 200,
                  const char* cache = "public, max-age=60") {
    if (!doc.ok()) return Error(res, doc.status());
    res.status = status;
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Cache-Control", cache);
    res.set_content(doc->dump(2), type);
  };
  auto badges = [this] { return badges_view_->store(); };
  auto registry = [this] { return registry_view_->store(); };
  const badges::BadgeIssuer& issuer = *issuer_;

  http_->Get(absl::StrCat("/ob/v3/issuers/", kId),
             [=, &issuer](const Request& req, Response& res) {
               reply(res,
                     issuer.Profile(*registry()->Read(), req.matches[1], 3,
                                    LanguageOf(req)),
                     "application/json");
             });
  http_->Get(absl::StrCat("/ob/v2/issuers/", kId),
             [=, &issuer](const Request& req, Response& res) {
               reply(res,
                     issuer.Profile(*registry()->Read(), req.matches[1], 2,
                                    LanguageOf(req)),
                     Ob2Type(req));
             });
  http_->Get(absl::StrCat("/ob/v3/achievements/", kId, "/", kId),
             [=, &issuer](const Request& req, Response& res) {
               reply(res,
                     issuer.Achievement(*badges()->Read(), *registry()->Read(),
                                        req.matches[1], req.matches[2], 3,
                                        LanguageOf(req)),
                     "application/json");
             });
  http_->Get(absl::StrCat("/ob/v2/badges/", kId, "/", kId),
             [=, &issuer](const Request& req, Response& res) {
               reply(res,
                     issuer.Achievement(*badges()->Read(), *registry()->Read(),
                                        req.matches[1], req.matches[2], 2,
                                        LanguageOf(req)),
                     Ob2Type(req));
             });
  http_->Get("/ob/v3/jwks", [=, &issuer](const Request&, Response& res) {
    reply(res, issuer.Jwks(), "application/jwk-set+json");
  });
  http_->Get("/ob/v3/keys/([A-Za-z0-9_-]{43})",
             [=, &issuer](const Request& req, Response& res) {
               reply(res, issuer.Key(req.matches[1]), "application/jwk+json");
             });
  http_->Get(absl::StrCat("/ob/v3/status/", kId),
             [=, &issuer](const Request& req, Response& res) {
               absl::StatusOr<std::string> list =
                   issuer.StatusList(*badges()->Read(), *registry()->Read(),
                                     req.matches[1], absl::Now());
               if (!list.ok()) return Error(res, list.status());
               res.set_header("Access-Control-Allow-Origin", "*");
               // A revocation must reach verifiers at once.
               res.set_header("Cache-Control", "no-cache");
               res.set_content(*list, "application/vc+jwt");
             });
  http_->Get(absl::StrCat("/ob/v2/assertions/", kId, "/", kId, "/", kId,
                          "/([A-Za-z0-9_-]{22})"),
             [=, &issuer](const Request& req, Response& res) {
               absl::StatusOr<badges::BadgeIssuer::HostedAssertion> a =
                   issuer.Assertion(*badges()->Read(), req.matches[1],
                                    req.matches[2], req.matches[3],
                                    req.matches[4]);
               if (!a.ok()) return Error(res, a.status());
               // OB 2.0: a revoked hosted assertion answers 410 Gone.
               reply(res, a->body, Ob2Type(req), a->revoked ? 410 : 200,
                     a->revoked ? "no-cache" : "public, max-age=60");
             });
  http_->Get(absl::StrCat("/ob/images/", kId, "/", kId, "\\.svg"),
             [=, &issuer](const Request& req, Response& res) {
               absl::StatusOr<std::string> svg = issuer.Image(
                   *badges()->Read(), *registry()->Read(), req.matches[1],
                   req.matches[2], LanguageOf(req));
               if (!svg.ok()) return Error(res, svg.status());
               res.set_header("Access-Control-Allow-Origin", "*");
               res.set_content(*svg, "image/svg+xml");
             });
}

}  // namespace tutornet::server
