// A protobuf message from text format, for tables in tests: a text that
// does not parse fails the test (and names the text).
#ifndef TUTORNET_TESTS_SUPPORT_TEXT_PROTO_H_
#define TUTORNET_TESTS_SUPPORT_TEXT_PROTO_H_

#include <string>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tutornet::testing {

template <typename Message>
Message ParseTextProto(const std::string& text) {
  Message m;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &m)) << text;
  return m;
}

}  // namespace tutornet::testing

#endif  // TUTORNET_TESTS_SUPPORT_TEXT_PROTO_H_
