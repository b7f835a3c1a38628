"""The page budget (docs/benchmark.md): every signed-in page, rendered for its viewer, keeps
within it in every release. bench/run.py prints each page's verdict."""

from __future__ import annotations

BUDGET_P95_MS = 12.0
BUDGET_SEARCH_P95_MS = 20.0
BUDGET_YARDSTICK_MS = 35.0
BUDGET_QUERIES = 6


def verdict(row: dict, speed: float) -> str:
    """Return "ok", or what a signed-in page exceeds; "" for public pages (cached)."""
    if not row["signed_in"]:
        return ""
    searched = row["page"].startswith("search") or row["page"] == "people searched"
    bound = (BUDGET_SEARCH_P95_MS if searched else BUDGET_P95_MS) * max(
        speed / BUDGET_YARDSTICK_MS, 1.0
    )
    over = []
    if row["p95_ms"] > bound:
        over.append(f"p95 over {bound:.1f} ms")
    if row["queries"] > BUDGET_QUERIES:
        over.append(f"over {BUDGET_QUERIES} queries")
    return ", ".join(over) or "ok"


def describe() -> str:
    return (
        f"p95 <= {BUDGET_P95_MS:.0f} ms ({BUDGET_SEARCH_P95_MS:.0f} ms for search and people "
        f"searched) at a yardstick of {BUDGET_YARDSTICK_MS:.0f} ms or less, scaled by the "
        f"yardstick above it; at most {BUDGET_QUERIES} SQL queries."
    )
