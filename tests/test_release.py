"""Publishing is atomic (tools/release.py, ``make release``): a clean, strict build goes into a
fresh folder and the link that the web server serves moves to it only when the build succeeds.
A failed build leaves the published site exactly as it was.  And an incremental build (make html)
gives the same site as a clean one."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import release

ROOT = Path(__file__).resolve().parent.parent

SMALL_PROJECT = {
    "conf.py": (
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        'extensions = ["myst_parser", "jgz"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'html_static_path = ["_static"]\n'
        'html_css_files = ["eigen.css"]\n'
        'language = "nl"\n'
        'project = "Testrichtlijn"\n'
        'html_theme = "furo"\n'
        'jgz_richtlijn = {"titel": "Testrichtlijn", "autorisatie": "01-02-2003",\n'
        '    "autorisatie_tekst": "geautoriseerd op 1 februari 2003", "herziening": "vijf jaar"}\n'
        'jgz_themas = {"2": "Signaleren", "3": "Begeleiden"}\n'
    ),
    "index.md": ("# Start\n\nEerste tekst.\n\n```{toctree}\nthema\naanbevelingen\noverzicht\noverzicht-3\n"
                 "bron\nkaart\nbegrippen\n```\n"),
    "thema.md": "# Thema\n\nDe tekst van versie 1.\n",
    "bron.md": "# Bron\n\nEen zin voor het deel.\n\n(deel-een)=\n## Een deel\n\nDe tekst van het deel.\n",
    "kaart.md": "# Kaart\n\n:::{kaart-uittreksel} deel-een\n:::\n",
    "aanbevelingen.md": ("# Aanbevelingen\n\n:::{aanbeveling} 2.1\nBespreek de eerste zorg.\n:::\n\n"
                         ":::{aanbeveling} 3.1\nBegeleid de ouders.\n:::\n"),
    "overzicht.md": "# Overzicht\n\n:::{alle-aanbevelingen} 2\n:::\n",
    "overzicht-3.md": "# Overzicht van thema 3\n\n:::{alle-aanbevelingen} 3\n:::\n",
    "_static/eigen.css": "body { color: black; }\n",
    "begrippen.md": ("# Begrippen\n\n```{glossary}\nBuffermodel\n  Een model.\n\n"
                     "Gouden uur\n  Het eerste uur.\n```\n"),
}


@pytest.fixture
def project(tmp_path) -> Path:
    source = tmp_path / "bron"
    source.mkdir()
    for name, text in SMALL_PROJECT.items():
        (source / name).parent.mkdir(exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    return source


def publish(project: Path, release_dir: Path) -> int:
    return release.main(["--release-dir", str(release_dir), "--source", str(project),
                         "--conf", str(project)])


def snapshot(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_release_is_complete_and_has_no_build_bookkeeping(project, tmp_path):
    released = tmp_path / "publiek"
    assert publish(project, released) == 0
    site = released / "html"
    assert site.is_symlink()
    assert {"index.html", "thema.html", "sw.js", "offline-bestanden.json"} <= set(snapshot(site))
    assert not [path for path in site.rglob(".*")], "geen .buildinfo, .doctrees of ander puntbestand"
    assert [path.name for path in released.iterdir() if path.name != "html"][0].startswith("html-")


def test_a_failed_build_leaves_the_published_site_as_it_was(project, tmp_path, capsys):
    released = tmp_path / "publiek"
    assert publish(project, released) == 0
    site = released / "html"
    before, target = snapshot(site), site.resolve()

    page = project / "thema.md"
    page.write_text("# Thema\n\nDe tekst van versie 2, met {doc}`een-pagina-die-niet-bestaat`.\n",
                    encoding="utf-8")
    assert publish(project, released) == 1
    assert "Niet gepubliceerd: de build faalt" in capsys.readouterr().err
    assert site.resolve() == target and snapshot(site) == before
    assert sorted(released.iterdir()) == [site, target], "de mislukte build laat niets achter"

    page.write_text("# Thema\n\nDe tekst van versie 2.\n", encoding="utf-8")
    assert publish(project, released) == 0
    assert site.resolve() != target
    assert "versie 2" in (site / "thema.html").read_text(encoding="utf-8")
    assert target.is_dir(), "de vorige versie blijft staan, om terug te kunnen"

    assert publish(project, released) == 0
    assert not target.exists(), "alleen de huidige en de vorige versie blijven"
    assert len([path for path in released.iterdir() if path.name.startswith("html-")]) == 2


def test_a_folder_in_the_place_of_the_link_is_not_overwritten(project, tmp_path, capsys):
    released = tmp_path / "publiek"
    (released / "html").mkdir(parents=True)
    (released / "html" / "index.html").write_text("met de hand gekopieerd", encoding="utf-8")
    assert publish(project, released) == 1
    assert "is een gewone map" in capsys.readouterr().err
    assert (released / "html" / "index.html").read_text(encoding="utf-8") == "met de hand gekopieerd"
    assert [path.name for path in released.iterdir()] == ["html"]


def sphinx_build(source: Path, out: Path, doctrees: Path) -> None:
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(source),
                    "-d", str(doctrees), str(source), str(out)], check=True)


def test_an_incremental_build_gives_the_same_site_as_a_clean_one(project, tmp_path):
    """Sphinx 9.0 alone loses the glossary terms of pages it does not write again (#12599)."""
    incremental = tmp_path / "incrementeel"
    sphinx_build(project, incremental, tmp_path / "doctrees")
    page = project / "thema.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n", encoding="utf-8")
    sphinx_build(project, incremental, tmp_path / "doctrees")
    clean = tmp_path / "schoon"
    sphinx_build(project, clean, tmp_path / "doctrees-schoon")
    search_index = (clean / "zoekindex.js").read_text(encoding="utf-8")
    assert "term-Buffermodel" in search_index and "term-Gouden-uur" in search_index
    assert (incremental / "zoekindex.js").read_text(encoding="utf-8") == search_index
    assert snapshot(incremental) == snapshot(clean)


