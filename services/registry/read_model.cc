#include "services/registry/read_model.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/registry/checks.h"
#include "services/registry/dates.h"
#include "storage/status_macros.h"
#include "storage/subscription.h"

namespace tutornet::registry {
namespace {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr absl::string_view kPageTokenPrefix = "after:";

bool Holds(const v1::Appointment& a, absl::CivilDay day) {
  if (day < ToCivilDay(a.start())) return false;
  return !a.has_end() || day <= ToCivilDay(a.end());
}

template <typename Ids>
bool Contains(const Ids& ids, const std::string& id) {
  for (const std::string& x : ids) {
    if (x == id) return true;
  }
  return false;
}

}  // namespace

RegistryReadModel::RegistryReadModel(storage::EventLog& log)
    : log_(log),
      subscription_(log.Subscribe(1)),
      follower_([this] { Follow(); }) {}

RegistryReadModel::~RegistryReadModel() { Stop(); }

void RegistryReadModel::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (follower_.joinable()) follower_.join();
}

void RegistryReadModel::Follow() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stop_) return;
    }
    // Short waits, so that Stop is noticed quickly.
    absl::StatusOr<std::vector<storage::RecordedEvent>> batch =
        subscription_->Next(512, absl::Milliseconds(50));
    absl::MutexLock lock(&mu_);
    if (!batch.ok()) {
      failure_ = batch.status();
      return;
    }
    for (const storage::RecordedEvent& e : *batch) Apply(e);
  }
}

void RegistryReadModel::Apply(const storage::RecordedEvent& recorded) {
  position_ = recorded.position;
  v1::RegistryEvent event;
  if (!absl::StartsWith(recorded.stream, "network-") ||
      !event.ParseFromString(recorded.payload)) {
    return;  // Not a registry event: nothing to index.
  }
  Network& n = networks_[recorded.stream.substr(8)];
  switch (event.event_case()) {
    case v1::RegistryEvent::kNetworkCreated:
      n.created = event.network_created();
      break;
    case v1::RegistryEvent::kRegionAdded:
      n.region_names[event.region_added().region_id()] =
          event.region_added().name();
      break;
    case v1::RegistryEvent::kMunicipalityAssigned: {
      const v1::MunicipalityAssigned& e = event.municipality_assigned();
      v1::Municipality& m = n.municipalities[e.municipality_id()];
      m.set_municipality_id(e.municipality_id());
      if (e.has_name()) *m.mutable_name() = e.name();
      m.set_region_id(e.region_id());
      *m.mutable_since() = e.effective();
      break;
    }
    case v1::RegistryEvent::kSchoolRegistered: {
      const v1::SchoolRegistered& e = event.school_registered();
      v1::School& s = n.schools[e.school_id()];
      s.set_school_id(e.school_id());
      *s.mutable_name() = e.name();
      s.set_municipality_id(e.municipality_id());
      s.set_language(e.language());
      *s.mutable_levels() = e.levels();
      break;
    }
    case v1::RegistryEvent::kSchoolClosed:
      n.schools[event.school_closed().school_id()].set_closed(true);
      break;
    case v1::RegistryEvent::kRoleAppointed: {
      const v1::RoleAppointed& e = event.role_appointed();
      v1::Appointment& a = n.appointments[e.appointment_id()];
      a.set_appointment_id(e.appointment_id());
      a.set_person_id(e.person_id());
      a.set_role(e.role());
      *a.mutable_scope() = e.scope();
      *a.mutable_start() = e.start();
      if (e.has_end()) *a.mutable_end() = e.end();
      break;
    }
    case v1::RegistryEvent::kAppointmentEnded:
      *n.appointments[event.appointment_ended().appointment_id()]
           .mutable_end() = event.appointment_ended().end();
      break;
    default:
      break;
  }
}

uint64_t RegistryReadModel::position() const {
  absl::MutexLock lock(&mu_);
  return position_;
}

absl::Status RegistryReadModel::AwaitPosition(uint64_t position,
                                              absl::Time deadline) const {
  auto ready = [this, position]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return position_ >= position || !failure_.ok();
  };
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithDeadline(absl::Condition(&ready), deadline);
  if (!failure_.ok()) return failure_;
  if (position_ < position) {
    return absl::DeadlineExceededError(absl::StrCat(
        "position_token: position ", position, " is not visible yet"));
  }
  return absl::OkStatus();
}

absl::StatusOr<const RegistryReadModel::Network*> RegistryReadModel::Find(
    const std::string& network_id) const {
  RETURN_IF_ERROR(ValidateId("network_id", network_id));
  auto it = networks_.find(network_id);
  if (it == networks_.end() || !it->second.exists()) {
    return absl::NotFoundError(
        absl::StrCat("network \"", network_id, "\" does not exist"));
  }
  return &it->second;
}

