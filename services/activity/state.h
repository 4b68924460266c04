// The activity context's folded states: a funded project, and one tutor's
// hour records. Small on purpose: the hot path copies a tutor's state at
// every command, so a record keeps only what the rules read (the full
// versions are in the log and the read model).
#ifndef TUTORNET_SERVICES_ACTIVITY_STATE_H_
#define TUTORNET_SERVICES_ACTIVITY_STATE_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/time/civil_time.h"
#include "tutornet/v1/activity.pb.h"
#include "tutornet/v1/activity_service.pb.h"

namespace tutornet::activity {

// A calendar month as (year, month); ordered.
using MonthKey = std::pair<int, int>;

struct ProjectState {
  bool exists = false;
  v1::CreateFundedProject definition;
  bool closed = false;
  std::set<MonthKey> closed_months;
};

ProjectState Evolve(ProjectState state, const v1::ProjectEvent& event);

struct RecordState {
  v1::HourStatus status = v1::HOUR_STATUS_UNSPECIFIED;
  int32_t version = 0;
  std::string project_id;
  std::string school_id;
  std::string network_id;
  std::string region_id;  // Of the school on the record's day.
  absl::CivilDay day;
  int32_t start_minute = 0;
  int32_t duration_minutes = 0;
  bool amended_since_return = false;

  MonthKey month() const { return {static_cast<int>(day.year()), day.month()}; }
};

// One person's hour records by record id.
struct TutorState {
  std::map<std::string, RecordState> records;
};

TutorState Evolve(TutorState state, const v1::HoursEvent& event);

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_STATE_H_
