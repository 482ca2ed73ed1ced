"""A thin, typed Python client for stance.v1.StanceService.

The messages are the generated ones (``stance.v1.stance_pb2``, re-exported
here as ``pb``); the client adds connection handling, deadlines, paging and
errors whose google.rpc.BadRequest details are decoded (StanceError)::

    from stancetag import Client, pb

    with Client("localhost:50051") as c:
        resp = c.analyze([pb.Statement(id="s1", text="France backed Germany's proposal.")])
        for r in resp.analyses[0].relations:
            print(r.holder_id, "->", r.target_id, pb.Stance.Name(r.stance), r.score)
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional, Sequence, Tuple

import grpc

from stance.v1 import stance_pb2 as pb
from stance.v1 import stance_pb2_grpc
from stancetag.errors import STATUS_DETAILS_KEY, StanceError, rich_status, status_from_trailers

__all__ = [
    "Client",
    "StanceError",
    "STATUS_DETAILS_KEY",
    "pb",
    "rich_status",
    "status_from_trailers",
]

#: Deadline of each call unless the call or the client says otherwise, in seconds.
DEFAULT_TIMEOUT = 30.0


class Client:
    """A connection to a stancetag server.

    target is a gRPC target: ``host:port``, ``dns:///name:port``, ...
    Plaintext unless credentials are given (``grpc.ssl_channel_credentials()``).
    timeout is the default deadline of each call, in seconds (None: none; a
    stream's deadline covers the whole stream). Calls fail with StanceError.
    A Client is safe to use from several threads; close it, or use it as a
    context manager, to end the connection.
    """

    def __init__(
        self,
        target: str,
        *,
        credentials: Optional[grpc.ChannelCredentials] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        options: Sequence[Tuple[str, object]] = (),
    ) -> None:
        if credentials is None:
            self._channel = grpc.insecure_channel(target, options=list(options))
        else:
            self._channel = grpc.secure_channel(target, credentials, options=list(options))
        self._stub = stance_pb2_grpc.StanceServiceStub(self._channel)
        self._timeout = timeout

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connection; calls in progress are cancelled."""
        self._channel.close()

    def analyze(
        self,
        statements: Iterable[pb.Statement],
        *,
        actors: Iterable[pb.Actor] = (),
        options: Optional[pb.AnalyzeOptions] = None,
        timeout: Optional[float] = None,
    ) -> pb.AnalyzeResponse:
        """Tags a batch of 1..max_batch statements: one Analysis each, in order.

        One invalid statement fails the whole call with StanceError
        (INVALID_ARGUMENT, field_violations naming ``statements[i].…``).
        """
        req = pb.AnalyzeRequest(statements=list(statements), actors=list(actors), options=options)
        try:
            return self._stub.Analyze(req, timeout=self._deadline(timeout))
        except grpc.RpcError as err:
            raise StanceError.from_rpc_error(err) from err

    def analyze_stream(
        self,
        statements: Iterable[pb.Statement],
        *,
        actors: Iterable[pb.Actor] = (),
        options: Optional[pb.AnalyzeOptions] = None,
        timeout: Optional[float] = None,
    ) -> Iterator[pb.AnalyzeStreamResponse]:
        """Tags statements one by one over AnalyzeStream, with flow control.

        statements may be any iterable, read as the server asks for more, so
        a generator over a large corpus runs in constant memory. actors and
        options go with the first statement and hold for the whole stream.
        Yields one response per statement, in order. A bad statement ends the
        stream with StanceError naming its position (``statement[12].text``),
        after the responses of the statements before it.
        """
        first_actors, first_options = list(actors), options

        def requests() -> Iterator[pb.AnalyzeStreamRequest]:
            first = True
            for s in statements:
                if first:
                    first = False
                    yield pb.AnalyzeStreamRequest(statement=s, actors=first_actors, options=first_options)
                else:
                    yield pb.AnalyzeStreamRequest(statement=s)

        call = self._stub.AnalyzeStream(requests(), timeout=self._deadline(timeout))
        try:
            yield from call
        except grpc.RpcError as err:
            raise StanceError.from_rpc_error(err) from err
        finally:
            call.cancel()  # a no-op once the stream has ended; frees it when the caller stops early

    def list_actors(self, *, page_size: int = 0, timeout: Optional[float] = None) -> Iterator[pb.Actor]:
        """Yields every actor of the built-in gazetteer, ordered by id.

        It pages through ListActors, page_size actors a call (0: the server's
        default of 100); timeout applies to each call.
        """
        token = ""
        while True:
            try:
                page = self._stub.ListActors(
                    pb.ListActorsRequest(page_size=page_size, page_token=token),
                    timeout=self._deadline(timeout),
                )
            except grpc.RpcError as err:
                raise StanceError.from_rpc_error(err) from err
            yield from page.actors
            token = page.next_page_token
            if not token:
                return

    def _deadline(self, timeout: Optional[float]) -> Optional[float]:
        return self._timeout if timeout is None else timeout
