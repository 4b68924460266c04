#include "tools/tutornetctl/badge_client.h"

#include <cstdio>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "tools/tutornetctl/calls.h"
#include "tools/tutornetctl/convert.h"

namespace tutornet::ctl {
namespace {

using S = v1::BadgeService::Stub;

template <typename Request>
int Send(Client& c,
         grpc::Status (S::*method)(grpc::ClientContext*, const Request&,
                                   v1::CommandResult*),
         Request& req) {
  return SendCommand(c, c.badges(), method, req);
}

template <typename Request, typename Response>
int Query(Client& c,
          grpc::Status (S::*method)(grpc::ClientContext*, const Request&,
                                    Response*),
          const Request& req, void (*table)(const Response&)) {
  return RunQuery(c, c.badges(), method, req, table);
}

std::string Level(v1::CompetenceLevel level) {
  return Lower(v1::CompetenceLevel_Name(level), "COMPETENCE_LEVEL_");
}

void ClassesTable(const v1::ListBadgeClassesResponse& res) {
  Table t;
  t.Add({"CLASS", "LEVEL", "HOLDERS", "RECOGNITION", "NAME"});
  for (const v1::BadgeClassView& v : res.classes()) {
    const v1::BadgeClass& c = v.badge_class();
    std::string recognition = c.colleague_recognition() ? "colleague" : "";
    if (c.supervisor_recognition()) {
      absl::StrAppend(&recognition, recognition.empty() ? "" : "+",
                      "supervisor");
    }
    t.Add({c.class_id(), Level(c.level()), absl::StrCat(v.holders()),
           recognition.empty() ? "-" : recognition,
           v.retired() ? DisplayName(c.name()) + " (retired)"
                       : DisplayName(c.name())});
  }
  t.Print();
}

// The day of an RFC 3339 time in Finland (where the award was made).
std::string FinnishDate(const std::string& rfc3339) {
  absl::Time t;
  std::string error;
  absl::TimeZone helsinki;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error) ||
      !absl::LoadTimeZone("Europe/Helsinki", &helsinki)) {
    return rfc3339.substr(0, 10);
  }
  return absl::FormatTime("%Y-%m-%d", t, helsinki);
}

std::string What(const v1::Award& a) {
  return a.level_badge() ? absl::StrCat("level ", static_cast<int>(a.level()))
                         : a.class_id();
}

void AwardsTable(const google::protobuf::RepeatedPtrField<v1::Award>& awards) {
  Table t;
  t.Add({"AWARD", "PERSON", "BADGE", "LEVEL", "SCHOOL", "ISSUED", "STATUS"});
  for (const v1::Award& a : awards) {
    t.Add(
        {a.award_id(), a.person_id(), What(a), Level(a.level()), a.school_id(),
         FinnishDate(a.issued_at()),
         a.revoked() ? absl::StrCat("revoked: ", a.revoke_reason()) : "held"});
  }
  t.Print();
}

void ApplicationsTable(
    const google::protobuf::RepeatedPtrField<v1::Application>& apps) {
  Table t;
  t.Add({"APPLICATION", "PERSON", "CLASS", "SCHOOL", "STATUS", "RECOGNISED",
         "LAST REVIEW"});
  for (const v1::Application& a : apps) {
    std::string recognised;
    for (const v1::Recognition& r : a.recognitions()) {
      absl::StrAppend(
          &recognised, recognised.empty() ? "" : ", ",
          Lower(v1::RecognitionKind_Name(r.kind()), "RECOGNITION_KIND_"), " ",
          r.recogniser_id());
    }
    const std::string review =
        a.reviews().empty()
            ? ""
            : absl::StrCat(a.reviews().rbegin()->reviewer_id(), ": ",
                           a.reviews().rbegin()->comment());
    t.Add({a.application_id(), a.person_id(), a.class_id(), a.school_id(),
           Lower(v1::ApplicationStatus_Name(a.status()), "APPLICATION_STATUS_"),
           recognised.empty() ? "-" : recognised, review});
  }
  t.Print();
}

void PersonTable(const v1::PersonBadges& res) {
  AwardsTable(res.awards());
  if (!res.applications().empty()) {
    std::printf("\n");
    ApplicationsTable(res.applications());
  }
}

void QueueTable(const v1::ReviewQueue& res) {
  ApplicationsTable(res.applications());
}

void HoldersTable(const v1::Holders& res) { AwardsTable(res.awards()); }

