"""Step 3: sentences -> matches against the claim database.

A claim is asserted when a sentence holds the claim's concepts together (a rule), says it of
kratom (named, or referred to as "it", "the leaf", ... in a passage about kratom), and does
not reject it. Concepts are lists of terms in the claim files and in data/lexicon.yaml; the
engine here knows no claim by name, so curators change what matches without changing code.

Stance is decided by cues, never by similarity: a sentence that rejects a claim ("no reliable
evidence", "sellers claim ... the FDA disagrees"), asks a question, or negates the claim's
predicate ("kratom does not treat dark spots") is not flagged, nor are the items of a list that a
lead-in presents as what others say ("What sellers told our reporter:"), while hedged promotion
("may", "proponents suggest") still is, as the catalogue's labelling rules ask.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice, product
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

from caveat.claims import Claim, ClaimDatabase, ClaimFileError
from caveat.records import Match, Page, Sentence
from caveat.terms import Hits, Span, Term, TermIndex, TermSyntaxError, Tokens, blank_gaps, fold, parse_terms

LEXICON_PATH = Path(__file__).parent / "data" / "lexicon.yaml"

SUBJECT = "kratom"  # the lexicon concept every claim is about
_SUBJECT_KEY = f"@{SUBJECT}"
# How sure a match is, by how the subject was found: named, referred to, implied by the
# passage, implied by the page; a hedge takes a little more off.
_SCORES = {"named": 0.9, "referred": 0.8, "header": 0.8, "passage": 0.7, "page": 0.6}
_HEDGE_PENALTY = 0.05
_HEDGED_SCORES = {found_by: round(score - _HEDGE_PENALTY, 2) for found_by, score in _SCORES.items()}
_NAMED = "@kratom named"  # discourse key: the subject was named, not only referred to
# Comments, list items and table cells are short and lean on the page for their subject.
# An article that names kratom this often is about it, whatever its title.
_ARTICLE_MENTIONS = 3
_HITS_PER_CONCEPT = 8
_MENTION_SCAN = 200_000  # characters searched for those; the topic is named early if at all
_FRAGMENT_KINDS = frozenset({"comment", "list-item", "table-cell"})
# Lines this short in running text or comments are names, dates and times (see _is_label).
_LABEL_KINDS = frozenset({"paragraph", "comment", "other"})
_LABEL_WORDS = 3
# Words that turn a sentence from what others say to what the writer says.
_CONTRASTS = frozenset({"but", "however", "though", "although", "yet"})
# "that" or "which" just before a claim's word: a relative clause, denied with its noun phrase.
_RELATIVE_PRONOUNS = frozenset({"that", "which"})
_RELATIVE_REACH = 7
_AUXILIARIES = frozenset(
    {
        *("is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had"),
        *("will", "would", "can", "could", "may", "might", "must", "shall", "should", "going", "to"),
        *("ever", "really", "actually", "truly"),
    }
)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")
# A "sentence" this many words long is run-on text, a forum post written without full stops: its
# highlight covers the claim's words and their clause, up to _CLAUSE_REACH words either side.
_RUN_ON_WORDS = 50
_CLAUSE_REACH = 6
_LIST_REACH = 2  # sentences back that a list item takes concepts from (rule option from_list)
# Concepts that say how a sentence speaks rather than what it says: a header's cues are read apart.
_CUES = frozenset(
    {
        *("@negation", "@rejection", "@reported", "@reported_label", "@hedge", "@personal", "@dummy_it"),
        *("@yes_reply", "@no_reply"),
    }
)


@dataclass(frozen=True, slots=True)
class Rule:
    concepts: tuple[str, ...]  # concept keys that must all be present, in the order written
    required: frozenset[str]  # the same, as a set: most rules fail this test, so it must be cheap
    near: int | None  # the non-subject concepts' hits must fit in this many words
    negatable: frozenset[str]  # a negation just before one of these vetoes the rule
    ordered: bool  # the non-subject concepts' hits come in the listed order
    same_clause: bool  # no comma, semicolon, colon or dash between them
    unless: frozenset[str]  # concept keys that veto this rule
    not_across: tuple[str, ...]  # concepts that, with a clause break, may not stand between the hits
    from_list: frozenset[str]  # concepts a list item may take from the items before it in its list
    from_question: frozenset[str]  # concepts a reply ("No.", "Not in the way ...") takes from the question


@dataclass(frozen=True, slots=True)
class ClaimRules:
    claim_id: str
    rules: tuple[Rule, ...]
    unless: frozenset[str]  # concept keys that veto the claim


@dataclass(frozen=True, slots=True)
class _Names:
    """Concept names a file may use, so that a misspelt one is refused with its file and field."""

    path: Path
    keys_by_name: Mapping[str, str]

    def keys(self, names: Iterable[str], where: str) -> tuple[str, ...]:
        unknown = [n for n in names if n not in self.keys_by_name]
        if unknown:
            raise ClaimFileError(self.path, where, f"unknown concept {unknown[0]!r}")
        return tuple(self.keys_by_name[n] for n in names)


@dataclass(slots=True)
class _Discourse:
    """What the passage has been about so far: the last sentence each concept appeared in."""

    window: int
    page_topic: bool  # the title names the topic, so an unnamed subject is the topic
    article_on_topic: bool  # named often enough: its comments, tables and first-person copy are about it
    last_seen: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (index, section)
    section: int = 0
    in_heading: bool = False
    # The list under way follows a lead-in that reports what others say ("What sellers told our
    # reporter:"), so its items are quotes the page sets up to answer, not what it asserts.
    reported_list: bool = False
    list_start: int = -1  # the first sentence of the run of list items under way
    # The last question and the concepts it named: the sentence after it may answer it.
    question_at: tuple[int, int] = (-1, -1)  # (index, section)
    question_keys: frozenset[str] = frozenset()

    def in_list(self, key: str, index: int) -> bool:
        """Whether ``key`` was seen in one of the two sentences before ``index``, items of its list."""
        seen = self.last_seen.get(key)
        return seen is not None and max(self.list_start, index - _LIST_REACH) <= seen[0] < index

    def ask(self, index: int, keys: Iterable[str]) -> None:
        self.question_at = (index, self.section)
        self.question_keys = frozenset(keys)

    def answered(self, index: int) -> frozenset[str]:
        """The concepts of the question just before ``index``, in its section, if there was one."""
        return self.question_keys if self.question_at == (index - 1, self.section) else _NO_KEYS

    def _in_section(self, key: str) -> tuple[int, int] | None:
        """Where ``key`` was last seen, if that was in this section."""
        seen = self.last_seen.get(key)
        return seen if seen is not None and seen[1] == self.section else None

    def recent(self, key: str, index: int) -> int | None:
        """How many sentences back ``key`` was seen, if close enough to be referred to."""
        seen = self._in_section(key)
        if seen is None:
            return None
        distance = _sentences_between(seen[0], index)
        return distance if distance <= self.window else None

    def since_in_section(self, key: str, index: int) -> int | None:
        """How many sentences back ``key`` was seen in this section, at any distance, if no other
        remedy was named since."""
        seen = self._in_section(key)
        if seen is None:
            return None
        other = self._in_section("@other_agent")
        return None if other is not None and other[0] > seen[0] else _sentences_between(seen[0], index)

    def named_before(self, index: int) -> int | None:
        """How many sentences back kratom was last named, if a sentence may still leave it unnamed:
        named in this section with no other remedy named since, and, unless the whole article is
        about kratom, within the window."""
        distance = self.since_in_section(_NAMED, index)
        if distance is None or (distance > self.window and not self.article_on_topic):
            return None
        return distance

    def new_in_section(self, key: str) -> bool:
        """Whether ``key`` has not been seen since the section began."""
        return self._in_section(key) is None

    def saw(self, keys: Iterable[str], index: int) -> None:
        where = (index, self.section)
        last_seen = self.last_seen
        for key in keys:  # a plain loop: this runs for every sentence, and builds no dictionary
            last_seen[key] = where


class Matcher:
    """Built once from the database at start; ``match`` is called per request."""

    def __init__(self, database: ClaimDatabase, lexicon_path: Path = LEXICON_PATH) -> None:
        self.database = database
        lexicon = yaml.safe_load(lexicon_path.read_text(encoding="utf-8"))
        self.topics: tuple[str, ...] = tuple(lexicon["topics"])
        self._topic_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, self.topics)) + ")", re.I)
        self._window: int = lexicon.get("context_sentences", 3)
        self._title_subject: bool = lexicon.get("title_names_subject", True)
        self._index = TermIndex(groups=("terms", "anaphors"))
        self._names: dict[str, str] = {}  # concept key -> name shown in reasons
        # The keys that, present together, make joint concepts -> those concepts' keys. Indexed by the
        # last part so that a sentence only checks what it could complete, and grouped by parts because
        # many claims may join the same shared concepts ("kratom" with "discoloration").
        self._joint: dict[str, dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
        self._claims: list[ClaimRules] = []
        self._triggers: dict[str, list[int]] = defaultdict(list)  # local concept key -> claim positions
        shared = _Names(lexicon_path, {name: f"@{name}" for name in lexicon["concepts"]})
        # Concepts as written, so that a term may refer to any of them ({opioid_drug}) before it is parsed.
        self._written: dict[str, tuple[Any, _Names, str]] = {}  # key -> spec, the names it may use, where
        self._parsed: dict[str, list[Term]] = {}  # key -> its terms, once parsed
        for name, spec in lexicon["concepts"].items():
            self._write(f"@{name}", spec, shared, f"concepts.{name}")
        for name in lexicon["concepts"]:
            self._add_concept(f"@{name}", name)
        for claim in database:
            self._add_claim(claim, shared)

    def _write(self, key: str, spec: Any, names: _Names, where: str) -> None:
        """Keep a concept as written (a list of terms is short for {"terms": [...]}) until it is added."""
        self._written[key] = ({"terms": spec} if isinstance(spec, list) else spec, names, where)

    def _add_concept(self, key: str, name: str) -> None:
        spec, names, where = self._written[key]
        self._names[key] = name
        if "with" in spec:
            parts = names.keys(spec["with"], f"{where}.with")
            self._joint[parts[-1]][parts].append(key)
        for group in ("terms", "anaphors"):
            written = spec.get(group, [])
            if len(set(written)) < len(written):  # a curator's slip: one copy would be edited, not the other
                (repeated, _), *_ = Counter(written).most_common(1)
                raise ClaimFileError(names.path, f"{where}.{group}", f"term {repeated!r} is listed twice")
        self._index.add(key, self._terms(key))
        anaphors = spec.get("anaphors", [])
        self._index.add(key, self._parse(anaphors, names, f"{where}.anaphors", ()), group="anaphors")

    def _terms(self, key: str, referring: tuple[str, ...] = ()) -> list[Term]:
        """A concept's terms, its references to other concepts spelt out (parsed once)."""
        if key not in self._parsed:
            if key in referring:
                _, names, where = self._written[referring[0]]
                cycle = " -> ".join(self._names.get(k, k) for k in (*referring, key))
                raise ClaimFileError(names.path, where, f"concepts refer to each other in a circle: {cycle}")
            spec, names, where = self._written[key]
            self._parsed[key] = self._parse(spec.get("terms", []), names, where, (*referring, key))
        return self._parsed[key]

    def _parse(self, written: list[str], names: _Names, where: str, referring: tuple[str, ...]) -> list[Term]:
        """Terms as written, parsed; ``referring`` are the concepts whose terms are being parsed."""

        def concept(name: str) -> list[Term]:
            return self._terms(names.keys([name], where)[0], referring)

        try:
            return [term for text in written for term in parse_terms(text, concept)]
        except TermSyntaxError as err:
            raise ClaimFileError(names.path, where, str(err)) from err

    def _add_claim(self, claim: Claim, shared: _Names) -> None:
        spec = claim.match
        local = {name: f"{claim.id}:{name}" for name in spec["concepts"]}
        names = _Names(claim.path, {**shared.keys_by_name, **local})
        for name, concept in spec["concepts"].items():
            self._write(local[name], concept, names, f"match.concepts.{name}")
        for name in spec["concepts"]:
            self._add_concept(local[name], name)
        rules = []
        for i, rule in enumerate(spec["rules"]):
            where = f"match.rules[{i}]"
            own = [n for n in rule["all"] if n in local]
            concepts = names.keys(rule["all"], f"{where}.all")
            rules.append(
                Rule(
                    concepts=concepts,
                    required=frozenset(concepts),
                    near=rule.get("near"),
                    negatable=frozenset(names.keys(rule.get("negatable", own), f"{where}.negatable")),
                    ordered=rule.get("ordered", False),
                    same_clause=rule.get("same_clause", False),
                    unless=frozenset(names.keys(rule.get("unless", []), f"{where}.unless")),
                    not_across=names.keys(rule.get("not_across", []), f"{where}.not_across"),
                    from_list=frozenset(names.keys(rule.get("from_list", []), f"{where}.from_list")),
                    from_question=frozenset(
                        names.keys(rule.get("from_question", []), f"{where}.from_question")
                    ),
                )
            )
        position = len(self._claims)
        unless = frozenset(names.keys(spec.get("unless", []), "match.unless"))
        self._claims.append(ClaimRules(claim.id, tuple(rules), unless))
        for key in {k for rule in rules for k in rule.concepts if k in local.values()}:
            self._triggers[key].append(position)

    def match(self, page: Page, sentences: Sequence[Sentence]) -> list[Match]:
        # a product page may be titled by its strain alone: "Red Bali Leaf Powder"
        titled = _SUBJECT_KEY in self._index.find(Tokens(page.title).words)["terms"]
        found = self._topic_pattern.finditer(page.text, endpos=_MENTION_SCAN)
        mentions = sum(1 for _ in islice(found, _ARTICLE_MENTIONS))
        if not titled and not mentions:
            return []
        discourse = _Discourse(
            self._window,
            page_topic=self._title_subject and titled,
            article_on_topic=self._title_subject and (titled or mentions >= _ARTICLE_MENTIONS),
        )
        folded = fold(page.text)
        gaps = blank_gaps(folded)
        matches: list[Match] = []
        header_block, header = -1, _NO_HEADER
        # Sentences are counted as the discourse sees them: a speaker's name or a timestamp between
        # a question and its answer ("is that a thing?" "10:16 AM" "LeafBot" "That reaction is rare")
        # says nothing, so it neither parts the answer from the question nor stretches a reference.
        index = -1
        for sentence in sentences:
            start, end = sentence.start, sentence.end
            tokens = Tokens(sentence.text, folded[start:end], gaps[start:end])
            if not _is_label(sentence, tokens):
                index += 1
            if sentence.block != header_block:  # a cell's header is read once, not once per sentence
                header_block, header = sentence.block, self._read_header(page.blocks[sentence.block].header)
            matches.extend(self._match_sentence(index, sentence, tokens, discourse, header))
        return matches

    def _read_header(self, text: str) -> _Header:
        if not text:
            return _NO_HEADER
        tokens = Tokens(text)
        labels = self._index.find(tokens.words)["terms"]
        return _Header(tokens, labels, {key: spans for key, spans in labels.items() if key not in _CUES})

    def _match_sentence(
        self, index: int, sentence: Sentence, tokens: Tokens, discourse: _Discourse, header: _Header
    ) -> list[Match]:
        found = self._index.find(tokens.words)
        hits = found["terms"]
        labels = header.labels
        asks = sentence.text.rstrip().endswith("?")
        if sentence.kind != "list-item":
            discourse.reported_list = _introduces_reports(sentence, hits)
            discourse.list_start = index + 1
        if sentence.kind == "heading":
            # Consecutive headings ("I've heard kratom can darken skin." "Should I worry?") open
            # one section together.
            if not discourse.in_heading:
                discourse.section += 1
            discourse.in_heading = True
            discourse.saw(hits, index)
            if asks:  # an FAQ's question, answered below it
                discourse.ask(index, hits)
            return []
        discourse.in_heading = False
        reading = _Reading(sentence, tokens, hits, "named" if _SUBJECT_KEY in hits else "")
        others = _uncompared(hits.get("@other_agent", ()), hits)
        self._resolve_anaphors(reading, found["anaphors"], others, index, discourse)
        # "Kratom users develop darker patches. These can be lightened ...": the parts together give
        # the next sentences something to refer back to, but do not stand for the concept here.
        joint = [
            key
            for last in hits
            if last in self._joint
            for parts, keys in self._joint[last].items()
            if all(hits.get(part) for part in parts)
            for key in keys
        ]
        asked, denied = _reply(discourse.answered(index), hits, tokens)
        if _SUBJECT_KEY not in hits and not others:
            # A table cell is about what its headers name; otherwise only a sentence that names
            # kratom lets the next ones leave the subject out ("Four years on kratom. I switched
            # over with barely any withdrawal."): a pronoun chain is too weak a thread for that.
            if _SUBJECT_KEY in labels:
                reading.found_by, reading.implied = "header", f"subject: the table header '{header.text}'"
            elif "@other_agent" in labels:
                pass  # a "CBD" or "Kava" column
            elif _SUBJECT_KEY in asked:  # "Is kratom addictive?" "Not in the way opioids are."
                reading.found_by = "referred"
                reading.implied = "subject: kratom, in the question this answers"
            elif (named := discourse.named_before(index)) is not None and not _states_purpose(tokens):
                reading.found_by = "passage"
                reading.implied = f"subject: kratom, named {_sentences_back(named)} in this section"
            elif discourse.page_topic and ("@personal" in hits or _is_fragment(sentence, tokens)):
                reading.found_by = "page"
                reading.implied = "subject: implied by the page, whose title names kratom"
            elif discourse.article_on_topic and (kind := _unnamed_subject_kind(sentence, tokens, hits)):
                reading.found_by, reading.implied = "page", f"subject: {kind} in an article about kratom"
        discourse.saw(hits, index)
        if joint:
            discourse.saw(joint, index)
        if reading.found_by == "named":
            discourse.saw([_NAMED], index)
        if asks:
            discourse.ask(index, _present(hits, reading))
            return []
        if "@rejection" in hits:
            return []
        # A report reaches only to a "but" or "however" that turns to what the writer says: "My
        # sister keeps saying I've traded one habit for another, but MIT doesn't hook you", and not at
        # all when the writer endorses it ("fans call it non-addictive, and for good reason").
        cuts: list[int] = []
        reporting: set[int] = set()  # the parts of the sentence, counted from 0 between cuts, that report
        if (reported := hits.get("@reported")) and "@endorsed" not in hits:
            cuts = [i for i, word in enumerate(tokens.words) if word in _CONTRASTS]
            reporting = {bisect_right(cuts, span[0]) for span in reported}
            if len(reporting) > len(cuts):
                return []  # every part reports
        if "@rejection" in labels or "@reported" in labels or "@reported_label" in labels:
            return []  # a "Myth" or "What sellers say" column
        if discourse.reported_list and sentence.kind == "list-item":
            return []
        present = _present(hits, reading)
        if sentence.kind == "table-cell" and header.tokens is not None:
            # A cell says its claim of what its headers name: "Red Bali" beside "Deep, dependable relief".
            reading.header = header
            present.update(header.concepts)
        negations = {n[1] - 1: n for n in hits.get("@negation", ())}  # by the index of their last word
        triggers = self._triggers
        candidates = sorted({p for key in hits if key in triggers for p in triggers[key]})
        flagged: list[Match] = []
        for position in candidates:
            claim = self._claims[position]
            claim_vetoes = _NO_KEYS if claim.unless.isdisjoint(present) else claim.unless & present
            if claim_vetoes and not negations:
                continue
            for rule in claim.rules:
                supplied = _NOTHING_SUPPLIED
                if not rule.required <= present:
                    supplied = _from_context(rule, sentence, present, discourse, index, asked, denied)
                    if not rule.required <= present | supplied.keys:
                        continue
                vetoes = claim_vetoes
                if not rule.unless.isdisjoint(present):
                    vetoes = claim_vetoes | rule.unless & present
                if vetoes and not negations:
                    continue
                chosen = _satisfy(rule, reading, negations, supplied.keys)
                if (
                    chosen is not None
                    and not (vetoes and not _denied_by_claim(vetoes, reading, chosen, negations))
                    and not (reporting and _reported(chosen, reporting, cuts))
                    and not _turned_away(reading, chosen, negations)
                ):
                    flagged.append(self._to_match(claim.claim_id, reading, rule, chosen, supplied))
                    break
        return flagged

    def _resolve_anaphors(
        self, reading: _Reading, anaphors: Hits, other_agents: list[Span], index: int, discourse: _Discourse
    ) -> None:
        """Count "it", "the leaf", "these patches" as their concept when it was seen just before;
        ``other_agents`` are the other remedies the sentence names, but for those it sets kratom against."""
        if not anaphors:  # most sentences: skip the look back at the passage
            return
        hits = reading.hits
        dummies = hits.get("@dummy_it", ())  # "it is said that": no antecedent at all
        other_distance = discourse.recent("@other_agent", index)
        # A section of a page about kratom that has not named it yet ("It Hits the Same Receptors
        # as Morphine", then "this botanical relieves ...") speaks of the page's topic.
        page_subject = (
            discourse.article_on_topic and other_distance is None and discourse.new_in_section(_SUBJECT_KEY)
        )
        for key, spans in anaphors.items():
            if key in hits:
                continue
            distance = discourse.recent(key, index)
            is_subject = key == _SUBJECT_KEY
            if distance is None and is_subject and discourse.article_on_topic:
                # An article about kratom keeps to it: "it" reaches back past the window, to the last
                # mention in the section, unless another remedy was named since.
                distance = discourse.since_in_section(key, index)
            if distance is None:
                if not (is_subject and page_subject):
                    continue
            elif is_subject and other_distance is not None and other_distance < distance:
                continue  # another remedy was named more recently than kratom: "it" is that one
            for anaphor in spans:
                if any(d[0] <= anaphor[0] < d[1] for d in dummies) or (
                    is_subject and any(other[0] < anaphor[0] for other in other_agents)
                ):
                    continue  # a remedy named earlier in the sentence is what "it" refers to
                if distance is None and not discourse.page_topic and anaphor[1] - anaphor[0] < 2:
                    continue  # unless the title names kratom, a one-word "it" may be the skin or the pill
                hits[key] = [anaphor]
                if distance is None:
                    reading.found_by = "page"
                    quoted = reading.tokens.quote(anaphor)
                    where = "a page whose title names" if discourse.page_topic else "an article about"
                    reading.implied = f"subject: '{quoted}', in a section of {where} kratom"
                    break
                if is_subject:
                    reading.found_by = "referred"
                reading.referred[key] = distance
                break

    def _to_match(
        self,
        claim_id: str,
        reading: _Reading,
        rule: Rule,
        chosen: list[tuple[str, Span]],
        supplied: _Supplied,
    ) -> Match:
        hits, tokens = reading.hits, reading.tokens
        # a claim whose rules need no subject (a citation) is as sure as a named one
        found_by = reading.found_by or ("referred" if _SUBJECT_KEY in supplied.keys else "named")
        explained = []
        if reading.implied:
            explained.append(reading.implied)
        elif _SUBJECT_KEY in hits:
            explained.append(self._reason(reading, _SUBJECT_KEY, hits[_SUBJECT_KEY][0], "subject"))
        header = reading.header
        if header.tokens is not None:
            header_words = header.tokens
            explained += [
                f"{self._names[key]}: '{header_words.quote(header.concepts[key][0])}' in the table header"
                for key in rule.concepts
                if key in header.concepts and key != _SUBJECT_KEY
            ]
        explained += [f"{self._names[key]}: in {supplied.source}" for key in sorted(supplied.keys)]
        explained += [self._reason(reading, key, span, self._names[key]) for key, span in chosen]
        if "@hedge" in hits:
            explained.append(f"hedged promotion still asserts: '{tokens.quote(hits['@hedge'][0])}'")
        sentence = reading.sentence
        start, end = sentence.start, sentence.end
        if len(tokens.words) >= _RUN_ON_WORDS and chosen:
            first, last = _claim_words(reading, chosen)
            start = sentence.start + tokens.offsets(first)[0]
            end = sentence.start + tokens.offsets(last - 1)[1]
        score = (_HEDGED_SCORES if "@hedge" in hits else _SCORES)[found_by]
        return Match(claim_id, sentence, start, end, score, tuple(explained))

    def _reason(self, reading: _Reading, key: str, span: Span, label: str) -> str:
        """How a curator reads one concept's part in a match: the words, and what they refer to."""
        quoted = f"'{reading.tokens.quote(span)}'"
        distance = reading.referred.get(key)
        if distance is None:
            return f"{label}: {quoted}"
        return f"{self._names[key]}: {quoted} refers back {_sentences_back(distance)}"


