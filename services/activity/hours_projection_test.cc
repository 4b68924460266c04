// The activity projection's month totals (jt/) and project month index
// (j/), kept as records change, against the same figures recounted from
// the records themselves, over random legal histories.
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/activity/read_model.h"
#include "services/projections/row_store.h"

namespace tutornet::activity {
namespace {

using projections::RowBatch;
using projections::Rows;

const char* const kProjects[] = {"oph", "city"};

// Month totals as the service sends them: the head's bytes, then the
// stored rows', parsed as one message.
bool Assemble(const MonthlyTotalsParts& parts, v1::MonthlyTotals* out) {
  return out->ParseFromString(parts.head.SerializeAsString() + parts.stored);
}

class History {
 public:
  explicit History(uint32_t seed) : random_(seed) {}

  // Applies `event` of `stream`; commits now and then, so that rows are
  // read both from the batch and from the store.
  void Apply(const std::string& stream, const std::string& payload) {
    storage::RecordedEvent r;
    r.position = ++position_;
    r.stream = stream;
    r.payload = payload;
    r.metadata.actor = "coordinator-1";
    r.recorded_at = absl::FromUnixSeconds(1790000000 + position_);
    {
      std::unique_ptr<projections::RowReader> reader = store_->Read();
      Rows rows(*reader, batch_);
      ASSERT_TRUE(projection_.Apply(kActivityLog, r, rows).ok());
    }
    if (random_() % 7 == 0) Commit();
  }
  void Commit() {
    ASSERT_TRUE(store_->Commit(batch_).ok());
    batch_ = RowBatch();
  }

  v1::HourEntry RandomEntry() {
    v1::HourEntry e;
    e.mutable_date()->set_year(2026);
    e.mutable_date()->set_month(9 + random_() % 2);
    e.mutable_date()->set_day(1 + random_() % 28);
    e.set_duration_minutes(15 * (1 + random_() % 8));
    e.set_kind(v1::WORK_KIND_PEER_SUPPORT);
    e.set_project_id(kProjects[random_() % 2]);
    e.set_school_id("school-1");
    return e;
  }

  std::mt19937& random() { return random_; }
  const projections::RowStore& store() const { return *store_; }

 private:
  std::mt19937 random_;
  uint64_t position_ = 0;
  HoursProjection projection_;
  std::unique_ptr<projections::RowStore> store_ =
      projections::NewMemoryRowStore();
  RowBatch batch_;
};

struct Record {
  std::string person, id;
  v1::HourStatus status = v1::HOUR_STATUS_LOGGED;
  int version = 1;
};

v1::HoursEvent Step(const Record& r, int what, History& h) {
  v1::HoursEvent e;
  auto name = [&](auto* step) {
    step->set_person_id(r.person);
    step->set_record_id(r.id);
  };
  switch (what) {
    case 0:
      name(e.mutable_submitted());
      break;
    case 1:
      name(e.mutable_approved());
      break;
    case 2:
      name(e.mutable_returned());
      break;
    case 3:
      name(e.mutable_amended());
      e.mutable_amended()->set_version(r.version + 1);
      *e.mutable_amended()->mutable_entry() = h.RandomEntry();
      break;
    default:
      name(e.mutable_voided());
      break;
  }
  return e;
}

TEST(HoursProjectionTest, MonthTotalsAreTheRecordsRecounted) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    History h(seed);
    for (const char* project : kProjects) {
      v1::ProjectEvent created;
      created.mutable_created()->mutable_project()->set_project_id(project);
      created.mutable_created()->mutable_project()->set_network_id("ks");
      h.Apply(absl::StrCat("project-", project), created.SerializeAsString());
    }
    std::vector<Record> records;
    for (int i = 0; i < 300; ++i) {
      // A new record one time in three, else a legal step of one.
      if (records.empty() || h.random()() % 3 == 0) {
        Record r{absl::StrCat("p-", h.random()() % 5),
                 absl::StrCat("r-", records.size())};
        v1::HoursEvent e;
        e.mutable_logged()->set_person_id(r.person);
        e.mutable_logged()->set_record_id(r.id);
        *e.mutable_logged()->mutable_entry() = h.RandomEntry();
        h.Apply("tutor-" + r.person, e.SerializeAsString());
        records.push_back(r);
        continue;
      }
      Record& r = records[h.random()() % records.size()];
      if (r.status == v1::HOUR_STATUS_VOIDED) continue;
      const int what = h.random()() % 5;
      if ((what == 0 && r.status != v1::HOUR_STATUS_LOGGED &&
           r.status != v1::HOUR_STATUS_RETURNED) ||
          ((what == 1 || what == 2) && r.status != v1::HOUR_STATUS_SUBMITTED)) {
        continue;
      }
      h.Apply("tutor-" + r.person, Step(r, what, h).SerializeAsString());
      if (what == 3) ++r.version;
      const v1::HourStatus next[] = {
          v1::HOUR_STATUS_SUBMITTED, v1::HOUR_STATUS_APPROVED,
          v1::HOUR_STATUS_RETURNED, r.status, v1::HOUR_STATUS_VOIDED};
      r.status = next[what];
    }
    h.Commit();

