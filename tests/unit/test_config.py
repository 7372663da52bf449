"""Configuration from the environment: the installation's own secret key."""
from __future__ import annotations

import stat

from registry import config


def test_without_secret_key_every_worker_reads_one_installation_key(tmp_path, monkeypatch):
    monkeypatch.setenv("REGISTRY_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = config.settings_from_env(need_database=False)["SECRET_KEY"]
    second = config.settings_from_env(need_database=False)["SECRET_KEY"]  # another worker process
    assert first == second and len(first) == 64
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]  # no draft left behind


def test_the_environment_key_wins_and_makes_cookies_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("REGISTRY_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.delenv("REGISTRY_INSECURE_COOKIES", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    settings = config.settings_from_env(need_database=False)
    assert settings["SECRET_KEY"] == "from-the-environment" and settings["SESSION_COOKIE_SECURE"]
    assert not (tmp_path / "secret_key").exists()


def test_an_unwritable_place_for_the_key_is_a_clear_error(tmp_path, monkeypatch):
    import pytest

    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setenv("REGISTRY_VAR_DIR", str(blocked / "var"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="set SECRET_KEY"):
        config.settings_from_env(need_database=False)


def test_sessions_last_twelve_hours_and_no_proxy_is_trusted_unless_configured(tmp_path, monkeypatch):
    from datetime import timedelta

    monkeypatch.setenv("REGISTRY_VAR_DIR", str(tmp_path))
    for name in ("REGISTRY_SESSION_HOURS", "REGISTRY_PROXY_HOPS"):
        monkeypatch.delenv(name, raising=False)
    settings = config.settings_from_env(need_database=False)
    assert settings["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=12) and settings["PROXY_HOPS"] == 0
    assert settings["SESSION_COOKIE_HTTPONLY"] and settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    monkeypatch.setenv("REGISTRY_SESSION_HOURS", "8")
    monkeypatch.setenv("REGISTRY_PROXY_HOPS", "1")
    settings = config.settings_from_env(need_database=False)
    assert settings["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8) and settings["PROXY_HOPS"] == 1


def test_the_monitoring_tolerance_is_ten_percent_unless_set_and_a_bad_one_stops_the_app(tmp_path, monkeypatch):
    import pytest
    from decimal import Decimal

    monkeypatch.setenv("REGISTRY_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("REGISTRY_MONITORING_TOLERANCE_PERCENT", raising=False)
    assert config.monitoring_tolerance_percent() == Decimal(10)
    monkeypatch.setenv("REGISTRY_MONITORING_TOLERANCE_PERCENT", " 7.5 ")
    assert config.monitoring_tolerance_percent() == Decimal("7.5")
    for bad in ("0", "-3", "101", "ten", "NaN"):
        monkeypatch.setenv("REGISTRY_MONITORING_TOLERANCE_PERCENT", bad)
        with pytest.raises(RuntimeError, match="REGISTRY_MONITORING_TOLERANCE_PERCENT"):
            config.settings_from_env(need_database=False)
