"""`serve` options: workers from the command line or ZGSZ_WORKERS, and the warning when the service is exposed
beyond loopback without API keys."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from assistant.commands.serve import exposure_warning, is_loopback, settings_for
from assistant.errors import ConfigError
from assistant.settings import Settings


def _settings(tmp_path: Path, **more: object) -> Settings:
    return Settings(data_dir=tmp_path, _env_file=None, **more)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True), ("0.0.0.0", False),
     ("192.168.1.5", False), ("::", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_warning_only_when_exposed_without_keys(tmp_path: Path) -> None:
    assert exposure_warning(_settings(tmp_path)) is None
    warning = exposure_warning(_settings(tmp_path, host="0.0.0.0"))
    assert warning is not None and "ZGSZ_API_KEYS" in warning and "0.0.0.0" in warning
    assert exposure_warning(_settings(tmp_path, host="0.0.0.0", api_keys=["k"])) is None


def test_workers_from_the_command_line_are_validated(tmp_path: Path) -> None:
    args = argparse.Namespace(host=None, port=None, root_path=None, workers=3)
    assert settings_for(args, _settings(tmp_path)).workers == 3
    with pytest.raises(ConfigError, match="ZGSZ_WORKERS"):
        settings_for(argparse.Namespace(host=None, port=None, root_path=None, workers=0), _settings(tmp_path))


def test_keys_come_comma_separated_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZGSZ_API_KEYS", " alpha, beta ,,")
    monkeypatch.setenv("ZGSZ_DATABASE_URL", "")
    settings = Settings(data_dir=tmp_path, _env_file=None)  # type: ignore[call-arg]
    assert settings.api_keys == ["alpha", "beta"] and settings.database_url is None
    monkeypatch.setenv("ZGSZ_DATABASE_URL", "mysql://x")
    from assistant.settings import load_settings

    with pytest.raises(ConfigError, match="ZGSZ_DATABASE_URL"):
        load_settings(data_dir=tmp_path)