@dataclass(frozen=True, slots=True)
class _Header:
    """A block's table header, read: its words and the concepts they name (shared by the block's
    sentences, never changed)."""

    tokens: Tokens | None
    labels: Hits  # every concept its words name, cues ("Myth", "What sellers say") included
    concepts: Hits  # the same without the cues: what a cell under it makes its claim of

    @property
    def text(self) -> str:
        return self.tokens.text if self.tokens is not None else ""


_NO_HEADER = _Header(None, {}, {})
_NO_KEYS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Supplied:
    """A rule's concepts that the sentence's context gives rather than its words, and where from."""

    keys: frozenset[str]
    source: str  # as the reasons say it: "an earlier item of this list"


_NOTHING_SUPPLIED = _Supplied(_NO_KEYS, "")


class _Reading:
    """One sentence as the matcher has read it so far.

    A plain class rather than a dataclass: one is made per sentence, and a dataclass's generated
    ``__init__`` would run as interpreted code even where this module is compiled.
    """

    __slots__ = ("found_by", "header", "hits", "implied", "referred", "sentence", "tokens")

    def __init__(self, sentence: Sentence, tokens: Tokens, hits: Hits, found_by: str) -> None:
        self.sentence = sentence
        self.tokens = tokens
        self.hits = hits  # concept key -> word spans, anaphors that were resolved included
        self.found_by = found_by  # how the subject was found: a key of _SCORES, or "" if it was not
        self.referred: dict[str, int] = {}  # resolved anaphor's key -> sentences back
        self.implied = ""  # why the subject is taken as kratom though no word says so
        self.header = _NO_HEADER  # a table cell's headers: the concepts they name count for it


