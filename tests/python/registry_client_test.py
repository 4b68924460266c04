#!/usr/bin/python3
"""A Python client, generated from the same protos, against a real tutornetd.

Starts tutornetd on 127.0.0.1 with a free port in a temporary data
directory, then as a client: checks gRPC health, creates a network, adds a
region, reads its own write with the position token, retries a request,
and is refused without a token; then walks an hour record through its
life: log -> submit -> approve -> amend with a reason, and reads its
history with both versions; closes the month, corrects it, and checks
the funder's report bundle with month_report_verify.py, a verifier
written in Python from the docs alone. Stops the server it started, by
its PID.

Usage: registry_client_test.py TUTORNETD PROTO_DIR
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest

from grpc_tools import protoc
import grpc

TUTORNETD, PROTO_DIR = sys.argv[1], sys.argv[2]
HEALTH_PROTO_DIR = "/usr/share/grpc-proto"


def generate_stubs(out_dir):
    """Generates Python modules; health goes under a flat name, because a
    generated grpc/health/... package would be shadowed by grpc itself."""
    for proto, include in [
        ("tutornet/v1/common.proto", PROTO_DIR),
        ("tutornet/v1/registry.proto", PROTO_DIR),
        ("tutornet/v1/registry_service.proto", PROTO_DIR),
        ("tutornet/v1/activity.proto", PROTO_DIR),
        ("tutornet/v1/month_report.proto", PROTO_DIR),
        ("tutornet/v1/transparency_service.proto", PROTO_DIR),
        ("tutornet/v1/activity_service.proto", PROTO_DIR),
    ]:
        if protoc.main(["protoc", f"-I{include}", f"--python_out={out_dir}",
                        f"--grpc_python_out={out_dir}", proto]) != 0:
            raise RuntimeError(f"protoc failed for {proto}")
    health_src = os.path.join(HEALTH_PROTO_DIR, "grpc/health/v1/health.proto")
    flat = os.path.join(out_dir, "health_check.proto")
    with open(health_src) as src, open(flat, "w") as dst:
        dst.write(src.read())
    if protoc.main(["protoc", f"-I{out_dir}", f"--python_out={out_dir}",
                    f"--grpc_python_out={out_dir}", "health_check.proto"]) != 0:
        raise RuntimeError("protoc failed for health")
    sys.path.insert(0, out_dir)


class RegistryClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        generate_stubs(os.path.join(cls.tmp.name))
        data_dir = os.path.join(cls.tmp.name, "data")
        cls.server = subprocess.Popen(
            [TUTORNETD, f"--data_dir={data_dir}", "--listen=127.0.0.1:0",
             "--http_listen=127.0.0.1:0"],
            stdout=subprocess.PIPE, text=True)
        line = cls.server.stdout.readline()
        match = re.search(r"serving on (127\.0\.0\.1:\d+)", line)
        if not match:
            cls.server.kill()
            raise RuntimeError(f"tutornetd did not start: {line!r}")
        cls.address = match.group(1)
        with open(os.path.join(data_dir, "admin.token")) as f:
            cls.token = f.read().strip()
        cls.channel = grpc.insecure_channel(cls.address)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.server.send_signal(signal.SIGTERM)
        try:
            cls.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            cls.server.kill()
            cls.server.wait()
        cls.tmp.cleanup()

    def auth(self):
        return (("authorization", f"Bearer {self.token}"),)

    def test_scenario(self):
        import health_check_pb2
        import health_check_pb2_grpc
        from tutornet.v1 import common_pb2, registry_pb2, registry_service_pb2, registry_service_pb2_grpc

        health = health_check_pb2_grpc.HealthStub(self.channel)
        reply = health.Check(health_check_pb2.HealthCheckRequest(), timeout=10)
        self.assertEqual(reply.status, health_check_pb2.HealthCheckResponse.SERVING)

        registry = registry_service_pb2_grpc.RegistryServiceStub(self.channel)
        create = registry_service_pb2.CreateNetworkRequest(
            header=common_pb2.RequestHeader(request_id="py-1"),
            command=registry_pb2.CreateNetwork(
                network_id="py", name=common_pb2.LocalizedText(fi="Python-verkosto"),
                coordinating_municipality_id="jyvaskyla"))
        first = registry.CreateNetwork(create, metadata=self.auth(), timeout=10)
        retry = registry.CreateNetwork(create, metadata=self.auth(), timeout=10)
        self.assertTrue(retry.deduplicated)
        self.assertEqual(retry.position_token, first.position_token)

        added = registry.AddRegion(
            registry_service_pb2.AddRegionRequest(
                header=common_pb2.RequestHeader(request_id="py-2", exact=1),
                command=registry_pb2.AddRegion(
                    network_id="py", region_id="py-1",
                    name=common_pb2.LocalizedText(sv="Region"))),
            metadata=self.auth(), timeout=10)
        network = registry.GetNetwork(
            registry_service_pb2.GetNetworkRequest(network_id="py",
                                                   position_tokens=[added.position_token]),
            metadata=self.auth(), timeout=10)
        self.assertEqual(network.version, 2)
        self.assertEqual(network.history[1].region_added.region_id, "py-1")

        # A version conflict carries the stream's current version as a typed
        # detail in the "grpc-status-details-bin" trailer.
        with self.assertRaises(grpc.RpcError) as conflict:
            registry.AddRegion(
                registry_service_pb2.AddRegionRequest(
                    header=common_pb2.RequestHeader(request_id="py-3", exact=1),
                    command=registry_pb2.AddRegion(
                        network_id="py", region_id="py-2",
                        name=common_pb2.LocalizedText(fi="Alue"))),
                metadata=self.auth(), timeout=10)
        self.assertEqual(conflict.exception.code(), grpc.StatusCode.ABORTED)
        details = dict(conflict.exception.trailing_metadata())["grpc-status-details-bin"]
        status = common_pb2.RpcStatus.FromString(details)
        wrong = common_pb2.WrongExpectedVersion()
        self.assertTrue(status.details[0].Unpack(wrong))
        self.assertEqual(wrong.current_version, 2)
        self.assertEqual(wrong.expected_exact, 1)
        self.assertEqual(wrong.stream, "network-py")

        with self.assertRaises(grpc.RpcError) as refused:
            registry.GetNetwork(registry_service_pb2.GetNetworkRequest(network_id="py"),
                                timeout=10)
        self.assertEqual(refused.exception.code(), grpc.StatusCode.UNAUTHENTICATED)

    def test_hours_scenario(self):
        from tutornet.v1 import (activity_pb2, activity_service_pb2,
                                 activity_service_pb2_grpc, common_pb2,
                                 registry_pb2, registry_service_pb2,
                                 registry_service_pb2_grpc)
        registry = registry_service_pb2_grpc.RegistryServiceStub(self.channel)
        activity = activity_service_pb2_grpc.ActivityServiceStub(self.channel)
        header = lambda rq: common_pb2.RequestHeader(request_id=rq)
        day = lambda y, m, d: common_pb2.Date(year=y, month=m, day=d)
        fi = lambda text: common_pb2.LocalizedText(fi=text)
        call = lambda method, request: method(request, metadata=self.auth(), timeout=10)

        call(registry.CreateNetwork, registry_service_pb2.CreateNetworkRequest(
            header=header("h-1"), command=registry_pb2.CreateNetwork(
                network_id="pyh", name=fi("Tuntiverkosto"),
                coordinating_municipality_id="jamsa")))
        call(registry.AddRegion, registry_service_pb2.AddRegionRequest(
            header=header("h-2"), command=registry_pb2.AddRegion(
                network_id="pyh", region_id="etela", name=fi("Etelä"))))
        call(registry.AssignMunicipality, registry_service_pb2.AssignMunicipalityRequest(
            header=header("h-3"), command=registry_pb2.AssignMunicipality(
                network_id="pyh", municipality_id="jamsa", name=fi("Jämsä"),
                region_id="etela", effective=day(2020, 1, 1))))
        call(registry.RegisterSchool, registry_service_pb2.RegisterSchoolRequest(
            header=header("h-4"), command=registry_pb2.RegisterSchool(
                network_id="pyh", school_id="jamsa-1", name=fi("Jämsän koulu"),
                municipality_id="jamsa", language=registry_pb2.LANGUAGE_FI,
                levels=[registry_pb2.EDUCATION_LEVEL_BASIC])))
        appointed = call(registry.AppointRole, registry_service_pb2.AppointRoleRequest(
            header=header("h-5"), command=registry_pb2.AppointRole(
                network_id="pyh", appointment_id="tutor-1", person_id="py-tutor",
                role=registry_pb2.ROLE_TUTOR_TEACHER,
                scope=registry_pb2.Scope(school_ids=["jamsa-1"]),
                start=day(2026, 1, 1))))
        call(activity.CreateFundedProject, activity_service_pb2.CreateFundedProjectRequest(
            header=header("h-6"), command=activity_pb2.CreateFundedProject(
                project_id="oph-py", network_id="pyh", name=fi("Tutortoiminta"),
                funder=activity_pb2.Funder(kind=activity_pb2.FUNDER_KIND_STATE_AGENCY,
                                           name="Opetushallitus",
                                           decision_number="OPH 73/570/2016"),
                start=day(2026, 1, 1), end=day(2026, 12, 31))))

        entry = activity_pb2.HourEntry(
            date=day(2026, 10, 5), start_minute=9 * 60, duration_minutes=60,
            school_id="jamsa-1", kind=activity_pb2.WORK_KIND_PEER_SUPPORT,
            theme="Pilvipalvelut", teachers_reached=3, project_id="oph-py")
        # The appointment's token: the activity service's view of the
        # registry has it before the rule is checked.
        logged = call(activity.LogHours, activity_service_pb2.LogHoursRequest(
            header=common_pb2.RequestHeader(
                request_id="h-7", position_tokens=[appointed.position_token]),
            command=activity_pb2.LogHours(person_id="py-tutor", record_id="r-1",
                                          entry=entry)))
        self.assertTrue(logged.position_token.startswith("activity:"))
        call(activity.SubmitHours, activity_service_pb2.SubmitHoursRequest(
            header=header("h-8"),
            command=activity_pb2.SubmitHours(person_id="py-tutor", record_id="r-1")))
        call(activity.ApproveHours, activity_service_pb2.ApproveHoursRequest(
            header=header("h-9"),
            command=activity_pb2.ApproveHours(person_id="py-tutor", record_id="r-1")))
        shorter = activity_pb2.HourEntry()
        shorter.CopyFrom(entry)
        shorter.duration_minutes = 45
        amended = call(activity.AmendHours, activity_service_pb2.AmendHoursRequest(
            header=header("h-10"),
            command=activity_pb2.AmendHours(person_id="py-tutor", record_id="r-1",
                                            entry=shorter, reason="Kesto 45 min")))

        record = call(activity.GetHourRecord, activity_service_pb2.GetHourRecordRequest(
            position_tokens=[amended.position_token], person_id="py-tutor",
            record_id="r-1"))
        self.assertEqual(record.version, 2)
        self.assertEqual(record.status, activity_service_pb2.HOUR_STATUS_APPROVED)
        versions = [(s.version, s.entry.duration_minutes, s.reason)
                    for s in record.history if s.HasField("entry")]
        self.assertEqual(versions, [(1, 60, ""), (2, 45, "Kesto 45 min")])
        self.assertEqual([s.kind for s in record.history], [
            activity_service_pb2.HOUR_STEP_KIND_LOGGED,
            activity_service_pb2.HOUR_STEP_KIND_SUBMITTED,
            activity_service_pb2.HOUR_STEP_KIND_APPROVED,
            activity_service_pb2.HOUR_STEP_KIND_AMENDED])
        self.assertEqual(record.placement.region_id, "etela")

        # October closed, then corrected: the funder's bundle checks out with
        # a verifier written in Python from the docs alone.
        import month_report_verify
        from tutornet.v1 import transparency_service_pb2, transparency_service_pb2_grpc
        october = activity_pb2.Month(year=2026, month=10)
        call(activity.CloseMonth, activity_service_pb2.CloseMonthRequest(
            header=header("h-11"),
            command=activity_pb2.CloseMonth(project_id="oph-py", month=october)))
        shortest = activity_pb2.HourEntry()
        shortest.CopyFrom(entry)
        shortest.duration_minutes = 30
        corrected = call(activity.AmendHours, activity_service_pb2.AmendHoursRequest(
            header=header("h-12"),
            command=activity_pb2.AmendHours(
                person_id="py-tutor", record_id="r-1", entry=shortest,
                reason="Kesto 30 min",
                correction=activity_pb2.Correction(month=october,
                                                   reason="Väärä kesto, korjattu"))))
        bundle = call(activity.GetMonthReport, activity_service_pb2.GetMonthReportRequest(
            position_tokens=[corrected.position_token], project_id="oph-py",
            month=october))
        logs = call(transparency_service_pb2_grpc.TransparencyServiceStub(self.channel).ListLogs,
                    transparency_service_pb2.ListLogsRequest())
        key = next(info for info in logs.logs if info.log == "activity")
        problems, totals, report, corrections = month_report_verify.verify(
            bundle, key.log_id, key.public_key)
        self.assertEqual(problems, [])
        self.assertEqual(totals, {"py-tutor": [45, 1]})
        self.assertIn("oph-py,2026-10,py-tutor,peer_support,45,1\n", report)
        self.assertIn(",py-tutor,r-1,amended,", corrections)
        self.assertIn(',-15,"Väärä kesto, korjattu"\n', corrections)
        tampered = type(bundle)()
        tampered.CopyFrom(bundle)
        changed = bytearray(tampered.records[0].record)
        changed[-1] ^= 1
        tampered.records[0].record = bytes(changed)
        problems, _, _, _ = month_report_verify.verify(tampered, key.log_id, key.public_key)
        self.assertTrue(any("records[0]" in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
