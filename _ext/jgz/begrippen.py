"""Glossary terms in the running text link to the Begrippenlijst (added with the content)."""

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    pass
