#include <gtest/gtest.h>
#include "time/timestamp.h"
TEST(Smoke, Builds) { EXPECT_EQ(hk::format_date(0), "1970-01-01"); }
