"""The benchmark's table: each page's figures and its verdict against the page budget."""

from __future__ import annotations

import os

from bench import budget


def print_table(rows, args, speed: float) -> None:
    from django.conf import settings

    cache = "Redis" if os.environ.get("CACHE_URL") else "local memory (sessions in the database)"
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    page_cache = f"public pages cached {seconds} s" if seconds else "public page cache off"
    page_cache += ", signed-in pages rendered every time"
    print(
        f"\nScale {args.scale}, {args.requests} requests per page, {os.cpu_count()} CPUs, "
        f"cache: {cache}, {page_cache}\nMachine yardstick (a fixed template rendered 20 times, "
        f"best of 5; lower is faster): {speed:.1f} ms at the end; read again before each page "
        f"(column yard), and each page is judged against its own reading"
    )
    header = (
        f"{'page':<21} {'who':<7} {'p50 ms':>7} {'p95 ms':>7} {'SQL':>4} {'SQL ms':>7} "
        f"{'HTML KB':>8} {'gzip KB':>8} {'req/s':>7} {'ratio':>6} {'yard':>5}  budget"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        page_speed = r.get("yardstick_ms", speed)
        rate = f"{r['req_per_s']:.0f}" if r.get("req_per_s") else "-"
        ratio = f"{r['throughput_ratio']:.0%}" if r.get("throughput_ratio") else "-"
        print(
            f"{r['page']:<21} {'member' if r['signed_in'] else 'public':<7} "
            f"{r['p50_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['queries']:>4.0f} {r['sql_ms']:>7.1f} "
            f"{r['bytes'] / 1024:>8.1f} {r['gzip_bytes'] / 1024:>8.1f} {rate:>7} {ratio:>6} "
            f"{page_speed:>5.0f}  {budget.verdict(r, page_speed)}"
        )
    print(f"\nBudget for signed-in pages: {budget.describe()}")
    home = next((r for r in rows if "first_load_gzip_bytes" in r), None)
    if home:
        print(
            f"\nFirst load of the home page (HTML + CSS + JS, gzipped): "
            f"{home['first_load_gzip_bytes'] / 1024:.1f} KB; third-party requests: "
            f"{len(home['third_party'])}"
        )
