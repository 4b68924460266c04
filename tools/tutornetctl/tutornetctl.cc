// tutornetctl: the command-line client of tutornetd. Talks gRPC to the
// server; never opens a store itself.
//
// Exit codes, for scripts:
//   0 done; 1 bad usage; 2 the server could not be reached or failed;
//   3 the server refused the request (the status code is printed);
//   4 an import finished, but some lines were rejected (each is reported).
#include <openssl/rand.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tools/tutornetctl/client.h"
#include "tools/tutornetctl/csv_import.h"

ABSL_FLAG(std::string, server, "127.0.0.1:50051",
          "tutornetd's address (host:port).");
ABSL_FLAG(std::string, token_file, "var/tutornetd/admin.token",
          "File holding the access token; $TUTORNET_TOKEN wins if set.");
ABSL_FLAG(std::string, region, "",
          "Filter or scope: a region id (school list, role who).");
ABSL_FLAG(std::string, municipality, "",
          "Filter: a municipality id (school list).");
ABSL_FLAG(std::string, language, "", "Filter: fi or sv (school list).");
ABSL_FLAG(std::string, school, "", "Scope: a school id (role who).");
ABSL_FLAG(std::string, schools, "",
          "Scope of an appointment: school ids, comma-separated.");
ABSL_FLAG(std::string, regions, "",
          "Scope of an appointment or token: region ids, comma-separated.");

