"""Files users uploaded, answered as downloads — the project page and the JSON API alike.

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

from urllib.parse import quote

from flask import Response, request

from registry.domain.document_files import suffix_of
from registry.security_headers import NOTHING_POLICY
from registry.services.documents import DocumentFile

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
