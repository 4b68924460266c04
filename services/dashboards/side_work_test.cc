#include "services/dashboards/side_work.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace tutornet::dashboards {
namespace {

TEST(SideWorkTest, WaitGivesThePartsStatus) {
  SideWork::Handle ok = SideWork::Start([] { return absl::OkStatus(); });
  SideWork::Handle refused =
      SideWork::Start([] { return absl::NotFoundError("no such school"); });
  EXPECT_TRUE(ok.Wait().ok());
  EXPECT_EQ(refused.Wait(), absl::NotFoundError("no such school"));
}

TEST(SideWorkTest, AHandleLeftUnwaitedStillWaitsForItsPart) {
  std::atomic<int> runs{0};
  {
    SideWork::Handle h = SideWork::Start([&] {
      absl::SleepFor(absl::Milliseconds(20));
      runs.fetch_add(1);
      return absl::OkStatus();
    });
  }  // The caller leaves early (an error of its own): the part has run.
  EXPECT_EQ(runs.load(), 1);
}

// With every standing thread held, a caller runs its own part: it does not
// wait behind other calls' parts.
TEST(SideWorkTest, ACallerRunsItsPartWhenNoThreadIsFree) {
  absl::Notification release;
  std::vector<SideWork::Handle> held;
  for (unsigned i = 0; i < std::max(2u, std::thread::hardware_concurrency());
       ++i) {
    held.push_back(SideWork::Start([&] {
      release.WaitForNotification();
      return absl::OkStatus();
    }));
  }
  std::thread::id ran_on;
  SideWork::Handle mine = SideWork::Start([&] {
    ran_on = std::this_thread::get_id();
    return absl::OkStatus();
  });
  // The threads take parts in order: each is held by one of the parts
  // before, so no thread can take this one.
  EXPECT_TRUE(mine.Wait().ok());
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  release.Notify();
  for (SideWork::Handle& h : held) EXPECT_TRUE(h.Wait().ok());
}

TEST(SideWorkTest, EveryPartOfManyCallersRunsOnce) {
  std::atomic<int> runs{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 8; ++c) {
    callers.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        SideWork::Handle a = SideWork::Start([&] {
          runs.fetch_add(1);
          return absl::OkStatus();
        });
        SideWork::Handle b = SideWork::Start([&] {
          runs.fetch_add(1);
          return absl::OkStatus();
        });
        EXPECT_TRUE(a.Wait().ok());
        EXPECT_TRUE(b.Wait().ok());
      }
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(runs.load(), 8 * 200 * 2);
}

}  // namespace
}  // namespace tutornet::dashboards
