"""Which names the app looks up in a request's query and form: each request's ``request.args`` and
``request.form`` replaced by a dictionary that notes every name asked of it — and, for a view that reads
them whole (iterates them, copies them, ``to_dict()``), the address it read whole."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field

from flask import request, request_started
from werkzeug.datastructures import ImmutableMultiDict


WHOLE_ANYWAY = {"registry.errors_web"}  # reads every request's query and form whole: no view's


@dataclass
class Reads:
    names: set[str] = field(default_factory=set)  # looked up one by one
    whole: set[str] = field(default_factory=set)  # "METHOD path" of each request whose query or form was read whole


class _Read(ImmutableMultiDict):
    """The request's query or form, noting each name the app looks up, and a reading of the whole."""

    reads: Reads
    where: str

    def __getitem__(self, key):
        self.reads.names.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        self.reads.names.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        self.reads.names.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        self.reads.names.add(key)
        return super().__contains__(key)

    def _whole(self):
        # a view's reading, not the check of every request for NUL characters (errors_web) nor werkzeug's own
        caller = sys._getframe(2).f_globals.get("__name__", "")
        if caller.startswith("registry.") and caller not in WHOLE_ANYWAY:
            self.reads.whole.add(self.where)

    def __iter__(self):
        self._whole()
        return super().__iter__()

    def keys(self):
        self._whole()
        return super().keys()

    def items(self, multi=False):
        self._whole()
        return super().items(multi)

    def lists(self):
        self._whole()
        return super().lists()

    def values(self):
        self._whole()
        return super().values()

    def to_dict(self, flat=True):
        self._whole()
        return super().to_dict(flat)

    def copy(self):
        self._whole()
        return super().copy()


@contextmanager
def reads_of(app):
    """What the app reads of each request's query and form while the block runs."""
    reads = Reads()

    def watch(sender, **extra):
        current = request._get_current_object()
        for part in ("args", "form"):
            watched = _Read(getattr(current, part))
            watched.reads, watched.where = reads, f"{current.method} {current.path}"
            setattr(current, part, watched)

    with request_started.connected_to(watch, app):
        yield reads
