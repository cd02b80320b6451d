"""The ``caveat`` command: output people read, JSON scripts read, and errors without tracebacks."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from caveat import compiled
from caveat.app import create_app
from caveat.claims import BUNDLED_CLAIMS, load_database
from caveat.cli import main
from caveat.config import Config
from caveat.serialize import claims_json

DATABASE = load_database()
TOKEN = "cli-token-that-is-long-enough"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sees only the CAVEAT_* variables it sets."""
    for name in ("HOST", "PORT", "TOKEN", "ORIGINS", "MAX_BODY_BYTES", "CLAIMS_DIR", "PUBLISHER"):
        monkeypatch.delenv(f"CAVEAT_{name}", raising=False)


@pytest.fixture(scope="module")
def dev_html(shared: Path) -> Path:
    return shared / "eval" / "dev" / "pages" / "seed-000.html"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_clean_failure(code: int, err: str, *words: str) -> None:
    assert code != 0
    assert err.startswith("caveat: ") and "Traceback" not in err
    for word in words:
        assert word in err


def test_analyze_prints_a_table(capsys: pytest.CaptureFixture[str], dev_html: Path) -> None:
    code, out, _ = run(capsys, "analyze", str(dev_html))
    assert code == 0
    assert "CLAIM" in out and "VERDICT" in out and "SCORE" in out and "why:" in out
    found = json.loads(main_json(capsys, "analyze", str(dev_html)))
    for highlight in found["highlights"]:
        assert highlight["claim_id"] in out


def main_json(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, _ = run(capsys, *argv, "--json")
    assert code == 0
    return out


def test_analyze_json_is_the_apis_json(capsys: pytest.CaptureFixture[str], dev_html: Path) -> None:
    url = "https://a.example/kratom"
    printed = json.loads(main_json(capsys, "analyze", str(dev_html), "--url", url))
    served = (
        create_app(Config())
        .test_client()
        .post("/api/v1/analyze", json={"url": url, "html": dev_html.read_text(encoding="utf-8")})
        .get_json()
    )
    assert printed["highlights"], "the dev page asserts claims"
    for result in (printed, served):
        result["stats"].pop("elapsed_ms")
    assert printed == served


def test_analyze_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, dev_html: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(dev_html.read_bytes())))
    from_stdin = json.loads(main_json(capsys, "analyze", "-"))
    from_file = json.loads(main_json(capsys, "analyze", str(dev_html)))
    assert from_stdin["highlights"] == from_file["highlights"]


def test_analyze_plain_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    claim = DATABASE.claims["kratom-not-addictive"]
    source = tmp_path / "post.txt"
    source.write_text(claim.must_match[0].text + "\n", encoding="utf-8")
    result = json.loads(main_json(capsys, "analyze", "--text", str(source)))
    assert [h["claim_id"] for h in result["highlights"]] == [claim.id]


def test_analyze_a_page_without_claims(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>The weather is mild today.</p></body></html>", encoding="utf-8")
    code, out, _ = run(capsys, "analyze", str(page))
    assert code == 0 and "No catalogued claims found." in out


def test_extract_prints_the_checked_text(capsys: pytest.CaptureFixture[str], dev_html: Path) -> None:
    result = json.loads(main_json(capsys, "extract", str(dev_html)))
    code, out, _ = run(capsys, "extract", str(dev_html))
    assert code == 0
    assert out.startswith(f"# {result['title'] or '(untitled)'}\n\n")
    assert all(block["text"] in out for block in result["blocks"])
    assert set(result) == {"title", "text", "blocks"}


@pytest.mark.parametrize("command", ["analyze", "extract"])
def test_unreadable_input_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    code, _, err = run(capsys, command, str(tmp_path / "missing.html"))
    assert_clean_failure(code, err, "cannot read", "missing.html")
    code, _, err = run(capsys, command, str(tmp_path))  # a directory
    assert_clean_failure(code, err, "cannot read")


def test_claims_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "claims", "list")
    assert code == 0
    assert all(claim.id in out for claim in DATABASE)
    assert json.loads(main_json(capsys, "claims", "list")) == claims_json(DATABASE)


def test_claims_show(capsys: pytest.CaptureFixture[str]) -> None:
    claim = next(iter(DATABASE))
    code, out, _ = run(capsys, "claims", "show", claim.id)
    assert code == 0
    assert out.startswith(f"{claim.id}: {claim.label}")
    assert claim.sources[0].url in out
    assert json.loads(main_json(capsys, "claims", "show", claim.id)) == claim.warning()


def test_unknown_claim_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "claims", "show", "kratom-cures-everything")
    assert_clean_failure(code, err, "kratom-cures-everything")


