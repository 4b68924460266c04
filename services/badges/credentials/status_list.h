// The W3C Bitstring Status List v1.0 encoding: a list of bits, index 0
// the most significant bit of the first byte, GZIP-compressed and written
// as a multibase base64url string ("u" + unpadded base64url). Open Badges
// 3.0 checks revocation through it (its BitstringStatusListEntry).
#ifndef TUTORNET_SERVICES_BADGES_CREDENTIALS_STATUS_LIST_H_
#define TUTORNET_SERVICES_BADGES_CREDENTIALS_STATUS_LIST_H_

#include <cstdint>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tutornet::credentials {

// The spec's smallest list (16 KiB of bits): no one learns much from
// which index a credential has.
inline constexpr uint64_t kMinStatusListBits = 131072;
// A list this service serves at most: one bit per badges-log position.
inline constexpr uint64_t kMaxStatusListBits = uint64_t{1} << 27;

// The encodedList of a list of `bits` bits (rounded up to a multiple of
// 8, at least kMinStatusListBits) with the bits at `set` on.
// INVALID_ARGUMENT for an index beyond kMaxStatusListBits.
absl::StatusOr<std::string> EncodeStatusList(const std::set<uint64_t>& set,
                                             uint64_t bits);

// Whether the bit at `index` of an encodedList is on; INVALID_ARGUMENT
// for a list that does not decode or an index beyond it.
absl::StatusOr<bool> StatusBit(absl::string_view encoded_list, uint64_t index);

}  // namespace tutornet::credentials

#endif  // TUTORNET_SERVICES_BADGES_CREDENTIALS_STATUS_LIST_H_