void FiguresTable(const v1::BadgeFigures& f) {
  std::printf(
      "school year %d-%02d: %d schools (%d without a staff count), "
      "%d permanent teachers; %d people hold %d badges\n",
      f.school_year(), (f.school_year() + 1) % 100, f.schools(),
      f.schools_without_staff(), f.permanent_teachers(), f.people_with_badges(),
      f.awards());
  Table t;
  t.Add({"LEVEL", "HOLDERS", "SHARE", "TARGET", "GAP", "TO TARGET"});
  for (const v1::LevelFigures& l : f.levels()) {
    t.Add({Level(l.level()), absl::StrCat(l.holders()),
           absl::StrFormat("%.1f %%", l.share_percent()),
           absl::StrCat(l.target_percent(), " %"),
           absl::StrFormat("%.1f %%", l.gap_percent()),
           absl::StrCat(l.people_to_target())});
  }
  t.Print();
}

v1::Evidence Evidence(const std::string& narrative, const std::string& url) {
  v1::Evidence e;
  e.set_narrative(narrative);
  e.set_url(url);
  return e;
}

}  // namespace

int DefineBadgeClass(Client& c, const std::string& file) {
  return SendCommandFromFile(c, c.badges(), &S::DefineBadgeClass, file);
}

int RetireBadgeClass(Client& c, const std::string& network,
                     const std::string& class_id, const std::string& reason) {
  v1::RetireBadgeClassRequest req;
  req.mutable_command()->set_network_id(network);
  req.mutable_command()->set_class_id(class_id);
  req.mutable_command()->set_reason(reason);
  return Send(c, &S::RetireBadgeClass, req);
}

int NameReviewers(Client& c, const std::string& network,
                  const std::string& class_id,
                  const std::vector<std::string>& reviewers) {
  v1::NameReviewersRequest req;
  req.mutable_command()->set_network_id(network);
  req.mutable_command()->set_class_id(class_id);
  for (const std::string& r : reviewers)
    req.mutable_command()->add_reviewer_ids(r);
  return Send(c, &S::NameReviewers, req);
}

int ApplyForBadge(Client& c, const std::string& network,
                  const std::string& person, const std::string& application,
                  const std::string& class_id, const std::string& school,
                  const std::string& narrative, const std::string& url) {
  v1::ApplyForBadgeRequest req;
  v1::ApplyForBadge& a = *req.mutable_command();
  a.set_network_id(network);
  a.set_person_id(person);
  a.set_application_id(application);
  a.set_class_id(class_id);
  a.set_school_id(school);
  *a.add_evidence() = Evidence(narrative, url);
  return Send(c, &S::ApplyForBadge, req);
}

int RecogniseApplication(Client& c, const std::string& network,
                         const std::string& person,
                         const std::string& application,
                         const std::string& kind, const std::string& comment) {
  v1::RecogniseApplicationRequest req;
  v1::RecogniseApplication& r = *req.mutable_command();
  r.set_network_id(network);
  r.set_person_id(person);
  r.set_application_id(application);
  if (kind == "colleague") {
    r.set_kind(v1::RECOGNITION_KIND_COLLEAGUE);
  } else if (kind == "supervisor") {
    r.set_kind(v1::RECOGNITION_KIND_SUPERVISOR);
  } else {
    return BadArgument(
        absl::InvalidArgumentError("KIND: give colleague or supervisor"));
  }
  r.set_comment(comment);
  return Send(c, &S::RecogniseApplication, req);
}

int ReviewApplication(Client& c, const std::string& network,
                      const std::string& person, const std::string& application,
                      const std::string& outcome, const std::string& comment) {
  v1::ReviewApplicationRequest req;
  v1::ReviewApplication& r = *req.mutable_command();
  r.set_network_id(network);
  r.set_person_id(person);
  r.set_application_id(application);
  if (outcome == "accept") {
    r.set_outcome(v1::REVIEW_OUTCOME_ACCEPT);
  } else if (outcome == "return") {
    r.set_outcome(v1::REVIEW_OUTCOME_RETURN);
  } else if (outcome == "reject") {
    r.set_outcome(v1::REVIEW_OUTCOME_REJECT);
  } else {
    return BadArgument(
        absl::InvalidArgumentError("OUTCOME: give accept, return or reject"));
  }
  r.set_comment(comment);
  return Send(c, &S::ReviewApplication, req);
}

int ReviseApplication(Client& c, const std::string& network,
                      const std::string& person, const std::string& application,
                      const std::string& narrative, const std::string& url,
                      const std::string& note) {
  v1::ReviseApplicationRequest req;
  v1::ReviseApplication& r = *req.mutable_command();
  r.set_network_id(network);
  r.set_person_id(person);
  r.set_application_id(application);
  *r.add_evidence() = Evidence(narrative, url);
  r.set_note(note);
  return Send(c, &S::ReviseApplication, req);
}

