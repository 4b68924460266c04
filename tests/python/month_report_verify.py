"""A month report bundle checked in Python, from docs/MONTH_REPORT.md and
docs/STORAGE_FORMAT.md alone: hashlib for SHA-256, the cryptography
package for Ed25519, RFC 9162's proof verification written out below, and
the generated activity messages. It shares no code with tutornet_verify:
the point is that the documented format is enough.

verify(bundle, log_id, public_key) -> (problems, totals per person,
report CSV, corrections CSV).
"""
import hashlib
import re
import struct
from datetime import datetime, timezone

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from tutornet.v1 import activity_pb2

MAGIC = b"tutornet-tree-head-v1\x00"


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(record):
    return sha256(b"\x00" + record)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def root_from_inclusion(index, size, leaf, path):
    """RFC 9162 2.1.3.2."""
    if index >= size:
        raise ValueError("index beyond the tree")
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            raise ValueError("proof too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ValueError("proof too short")
    return r


def consistent(first, second, first_hash, second_hash, path):
    """RFC 9162 2.1.4.2."""
    if first == second:
        return not path and first_hash == second_hash
    if not path or first == 0 or first > second:
        return False
    if first & (first - 1) == 0:
        path = [first_hash] + list(path)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_hash and sr == second_hash and sn == 0


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, n):
        if self.at + n > len(self.data):
            raise ValueError("truncated")
        out = self.data[self.at:self.at + n]
        self.at += n
        return out

    def u(self, fmt):
        return struct.unpack(">" + fmt, self.take(struct.calcsize(fmt)))[0]

    def str(self):
        return self.take(self.u("I"))


def decode_head(data, log_id, public_key):
    """A signed tree head: (tree_size, root), its signature checked."""
    r = Reader(data)
    if r.take(len(MAGIC)) != MAGIC:
        raise ValueError("not a tree head")
    head_log = r.str().decode()
    size, root, _ = r.u("Q"), r.take(32), r.u("q")
    signed, signature = data[:r.at], r.take(64)
    if r.at != len(data) or head_log != log_id:
        raise ValueError("a head of another log")
    Ed25519PublicKey.from_public_bytes(public_key).verify(signature, signed)
    return size, root


def decode_record(position, data):
    r = Reader(data)
    if r.u("B") != 1 or r.u("Q") != position:
        raise ValueError("not the record of its position")
    r.u("Q")  # stream version
    recorded_at = r.u("q")
    r.u("q")
    r.u("I")
    stream, _type, actor = r.str().decode(), r.str(), r.str().decode()
    r.str(), r.str(), r.str()
    payload = r.str()
    if r.at != len(data):
        raise ValueError("trailing bytes")
    return {"position": position, "stream": stream, "actor": actor,
            "recorded_at": recorded_at, "payload": payload}


def csv_field(text):
    if (text[:1] in ("=", "+", "-", "@", "\t", "\r")
            and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text)):
        text = "'" + text
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def verify(bundle, log_id, public_key):
    problems = []
    closed = latest = None
    try:
        closed = decode_head(bundle.closed_head, log_id, public_key)
        latest = decode_head(bundle.latest_head, log_id, public_key)
    except Exception as e:  # noqa: BLE001 - any failure is a finding
        return [f"heads: {e!r}"], {}, "", ""
    if not consistent(closed[0], latest[0], closed[1], latest[1],
                      list(bundle.consistency_proof)):
        problems.append("consistency_proof")

    def proven(name, pr):
        size, root = closed if pr.position <= closed[0] else latest
        try:
            rec = decode_record(pr.position, pr.record)
            if root_from_inclusion(pr.position - 1, size, leaf_hash(pr.record),
                                   list(pr.proof)) != root:
                raise ValueError("root differs")
            return rec
        except Exception as e:  # noqa: BLE001
            problems.append(f"{name} (position {pr.position}): {e}")
            return None

    closing_rec = proven("closing", bundle.closing)
    if closing_rec is None:
        return problems, {}, "", ""
    event = activity_pb2.ProjectEvent.FromString(closing_rec["payload"])
    closing = event.month_closed
    if (closing_rec["stream"] != "project-" + bundle.project_id or
            closing.project_id != bundle.project_id or
            (closing.month.year, closing.month.month) !=
            (bundle.month.year, bundle.month.month) or
            closing.signed_tree_head != bundle.closed_head):
        problems.append("closing is not this month's")

    month = (bundle.month.year, bundle.month.month)
    records, corrections = {}, []

    def counts(r):
        return (r["status"] == "approved" and r["project"] == bundle.project_id
                and r["month"] == month)

    snapshot = None
    for i, pr in enumerate(bundle.records):
        rec = proven(f"records[{i}]", pr)
        if rec is None:
            continue
        if rec["position"] > closing.position and snapshot is None:
            snapshot = {k: dict(v) for k, v in records.items()}
        e = activity_pb2.HoursEvent.FromString(rec["payload"])
        step = e.WhichOneof("event")
        body = getattr(e, step)
        key = (body.person_id, body.record_id)
        r = records.setdefault(key, {"status": None, "project": None,
                                     "month": None, "kind": 0, "minutes": 0})
        before = r["minutes"] if counts(r) else 0
        if step in ("logged", "amended"):
            r.update(project=body.entry.project_id,
                     month=(body.entry.date.year, body.entry.date.month),
                     kind=body.entry.kind, minutes=body.entry.duration_minutes)
        if step != "amended":
            r["status"] = step
        if rec["position"] <= closing.position:
            continue
        after = r["minutes"] if counts(r) else 0
        if any(c.project_id == bundle.project_id and
               (c.month.year, c.month.month) == month for c in body.corrects):
            when = datetime.fromtimestamp(rec["recorded_at"] / 1e6, timezone.utc)
            corrections.append(",".join([
                str(rec["position"]),
                when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                csv_field(body.person_id), csv_field(body.record_id), step,
                csv_field(rec["actor"]), str(after - before),
                csv_field(body.correction_reason)]))
        elif after != before:
            problems.append(f"unmarked change at {rec['position']}")
    if snapshot is None:
        snapshot = records

    totals, rows = {}, {}
    for (person, _), r in snapshot.items():
        if not counts(r):
            continue
        t = totals.setdefault(person, [0, 0])
        t[0] += r["minutes"]
        t[1] += 1
        kind = activity_pb2.WorkKind.Name(r["kind"])[len("WORK_KIND_"):].lower()
        row = rows.setdefault((person, kind), [0, 0])
        row[0] += r["minutes"]
        row[1] += 1
    signed = {t.person_id: [t.minutes, t.records] for t in closing.totals}
    if signed != totals:
        problems.append(f"totals: closing {signed}, records {totals}")
    report = "project_id,month,person_id,work_kind,approved_minutes,records\n"
    for (person, kind), (minutes, n) in sorted(rows.items()):
        report += (f"{csv_field(bundle.project_id)},{month[0]:04d}-{month[1]:02d},"
                   f"{csv_field(person)},{kind},{minutes},{n}\n")
    corrections_csv = ("position,recorded_at,person_id,record_id,step,actor,"
                       "approved_minutes_delta,reason\n" +
                       "".join(line + "\n" for line in corrections))
    if report != bundle.report_csv:
        problems.append("report_csv differs")
    if corrections_csv != bundle.corrections_csv:
        problems.append("corrections_csv differs")
    return problems, totals, report, corrections_csv
