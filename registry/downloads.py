"""Files users uploaded, answered as downloads — the project page and the JSON API alike — and the
files the registry writes for a reader (``export_response``).

Always an attachment, never shown inline: the bytes came from a user, and the registry's origin
must not render them (a PDF's scripts, an image a browser would guess to be something else). So:
``Content-Disposition: attachment`` with the name in RFC 6266/5987 form (``filename*=UTF-8''…``, so
a Chinese name survives; a plain ASCII ``filename`` for clients that know no other), the stored
media type, ``X-Content-Type-Options: nosniff``, a policy that allows nothing and sandboxes the
answer should a browser render it anyway, and the content's SHA-256 as a strong ``ETag``: the
bytes never change under a document, so a browser asking again (``If-None-Match``) is answered 304
without them.
"""
from __future__ import annotations

import tempfile
from typing import BinaryIO, Callable, Iterator
from urllib.parse import quote

from flask import Response, request

from registry.domain.document_files import suffix_of
from registry.security_headers import NOTHING_POLICY
from registry.services.documents import DocumentFile
from registry.services.land_exports import ExportFile
from registry.services.project_exports import ExportedFile

# RFC 5987 attr-char beyond letters and digits: what may stand unescaped in ``filename*``.
_ATTR_CHARACTERS = "!#$&+-.^_`|~"
_PLAIN = frozenset(chr(c) for c in range(0x20, 0x7F)) - set('"\\%;')


def content_disposition(file_name: str, fallback: str) -> str:
    """``attachment`` naming ``file_name``; ``fallback`` (ASCII) for clients that read only ``filename``."""
    plain = file_name if set(file_name) <= _PLAIN else fallback
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(file_name, safe=_ATTR_CHARACTERS)}"


def strong_etag(value: str) -> str:
    return f'"{value}"'


def requested_etag(header: str = "If-None-Match") -> str | None:
    """The one ETag a request's ``header`` names (``W/`` and quotes dropped), if it names one; ``*``
    and lists name none (a list never holds the one tag of an immutable file and another worth keeping)."""
    value = (request.headers.get(header) or "").strip()
    if not value or "," in value or value == "*":
        return None
    return value.removeprefix("W/").strip('"') or None


def file_response(content: bytes | None, media_type: str, file_name: str, fallback: str, sha256: str) -> Response:
    """The download of a stored file; 304 Not Modified when ``content`` is None (the client holds it)."""
    response = Response(status=304) if content is None else Response(content, mimetype=media_type)
    response.headers["ETag"] = strong_etag(sha256)
    response.headers["Cache-Control"] = "private, no-cache"  # signed-in readers only; ask each time (cheap: 304)
    if content is not None:
        response.headers["Content-Disposition"] = content_disposition(file_name, fallback)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = f"{NOTHING_POLICY}; sandbox"
    return response


def document_response(found: DocumentFile) -> Response:
    """A project's document as a download (``services.documents.read_document``'s answer)."""
    document = found.document
    fallback = f"document-{document.id}{suffix_of(document.file_name)}"
    return file_response(found.content, document.media_type, document.file_name, fallback, document.sha256)


def parcels_response(export: ExportFile) -> Response:
    """Parcels written for a reader (freed land, the parcel list: ``land_exports.ExportFile``) as a
    download, kept by no cache."""
    response = Response(export.content, content_type=export.mimetype)  # it carries its charset
    response.headers["Content-Disposition"] = content_disposition(export.filename, export.filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response


CHUNK_BYTES = 256 * 1024


def _chunks(spool: BinaryIO) -> Iterator[bytes]:
    with spool:  # closed once read to the end
        while block := spool.read(CHUNK_BYTES):
            yield block


def export_response(write: Callable[[BinaryIO], ExportedFile]) -> Response:
    """A file the registry writes (``write`` into the file it is given, returning what it wrote) as a
    download: written to a temporary file first, so a refusal or an error is answered as one (never
    a download cut short), then sent from disk in chunks with its length; the file goes when sent.
    ``X-Registry-Exported`` says how many records it holds."""
    spool = tempfile.TemporaryFile(prefix="registry-export-")
    try:
        written = write(spool)
        size = spool.tell()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    response = Response(_chunks(spool), content_type=written.media_type, direct_passthrough=True)
    response.call_on_close(spool.close)  # also when nothing reads it (a HEAD request)
    response.headers["Content-Length"] = str(size)
    response.headers["Content-Disposition"] = content_disposition(written.file_name, written.file_name)
    response.headers["Cache-Control"] = "private, no-store"  # the reader's own selection, never kept by a cache
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Registry-Exported"] = str(written.count)
    return response
