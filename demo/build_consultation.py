"""Derive demo/data/consultation.json from the network's document, committed beside it.

`seeds/000_feuille_de_route_2023.txt` is the text export of the consultation on COMETE's draft 2023
roadmap (shared/seeds/000_*.txt). The document has a fixed shape, read line by line:

- the introduction: everything before the first `Objectif N :` line;
- `Objectif N : title` then `Action N - title` (an objective's line repeats before each of its actions);
- the action's sub-actions: lines starting with the Symbol-font bullet U+F0B7;
- its description: any other text before the table;
- the table: a cell starts with a tab, the lines that follow without a tab continue it; cells are
  read in pairs (author, proposal) after the header pair `Auteurs / Propositions`.

The title and the opening and closing dates are not in the document: they are the consultation's
settings, given below. Run `python -m demo.build_consultation` to rewrite the JSON, `--check` to
verify that the committed file is what the document gives (a test does).
"""

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE / "seeds" / "000_feuille_de_route_2023.txt"
OUTPUT = HERE / "data" / "consultation.json"

SETTINGS = {
    "slug": "feuille-de-route-2023",
    "title": "Projet de feuille de route 2023 de COMETE",
    "opens_on": "2023-02-10",
    "closes_on": "2023-04-30",
    "booklet_title": "Synthèse de la consultation sur la feuille de route 2023",
}
# The document spells some partners in two ways; the booklet should count each once.
AUTHOR_ALIASES = {
    "FVD": "France Ville Durable",
    "France Ville Durable (FVD)": "France Ville Durable",
    "FDT": "La Fabrique des transitions",
    "27ème région": "La 27e Région",
    "CC Sauer Pechelbronn": "CC Sauer-Pechelbronn",
    "CC Pays d’Évian": "CC Pays d'Evian Vallée d'Abondance",
    "CC Haute Lande": "CC Coeur Haute Lande",
    # Keep the organisation, not the consultant's personal name.
    "Deep In Work (conseil) – Mathilde Dehame": "Deep In Work (conseil)",
}

OBJECTIVE = re.compile(r"^Objectif (\d+)\s*:\s*(.*)$")
ACTION = re.compile(r"^Action (\d+)\s*-\s*(.*)$")
BULLET = "\uf0b7"
HEADER = ("Auteurs", "Propositions")


def _cells(lines: list[str]) -> list[str]:
    cells: list[list[str]] = []
    for line in lines:
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif cells:
            cells[-1].append(line)
    # A run of blank lines inside a cell is one paragraph break.
    return [re.sub(r"\n{3,}", "\n\n", "\n".join(cell)).strip() for cell in cells]


def _action(position: int, title: str, lines: list[str]) -> dict:
    sub_actions, description = [], []
    table_start = next((i for i, line in enumerate(lines) if line.startswith("\t")), len(lines))
    for line in lines[:table_start]:
        if line.startswith(BULLET):
            sub_actions.append(line[len(BULLET) :].strip())
        elif line.strip():
            description.append(line.strip())
    cells = _cells(lines[table_start:])
    if tuple(cells[:2]) == HEADER:
        cells = cells[2:]
    pairs = [[cells[i], cells[i + 1] if i + 1 < len(cells) else ""] for i in range(0, len(cells), 2)]
    return {
        "position": position,
        "title": title.strip(),
        "sub_actions": sub_actions,
        "description": "\n".join(description),
        "contributions": [pair for pair in pairs if pair[0] or pair[1]],
    }


def parse(text: str) -> dict:
    lines = [line.replace("[bookmark: _GoBack]", "") for line in text.splitlines()]
    first = next(i for i, line in enumerate(lines) if OBJECTIVE.match(line))
    objectives: dict[int, dict] = {}
    current: tuple[dict, int, str] | None = None
    body: list[str] = []

    def close():
        if current is not None:
            objective, position, title = current
            objective["actions"].append(_action(position, title, body))

    objective = None
    for line in lines[first:]:
        if match := OBJECTIVE.match(line):
            number = int(match[1])
            objective = objectives.setdefault(
                number, {"position": number, "title": match[2].strip(), "actions": []}
            )
            continue
        if (match := ACTION.match(line)) and objective is not None:
            close()
            current, body = (objective, int(match[1]), match[2]), []
            continue
        body.append(line)
    close()
    return {
        **SETTINGS,
        "introduction": "\n".join(lines[:first]).strip(),
        "author_aliases": AUTHOR_ALIASES,
        "objectives": [objectives[number] for number in sorted(objectives)],
    }


def render() -> str:
    return json.dumps(parse(SEED.read_text(encoding="utf-8")), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed JSON differs")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is not what {SEED.name} gives: run python -m demo.build_consultation")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