    // Recount from the records' own rows.
    std::unique_ptr<projections::RowReader> rows = h.store().Read();
    using Totals = std::map<std::string, std::pair<int64_t, int>>;
    std::map<std::pair<std::string, std::string>, Totals> approved, pending;
    std::map<std::pair<std::string, std::string>, std::set<std::string>> listed;
    for (const Record& r : records) {
      absl::StatusOr<std::optional<std::string>> bytes =
          rows->Get(HourRecordKey(r.person, r.id));
      ASSERT_TRUE(bytes.ok() && bytes->has_value());
      v1::HourRecord record;
      ASSERT_TRUE(record.ParseFromString(**bytes));
      ASSERT_EQ(record.status(), r.status);
      const std::pair<std::string, std::string> month{
          record.entry().project_id(),
          absl::StrCat("2026-", record.entry().date().month() < 10 ? "0" : "",
                       record.entry().date().month())};
      listed[month].insert(absl::StrCat(r.person, "/", r.id));
      Totals* into =
          record.status() == v1::HOUR_STATUS_APPROVED ? &approved[month]
          : record.status() == v1::HOUR_STATUS_VOIDED ? nullptr
                                                      : &pending[month];
      if (into == nullptr) continue;
      (*into)[r.person].first += record.entry().duration_minutes();
      (*into)[r.person].second += 1;
    }
    access::Principal admin;
    admin.id = "admin-1";
    admin.role = access::AccessRole::kAdmin;
    for (const char* project : kProjects) {
      for (int m : {9, 10}) {
        const std::pair<std::string, std::string> month{
            project, absl::StrCat("2026-", m < 10 ? "0" : "", m)};
        v1::GetMonthlyTotalsRequest req;
        req.set_project_id(project);
        req.mutable_month()->set_year(2026);
        req.mutable_month()->set_month(m);
        absl::StatusOr<MonthlyTotalsParts> parts =
            GetMonthlyTotals(*rows, admin, req);
        ASSERT_TRUE(parts.ok()) << parts.status();
        v1::MonthlyTotals totals;
        ASSERT_TRUE(Assemble(*parts, &totals));
        auto as_map = [](const auto& list) {
          Totals out;
          for (const v1::PersonMinutes& p : list) {
            out[p.person_id()] = {p.minutes(), p.records()};
          }
          return out;
        };
        EXPECT_EQ(as_map(totals.approved()), approved[month]) << project << m;
        EXPECT_EQ(as_map(totals.pending()), pending[month]) << project << m;
        absl::StatusOr<std::vector<std::string>> index =
            projections::KeySuffixes(
                *rows, absl::StrCat("j/", project, "/", month.second, "/"));
        ASSERT_TRUE(index.ok());
        EXPECT_EQ(std::set<std::string>(index->begin(), index->end()),
                  listed[month]);
      }
    }
  }
}

