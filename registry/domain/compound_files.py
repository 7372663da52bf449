"""The names in a Microsoft compound file (MS-CFB, "OLE2"): the container of the old Word (.doc) and
Excel (.xls) formats, and of Office files protected with a password. Its signature alone says only
"compound file"; the streams inside say which: ``WordDocument`` a Word document, ``Workbook`` (or
``Book``, Excel 5/95) a workbook, ``EncryptedPackage`` an encrypted .docx/.xlsx.

Only the directory is read — its sectors found through the file allocation table — never a
stream's content. Every offset is checked against the data and every chain is bounded, so a
damaged or hostile file ends in ``CompoundFileError``, not a loop or an index error.
"""
from __future__ import annotations

import struct

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
HEADER_BYTES = 512
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_HEADER_DIFAT_ENTRIES = 109
_ENTRY_BYTES = 128
_STORAGE, _STREAM, _ROOT = 1, 2, 5


class CompoundFileError(ValueError):
    """The data is not a compound file that can be read."""


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]


class _Sectors:
    def __init__(self, data: bytes) -> None:
        if len(data) < HEADER_BYTES or not data.startswith(SIGNATURE):
            raise CompoundFileError("no compound file header")
        shift = struct.unpack_from("<H", data, 0x1E)[0]
        if shift not in (9, 12):  # 512-byte sectors (version 3) or 4096-byte ones (version 4)
            raise CompoundFileError("unknown sector size")
        self.data, self.size = data, 1 << shift
        self.count = max(0, (len(data) - self.size) // self.size)  # the header fills sector -1

    def sector(self, number: int) -> bytes:
        if not 0 <= number < self.count:
            raise CompoundFileError("sector out of range")
        start = (number + 1) * self.size
        return self.data[start:start + self.size]

    def fat(self) -> list[int]:
        """Where the file allocation table lies: the numbers of its sectors, in order. The table itself
        is not unpacked (128 numbers a sector, a hostile file claims every sector for it: ten times
        the file's size in memory); ``next_of`` reads the one entry a chain asks for."""
        fat_sectors = _u32(self.data, 0x2C)
        if fat_sectors > self.count:
            raise CompoundFileError("more allocation sectors than sectors")
        locations = [_u32(self.data, 0x4C + 4 * i) for i in range(min(fat_sectors, _HEADER_DIFAT_ENTRIES))]
        difat, seen = _u32(self.data, 0x44), 0
        per_difat = self.size // 4 - 1
        while len(locations) < fat_sectors and difat not in (_END_OF_CHAIN, _FREE):
            seen += 1
            if seen > self.count:
                raise CompoundFileError("endless chain of allocation sectors")
            block = self.sector(difat)
            locations += [_u32(block, 4 * i) for i in range(min(per_difat, fat_sectors - len(locations)))]
            difat = _u32(block, 4 * per_difat)
        return locations

    def next_of(self, number: int, fat: list[int]) -> int:
        """The sector after ``number`` in its chain, read from the table's sector that holds it."""
        per_sector = self.size // 4
        if number // per_sector >= len(fat):
            raise CompoundFileError("broken sector chain")
        return _u32(self.sector(fat[number // per_sector]), 4 * (number % per_sector))

    def chain(self, start: int, fat: list[int]) -> list[bytes]:
        blocks, number = [], start
        while number not in (_END_OF_CHAIN, _FREE):
            if len(blocks) >= self.count:
                raise CompoundFileError("broken sector chain")
            blocks.append(self.sector(number))
            number = self.next_of(number, fat)
        return blocks


def stream_names(data: bytes) -> frozenset[str]:
    """The names of the storages and streams in the compound file ``data`` (the root's excepted)."""
    try:
        sectors = _Sectors(data)
        directory = b"".join(sectors.chain(_u32(data, 0x30), sectors.fat()))
    except struct.error:
        raise CompoundFileError("truncated") from None
    names = set()
    for offset in range(0, len(directory) - _ENTRY_BYTES + 1, _ENTRY_BYTES):
        entry = directory[offset:offset + _ENTRY_BYTES]
        length, kind = struct.unpack_from("<HB", entry, 64)
        if kind in (_STORAGE, _STREAM) and 2 <= length <= 64:
            names.add(entry[:length - 2].decode("utf-16-le", errors="replace"))
    if not directory:
        raise CompoundFileError("no directory")
    return frozenset(names)