def _satisfy(
    rule: Rule, reading: _Reading, negations: Mapping[int, Span], supplied: frozenset[str]
) -> list[tuple[str, Span]] | None:
    """The closest hits (one per non-subject concept) of a rule whose concepts are all present; those
    found in the table header, or ``supplied`` by the list's earlier items or the question a reply
    answers, have none here."""
    hits, tokens = reading.hits, reading.tokens
    header = reading.header.concepts
    keys = [k for k in rule.concepts if k != _SUBJECT_KEY and k not in header and k not in supplied]
    # A run-on "sentence" (a wall of forum text, a page with no full stops) can hold hundreds of
    # hits of one concept; the first few of each keep the combinations below bounded.
    options = [
        hits[k][:_HITS_PER_CONCEPT]
        if not negations or k not in rule.negatable
        else list(islice(_unnegated(hits[k], negations, tokens), _HITS_PER_CONCEPT))
        for k in keys
    ]
    combos: Iterable[tuple[Span, ...]] = (
        [tuple([option[0] for option in options])]  # most rules: one hit of each concept
        if all(len(option) == 1 for option in options)
        else product(*options)
    )
    best: tuple[Span, ...] | None = None
    best_width = 0
    for combo in combos:
        if rule.ordered and not _in_order(combo):
            continue
        spans = sorted(combo)
        if not _apart(spans):
            continue  # one phrase cannot stand for two concepts
        width = spans[-1][1] - spans[0][0] if spans else 0
        if rule.near is not None and width > rule.near:
            continue
        if spans and (rule.same_clause or rule.not_across):
            first, last = spans[0][0], spans[-1][1]
            if _CLAUSE_BREAK.search(tokens.quote((first, last))) and (
                rule.same_clause
                or any(first < h[0] < last for key in rule.not_across for h in hits.get(key, ()))
            ):
                continue
        if best is None or width < best_width:
            best, best_width = combo, width
    return None if best is None else [(keys[i], best[i]) for i in range(len(keys))]


