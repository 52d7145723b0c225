"""Links that open a form with answers: what each form may pre-set (for the training cases)."""

from ..store import DocumentStore

# Per form: its id, page and items with their answers, for links that open it pre-set (casus.py).
forms = DocumentStore("jgz_formulieren")


def form_record(model: dict, docname: str) -> dict:
    """What a link to the form may pre-set: each item, its short name and, for a question, the
    texts of its answers (None for an item to tick)."""
    return {
        "id": model["id"],
        "titel": model["titel"],
        "docname": docname,
        "items": [
            {"id": item["id"], "kort": item["kort"],
             "opties": [option["tekst"] for option in item["opties"]] or None}
            for item in model["items"]
        ],
    }


def preset_fragment(answers: list[tuple[str, int | None]]) -> str:
    """What follows ``#formulier-<id>:`` in a link: ``<item>`` ticks an item, ``<item>=<n>``
    chooses answer n (counted from 1) of a question; parts separated by ``/``.  Item ids hold
    only a-z, 0-9 and '-', so the parts need no escaping.  jgz-scoreformulier.js reads it."""
    return "/".join(item if number is None else f"{item}={number}" for item, number in answers)