int RevokeAward(Client& c, const std::string& network,
                const std::string& person, const std::string& award,
                const std::string& reason) {
  v1::RevokeAwardRequest req;
  v1::RevokeAward& r = *req.mutable_command();
  r.set_network_id(network);
  r.set_person_id(person);
  r.set_award_id(award);
  r.set_reason(reason);
  return Send(c, &S::RevokeAward, req);
}

absl::Status SendImportAward(Client& c, const std::string& request_id,
                             const std::string& network,
                             const std::vector<std::string>& f) {
  v1::ImportAwardRequest req;
  req.mutable_header()->set_request_id(request_id);
  v1::ImportAward& a = *req.mutable_command();
  a.set_network_id(network);
  a.set_person_id(f[0]);
  a.set_award_id(f[1]);
  a.set_class_id(f[2]);
  a.set_school_id(f[3]);
  absl::StatusOr<v1::Date> issued = ParseDate("issued_on", f[4]);
  if (!issued.ok()) return issued.status();
  *a.mutable_issued_on() = *issued;
  a.set_source(f[5]);
  v1::CommandResult res;
  return FromGrpc(c.badges().ImportAward(c.Context().get(), req, &res));
}

int ListBadgeClasses(Client& c, const std::string& network, bool all) {
  v1::ListBadgeClassesRequest req;
  req.set_network_id(network);
  req.set_include_retired(all);
  return Query(c, &S::ListBadgeClasses, req, &ClassesTable);
}

int ListPersonBadges(Client& c, const std::string& network,
                     const std::string& person) {
  v1::ListPersonBadgesRequest req;
  req.set_network_id(network);
  req.set_person_id(person);
  return Query(c, &S::ListPersonBadges, req, &PersonTable);
}

int ListReviewQueue(Client& c, const std::string& network,
                    const std::string& class_id) {
  v1::ListReviewQueueRequest req;
  req.set_network_id(network);
  req.set_class_id(class_id);
  return Query(c, &S::ListReviewQueue, req, &QueueTable);
}

int ListHolders(Client& c, const std::string& network,
                const std::string& what) {
  v1::ListHoldersRequest req;
  req.set_network_id(network);
  int level = 0;
  if (absl::StartsWith(what, "level-") &&
      absl::SimpleAtoi(what.substr(6), &level)) {
    req.set_level(static_cast<v1::CompetenceLevel>(level));
  } else {
    req.set_class_id(what);
  }
  return Query(c, &S::ListHolders, req, &HoldersTable);
}

int ShowBadgeFigures(Client& c, const std::string& network,
                     const std::string& region, const std::string& municipality,
                     const std::string& school, const std::string& year) {
  v1::GetBadgeFiguresRequest req;
  req.set_network_id(network);
  req.set_region_id(region);
  req.set_municipality_id(municipality);
  req.set_school_id(school);
  int y = 0;
  if (!year.empty() && !absl::SimpleAtoi(year, &y)) {
    return BadArgument(absl::InvalidArgumentError(
        "--year: the school year by its autumn, e.g. 2026"));
  }
  req.set_school_year(y);
  return Query(c, &S::GetBadgeFigures, req, &FiguresTable);
}

int GetCredential(Client& c, const std::string& network,
                  const std::string& person, const std::string& award,
                  const std::string& language, const std::string& out) {
  v1::GetCredentialRequest req;
  req.set_network_id(network);
  req.set_person_id(person);
  req.set_award_id(award);
  if (language == "sv") req.set_language(v1::LANGUAGE_SV);
  if (language == "en") req.set_language(v1::LANGUAGE_EN);
  v1::Credential res;
  const grpc::Status s = c.badges().GetCredential(c.Context().get(), req, &res);
  if (!s.ok()) return Fail(FromGrpc(s));
  if (!out.empty()) {
    std::ofstream file(out);
    file << res.jwt() << "\n";
    if (!file) {
      return Fail(absl::FailedPreconditionError(
          absl::StrCat(out, ": cannot be written")));
    }
    std::printf("credential written to %s; keys at %s, status list at %s\n",
                out.c_str(), res.jwks_url().c_str(),
                res.revocation_list_url().c_str());
    return kExitOk;
  }
  if (!PrintedAsJson(res)) std::printf("%s\n", res.jwt().c_str());
  return kExitOk;
}

}  // namespace tutornet::ctl
