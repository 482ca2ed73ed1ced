"""End-to-end tests of the Python client against a real stancetag server."""

from __future__ import annotations

import time
import unittest
from typing import Iterator

import grpc

from stancetag import Client, StanceError, pb, rich_status
from stancetag._rpc import error_details_pb2
from stance.v1 import stance_pb2_grpc

import server

FRANCE = "France backed Germany's proposal for a joint energy fund on Tuesday."


def setUpModule() -> None:
    global srv
    srv = server.start()


def tearDownModule() -> None:
    srv.stop()


class ClientTest(unittest.TestCase):
    def setUp(self) -> None:
        self.client = Client(srv.address, timeout=10)
        self.addCleanup(self.client.close)

    def test_analyze(self) -> None:
        resp = self.client.analyze(
            [pb.Statement(id="s1", text=FRANCE)],
            options=pb.AnalyzeOptions(include_evidence=True),
        )
        self.assertEqual(len(resp.analyses), 1)
        a = resp.analyses[0]
        self.assertEqual(a.statement_id, "s1")
        self.assertEqual(a.sentiment.label, pb.SENTIMENT_LABEL_POSITIVE)
        rel = [(r.holder_id, r.target_id, r.stance) for r in a.relations]
        self.assertIn(("country/FRA", "country/DEU", pb.STANCE_SUPPORT), rel)
        self.assertTrue(a.relations[0].evidence, "include_evidence returns the cues")
        self.assertEqual(a.relations[0].evidence[0].cue, "back")
        # Spans are UTF-8 byte offsets by default.
        m = {x.actor_id: x for x in a.mentions}["country/DEU"]
        self.assertEqual(FRANCE.encode()[m.span.begin : m.span.end].decode(), "Germany")
        self.assertTrue(resp.lexicon_version.startswith("lexicon/"), resp.lexicon_version)

    def test_analyze_caller_actors_and_offsets(self) -> None:
        text = "Ça: the Commission's plan — we will not accept it."
        resp = self.client.analyze(
            [pb.Statement(id="s2", text=text, speaker_id="country/FRA")],
            actors=[pb.Actor(id="eu-commission", name="European Commission", aliases=["Commission"],
                             kind=pb.ACTOR_KIND_ORGANIZATION)],
            options=pb.AnalyzeOptions(offset_encoding=pb.OFFSET_ENCODING_CODE_POINT),
        )
        a = resp.analyses[0]
        m = [x for x in a.mentions if x.actor_id == "eu-commission"]
        self.assertEqual(len(m), 1)
        # Code-point offsets index a Python str directly.
        self.assertEqual(text[m[0].span.begin : m[0].span.end], "Commission")
        self.assertIn("eu-commission", [t.actor_id for t in a.targets])

    def test_analyze_bad_request(self) -> None:
        with self.assertRaises(StanceError) as cm:
            self.client.analyze([pb.Statement(id="ok", text=FRANCE), pb.Statement(id="s3", text="")])
        err = cm.exception
        self.assertEqual(err.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual([v.field for v in err.field_violations], ["statements[1].text"])
        self.assertEqual(err.field_violations[0].description, "text is empty")
        self.assertEqual(err.field_violations[0].reason, "TEXT_EMPTY")
        self.assertEqual((err.domain, err.reason), ("stancetag.dev", "TEXT_EMPTY"))
        self.assertEqual(err.metadata.get("field"), "statements[1].text")
        self.assertIsInstance(err.__cause__, grpc.RpcError)

    def test_raw_stub_bad_request_trailer(self) -> None:
        # Without the Client: the generated stub, and the trailer decoded by hand.
        with grpc.insecure_channel(srv.address) as ch:
            stub = stance_pb2_grpc.StanceServiceStub(ch)
            with self.assertRaises(grpc.RpcError) as cm:
                stub.Analyze(pb.AnalyzeRequest(statements=[pb.Statement(id="x", text="")]), timeout=10)
        err = cm.exception
        self.assertEqual(err.code(), grpc.StatusCode.INVALID_ARGUMENT)
        keys = [k for k, _ in err.trailing_metadata()]
        self.assertIn("grpc-status-details-bin", keys)
        st = rich_status(err)
        self.assertIsNotNone(st)
        self.assertEqual(st.code, grpc.StatusCode.INVALID_ARGUMENT.value[0])
        self.assertEqual(st.message, err.details())
        br = [d for d in st.details if d.Is(error_details_pb2.BadRequest.DESCRIPTOR)]
        self.assertEqual(len(br), 1)
        bad = error_details_pb2.BadRequest()
        br[0].Unpack(bad)
        self.assertEqual(bad.field_violations[0].field, "statements[0].text")

    def test_analyze_stream(self) -> None:
        texts = {
            "a": "Germany thanked France for its support.",
            "b": "Russia condemned the new NATO deployment.",
        }

        def statements():  # a generator: read as the server asks for more
            for i in range(50):
                for k, t in texts.items():
                    yield pb.Statement(id=f"{k}{i}", text=t)

        got = list(self.client.analyze_stream(statements(), options=pb.AnalyzeOptions(include_evidence=True)))
        self.assertEqual([r.analysis.statement_id for r in got[:4]], ["a0", "b0", "a1", "b1"])
        self.assertEqual(len(got), 100)
        b = got[1].analysis
        self.assertIn(("country/RUS", "org/nato", pb.STANCE_OPPOSE),
                      [(r.holder_id, r.target_id, r.stance) for r in b.relations])
        self.assertTrue(b.relations[0].evidence, "options of the first message hold for the stream")
        self.assertTrue(all(r.lexicon_version == got[0].lexicon_version for r in got))

    def test_analyze_stream_bad_statement(self) -> None:
        stream = self.client.analyze_stream(
            [pb.Statement(id="a", text=FRANCE), pb.Statement(id="b", text=""), pb.Statement(id="c", text=FRANCE)]
        )
        first = next(stream)
        self.assertEqual(first.analysis.statement_id, "a", "analyses before the bad statement arrive")
        with self.assertRaises(StanceError) as cm:
            next(stream)
        err = cm.exception
        self.assertEqual(err.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual([v.field for v in err.field_violations], ["statement[1].text"])

    def test_list_actors(self) -> None:
        actors = list(self.client.list_actors(page_size=100))
        ids = [a.id for a in actors]
        self.assertEqual(ids, sorted(ids), "ordered by id")
        self.assertEqual(len(ids), len(set(ids)), "no actor twice across pages")
        self.assertGreater(len(ids), 100, "more than one page")
        self.assertIn("country/FRA", ids)
        self.assertIn("org/nato", ids)

    def test_deadline(self) -> None:
        # A stream kept open by a client that has more to send but is slow
        # to send it: the deadline passes for certain. (A unary call with a
        # tiny timeout raced the answer: gRPC keeps deadlines to the
        # millisecond, so a fast server sometimes answered in time.)
        def slow() -> Iterator[pb.Statement]:
            yield pb.Statement(id="s", text=FRANCE)
            time.sleep(1)

        # Connected first: a call that times out while the connection is
        # still being set up leaves it half open, and the server's graceful
        # stop at the end of the tests would wait seconds for it.
        self.client.analyze([pb.Statement(id="warm", text=FRANCE)])
        with self.assertRaises(StanceError) as cm:
            list(self.client.analyze_stream(slow(), timeout=0.2))
        # The server is sent the same deadline: when its end of the call
        # gives up first, the client may report CANCELLED rather than its
        # own DEADLINE_EXCEEDED (seen once on a loaded 2-core machine).
        self.assertIn(cm.exception.code,
                      (grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.CANCELLED))
        self.assertEqual(cm.exception.field_violations, ())

if __name__ == "__main__":
    unittest.main()
