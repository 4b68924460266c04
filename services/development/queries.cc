// The development queries of plans, plan against actual, mapping rounds
// and training plans; the processes' queries are in process_queries.cc.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/development/decider.h"
#include "services/development/keys.h"
#include "services/development/query_support.h"
#include "services/registry/read_model.h"
#include "services/values/dates.h"
#include "services/values/text.h"
#include "status/status_macros.h"

namespace tutornet::development {
namespace {

using projections::ReadRow;
using projections::ScanRows;

// The approved version in force of a plan; nullptr when none.
const v1::ActivityPlanContent* InForce(const v1::ActivityPlan& plan) {
  for (const v1::ActivityPlanVersion& v : plan.versions()) {
    if (v.version() == plan.approved_version()) return &v.plan();
  }
  return nullptr;
}

// Whoever may read `plan`: the tutor, principals of its schools, the
// coordinators of its schools' regions, admins.
absl::Status AuthorizePlanRead(const QueryContext& q,
                               const v1::ActivityPlan& plan,
                               absl::string_view what) {
  const google::protobuf::RepeatedPtrField<std::string>& schools =
      plan.versions().empty()
          ? google::protobuf::RepeatedPtrField<std::string>()
          : plan.versions().rbegin()->plan().school_ids();
  ASSIGN_OR_RETURN(bool principal,
                   CallerIsPrincipalOfAny(q, plan.network_id(), schools));
  ASSIGN_OR_RETURN(std::vector<std::string> regions,
                   RegionsOf(q, plan.network_id(), schools));
  return AuthorizePersonalRead(q.caller, plan.network_id(), plan.person_id(),
                               principal, regions, what);
}

// The school year's months, August to July.
std::pair<std::string, std::string> SchoolYearMonths(int year) {
  return {MonthKey(year, 8), MonthKey(year + 1, 7)};
}

using Lines = std::map<std::pair<std::string, int>, v1::PlanLine>;

v1::PlanLine& LineOf(Lines& lines, const std::string& school, int kind) {
  v1::PlanLine& line = lines[{school, kind}];
  line.set_school_id(school);
  line.set_kind(static_cast<v1::WorkKind>(kind));
  return line;
}

void AddPlanned(Lines& lines, const v1::ActivityPlanContent& plan,
                const std::string& only_school) {
  for (const v1::PlannedWork& work : plan.activities()) {
    if (!only_school.empty() && work.school_id() != only_school) continue;
    v1::PlanLine& line = LineOf(lines, work.school_id(), work.kind());
    line.set_planned_minutes(line.planned_minutes() + work.planned_minutes());
  }
}

void Finish(Lines& lines, v1::PlanAgainstActual& out) {
  for (auto& [key, line] : lines) {
    out.set_planned_minutes(out.planned_minutes() + line.planned_minutes());
    out.set_actual_minutes(out.actual_minutes() + line.actual_minutes());
    *out.add_lines() = std::move(line);
  }
}

}  // namespace

absl::StatusOr<v1::Catalogue> GetCatalogue(const QueryContext& q,
                                           const v1::GetCatalogueRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  RETURN_IF_ERROR(
      AuthorizeNetworkRead(q.caller, r.network_id(), "read the catalogue"));
  ASSIGN_OR_RETURN(
      std::optional<v1::Catalogue> found,
      ReadRow<v1::Catalogue>(q.rows, absl::StrCat("cat/", r.network_id())));
  v1::Catalogue catalogue = found.value_or(v1::Catalogue());
  std::sort(
      catalogue.mutable_areas()->begin(), catalogue.mutable_areas()->end(),
      [](const auto& a, const auto& b) { return a.area_id() < b.area_id(); });
  std::sort(catalogue.mutable_methods()->begin(),
            catalogue.mutable_methods()->end(),
            [](const auto& a, const auto& b) {
              return a.method_id() < b.method_id();
            });
  return catalogue;
}

absl::StatusOr<v1::ActivityPlan> GetActivityPlan(
    const QueryContext& q, const v1::GetActivityPlanRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  RETURN_IF_ERROR(values::ValidateId("person_id", r.person_id()));
  RETURN_IF_ERROR(ValidateSchoolYear(r.school_year()));
  RETURN_IF_ERROR(
      access::RequireNetwork(q.caller, r.network_id(), "read activity plans"));
  ASSIGN_OR_RETURN(
      std::optional<v1::ActivityPlan> plan,
      ReadRow<v1::ActivityPlan>(
          q.rows, PlanKey(r.network_id(), r.school_year(), r.person_id())));
  if (!plan.has_value()) {
    return absl::NotFoundError(absl::StrCat(
        "no activity plan of ", r.person_id(), " for ", r.school_year()));
  }
  RETURN_IF_ERROR(AuthorizePlanRead(q, *plan, "read the activity plan"));
  ASSIGN_OR_RETURN(*plan->mutable_history(),
                   History(q.rows, PlanStreamName(r.network_id(), r.person_id(),
                                                  r.school_year())));
  return *std::move(plan);
}

absl::StatusOr<v1::ListActivityPlansResponse> ListActivityPlans(
    const QueryContext& q, const v1::ListActivityPlansRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  RETURN_IF_ERROR(ValidateSchoolYear(r.school_year()));
  std::vector<std::string> people;
  const std::string& net = r.network_id();
  if (!r.school_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("school_id", r.school_id()));
    ASSIGN_OR_RETURN(bool principal, CallerIsPrincipal(q, net, r.school_id()));
    google::protobuf::RepeatedPtrField<std::string> school;
    *school.Add() = r.school_id();
    ASSIGN_OR_RETURN(std::vector<std::string> regions,
                     RegionsOf(q, net, school));
    RETURN_IF_ERROR(AuthorizeSchoolRead(q.caller, net, regions[0], principal,
                                        /*aggregate=*/false,
                                        "list activity plans"));
    ASSIGN_OR_RETURN(
        people, projections::KeySuffixes(
                    q.rows, absl::StrCat("ps/", net, "/", r.school_year(), "/",
                                         r.school_id(), "/")));
  } else {
    RETURN_IF_ERROR(
        access::RequireNetwork(q.caller, net, "list activity plans"));
    if (!access::Coordinates(q.caller, net)) {
      return access::Denied(q.caller,
                            "list a network's activity plans; name a school");
    }
  }
  v1::ListActivityPlansResponse out;
  auto add = [&](const v1::ActivityPlan& plan) -> absl::Status {
    const google::protobuf::RepeatedPtrField<std::string>& schools =
        plan.versions().rbegin()->plan().school_ids();
    if (r.school_id().empty()) {
      ASSIGN_OR_RETURN(std::vector<std::string> regions,
                       RegionsOf(q, net, schools));
      if (!CoversAny(q.caller, net, regions)) return absl::OkStatus();
    }
    v1::ActivityPlanSummary& s = *out.add_plans();
    s.set_person_id(plan.person_id());
    *s.mutable_school_ids() = schools;
    s.set_status(plan.status());
    s.set_current_version(plan.current_version());
    s.set_approved_version(plan.approved_version());
    return absl::OkStatus();
  };
  absl::Status added;
  if (r.school_id().empty()) {
    std::vector<v1::ActivityPlan> plans;
    RETURN_IF_ERROR(ScanRows<v1::ActivityPlan>(
        q.rows, absl::StrCat("pl/", net, "/", r.school_year(), "/"),
        [&](absl::string_view, v1::ActivityPlan plan) {
          plans.push_back(std::move(plan));
        }));
    for (const v1::ActivityPlan& plan : plans) RETURN_IF_ERROR(add(plan));
    return out;
  }
  for (const std::string& person : people) {
    ASSIGN_OR_RETURN(std::optional<v1::ActivityPlan> plan,
                     ReadRow<v1::ActivityPlan>(
                         q.rows, PlanKey(net, r.school_year(), person)));
    if (!plan.has_value()) return projections::MissingRow(person);
    RETURN_IF_ERROR(add(*plan));
  }
  return out;
}

