// What a credential costs: issuing one (the OpenBadgeCredential built and
// signed RS256), verifying one offline, and a network's revocation status
// list encoded and read (GZIP of 131,072 bits and of a country's 16 M).
//
//   build/tools/bench/credentials_bench
#include <benchmark/benchmark.h>

#include <set>

#include "absl/time/clock.h"
#include "services/badges/credentials/open_badges.h"
#include "services/badges/credentials/status_list.h"
#include "services/badges/credentials/verify.h"

namespace tutornet::credentials {
namespace {

const IssuerSite kSite{"https://badges.example.fi", "badges@example.fi",
                       "pseudonym-key"};

const RsaSigningKey& Key() {
  static const RsaSigningKey* key =
      new RsaSigningKey(*RsaSigningKey::Generate());
  return *key;
}

v1::Award Award() {
  v1::Award a;
  a.set_network_id("ks");
  a.set_person_id("person-1");
  a.set_award_id("cloud-1");
  a.set_class_id("cloud");
  a.set_issued_at("2026-11-02T10:00:00Z");
  a.set_position(123456);
  a.add_evidence()->set_narrative("Pidin koulutuksen pilvipalveluista.");
  return a;
}

v1::BadgeClass Class() {
  v1::BadgeClass c;
  c.set_class_id("cloud");
  c.mutable_name()->set_fi("Pilvipalvelut opetuksessa");
  c.mutable_description()->set_fi("Osaa käyttää pilvipalveluja.");
  c.mutable_criteria()->set_fi("Näyttö omasta opetuksesta.");
  c.set_level(v1::COMPETENCE_LEVEL_BASIC);
  return c;
}

std::string Issue() {
  Issuer issuer{"ks", {}};
  issuer.name.set_fi("Keski-Suomi");
  return SignCompactJws(Key(), JoseHeader(kSite, Key()),
                        Ob3Credential(kSite, issuer, Class(), Award(),
                                      "liisa@koulu.example", v1::LANGUAGE_FI));
}

void BM_IssueCredential(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Issue());
}
BENCHMARK(BM_IssueCredential);

void BM_VerifyCredential(benchmark::State& state) {
  const std::string jwt = Issue();
  const nlohmann::json keys = Jwks(kSite, Key());
  for (auto _ : state) {
    Verification v = VerifyCredential(
        {jwt, keys, std::nullopt, "liisa@koulu.example", absl::Now()});
    if (v.verdict != Verification::Verdict::kValid)
      state.SkipWithError("invalid");
  }
}
BENCHMARK(BM_VerifyCredential);

// A list of `bits` bits with one in a thousand revoked.
void BM_EncodeStatusList(benchmark::State& state) {
  std::set<uint64_t> revoked;
  for (uint64_t i = 0; i < static_cast<uint64_t>(state.range(0)); i += 1000) {
    revoked.insert(i);
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(EncodeStatusList(revoked, state.range(0)));
  }
}
BENCHMARK(BM_EncodeStatusList)->Arg(131072)->Arg(16 << 20);

void BM_ReadStatusBit(benchmark::State& state) {
  std::set<uint64_t> revoked;
  for (uint64_t i = 0; i < static_cast<uint64_t>(state.range(0)); i += 1000) {
    revoked.insert(i);
  }
  const std::string list = *EncodeStatusList(revoked, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(StatusBit(list, 5000));
}
BENCHMARK(BM_ReadStatusBit)->Arg(131072)->Arg(16 << 20);

}  // namespace
}  // namespace tutornet::credentials

BENCHMARK_MAIN();
