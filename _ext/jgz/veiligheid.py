"""Safety rules for what a tool says: modality, support by the guideline's own words, silence.

A tool outcome must never speak with more (or less) certainty than the guideline.  Each outcome
declares its ``modaliteit`` (the guideline's own modal words: "kan", "wordt aangeraden", "is
aangewezen", ...) and its ``onderbouwing``: the sentences of the guideline, verbatim, that support
it.  The rules below are checked on every build (``beslisboom.py``); docs/veiligheid.md lists the
hazards they control and the tests that prove them.

- The modal words in an outcome's title are exactly the declared ones, and each declared modality
  occurs in the supporting quotes.  A title in the imperative ("gebiedend") must start with a verb
  that the guideline itself uses as an imperative, so "Verwijs ..." cannot stand on "kan verwezen
  worden".  A title that only states a fact ("feit") has no modal word at all.
- Every quote occurs in the guideline's source text (``jgz_brontekst``), ignoring case, white
  space and punctuation; "[...]" or "…" leaves out a part.
- A text that says the guideline is silent ("geeft geen advies", "noemt geen", ...) carries the
  structured marker ``zwijgt``, so that every such claim is listed for review.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# Modal words as the guideline writes them, from weaker to stronger.  The keys are what an editor
# writes under 'modaliteit'; the patterns find the words in a title or a quote.
MODAL_WORDS: dict[str, re.Pattern] = {
    "kan": re.compile(r"\b(kan|kunnen|kunt)\b", re.IGNORECASE),
    "mag": re.compile(r"\b(mag|mogen)\b", re.IGNORECASE),
    "is van belang": re.compile(r"\bvan belang\b", re.IGNORECASE),
    "wordt aangeraden": re.compile(r"\b(aangeraden|raadzaam|aanbevolen|bij voorkeur)\b", re.IGNORECASE),
    "is behulpzaam": re.compile(r"\bbehulpza(am|me)\b", re.IGNORECASE),
    "wordt aangeboden": re.compile(r"\baangeboden\b", re.IGNORECASE),
    "is nodig": re.compile(r"\bnodig\b", re.IGNORECASE),
    "moet": re.compile(r"\b(moet|moeten|dient|dienen)\b", re.IGNORECASE),
    "is aangewezen": re.compile(r"\baangewezen\b", re.IGNORECASE),
}
IMPERATIVE = "gebiedend"  # the title starts with the guideline's own imperative verb
STATEMENT = "feit"  # the title states a fact and gives no advice: no modal word at all
MODALITIES = (*MODAL_WORDS, IMPERATIVE, STATEMENT)

# Words that claim the guideline says nothing; such a text must carry the marker 'zwijgt'.
# "[^.]" keeps a match within one sentence; a point inside a number ("Tabel 2.1") is no end.
_WITHIN_A_SENTENCE = r"(?:[^.]|\.(?=\d)){0,25}"
SILENCE = re.compile(
    rf"geen advies|\bzwijgt\b|\bzegt\b{_WITHIN_A_SENTENCE}\bniets\b"
    rf"|\b(?:noemt|geeft)\b{_WITHIN_A_SENTENCE}\bgeen\b"
    rf"|niet beschreven|\bbeschrijft\b{_WITHIN_A_SENTENCE}\bniet\b",
    re.IGNORECASE,
)
OMISSION = re.compile(r"\s*(?:\[(?:\.\.\.|…)\]|…)\s*")


def modal_words(text: str) -> set[str]:
    """The modalities whose words occur in ``text``."""
    return {name for name, pattern in MODAL_WORDS.items() if pattern.search(text)}


def claims_silence(text: str) -> bool:
    return bool(SILENCE.search(text))


def _starts_a_clause(word: str, quote: str) -> bool:
    """``word`` opens a sentence or clause of ``quote`` (how the guideline writes an imperative)."""
    pattern = rf"(?:^|[.:;!?]\s+|\bOf:\s+|[-–•●]\s+){re.escape(word)}\b"
    return re.search(pattern, quote.strip(), re.IGNORECASE) is not None


def modality_problems(title: str, declared: list[str], quotes: list[str]) -> list[str]:
    """What is wrong with an outcome's title against its declared modality and its quotes
    (Dutch messages that say how to fix it); empty when all is well."""
    problems = []
    unknown = [name for name in declared if name not in MODALITIES]
    if unknown:
        return [
            f"modaliteit '{unknown[0]}' is onbekend; kies uit: {', '.join(MODALITIES)}."
        ]
    if STATEMENT in declared and len(declared) > 1:
        return [f"modaliteit '{STATEMENT}' (een vaststelling zonder advies) gaat niet samen met andere."]
    in_title = modal_words(title)
    wanted = {name for name in declared if name in MODAL_WORDS}
    for name in sorted(in_title - wanted, key=list(MODAL_WORDS).index):
        problems.append(
            f"de titel gebruikt '{name}' (\"{MODAL_WORDS[name].search(title)[0]}\"), maar de "
            f"modaliteit noemt dat niet; neem het op onder 'modaliteit' als de richtlijn het zo zegt, "
            "of kies de woorden van de richtlijn."
        )
    for name in sorted(wanted - in_title, key=list(MODAL_WORDS).index):
        problems.append(
            f"de titel zegt niet '{name}'; gebruik in de titel de woorden van de richtlijn "
            f"(bijvoorbeeld '{name}'), zodat de uitkomst niet sterker of zwakker klinkt dan de bron."
        )
    quoted = " ".join(quotes)
    for name in sorted(wanted - modal_words(quoted), key=list(MODAL_WORDS).index):
        problems.append(
            f"geen zin onder 'onderbouwing' zegt '{name}'; citeer de zin van de richtlijn die de "
            "uitkomst zo sterk maakt, of pas de modaliteit aan."
        )
    if IMPERATIVE in declared:
        verb = title.split()[0].strip(",.:;") if title.split() else ""
        if not any(_starts_a_clause(verb, quote) for quote in quotes):
            problems.append(
                f"de titel begint met '{verb}' (gebiedende wijs), maar geen zin onder 'onderbouwing' "
                f"begint zo; de richtlijn moet zelf '{verb} ...' zeggen, anders klinkt de uitkomst "
                "sterker dan de bron. Gebruik de woorden van de richtlijn (bijvoorbeeld 'kan')."
            )
    if STATEMENT in declared and in_title:
        problems.append(
            f"modaliteit '{STATEMENT}' betekent: geen advies in de titel, maar de titel zegt "
            f"'{sorted(in_title)[0]}'."
        )
    return problems


def normalise(text: str) -> str:
    """Lower-case letters and digits only: line breaks, hyphens and quotes do not count."""
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(character for character in text if character.isalnum())


@lru_cache(maxsize=2)
def _source(path: str) -> str:
    return normalise(Path(path).read_text(encoding="utf-8"))


def quote_in_source(quote: str, source_path: str) -> bool:
    """Every part of ``quote`` (parts left out with "[...]") occurs, in order, in the source."""
    source, position = _source(source_path), 0
    for part in OMISSION.split(quote):
        wanted = normalise(part)
        if not wanted:
            continue
        found = source.find(wanted, position)
        if found < 0:
            return False
        position = found + len(wanted)
    return True
