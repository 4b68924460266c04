// The registry's commands: networks, regions, municipalities, schools,
// roles, imports and people.
#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "tools/tutornetctl/commands.h"
#include "tools/tutornetctl/csv_import.h"

ABSL_DECLARE_FLAG(std::string, as_of);
ABSL_DECLARE_FLAG(std::string, region);
ABSL_DECLARE_FLAG(std::string, municipality);
ABSL_DECLARE_FLAG(std::string, language);
ABSL_DECLARE_FLAG(std::string, school);
ABSL_DECLARE_FLAG(std::string, schools);
ABSL_DECLARE_FLAG(std::string, regions);

namespace tutornet::ctl {

CommandGroup RegistryCommands() {
  return {
      "Registry (networks, regions, municipalities, schools, roles, people)",
      {
          {"network list", "", "the networks you may see", 0, 0,
           [](Client& c, const Args&) { return c.ListNetworks(); }},
          {"network show", "NETWORK", "a network's history, event by event", 1,
           1, [](Client& c, const Args& a) { return c.ShowNetwork(a[0]); }},
          {"network create", "NETWORK NAME COORDINATING_MUNICIPALITY",
           "create a network (admins)", 3, 3,
           [](Client& c, const Args& a) {
             return c.CreateNetwork(RandomRequestId(), a[0], a[1], a[2]);
           }},
          {"region list", "NETWORK [--as_of=YYYY-MM-DD]",
           "regions and their municipalities today", 1, 1,
           [](Client& c, const Args& a) {
             return c.ListRegions(a[0], absl::GetFlag(FLAGS_as_of));
           }},
          {"region add", "NETWORK REGION NAME", "add a region", 3, 3,
           [](Client& c, const Args& a) {
             return c.AddRegion(RandomRequestId(), a[0], a[1], a[2]);
           }},
          {"municipality list", "NETWORK [--region=R] [--as_of=YYYY-MM-DD]",
           "municipalities, their region today and decided moves", 1, 1,
           [](Client& c, const Args& a) {
             return c.ListMunicipalities(a[0], absl::GetFlag(FLAGS_region),
                                         absl::GetFlag(FLAGS_as_of));
           }},
          {"municipality assign",
           "NETWORK MUNICIPALITY REGION YYYY-MM-DD [NAME]",
           "put a municipality in a region from a day on", 4, 5,
           [](Client& c, const Args& a) {
             return c.AssignMunicipality(RandomRequestId(), a[0], a[1], a[2],
                                         a[3], a.size() > 4 ? a[4] : "");
           }},
          {"school list",
           "NETWORK [--region=R] [--municipality=M] [--language=fi|sv] "
           "[--as_of=YYYY-MM-DD]",
           "schools as they are today, or on another day", 1, 1,
           [](Client& c, const Args& a) {
             return c.ListSchools(a[0], absl::GetFlag(FLAGS_region),
                                  absl::GetFlag(FLAGS_municipality),
                                  absl::GetFlag(FLAGS_language),
                                  absl::GetFlag(FLAGS_as_of));
           }},
          {"school register", "NETWORK SCHOOL MUNICIPALITY fi|sv LEVELS NAME",
           "register a school (levels, comma-separated: pre_primary basic "
           "upper_secondary vocational higher)",
           6, 6,
           [](Client& c, const Args& a) {
             return c.RegisterSchool(RandomRequestId(),
                                     {a[0], a[1], a[5], a[2], a[3], a[4]});
           }},
          {"school close", "NETWORK SCHOOL YYYY-MM-DD",
           "close a school from a day on", 3, 3,
           [](Client& c, const Args& a) {
             return c.CloseSchool(RandomRequestId(), a[0], a[1], a[2]);
           }},
          {"school staff", "NETWORK SCHOOL SCHOOL_YEAR PERMANENT_TEACHERS",
           "record a school's permanent teachers for a school year (2026 "
           "is 2026-27), the base of reach figures",
           4, 4,
           [](Client& c, const Args& a) {
             return c.RecordStaff(RandomRequestId(), a[0], a[1], a[2], a[3]);
           }},
          {"role appoint",
           "NETWORK APPOINTMENT PERSON ROLE START [END] [--schools=..] "
           "[--regions=..]",
           "appoint someone (roles: tutor_teacher regional_coordinator "
           "network_coordinator principal mentor stakeholder_representative "
           "coordination_group_member)",
           5, 6,
           [](Client& c, const Args& a) {
             return c.AppointRole(RandomRequestId(), a[0], a[1], a[2], a[3],
                                  a[4], a.size() > 5 ? a[5] : "",
                                  CommaList(absl::GetFlag(FLAGS_schools)),
                                  CommaList(absl::GetFlag(FLAGS_regions)));
           }},
          {"role end", "NETWORK APPOINTMENT YYYY-MM-DD",
           "end an appointment on its last day", 3, 3,
           [](Client& c, const Args& a) {
             return c.EndAppointment(RandomRequestId(), a[0], a[1], a[2]);
           }},
          {"role who", "NETWORK ROLE YYYY-MM-DD [--school=S] [--region=R]",
           "who held a role on a day", 3, 3,
           [](Client& c, const Args& a) {
             return c.WhoHeldRole(a[0], a[1], a[2], absl::GetFlag(FLAGS_school),
                                  absl::GetFlag(FLAGS_region));
           }},
          {"import municipalities", "NETWORK FILE.csv",
           "columns id,name,region_id,effective; rerunning adds nothing", 2, 2,
           [](Client& c, const Args& a) {
             return ImportMunicipalities(c, a[0], a[1]);
           }},
          {"import schools", "NETWORK FILE.csv",
           "columns id,name,municipality_id,language,levels; rerunning adds "
           "nothing",
           2, 2,
           [](Client& c, const Args& a) {
             return ImportSchools(c, a[0], a[1]);
           }},
          {"person record", "PERSON NAME [EMAIL]",
           "record a person's name and e-mail (personal data)", 2, 3,
           [](Client& c, const Args& a) {
             return c.RecordPerson(RandomRequestId(), a[0], a[1],
                                   a.size() > 2 ? a[2] : "");
           }},
          {"person show", "PERSON", "a person's name and e-mail", 1, 1,
           [](Client& c, const Args& a) { return c.ShowPerson(a[0]); }},
      }};
}

}  // namespace tutornet::ctl