// Month totals are the jt/ and c/ rows' bytes sent as they are: a month
// closed with no record has its closing alone, and a damaged row is
// refused (DATA_LOSS naming it), never sent.
TEST(MonthTotalsTest, ClosingAloneAndDamagedRowsRefused) {
  std::unique_ptr<projections::RowStore> store =
      projections::NewMemoryRowStore();
  v1::FundedProject project;
  project.mutable_project()->set_project_id("oph");
  project.mutable_project()->set_network_id("ks");
  v1::MonthClosed closing;
  closing.set_project_id("oph");
  closing.mutable_month()->set_year(2026);
  closing.mutable_month()->set_month(9);
  closing.set_position(42);
  auto put = [&](const std::string& key, std::string bytes) {
    RowBatch batch;
    batch.rows[key] = std::move(bytes);
    ASSERT_TRUE(store->Commit(batch).ok());
  };
  put("f/oph", project.SerializeAsString());
  put("c/oph/2026-09", closing.SerializeAsString());
  access::Principal admin;
  admin.id = "admin-1";
  admin.role = access::AccessRole::kAdmin;
  v1::GetMonthlyTotalsRequest req;
  req.set_project_id("oph");
  req.mutable_month()->set_year(2026);
  req.mutable_month()->set_month(9);
  auto totals = [&]() -> absl::StatusOr<v1::MonthlyTotals> {
    absl::StatusOr<MonthlyTotalsParts> parts =
        GetMonthlyTotals(*store->Read(), admin, req);
    if (!parts.ok()) return parts.status();
    v1::MonthlyTotals out;
    if (!Assemble(*parts, &out)) {
      return absl::InternalError("the parts do not parse as one message");
    }
    return out;
  };

  absl::StatusOr<v1::MonthlyTotals> alone = totals();
  ASSERT_TRUE(alone.ok()) << alone.status();
  EXPECT_EQ(alone->project_id(), "oph");
  EXPECT_TRUE(alone->closed());
  EXPECT_EQ(alone->closing().position(), 42u);
  EXPECT_EQ(alone->approved_size(), 0);
  EXPECT_EQ(alone->pending_size(), 0);

  v1::ProjectMonthTotals row;
  v1::PersonMinutes* p = row.add_approved();
  p->set_person_id("person-1");
  p->set_minutes(90);
  p->set_records(2);
  put("jt/oph/2026-09", row.SerializeAsString());
  absl::StatusOr<v1::MonthlyTotals> with_row = totals();
  ASSERT_TRUE(with_row.ok()) << with_row.status();
  ASSERT_EQ(with_row->approved_size(), 1);
  EXPECT_EQ(with_row->approved(0).minutes(), 90);
  EXPECT_EQ(with_row->closing().position(), 42u);

  // Cut short; a field the response makes itself (closed, 5); not the
  // wire format at all.
  const std::string whole = row.SerializeAsString();
  for (const std::string& damaged :
       {whole.substr(0, whole.size() - 3), whole + std::string("\x28\x01"),
        std::string("\xff\xff\xff")}) {
    put("jt/oph/2026-09", damaged);
    EXPECT_EQ(totals().status().code(), absl::StatusCode::kDataLoss);
    EXPECT_THAT(std::string(totals().status().message()),
                ::testing::HasSubstr("jt/oph/2026-09"));
  }
  put("jt/oph/2026-09", whole);
  const std::string closed_row = closing.SerializeAsString();
  put("c/oph/2026-09", closed_row.substr(0, closed_row.size() - 1));
  EXPECT_EQ(totals().status().code(), absl::StatusCode::kDataLoss);
  put("c/oph/2026-09", closed_row);
  EXPECT_TRUE(totals().ok());
}

}  // namespace
}  // namespace tutornet::activity