def _from_context(
    rule: Rule,
    sentence: Sentence,
    present: set[str],
    discourse: _Discourse,
    index: int,
    asked: frozenset[str],
    denied: bool,
) -> _Supplied:
    """The concepts a rule missing from ``present`` may take from the sentence's context.

    A list item takes its ``from_list`` concepts from the items just before it, if it names one of
    them itself: "Red Bali - evening pain", then "White Borneo - energy". A reply takes its
    ``from_question`` concepts from the question it answers ("Is kratom addictive?" "Not in the way
    opioids are."), unless a "no" denies what the rule may not have negated ("Does kratom fade dark
    spots?" "No.").
    """
    if sentence.kind == "list-item" and not rule.from_list.isdisjoint(present):
        keys = frozenset(k for k in rule.from_list - present if discourse.in_list(k, index))
        return _Supplied(keys, "an earlier item of this list")
    if asked:
        carried = (rule.from_question & asked) - present
        if not (denied and not rule.negatable.isdisjoint(carried)):
            return _Supplied(carried, "the question this answers")
    return _NOTHING_SUPPLIED


def _reply(asked: frozenset[str], hits: Hits, tokens: Tokens) -> tuple[frozenset[str], bool]:
    """The concepts of the question a sentence answers, if it opens with a reply ("Yes.", "No,", "Not
    really", "A: Nope") to the question just before it, and whether the reply is a "no".

    A reply of one word stands apart from what follows it: "No, ..." answers, "No studies ..." does not.
    """
    if asked:
        for key, denies in (("@no_reply", True), ("@yes_reply", False)):
            for span in hits.get(key, ()):
                if span[0] == 0 and (span[1] > 1 or _clause_starts(tokens, 1)):
                    return asked, denies
    return _NO_KEYS, False


