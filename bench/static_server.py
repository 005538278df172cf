"""A static file server that compresses text as a real host would (GitHub Pages gzips), for Lighthouse runs."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSIBLE
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        import io

        return io.BytesIO(body)


def serve(folder: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
