"""Flask's JSON, writing an exact ``Decimal`` as a JSON number (Flask's own writes it as a string).

The API reads numbers as exact decimals (``registry.api.v1.core.Parser``) and answers amounts of
money with every digit stored; they stay JSON numbers, as the OpenAPI document says they are.
"""
from __future__ import annotations

from typing import Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider

from registry.domain.json_text import dump_json


class ExactJSONProvider(DefaultJSONProvider):
    def dumps(self, obj: Any, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", self.ensure_ascii)
        kwargs.setdefault("sort_keys", self.sort_keys)
        return dump_json(obj, default=kwargs.pop("default", self.default), **kwargs)


def init_app(app: Flask) -> None:
    app.json = ExactJSONProvider(app)