def pages(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
            for path in folder.rglob("*.html")}


EDITS = [
    # (what changes, page, old text, new text, the pages whose bytes change)
    ("een lege regel", "thema.md", "versie 1.\n", "versie 1.\n\n", set()),
    # The lines after it move: the doctree changes, the page is built again, but not written.
    ("een lege regel midden in een pagina", "bron.md", "Een zin voor", "\nEen zin voor", set()),
    ("een zin", "thema.md", "versie 1.", "versie 2.", {"thema.html"}),
    ("een aanbeveling, die het overzicht toont", "aanbevelingen.md", "eerste zorg", "eerste vraag",
     {"aanbevelingen.html", "overzicht.html"}),
    # Both overviews draw from the recommendations and are built again; only one shows this one.
    ("een aanbeveling die alleen het andere overzicht toont", "aanbevelingen.md", "de ouders", "beide ouders",
     {"aanbevelingen.html", "overzicht-3.html"}),
    # The card reads the page's doctree again after both; only the second is in the part it shows.
    ("een zin voor het deel dat de kaart overneemt", "bron.md", "voor het deel", "vlak voor het deel",
     {"bron.html"}),
    ("een zin in het deel dat de kaart overneemt", "bron.md", "van het deel", "van het hele deel",
     {"bron.html", "kaart.html"}),
    # Every page is built again (the tables of contents changed); the page and the toctree that
    # shows its sections change.
    ("een nieuwe kop", "thema.md", "# Thema\n", "# Thema\n\n## Een kop\n\nTekst onder de kop.\n",
     {"thema.html", "index.html"}),
    ("een codeblok, dat een stijl meer nodig heeft (jgz-pygments.css)", "thema.md", "versie 2.",
     "versie 2.\n\n```python\nprint(1)\n```\n", {"thema.html"}),
    ("een stylesheet, die elke pagina met zijn controlegetal laadt", "_static/eigen.css", "black", "navy", None),
    ("een titel, die de navigatie van elke pagina toont", "thema.md", "# Thema", "# Het thema", None),  # None: every page
]


def test_a_rebuild_writes_exactly_the_pages_whose_bytes_change(project, tmp_path):
    """Sphinx alone writes the edited page, the pages whose toctree names it and the overviews
    again, also when their bytes stay the same; here only what changed is written, and the site
    equals a clean build's after every edit (docs/kwaliteit.md)."""
    incremental = tmp_path / "incrementeel"
    sphinx_build(project, incremental, tmp_path / "doctrees")
    for step, (what, name, old, new, expected) in enumerate(EDITS):
        before = pages(incremental)
        page = project / name
        page.write_text(page.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        sphinx_build(project, incremental, tmp_path / "doctrees")
        after = pages(incremental)
        written = {name for name in after if after[name][0] != before.get(name, (None,))[0]}
        changed = {name for name in after if after[name][1] != before.get(name, (None, None))[1]}
        assert written == changed, f"{what}: geschreven {sorted(written)}, veranderd {sorted(changed)}"
        assert changed == (set(after) if expected is None else expected), what
        clean = tmp_path / f"schoon-{step}"
        sphinx_build(project, clean, tmp_path / f"doctrees-schoon-{step}")
        assert snapshot(incremental) == snapshot(clean), f"{what}: incrementeel anders dan schoon"