absl::StatusOr<v1::ListSchoolsResponse> RegistryReadModel::ListSchools(
    const v1::ListSchoolsRequest& r) const {
  if (r.page_size() < 0 || r.page_size() > kMaxPageSize) {
    return Invalid("page_size",
                   absl::StrCat("must be 0 (default 100) to ", kMaxPageSize));
  }
  absl::string_view after = r.page_token();
  if (!after.empty() && !absl::ConsumePrefix(&after, kPageTokenPrefix)) {
    return Invalid("page_token", "not a token this server issued");
  }
  if (!r.region_id().empty())
    RETURN_IF_ERROR(ValidateId("region_id", r.region_id()));
  if (!r.municipality_id().empty()) {
    RETURN_IF_ERROR(ValidateId("municipality_id", r.municipality_id()));
  }
  const int page_size = r.page_size() == 0 ? kDefaultPageSize : r.page_size();
  absl::ReaderMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const Network* n, Find(r.network_id()));
  v1::ListSchoolsResponse response;
  for (auto it = n->schools.upper_bound(std::string(after));
       it != n->schools.end(); ++it) {
    v1::School school = it->second;
    auto m = n->municipalities.find(school.municipality_id());
    if (m != n->municipalities.end())
      school.set_region_id(m->second.region_id());
    if ((!r.region_id().empty() && school.region_id() != r.region_id()) ||
        (!r.municipality_id().empty() &&
         school.municipality_id() != r.municipality_id()) ||
        (r.language() != v1::LANGUAGE_UNSPECIFIED &&
         school.language() != r.language())) {
      continue;
    }
    if (response.schools_size() == page_size) {
      response.set_next_page_token(absl::StrCat(
          kPageTokenPrefix, response.schools(page_size - 1).school_id()));
      break;
    }
    *response.add_schools() = std::move(school);
  }
  return response;
}

absl::StatusOr<v1::WhoHeldRoleResponse> RegistryReadModel::WhoHeldRole(
    const v1::WhoHeldRoleRequest& r) const {
  if (r.role() == v1::ROLE_UNSPECIFIED || !v1::Role_IsValid(r.role())) {
    return Invalid("role", "is not a role");
  }
  RETURN_IF_ERROR(ValidateDate("date", r.date()));
  if (!r.school_id().empty())
    RETURN_IF_ERROR(ValidateId("school_id", r.school_id()));
  if (!r.region_id().empty())
    RETURN_IF_ERROR(ValidateId("region_id", r.region_id()));
  const absl::CivilDay day = ToCivilDay(r.date());
  absl::ReaderMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const Network* n, Find(r.network_id()));
  v1::WhoHeldRoleResponse response;
  for (const auto& [id, a] : n->appointments) {
    if (a.role() != r.role() || !Holds(a, day)) continue;
    if (!r.school_id().empty() &&
        !Contains(a.scope().school_ids(), r.school_id()))
      continue;
    if (!r.region_id().empty() &&
        !Contains(a.scope().region_ids(), r.region_id()))
      continue;
    *response.add_appointments() = a;
  }
  return response;
}

v1::ListNetworksResponse RegistryReadModel::ListNetworks(
    const std::string& only_network_id) const {
  absl::ReaderMutexLock lock(&mu_);
  v1::ListNetworksResponse response;
  for (const auto& [id, n] : networks_) {
    if (!n.exists() || (!only_network_id.empty() && id != only_network_id))
      continue;
    v1::NetworkSummary& s = *response.add_networks();
    s.set_network_id(id);
    *s.mutable_name() = n.created.name();
    s.set_coordinating_municipality_id(
        n.created.coordinating_municipality_id());
    s.set_regions(static_cast<int>(n.region_names.size()));
    s.set_municipalities(static_cast<int>(n.municipalities.size()));
    s.set_schools(static_cast<int>(n.schools.size()));
  }
  return response;
}

absl::StatusOr<v1::ListRegionsResponse> RegistryReadModel::ListRegions(
    const v1::ListRegionsRequest& r) const {
  absl::ReaderMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const Network* n, Find(r.network_id()));
  v1::ListRegionsResponse response;
  std::map<std::string, v1::Region> regions;
  for (const auto& [id, name] : n->region_names) {
    v1::Region& region = regions[id];
    region.set_region_id(id);
    *region.mutable_name() = name;
  }
  for (const auto& [id, m] : n->municipalities) {
    regions[m.region_id()].add_municipality_ids(id);
  }
  for (auto& [id, region] : regions)
    *response.add_regions() = std::move(region);
  return response;
}

absl::StatusOr<v1::ListMunicipalitiesResponse>
RegistryReadModel::ListMunicipalities(
    const v1::ListMunicipalitiesRequest& r) const {
  if (!r.region_id().empty())
    RETURN_IF_ERROR(ValidateId("region_id", r.region_id()));
  absl::ReaderMutexLock lock(&mu_);
  ASSIGN_OR_RETURN(const Network* n, Find(r.network_id()));
  if (!r.region_id().empty() && n->region_names.count(r.region_id()) == 0) {
    return absl::NotFoundError(
        absl::StrCat("region_id: region \"", r.region_id(),
                     "\" does not exist in network \"", r.network_id(), "\""));
  }
  v1::ListMunicipalitiesResponse response;
  for (const auto& [id, m] : n->municipalities) {
    if (r.region_id().empty() || m.region_id() == r.region_id()) {
      *response.add_municipalities() = m;
    }
  }
  return response;
}

}  // namespace tutornet::registry
