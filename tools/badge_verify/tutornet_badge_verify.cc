// tutornet_badge_verify: checks an Open Badges 3.0 credential (VC-JWT)
// offline, without tutornetd: the signature with the issuer's published
// keys, the JWT claims against the credential, its validity period, the
// recipient (given their e-mail), and revocation (given the issuer's
// status list). Everything it reads is a file the verifier fetched or was
// handed:
//
//   curl -s https://badges.example.fi/ob/v3/jwks > jwks.json
//   curl -s https://badges.example.fi/ob/v3/status/ks > status.jwt
//   tutornet_badge_verify --credential=badge.jwt --keys=jwks.json
//       --status_list=status.jwt --email=liisa@koulu.fi
//
// Prints one line: "valid", "valid (revocation not checked: ...)",
// "revoked: <why>" or "invalid: <why>".
// Exit codes: 0 valid; 1 bad flags or unreadable files; 2 revoked;
// 3 invalid.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/badges/credentials/verify.h"
#include "tools/flags_usage.h"

ABSL_FLAG(std::string, credential, "",
          "The credential: a file holding the compact JWS (header.payload."
          "signature); - reads standard input. Required.");
ABSL_FLAG(std::string, keys, "",
          "The issuer's public keys: a JWK set (as served at /ob/v3/jwks) or "
          "one JWK. Required.");
ABSL_FLAG(std::string, status_list, "",
          "The issuer's status list credential (as served at the URL the "
          "credential's credentialStatus names). Without it revocation is "
          "not checked.");
ABSL_FLAG(std::string, email, "",
          "The recipient's e-mail: checks that the credential is theirs.");
ABSL_FLAG(std::string, at, "",
          "Verify as of this time (RFC 3339, e.g. 2027-01-01T00:00:00Z) "
          "instead of now.");

namespace {

constexpr int kValid = 0;
constexpr int kUnusable = 1;
constexpr int kRevoked = 2;
constexpr int kInvalid = 3;

bool ReadFile(const std::string& path, std::string* out) {
  if (path == "-") {
    *out = std::string(std::istreambuf_iterator<char>(std::cin), {});
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  *out = s.str();
  return static_cast<bool>(in) || in.eof();
}

int Unusable(const std::string& why) {
  std::fprintf(stderr, "tutornet_badge_verify: %s\n", why.c_str());
  return kUnusable;
}

}  // namespace

int main(int argc, char** argv) {
  tutornet::SetUpUsage(
      argc, argv,
      "Checks an Open Badges 3.0 credential (VC-JWT, RS256) offline.\n"
      "Usage: tutornet_badge_verify --credential=FILE --keys=JWKS_FILE "
      "[--status_list=FILE] [--email=ADDRESS] [--at=RFC3339]");
  absl::ParseCommandLine(argc, argv);
  const std::string credential_file = absl::GetFlag(FLAGS_credential);
  const std::string keys_file = absl::GetFlag(FLAGS_keys);
  if (credential_file.empty() || keys_file.empty()) {
    return Unusable("--credential and --keys are required (see --help)");
  }
  tutornet::credentials::VerifyInput input;
  std::string keys;
  if (!ReadFile(credential_file, &input.credential)) {
    return Unusable("cannot read --credential " + credential_file);
  }
  input.credential = std::string(absl::StripAsciiWhitespace(input.credential));
  if (!ReadFile(keys_file, &keys)) {
    return Unusable("cannot read --keys " + keys_file);
  }
  input.keys = nlohmann::json::parse(keys, nullptr, false);
  if (input.keys.is_discarded()) {
    return Unusable("--keys " + keys_file + " is not JSON");
  }
  if (const std::string list = absl::GetFlag(FLAGS_status_list);
      !list.empty()) {
    std::string text;
    if (!ReadFile(list, &text)) {
      return Unusable("cannot read --status_list " + list);
    }
    input.status_list = std::string(absl::StripAsciiWhitespace(text));
  }
  if (const std::string email = absl::GetFlag(FLAGS_email); !email.empty()) {
    input.email = email;
  }
  input.now = absl::Now();
  if (const std::string at = absl::GetFlag(FLAGS_at); !at.empty()) {
    std::string error;
    if (!absl::ParseTime(absl::RFC3339_full, at, &input.now, &error)) {
      return Unusable("--at is not an RFC 3339 time: " + error);
    }
  }
  using Verdict = tutornet::credentials::Verification::Verdict;
  const tutornet::credentials::Verification v =
      tutornet::credentials::VerifyCredential(input);
  switch (v.verdict) {
    case Verdict::kValid:
      std::printf(v.reason.empty() ? "valid\n" : "valid (%s)\n",
                  v.reason.c_str());
      return kValid;
    case Verdict::kRevoked:
      std::printf("revoked: %s\n", v.reason.c_str());
      return kRevoked;
    case Verdict::kInvalid:
      break;
  }
  std::printf("invalid: %s\n", v.reason.c_str());
  return kInvalid;
}
