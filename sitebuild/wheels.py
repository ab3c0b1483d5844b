"""What the build's rewritten wheels share: the ``RECORD`` that lists their files.

A wheel's ``.dist-info/RECORD`` names every file in it with its SHA-256 (urlsafe base64,
no padding) and size, and itself with neither (PEP 376, PEP 427). The NumPy wheel
(numpy_wheel.py) and pylib's (runtime.py) change their files at build time, so each
writes its RECORD afresh with ``record``.
"""

import base64
import csv
import hashlib
import io


def record(members, record_name):
    """The RECORD of a wheel holding members ((name, bytes) pairs) and the RECORD itself."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    for name, data in members:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        writer.writerow([name, f"sha256={digest}", len(data)])
    writer.writerow([record_name, "", ""])
    return text.getvalue().encode()
