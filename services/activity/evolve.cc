#include "services/activity/state.h"
#include "services/values/dates.h"

namespace tutornet::activity {
namespace {

void SetVersion(RecordState& r, const v1::HourEntry& entry,
                const v1::Placement& placement) {
  r.project_id = entry.project_id();
  r.school_id = entry.school_id();
  r.network_id = placement.network_id();
  r.region_id = placement.region_id();
  r.day = values::ToCivilDay(entry.date());
  r.start_minute = entry.start_minute();
  r.duration_minutes = entry.duration_minutes();
}

}  // namespace

ProjectState Evolve(ProjectState state, const v1::ProjectEvent& event) {
  switch (event.event_case()) {
    case v1::ProjectEvent::kCreated:
      state.exists = true;
      state.definition = event.created().project();
      break;
    case v1::ProjectEvent::kClosed:
      state.closed = true;
      break;
    case v1::ProjectEvent::kMonthClosed:
      state.closed_months.insert({event.month_closed().month().year(),
                                  event.month_closed().month().month()});
      break;
    case v1::ProjectEvent::EVENT_NOT_SET:
      break;
  }
  return state;
}

TutorState Evolve(TutorState state, const v1::HoursEvent& event) {
  switch (event.event_case()) {
    case v1::HoursEvent::kLogged: {
      RecordState& r = state.records[event.logged().record_id()];
      r.status = v1::HOUR_STATUS_LOGGED;
      r.version = 1;
      SetVersion(r, event.logged().entry(), event.logged().placement());
      break;
    }
    case v1::HoursEvent::kSubmitted: {
      RecordState& r = state.records[event.submitted().record_id()];
      r.status = v1::HOUR_STATUS_SUBMITTED;
      r.amended_since_return = false;
      break;
    }
    case v1::HoursEvent::kApproved:
      state.records[event.approved().record_id()].status =
          v1::HOUR_STATUS_APPROVED;
      break;
    case v1::HoursEvent::kReturned: {
      RecordState& r = state.records[event.returned().record_id()];
      r.status = v1::HOUR_STATUS_RETURNED;
      r.amended_since_return = false;
      break;
    }
    case v1::HoursEvent::kAmended: {
      const v1::HoursAmended& e = event.amended();
      RecordState& r = state.records[e.record_id()];
      r.version = e.version();
      SetVersion(r, e.entry(), e.placement());
      if (r.status == v1::HOUR_STATUS_RETURNED) r.amended_since_return = true;
      break;
    }
    case v1::HoursEvent::kVoided:
      state.records[event.voided().record_id()].status = v1::HOUR_STATUS_VOIDED;
      break;
    case v1::HoursEvent::EVENT_NOT_SET:
      break;
  }
  return state;
}

}  // namespace tutornet::activity
