"""The form for the scripts: plain data, written as JSON into the page."""


def client_data(model: dict) -> dict:
    """What the scripts need, as plain text; the keys are English because they are code."""
    plain = model["platte_tekst"]

    def text(key):
        return plain[key] if key else None

    clamp = model["begrenzen"]
    return {
        "id": model["id"],
        "title": model["titel"],
        "rule": model["regel"],
        "totalLabel": model["totaal_label"],
        "clamp": clamp and {
            "min": clamp["van"], "max": clamp["tot"],
            "below": text(clamp["onder"]), "above": text(clamp["boven"]),
        },
        "domains": [{"id": domain["id"], "title": domain["titel"]} for domain in model["domeinen"]],
        "groups": [
            {
                "id": group["id"], "title": group["titel"], "short": group["kort"],
                "domain": group["domein"], "kind": group["soort"], "size": group["aantal"],
            }
            for group in model["groepen"]
        ],
        "items": [
            {
                "id": item["id"], "text": item["tekst"], "short": item["kort"],
                # The part's sub-heading without a closing colon: the scripts write "<part>: <item>".
                "group": item["groep"], "part": item["deel"] and item["deel"].rstrip(":"),
                "points": item["punten"],
                "options": [{"text": o["tekst"], "points": o["punten"]} for o in item["opties"]] or None,
            }
            for item in model["items"]
        ],
        "bands": [
            {
                "min": band["van"], "max": band["tot"], "title": band["titel"],
                "text": text(band["tekst"]), "list": [text(key) for key in band["lijst"]],
            }
            for band in model["banden"]
        ],
        "gaps": [
            {"min": gap["van"], "max": gap["tot"], "text": text(gap["tekst"])} for gap in model["gaten"]
        ],
        "combinations": [
            {"items": combination["items"], "title": combination["titel"],
             "text": text(combination["tekst"]), "source": text(combination["bron"])}
            for combination in model["combinaties"]
        ],
        "noBands": text(model["geen_banden"]),
        "source": text(model["bron"]),
        "disclaimer": model["voorbehoud"],
    }
