"""Jinja2 rendering of widget HTML from the templates shipped in this package."""

from functools import cache
from pathlib import Path

import jinja2

TEMPLATE_DIR = Path(__file__).parent / "templates"


@cache
def _environment() -> jinja2.Environment:
    # Autoescaping is always on: authored text reaches the page as text, never as markup.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(template: str, **context) -> str:
    """Render ``templates/<template>`` with ``context``; every value is escaped."""
    return _environment().get_template(template).render(**context)
