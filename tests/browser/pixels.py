"""The pixels of a Playwright screenshot (PNG, 8 bits, RGB or RGBA, not interlaced) without an
imaging library: enough to measure how dark a strip of an element is."""
from __future__ import annotations

import struct
import zlib


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def png_rows(data: bytes) -> tuple[int, int, list[bytearray]]:
    """(width, bytes per pixel, rows of bytes) of a PNG screenshot."""
    position, idat = 8, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and not interlace, (depth, colour, interlace)
        elif kind == b"IDAT":
            idat += body
    step = 3 if colour == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * step, [], bytearray(width * step)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - step] if x >= step else 0
            b, c = previous[x], previous[x - step] if x >= step else 0
            line[x] = (line[x] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xFF
        rows.append(line)
        previous = line
    return width, step, rows


def column_brightness(data: bytes, columns: range, rows: range) -> float:
    """The mean brightness (0 black … 255 white) of ``columns`` × ``rows`` of a PNG screenshot."""
    _width, step, pixels = png_rows(data)
    values = [sum(pixels[y][x * step:x * step + 3]) / 3 for y in rows for x in columns]
    return sum(values) / len(values)
