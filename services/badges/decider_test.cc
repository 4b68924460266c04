// The badge rules as tables (filled in below).
#include "services/badges/decider.h"

#include "gtest/gtest.h"

namespace tutornet::badges {
namespace {

TEST(LevelBadgeIdTest, NumbersLaterOnes) {
  EXPECT_EQ(LevelBadgeId(v1::COMPETENCE_LEVEL_BASIC, 0), "level-1");
  EXPECT_EQ(LevelBadgeId(v1::COMPETENCE_LEVEL_BASIC, 1), "level-1-2");
}

}  // namespace
}  // namespace tutornet::badges
