"""The claim files: each loads against the schema, and its own test sentences hold.

Every must_match / must_not_match sentence in a claim file runs through the real matcher
here, so adding a claim or a test sentence needs no code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caveat.claims import BUNDLED_CLAIMS, ClaimFileError, load_database
from caveat.match import Matcher, claim_test_failures

DATABASE = load_database()


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(DATABASE)


@pytest.mark.parametrize("claim", list(DATABASE), ids=lambda c: c.id)
def test_claim_files_own_test_sentences_hold(matcher, claim):
    assert claim_test_failures(matcher, [claim]) == []


def test_a_claim_test_that_fails_is_reported_by_file_and_sentence(tmp_path):
    directory = tmp_path / "claims"
    shutil.copytree(BUNDLED_CLAIMS, directory)
    path = directory / "kratom-not-addictive.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  must_not_match:\n", "  must_not_match:\n    - Kratom is completely non-addictive.\n", 1
        ),
        encoding="utf-8",
    )
    failures = claim_test_failures(Matcher(load_database(directory)))
    assert failures == ["kratom-not-addictive.yaml: wrongly flagged: Kratom is completely non-addictive."]


def copy_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    directory = tmp_path / "claims"
    shutil.copytree(BUNDLED_CLAIMS, directory)
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('verdict: "false"', "verdict: maybe", "verdict"),
        ("severity: high", "severity: 3", "severity"),
        ("id: kratom-not-addictive", "id: something-else", "id"),
    ],
)
def test_an_invalid_claim_file_is_refused_naming_file_and_field(tmp_path, old, new, field):
    directory = copy_with(tmp_path, "kratom-not-addictive.yaml", old, new)
    with pytest.raises(ClaimFileError) as error:
        load_database(directory)
    assert error.value.path.name == "kratom-not-addictive.yaml"
    assert error.value.where == field


def test_broken_yaml_is_refused_naming_the_file(tmp_path):
    directory = copy_with(tmp_path, "kratom-not-addictive.yaml", "severity: high", "severity: [high")
    with pytest.raises(ClaimFileError, match=r"kratom-not-addictive\.yaml: invalid YAML"):
        load_database(directory)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "    - all: [kratom, absence, addiction]",
            "    - all: [kratom, absense, addiction]",
            "match.rules[3].all",
        ),
        ("      - hooked\n", "      - hooked|\n", "match.concepts.addiction"),
        ("      - hooked\n", "      - hooked\n      - hooked\n", "match.concepts.addiction.terms"),
        ("      - hooked\n", "      - hooked on {opiods}\n", "match.concepts.addiction"),  # misspelt
        ("      - hooked\n", "      - hooked on {addiction}\n", "match.concepts.addiction"),  # a circle
    ],
)
def test_a_matcher_mistake_is_refused_naming_file_and_field(tmp_path, old, new, field):
    directory = copy_with(tmp_path, "kratom-not-addictive.yaml", old, new)
    with pytest.raises(ClaimFileError) as error:
        Matcher(load_database(directory))
    assert (error.value.path.name, error.value.where) == ("kratom-not-addictive.yaml", field)


def test_an_unquoted_yaml_boolean_term_is_refused_by_the_schema(tmp_path):
    directory = copy_with(tmp_path, "kratom-not-addictive.yaml", "      - hooked\n", "      - no\n")
    with pytest.raises(
        ClaimFileError, match=r"match\.concepts\.addiction\[1\]: False is not of type 'string'"
    ):
        load_database(directory)
