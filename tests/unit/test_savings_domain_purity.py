"""The accounting core stays pure: standard library only, no outer ring of the registry."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "registry" / "domain"
FORBIDDEN = {"flask", "flask_babel", "babel", "sqlalchemy", "geoalchemy2", "shapely", "pyproj",
             "psycopg", "psycopg2", "werkzeug", "jinja2", "geo"}


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_domain_imports_only_the_standard_library_and_itself():
    offenders = []
    for path in sorted(DOMAIN.rglob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            pure = (name == "registry.domain" or name.startswith("registry.domain.")
                    or (top in sys.stdlib_module_names and top not in FORBIDDEN)
                    or top == "__future__")
            if not pure or top in FORBIDDEN:
                offenders.append(f"{path.relative_to(DOMAIN)}: {name}")
    assert offenders == []


def test_the_purity_check_sees_the_domain():
    assert (DOMAIN / "savings" / "calculators.py").exists()
    assert "registry.domain.errors" in _imports(DOMAIN / "land.py")