namespace tutornet::ctl {
namespace {

constexpr char kUsage[] = R"(the command-line client of tutornetd.

Usage: tutornetctl [--server=HOST:PORT] [--token_file=FILE] COMMAND ARGS...

Commands:
  network create NETWORK NAME COORDINATING_MUNICIPALITY
  network list
  network show NETWORK
  region list NETWORK
  municipality list NETWORK [--region=R]
  region add NETWORK REGION NAME
  municipality assign NETWORK MUNICIPALITY REGION YYYY-MM-DD [NAME]
  school list NETWORK [--region=R] [--municipality=M] [--language=fi|sv]
  school register NETWORK SCHOOL MUNICIPALITY fi|sv LEVEL[,LEVEL...] NAME
        (levels: pre_primary basic upper_secondary vocational higher)
  role appoint NETWORK APPOINTMENT PERSON ROLE START [END] [--schools=..] [--regions=..]
        (roles: tutor_teacher regional_coordinator network_coordinator principal
         mentor stakeholder_representative coordination_group_member)
  role end NETWORK APPOINTMENT YYYY-MM-DD
  role who NETWORK ROLE YYYY-MM-DD [--school=S] [--region=R]
  import municipalities NETWORK FILE.csv   columns: id,name,region_id,effective
  import schools NETWORK FILE.csv          columns: id,name,municipality_id,language,levels
  token create PRINCIPAL ROLE [NETWORK] [--regions=..]
        (roles: admin network_coordinator regional_coordinator tutor funder)
  token revoke PRINCIPAL

Exit codes: 0 done, 1 bad usage, 2 server unreachable or failed, 3 request refused,
4 import done with rejected lines. Imports are idempotent: rerunning one adds nothing.)";

int Usage(const std::string& why) {
  std::fprintf(stderr,
               "tutornetctl: %s\nRun tutornetctl --help for the commands.\n",
               why.c_str());
  return kExitUsage;
}

std::vector<std::string> List(const std::string& comma_separated) {
  if (comma_separated.empty()) return {};
  return absl::StrSplit(comma_separated, ',');
}

std::string RandomRequestId() {
  unsigned char bytes[12];
  RAND_bytes(bytes, sizeof bytes);
  return absl::StrCat("ctl-",
                      absl::BytesToHexString(absl::string_view(
                          reinterpret_cast<const char*>(bytes), sizeof bytes)));
}

using Args = std::vector<std::string>;
using Command = std::function<int(Client&, const Args&)>;

const std::map<std::string, std::pair<size_t, Command>>& Commands() {
  // "noun verb" -> (minimum number of arguments after it, how to run it)
  static const auto* commands =
      new std::map<std::string, std::pair<size_t, Command>>{
          {"network create",
           {3,
            [](Client& c, const Args& a) {
              return c.CreateNetwork(RandomRequestId(), a[0], a[1], a[2]);
            }}},
          {"network show",
           {1, [](Client& c, const Args& a) { return c.ShowNetwork(a[0]); }}},
          {"network list",
           {0, [](Client& c, const Args&) { return c.ListNetworks(); }}},
          {"region list",
           {1, [](Client& c, const Args& a) { return c.ListRegions(a[0]); }}},
          {"municipality list",
           {1,
            [](Client& c, const Args& a) {
              return c.ListMunicipalities(a[0], absl::GetFlag(FLAGS_region));
            }}},
          {"region add",
           {3,
            [](Client& c, const Args& a) {
              return c.AddRegion(RandomRequestId(), a[0], a[1], a[2]);
            }}},
          {"municipality assign",
           {4,
            [](Client& c, const Args& a) {
              return c.AssignMunicipality(RandomRequestId(), a[0], a[1], a[2],
                                          a[3], a.size() > 4 ? a[4] : "");
            }}},
          {"school list",
           {1,
            [](Client& c, const Args& a) {
              return c.ListSchools(a[0], absl::GetFlag(FLAGS_region),
                                   absl::GetFlag(FLAGS_municipality),
                                   absl::GetFlag(FLAGS_language));
            }}},
          {"school register",
           {6,
            [](Client& c, const Args& a) {
              return c.RegisterSchool(RandomRequestId(),
                                      {a[0], a[1], a[5], a[2], a[3], a[4]});
            }}},
          {"role appoint",
           {5,
            [](Client& c, const Args& a) {
              return c.AppointRole(RandomRequestId(), a[0], a[1], a[2], a[3],
                                   a[4], a.size() > 5 ? a[5] : "",
                                   List(absl::GetFlag(FLAGS_schools)),
                                   List(absl::GetFlag(FLAGS_regions)));
            }}},
          {"role end",
           {3,
            [](Client& c, const Args& a) {
              return c.EndAppointment(RandomRequestId(), a[0], a[1], a[2]);
            }}},
          {"role who",
           {3,
            [](Client& c, const Args& a) {
              return c.WhoHeldRole(a[0], a[1], a[2],
                                   absl::GetFlag(FLAGS_school),
                                   absl::GetFlag(FLAGS_region));
            }}},
          {"import municipalities",
           {2,
            [](Client& c, const Args& a) {
              return ImportMunicipalities(c, a[0], a[1]);
            }}},
          {"import schools",
           {2, [](Client& c,
                  const Args& a) { return ImportSchools(c, a[0], a[1]); }}},
          {"token create",
           {2,
            [](Client& c, const Args& a) {
              return c.CreateToken(a[0], a[1], a.size() > 2 ? a[2] : "",
                                   List(absl::GetFlag(FLAGS_regions)));
            }}},
          {"token revoke",
           {1, [](Client& c, const Args& a) { return c.RevokeToken(a[0]); }}},
      };
  return *commands;
}

std::string ReadToken() {
  if (const char* env = std::getenv("TUTORNET_TOKEN"); env != nullptr && *env)
    return env;
  std::ifstream in(absl::GetFlag(FLAGS_token_file));
  std::string token;
  in >> token;
  return token;
}

int Run(const std::vector<char*>& positional) {
  if (positional.size() < 3)
    return Usage("give a command, e.g. \"network show ks\"");
  const std::string name = absl::StrCat(positional[1], " ", positional[2]);
  auto it = Commands().find(name);
  if (it == Commands().end())
    return Usage(absl::StrCat("unknown command \"", name, "\""));
  const Args args(positional.begin() + 3, positional.end());
  if (args.size() < it->second.first) {
    return Usage(
        absl::StrCat("\"", name, "\" needs ", it->second.first, " arguments"));
  }
  const std::string token = ReadToken();
  if (token.empty()) {
    return Usage(absl::StrCat(
        "no access token: set $TUTORNET_TOKEN or --token_file (now ",
        absl::GetFlag(FLAGS_token_file), ")"));
  }
  Client client(absl::GetFlag(FLAGS_server), token);
  return it->second.second(client, args);
}

}  // namespace
}  // namespace tutornet::ctl

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(tutornet::ctl::kUsage);
  return tutornet::ctl::Run(absl::ParseCommandLine(argc, argv));
}
