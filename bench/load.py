#!/usr/bin/env python
"""
Load-test healthcms over HTTP: gunicorn on 127.0.0.1, wrk from a second process.

    DATABASE_URL=sqlite:////tmp/bench_12.sqlite3 .venv/bin/python bench/load.py --save /tmp/load.json
    bench/run.sh load sqlite 12 --wagtail          (the same, building the database if needed)

Serves the site with gunicorn (``--workers`` sync workers, DEBUG off, HTTPS off,
``bench/settings.py``), and loads each public page with wrk for ``--duration``
seconds: the article page (one address, and ``--rotating`` addresses in turn),
category page 1 and a deep page, home, search for a common and a rare word, the
sitemap index and one sitemap file, the RSS feed. For each: requests per second,
p50 and p99 latency, errors, SQL queries per request (counted in-process with
``CaptureQueriesContext``) and the gunicorn workers' RSS.

In the same run it measures the references every page is compared with:

- the framework floor: a constant Django view through the whole middleware stack
  (``/bench/constant/`` in ``bench/urls.py``);
- the physical limit: nginx serving the article page's saved HTML from a file;
- with ``--wagtail``: the Wagtail article page built from ../shared/anchors/wagtail
  (set up once in ``$BENCH_DIR/wagtail-anchor``).

And, when the site has them: the article page and home from the full-page cache
(setting ``HEALTHCMS_PAGE_CACHE_TIMEOUT``; the other runs set it to 0), and
pre-rendered by ``manage.py publish_static`` and served by nginx with
``deploy/nginx.conf`` in front of gunicorn (that file is checked with ``nginx -t``
on every run).

Each page's runs alternate with the runs of the references it is compared with
(``--rounds`` rounds, the order reversed every other round), so that noise from
the machine hits both; ratios are the median of the per-round ratios. wrk and
nginx are installed with apt-get if missing (gunicorn is in requirements.txt).
Every server this script starts is stopped when it ends, however it ends.
"""

import argparse
import html
import http.client
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH)]

SECRET_KEY = "benchmark-only-not-a-secret"
# In-process (query counts): production settings, the benchmark's URLs, no page cache.
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("SECRET_KEY", SECRET_KEY)
os.environ["DEBUG"] = "off"
os.environ["HTTPS"] = "off"  # the test client speaks plain HTTP
os.environ["ALLOWED_HOSTS"] = "testserver"  # the test client's host; gunicorn gets 127.0.0.1
os.environ["HEALTHCMS_PAGE_CACHE_TIMEOUT"] = "0"

# The targets.
WAGTAIL_FACTOR = 4.0  # uncached article page ≥ 4× Wagtail's req/s
CACHED_SHARE = 0.80  # full-page-cached pages ≥ 80 % of the constant view
PRERENDERED_SHARE = 0.90  # pre-rendered pages through nginx ≥ 90 % of nginx serving a file
WORKER_RSS_MB = 150  # a worker under 150 MB RSS after the benchmark

WAGTAIL_ARTICLE = "/diseases/article-7/"
SBIN_PATH = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"  # nginx lives in /usr/sbin
# Databases the benchmark never touches: the shared test databases, PostgreSQL's own.
PROTECTED = {"test", "test_test", "postgres", "template0", "template1"}


