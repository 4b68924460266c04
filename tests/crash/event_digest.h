// FNV-1a 64 over events' types and payloads: how crash_test recognises that
// an acknowledged append came back unchanged. Not for security.
#ifndef TUTORNET_TESTS_CRASH_EVENT_DIGEST_H_
#define TUTORNET_TESTS_CRASH_EVENT_DIGEST_H_

#include <cstdint>
#include <string>

#include "absl/types/span.h"

namespace tutornet::storage {

template <typename Event>
uint64_t EventDigest(absl::Span<const Event> events) {
  uint64_t h = 14695981039346656037ull;
  auto add = [&h](const std::string& bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // Field separator.
  };
  for (const Event& e : events) {
    add(e.type);
    add(e.payload);
  }
  return h;
}

template <typename Event>
uint64_t EventDigest(const std::vector<Event>& events) {
  return EventDigest(absl::MakeConstSpan(events));
}

}  // namespace tutornet::storage

#endif  // TUTORNET_TESTS_CRASH_EVENT_DIGEST_H_