def test_validate_the_bundled_database(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "claims", "validate")
    assert code == 0, out
    assert f"{len(DATABASE)} claims" in out


def _copy_claim(directory: Path, claim_id: str = "kratom-not-addictive") -> dict:
    """A one-claim database in ``directory``; returns the claim's data to edit and write back."""
    shutil.copy(BUNDLED_CLAIMS / f"{claim_id}.yaml", directory)
    return yaml.safe_load((directory / f"{claim_id}.yaml").read_text(encoding="utf-8"))


def test_validate_names_the_broken_file_and_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    claim = _copy_claim(tmp_path)
    del claim["sources"][1:]  # the schema asks for two sources at least
    (tmp_path / "kratom-not-addictive.yaml").write_text(yaml.safe_dump(claim), encoding="utf-8")
    code, _, err = run(capsys, "claims", "validate", str(tmp_path))
    assert_clean_failure(code, err, "kratom-not-addictive.yaml", "sources")


def test_validate_lists_failing_self_tests(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    claim = _copy_claim(tmp_path)
    claim["tests"]["must_not_match"].append(claim["tests"]["must_match"][0])  # cannot both hold
    (tmp_path / "kratom-not-addictive.yaml").write_text(yaml.safe_dump(claim), encoding="utf-8")
    code, out, err = run(capsys, "claims", "validate", str(tmp_path))
    assert code == 1
    assert out.strip(), "the failures are listed"
    assert "self-test" in err


def test_validate_a_missing_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "claims", "validate", str(tmp_path / "nowhere"))
    assert_clean_failure(code, err, "nowhere")


def test_claims_dir_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _copy_claim(tmp_path)
    monkeypatch.setenv("CAVEAT_CLAIMS_DIR", str(tmp_path))
    assert [c["id"] for c in json.loads(main_json(capsys, "claims", "list"))["claims"]] == [
        "kratom-not-addictive"
    ]


def test_config_check_masks_the_token(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAVEAT_TOKEN", TOKEN)
    monkeypatch.setenv("CAVEAT_PORT", "9100")
    code, out, _ = run(capsys, "config", "check")
    assert code == 0
    assert TOKEN not in out
    assert "9100" in out and f"{len(DATABASE)} claims" in out
    running = "compiled (mypyc)" if compiled.running_compiled() else "plain Python"
    assert f"sentence splitting and matching: {running}" in out
    assert "readability-lxml's white-space cleaning: Caveat's faster copy" in out


def test_config_check_reports_a_bad_value(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAVEAT_PORT", "eighty")
    code, _, err = run(capsys, "config", "check")
    assert_clean_failure(code, err, "CAVEAT_PORT", "eighty")


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_serve_refuses_an_exposed_address_without_a_token(
    capsys: pytest.CaptureFixture[str], host: str
) -> None:
    code, out, err = run(capsys, "serve", "--host", host, "--port", "9")
    assert_clean_failure(code, err, "refusing", "CAVEAT_TOKEN")
    assert "serving" not in out


def test_claims_export_claimreview(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAVEAT_PUBLISHER", "Example Health Desk")
    base = ("--base-url", "https://caveat.example/api/v1/claims/")
    code, out, _ = run(capsys, "claims", "export", "--format", "claimreview", *base, "--date", "2026-01-02")
    assert code == 0
    reviews = json.loads(out)["@graph"]
    assert len(reviews) == len(DATABASE)
    assert {r["author"]["name"] for r in reviews} == {"Example Health Desk"}
    target = tmp_path / "out.jsonld"
    code, _, _ = run(capsys, "claims", "export", *base, "--publisher", "Other", "-o", str(target))
    assert code == 0 and "Other" in target.read_text(encoding="utf-8")
    code, _, err = run(capsys, "claims", "export", "--base-url", "not a url")
    assert_clean_failure(code, err, "not a url")


def test_claims_import_claimreview(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    exported = tmp_path / "reviews.jsonld"
    base = "https://caveat.example/api/v1/claims/"
    assert main(["claims", "export", "--base-url", base, "-o", str(exported)]) == 0
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    code, out, _ = run(capsys, "claims", "import", str(exported), "--into", str(drafts))
    assert code == 0
    written = out.split()
    assert len(written) == len(DATABASE) and all(Path(path).parent == drafts for path in written)
    code, _, err = run(capsys, "claims", "import", str(exported), "--into", str(drafts))
    assert_clean_failure(code, err, "already exists")
    exported.write_text("not json", encoding="utf-8")
    code, _, err = run(capsys, "claims", "import", str(exported), "--into", str(drafts))
    assert_clean_failure(code, err, "not JSON")


def test_the_installed_command_fails_without_a_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "caveat", "analyze", str(tmp_path / "missing.html")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("caveat: cannot read") and "Traceback" not in done.stderr