absl::StatusOr<v1::PlanAgainstActual> GetPlanAgainstActual(
    const QueryContext& q, const v1::GetPlanAgainstActualRequest& r) {
  const std::string& net = r.network_id();
  RETURN_IF_ERROR(values::ValidateId("network_id", net));
  RETURN_IF_ERROR(ValidateSchoolYear(r.school_year()));
  if (r.person_id().empty() == r.school_id().empty()) {
    return values::Invalid("person_id",
                           "give exactly one of person_id and "
                           "school_id");
  }
  RETURN_IF_ERROR(access::RequireNetwork(q.caller, net, "read plans"));
  v1::PlanAgainstActual out;
  out.set_network_id(net);
  out.set_school_year(r.school_year());
  out.set_person_id(r.person_id());
  out.set_school_id(r.school_id());
  const auto [first, last] = SchoolYearMonths(r.school_year());
  Lines lines;
  // A plan counts as approved where its version in force names the school
  // (any school, for a tutor's own figures).
  auto count_plan = [&](const v1::ActivityPlan& plan,
                        const std::string& only_school) {
    const v1::ActivityPlanContent* in_force = InForce(plan);
    const bool counted =
        in_force != nullptr &&
        (only_school.empty() ||
         std::find(in_force->school_ids().begin(), in_force->school_ids().end(),
                   only_school) != in_force->school_ids().end());
    if (!counted) {
      out.set_unapproved_plans(out.unapproved_plans() + 1);
      return;
    }
    out.set_approved_plans(out.approved_plans() + 1);
    AddPlanned(lines, *in_force, only_school);
  };
  if (!r.person_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("person_id", r.person_id()));
    ASSIGN_OR_RETURN(std::optional<v1::ActivityPlan> plan,
                     ReadRow<v1::ActivityPlan>(
                         q.rows, PlanKey(net, r.school_year(), r.person_id())));
    v1::ActivityPlan known = plan.value_or(v1::ActivityPlan());
    known.set_network_id(net);
    known.set_person_id(r.person_id());
    RETURN_IF_ERROR(AuthorizePlanRead(q, known, "read plan against actual"));
    if (plan.has_value()) count_plan(*plan, "");
    RETURN_IF_ERROR(ScanMinutes(
        q.hours, absl::StrCat("hm/", net, "/", r.person_id(), "/"), first, last,
        [&](absl::string_view school, int kind, int64_t minutes) {
          v1::PlanLine& line = LineOf(lines, std::string(school), kind);
          line.set_actual_minutes(line.actual_minutes() + minutes);
        }));
    Finish(lines, out);
    return out;
  }
  RETURN_IF_ERROR(values::ValidateId("school_id", r.school_id()));
  ASSIGN_OR_RETURN(bool principal, CallerIsPrincipal(q, net, r.school_id()));
  google::protobuf::RepeatedPtrField<std::string> school;
  *school.Add() = r.school_id();
  ASSIGN_OR_RETURN(std::vector<std::string> regions, RegionsOf(q, net, school));
  RETURN_IF_ERROR(AuthorizeSchoolRead(q.caller, net, regions[0], principal,
                                      /*aggregate=*/true,
                                      "read plan against actual"));
  // Told only to those who may read the network's schools (a school
  // without a region is no region's coordinator's).
  ASSIGN_OR_RETURN(std::optional<registry::SchoolOnDay> known,
                   registry::SchoolOn(q.registry, net, r.school_id(),
                                      values::FinnishDay(q.now)));
  if (!known.has_value()) {
    return absl::NotFoundError(absl::StrCat("school_id: network \"", net,
                                            "\" has no school \"",
                                            r.school_id(), "\""));
  }
  ASSIGN_OR_RETURN(std::vector<std::string> people,
                   projections::KeySuffixes(
                       q.rows, absl::StrCat("ps/", net, "/", r.school_year(),
                                            "/", r.school_id(), "/")));
  for (const std::string& person : people) {
    ASSIGN_OR_RETURN(std::optional<v1::ActivityPlan> plan,
                     ReadRow<v1::ActivityPlan>(
                         q.rows, PlanKey(net, r.school_year(), person)));
    if (plan.has_value()) count_plan(*plan, r.school_id());
  }
  RETURN_IF_ERROR(ScanMinutes(
      q.hours, absl::StrCat("hs/", net, "/", r.school_id(), "/"), first, last,
      [&](absl::string_view, int kind, int64_t minutes) {
        v1::PlanLine& line = LineOf(lines, r.school_id(), kind);
        line.set_actual_minutes(line.actual_minutes() + minutes);
      }));
  Finish(lines, out);
  return out;
}

