// Projection: a read model as a pure function that applies recorded events
// to rows. It reads and writes rows only through `Rows`, never the clock,
// the network or another store, so applying the same events to the same
// rows gives the same rows: that is what makes rebuilds, as-of replays and
// crash recovery give the same answers as incremental application.
//
// A Projector (projector.h) feeds it from one or more logs and keeps its
// rows and checkpoints; queries read its rows through a RowReader.
#ifndef TUTORNET_SERVICES_PROJECTIONS_PROJECTION_H_
#define TUTORNET_SERVICES_PROJECTIONS_PROJECTION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message_lite.h"
#include "services/projections/row_store.h"
#include "storage/event.h"

namespace tutornet::projections {

class WrittenKeys;  // written_keys.h

// DATA_LOSS: the row at `key` does not parse as what it should hold.
absl::Status CorruptRow(absl::string_view key);
// DATA_LOSS: the row at `key`, which an event presupposes, is missing.
absl::Status MissingRow(absl::string_view key);
// DATA_LOSS: the event at `position` is not a `type`.
absl::Status UnreadableEvent(uint64_t position, absl::string_view type);

// The recorded event's payload as an Event (a context's event oneof);
// DATA_LOSS naming its position when it does not parse.
template <typename Event>
absl::StatusOr<Event> ParseEvent(const storage::RecordedEvent& recorded) {
  Event event;
  if (!event.ParseFromString(recorded.payload)) {
    return UnreadableEvent(recorded.position, Event::descriptor()->name());
  }
  return event;
}

// The row `value` at `key` parsed into `out`; DATA_LOSS when it does not
// parse.
template <typename Message>
absl::Status ParseRow(absl::string_view key, absl::string_view value,
                      Message* out) {
  if (!out->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return CorruptRow(key);
  }
  return absl::OkStatus();
}

// The row at `key` as a Message (for queries); nullopt when there is none,
// DATA_LOSS when it does not parse.
template <typename Message>
absl::StatusOr<std::optional<Message>> ReadRow(const RowReader& rows,
                                               absl::string_view key) {
  absl::StatusOr<std::optional<std::string>> bytes = rows.Get(key);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return std::nullopt;
  Message m;
  if (absl::Status s = ParseRow(key, **bytes, &m); !s.ok()) return s;
  return m;
}

// Every row under `prefix`, parsed as Message, in key order; stops at the
// first that does not parse (DATA_LOSS).
template <typename Message>
absl::Status ScanRows(
    const RowReader& rows, absl::string_view prefix,
    absl::FunctionRef<void(absl::string_view key, Message)> visit) {
  absl::Status parsed;
  absl::Status scanned = rows.Scan(
      prefix, prefix, [&](absl::string_view key, absl::string_view v) {
        Message m;
        parsed = ParseRow(key, v, &m);
        if (!parsed.ok()) return false;
        visit(key, std::move(m));
        return true;
      });
  return scanned.ok() ? parsed : scanned;
}

// ScanRows for a visitor that only reads each row: one message is parsed
// into again and again, so a scan of many small rows allocates little.
template <typename Message>
absl::Status VisitRows(
    const RowReader& rows, absl::string_view prefix,
    absl::FunctionRef<void(absl::string_view key, const Message&)> visit) {
  absl::Status parsed;
  Message m;
  absl::Status scanned = rows.Scan(
      prefix, prefix, [&](absl::string_view key, absl::string_view v) {
        parsed = ParseRow(key, v, &m);
        if (!parsed.ok()) return false;
        visit(key, m);
        return true;
      });
  return scanned.ok() ? parsed : scanned;
}

// The keys under `prefix`, each with `prefix` removed, in key order: the
// ids an index row names.
absl::StatusOr<std::vector<std::string>> KeySuffixes(const RowReader& rows,
                                                     absl::string_view prefix);

// The rows as a projection sees them while applying a batch: the store's
// rows with the batch's own earlier changes on top. `recent`, if given,
// holds rows the store has just committed (read from memory before the
// store). `written`, if given, learns every key written, and a key it
// has never seen is not looked up in the store (WrittenKeys: the store
// began empty, and these rows are its only writer). Not thread-safe.
class Rows {
 public:
  Rows(const RowReader& base, RowBatch& batch, const RowBatch* recent = nullptr,
       WrittenKeys* written = nullptr)
      : base_(base), batch_(batch), recent_(recent), written_(written) {}

  absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) const;
  void Put(absl::string_view key, std::string value);
  void Delete(absl::string_view key);

  // Typed rows: a message serialised as the value. DATA_LOSS for a row
  // that does not parse.
  template <typename Message>
  absl::StatusOr<std::optional<Message>> GetMessage(
      absl::string_view key) const {
    absl::StatusOr<std::optional<std::string>> bytes = Get(key);
    if (!bytes.ok()) return bytes.status();
    if (!bytes->has_value()) return std::nullopt;
    Message m;
    if (!m.ParseFromString(**bytes)) return CorruptRow(key);
    return m;
  }
  // A row an event presupposes (its stream's earlier event made it):
  // DATA_LOSS "no row <key> for its event" when it is missing, for a log
  // holding an event about something it never created.
  template <typename Message>
  absl::StatusOr<Message> GetExisting(absl::string_view key) const {
    absl::StatusOr<std::optional<Message>> m = GetMessage<Message>(key);
    if (!m.ok()) return m.status();
    if (!m->has_value()) return MissingRow(key);
    return **std::move(m);
  }
  void PutMessage(absl::string_view key,
                  const google::protobuf::MessageLite& m) {
    Put(key, m.SerializeAsString());
  }

  // The row at `key` to change in place: parsed at its first use in the
  // batch and serialised when the batch is committed, so a row that many
  // events of a batch change is parsed and written once. Empty when there
  // is no row (write something, or Delete it). The pointer is valid until
  // the row is Put or Deleted, or the batch ends: within one Apply. A row
  // is held as one message type: asked for as another, it is parsed again
  // from the first's bytes and the first's pointer is no longer the row.
  // DATA_LOSS for a row that does not parse.
  template <typename Message>
  absl::StatusOr<Message*> Mutable(absl::string_view key) {
    if (auto it = batch_.messages.find(key); it != batch_.messages.end()) {
      if (auto* held = dynamic_cast<Message*>(it->second)) {
        batch_.bytes += kChangeBytes;
        return held;
      }
    }
    auto* m = google::protobuf::Arena::CreateMessage<Message>(arena());
    absl::StatusOr<size_t> loaded = Load(key, *m);
    if (!loaded.ok()) return loaded.status();
    Hold(key, m, *loaded);
    return m;
  }
  // Mutable for a row the projection knows is new (an id the decider
  // refused to reuse): not looked up, which in a rebuild is the costliest
  // read, a miss.
  template <typename Message>
  Message* Fresh(absl::string_view key) {
    auto* m = google::protobuf::Arena::CreateMessage<Message>(arena());
    Hold(key, m, 0);
    return m;
  }

 private:
  // What a held row is counted to grow by at each use (a step added to a
  // record's history, a tutor to a month): its size is known only when it
  // is serialised, and a batch commits by size.
  static constexpr size_t kChangeBytes = 48;

  // Parses the row at `key` into `into` (left empty when there is none);
  // its size in bytes.
  absl::StatusOr<size_t> Load(absl::string_view key,
                              google::protobuf::MessageLite& into) const;
  // Keeps `m` as the row at `key`, in place of a change to it.
  void Hold(absl::string_view key, google::protobuf::MessageLite* m,
            size_t bytes);
  google::protobuf::Arena* arena();

  const RowReader& base_;
  RowBatch& batch_;
  const RowBatch* recent_;
  WrittenKeys* written_;
};

class Projection {
 public:
  virtual ~Projection() = default;
  // Names the projection (and its directory): [a-z0-9-]+.
  virtual std::string name() const = 0;
  // The logs it reads, by name ("registry", "people", ...).
  virtual std::vector<std::string> sources() const = 0;
  // The version of the rows Apply writes: raise it when Apply changes
  // what it writes, and a projector whose copy an older version made
  // rebuilds it from the logs when it starts (docs/ARCHITECTURE.md).
  virtual int version() const { return 1; }
  // Applies one event of `log`. Events it does not know are ignored (OK).
  // An error stops the projection: it means the log holds something the
  // projection cannot make sense of (DATA_LOSS).
  virtual absl::Status Apply(absl::string_view log,
                             const storage::RecordedEvent& event,
                             Rows& rows) const = 0;
};

}  // namespace tutornet::projections

#endif  // TUTORNET_SERVICES_PROJECTIONS_PROJECTION_H_
