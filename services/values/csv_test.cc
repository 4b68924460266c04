#include "services/values/csv.h"

#include "gtest/gtest.h"

namespace tutornet::values {
namespace {

TEST(CsvFieldTest, QuotesAndDisarmsFormulasButNotNumbers) {
  EXPECT_EQ(CsvField("person-1"), "person-1");
  EXPECT_EQ(CsvField("-15"), "-15");
  EXPECT_EQ(CsvField("-2.5"), "-2.5");
  EXPECT_EQ(CsvField("-2-3"), "'-2-3");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("+1"), "'+1");
  EXPECT_EQ(CsvField("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvField("rivi\nrivi"), "\"rivi\nrivi\"");
  EXPECT_EQ(CsvField(""), "");
}

}  // namespace
}  // namespace tutornet::values
