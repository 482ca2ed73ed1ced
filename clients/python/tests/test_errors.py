"""Unit tests of error-detail decoding: no server needed."""

from __future__ import annotations

import unittest

import grpc
from google.protobuf import any_pb2, message

from stancetag import STATUS_DETAILS_KEY, StanceError, status_from_trailers
from stancetag._rpc import error_details_pb2, status_pb2


class FakeRpcError(grpc.RpcError):
    """What grpcio raises, as far as StanceError reads it."""

    def __init__(self, code: grpc.StatusCode, details: str, trailers) -> None:
        super().__init__()
        self._code, self._details, self._trailers = code, details, trailers

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details

    def trailing_metadata(self):
        return self._trailers


def packed(*details: message.Message) -> bytes:
    st = status_pb2.Status(code=3, message="statements[0].text: text is empty")
    for d in details:
        a = any_pb2.Any()
        a.Pack(d)
        st.details.append(a)
    return st.SerializeToString()


class ErrorsTest(unittest.TestCase):
    def test_bad_request_and_error_info(self) -> None:
        trailers = (
            ("content-type", "application/grpc"),
            (STATUS_DETAILS_KEY, packed(
                error_details_pb2.ErrorInfo(reason="TEXT_EMPTY", domain="stancetag.dev",
                                            metadata={"field": "statements[0].text"}),
                error_details_pb2.BadRequest(field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field="statements[0].text", description="text is empty", reason="TEXT_EMPTY"),
                ]),
            )),
        )
        err = StanceError.from_rpc_error(
            FakeRpcError(grpc.StatusCode.INVALID_ARGUMENT, "statements[0].text: text is empty", trailers))
        self.assertEqual(err.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(str(err), "INVALID_ARGUMENT: statements[0].text: text is empty")
        self.assertEqual([(v.field, v.reason) for v in err.field_violations], [("statements[0].text", "TEXT_EMPTY")])
        self.assertEqual((err.reason, err.domain, err.metadata), ("TEXT_EMPTY", "stancetag.dev",
                                                                  {"field": "statements[0].text"}))

    def test_unknown_details_are_skipped(self) -> None:
        trailers = ((STATUS_DETAILS_KEY, packed(error_details_pb2.RetryInfo())),)
        err = StanceError.from_rpc_error(FakeRpcError(grpc.StatusCode.UNAVAILABLE, "draining", trailers))
        self.assertEqual(err.code, grpc.StatusCode.UNAVAILABLE)
        self.assertEqual(err.field_violations, ())
        self.assertEqual(err.reason, "")

    def test_no_trailer(self) -> None:
        self.assertIsNone(status_from_trailers(None))
        self.assertIsNone(status_from_trailers((("a", "b"),)))
        err = StanceError.from_rpc_error(FakeRpcError(grpc.StatusCode.INTERNAL, "boom", None))
        self.assertEqual((err.code, err.message, err.field_violations), (grpc.StatusCode.INTERNAL, "boom", ()))

    def test_garbage_trailer(self) -> None:
        with self.assertRaises(message.DecodeError):
            status_from_trailers(((STATUS_DETAILS_KEY, b"\xff\xff\xff"),))


if __name__ == "__main__":
    unittest.main()
