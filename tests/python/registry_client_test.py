#!/usr/bin/python3
"""A Python client, generated from the same protos, against a real tutornetd.

Starts tutornetd on 127.0.0.1 with a free port in a temporary data
directory, then as a client: checks gRPC health, creates a network, adds a
region, reads its own write with the position token, retries a request,
and is refused without a token. Stops the server it started, by its PID.

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
            [TUTORNETD, f"--data_dir={data_dir}", "--listen=127.0.0.1:0"],
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


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]], verbosity=2)
