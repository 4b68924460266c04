// The registry's queries end to end, answered by the read model.
#include "services/server/server_fixture.h"

namespace tutornet::server {
namespace {

TEST_F(QueryTest, ListsSchoolsByRegionLanguageAndPage) {
  v1::ListSchoolsRequest by_region;
  by_region.set_region_id("ks-jyvaskyla");
  v1::ListSchoolsResponse res;
  ASSERT_TRUE(List(by_region, &res).ok());
  EXPECT_EQ(res.schools_size(), 6);  // 4 municipalities, Jyväskylä has 3.
  for (const v1::School& s : res.schools())
    EXPECT_EQ(s.region_id(), "ks-jyvaskyla");

  v1::ListSchoolsRequest swedish;
  swedish.set_language(v1::LANGUAGE_SV);
  ASSERT_TRUE(List(swedish, &res).ok());
  ASSERT_EQ(res.schools_size(), 1);
  EXPECT_EQ(res.schools(0).school_id(), "school-jyvaskyla-sv");

  std::set<std::string> seen;
  v1::ListSchoolsRequest page;
  page.set_page_size(5);
  int pages = 0;
  do {
    ASSERT_TRUE(List(page, &res).ok());
    for (const v1::School& s : res.schools())
      EXPECT_TRUE(seen.insert(s.school_id()).second);
    page.set_page_token(res.next_page_token());
    ASSERT_LT(++pages, 10);
  } while (!res.next_page_token().empty());
  EXPECT_EQ(seen.size(), 23u);
  EXPECT_EQ(pages, 5);
}

TEST_F(QueryTest, WhoHeldARoleOnADay) {
  v1::WhoHeldRoleResponse res;
  ASSERT_TRUE(
      WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-etela", 2017, 6, 1, &res)
          .ok());
  ASSERT_EQ(res.appointments_size(), 1);
  EXPECT_EQ(res.appointments(0).appointment_id(), "coord-ks-etela-1");
  ASSERT_TRUE(
      WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-etela", 2019, 1, 1, &res)
          .ok());
  ASSERT_EQ(res.appointments_size(), 1);
  EXPECT_EQ(res.appointments(0).appointment_id(), "coord-ks-etela-2");
  ASSERT_TRUE(
      WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-etela", 2016, 1, 1, &res)
          .ok());
  EXPECT_EQ(res.appointments_size(), 0);
}

TEST_F(QueryTest, ReadsItsOwnWriteThroughThePositionToken) {
  v1::EndAppointmentRequest end;
  end.mutable_header()->set_request_id("end-1");
  end.mutable_command()->set_network_id("ks");
  end.mutable_command()->set_appointment_id("coord-ks-lansi-2");
  end.mutable_command()->mutable_end()->set_year(2020);
  end.mutable_command()->mutable_end()->set_month(7);
  end.mutable_command()->mutable_end()->set_day(31);
  v1::CommandResult written;
  ASSERT_TRUE(stub_->EndAppointment(Context().get(), end, &written).ok());
  v1::WhoHeldRoleResponse res;
  ASSERT_TRUE(WhoHeld(v1::ROLE_REGIONAL_COORDINATOR, "ks-lansi", 2020, 8, 1,
                      &res, written.position_token())
                  .ok());
  EXPECT_EQ(res.appointments_size(), 0);
}

TEST_F(QueryTest, BadQueriesNameTheField) {
  v1::ListSchoolsRequest big;
  big.set_page_size(5000);
  v1::ListSchoolsResponse res;
  grpc::Status s = List(big, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_size"));
  v1::ListSchoolsRequest token;
  token.set_page_token("garbage");
  EXPECT_EQ(List(token, &res).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::WhoHeldRoleResponse held;
  s = WhoHeld(v1::ROLE_MENTOR, "", 2021, 2, 29, &held);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("date"));
  s = WhoHeld(v1::ROLE_UNSPECIFIED, "", 2021, 2, 1, &held);
  EXPECT_THAT(s.error_message(), HasSubstr("role"));
  v1::ListSchoolsRequest other;
  other.set_network_id("nowhere");
  s = stub_->ListSchools(Context().get(), other, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(QueryTest, ReadModelIsRebuiltOnRestart) {
  Restart();
  v1::ListSchoolsRequest all;
  all.set_page_size(1000);
  v1::ListSchoolsResponse res;
  // The read model replays the log in the background; a token for the last
  // write makes the read wait for it.
  all.add_position_tokens("registry:98");
  ASSERT_TRUE(List(all, &res).ok());
  EXPECT_EQ(res.schools_size(), 23);
}

// Every RPC × every role, through the real server: allowed calls succeed,
// denied ones are PERMISSION_DENIED and change nothing.

TEST_F(QueryTest, ListsNetworksRegionsAndMunicipalities) {
  v1::ListNetworksResponse networks;
  ASSERT_TRUE(
      stub_->ListNetworks(Context().get(), v1::ListNetworksRequest(), &networks)
          .ok());
  ASSERT_EQ(networks.networks_size(), 1);
  EXPECT_EQ(networks.networks(0).network_id(), "ks");
  EXPECT_EQ(networks.networks(0).regions(), 6);
  EXPECT_EQ(networks.networks(0).municipalities(), 21);
  EXPECT_EQ(networks.networks(0).schools(), 23);

  v1::ListRegionsRequest regions_req;
  regions_req.set_network_id("ks");
  v1::ListRegionsResponse regions;
  ASSERT_TRUE(stub_->ListRegions(Context().get(), regions_req, &regions).ok());
  ASSERT_EQ(regions.regions_size(), 6);
  int total = 0;
  for (const v1::Region& r : regions.regions()) {
    total += r.municipality_ids_size();
    if (r.region_id() == "ks-etela") {
      EXPECT_EQ(r.municipality_ids_size(), 5);
    }
  }
  EXPECT_EQ(total, 21);

  v1::ListMunicipalitiesRequest m_req;
  m_req.set_network_id("ks");
  m_req.set_region_id("ks-viitasaari");
  v1::ListMunicipalitiesResponse municipalities;
  ASSERT_TRUE(
      stub_->ListMunicipalities(Context().get(), m_req, &municipalities).ok());
  ASSERT_EQ(municipalities.municipalities_size(), 2);
  EXPECT_EQ(municipalities.municipalities(0).name().fi(), "Pihtipudas");
  m_req.set_region_id("ks-nowhere");
  EXPECT_EQ(stub_->ListMunicipalities(Context().get(), m_req, &municipalities)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tutornet::server
