// A funder's monthly report, computed from hour events alone: the server
// that writes a report bundle and tutornet_verify that checks one compute
// it with this same code, from the same records.
//
// A record counts for a project's month when, folded up to the position
// the month's totals were read at (MonthClosed.position), it is approved
// and its current version names the project and a day of the month. A
// step after that position that changes the month's approved minutes is a
// correction, and must say so (`corrects`).
//
// Pure; not thread-safe (one report per thread).
#ifndef TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_H_
#define TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "storage/event.h"
#include "tutornet/v1/activity.pb.h"
#include "tutornet/v1/activity_service.pb.h"

namespace tutornet::activity {

// The header lines of the two CSV files (docs/MONTH_REPORT.md).
inline constexpr char kReportCsvHeader[] =
    "project_id,month,person_id,work_kind,approved_minutes,records";
inline constexpr char kCorrectionsCsvHeader[] =
    "position,recorded_at,person_id,record_id,step,actor,"
    "approved_minutes_delta,reason";

class MonthReport {
 public:
  // `closed_at`: the log position the month's totals were read at.
  MonthReport(std::string project_id, v1::Month month, uint64_t closed_at);

  // Feeds one event of a `tutor-<person>` stream, in log order (positions
  // increasing). INVALID_ARGUMENT, naming the position, for an event out
  // of order, of another stream, not an hours event of its stream's
  // person, or a step the rules would not take next (so a step left out
  // between two given ones shows).
  absl::Status Add(const storage::RecordedEvent& event);

  // Approved minutes and records per person and kind of work, as closed;
  // sorted by person, then kind.
  std::string ReportCsv() const;
  // The corrections since the closing, in log order.
  std::string CorrectionsCsv() const;
  // Approved minutes and records per person, as closed (what
  // MonthClosed.totals must say); sorted by person.
  std::vector<v1::PersonMinutes> Totals() const;
  // Steps after the closing that change the month's approved minutes
  // without saying they correct it (none from a sound log).
  const std::vector<std::string>& Unmarked() const { return unmarked_; }

  // What a bundle must hold: the positions of every step, up to the
  // closing, of each record counted, and of every step, up to its last
  // correction, of each record corrected; in log order.
  std::vector<uint64_t> Evidence() const;
  int64_t corrections() const { return static_cast<int64_t>(rows_.size()); }
  // The corrections' changes to the approved minutes, summed.
  int64_t corrected_minutes() const { return corrected_minutes_; }

 private:
  struct Record {
    v1::HourStatus status = v1::HOUR_STATUS_UNSPECIFIED;
    int32_t version = 0;
    bool amended_since_return = false;
    std::string project_id;
    int year = 0;
    int month = 0;
    v1::WorkKind kind = v1::WORK_KIND_UNSPECIFIED;
    int64_t minutes = 0;
    std::vector<uint64_t> positions;
    // As closed: whether it counted, and its kind and minutes then.
    bool counted = false;
    v1::WorkKind counted_kind = v1::WORK_KIND_UNSPECIFIED;
    int64_t counted_minutes = 0;
    uint64_t last_correction = 0;  // 0: none.
  };
  struct CorrectionRow {
    uint64_t position;
    std::string line;
  };
  using RecordKey = std::pair<std::string, std::string>;  // person, record

  // OK if the rules take step `e` on a record in state `r`.
  static absl::Status Allowed(const v1::HoursEvent& e, const Record& r);
  // Whether the record counts for the month as it stands now.
  bool Counts(const Record& r) const;
  // Minutes the record adds to the month's approved total now.
  int64_t ApprovedHere(const Record& r) const;
  // Takes the records as they stand as the closed ones (once).
  void CloseBooks();
  // How a record stood at the closing.
  struct Closed {
    bool counted;
    v1::WorkKind kind;
    int64_t minutes;
  };
  Closed AsClosed(const Record& r) const;

  const std::string project_id_;
  const v1::Month month_;
  const uint64_t closed_at_;
  uint64_t last_position_ = 0;
  bool closed_ = false;  // Records' `counted` set.
  std::map<RecordKey, Record> records_;
  std::vector<CorrectionRow> rows_;
  std::vector<std::string> unmarked_;
  int64_t corrected_minutes_ = 0;
};

}  // namespace tutornet::activity

#endif  // TUTORNET_SERVICES_ACTIVITY_MONTH_REPORT_H_
