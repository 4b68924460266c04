// The values every context accepts from callers: ids, user-visible text,
// localized names, e-mail addresses. Checked here once, for every service,
// so that no context has a looser rule than another.
//
// Every function is pure and thread-safe. Errors are INVALID_ARGUMENT and
// start with the field's name: "person.email: is not an e-mail address".
#ifndef TUTORNET_SERVICES_VALUES_TEXT_H_
#define TUTORNET_SERVICES_VALUES_TEXT_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_field.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::values {

// INVALID_ARGUMENT "<field>: <why>".
absl::Status Invalid(absl::string_view field, absl::string_view why);

// Ids: 1-64 bytes of a-z, 0-9 and '-', starting with a letter or digit
// ("ks-3", "school-muurame-1"). They become parts of stream names.
inline constexpr size_t kMaxIdBytes = 64;
absl::Status ValidateId(absl::string_view field, absl::string_view id);
// Each a valid id, none repeated.
absl::Status ValidateIdList(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& ids);

// One line of user-visible text: valid UTF-8 (no overlong forms, no
// surrogates), at most `max_bytes`, and none of the characters that change
// how text around them looks or reads: C0 and C1 controls (U+0000-001F,
// U+007F-009F, so also NEL U+0085), line and paragraph separators
// (U+2028, U+2029), bidirectional embeddings, overrides and isolates
// (U+202A-202E, U+2066-2069) and marks (U+200E, U+200F, U+061C), the
// byte-order mark U+FEFF, and
// noncharacters (U+FDD0-FDEF, U+xxFFFE-xxFFFF).
inline constexpr size_t kMaxTextBytes = 200;
absl::Status ValidateText(absl::string_view field, absl::string_view text,
                          size_t max_bytes = kMaxTextBytes);
// The same rules for longer text that may hold line breaks (U+000A only):
// notes, comments, descriptions.
absl::Status ValidateNote(absl::string_view field, absl::string_view text,
                          size_t max_bytes);
// True when `text` is well-formed UTF-8 (RFC 3629: shortest forms, no
// surrogates, nothing above U+10FFFF).
bool IsValidUtf8(absl::string_view text);

// A name or title: valid text with something visible in it, not
// beginning or ending with a space (any Unicode space, or a character
// that shows nothing: U+200B, U+00AD, U+3164, U+2800, ...).
absl::Status ValidateLabel(absl::string_view field, absl::string_view text);

// At least one of fi, sv, en; each given one a valid label.
// The three languages' texts as one (any may be empty).
v1::LocalizedText Localized(std::string fi, std::string sv, std::string en);

absl::Status ValidateName(absl::string_view field,
                          const v1::LocalizedText& name);

// At least one of fi, sv, en; each given one a valid note of at most
// `max_bytes` with something in it: descriptions, criteria.
absl::Status ValidateLocalizedNote(absl::string_view field,
                                   const v1::LocalizedText& text,
                                   size_t max_bytes);

// An absolute http or https URL (https only with `https_only`) as a link
// to show or fetch: at most 2000 bytes of printable ASCII (no spaces,
// quotes, angle brackets or backslashes), a host, no user information.
inline constexpr size_t kMaxUrlBytes = 2000;
absl::Status ValidateHttpUrl(absl::string_view field, absl::string_view url,
                             bool https_only = false);

// An e-mail address as people type them: local@domain, at most 254 bytes;
// the local part 1-64 bytes of letters, digits and !#$%&'*+/=?^_`{|}~.-
// with no leading, trailing or doubled dot; the domain two or more labels
// of letters, digits and '-' (internationalised domains in their xn--
// form), no label starting or ending with '-'.
absl::Status ValidateEmail(absl::string_view field, absl::string_view email);

}  // namespace tutornet::values

#endif  // TUTORNET_SERVICES_VALUES_TEXT_H_