def _uncompared(agents: Sequence[Span], hits: Hits) -> list[Span]:
    """The remedies a sentence names other than those it sets kratom against: in "unlike the Lyrica,
    you won't get hooked on it", "it" is not the Lyrica."""
    compared = hits.get("@compared", ())
    return [agent for agent in agents if not any(0 <= agent[0] - c[1] <= 1 for c in compared)]


def _sentences_between(seen: int, index: int) -> int:
    """How many sentences back from ``index`` one at ``seen`` stands. A label line shares the index of
    the sentence before it (see ``Matcher.match``), which is one sentence back from the label, not none."""
    return max(index - seen, 1)


def _sentences_back(distance: int) -> str:
    return f"{distance} sentence{'s' if distance > 1 else ''} back"


def _present(hits: Hits, reading: _Reading) -> set[str]:
    """The concepts a sentence holds: its hits, and kratom when the subject is implied."""
    present = set(hits)
    if reading.implied:
        present.add(_SUBJECT_KEY)
    return present


def _in_order(spans: Sequence[Span]) -> bool:
    """Whether each span starts after the one before."""
    for i in range(1, len(spans)):  # noqa: SIM110 - index loops: these run for every combination of hits
        if spans[i - 1][0] >= spans[i][0]:
            return False
    return True


