extensions = ["myst_parser", "jgz"]
myst_enable_extensions = ["colon_fence", "attrs_block"]
language = "nl"
exclude_patterns = ["**/_data/**"]
jgz_richtlijn = {
    "titel": "Testrichtlijn",
    "autorisatie": "01-02-2003",
    "autorisatie_tekst": "geautoriseerd op 1 februari 2003",
    "herziening": "herzieningstermijn vijf jaar",
}
jgz_themas = {"2": "Signaleren"}