absl::StatusOr<v1::MappingRound> GetMappingRound(
    const QueryContext& q, const v1::GetMappingRoundRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("round_id", r.round_id()));
  ASSIGN_OR_RETURN(std::optional<v1::MappingRound> round,
                   ReadRow<v1::MappingRound>(q.rows, RoundKey(r.round_id())));
  if (!round.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no mapping round \"", r.round_id(), "\""));
  }
  RETURN_IF_ERROR(AuthorizeNetworkRead(q.caller, round->round().network_id(),
                                       "read mapping rounds"));
  return *std::move(round);
}

absl::StatusOr<v1::MappingResults> GetMappingResults(
    const QueryContext& q, const v1::GetMappingResultsRequest& r) {
  v1::GetMappingRoundRequest get;
  get.set_round_id(r.round_id());
  ASSIGN_OR_RETURN(const v1::MappingRound round, GetMappingRound(q, get));
  const int scopes = !r.region_id().empty() + !r.municipality_id().empty() +
                     !r.school_id().empty();
  if (scopes > 1) {
    return values::Invalid("region_id",
                           "give at most one of region_id, "
                           "municipality_id and school_id");
  }
  for (const auto& [field, id] :
       {std::pair{"region_id", &r.region_id()},
        std::pair{"municipality_id", &r.municipality_id()},
        std::pair{"school_id", &r.school_id()}}) {
    if (!id->empty()) RETURN_IF_ERROR(values::ValidateId(field, *id));
  }
  const std::string& net = round.round().network_id();
  ASSIGN_OR_RETURN(bool principal, CallerIsPrincipal(q, net, r.school_id()));
  const bool sees_answers = access::IsAdmin(q.caller) || principal;
  std::map<std::string, v1::AreaResult> areas;
  for (const v1::CompetenceArea& area : round.areas()) {
    v1::AreaResult& a = areas[area.area_id()];
    a.set_area_id(area.area_id());
    *a.mutable_name() = area.name();
  }
  v1::MappingResults out;
  out.set_round_id(r.round_id());
  RETURN_IF_ERROR(ScanRows<v1::MappingAnswered>(
      q.rows, absl::StrCat("ma/", r.round_id(), "/"),
      [&](absl::string_view, v1::MappingAnswered a) {
        if ((!r.region_id().empty() &&
             a.placement().region_id() != r.region_id()) ||
            (!r.municipality_id().empty() &&
             a.placement().municipality_id() != r.municipality_id()) ||
            (!r.school_id().empty() && a.school_id() != r.school_id())) {
          return;
        }
        out.set_answered(out.answered() + 1);
        for (const v1::AreaAnswer& answer : a.answers()) {
          v1::AreaResult& result = areas[answer.area_id()];
          switch (answer.level()) {
            case v1::SELF_ASSESSMENT_BASIC:
              result.set_basic(result.basic() + 1);
              break;
            case v1::SELF_ASSESSMENT_ADVANCED:
              result.set_advanced(result.advanced() + 1);
              break;
            case v1::SELF_ASSESSMENT_DEVELOPER:
              result.set_developer(result.developer() + 1);
              break;
            default:
              result.set_needs_training(result.needs_training() + 1);
              break;
          }
        }
      }));
  // Others see closed rounds only (two reads apart while answers come in
  // would tell one person's answer) and no scope too small to hide one.
  if (!sees_answers && (!round.closed() || out.answered() < kMinAnswersShown)) {
    v1::MappingResults suppressed;
    suppressed.set_round_id(r.round_id());
    suppressed.set_suppressed(true);
    return suppressed;
  }
  for (const std::string& id : round.round().area_ids()) {
    *out.add_areas() = std::move(areas[id]);
  }
  return out;
}

