// WrittenKeys: every key added is held, across its parts; keys never
// added pass rarely; its memory follows the keys.
#include "services/projections/written_keys.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace tutornet::projections {
namespace {

TEST(WrittenKeysTest, HoldsEveryKeyAddedAndFewOthers) {
  WrittenKeys keys;
  EXPECT_FALSE(keys.MayHold("hm/n01/p1/2024-09"));
  constexpr int kAdded = 300000;  // Past the first parts.
  for (int i = 0; i < kAdded; ++i) keys.Add(absl::StrCat("hm/n01/p", i));
  for (int i = 0; i < kAdded; ++i) {
    ASSERT_TRUE(keys.MayHold(absl::StrCat("hm/n01/p", i))) << i;
  }
  int passed = 0;
  constexpr int kOthers = 100000;
  for (int i = 0; i < kOthers; ++i) {
    passed += keys.MayHold(absl::StrCat("hs/n01/s", i));
  }
  // About 1 % a part, three parts: well under 5 % in all.
  EXPECT_LT(passed, kOthers / 20);
  // About 12 bits a key, and the last part is up to half empty.
  EXPECT_LT(keys.bytes(), size_t{kAdded} * 12 / 8 * 2);
}

}  // namespace
}  // namespace tutornet::projections
