"""sitebuild/zopfli_zip.py: the archives it writes are ordinary zips, read back exactly."""

import io
import os
import zipfile

from sitebuild import zopfli_zip


def test_a_zopfli_zip_reads_back_exactly_and_is_smaller_than_level_9():
    text = b"".join(b"def f%d(x):\n    return x * %d + 1\n" % (i, i * 7) for i in range(400))
    members = [
        (zipfile.ZipInfo("pkg/", (1980, 1, 1, 0, 0, 0)), b""),
        (zipfile.ZipInfo("pkg/mod.py", (2024, 5, 17, 13, 42, 58)), text),
        (zipfile.ZipInfo("pkg/empty.txt", (1980, 1, 1, 0, 0, 0)), b""),
        (zipfile.ZipInfo("pkg/noise.bin", (1999, 12, 31, 23, 59, 0)), os.urandom(300)),
        (zipfile.ZipInfo("pkg/naïve.txt", (2001, 2, 3, 4, 5, 6)), "ünïcode ✓".encode() * 3),
    ]
    members[1][0].external_attr = 0o100755 << 16
    data = zopfli_zip.zip_bytes(members)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        assert z.namelist() == [info.filename for info, _ in members]
        for info, content in members:
            read = z.getinfo(info.filename)
            assert z.read(info.filename) == content
            assert read.date_time == info.date_time and read.external_attr == info.external_attr
        assert z.getinfo("pkg/mod.py").compress_type == zipfile.ZIP_DEFLATED
        assert z.getinfo("pkg/noise.bin").compress_type == zipfile.ZIP_STORED  # random bytes: stored
        zopfli_size = z.getinfo("pkg/mod.py").compress_size
    level9 = io.BytesIO()
    with zipfile.ZipFile(level9, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("pkg/mod.py", text)
    with zipfile.ZipFile(level9) as z:
        assert zopfli_size < z.getinfo("pkg/mod.py").compress_size
