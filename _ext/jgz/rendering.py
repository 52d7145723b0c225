"""Jinja2 rendering of widget HTML from the templates shipped in this package, and the base of
the transforms that give builders other than HTML a plain form of each widget."""

from functools import cache
from pathlib import Path

import jinja2
from sphinx.transforms.post_transforms import SphinxPostTransform

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


class PlainOutputTransform(SphinxPostTransform):
    """For builders other than HTML (LaTeX, text): a widget becomes plain docutils nodes.
    HTML writes the widget itself, with its visitors."""

    default_priority = 200  # after the references are resolved

    def is_supported(self) -> bool:
        return self.env._builder_cls.format != "html"
