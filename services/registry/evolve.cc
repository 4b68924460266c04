// Evolve: how each registry event changes a network's state. Facts only:
// nothing here rejects.
#include "services/registry/checks.h"
#include "services/registry/decider.h"

namespace tutornet::registry {

NetworkState Evolve(NetworkState state, const v1::RegistryEvent& event) {
  switch (event.event_case()) {
    case v1::RegistryEvent::kNetworkCreated:
      state.exists = true;
      state.network_id = event.network_created().network_id();
      break;
    case v1::RegistryEvent::kRegionAdded:
      state.region_ids.insert(event.region_added().region_id());
      break;
    case v1::RegistryEvent::kMunicipalityAssigned: {
      const v1::MunicipalityAssigned& e = event.municipality_assigned();
      MunicipalityState& m = state.municipalities[e.municipality_id()];
      m.regions[ToCivilDay(e.effective())] = e.region_id();
      m.since = m.regions.rbegin()->first;
      m.region_id = m.regions.rbegin()->second;
      break;
    }
    case v1::RegistryEvent::kSchoolRegistered: {
      const v1::SchoolRegistered& e = event.school_registered();
      state.schools[e.school_id()] = {e.municipality_id(), false, {}};
      break;
    }
    case v1::RegistryEvent::kSchoolClosed: {
      SchoolState& school = state.schools[event.school_closed().school_id()];
      school.closed = true;
      school.closed_on = ToCivilDay(event.school_closed().effective());
      break;
    }
    case v1::RegistryEvent::kRoleAppointed: {
      const v1::RoleAppointed& e = event.role_appointed();
      AppointmentState& a = state.appointments[e.appointment_id()];
      a.person_id = e.person_id();
      a.role = e.role();
      a.school_ids = {e.scope().school_ids().begin(),
                      e.scope().school_ids().end()};
      a.region_ids = {e.scope().region_ids().begin(),
                      e.scope().region_ids().end()};
      a.start = ToCivilDay(e.start());
      if (e.has_end()) a.end = ToCivilDay(e.end());
      break;
    }
    case v1::RegistryEvent::kAppointmentEnded: {
      const v1::AppointmentEnded& e = event.appointment_ended();
      state.appointments[e.appointment_id()].end = ToCivilDay(e.end());
      break;
    }
    case v1::RegistryEvent::kStaffRecorded:  // Only the read model keeps it.
    case v1::RegistryEvent::EVENT_NOT_SET:
      break;
  }
  return state;
}

NetworkState Fold(absl::Span<const v1::RegistryEvent> events) {
  NetworkState state;
  for (const v1::RegistryEvent& e : events) state = Evolve(std::move(state), e);
  return state;
}

}  // namespace tutornet::registry
