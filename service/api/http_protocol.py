"""The one answer the app never sees: uvicorn's own 400 to a request it cannot parse (a malformed
request line or header, a negative or non-numeric Content-Length), which it writes as plain text
before any ASGI app runs. `ProblemHTTPProtocol`, the parser uvicorn would pick (httptools when it is
installed, else h11), writes it as a problem body instead, like every other error; `nnservice serve`
runs uvicorn with it."""

import asyncio
import json

from uvicorn.protocols.http.auto import AutoHTTPProtocol
from uvicorn.server import ServerState

from service.api.problems import PROBLEM_JSON, problem_body

UNREADABLE = "the request cannot be read as HTTP/1.1 ({}): a malformed request line or header, such as a negative "
UNREADABLE += "or non-numeric Content-Length"


class _ProblemOn400:
    transport: asyncio.Transport
    server_state: ServerState

    def send_400_response(self, msg: str) -> None:  # uvicorn's hook: msg is "Invalid HTTP request received."
        body = json.dumps(problem_body(400, UNREADABLE.format(msg.rstrip(".")))).encode()
        head = [b"HTTP/1.1 400 Bad Request"]
        head += [name + b": " + value for name, value in self.server_state.default_headers]  # server, date
        head += [b"content-type: " + PROBLEM_JSON.encode(), b"content-length: %d" % len(body), b"connection: close"]
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)
        self.transport.close()


class ProblemHTTPProtocol(_ProblemOn400, AutoHTTPProtocol):  # type: ignore[misc, valid-type]  # a class, chosen at import
    pass
