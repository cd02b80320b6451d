"""Score the matcher on tests/data/paraphrases.yaml: `python tests/paraphrases.py` prints both halves.

A positive counts as found when its claim is flagged in its sentence; a negative as a false alarm
when any claim is. Each sentence is read after its context as the claim files' own test sentences
are (``claims_in_test_sentence``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from caveat.claims import load_database
from caveat.match import Matcher, claims_in_test_sentence

PARAPHRASES = Path(__file__).parent / "data" / "paraphrases.yaml"
HALVES = ("tuning", "check")


@dataclass
class Score:
    found: int = 0
    missed: int = 0
    alarms: int = 0
    quiet: int = 0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed)

    @property
    def alarm_rate(self) -> float:
        return self.alarms / (self.alarms + self.quiet)


def score(matcher: Matcher, half: str) -> Score:
    """The matcher's score on one half: even positions of each list are the tuning half, odd the check."""
    result = Score()
    for entry in yaml.safe_load(PARAPHRASES.read_text(encoding="utf-8")):
        for kind in ("positives", "negatives"):
            for case in entry[kind][HALVES.index(half) :: 2]:
                claims = claims_in_test_sentence(matcher, case["text"], case.get("context", ""))
                if kind == "positives":
                    result.found += entry["claim"] in claims
                    result.missed += entry["claim"] not in claims
                else:
                    result.alarms += bool(claims)
                    result.quiet += not claims
    return result


if __name__ == "__main__":
    matcher = Matcher(load_database())
    for half in HALVES:
        s = score(matcher, half)
        print(
            f"{half}: recall {s.recall:.3f} ({s.found}/{s.found + s.missed}), "
            f"false alarms {s.alarm_rate:.3f} ({s.alarms}/{s.alarms + s.quiet})"
        )
