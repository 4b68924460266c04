// Reports as CSV for spreadsheets: any figures message flattened into rows
// of `section,figure,value`, one per figure, e.g.
//
//   today,hours.months[2026-10].kinds[WORK_KIND_PEER_SUPPORT].minutes,150
//
// A repeated message is labelled by its first field (a name, an enum, a
// month or a day), dates read YYYY-MM-DD and months YYYY-MM. Every figure
// is there, zeros too (unlike protobuf's JSON); parts not set are not.
// Lines end in LF. Text that a
// spreadsheet would run as a formula gets a leading apostrophe; fields are
// quoted as RFC 4180 says.
#ifndef TUTORNET_TOOLS_TUTORNETCTL_FIGURES_CSV_H_
#define TUTORNET_TOOLS_TUTORNETCTL_FIGURES_CSV_H_

#include <string>

#include "google/protobuf/message.h"

namespace tutornet::ctl {

inline constexpr char kFiguresCsvHeader[] = "section,figure,value\n";

// The rows of `figures` under `section` ("today", "as of 2017-12-31").
std::string FiguresCsv(const std::string& section,
                       const google::protobuf::Message& figures);

}  // namespace tutornet::ctl

#endif  // TUTORNET_TOOLS_TUTORNETCTL_FIGURES_CSV_H_
