"""Decoding the error details of a failed call.

The server sends a ``google.rpc.Status`` in the ``grpc-status-details-bin``
trailer of every call that fails with details. For ``INVALID_ARGUMENT`` its
``details`` hold a ``google.rpc.BadRequest`` naming each bad field
(``statements[3].text``) and a ``google.rpc.ErrorInfo`` (domain
``stancetag.dev``) whose ``reason`` is a stable code such as ``TEXT_EMPTY``.
Error messages are for people; programs should test ``code``, the fields and
the reasons.
"""

from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple, Union

import grpc

from stancetag._rpc import error_details_pb2, status_pb2

#: Trailer key of the serialized google.rpc.Status (gRPC's convention).
STATUS_DETAILS_KEY = "grpc-status-details-bin"

Metadata = Sequence[Tuple[str, Union[str, bytes]]]


def status_from_trailers(trailers: Optional[Metadata]) -> Optional[status_pb2.Status]:
    """Returns the google.rpc.Status in trailers, or None when there is none.

    grpcio hands ``-bin`` values over as bytes, already base64-decoded.
    Raises ``google.protobuf.message.DecodeError`` when the value is not a Status.
    """
    for key, value in trailers or ():
        if key == STATUS_DETAILS_KEY:
            st = status_pb2.Status()
            st.ParseFromString(value if isinstance(value, bytes) else value.encode("latin-1"))
            return st
    return None


def rich_status(err: grpc.RpcError) -> Optional[status_pb2.Status]:
    """Returns the google.rpc.Status of a failed call, or None without one.

    err is what a stub raised: from a unary call, or while iterating a stream.
    """
    trailing = getattr(err, "trailing_metadata", None)
    return status_from_trailers(trailing() if callable(trailing) else None)


class StanceError(Exception):
    """A call to StanceService failed.

    code is the gRPC status code and message the server's text (for people).
    For INVALID_ARGUMENT, field_violations names each bad field (``field``,
    ``description``, ``reason``), and reason, domain and metadata come from
    the google.rpc.ErrorInfo detail. The grpc.RpcError is the ``__cause__``.
    """

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        field_violations: Sequence[error_details_pb2.BadRequest.FieldViolation] = (),
        reason: str = "",
        domain: str = "",
        metadata: Optional[Dict[str, str]] = None,
    ) -> None:
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.field_violations: Tuple[error_details_pb2.BadRequest.FieldViolation, ...] = tuple(field_violations)
        self.reason = reason
        self.domain = domain
        self.metadata: Dict[str, str] = dict(metadata or {})

    @classmethod
    def from_rpc_error(cls, err: grpc.RpcError) -> "StanceError":
        """Builds a StanceError from what a stub raised, decoding its details."""
        code = err.code() if callable(getattr(err, "code", None)) else grpc.StatusCode.UNKNOWN
        message = err.details() if callable(getattr(err, "details", None)) else str(err)
        violations: Tuple[error_details_pb2.BadRequest.FieldViolation, ...] = ()
        reason, domain, metadata = "", "", {}  # type: Tuple[str, str, Dict[str, str]]
        st = rich_status(err)
        if st is not None:
            for detail in st.details:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    br = error_details_pb2.BadRequest()
                    detail.Unpack(br)
                    violations += tuple(br.field_violations)
                elif detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                    info = error_details_pb2.ErrorInfo()
                    detail.Unpack(info)
                    reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
        return cls(code or grpc.StatusCode.UNKNOWN, message or "", violations, reason, domain, metadata)
