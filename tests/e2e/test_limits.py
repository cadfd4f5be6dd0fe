"""Limits on the real server: an upload past the limit is refused while it is still streaming in,
never read whole."""

import json
import socket

import psutil

CHUNK = 64 * 1024
LIMIT = 1024 * 1024


def test_an_upload_is_refused_at_the_limit_while_it_streams(start_server):
    """A chunked upload (no Content-Length) that has not ended: the 413 arrives once the limit
    is passed, with the rest of the body never sent, and the server's memory stays flat."""
    server = start_server(workers=0, env={"NNSERVICE_MAX_UPLOAD_BYTES": str(LIMIT)})
    api = psutil.Process(server.process.pid)
    rss_before = api.memory_info().rss
    key = server.client.headers["Authorization"]
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(
            f"POST /v1/datasets HTTP/1.1\r\nHost: test\r\nAuthorization: {key}\r\n"
            "Content-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
        )
        sent = 0
        while sent <= LIMIT + 2 * CHUNK:  # a little past the limit; the body never ends
            chunk = b"1,2,x\n" * (CHUNK // 6)
            connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        answer = receive_response(connection)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), head
    assert b"content-type: application/problem+json" in head.lower()
    assert f"limit of {LIMIT} bytes" in json.loads(body)["detail"]
    assert api.memory_info().rss - rss_before < 50 * 1024**2
    assert server.client.get("/v1/datasets").json()["count"] == 0


def receive_response(connection: socket.socket) -> bytes:
    """The whole answer (head and its Content-Length of body), while the request is unfinished."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += connection.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(
        next(line.split(b":")[1] for line in head.lower().split(b"\r\n") if line.startswith(b"content-length"))
    )
    while len(body) < length:
        body += connection.recv(65536)
    return head + b"\r\n\r\n" + body


def test_a_request_the_server_cannot_parse_gets_a_problem_body(start_server):
    """A negative Content-Length is refused by the HTTP parser before the app runs: that 400 is a
    problem body too, and the server answers the next connection as before."""
    server = start_server(workers=0)
    for length in ("-1", "12abc"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
            connection.sendall(
                f"POST /v1/datasets HTTP/1.1\r\nHost: test\r\nContent-Type: text/csv\r\n"
                f"Content-Length: {length}\r\n\r\na,b\n1,2\n".encode()
            )
            answer = receive_response(connection)
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400"), head
        assert b"content-type: application/problem+json" in head.lower()
        problem = json.loads(body)
        assert problem["status"] == 400 and problem["type"] == "/problems/bad-request", problem
        assert "Content-Length" in problem["detail"]
    assert server.client.get("/v1/datasets").json()["count"] == 0
