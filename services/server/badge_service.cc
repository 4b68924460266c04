#include "services/server/badge_service.h"

#include "absl/time/clock.h"
#include "services/badges/read_model.h"

namespace tutornet::server {

using projections::RowReader;

BadgeServiceImpl::BadgeServiceImpl(ServerCore& core, badges::Badges& badges,
                                   const badges::BadgeIssuer& issuer,
                                   const projections::Projector& registry_view,
                                   const projections::Projector& badges_view)
    : DeclaredService(AuthenticatorOf(core)),
      core_(core),
      badges_(badges),
      issuer_(issuer),
      registry_view_(registry_view),
      badges_view_(badges_view) {
  using K = v1::BadgeCatalogCommand;
  using H = v1::BadgeHolderCommand;
  using v1::CommandResult;
  auto command = [this](auto field) {
    return [this, field](const Rpc& rpc, const auto* req, CommandResult* res) {
      return Run(rpc, req->header(), field, req->command(), res);
    };
  };
  // A query reading the badges rows only.
  auto query = [this](auto read) {
    return [this, read](const Rpc& rpc, const auto* req, auto* res) {
      return Query(
          rpc, req, res,
          [read](const RowReader& rows, const RowReader&, const Principal& p,
                 const auto& r) { return read(rows, p, r); });
    };
  };
  Unary<v1::DefineBadgeClassRequest, CommandResult>(
      "DefineBadgeClass", command(&K::mutable_define));
  Unary<v1::NameReviewersRequest, CommandResult>(
      "NameReviewers", command(&K::mutable_name_reviewers));
  Unary<v1::RetireBadgeClassRequest, CommandResult>(
      "RetireBadgeClass", command(&K::mutable_retire));
  Unary<v1::ApplyForBadgeRequest, CommandResult>("ApplyForBadge",
                                                 command(&H::mutable_apply));
  Unary<v1::RecogniseApplicationRequest, CommandResult>(
      "RecogniseApplication", command(&H::mutable_recognise));
  Unary<v1::ReviewApplicationRequest, CommandResult>(
      "ReviewApplication", command(&H::mutable_review));
  Unary<v1::ReviseApplicationRequest, CommandResult>(
      "ReviseApplication", command(&H::mutable_revise));
  Unary<v1::ImportAwardRequest, CommandResult>(
      "ImportAward", command(&H::mutable_import_award));
  Unary<v1::RevokeAwardRequest, CommandResult>("RevokeAward",
                                               command(&H::mutable_revoke));

  Unary<v1::ListBadgeClassesRequest, v1::ListBadgeClassesResponse>(
      "ListBadgeClasses", query(&badges::ListBadgeClasses));
  Unary<v1::ListPersonBadgesRequest, v1::PersonBadges>(
      "ListPersonBadges", query(&badges::ListPersonBadges));
  Unary<v1::GetCredentialRequest, v1::Credential>(
      "GetCredential", [this](const Rpc& rpc, const auto* req, auto* res) {
        return Query(
            rpc, req, res,
            [this](const RowReader& rows, const RowReader& registry,
                   const Principal& p, const v1::GetCredentialRequest& r) {
              return issuer_.Credential(rows, registry, p, r);
            });
      });
  Unary<v1::ListReviewQueueRequest, v1::ReviewQueue>(
      "ListReviewQueue", query(&badges::ListReviewQueue));
  Unary<v1::ListHoldersRequest, v1::Holders>(
      "ListHolders", query([](const RowReader& rows, const Principal& p,
                              const v1::ListHoldersRequest& r) {
        return badges::ListHolders(rows, p, r, absl::Now());
      }));
  Unary<v1::GetBadgeFiguresRequest, v1::BadgeFigures>(
      "GetBadgeFigures", [this](const Rpc& rpc, const auto* req, auto* res) {
        return Query(
            rpc, req, res,
            [](const RowReader& rows, const RowReader& registry,
               const Principal& p, const v1::GetBadgeFiguresRequest& r) {
              return badges::GetBadgeFigures(rows, registry, p, r, absl::Now());
            });
      });
}

template <typename Command, typename C>
grpc::ServerUnaryReactor* BadgeServiceImpl::Run(const Rpc& rpc,
                                                const v1::RequestHeader& header,
                                                C* (Command::*field)(),
                                                const C& command,
                                                v1::CommandResult* res) {
  // The rules read the registry's view: wait for the header's tokens.
  return ServeCommandCase(
      core_, rpc, header, {&registry_view_}, badges::kBadgesLog, field, command,
      [this](const Command& c, const v1::RequestHeader& h, const Principal& p) {
        return badges_.Run(c, h, p);
      },
      res);
}

template <typename Request, typename Response, typename Read>
grpc::ServerUnaryReactor* BadgeServiceImpl::Query(const Rpc& rpc,
                                                  const Request* req,
                                                  Response* res, Read read) {
  return ServeViewQuery(core_, rpc, badges_view_, registry_view_, req, res,
                        read);
}

}  // namespace tutornet::server
