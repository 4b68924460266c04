// A directory under $TMPDIR (or /tmp) that is removed with everything in it
// when the object goes out of scope.
#ifndef TUTORNET_TESTS_SUPPORT_TEMP_DIR_H_
#define TUTORNET_TESTS_SUPPORT_TEMP_DIR_H_

#include <string>

namespace tutornet::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // A path inside the directory.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace tutornet::testing

#endif  // TUTORNET_TESTS_SUPPORT_TEMP_DIR_H_
