#include "storage/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tutornet::storage {
namespace {

absl::Status Errno(absl::string_view what, const std::string& path) {
  return absl::FailedPreconditionError(
      absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

}  // namespace

absl::Status MakePrivateDirectory(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot create the private directory ", dir, ": ", error.message()));
  }
  // Owner only, whatever the umask.
  if (::chmod(dir.c_str(), 0700) != 0) {
    return Errno("cannot make private the directory", dir);
  }
  return absl::OkStatus();
}

absl::Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(),
                        O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open the directory", dir);
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Errno("cannot sync the directory", dir);
  return absl::OkStatus();
}

absl::Status WritePrivateFile(const std::string& path,
                              absl::string_view contents) {
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());  // A leftover of a crash while writing.
  const int fd =
      ::open(tmp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) return Errno("cannot create", tmp);
  const bool written = ::write(fd, contents.data(), contents.size()) ==
                           static_cast<ssize_t>(contents.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Errno("cannot write", tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    return Errno("cannot put in place", path);
  }
  return SyncDirectory(std::filesystem::path(path).parent_path().string());
}

absl::StatusOr<std::string> ReadPrivateFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT)
      return absl::NotFoundError(absl::StrCat(path, " is missing"));
    return Errno("cannot read", path);
  }
  if ((st.st_mode & 077) != 0) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "%s may be read or written by others (mode %04o); make it private "
        "with: chmod 600 %s",
        path, st.st_mode & 07777, path));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  if (!in) return Errno("cannot read", path);
  return contents.str();
}

}  // namespace tutornet::storage