absl::StatusOr<v1::ListMappingAnswersResponse> ListMappingAnswers(
    const QueryContext& q, const v1::ListMappingAnswersRequest& r) {
  v1::GetMappingRoundRequest get;
  get.set_round_id(r.round_id());
  ASSIGN_OR_RETURN(const v1::MappingRound round, GetMappingRound(q, get));
  const std::string& net = round.round().network_id();
  if (r.person_id().empty() == r.school_id().empty()) {
    return values::Invalid("person_id",
                           "give exactly one of person_id and school_id");
  }
  v1::ListMappingAnswersResponse out;
  const char* what = "read others' mapping answers";
  if (!r.person_id().empty()) {
    RETURN_IF_ERROR(values::ValidateId("person_id", r.person_id()));
    ASSIGN_OR_RETURN(
        std::optional<v1::MappingAnswered> answer,
        ReadRow<v1::MappingAnswered>(
            q.rows, absl::StrCat("ma/", r.round_id(), "/", r.person_id())));
    bool allowed = access::IsAdmin(q.caller) ||
                   (q.caller.id == r.person_id() &&
                    q.caller.role != access::AccessRole::kFunder);
    if (!allowed && answer.has_value()) {
      ASSIGN_OR_RETURN(allowed, CallerIsPrincipal(q, net, answer->school_id()));
    }
    if (!allowed) return access::Denied(q.caller, what);
    if (answer.has_value()) *out.add_answers() = *std::move(answer);
    return out;
  }
  RETURN_IF_ERROR(values::ValidateId("school_id", r.school_id()));
  ASSIGN_OR_RETURN(bool principal, CallerIsPrincipal(q, net, r.school_id()));
  if (!principal && !access::IsAdmin(q.caller)) {
    return access::Denied(
        q.caller, absl::StrCat(what, " of school \"", r.school_id(), "\""));
  }
  RETURN_IF_ERROR(ScanRows<v1::MappingAnswered>(
      q.rows, absl::StrCat("ma/", r.round_id(), "/"),
      [&](absl::string_view, v1::MappingAnswered a) {
        if (a.school_id() == r.school_id()) *out.add_answers() = std::move(a);
      }));
  return out;
}

