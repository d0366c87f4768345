"""One language's conventions all the way through (issue 12): machine formats keep ids and carry their labels in
the chosen language, no bilingual {da, en} text escapes into JSON, one percent and number convention per language
in every view people read, official municipality names in headings."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

COMMANDS = {
    "estimate": ["estimate", "--population", "43000"],
    "estimate-municipality": ["estimate", "--municipality", "Viborg"],
    "estimate-region": ["estimate", "--region", "1085"],
    "estimate-all": ["estimate", "--all"],
    "estimate-compare": ["estimate", "-m", "Viborg", "-m", "Skive"],
    "interventions": ["interventions"],
    "interventions-one": ["interventions", "safe-dates"],
    "initiatives": ["initiatives"],
    "initiatives-one": ["initiatives", "intervention-centre-east-jutland"],
    "law": ["law"],
    "law-109": ["law", "109"],
    "phases": ["phases"],
    "map": ["map"],
    "evidence": ["evidence"],
    "profile": ["profile"],
    "definition": ["definition"],
    "implementation": ["implementation"],
    "documentation": ["documentation"],
    "economy": ["economy"],
    "check": ["check", "{offers}", "--municipality", "Viborg"],
}
READ_BY_PEOPLE = ("table", "markdown")


def _offers(folder: Path) -> Path:
    path = folder / "tilbud.csv"
    path.write_text("\ufeffTilbud;Indsats;Fase;Målgruppe;Pladser;Lov\r\n"
                    "Krisecenter Nordby;Kvindekrisecentre;Sekundær;Voldsudsatte, Kvinder;6;§ 109\r\n"
                    "Kærestevoldsforløb for 8. klasse;kærestevold;primær;Unge;;\r\n", encoding="utf-8")
    return path


def _run(run, tmp_path: Path, name: str, *extra: str):
    offers = _offers(tmp_path)
    args = [a.replace("{offers}", str(offers)) for a in COMMANDS[name]]
    result = run(*args, *extra)
    assert result.exit_code == 0, result.stderr
    return result


def _vocabularies(knowledge) -> dict[str, set[str]]:
    return {"phase": {p["id"] for p in knowledge.data["phases"]["phases"]},
            "evidence": {lv["id"] for lv in knowledge.data["evidence"]["levels"]},
            "target": {t["id"] for t in knowledge.data["target_groups"]["target_groups"]}}


#: id field -> (vocabulary, the key of its label beside it)
ID_FIELDS = {"phase": ("phase", "phase_label"), "phases": ("phase", "phase_labels"),
             "evidence": ("evidence", "evidence_label"), "strongest": ("evidence", "strongest_label"),
             "target_group": ("target", "target_group_label"), "target_groups": ("target", "target_group_labels"),
             "targets": ("target", "target_labels")}


def _problems(node, vocab: dict[str, set[str]], labels: dict[str, dict[str, str]], path: str = "") -> list[str]:
    """Bilingual texts left in the data, and ids of a closed vocabulary without (the right) label beside them."""
    found: list[str] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            found += _problems(item, vocab, labels, f"{path}[{i}]")
        return found
    if not isinstance(node, dict):
        return found
    if {"da", "en"} <= set(node):
        return [f"{path}: a {{da, en}} text"]
    for key, value in node.items():
        if key in ID_FIELDS:
            kind, label_key = ID_FIELDS[key]
            ids = value if isinstance(value, list) else [value]
            if ids and all(isinstance(v, str) and v in vocab[kind] for v in ids):
                want = [labels[kind][v] for v in ids]
                got = node.get(label_key)
                if (got if isinstance(value, list) else [got]) != want:
                    found.append(f"{path}.{key}={value!r}: {label_key} is {got!r}, expected {want!r}")
        found += _problems(value, vocab, labels, f"{path}.{key}")
    return found


def _labels(knowledge, lang: str) -> dict[str, dict[str, str]]:
    return {"phase": {p["id"]: p["name"][lang] for p in knowledge.data["phases"]["phases"]},
            "evidence": {lv["id"]: lv["name"][lang] for lv in knowledge.data["evidence"]["levels"]},
            "target": {t["id"]: t["name"][lang] for t in knowledge.data["target_groups"]["target_groups"]}}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_json_has_one_language_and_labels_beside_ids(run, tmp_path, knowledge, name, lang):
    data = json.loads(_run(run, tmp_path, name, "--format", "json", "--lang", lang).stdout)
    problems = _problems(data, _vocabularies(knowledge), _labels(knowledge, lang))
    assert not problems, "\n".join(problems[:20])


def test_the_scan_finds_what_it_looks_for(knowledge):
    vocab, labels = _vocabularies(knowledge), _labels(knowledge, "da")
    assert _problems({"source": {"detail": {"da": "x", "en": "y"}}}, vocab, labels) == [".source.detail: a {da, en} text"]
    assert _problems([{"evidence": "documented"}], vocab, labels)
    assert _problems([{"phases": ["primary"], "phase_labels": ["Primary prevention"]}], vocab, labels)
    assert not _problems([{"phases": ["primary"], "phase_labels": [labels["phase"]["primary"]]}], vocab, labels)


def test_json_keeps_ids_and_labels_them(run, tmp_path):
    one = json.loads(_run(run, tmp_path, "interventions-one", "--format", "json", "--lang", "da").stdout)
    assert one["evidence"] == "documented" and one["evidence_label"] == "Dokumenteret effekt"
    assert one["phases"] == ["primary"] and one["phase_labels"] == ["Primær forebyggelse"]
    assert one["tried_in_denmark_label"] in ("ja", "ikke kendt", "ikke oplyst")
    english = json.loads(_run(run, tmp_path, "interventions-one", "--format", "json", "--lang", "en").stdout)
    assert english["evidence"] == "documented" and english["evidence_label"] == "Documented effect"


def test_estimate_json_keeps_numbers_and_words_the_rounding(run, tmp_path):
    da = json.loads(_run(run, tmp_path, "estimate", "--format", "json", "--lang", "da").stdout)
    en = json.loads(_run(run, tmp_path, "estimate", "--format", "json", "--lang", "en").stdout)
    women = {e["id"]: e for e in da["estimates"]}["women-physical-partner-violence"]
    assert women["rounded_value"] == 220 and women["rounded"] == "ca. 220" and women["local"] == 222.6
    cost_da, cost_en = da["costs"]["items"][0], en["costs"]["items"][0]
    assert cost_da["rounded_value"] == cost_en["rounded_value"]
    assert cost_da["rounded"] == f"ca. {cost_da['rounded_value']:,} kr.".replace(",", ".")
    assert cost_en["rounded"] == f"ca. {cost_en['rounded_value']:,} kr."
    assert da["method"]["rounding"] != en["method"]["rounding"]  # said in each language
    assert da["profile"][0]["source"]["detail"] and isinstance(da["profile"][0]["source"]["detail"], str)


def test_check_csv_keeps_the_evidence_id(run, tmp_path):
    text = _run(run, tmp_path, "check", "--format", "csv", "--lang", "da").stdout
    offers = [r for r in csv.DictReader(io.StringIO(text)) if r["kind"] == "offer"]
    assert offers and all(r["evidence"] in ("", "documented", "promising", "inconclusive", "unknown",
                                            "not-recommended") for r in offers)
    labelled = [r for r in offers if r["evidence"]]
    assert labelled and all(r["evidence_label"] and r["evidence_label"] != r["evidence"] for r in labelled)


# --- one number and percent convention per language -----------------------------------------------------------

DOT_PERCENT = re.compile(r"\d\.\d+\s?%")
ANY_PERCENT_SIGN = re.compile(r"\d\s?%")
EN_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
PCT = re.compile(r"\bpct\.")


@pytest.mark.parametrize("fmt", READ_BY_PEOPLE)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_danish_numbers_and_percents(run, tmp_path, name, fmt):
    out = _run(run, tmp_path, name, "--format", fmt, "--lang", "da").stdout
    assert not DOT_PERCENT.findall(out), DOT_PERCENT.findall(out)
    assert not ANY_PERCENT_SIGN.findall(out), "Danish percentages are written 'pct.'"
    assert not EN_THOUSANDS.findall(out), EN_THOUSANDS.findall(out)


@pytest.mark.parametrize("fmt", READ_BY_PEOPLE)
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_english_numbers_and_percents(run, tmp_path, name, fmt):
    out = _run(run, tmp_path, name, "--format", fmt, "--lang", "en").stdout
    assert not PCT.findall(out), "English percentages are written '%'"
    assert not re.findall(r"\d,\d\s?%", out)


def test_the_percent_scan_can_fail():
    assert DOT_PERCENT.findall("23.5 %") and ANY_PERCENT_SIGN.findall("23,5 %") and EN_THOUSANDS.findall("43,000")
    assert not EN_THOUSANDS.findall("222,6 og 43.000") and PCT.findall("23,5 pct.")


# --- official municipality names ------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "official"), [("København", "Københavns Kommune"),
                                                  ("Bornholm", "Bornholms Regionskommune"),
                                                  ("Viborg", "Viborg Kommune")])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_check_names_the_municipality_officially(run, tmp_path, typed, official, lang):
    offers = _offers(tmp_path)
    out = run("check", str(offers), "--municipality", typed, "--lang", lang).stdout
    assert official in out
    estimate = run("estimate", "--municipality", typed, "--lang", lang).stdout
    assert estimate.splitlines()[0].count(official) == 1
