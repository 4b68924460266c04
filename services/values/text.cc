#include "services/values/text.h"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "status/status_macros.h"

namespace tutornet::values {
namespace {

constexpr size_t kMaxEmailBytes = 254;
constexpr size_t kMaxLocalPartBytes = 64;
constexpr size_t kMaxLabelBytes = 63;

// Decodes the UTF-8 sequence at text[*i], advancing *i; false if it is not
// the shortest encoding of a scalar value (RFC 3629).
bool NextCodePoint(absl::string_view text, size_t* i, char32_t* out) {
  const auto byte = [&](size_t k) {
    return static_cast<unsigned char>(text[*i + k]);
  };
  const unsigned char b0 = byte(0);
  int length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 < 0x80) {
    length = 1, cp = b0;
  } else if ((b0 & 0xe0) == 0xc0) {
    length = 2, cp = b0 & 0x1f, min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    length = 3, cp = b0 & 0x0f, min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    length = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (*i + length > text.size()) return false;
  for (int k = 1; k < length; ++k) {
    if ((byte(k) & 0xc0) != 0x80) return false;
    cp = (cp << 6) | (byte(k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    return false;
  }
  *i += length;
  *out = cp;
  return true;
}

// Why `cp` may not appear in text, or nullptr.
const char* Forbidden(char32_t cp, bool allow_newline) {
  if (cp == '\n' && allow_newline) return nullptr;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "a control character";
  if (cp == 0x2028 || cp == 0x2029) return "a line or paragraph separator";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
      cp == 0x200e || cp == 0x200f || cp == 0x061c) {
    return "a bidirectional formatting character";
  }
  if (cp == 0xfeff) return "a byte-order mark";
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe) {
    return "a noncharacter";
  }
  return nullptr;
}

// Spaces and characters that show nothing: Unicode's space separators,
// zero-width and invisible format characters, and the fillers of Hangul
// and Braille that render as blanks.
bool Blank(char32_t cp) {
  return cp == ' ' || cp == 0x00a0 || cp == 0x00ad || cp == 0x115f ||
         cp == 0x1160 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200d) ||
         cp == 0x202f || cp == 0x205f || cp == 0x2060 || cp == 0x2800 ||
         cp == 0x3000 || cp == 0x3164 || cp == 0xffa0;
}

absl::Status CheckText(absl::string_view field, absl::string_view text,
                       size_t max_bytes, bool allow_newline) {
  if (text.size() > max_bytes) {
    return Invalid(field, absl::StrCat("longer than ", max_bytes, " bytes"));
  }
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    char32_t cp = 0;
    if (!NextCodePoint(text, &i, &cp)) {
      return Invalid(field,
                     absl::StrCat("is not valid UTF-8 (at byte ", at, ")"));
    }
    if (const char* why = Forbidden(cp, allow_newline)) {
      return Invalid(field,
                     absl::StrCat("contains ", why, " (at byte ", at, ")"));
    }
  }
  return absl::OkStatus();
}

bool IsAtext(char c) {
  return absl::ascii_isalnum(c) ||
         absl::string_view("!#$%&'*+/=?^_`{|}~-").find(c) !=
             absl::string_view::npos;
}

