#include "tools/tutornetctl/figures_csv.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "services/values/csv.h"
#include "tutornet/v1/activity.pb.h"
#include "tutornet/v1/common.pb.h"

namespace tutornet::ctl {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A date or month as text; empty for other messages.
std::string CalendarText(const Message& m) {
  if (m.GetDescriptor() == v1::Date::descriptor()) {
    const auto& d = static_cast<const v1::Date&>(m);
    return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
  }
  if (m.GetDescriptor() == v1::Month::descriptor()) {
    const auto& d = static_cast<const v1::Month&>(m);
    return absl::StrFormat("%04d-%02d", d.year(), d.month());
  }
  return "";
}

std::string ScalarText(const Message& m, const FieldDescriptor* f, int i) {
  const Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, f, i)
                              : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r->GetRepeatedInt64(m, f, i)
                              : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(m, f, i)
                              : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(m, f, i)
                              : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrFormat(
          "%.2f", rep ? r->GetRepeatedDouble(m, f, i) : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrFormat(
          "%.2f", rep ? r->GetRepeatedFloat(m, f, i) : r->GetFloat(m, f));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, i) : r->GetBool(m, f)) ? "true"
                                                                    : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return (rep ? r->GetRepeatedEnum(m, f, i) : r->GetEnum(m, f))->name();
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, f, i) : r->GetString(m, f);
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "";
}

// A repeated message's label: its first field's value, if it has one.
std::string LabelOf(const Message& m, int index) {
  const FieldDescriptor* first = m.GetDescriptor()->field(0);
  if (first != nullptr && !first->is_repeated()) {
    if (first->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      const std::string text =
          CalendarText(m.GetReflection()->GetMessage(m, first));
      if (!text.empty()) return text;
    } else {
      const std::string text = ScalarText(m, first, 0);
      if (!text.empty()) return text;
    }
  }
  return absl::StrCat(index);
}

void Flatten(const Message& m, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& rows,
             bool labelled = false) {
  const std::string calendar = CalendarText(m);
  if (!calendar.empty()) {
    rows.push_back({prefix, calendar});
    return;
  }
  // Every field: a zero is a figure too (repeated ones as they are).
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < m.GetDescriptor()->field_count(); ++i) {
    fields.push_back(m.GetDescriptor()->field(i));
  }
  for (const FieldDescriptor* f : fields) {
    // A labelled item's first field is its label already.
    if (labelled && f->index() == 0) continue;
    const std::string name =
        prefix.empty() ? f->name() : absl::StrCat(prefix, ".", f->name());
    const Reflection* r = m.GetReflection();
    if (!f->is_repeated()) {
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
          !r->HasField(m, f)) {
        continue;
      }
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        Flatten(r->GetMessage(m, f), name, rows);
      } else {
        rows.push_back({name, ScalarText(m, f, 0)});
      }
      continue;
    }
    for (int i = 0; i < r->FieldSize(m, f); ++i) {
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        const Message& item = r->GetRepeatedMessage(m, f, i);
        const std::string label = LabelOf(item, i);
        Flatten(item, absl::StrCat(name, "[", label, "]"), rows,
                label != absl::StrCat(i));
      } else {
        rows.push_back({absl::StrCat(name, "[", i, "]"), ScalarText(m, f, i)});
      }
    }
  }
}

}  // namespace

std::string FiguresCsv(const std::string& section, const Message& figures) {
  std::vector<std::pair<std::string, std::string>> rows;
  Flatten(figures, "", rows);
  std::string out;
  for (const auto& [figure, value] : rows) {
    absl::StrAppend(&out, values::CsvField(section), ",",
                    values::CsvField(figure), ",", values::CsvField(value),
                    "\n");
  }
  return out;
}

}  // namespace tutornet::ctl
