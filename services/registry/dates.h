// Calendar dates of the registry (tutornet.v1.Date): validation and order.
// Pure functions; thread-safe.
#ifndef TUTORNET_SERVICES_REGISTRY_DATES_H_
#define TUTORNET_SERVICES_REGISTRY_DATES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "tutornet/v1/registry.pb.h"

namespace tutornet::registry {

// INVALID_ARGUMENT naming `field` unless `date` is a real day in 2000-2199.
absl::Status ValidateDate(absl::string_view field, const v1::Date& date);

// Requires: ValidateDate(date) is OK.
absl::CivilDay ToCivilDay(const v1::Date& date);

// "2024-08-01".
std::string FormatDate(const v1::Date& date);

}  // namespace tutornet::registry

#endif  // TUTORNET_SERVICES_REGISTRY_DATES_H_
