#!/usr/bin/env python
"""
Measure every public page of a site built by ``build_data.py``, in-process.

    DATABASE_URL=sqlite:////tmp/bench_12.sqlite3 .venv/bin/python bench/measure.py --save small.json
    DATABASE_URL=sqlite:////tmp/bench_100k.sqlite3 .venv/bin/python bench/measure.py --compare small.json

Each page is requested with Django's test client (DEBUG off, HTTPS off, the
production middleware): one warm-up request, one request under
``CaptureQueriesContext`` (SQL queries, their time, response size), then timed
requests until ``--repeat`` of them or ``--budget`` seconds, whichever comes
first (at least one). "article (rotating)" requests a different article each
time (50 spread over the site). The admin's article list is requested as the
editor superuser ``bench-editor``.

In-process means: no web server, no network, and the database connection is
kept between requests (the test client does not close it), so the figures
are the cost of Django building the page, SQL included.

``--save`` writes the results as JSON; ``--compare`` prints them next to
saved ones (the small site), with the ratio that the issue's 1.5× target is
about and the query budgets.
"""

import argparse
import json
import math
import os
import platform
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthcms.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")
os.environ["DEBUG"] = "off"  # measure what production runs, whatever the shell says
os.environ["HTTPS"] = "off"  # the test client speaks plain HTTP
os.environ["ALLOWED_HOSTS"] = "testserver"
# The page made by Django, not the page cache's copy (bench/load.py measures that one).
os.environ["HEALTHCMS_PAGE_CACHE_TIMEOUT"] = "0"

import corpus  # noqa: E402  (bench/corpus.py)

# The query budgets, "whatever the data size".
QUERY_BUDGET = {
    "home": 5, "category": 5, "category (last page)": 5,
    "article": 4, "article (rotating)": 4,
    "search (common word)": 3, "search (rare word)": 3,
    "admin article list": 10,
}  # fmt: skip
RATIO_TARGET = 1.5
ADMIN_SECONDS = 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument(
        "--budget", type=float, default=20, help="seconds of timed requests per page at most (default 20)"
    )
    parser.add_argument("--save", metavar="FILE", help="write the results as JSON")
    parser.add_argument("--compare", metavar="FILE", help="results saved from the small site, shown side by side")
    parser.add_argument("--only", help="comma-separated page names (as in the table) to measure")
    parser.add_argument("--sql", action="store_true", help="print each page's SQL queries with their time")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a database built by bench/build_data.py.")

    import django

    django.setup()
    from django.db import connection

    from articles.models import Article

    meta = {
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "published_articles": Article.objects.published().count(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, Django {django.get_version()}",
        "load_before": os.getloadavg()[0],
    }
    print(f"{meta['database']}: {meta['published_articles']} published articles; {meta['machine']}")
    print(f"load average before: {meta['load_before']:.2f}", flush=True)
    pages = subjects()
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        pages = [page for page in pages if page[0] in wanted]
    results = {}
    for name, urls, as_editor in pages:
        results[name] = measure(name, urls, as_editor, args)
        r = results[name]
        print(
            f"  {name:<26} {r['median_ms']:>9.1f} ms  p95 {r['p95_ms']:>9.1f}  n={r['n']:<3} "
            f"{r['queries']:>3} queries  {r['status']}  {r['url']}",
            flush=True,
        )
    meta["load_after"] = os.getloadavg()[0]
    print(f"load average after: {meta['load_after']:.2f}\n")
    saved = {"meta": meta, "pages": results}
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=1))
        print(f"saved to {args.save}")
    if args.compare:
        print_comparison(json.loads(Path(args.compare).read_text()), saved)
    else:
        print_table(saved)