def main():
    args = parse_args()
    check_database()
    install_tools(args)
    # Stop the servers on Ctrl-C (KeyboardInterrupt) and on kill (SIGTERM, SIGHUP) alike.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))
    scratch = Path(tempfile.mkdtemp(prefix="load-", dir=args.bench_dir))
    scratch.chmod(0o755)  # nginx's workers run as nobody and read the files in here
    servers = Servers(scratch)
    try:
        run(args, scratch, servers)
    except KeyboardInterrupt:
        print("\ninterrupted: stopping the servers")
        sys.exit(130)
    finally:
        servers.stop_all()
        if args.keep:
            print(f"scratch files kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def parse_args():
    default_anchors = os.environ.get("WAGTAIL_ANCHOR", str(ROOT.parent / "shared" / "anchors" / "wagtail"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", metavar="FILE", help="write the results as JSON")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (default 5)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page (default 2)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs per page (default 2)")
    parser.add_argument("--timeout", type=int, default=10, help="wrk: a response slower than this (s) is an error")
    parser.add_argument("--rotating", type=int, default=1000, help="articles in the rotating run (default 1000)")
    parser.add_argument("--deep-hops", type=int, default=100, help="rel=next links to follow for the deep page "
                        "when the pages have no number to jump to (default 100)")  # fmt: skip
    parser.add_argument("--only", help="comma-separated words: load only the pages whose name has one of them")
    parser.add_argument(
        "--page-cache-url",
        help="PAGE_CACHE_URL of the cached run (default: a filecache:// "
        "folder in the scratch folder, which both workers share)",
    )
    parser.add_argument("--publish-limit", type=int, default=5000, help="run manage.py publish_static only "
                        "up to this many articles (default 5000)")  # fmt: skip
    parser.add_argument("--wagtail", action="store_true", help="also load the Wagtail anchor (set up once)")
    parser.add_argument("--wagtail-dir", type=Path, help="where the anchor lives (default $BENCH_DIR/wagtail-anchor)")
    parser.add_argument("--anchors", type=Path, default=Path(default_anchors),
                        help=f"the anchor's files (default $WAGTAIL_ANCHOR or {default_anchors})")  # fmt: skip
    parser.add_argument("--no-install", action="store_true", help="don't install wrk, nginx or gunicorn")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (configs, logs, pages)")
    args = parser.parse_args()
    args.bench_dir = Path(os.environ.get("BENCH_DIR", "/tmp"))
    args.bench_dir.mkdir(parents=True, exist_ok=True)
    args.wagtail_dir = args.wagtail_dir or args.bench_dir / "wagtail-anchor"
    return args


def check_database():
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a database built by bench/build_data.py.")
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/") if url.scheme.startswith("postgres") else url.path
    if name in PROTECTED or Path(name).resolve() == ROOT / "db.sqlite3":
        sys.exit(f"{os.environ['DATABASE_URL']} is not a benchmark database.")


def install_tools(args):
    """wrk and nginx from Debian, when missing (gunicorn is in requirements.txt)."""
    if args.no_install:
        return
    missing = [name for name in ("wrk", "nginx") if not shutil.which(name, path=SBIN_PATH)]
    if missing:
        print(f"installing {' '.join(missing)} with apt-get …", flush=True)
        quiet = {"stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
        subprocess.run(["apt-get", "update", "-qq"], check=True, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, **quiet)


def run(args, scratch, servers):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import get_commands
    from django.db import connection

    from articles.models import Article

    started = time.time()
    meta = {
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "published_articles": Article.objects.published().count(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Django {django.get_version()}",
        "tools": tool_versions(),
        "load": {k: getattr(args, k) for k in ("workers", "threads", "connections", "duration", "warmup", "rounds")},
        "load_before": os.getloadavg()[0],
    }
    print(f"{meta['database']}: {meta['published_articles']} published articles; {meta['machine']}")
    print(f"{meta['tools']}; load average before: {meta['load_before']:.2f}", flush=True)
    has_page_cache = hasattr(settings, "HEALTHCMS_PAGE_CACHE_TIMEOUT")
    has_publish_static = "publish_static" in get_commands()

    pages = choose_pages(args.rotating)
    pages_root = scratch / "pages"  # publish to static's folder; the site writes nowhere else
    pages_root.mkdir()
    gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "healthcms.wsgi"]
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "off",
        "HTTPS": "off",  # no redirect to https://, no HSTS: wrk speaks plain HTTP
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    base_env.pop("HEALTHCMS_STATIC_PAGES_ROOT", None)  # set below for the one server that publishes
    # Uncached: every request builds its page (the "uncached article page").
    django_uncached = servers.gunicorn(
        "gunicorn", gunicorn, args.workers, cwd=ROOT, env={**base_env, "HEALTHCMS_PAGE_CACHE_TIMEOUT": "0"}
    )
    django_cached = None
    if has_page_cache:
        # The page cache at its default timeout, in a cache both workers share (as deployed; each
        # worker's own memory would be faster, and wrong: a purge would reach one worker only).
        cached_env = {k: v for k, v in base_env.items() if k != "HEALTHCMS_PAGE_CACHE_TIMEOUT"}
        cached_env["PAGE_CACHE_URL"] = args.page_cache_url or f"filecache://{scratch / 'page-cache'}"
        meta["page_cache_url"] = cached_env["PAGE_CACHE_URL"]
        django_cached = servers.gunicorn("gunicorn-cached", gunicorn, args.workers, cwd=ROOT, env=cached_env)

    # The deep category page, found the way a reader (or a crawler) gets there.
    deep, deep_how = deep_page(django_uncached.url, pages["category"][0], args.deep_hops)
    print(f"deep category page: {deep or '—'} ({deep_how})", flush=True)

    # The physical limit: nginx serving the article page's HTML, saved from gunicorn.
    article = pages["article"][0]
    status, _, body = http_get(django_uncached.url + article)
    if status != 200:
        sys.exit(f"the article page {article} answered {status}: nothing to measure")
    saved = scratch / "file-root" / article.strip("/") / "index.html"
    saved.parent.mkdir(parents=True)
    saved.write_bytes(body)
    nginx_file = servers.nginx("nginx-file", *file_server(scratch / "file-root"))

    # deploy/nginx.conf: always checked with nginx -t; measured when the site publishes to static,
    # in front of a gunicorn that writes each public page it makes as a file (as deployed).
    # The site writes files only for requests to SITE_URL, the address nginx listens on.
    site_port = free_port()
    static_env = {
        **base_env, "HEALTHCMS_PAGE_CACHE_TIMEOUT": "0", "HEALTHCMS_STATIC_PAGES_ROOT": str(pages_root),
        "SITE_URL": f"http://127.0.0.1:{site_port}",
    }  # fmt: skip
    upstream = django_uncached
    if has_publish_static:
        upstream = servers.gunicorn("gunicorn-static", gunicorn, args.workers, cwd=ROOT, env=static_env)
    site_conf = deploy_config(scratch, pages_root, upstream.address, site_port)
    checked = subprocess.run(
        [nginx_binary(), "-t", "-q", "-c", str(site_conf), "-p", str(scratch), "-e", str(scratch / "nginx-t.log")],
        capture_output=True, text=True,
    )  # fmt: skip
    deploy_ok = checked.returncode == 0
    print("deploy/nginx.conf: nginx -t " + ("ok" if deploy_ok else "FAILED\n" + checked.stderr), flush=True)
    nginx_pages, prerendered_note = None, ""
    if not has_publish_static:
        prerendered_note = "not built yet (no manage.py publish_static)"
    elif not deploy_ok:
        prerendered_note = "deploy/nginx.conf is invalid"
    else:
        prerendered_note = publish_static(static_env, pages_root, meta["published_articles"], args.publish_limit)
        nginx_pages = servers.nginx("nginx-pages", site_conf, site_port)

    wagtail = None
    if args.wagtail:
        wagtail = Wagtail(args.wagtail_dir, args.anchors)
        wagtail.set_up()
        wagtail.server = servers.gunicorn(
            "gunicorn-wagtail", [str(wagtail.venv / "bin" / "gunicorn"), "anchorsite.wsgi"], args.workers,
            cwd=wagtail.site, env=wagtail.env(),
        )  # fmt: skip
        meta["wagtail"] = wagtail.versions

    rows = plan(args, pages, deep, deep_how, scratch, django_uncached, django_cached, nginx_file, nginx_pages,
                prerendered_note, pages_root, wagtail, has_page_cache)  # fmt: skip
    print(f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s, {args.rounds} rounds, "
          f"gunicorn {args.workers} sync workers", flush=True)  # fmt: skip
    for row in rows:
        if row.measured_with:
            continue  # a reference: measured alongside the pages below
        load_row(row, args)
    for row in rows:  # references that no page was alternated with (an --only that left them alone)
        if row.reference and not row.runs and row.status == 200:
            load_row(row, args)

    for row in rows:  # the references' servers, now that every run is done
        if row.runs and row.rss_mb is None and row.server.name.startswith("gunicorn"):
            row.rss_mb = max((w["rss_mb"] for w in row.server.worker_rss().values()), default=None)
    rss = {server.name: server.worker_rss() for server in servers.gunicorns}
    meta["load_after"] = os.getloadavg()[0]
    meta["seconds"] = round(time.time() - started)
    print(f"\nload average after: {meta['load_after']:.2f}; {meta['seconds']} s in all\n")
    print_table(rows, meta)
    targets = check_targets(rows, rss, wagtail is not None)
    print_targets(targets, rss)
    if args.save:
        saved = {"meta": meta, "rows": [row.as_json() for row in rows], "worker_rss": rss, "targets": targets}
        Path(args.save).write_text(json.dumps(saved, indent=1))
        print(f"\nsaved to {args.save}")


def tool_versions():
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    nginx = subprocess.run([nginx_binary(), "-v"], capture_output=True, text=True).stderr.strip()
    gunicorn = subprocess.run([Path(sys.executable).parent / "gunicorn", "--version"], capture_output=True, text=True)
    return f"wrk {wrk[1] if len(wrk) > 1 else '?'}, {nginx.removeprefix('nginx version: ')}, {gunicorn.stdout.strip()}"


def nginx_binary():
    return shutil.which("nginx", path=SBIN_PATH) or "nginx"


# --- Which pages ----------------------------------------------------------------------------------------


def choose_pages(rotating):
    """
    ``{name: [paths]}``: the same article and category as bench/measure.py (the biggest
    section, an article from the middle of the site), ``rotating`` published articles
    spread over the site, and the fixed addresses of the issue.
    """
    import corpus  # bench/corpus.py

    from articles.models import Article

    published = Article.objects.published()
    pks = list(published.filter(status=Article.Status.PUBLISHED).order_by("pk").values_list("pk", flat=True))
    step = max(1, len(pks) // rotating)
    spread = pks[step // 2 :: step][:rotating]
    chosen = published.filter(pk__in=spread).select_related("live_version__category").order_by("pk")
    pages = {"article (rotating)": [article.get_absolute_url() for article in chosen]}
    try:
        import measure  # bench/measure.py: the in-process benchmark's choice of pages

        subjects = {name: urls for name, urls, _ in measure.subjects()}
        pages["article"], pages["category"] = subjects["article"], subjects["category"]
    except Exception as error:  # measure.py is being reworked: fall back to a choice of our own
        print(f"(measure.subjects() unusable: {error!r}; choosing the article and category here)")
        middle = published.select_related("live_version__category").get(pk=pks[len(pks) // 2])
        pages["article"] = [middle.get_absolute_url()]
        pages["category"] = [middle.live_version.category.get_absolute_url()]
    pages.update({
        "home": ["/"],
        "search (common word)": [f"/search/?q={corpus.COMMON_WORD}"],
        "search (rare word)": [f"/search/?q={corpus.RARE_WORD}"],
        "sitemap.xml (index)": ["/sitemap.xml"],
        "sitemap, articles file": ["/sitemap-articles.xml"],
        "rss feed": ["/feeds/latest/"],
    })  # fmt: skip
    return pages


def deep_page(base, first, hops):
    """
    ``(path, how)``: a deep page of the category listing, whatever its paging scheme.

    A ``rel="last"`` link is taken as it is. Numbered pages (``?page=2``): Django answers
    a number past the end with the last page, whose ``rel="prev"`` link gives its number.
    Otherwise (cursor pages), follow ``rel="next"`` up to ``hops`` times.
    """
    status, _, body = http_get(base + first)
    page = body.decode(errors="replace")
    if status != 200:
        return None, f"page 1 answered {status}"
    last = link(page, "last")
    if last:
        return urllib.parse.urljoin(first, last), "the last page (rel=last)"
    following = link(page, "next")
    if following is None:
        return None, "one page only"
    if re.search(r"[?&]page=\d+", following):
        beyond = re.sub(r"([?&]page=)\d+", r"\g<1>999999999", following)
        status, _, body = http_get(base + urllib.parse.urljoin(first, beyond))
        previous = link(body.decode(errors="replace"), "prev") if status == 200 else None
        number = re.search(r"[?&]page=(\d+)", previous or "")
        if number:
            last_number = int(number.group(1)) + 1
            path = urllib.parse.urljoin(first, re.sub(r"([?&]page=)\d+", rf"\g<1>{last_number}", following))
            return path, f"page {last_number}, the last"
    path, depth, deadline = first, 1, time.monotonic() + 60
    while following and depth <= hops and time.monotonic() < deadline:
        path = urllib.parse.urljoin(path, following)
        depth += 1
        status, _, body = http_get(base + path)
        following = link(body.decode(errors="replace"), "next") if status == 200 else None
    return path, f"page {depth}, following rel=next" + ("" if following is None else f" (stopped at {hops} links)")


def link(page, rel):
    """The href of the first ``<a>`` or ``<link>`` with this rel, unescaped; or None."""
    for tag in re.finditer(r"<(?:a|link)\b[^>]*>", page):
        rels = re.search(r"""\brel\s*=\s*["']?([^"'>]*)""", tag.group())
        href = re.search(r"""\bhref\s*=\s*["']([^"']*)""", tag.group())
        if rels and href and rel in rels.group(1).split():
            return html.unescape(href.group(1))
    return None


def http_get(url, timeout=120):
    """``(status, headers, body)`` of one GET, redirects not followed."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def count_queries(path):
    """SQL queries of one request in-process (after a warm-up request), as bench/measure.py counts them."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries.captured_queries)


def publish_static(env, pages_root, articles, limit):
    """
    Run ``manage.py publish_static`` into ``pages_root``; a note saying how it went. Above ``limit``
    articles it would take too long for a load test (it renders every page): the pages measured are
    then written the way the site writes any page, on their first request through nginx.
    """
    if articles > limit:
        print(f"publish_static: not run at {articles:,} articles (--publish-limit {limit:,}); "
              "each page loaded is written on its first request")  # fmt: skip
        return f"written on first request (publish_static not run above {limit:,} articles)"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "manage.py", "publish_static"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=30 * 60,
    )  # fmt: skip
    seconds = time.monotonic() - started
    files = sum(1 for path in pages_root.rglob("*") if path.is_file())
    if done.returncode:
        print(f"!! manage.py publish_static failed after {seconds:.0f} s ({files} files):\n{done.stderr[-1500:]}")
        return f"!! publish_static failed ({files} files); pages written on first request"
    print(f"publish_static: {files} files in {seconds:.0f} s")
    return f"publish_static: {files} files in {seconds:.0f} s"


# --- Servers ------------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    @property
    def url(self):
        return f"http://{self.address}"

    def worker_rss(self):
        """``{pid: {"rss_mb", "peak_mb"}}`` of the server's workers (gunicorn's master does no work)."""
        workers = {}
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            except OSError:  # a process that just ended
                continue
            if int(fields.get("PPid", 0)) == self.process.pid:
                kb = lambda key: int(fields.get(key, "0 kB").split()[0])  # noqa: E731, B023 (used right here)
                workers[int(fields["Pid"])] = {"rss_mb": kb("VmRSS") / 1024, "peak_mb": kb("VmHWM") / 1024}
        return workers


class Servers:
    """The servers this run started, each in a process group of its own; ``stop_all`` ends them all."""

    def __init__(self, scratch):
        self.scratch = scratch
        self.running = []
        self.gunicorns = []

    def start(self, name, command, port, *, cwd=None, env=None):
        log = self.scratch / f"{name}.log"
        with open(log, "ab") as output:
            process = subprocess.Popen(
                command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches this script only, which then stops them in order
            )  # fmt: skip
        server = Server(name, process, port, log)
        self.running.append(server)
        wait_until_up(server)
        return server

    def gunicorn(self, name, command, workers, *, cwd, env):
        port = free_port()
        settings = ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--worker-class", "sync"]
        server = self.start(name, [*command, *settings], port, cwd=cwd, env=env)
        self.gunicorns.append(server)
        return server

    def nginx(self, name, config, port):
        startup_log = str(self.scratch / f"{name}-startup.log")
        return self.start(name, [nginx_binary(), "-c", str(config), "-p", str(self.scratch), "-e", startup_log], port)

    def stop_all(self):
        for server in reversed(self.running):
            if server.process.poll() is None:
                os.killpg(server.process.pid, signal.SIGTERM)
        for server in self.running:
            try:
                server.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.process.pid, signal.SIGKILL)
                server.process.wait()


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(server, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            sys.exit(f"{server.name} stopped (exit {server.process.returncode}):\n{tail(server.log)}")
        try:
            http_get(server.url + "/", timeout=30)  # any answer, even an error, means it listens
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"{server.name} did not answer within {seconds} s:\n{tail(server.log)}")


def tail(path, lines=30):
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


NGINX_MAIN = """\
# Generated by bench/load.py for one run; the servers run in the foreground, logs in this folder.
worker_processes 2;
daemon off;
pid {scratch}/{name}.pid;
error_log {scratch}/{name}-error.log;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{server}
}}
"""


def file_server(root):
    """A config like ../shared/anchors/wagtail/nginx.conf: files from ``root``, nothing else."""
    port = free_port()
    server = f"""\
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ try_files $uri $uri/index.html =404; }}
    }}"""
    config = root.parent / "nginx-file.conf"
    config.write_text(NGINX_MAIN.format(scratch=root.parent, name="nginx-file", server=server))
    return config, port


def deploy_config(scratch, pages_root, gunicorn, port):
    """deploy/nginx.conf with the placeholders filled in, on ``port`` of 127.0.0.1 (plain HTTP) instead of TLS."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site, n_tls = re.subn(r"# --- TLS .*?# --- end TLS ---", f"listen 127.0.0.1:{port};", site, flags=re.S)
    site, n_http = re.subn(r"# --- HTTP to HTTPS .*?# --- end HTTP to HTTPS ---", "", site, flags=re.S)
    if (n_tls, n_http) != (1, 1):
        sys.exit("deploy/nginx.conf: the TLS and HTTP-to-HTTPS markers are gone; see the comment at its top")
    (scratch / "static").mkdir()
    for placeholder, value in {
        "__SERVER_NAME__": "127.0.0.1",
        "__GUNICORN__": gunicorn,
        "__STATIC_ROOT__": scratch / "static",
        "__MEDIA_ORIGIN__": "http://media.invalid",  # the load test asks for pages, not images
        "__STATIC_PAGES_ROOT__": pages_root,
    }.items():
        site = site.replace(placeholder, str(value))
    site = site.replace("/var/log/nginx/", f"{scratch}/")  # the access log: no root needed
    (scratch / "healthcms-site.conf").write_text(site)
    config = scratch / "nginx-pages.conf"
    server = f"    include {scratch / 'healthcms-site.conf'};"
    config.write_text(NGINX_MAIN.format(scratch=scratch, name="nginx-pages", server=server))
    return config


# --- The Wagtail anchor -----------------------------------------------------------------------------


class Wagtail:
    """
    The Wagtail article page of ../shared/anchors/wagtail, set up as its README says
    in ``directory`` (a virtual environment of its own), once: a later run reuses it.
    """

    def __init__(self, directory, anchors):
        self.directory = directory.resolve()
        self.anchors = anchors.resolve()
        self.venv = self.directory / "venv"
        self.site = self.directory / "anchorsite"
        self.ready = self.directory / "ready.json"
        self.versions = None
        self.server = None

    def env(self, settings="anchorsite.settings.production"):
        # Only what Wagtail's own settings need: none of this run's DATABASE_URL or DJANGO_* variables.
        return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
                "DJANGO_SETTINGS_MODULE": settings}  # fmt: skip

    def set_up(self):
        if self.ready.exists():
            self.versions = json.loads(self.ready.read_text())
            print(f"Wagtail anchor: reusing {self.directory} ({self.versions})", flush=True)
            return
        if not (self.anchors / "wagtail_models.py").exists():
            sys.exit(f"no Wagtail anchor files in {self.anchors} (--anchors or $WAGTAIL_ANCHOR)")
        print(f"Wagtail anchor: setting up in {self.directory} (pip install wagtail gunicorn; a few minutes) …",
              flush=True)  # fmt: skip
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.site, ignore_errors=True)  # a set-up that stopped half-way starts again
        log = open(self.directory / "setup.log", "a")
        dev = self.env("anchorsite.settings.dev")  # manage.py's own default, as the README runs it

        def step(*command, cwd=self.directory, env=dev, stdin=None):
            print(f"$ {' '.join(map(str, command))}", file=log, flush=True)
            with open(stdin) if stdin else open(os.devnull) as input:
                done = subprocess.run(command, cwd=cwd, env=env, stdin=input, stdout=log, stderr=subprocess.STDOUT)
            if done.returncode:
                sys.exit(f"Wagtail anchor set-up failed at {' '.join(map(str, command))}: see {log.name}")

        python, manage = self.venv / "bin" / "python", "manage.py"
        # 1. A virtual environment of its own (Wagtail pins its own Django), the project template.
        step(sys.executable, "-m", "venv", self.venv)
        step(self.venv / "bin" / "pip", "install", "-q", "wagtail", "gunicorn")
        step(self.venv / "bin" / "wagtail", "start", "anchorsite")
        # 2. The anchor's page model and template.
        shutil.copy(self.anchors / "wagtail_models.py", self.site / "home" / "models.py")
        (self.site / "home" / "templates" / "home").mkdir(parents=True, exist_ok=True)
        shutil.copy(self.anchors / "wagtail_article_page.html", self.site / "home/templates/home/article_page.html")
        step(python, manage, "makemigrations", "home", cwd=self.site)
        step(python, manage, "migrate", cwd=self.site)
        # 3. 200 article pages under /diseases/.
        step(python, manage, "shell", cwd=self.site, stdin=self.anchors / "wagtail_populate.py")
        # 4. Production settings: a secret key, the hosts, collected static files.
        (self.site / "anchorsite" / "settings" / "local.py").write_text(
            f'SECRET_KEY = "{SECRET_KEY}"\nALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
        )
        step(python, manage, "collectstatic", "--noinput", cwd=self.site, env=self.env())
        freeze = subprocess.run([self.venv / "bin" / "pip", "freeze"], capture_output=True, text=True).stdout
        pins = dict(line.split("==", 1) for line in freeze.splitlines() if "==" in line)
        self.versions = {name: pins.get(name) for name in ("wagtail", "Django", "gunicorn")}
        self.ready.write_text(json.dumps(self.versions))
        print(f"Wagtail anchor ready: {self.versions}", flush=True)

    def count_queries(self, path):
        code = (
            "from django.db import connection\n"
            "from django.test import Client\n"
            "from django.test.utils import CaptureQueriesContext\n"
            "client = Client(HTTP_HOST='localhost')\n"
            f"client.get({path!r})\n"
            "with CaptureQueriesContext(connection) as queries:\n"
            f"    client.get({path!r})\n"
            "print('QUERIES', len(queries.captured_queries))\n"
        )
        done = subprocess.run([self.venv / "bin" / "python", "manage.py", "shell", "-c", code], cwd=self.site,
                              env=self.env(), capture_output=True, text=True)  # fmt: skip
        found = re.search(r"^QUERIES (\d+)$", done.stdout, re.M)
        return int(found.group(1)) if found else None


# --- Runs ---------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: a page on one server, and the references it is compared with."""

    name: str
    served_by: str
    server: Server | None
    paths: list
    note: str = ""
    reference: bool = False
    against: list = field(default_factory=list)  # reference Rows alternated with this one
    queries: int | None = None
    status: int | None = None
    kb: float | None = None
    script: Path | None = None
    runs: list = field(default_factory=list)
    ratios: dict = field(default_factory=dict)  # reference name → [per-round ratio]
    rss_mb: float | None = None
    measured_with: list = field(default_factory=list)  # for a reference: the pages alternated with it

    def median(self, key):
        values = [run[key] for run in self.runs]
        return statistics.median(values) if values else None

    @property
    def errors(self):
        keys = ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts")
        return sum(run[key] for run in self.runs for key in keys)

    def ratio(self, reference):
        """This row's req/s over ``reference``'s: the median of the per-round ratios when they alternated."""
        if reference is None or not self.runs or not reference.runs:
            return None
        if reference.name in self.ratios:
            return statistics.median(self.ratios[reference.name])
        return self.median("rps") / reference.median("rps") if reference.median("rps") else None

    def as_json(self):
        return {
            "name": self.name, "served_by": self.served_by, "url": self.paths[0] if self.paths else None,
            "addresses": len(self.paths), "note": self.note, "status": self.status, "kb": self.kb,
            "queries": self.queries, "rps": self.median("rps"), "p50_ms": self.median("p50_ms"),
            "p99_ms": self.median("p99_ms"), "errors": self.errors, "worker_rss_mb": self.rss_mb,
            "ratios": {name: statistics.median(values) for name, values in self.ratios.items()},
            "runs": self.runs,
        }  # fmt: skip


def plan(args, pages, deep, deep_how, scratch, django, cached, nginx_file, nginx_pages, prerendered_note,
         pages_root, wagtail, has_page_cache):  # fmt: skip
    """The table's rows, in the order they are loaded; the references first."""
    constant = Row("constant Django view", "gunicorn", django, ["/bench/constant/"], reference=True)
    file = Row("article page, nginx serving a file", "nginx", nginx_file, [pages["article"][0]], reference=True)
    references = [constant, file]
    wagtail_one = wagtail_rotating = None
    if wagtail:
        wagtail_one = Row("Wagtail article page", "gunicorn (Wagtail)", wagtail.server, [WAGTAIL_ARTICLE],
                          reference=True)  # fmt: skip
        # The anchor's own rotate.lua: 200 articles in turn.
        rotate = wrk_script(scratch, "wagtail-rotate", (args.anchors / "rotate.lua").read_text())
        wagtail_rotating = Row("Wagtail article page (200 rotating)", "gunicorn (Wagtail)", wagtail.server,
                               [WAGTAIL_ARTICLE], reference=True, script=rotate)  # fmt: skip
        wagtail_one.queries = wagtail.count_queries(WAGTAIL_ARTICLE)
        references += [wagtail_one, wagtail_rotating]

    rotating = pages["article (rotating)"]
    pages_rows = [
        Row("article page", "gunicorn", django, pages["article"], against=[constant, file, wagtail_one]),
        Row(
            f"article page ({len(rotating):,} rotating)",
            "gunicorn",
            django,
            rotating,
            against=[constant, file, wagtail_rotating],
            script=rotating_script(scratch, rotating),
        ),  # fmt: skip
        Row("category page 1", "gunicorn", django, pages["category"], against=[constant]),
        Row("category, deep page", "gunicorn", django, [deep] if deep else [], note=deep_how, against=[constant]),
        Row("home", "gunicorn", django, ["/"], against=[constant]),
        Row("search (common word)", "gunicorn", django, pages["search (common word)"], against=[constant]),
        Row("search (rare word)", "gunicorn", django, pages["search (rare word)"], against=[constant]),
        Row("sitemap.xml (index)", "gunicorn", django, pages["sitemap.xml (index)"], against=[constant]),
        Row("sitemap, articles file", "gunicorn", django, pages["sitemap, articles file"], against=[constant]),
        Row("rss feed", "gunicorn", django, pages["rss feed"], against=[constant]),
    ]
    for path, name in ((pages["article"][0], "article page"), ("/", "home")):
        pages_rows.append(Row(
            f"{name}, page cache", "gunicorn, page cache on", cached, [path] if cached else [], against=[constant],
            note="" if has_page_cache else "no page cache yet (setting HEALTHCMS_PAGE_CACHE_TIMEOUT)",
        ))  # fmt: skip
    for path, name in ((pages["article"][0], "article page"), ("/", "home")):
        pages_rows.append(Row(
            f"{name}, pre-rendered", "nginx (deploy/nginx.conf)", nginx_pages, [path] if nginx_pages else [],
            against=[file], note=prerendered_note,
        ))  # fmt: skip
    if args.only:
        words = [word.strip() for word in args.only.split(",")]
        pages_rows = [row for row in pages_rows if any(re.search(rf"\b{re.escape(w)}\b", row.name) for w in words)]

    # Check every address once: a page that answers an error must not be loaded as if it were fast.
    for row in [*references, *pages_rows]:
        row.against = [reference for reference in row.against if reference is not None]
        for reference in row.against:
            reference.measured_with.append(row.name)
        if not row.paths or row.server is None:
            continue
        row.script = row.script or wrk_script(scratch, "report", "")
        sample = row.paths[:: max(1, len(row.paths) // 20)]
        for path in sample:
            status, headers, body = http_get(row.server.url + path)
            if path == row.paths[0]:
                row.status, row.kb = status, len(body) / 1024
            if status != 200:
                row.status = status
                row.note = f"!! {path} answered {status}: not loaded"
                print(f"!! {row.name}: {path} answered {status}; this page is not loaded", flush=True)
                break
        if row.server is nginx_pages and row.status == 200:
            # That first request went through to gunicorn if the file was missing, and the site wrote it.
            if not (pages_root / row.paths[0].lstrip("/") / "index.html").exists():
                row.status = None
                row.note = "!! not written as a file: nginx hands it to Django; not loaded"
                print(f"!! {row.name}: {row.note}", flush=True)
        if row.served_by == "gunicorn" and row.status == 200:  # (the page cache's rows would count its hits)
            row.queries = count_queries(row.paths[0])
    return [*references, *pages_rows]


def wrk_script(scratch, name, request_code):
    """A wrk script: ``request_code`` (may be empty), then bench/wrk_report.lua's report."""
    script = scratch / f"{name}.lua"
    script.write_text(request_code + "\n" + (BENCH / "wrk_report.lua").read_text())
    return script


def rotating_script(scratch, paths):
    listed = ",\n".join(f"  {json.dumps(path)}" for path in paths)  # JSON strings are valid Lua strings here
    code = f"""local paths = {{
{listed}
}}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""
    return wrk_script(scratch, "rotating", code)


def load_row(row, args):
    """Warm up, then ``rounds`` rounds of this row and its references, in ABBA order."""
    if row.status != 200:
        print(f"  {row.name:<44} — {row.note or 'not measured'}", flush=True)
        return
    wrk(row, args, args.warmup)
    for reference in row.against:
        if not reference.runs:  # warmed once, before its first measured run
            wrk(reference, args, args.warmup)
    for number in range(args.rounds):
        order = [row, *row.against]
        if number % 2:
            order.reverse()  # A B B A: a drift of the machine during the round hits both sides
        results = {}
        for each in order:
            results[each.name] = wrk(each, args, args.duration)
            each.runs.append(results[each.name])
        for reference in row.against:
            if results[reference.name]["rps"]:  # (0: it answered nothing in time, which the table shows)
                row.ratios.setdefault(reference.name, []).append(
                    results[row.name]["rps"] / results[reference.name]["rps"]
                )
    if row.server.name.startswith("gunicorn"):
        row.rss_mb = max((w["rss_mb"] for w in row.server.worker_rss().values()), default=None)
    rounds = " ".join(f"{run['rps']:.0f}" for run in row.runs)
    flag = f"  !! {row.errors} errors" if row.errors else ""
    print(f"  {row.name:<44} {row.median('rps'):>9.1f} req/s (rounds: {rounds}){flag}", flush=True)


def wrk(row, args, seconds):
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", f"--timeout={args.timeout}s",
        "-s", str(row.script), row.server.url + row.paths[0],
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + args.timeout + 60)
    found = re.search(r"^WRK_RESULT (.*)$", done.stdout, re.M)
    if not found:
        sys.exit(f"wrk gave no result for {row.name}:\n{done.stdout}\n{done.stderr}")
    result = json.loads(found.group(1))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["p50_ms"], result["p99_ms"] = result["p50_us"] / 1000, result["p99_us"] / 1000
    if result["p99_ms"] > 500:
        # A slow page leaves requests queued in the server when wrk stops (sync workers finish them
        # for closed connections): let them drain, or the next run measures that backlog.
        time.sleep(min(30, result["p99_ms"] / 1000 * args.connections / 2))
    return result


# --- Report -------------------------------------------------------------------------------------------


def print_table(rows, meta):
    print(f"{meta['database']}, {meta['published_articles']} published articles, {meta['date']}")
    print(f"{meta['tools']}; wrk -t{meta['load']['threads']} -c{meta['load']['connections']} "
          f"-d{meta['load']['duration']}s, median of {meta['load']['rounds']} rounds; "
          f"gunicorn {meta['load']['workers']} sync workers")  # fmt: skip
    by_name = {row.name: row for row in rows}
    constant = by_name["constant Django view"]
    file = by_name["article page, nginx serving a file"]
    wagtail = {"article page": by_name.get("Wagtail article page")}
    for row in rows:
        if "rotating)" in row.name and not row.reference:
            wagtail[row.name] = by_name.get("Wagtail article page (200 rotating)")
    print("| page | served by | req/s | p50 ms | p99 ms | errors | queries | worker RSS MB "
          "| × constant view | × nginx file | × Wagtail |")  # fmt: skip
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        if not row.runs:
            print(f"| {row.name} | {row.served_by} | — | | | | | | | | | {row.note or 'not measured'}")
            continue
        errors = f"**{row.errors}** ✗" if row.errors else "0"
        print(
            f"| {row.name} | {row.served_by} | {row.median('rps'):,.1f} | {row.median('p50_ms'):.1f} "
            f"| {row.median('p99_ms'):.1f} | {errors} | {'' if row.queries is None else row.queries} "
            f"| {'' if row.rss_mb is None else f'{row.rss_mb:.0f}'} "
            f"| {share(row.ratio(constant), row is constant)} | {share(row.ratio(file), row is file)} "
            f"| {times(row.ratio(wagtail.get(row.name)))} |" + (f" {row.note}" if row.note else "")
        )


def share(ratio, itself=False):
    if itself:
        return "1"
    if ratio is None:
        return ""
    return f"{ratio:.2f}" if ratio >= 0.01 else f"{ratio:.4f}"


def times(ratio):
    return "" if ratio is None else f"{ratio:.1f}×"


def check_targets(rows, rss, with_wagtail):
    """The issue's targets: ``[{target, value, met}]`` (met is None when it could not be measured)."""
    by_name = {row.name: row for row in rows}
    constant = by_name["constant Django view"]
    file = by_name["article page, nginx serving a file"]
    targets = []

    def add(target, row, reference, threshold, unit):
        ratio = row.ratio(reference) if row and reference else None
        if ratio is None or row.errors:
            why = f"{row.errors} errors" if row and row.errors else (row.note if row and row.note else "not measured")
            targets.append({"target": target, "value": None, "met": None, "why": why})
        else:
            targets.append({"target": target, "value": ratio, "met": ratio >= threshold, "unit": unit})

    for row in rows:
        if row.name.startswith("article page") and row.served_by == "gunicorn":
            reference = by_name.get("Wagtail article page (200 rotating)" if "rotating" in row.name
                                    else "Wagtail article page")  # fmt: skip
            if not with_wagtail:
                targets.append({"target": f"{row.name} ≥ {WAGTAIL_FACTOR:g}× Wagtail's req/s", "value": None,
                                "met": None, "why": "no Wagtail run: add --wagtail"})  # fmt: skip
            else:
                add(f"{row.name} ≥ {WAGTAIL_FACTOR:g}× Wagtail's req/s", row, reference, WAGTAIL_FACTOR, "×")
    for row in rows:
        if row.name.endswith(", page cache"):
            add(f"{row.name} ≥ {CACHED_SHARE:.0%} of the constant view", row, constant, CACHED_SHARE, "%")
    for row in rows:
        if row.name.endswith(", pre-rendered"):
            add(f"{row.name} (nginx) ≥ {PRERENDERED_SHARE:.0%} of nginx serving a file", row, file,
                PRERENDERED_SHARE, "%")  # fmt: skip
    healthcms = [w["rss_mb"] for name, workers in rss.items() if name != "gunicorn-wagtail" for w in workers.values()]
    if healthcms:
        worst = max(healthcms)
        targets.append({"target": f"every healthcms worker under {WORKER_RSS_MB} MB RSS after the benchmark",
                        "value": worst, "met": worst < WORKER_RSS_MB, "unit": "MB"})  # fmt: skip
    return targets


def print_targets(targets, rss):
    print("\nworker RSS after the benchmark (MB, now / peak): " + "; ".join(
        f"{name}: " + ", ".join(f"{w['rss_mb']:.0f}/{w['peak_mb']:.0f}" for w in workers.values())
        for name, workers in rss.items()
    ))  # fmt: skip
    print("\nThe issue's targets:")
    for target in targets:
        if target["met"] is None:
            print(f"  —           {target['target']}: not measured ({target['why']})")
            continue
        unit = target["unit"]
        value = {"×": f"{target['value']:.1f}×", "%": f"{target['value']:.1%}", "MB": f"{target['value']:.0f} MB"}[unit]
        print(f"  {'met' if target['met'] else 'NOT MET':<11} {target['target']}: {value}")


if __name__ == "__main__":
    main()