bool ValidLabel(absl::string_view label) {
  if (label.empty() || label.size() > kMaxLabelBytes) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!absl::ascii_isalnum(c) && c != '-') return false;
  }
  return true;
}

}  // namespace

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  if (id.empty()) return Invalid(field, "must not be empty");
  if (id.size() > kMaxIdBytes) return Invalid(field, "longer than 64 bytes");
  if (!absl::ascii_isalnum(id.front())) {
    return Invalid(field, "must start with a letter or digit");
  }
  for (char c : id) {
    if (!(absl::ascii_isdigit(c) || (c >= 'a' && c <= 'z') || c == '-')) {
      // Never echo the bytes: they may not be printable.
      return Invalid(field, "may hold only a-z, 0-9 and -");
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateIdList(
    absl::string_view field,
    const google::protobuf::RepeatedPtrField<std::string>& ids) {
  std::set<std::string> seen;
  for (int i = 0; i < ids.size(); ++i) {
    RETURN_IF_ERROR(ValidateId(absl::StrCat(field, "[", i, "]"), ids[i]));
    if (!seen.insert(ids[i]).second) {
      return Invalid(absl::StrCat(field, "[", i, "]"),
                     absl::StrCat("repeats \"", ids[i], "\""));
    }
  }
  return absl::OkStatus();
}

bool IsValidUtf8(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    if (!NextCodePoint(text, &i, &cp)) return false;
  }
  return true;
}

absl::Status ValidateText(absl::string_view field, absl::string_view text,
                          size_t max_bytes) {
  return CheckText(field, text, max_bytes, /*allow_newline=*/false);
}

absl::Status ValidateNote(absl::string_view field, absl::string_view text,
                          size_t max_bytes) {
  return CheckText(field, text, max_bytes, /*allow_newline=*/true);
}

absl::Status ValidateLocalizedNote(absl::string_view field,
                                   const v1::LocalizedText& text,
                                   size_t max_bytes) {
  if (text.fi().empty() && text.sv().empty() && text.en().empty()) {
    return Invalid(field, "give at least one of fi, sv, en");
  }
  for (const auto& [language, t] :
       {std::pair<const char*, const std::string*>{"fi", &text.fi()},
        {"sv", &text.sv()},
        {"en", &text.en()}}) {
    RETURN_IF_ERROR(
        ValidateNote(absl::StrCat(field, ".", language), *t, max_bytes));
  }
  return absl::OkStatus();
}

absl::Status ValidateHttpUrl(absl::string_view field, absl::string_view url,
                             bool https_only) {
  if (url.size() > kMaxUrlBytes)
    return Invalid(field, "longer than 2000 bytes");
  for (char c : url) {
    if (c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' ||
        c == '\\' || c == '`' || c == '{' || c == '}' || c == '|' || c == '^') {
      return Invalid(field,
                     "may hold only printable ASCII without spaces, "
                     "quotes, angle brackets or backslashes");
    }
  }
  absl::string_view rest = url;
  const bool https = absl::ConsumePrefix(&rest, "https://");
  if (!https && (https_only || !absl::ConsumePrefix(&rest, "http://"))) {
    return Invalid(field, https_only ? "must start with https://"
                                     : "must start with http:// or https://");
  }
  const absl::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.empty() || authority.front() == ':') {
    return Invalid(field, "has no host");
  }
  if (absl::StrContains(authority, '@')) {
    return Invalid(field, "must not hold a user name or password");
  }
  return absl::OkStatus();
}

absl::Status ValidateLabel(absl::string_view field, absl::string_view text) {
  if (text.empty()) return Invalid(field, "must not be empty");
  RETURN_IF_ERROR(ValidateText(field, text));
  // Decoded again: ValidateText has checked it is well-formed.
  std::vector<char32_t> chars;
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    NextCodePoint(text, &i, &cp);
    chars.push_back(cp);
  }
  if (std::all_of(chars.begin(), chars.end(), Blank)) {
    return Invalid(field, "has nothing visible");
  }
  if (Blank(chars.front()) || Blank(chars.back())) {
    return Invalid(field, "must not begin or end with a space");
  }
  return absl::OkStatus();
}

absl::Status ValidateName(absl::string_view field,
                          const v1::LocalizedText& name) {
  if (name.fi().empty() && name.sv().empty() && name.en().empty()) {
    return Invalid(field, "give at least one of fi, sv, en");
  }
  for (const auto& [language, text] :
       {std::pair<const char*, const std::string*>{"fi", &name.fi()},
        {"sv", &name.sv()},
        {"en", &name.en()}}) {
    if (!text->empty()) {
      RETURN_IF_ERROR(ValidateLabel(absl::StrCat(field, ".", language), *text));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateEmail(absl::string_view field, absl::string_view email) {
  const absl::Status not_email = Invalid(field, "is not an e-mail address");
  if (email.size() > kMaxEmailBytes) return not_email;
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || email.find('@', at + 1) != email.npos) {
    return not_email;
  }
  const absl::string_view local = email.substr(0, at);
  const absl::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > kMaxLocalPartBytes ||
      local.front() == '.' || local.back() == '.' ||
      local.find("..") != local.npos) {
    return not_email;
  }
  for (char c : local) {
    if (!IsAtext(c) && c != '.') return not_email;
  }
  const std::vector<absl::string_view> labels = absl::StrSplit(domain, '.');
  if (labels.size() < 2) return not_email;
  for (absl::string_view label : labels) {
    if (!ValidLabel(label)) return not_email;
  }
  // A top-level domain has a letter: "a@1.2.3.4" is not an address here.
  if (std::none_of(labels.back().begin(), labels.back().end(),
                   [](char c) { return absl::ascii_isalpha(c); })) {
    return not_email;
  }
  return absl::OkStatus();
}

v1::LocalizedText Localized(std::string fi, std::string sv, std::string en) {
  v1::LocalizedText t;
  t.set_fi(std::move(fi));
  t.set_sv(std::move(sv));
  t.set_en(std::move(en));
  return t;
}

}  // namespace tutornet::values