def _apart(spans: Sequence[Span]) -> bool:
    """Whether spans in order of their start share no word."""
    for i in range(1, len(spans)):  # noqa: SIM110
        if spans[i - 1][1] > spans[i][0]:
            return False
    return True


def _claim_words(reading: _Reading, chosen: list[tuple[str, Span]]) -> Span:
    """The words a run-on sentence's highlight covers: the claim's clause.

    The claim's words are its concepts' hits, with the subject when it stands just before them;
    the clause runs from them to punctuation a few words away, if there is any: run-on text often
    has none, and then the claim's words alone are highlighted.
    """
    tokens = reading.tokens
    words = len(tokens.words)
    first, last = _extent(chosen)
    subject = reading.hits.get(_SUBJECT_KEY, ())
    first = min([first, *(s[0] for s in subject if first - _CLAUSE_REACH <= s[0] < first)])
    before = (i for i in range(first, max(first - _CLAUSE_REACH, 0) - 1, -1) if _clause_starts(tokens, i))
    after = (i for i in range(last, min(last + _CLAUSE_REACH, words) + 1) if _clause_starts(tokens, i))
    return next(before, first), next(after, last)


def _extent(chosen: list[tuple[str, Span]]) -> Span:
    """The words from the first of a rule's hits to the last."""
    return min(span[0] for _, span in chosen), max(span[1] for _, span in chosen)


