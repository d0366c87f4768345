"""The answer first: the span of the comparable local figures, for a committee paper. Pure computation over an
estimate's records, no words (views/estimate.py words it).

For each of the note's figures that newer figures of the same measure compare with (women and men exposed to
physical partner violence), the span of the local values scaled the note's way from the note (around 2013) and the
newer national figures (2017, 2021): the lowest and highest rounded value and the years behind them. The broader
measures (physical and/or psychological violence, 2021; partner violence in four forms, VIVE) stand apart: never
in the span, never in a trend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vold_cli.core.estimate import source_ref

if TYPE_CHECKING:
    from vold_cli.core.results import Broad, NewerEstimate, Span, Summary, SummaryPoint
    from vold_cli.kb.facade import KnowledgeBase
    from vold_cli.kb.schema import Text


_GROUPS: dict[str, Text] = {"women": {"da": "kvinder", "en": "women"}, "men": {"da": "mænd", "en": "men"}}


def summary(knowledge: KnowledgeBase, newer: list[NewerEstimate]) -> Summary:
    """The spans of the comparable figures per group, and the broader measures apart."""
    spans: list[Span] = []
    broader: list[Broad] = []
    for row in newer:
        points: list[SummaryPoint] = [{"year": item["year"], "national": item["national"],
                                "rounded_value": item["rounded_value"]}
                               for item in [row["note"], *row["newer"]] if item["rounded_value"] is not None]
        if points:
            values = [p["rounded_value"] or 0 for p in points]
            spans.append({"figure": row["figure"], "group": row["group"], "low": min(values), "high": max(values),
                          "points": points})
        for item in row["broader"]:
            broader.append({"id": item["id"], "label": item["label"], "group": row["group"],
                            "measure": item["measure"] or "", "year": item["year"], "period": None,
                            "national": item["national"] or 0, "percent": item.get("percent"),
                            "rounded_value": item["rounded_value"], "source": item["source"]})
    for figure in knowledge.prevalence["broader_figures"]:
        broader.append({"id": figure["id"], "label": figure["label"], "group": _GROUPS[figure["group"]],
                        "measure": figure["measure"], "year": None, "period": figure["period"],
                        "national": figure["value"], "percent": figure["percent"], "rounded_value": None,
                        "source": source_ref(figure["source"])})
    return {"spans": spans, "broader": broader, "loose": True}
