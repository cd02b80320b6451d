"""Configuration: CAVEAT_* variables -> Config, bad values named, and what create_app does with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from caveat.app import create_app
from caveat.claims import BUNDLED_CLAIMS, ClaimFileError
from caveat.config import DEFAULT_MAX_BODY_BYTES, SETTINGS, Config, ConfigError

TOKEN = "s3cret-token-for-tests-0123456789"


def test_defaults_when_nothing_is_set() -> None:
    config = Config.from_env({})
    assert config == Config()
    assert (config.host, config.port, config.token, config.origins) == ("127.0.0.1", 8765, None, ())
    assert config.max_body_bytes == DEFAULT_MAX_BODY_BYTES == 5 * 1024 * 1024
    assert config.claims_dir is None


def test_every_variable_is_read(tmp_path: Path) -> None:
    config = Config.from_env(
        {
            "CAVEAT_HOST": "0.0.0.0",
            "CAVEAT_PORT": "9000",
            "CAVEAT_TOKEN": TOKEN,
            "CAVEAT_ORIGINS": "https://a.example, chrome-extension://abcdefgh ,",
            "CAVEAT_MAX_BODY_BYTES": "1024",
            "CAVEAT_CLAIMS_DIR": str(tmp_path),
            "CAVEAT_PUBLISHER": "Example Health Desk",
        }
    )
    assert config.host == "0.0.0.0" and config.port == 9000 and config.token == TOKEN
    assert config.origins == ("https://a.example", "chrome-extension://abcdefgh")
    assert config.max_body_bytes == 1024
    assert config.claims_dir == tmp_path
    assert config.publisher == "Example Health Desk"
    assert set(config.describe()) == set(SETTINGS), "describe() and the documented settings disagree"


def test_empty_variables_keep_defaults() -> None:
    assert Config.from_env({"CAVEAT_PORT": "", "CAVEAT_TOKEN": "  ", "CAVEAT_ORIGINS": ""}) == Config()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CAVEAT_PORT", "http"),
        ("CAVEAT_PORT", "0"),
        ("CAVEAT_PORT", "70000"),
        ("CAVEAT_MAX_BODY_BYTES", "-5"),
        ("CAVEAT_MAX_BODY_BYTES", "5MB"),
        ("CAVEAT_TOKEN", "short"),
        ("CAVEAT_TOKEN", "has a space in the middle of it"),
        ("CAVEAT_ORIGINS", "https://example.org/path"),
        ("CAVEAT_ORIGINS", "example.org"),
        ("CAVEAT_HOST", "two words"),
        ("CAVEAT_RATE_LIMIT", "lots"),
        ("CAVEAT_RATE_LIMIT", "120 per fortnight"),
        ("CAVEAT_RATE_LIMIT_STORAGE", "redis-host:6379"),
        ("CAVEAT_TIME_BUDGET", "0"),
        ("CAVEAT_TIME_BUDGET", "ten"),
        ("CAVEAT_TIME_BUDGET", "nan"),
        ("CAVEAT_MAX_ELEMENTS", "0"),
        ("CAVEAT_MAX_TEXT_CHARS", "1e6"),
        ("CAVEAT_PROXY_HOPS", "-1"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        Config.from_env({name: value})


def test_bad_values_are_refused_when_built_directly_too() -> None:
    with pytest.raises(ConfigError, match="CAVEAT_PORT"):
        Config(port=True)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="CAVEAT_PUBLISHER"):
        Config(publisher=" ")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("caveat.example", False),
    ],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert Config(host=host).is_loopback is loopback


def test_describe_masks_the_token() -> None:
    shown = Config(token=TOKEN).describe()
    assert all(TOKEN not in value for value in shown.values())
    assert shown["CAVEAT_TOKEN"].startswith("set")
    assert Config().describe()["CAVEAT_TOKEN"] == "not set"


def test_create_app_reads_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copy(BUNDLED_CLAIMS / "kratom-not-addictive.yaml", tmp_path)
    monkeypatch.setenv("CAVEAT_CLAIMS_DIR", str(tmp_path))
    monkeypatch.setenv("CAVEAT_MAX_BODY_BYTES", "2048")
    app = create_app()
    assert app.config["MAX_CONTENT_LENGTH"] == 2048
    assert app.test_client().get("/healthz").get_json()["claims"] == 1


def test_an_invalid_claim_file_stops_startup_naming_file_and_field(tmp_path: Path) -> None:
    claim = yaml.safe_load((BUNDLED_CLAIMS / "kratom-not-addictive.yaml").read_text(encoding="utf-8"))
    claim["verdict"] = "probably-fine"
    broken = tmp_path / "kratom-not-addictive.yaml"
    broken.write_text(yaml.safe_dump(claim), encoding="utf-8")
    with pytest.raises(ClaimFileError) as raised:
        create_app(Config(claims_dir=tmp_path))
    assert str(broken) in str(raised.value)
    assert raised.value.where == "verdict"


def test_cors_only_for_configured_origins() -> None:
    allowed = "https://reader.example"
    client = create_app(Config(origins=(allowed,))).test_client()
    granted = client.get("/api/v1/topics", headers={"Origin": allowed})
    assert granted.headers.get("Access-Control-Allow-Origin") == allowed
    refused = client.get("/api/v1/topics", headers={"Origin": "https://other.example"})
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_no_cors_by_default() -> None:
    response = (
        create_app(Config()).test_client().get("/api/v1/topics", headers={"Origin": "https://a.example"})
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_config_check_shows_the_feedback_store_without_its_password():
    described = Config.from_env(
        {"CAVEAT_FEEDBACK_DB": "postgresql://curator:s3cret@127.0.0.1/caveat"}
    ).describe()
    assert described["CAVEAT_FEEDBACK_DB"] == "postgresql://curator:***@127.0.0.1/caveat"