def subjects():
    """``(name, [urls], as_editor)`` for each page, chosen from the data: the biggest listings, a middle article."""
    from django.db.models import Count

    from articles.models import Article, Author, Category, MedicalReviewer, Page
    from articles.sitemaps import ArticleSitemap
    from articles.views import PER_PAGE, cursor

    published = Article.objects.published()
    per_category = dict(published.values_list("live_version__category").annotate(n=Count("pk")))
    per_section = {}
    for category in Category.objects.all():
        section = category.parent_id or category.pk
        per_section[section] = per_section.get(section, 0) + per_category.get(category.pk, 0)
    section = Category.objects.get(pk=max(per_section, key=per_section.get))
    last_page = max(1, math.ceil(per_section[section.pk] / PER_PAGE))
    # Its last page (896 at 100,000), addressed as the "Older articles" links reach it: by the cursor of
    # the article just before it (the first page when there is only one).
    last_page_url = section.get_absolute_url()
    if last_page > 1:
        listing = published.for_listing().in_category(section, section.children.all())
        last_page_url += f"?before={cursor(listing[(last_page - 1) * PER_PAGE - 1])}"

    # Articles as readers see them (no revision in progress), spread over the site's history.
    pks = list(published.filter(status=Article.Status.PUBLISHED).order_by("pk").values_list("pk", flat=True))
    fixed = pks[len(pks) // 2]
    step = max(1, len(pks) // 50)
    rotating = [pk for pk in pks[step // 2 :: step] if pk != fixed][:50]
    chosen = published.filter(pk__in=[fixed, *rotating]).select_related("live_version__category")
    urls = {article.pk: article.get_absolute_url() for article in chosen}

    def busiest(field, model):
        counts = published.values_list(f"live_version__{field}").annotate(n=Count("pk"))
        pk = counts.order_by("-n", f"live_version__{field}")[0][0]
        return model.objects.get(pk=pk).get_absolute_url()

    pages = [
        ("home", ["/"], False),
        ("category", [section.get_absolute_url()], False),
        ("category (last page)", [last_page_url], False),
        ("article", [urls[fixed]], False),
        ("article (rotating)", [urls[pk] for pk in rotating], False),
        ("author", [busiest("author", Author)], False),
        ("reviewer", [busiest("reviewer", MedicalReviewer)], False),
        ("search (common word)", [f"/search/?q={corpus.COMMON_WORD}"], False),
        ("search (rare word)", [f"/search/?q={corpus.RARE_WORD}"], False),
        ("rss feed", ["/feeds/latest/"], False),
        ("category rss feed", [f"/feeds/{section.slug}/"], False),
        ("about page", [page.get_absolute_url() for page in Page.objects.all()[:1]], False),
        ("robots.txt", ["/robots.txt"], False),
        ("sitemap.xml (index)", ["/sitemap.xml"], False),
        ("sitemap, first articles file", ["/sitemap-articles.xml"], False),
    ]
    last = -(-len(pks) // ArticleSitemap.limit)  # files of ArticleSitemap.limit addresses
    if last > 1:
        pages.append(("sitemap, last articles file", [f"/sitemap-articles.xml?p={last}"], False))
    pages.append(("admin article list", ["/admin/articles/article/"], True))
    return [page for page in pages if page[1]]


def measure(name, urls, as_editor, args):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if as_editor:
        client.force_login(get_user_model().objects.get(username="bench-editor"))

    def get(url):
        start = time.perf_counter()
        response = client.get(url)
        return response, time.perf_counter() - start

    response, warmup = get(urls[0])
    sql = SqlTimer()
    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(sql):
        response, captured = get(urls[0])
    queries = list(queries.captured_queries)  # (the next request empties the connection's log)
    # A page slower than the whole budget: the captured request is its one sample.
    times = [captured] if warmup > args.budget else []
    spent, i = sum(times), 0
    while len(times) < max(args.repeat, len(urls)) and (spent < args.budget or not times):
        _, seconds = get(urls[i % len(urls)])
        times.append(seconds)
        spent += seconds
        i += 1
    if args.sql:
        print(f"--- {name}: {urls[0]}")
        for query in queries:
            print(f"  [{query['time']} s] {re.sub(r'^SELECT .{200,}? FROM ', 'SELECT … FROM ', query['sql'])}")
    times.sort()
    return {
        "url": urls[0] + (f" (+{len(urls) - 1} others)" if len(urls) > 1 else ""),
        "status": response.status_code,
        "n": len(times),
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[math.ceil(0.95 * len(times)) - 1] * 1000,
        "queries": len(queries),
        "sql_ms": sql.seconds * 1000,
        "kb": len(response.content) / 1024,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


class SqlTimer:
    """Seconds spent in ``cursor.execute`` (a finer clock than CaptureQueriesContext's milliseconds).

    On PostgreSQL that includes receiving the rows; on SQLite rows are read after ``execute``
    returns, so a query returning many rows is undercounted.
    """

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


def print_table(saved):
    print(f"{saved['meta']['database']}, {saved['meta']['published_articles']} published articles")
    print("| page | status | median ms | p95 ms | n | queries | SQL ms | KB | max RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in saved["pages"].items():
        print(
            f"| {name} | {r['status']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['n']} "
            f"| {r['queries']}{budget_mark(name, r)} | {r['sql_ms']:.1f} | {r['kb']:.0f} | {r['max_rss_mb']:.0f} |"
        )


def print_comparison(small, big):
    s, b = small["meta"], big["meta"]
    print(f"small: {s['database']}, {s['published_articles']} articles ({s['date']})")
    print(f"large: {b['database']}, {b['published_articles']} articles ({b['date']})")
    print(f"Times are medians in ms (p95 in brackets); ratio = large/small, target ≤ {RATIO_TARGET}×; "
          "queries over budget marked ✗.")  # fmt: skip
    print("| page | small ms | large ms | ratio | ≤1.5× | queries small → large | SQL ms large | KB large | status |")
    print("| --- | ---: | ---: | ---: | :---: | ---: | ---: | ---: | --- |")
    for name, r in big["pages"].items():
        before = small["pages"].get(name)
        if before is None:
            print(
                f"| {name} | — | {r['median_ms']:.1f} ({r['p95_ms']:.1f}) | — | — "
                f"| {r['queries']}{budget_mark(name, r)} | {r['sql_ms']:.1f} | {r['kb']:.0f} | {r['status']} |"
            )
            continue
        ratio = r["median_ms"] / before["median_ms"]
        print(
            f"| {name} | {before['median_ms']:.1f} ({before['p95_ms']:.1f}) | {r['median_ms']:.1f} ({r['p95_ms']:.1f}) "
            f"| {ratio:.1f}× | {'✓' if ratio <= RATIO_TARGET else '✗'} "
            f"| {before['queries']}{budget_mark(name, before)} → {r['queries']}{budget_mark(name, r)} "
            f"| {r['sql_ms']:.1f} | {r['kb']:.0f} | {before['status']} → {r['status']} |"
        )


def budget_mark(name, result):
    budget = QUERY_BUDGET.get(name)
    over = budget is not None and result["queries"] > budget
    if name == "admin article list" and result["median_ms"] > ADMIN_SECONDS * 1000:
        over = True
    return f" ✗ (≤{budget})" if over else ""


if __name__ == "__main__":
    main()
