"""Write a large, schema-valid knowledge base for the benchmark.

    python bench/generate_kb.py N OUTDIR [--source FOLDER] [--seed S]

Copies every file of the bundled knowledge folder (default: the repository's knowledge/) into OUTDIR, which
must not exist or be empty, and rewrites interventions.yaml so that it holds N interventions in total: the
original ones first (initiatives refer to them, so cross-references still resolve) and N minus that many
generated ones after them.

A generated intervention is made from the real ones, so its texts have the lengths and the characters of the
real entries: each text field (summary, delivery, reasons, design, ...) and the outcomes and providers are taken
from a randomly chosen real intervention, the name gets a variant number, and phases, target groups, evidence
levels, "tried in Denmark", law entries and initiatives are drawn from the vocabularies the knowledge base
defines (phases.yaml, target_groups.yaml, evidence.yaml, law.yaml, initiatives.yaml). Ids are unique kebab-case
(`<real id>-v<number>`). The output is deterministic for a given N and seed; check it with
`vold kb validate OUTDIR`.

Needs PyYAML (a dependency of vold, so any environment where vold is installed has it). Generated folders
belong in a temporary folder or bench/generated/ (git-ignored), never in the repository.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # PyYAML built without libyaml
    _Loader, _Dumper = yaml.SafeLoader, yaml.SafeDumper

REPOSITORY_KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
TRIED = ("yes", "not-known", "not-stated")
SECTION_OF_PHASE = {"primary": "effect-primary", "secondary": "effect-secondary", "tertiary": "effect-tertiary"}


def _load(folder: Path, stem: str) -> Any:
    with (folder / f"{stem}.yaml").open("rb") as handle:
        return yaml.load(handle, Loader=_Loader)  # noqa: S506 - a safe loader


def _vocabularies(folder: Path) -> dict[str, list[str]]:
    return {
        "phases": [p["id"] for p in _load(folder, "phases")["phases"]],
        "targets": [t["id"] for t in _load(folder, "target_groups")["target_groups"]],
        "evidence": [lv["id"] for lv in _load(folder, "evidence")["levels"]],
        "law": [e["id"] for e in _load(folder, "law")["entries"]],
        "initiatives": [i["id"] for i in _load(folder, "initiatives")["initiatives"]],
        "sections": [s["id"] for s in _load(folder, "meta")["sections"]],
    }


def _variant(real: list[dict[str, Any]], vocab: dict[str, list[str]], number: int, rng: random.Random) -> dict[str, Any]:
    """One generated intervention, with the fields in the order the real file uses."""
    template = rng.choice(real)

    def text(field: str) -> dict[str, str]:
        return copy.deepcopy(rng.choice([r for r in real if r.get(field)])[field])

    phases = sorted(rng.sample(vocab["phases"], rng.choice((1, 1, 1, 2))), key=vocab["phases"].index)
    item: dict[str, Any] = {
        "id": f"{template['id']}-v{number:05d}",
        "name": {lang: f"{value} (variant {number})" for lang, value in template["name"].items()},
        "phases": phases,
        "target_groups": rng.sample(vocab["targets"], rng.randint(1, 3)),
        "summary": text("summary"),
    }
    if rng.random() < 0.8:  # optional, absent in some real entries
        item["delivery"] = text("delivery")
    item["evidence"] = rng.choice(vocab["evidence"])
    for field in ("evidence_reason", "study_design"):
        item[field] = text(field)
    item["designs"] = list(rng.choice(real)["designs"])  # a combination the real file uses
    item["studied_in"] = text("studied_in")
    item["tried_in_denmark"] = rng.choice(TRIED)
    outcomes = copy.deepcopy(rng.choice(real).get("outcomes", []))
    for outcome in outcomes:
        outcome["evidence"] = rng.choice(vocab["evidence"])
    if outcomes:
        item["outcomes"] = outcomes
    providers = rng.choice(real).get("providers", [])
    if providers:
        item["providers"] = list(providers)
    if rng.random() < 0.3:
        item["law"] = rng.sample(vocab["law"], rng.randint(1, 2))
    if rng.random() < 0.4:
        item["initiatives"] = rng.sample(vocab["initiatives"], 1)
    section = SECTION_OF_PHASE.get(phases[0], "")
    if section not in vocab["sections"]:
        section = template["source"]["section"]
    item["source"] = {"section": section, "refs": list(template["source"].get("refs", []))}
    return item


def generate(count: int, outdir: Path, source: Path = REPOSITORY_KNOWLEDGE, seed: int = 2013) -> int:
    """Write the knowledge base; return the number of interventions written."""
    if not (source / "interventions.yaml").is_file():
        raise SystemExit(f"generate_kb: {source} is not a knowledge folder (no interventions.yaml).")
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        raise SystemExit(f"generate_kb: {outdir} exists and is not an empty folder.")
    original = _load(source, "interventions")
    real = original["interventions"]
    if count < len(real):
        raise SystemExit(f"generate_kb: N must be at least {len(real)} (the real interventions are kept).")
    vocab = _vocabularies(source)
    rng = random.Random(seed)
    interventions = list(real)
    first = len(real) + 1
    interventions += [_variant(real, vocab, number, rng) for number in range(first, count + 1)]

    outdir.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        shutil.copyfile(path, outdir / path.name)
    document = {"intro": original["intro"], "statements": original["statements"], "interventions": interventions}
    body = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
    header = (f"# Generated by bench/generate_kb.py: {len(real)} real and {count - len(real)} generated "
              f"interventions (seed {seed}). Benchmark data, not knowledge.\n")
    (outdir / "interventions.yaml").write_text(header + body, encoding="utf-8")
    return len(interventions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="interventions in total (at least the real ones)")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="new (or empty) folder to write")
    parser.add_argument("--source", type=Path, default=REPOSITORY_KNOWLEDGE,
                        help="knowledge folder to copy (default: the repository's knowledge/)")
    parser.add_argument("--seed", type=int, default=2013, help="random seed (default: 2013)")
    args = parser.parse_args(argv)
    written = generate(args.count, args.outdir, args.source, args.seed)
    size = (args.outdir / "interventions.yaml").stat().st_size
    sys.stdout.write(f"Wrote {args.outdir}: {written} interventions, interventions.yaml {size / 1e6:.1f} MB\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