def _clause_starts(tokens: Tokens, index: int) -> bool:
    """Whether a clause starts at word ``index``: the text's first or last word, or after punctuation."""
    return index in (0, len(tokens.words)) or bool(_CLAUSE_BREAK.search(tokens.between(index - 1, index)))


def _reported(chosen: list[tuple[str, Span]], reporting: set[int], cuts: list[int]) -> bool:
    """Whether all of a rule's words stand in parts of the sentence that report what others say: a claim
    that reaches past a "but" into the writer's own words is the writer's ("You may have seen headlines
    about it turning skin grey, but that side effect is rare"). A rule whose concepts all came from a
    table header or the sentence's context has no words here to report."""
    return bool(chosen) and all(bisect_right(cuts, span[0]) in reporting for _, span in chosen)


def _turned_away(reading: _Reading, chosen: list[tuple[str, Span]], negations: Mapping[int, Span]) -> bool:
    """Whether a "but" turns the sentence away from the claim its words make.

    Kratom named only after a "but" that follows every word of the claim is not what the claim is
    said of: "Those products can help sun spots, but they are no fix for pigment linked to kratom".
    Nor is a claim whose words stand on both sides of a "but" that is followed by a negation:
    "Retinoids can lighten age spots, but they are no cure for discoloration caused by kratom".
    """
    if not chosen:
        return False
    words = reading.tokens.words
    claim_start, claim_end = _extent(chosen)
    subject = reading.hits.get(_SUBJECT_KEY)
    if subject and any(words[i] in _CONTRASTS for i in range(claim_end, subject[0][0])):
        return True
    turn = next((i for i in range(claim_start, claim_end) if words[i] in _CONTRASTS), None)
    return turn is not None and any(
        turn < last < claim_end and not any(span[0] <= last < span[1] for _, span in chosen)
        for last in negations  # "but it's nothing serious": a negation that is the claim's own words
    )