absl::StatusOr<v1::TrainingPlan> GetTrainingPlan(
    const QueryContext& q, const v1::GetTrainingPlanRequest& r) {
  RETURN_IF_ERROR(values::ValidateId("network_id", r.network_id()));
  RETURN_IF_ERROR(values::ValidateId("person_id", r.person_id()));
  const char* what = "read training plans";
  RETURN_IF_ERROR(access::RequireNetwork(q.caller, r.network_id(), what));
  const bool network_coordinator =
      access::IsAdmin(q.caller) ||
      q.caller.role == access::AccessRole::kNetworkCoordinator;
  if (q.caller.role == access::AccessRole::kFunder ||
      (q.caller.id != r.person_id() && !network_coordinator)) {
    return access::Denied(q.caller, absl::StrCat(what, " of ", r.person_id()));
  }
  ASSIGN_OR_RETURN(std::optional<v1::TrainingPlan> plan,
                   ReadRow<v1::TrainingPlan>(
                       q.rows, TrainingPlanKey(r.network_id(), r.person_id())));
  if (!plan.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("no training plan of ", r.person_id()));
  }
  ASSIGN_OR_RETURN(
      *plan->mutable_history(),
      History(q.rows, TrainingPlanStreamName(r.network_id(), r.person_id())));
  return *std::move(plan);
}

absl::StatusOr<std::vector<RoundAnswers>> ClosedRoundAnswers(
    const projections::RowReader& rows, const std::string& network_id) {
  std::vector<RoundAnswers> out;
  RETURN_IF_ERROR(ScanRows<v1::MappingRound>(
      rows, "mr/", [&](absl::string_view, v1::MappingRound r) {
        if (r.closed() && r.round().network_id() == network_id) {
          out.push_back({std::move(*r.mutable_round()), {}});
        }
      }));
  for (RoundAnswers& r : out) {
    RETURN_IF_ERROR(ScanRows<v1::MappingAnswered>(
        rows, absl::StrCat("ma/", r.round.round_id(), "/"),
        [&](absl::string_view, const v1::MappingAnswered& a) {
          r.schools[a.person_id()] = a.school_id();
        }));
  }
  return out;
}

absl::StatusOr<std::set<std::string>> PlanHolders(
    const projections::RowReader& rows, const std::string& network_id,
    int school_year) {
  std::set<std::string> out;
  RETURN_IF_ERROR(ScanRows<v1::ActivityPlan>(
      rows, PlanKey(network_id, school_year, ""),
      [&](absl::string_view, const v1::ActivityPlan& p) {
        out.insert(p.person_id());
      }));
  return out;
}

}  // namespace tutornet::development
