"""Build the events stage's verb-role table from the PETRARCH2 CAMEO verb patterns (issue 13, events50).

Input (read at run time, never copied into the repository): ``actors/petrarch2/CAMEO.2.0.txt``,
the PETRARCH2 CAMEO verb pattern dictionary (MIT, openeventdata/petrarch2 @
676801cd9cb2924bbbad09f86d15c9323e7097bf). A verb block lists synonym verbs and patterns such as
``- * FROM +  [0874]`` or ``- + * (BY FORCES)``: ``*`` is the verb, ``$`` the event's **source**
and ``+`` its **target``. A block's patterns apply to every verb of the block (as in PETRARCH2).

Output: ``src/sitrep/stages/events/data/verb_roles.json`` — ``roles``: ``"<verb lemma>|<link>"``
→ ``"source"`` or ``"target"``, where the link is the preposition right before the marker
("from", "against", "to" …), ``dobj`` (the marker right after the verb) or ``nsubj`` (right before
it); with ``counts`` (patterns marking each role), ``link_counts`` (each link's marked
patterns pooled over the dictionary, each pattern once: for information), ``defaults`` (the verbs
with an event code of their own — the verb line's, else its block's; not ``[---]``, not a 01x public
statement — for which PETRARCH2's unmarked reading holds: subject source, object target) and a
``provenance`` block. Our decisions (in
the provenance block): patterns with no event code (``[---]``) are left out; a (verb, link) whose
patterns mark both roles equally is left out; multi-word verbs (``+DROP_OFF``) and coordination
fragments are left out; a marker elsewhere (a noun between it and the verb: ``+ INSPECTOR *``) gives
no entry. The table is derived from the dictionary alone — not from any gold file.

Usage: ``python scripts/build_verb_roles.py [--shared ../shared/data]``. Deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "sitrep" / "stages" / "events" / "data" / "verb_roles.json"

HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
CODE = re.compile(r"\[([^\]]*)\]")
#: English prepositions a marker may follow (the dictionary's words, upper case)
PREPOSITIONS = frozenset({
    "ABOUT", "ACROSS", "AFTER", "AGAINST", "ALONGSIDE", "AMONG", "AROUND", "AS", "AT", "BEFORE", "BEHIND",
    "BETWEEN", "BY", "FOR", "FROM", "IN", "INSIDE", "INTO", "NEAR", "OF", "OFF", "ON", "ONTO", "OUT",
    "OVER", "THROUGH", "TO", "TOWARD", "TOWARDS", "UNDER", "UPON", "WITH", "WITHIN", "WITHOUT"})
ROLE = {"$": "source", "+": "target"}
SWAP = {"source": "target", "target": "source"}


def links(pattern: str) -> list[tuple[str, str]]:
    """The (link, role) pairs one pattern marks: ``[("from", "target")]`` for ``* FROM +``."""
    toks = [t for t in re.findall(r"[$+*^%]|[&A-Z0-9'][A-Z0-9_'\-]*", pattern) if t not in ("^", "%")]
    if "*" not in toks:
        return []
    star = toks.index("*")
    out = []
    for k, tok in enumerate(toks):
        if tok not in ROLE:
            continue
        if k == star + 1:
            out.append(("dobj", ROLE[tok]))
        elif k == star - 1:
            out.append(("nsubj", ROLE[tok]))
        elif k > star + 1 and toks[k - 1] in PREPOSITIONS:
            out.append((toks[k - 1].lower(), ROLE[tok]))
    return out


def is_event_code(code: str) -> bool:
    """A verb's own code that is an event: not ``---`` (none) and not a public statement (01x)."""
    first = code.split(":", 1)[0].strip()
    return bool(re.fullmatch(r"\d{2,4}", first)) and not first.startswith("01")


def build(cameo_path: Path) -> dict:
    lines = cameo_path.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS"))
    end = next(i for i, line in enumerate(lines) if line.startswith("######## TRANSFORMATIONS"))
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    pooled: dict[str, Counter[str]] = defaultdict(Counter)
    block: list[str] = []
    marked: list[tuple[str, str]] = []
    coded: set[str] = set()
    block_code = "---"

    def flush() -> None:
        for verb in block:
            for link, role in marked:
                counts[(verb, link)][role] += 1

    for line in lines[start + 1:end]:
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        head = HEADER.match(line)
        if head:
            flush()
            block, marked = [], []
            block_code = head.group(2).strip()
            continue
        if body.startswith("-"):
            m = CODE.search(body)
            if m is None or m.group(1).strip().startswith("---"):
                continue
            found = links(CODE.sub("", body[1:]))
            if m.group(1).strip().startswith(":"):  # only the reverse event ("[:054]"): roles swapped
                found = [(link, SWAP[role]) for link, role in found]
            marked.extend(found)
            for link, role in found:
                pooled[link][role] += 1
            continue
        token = body.split()[0]
        if token.startswith("+") or "_" in token.strip("_") or not token.replace("_", "").isalpha():
            continue  # multi-word verbs and fragments
        block.append(token.strip("_").lower())
        m = CODE.search(body)
        code = m.group(1).strip() if m else block_code
        if is_event_code(code):
            coded.add(token.strip("_").lower())
    flush()
    roles, kept = {}, {}
    for (verb, link), c in sorted(counts.items()):
        if c["source"] == c["target"]:
            continue
        key = f"{verb}|{link}"
        roles[key] = "source" if c["source"] > c["target"] else "target"
        kept[key] = [c["source"], c["target"]]
    return {
        "provenance": {
            "generated_by": "scripts/build_verb_roles.py",
            "licence": "MIT (derived from the PETRARCH2 CAMEO.2.0 verb dictionary, MIT)",
            "sources": [{"file": "CAMEO.2.0.txt", "repo": "openeventdata/petrarch2",
                         "path": "petrarch2/data/dictionaries/CAMEO.2.0.txt",
                         "commit": "676801cd9cb2924bbbad09f86d15c9323e7097bf", "licence": "MIT"}],
            "decisions": [
                "a block's patterns apply to every single-word verb of the block",
                "patterns with code [---] (no event) left out",
                "link: the preposition right before $ or +, 'dobj' for a marker right after the verb, "
                "'nsubj' for one right before it; other positions give no entry",
                "a (verb, link) whose patterns mark source and target equally often left out",
                "a reverse-only code ([:054]) swaps the marked roles",
                "defaults: the single-word verbs with an event code of their own (the verb line's, else the "
                "block's; not [---], not 01x public statements), read as PETRARCH2 reads an unmarked "
                "pattern: subject source, object target (a passive's 'by' source)",
            ],
        },
        "roles": roles,
        "counts": kept,
        "defaults": sorted(coded),
        "link_counts": {k: [c["source"], c["target"]] for k, c in sorted(pooled.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.shared / "actors" / "petrarch2" / "CAMEO.2.0.txt")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
    by_link = Counter(k.split("|")[1] for k in data["roles"])
    print(f"wrote {args.out}: {len(data['roles'])} (verb, link) roles; links {by_link.most_common(12)}; "
          f"{len(data['defaults'])} verbs with the unmarked reading")


if __name__ == "__main__":
    main()
