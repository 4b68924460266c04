// The two status macros every layer uses (storage, services, server, tools),
// written once in a folder of their own (Abseil 20220623
// ships none).
//
//   RETURN_IF_ERROR(DoThing());
//   ASSIGN_OR_RETURN(Foo foo, MakeFoo());
#ifndef TUTORNET_STATUS_STATUS_MACROS_H_
#define TUTORNET_STATUS_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TUTORNET_STATUS_CONCAT_INNER(a, b) a##b
#define TUTORNET_STATUS_CONCAT(a, b) TUTORNET_STATUS_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                                           \
  do {                                                                  \
    if (::absl::Status tutornet_status = (expr); !tutornet_status.ok()) \
      return tutornet_status;                                           \
  } while (false)

#define ASSIGN_OR_RETURN(lhs, expr) \
  TUTORNET_ASSIGN_OR_RETURN_IMPL(   \
      TUTORNET_STATUS_CONCAT(tutornet_statusor_, __LINE__), lhs, expr)

#define TUTORNET_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = std::move(statusor).value()

#endif  // TUTORNET_STATUS_STATUS_MACROS_H_
