"""Zip archives deflated harder: each member compressed with Zopfli.

Zopfli writes ordinary Deflate, as any zip reader (Python's zipfile, which Pyodide unpacks
wheels and imports the standard library with) expects, only 3–5 % smaller than zlib's
level 9, at no cost to the reader: inflating it is the same work. It costs the build
time instead (about a minute for the NumPy wheel on one core, so the members are
compressed on every core, and once: the callers cache the result).

Python's zipfile cannot take data that is already compressed, so this writes the
archive itself: the classic zip layout (no ZIP64: every file here is far below 4 GB),
each member's name, date, permissions and bytes as given.
"""

import concurrent.futures
import os
import struct
import zlib
from zipfile import ZipInfo

import zopfli.zopfli

# Zopfli's passes per member: 5 is its advice for files of several MB; more gain ~0.1 %.
ITERATIONS = 5
STORED, DEFLATED = 0, 8


def deflate(data: bytes) -> bytes:
    """Raw Deflate (zip's method 8) of data, as small as Zopfli makes it."""
    wrapped = zopfli.zopfli.compress(data, numiterations=ITERATIONS, gzip_mode=0)
    return wrapped[2:-4]  # the zlib container less its 2-byte header and 4-byte Adler-32


def dos_time(date_time):
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def deflate_all(datas):
    """deflate(data) for each of datas, in order; on every core, largest first (a build
    from a cold cache spends most of its time here)."""
    order = sorted(range(len(datas)), key=lambda i: -len(datas[i]))
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {i: pool.submit(deflate, datas[i]) for i in order if datas[i]}
        return [futures[i].result() if i in futures else b"" for i in range(len(datas))]


def zip_bytes(members):
    """The bytes of a zip holding members, (ZipInfo, data) pairs, in the order given.
    A member Deflate does not shrink (a folder, an empty or tiny file) is stored."""
    members = list(members)
    deflated = deflate_all([data for _, data in members])
    body, directory = bytearray(), bytearray()
    count = 0
    for (info, data), packed in zip(members, deflated, strict=True):
        method = DEFLATED if len(packed) < len(data) else STORED
        if method == STORED:
            packed = data
        name = info.filename.encode("utf-8")
        flags = 0x800 if not info.filename.isascii() else 0  # names in UTF-8
        time, date = dos_time(info.date_time)
        crc = zlib.crc32(data)
        common = struct.pack("<HHHHHIII", 20, flags, method, time, date, crc, len(packed), len(data))
        offset = len(body)
        body += struct.pack("<I", 0x04034B50) + common + struct.pack("<HH", len(name), 0) + name + packed
        made_by = (info.create_system << 8) | 20
        directory += (
            struct.pack("<IH", 0x02014B50, made_by)
            + common
            + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, info.external_attr, offset)
            + name
        )
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)


def copy_info(info: ZipInfo, name: str | None = None) -> ZipInfo:
    """A member's name (or the one given), date and permissions, for zip_bytes."""
    copy = ZipInfo(name or info.filename, info.date_time)
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    return copy
