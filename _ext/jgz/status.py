"""The guideline's status on every page: authorised when, and whether its revision term has passed.

The facts come from ``jgz_richtlijn`` in ``conf.py`` (the date of authorisation and the revision
term in years); the texts that repeat them (the footer, the citation of a recommendation, the
export) are derived here, so that each date is written once.

A copy of the site lives long (offline on a phone, on a USB stick, a PDF), so the page decides with
the date on which it is read: one line in the head of every page (inline, hashed by csp.py) puts
``jgz-herziening-verstreken`` or ``jgz-herziening-lopend`` on ``<html>`` before the first paint, and
``jgz.css`` shows the matching sentence.  Without JavaScript, and in the PDF, the build date
decides: a build after the end of the term says it has passed (true for ever after); a build
before it says until when the term runs, which stays true whenever it is read.
"""

import os
from datetime import date, datetime, timezone

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
NUMBER_WORDS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")


def dutch_date(day: date) -> str:
    """25 januari 2021."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def parse_date(text: str, key: str) -> date:
    """A date as ``conf.py`` writes it (dd-mm-jjjj, as the export has always had it)."""
    try:
        return datetime.strptime(text, "%d-%m-%Y").date()
    except (TypeError, ValueError):
        raise ConfigError(f"jgz_richtlijn[{key!r}] moet een datum zijn als dd-mm-jjjj, niet {text!r}") from None


def build_date() -> date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` for reproducible builds (and for tests)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def revision_end(guideline: dict) -> date | None:
    """The last day of the revision term; ``None`` for a guideline without one."""
    years = guideline.get("herzieningstermijn_jaren")
    if years is None:
        return None
    authorised = parse_date(guideline["autorisatie"], "autorisatie")
    try:
        return authorised.replace(year=authorised.year + years)
    except ValueError:  # authorised on 29 February
        return date(authorised.year + years, 3, 1)


def revision_status(guideline: dict) -> dict | None:
    """What the templates show; ``None`` for a guideline without a revision term."""
    end = revision_end(guideline)
    if end is None:
        return None
    return {
        "einde": dutch_date(end),
        # Year, month (0-11) and day for the page's own check, with the reader's local date.
        "einde_js": f"{end.year},{end.month - 1},{end.day}",
        "verstreken_bij_bouwen": build_date() >= end,
        "vindplaats": guideline["vindplaats"],
        "vindplaats_naam": guideline["vindplaats"].split("//", 1)[-1].removeprefix("www.").rstrip("/"),
    }


def _derive_texts(app: Sphinx, config) -> None:
    """The sentences that name the dates, from the dates themselves."""
    guideline = dict(config.jgz_richtlijn)
    if "autorisatie" not in guideline:
        return
    authorised = dutch_date(parse_date(guideline["autorisatie"], "autorisatie"))
    by = guideline.get("autorisatie_door")
    guideline["autorisatie_tekst"] = f"geautoriseerd door {by} op {authorised}" if by else f"geautoriseerd op {authorised}"
    end = revision_end(guideline)
    if end is not None:
        years = guideline["herzieningstermijn_jaren"]
        spelled = NUMBER_WORDS[years] if years < len(NUMBER_WORDS) else str(years)
        guideline["herziening"] = f"herzieningstermijn {spelled} jaar"
        guideline["herziening_tot"] = end.strftime("%d-%m-%Y")
    config.jgz_richtlijn = guideline  # a new dict: see assets.py on shared defaults


def _rewrite_when_the_term_passed(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every page again once the build date passes the end of the term: an incremental build
    would otherwise leave the unchanged pages with the sentence of the earlier build."""
    status = revision_status(app.config.jgz_richtlijn)
    passed = bool(status and status["verstreken_bij_bouwen"])
    if getattr(env, "jgz_herziening_verstreken", passed) == passed:
        env.jgz_herziening_verstreken = passed
        return []
    env.jgz_herziening_verstreken = passed
    return sorted(env.found_docs)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["jgz_herziening"] = revision_status(app.config.jgz_richtlijn)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _derive_texts)
    app.connect("env-get-outdated", _rewrite_when_the_term_passed)
    app.connect("html-page-context", _page_context)
