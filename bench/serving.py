"""The bench's one static server: the built site, and the bench's own pages beside it.

Two ways of serving, one server:

* **as it is** (``compress=False``): every file as stored, ``Cache-Control: no-store``,
  for the trainers' page and the first-click figures;
* **as GitHub Pages serves it** (``compress=True``): gzip for the types its CDN
  compresses, ``max-age=600``, for the real-link figures (bench/realink.py).

What GitHub Pages compresses: its CDN gzips responses by content type, text types and
the like (HTML, CSS, JavaScript, JSON, SVG, XML, plain text, and, as we assume here,
``application/wasm``, which it serves with ``Content-Encoding: gzip``); files that are
already compressed (``.zip``, ``.whl``, ``.npz``, images, fonts) go as they are. This
server does the same, at gzip level 6. ``served_bytes`` is the same rule for one file.
"""

import contextlib
import functools
import gzip
import http.server
import mimetypes
import socketserver
import threading
from pathlib import Path

COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/wasm",
    "application/manifest+json",
)
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("application/json", ".json")


def content_type(path):
    return mimetypes.guess_type(str(path))[0] or "application/octet-stream"


def compressible(path):
    return content_type(path).startswith(COMPRESSED_TYPES)


@functools.cache
def gzipped(path):
    return gzip.compress(Path(path).read_bytes(), 6, mtime=0)


def served_bytes(path):
    """What a gzip-compressing host sends for this file (the body only)."""
    return len(gzipped(path)) if compressible(path) else Path(path).stat().st_size


def site_file(site_dir, path):
    """The file a URL path names in site_dir (a folder's index.html), or None."""
    file = (Path(site_dir) / path.lstrip("/")).resolve()
    if file.is_dir():
        file = file / "index.html"
    inside = Path(site_dir).resolve() in file.parents
    return file if inside and file.is_file() else None


@contextlib.contextmanager
def serve(site_dir, *, compress=False, files=None, folders=None):
    """Serve site_dir on 127.0.0.1 (a free port) and yield its base URL.

    files: {"/url/path": Path} served as they are; folders: {"/prefix/": Path} likewise,
    each URL under the prefix a file under the folder (the bench's own pages)."""
    site_dir = Path(site_dir)
    files, folders = files or {}, folders or {}

    def lookup(path):
        if path in files:
            return Path(files[path])
        for prefix, folder in folders.items():
            if path.startswith(prefix):
                return site_file(folder, path[len(prefix) :])
        return site_file(site_dir, path)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body, headers):
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser went away (a closed test page): nothing to report

        def do_GET(self):
            path = self.path.split("?")[0].split("#")[0]
            if not path.endswith("/") and (site_dir / path.lstrip("/")).is_dir():
                self.reply(301, b"", {"Location": path + "/"})
                return
            file = lookup(path)
            if file is None or not file.is_file():
                self.reply(404, b"not found", {"Content-Type": "text/plain"})
                return
            headers = {"Content-Type": content_type(file)}
            if compress:
                headers.update({"Vary": "Accept-Encoding", "Cache-Control": "max-age=600"})
                if "gzip" in self.headers.get("Accept-Encoding", "") and compressible(file):
                    headers["Content-Encoding"] = "gzip"
                    self.reply(200, gzipped(file), headers)
                    return
            else:
                headers["Cache-Control"] = "no-store"
            self.reply(200, file.read_bytes(), headers)

    class Threaded(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    httpd = Threaded(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
