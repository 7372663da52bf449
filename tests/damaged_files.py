"""Archives damaged in transit, as users upload them: their directory reads, a member's compressed bytes
do not (zlib's error, not zipfile's). Shared by the page tests of every upload that unzips a file."""
from __future__ import annotations

import io
import json
import zipfile


def garbled_zip(members: dict[str, bytes] | None = None) -> bytes:
    """A deflated zip of ``members`` (a 300-feature GeoJSON by default) with its first member's data garbled."""
    if members is None:
        features = [{"type": "Feature", "properties": {"n": n}, "geometry": None} for n in range(300)]
        members = {"p.geojson": json.dumps({"type": "FeatureCollection", "features": features}).encode()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    data = bytearray(buffer.getvalue())
    header = 30 + len(next(iter(members)).encode())  # the first member's local header, then its data
    data[header:header + 140] = bytes(b ^ 0x5A for b in data[header:header + 140])
    return bytes(data)


def garbled_workbook() -> bytes:
    """An .xlsx whose first part, the one every reader opens first, is garbled."""
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="sheet"/>' for n in range(400))
    return garbled_zip({"[Content_Types].xml": f"<Types>{overrides}</Types>".encode()})