def _introduces_reports(sentence: Sentence, hits: Hits) -> bool:
    """A lead-in to a list of what others say or believe: "What sellers told our reporter:", "Myths:",
    or a heading that names them ("Common misconceptions")."""
    if "@reported" not in hits and "@rejection" not in hits:
        return False
    return sentence.kind == "heading" or sentence.text.rstrip().endswith(":")


def _is_label(sentence: Sentence, tokens: Tokens) -> bool:
    """A line that labels what follows rather than says anything: a name, a date, a time ("LeafBot",
    "10:16 AM", "Reply"), set apart as a paragraph or comment line without a full stop."""
    return (
        sentence.kind in _LABEL_KINDS
        and len(tokens.words) <= _LABEL_WORDS
        and not sentence.text.rstrip().endswith((".", "!", "?", ":"))
    )


def _is_fragment(sentence: Sentence, tokens: Tokens) -> bool:
    """A comment, list item or table cell, unless it only states a purpose."""
    return sentence.kind in _FRAGMENT_KINDS and not _states_purpose(tokens)


def _unnamed_subject_kind(sentence: Sentence, tokens: Tokens, hits: Hits) -> str:
    """What kind of text may leave kratom unnamed in an article about it, or "" for other text:
    readers' comments, table cells and first- or second-person copy speak of the article's topic."""
    if "@personal" in hits:
        return "first or second person"
    if sentence.kind == "comment":
        return "a comment"
    if sentence.kind == "table-cell" and not _states_purpose(tokens):
        return "a table cell"
    return ""


def _states_purpose(tokens: Tokens) -> bool:
    """A purpose, not a claim: "To ease withdrawal" in a list of reasons people give."""
    return tokens.words[:1] == ["to"]


def _unnegated(spans: list[Span], negations: Mapping[int, Span], tokens: Tokens) -> Iterator[Span]:
    """The hits of one concept that no negation denies. A negation reaches on through the clause
    to the concept's later hits: "not a harmless quirk that fades" denies "fades" too."""
    denied_from = None  # the first word of the negated hit whose clause the next hits are in
    for hit in spans:
        if denied_from is not None and not _CLAUSE_BREAK.search(tokens.between(denied_from, hit[0])):
            continue
        if _negated(hit, negations, tokens):
            denied_from = hit[0]
            continue
        denied_from = None
        yield hit


def _denied_by_claim(
    vetoes: frozenset[str], reading: _Reading, chosen: list[tuple[str, Span]], negations: Mapping[int, Span]
) -> bool:
    """Whether a negation among the claim's own words denies every word of its vetoes.

    "Kratom doesn't cause dependence" asserts the claim that "kratom can cause dependence" vetoes;
    "it faded with a serum and I never stopped my kratom" keeps the veto that stopping kratom is,
    as its "never" is no word of the claim.
    """
    if not chosen:  # the table header or the list gave every concept: the cell has no words of the claim
        return False
    first, last = _extent(chosen)
    own = {i: span for i, span in negations.items() if first <= i < last}
    hits, tokens = reading.hits, reading.tokens
    return bool(own) and all(
        key in hits and all(_negated(hit, own, tokens) for hit in hits[key]) for key in vetoes
    )


def _negated(hit: Span, negations: Mapping[int, Span], tokens: Tokens) -> bool:
    """A negation ending within three words before ``hit``, in the same clause; or, when ``hit``
    opens a relative clause, before the noun phrase the clause belongs to: "not a harmless quirk
    that fades" denies that it fades."""
    words = tokens.words
    reach = _RELATIVE_REACH if hit[0] > 0 and words[hit[0] - 1] in _RELATIVE_PRONOUNS else 3
    # Auxiliaries between do not count towards the reach: "no supplement is going to fix it".
    start = hit[0]
    while start > 0 and reach > 0:
        start -= 1
        reach -= words[start] not in _AUXILIARIES
    return any(
        last in negations and not _CLAUSE_BREAK.search(tokens.between(last, hit[0]))
        for last in range(start, hit[0])
    )


def claims_in_test_sentence(matcher: Matcher, text: str, context: str = "") -> set[str]:
    """The claims flagged in ``text``, read after ``context`` as if on a page about kratom (its
    title names it): how claim files' test sentences and the paraphrase sets are checked."""
    from caveat.extract import page_from_text
    from caveat.sentences import split_sentences

    page = page_from_text(f"{context} {text}".strip(), title="Kratom")
    offset = page.text.rindex(text)
    return {m.claim_id for m in matcher.match(page, split_sentences(page)) if m.sentence.end > offset}


def claim_test_failures(matcher: Matcher, claims: Iterable[Claim] | None = None) -> list[str]:
    """Run the claims' (every claim's by default) must_match / must_not_match sentences.

    One readable line per failure.
    """
    failures = []
    for claim in matcher.database if claims is None else claims:
        for expected, cases in ((True, claim.must_match), (False, claim.must_not_match)):
            for case in cases:
                if (claim.id in claims_in_test_sentence(matcher, case.text, case.context)) != expected:
                    verb = "missed" if expected else "wrongly flagged"
                    failures.append(f"{claim.path.name}: {verb}: {case.text}")
    return failures
