"""
deploy/: nginx's configurations pass `nginx -t` and, in front of a real gunicorn, serve what they
promise; the systemd units pass `systemd-analyze verify`; the limits agree with the app's.

Without nginx (`apt-get install nginx`), openssl or systemd-analyze, the tests that need one are
skipped with a message, except in CI, where they fail.
"""

import grp
import gzip
import http.client
import json
import os
import pwd
import re
import runpy
import shutil
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from .servers import BASE_DIR, free_port, gunicorn, manage, server_env, wait_until_up

DEPLOY = BASE_DIR / "deploy"
UNITS = [
    "healthcms.socket", "healthcms.service", "healthcms-worker.service", "healthcms-scheduled.service",
    "healthcms-scheduled.timer", "healthcms-prune.service", "healthcms-prune.timer",
]  # fmt: skip
HASHED_CSS = "healthcms/site.0123456789ab.css"  # a name as collectstatic's manifest makes them
MARKER = "<!-- the pre-rendered file -->"


def need(tool):
    """The path of ``tool``; without it, a skip (a failure in CI)."""
    found = shutil.which(tool, path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    if found is None:
        message = f"No {tool} (apt-get install nginx openssl systemd): the deployment test cannot run."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture
def nginx():
    return need("nginx")


# --- nginx ------------------------------------------------------------------------------------------


def filled(name, values, port=None, http_port=None):
    """
    deploy/``name`` with its placeholders filled in from ``values`` and its log in the test's folder;
    with ``port``, on plain HTTP there instead of TLS (as bench/load.py does), port 80's server on ``http_port``.
    """
    text = (DEPLOY / name).read_text()
    if port:
        text, tls = re.subn(r"# --- TLS .*?# --- end TLS ---", f"listen 127.0.0.1:{port};", text, flags=re.S)
        assert tls == 1, f"deploy/{name}: the TLS markers are gone (see the comment at its top)"
    if http_port:
        text = re.sub(r"listen 80;\s*listen \[::\]:80;", f"listen 127.0.0.1:{http_port};", text)
    for placeholder, value in values.items():
        text = text.replace(placeholder, str(value))
    left = set(re.findall(r"__[A-Z_]+__", re.sub(r"#.*", "", text)))
    assert not left, f"deploy/{name} has placeholders this test does not know: {left}"
    return text.replace("/var/log/nginx/", f"{values['logs']}/")


def main_config(folder, *sites):
    """An nginx.conf that includes ``sites`` in its http block, as Debian's does, with every file in ``folder``."""
    includes = []
    for number, site in enumerate(sites):
        (folder / f"site-{number}.conf").write_text(site)
        includes.append(f"    include {folder / f'site-{number}.conf'};")
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    )
    # As root, nginx's workers would run as nobody, who cannot enter pytest's private tmp_path.
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = folder / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log stderr;\n"
        f"events {{ worker_connections 64; }}\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n{temp}\n"
        + "\n".join(includes)
        + "\n}\n"
    )
    return config


def nginx_test(nginx, config):
    result = subprocess.run(
        [nginx, "-t", "-c", config, "-p", config.parent, "-e", "stderr"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


@contextmanager
def nginx_serving(nginx, config, ready_url):
    """nginx running ``config`` in the foreground until the block ends; stopped (and its logs flushed) after."""
    server = subprocess.Popen(
        [nginx, "-c", config, "-p", config.parent, "-e", "stderr"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(ready_url, server, "nginx")
        yield
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGQUIT)  # graceful: the workers write out their buffered logs
        server.wait(timeout=60)


def request(port, path, method="GET", headers=(), host="127.0.0.1"):
    """``(status, headers, body)`` of one request, redirects not followed; ``headers`` as (name, value) pairs."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in [("Host", host), *headers]:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@pytest.fixture
def tls_certificate(tmp_path):
    """A self-signed certificate and its key, for `nginx -t` on the TLS parts as shipped."""
    openssl = need("openssl")
    certificate, key = tmp_path / "certificate.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-subj", "/CN=health.example.org", "-days", "1", "-keyout", key, "-out", certificate],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return certificate, key


def test_nginx_accepts_the_shipped_configurations(nginx, tls_certificate, tmp_path):
    """Both files as shipped, TLS and port 80 included, side by side in one http block, as on a server."""
    certificate, key = tls_certificate
    values = {
        "__SERVER_NAME__": "health.example.org", "__TLS_CERTIFICATE__": certificate, "__TLS_CERTIFICATE_KEY__": key,
        "__GUNICORN__": "unix:/run/healthcms.sock", "__STATIC_ROOT__": tmp_path / "static",
        "__MEDIA_ORIGIN__": "https://media.example.net", "__STATIC_PAGES_ROOT__": tmp_path / "pages",
        "__MEDIA_SERVER_NAME__": "media.example.net", "__MEDIA_TLS_CERTIFICATE__": certificate,
        "__MEDIA_TLS_CERTIFICATE_KEY__": key, "__MEDIA_ROOT__": tmp_path / "media", "logs": tmp_path,
    }  # fmt: skip
    nginx_test(nginx, main_config(tmp_path, filled("nginx.conf", values), filled("nginx-media.conf", values)))


def test_nginx_serves_prerendered_pages_and_static_files_and_proxies_the_rest(nginx, tmp_path):
    port, http_port = free_port(), free_port()
    pages, static = tmp_path / "pages", tmp_path / "static"
    env = server_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",  # the site writes files only for requests to its public address
        HEALTHCMS_STATIC_PAGES_ROOT=str(pages),
        MEDIA_ROOT=str(tmp_path / "media"),
        BEHIND_PROXY="on",
        LOG_LEVEL="WARNING",
    )
    manage("migrate", "--no-input", env=env)
    manage("publish_static", env=env)
    # Marked, so that a page served from the file tells itself apart from one Django made.
    home = pages / "index.html"
    home.write_text(home.read_text() + MARKER)
    (static / "healthcms").mkdir(parents=True)
    (static / HASHED_CSS).write_text("body { color: black }\n")
    (static / f"{HASHED_CSS}.gz").write_bytes(gzip.compress(b"body { color: black }\n"))
    (static / "healthcms" / "unhashed.css").write_text("p { color: black }\n")

    with gunicorn(env) as upstream:
        values = {
            "__SERVER_NAME__": "127.0.0.1", "__GUNICORN__": upstream.removeprefix("http://"),
            "__STATIC_ROOT__": static, "__MEDIA_ORIGIN__": "http://media.invalid", "__STATIC_PAGES_ROOT__": pages,
            "logs": tmp_path,
        }  # fmt: skip
        config = main_config(tmp_path, filled("nginx.conf", values, port, http_port))
        nginx_test(nginx, config)
        with nginx_serving(nginx, config, f"http://127.0.0.1:{port}/healthz"):
            # A reader's GET of a page that has a file: the file, with the headers Django would have sent.
            status, headers, body = request(port, "/")
            assert status == 200 and MARKER in body.decode()
            assert "X-Request-ID" not in headers  # Django adds it to everything it answers
            assert headers["Cache-Control"] == "public, max-age=60, s-maxage=300"
            assert headers["Content-Type"] == "text/html; charset=utf-8"
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            status, headers, body = request(port, "/feeds/latest/")
            assert status == 200 and headers["Content-Type"] == "application/rss+xml; charset=utf-8"
            assert "X-Request-ID" not in headers

            # The same page with a query string, or for an editor (a session cookie): Django makes it.
            for path, extra in [("/?utm_source=newsletter", []), ("/", [("Cookie", "sessionid=an-editors-session")])]:
                status, headers, body = request(port, path, headers=extra)
                assert status == 200 and MARKER not in body.decode(), path
                assert headers["X-Request-ID"], path

            # Anything without a file goes to Django, under nginx's request id, not one the reader chose.
            status, headers, body = request(port, "/search/?q=flu", headers=[("X-Request-ID", "chosen-by-the-reader")])
            assert status == 200 and b"flu" in body
            search_id = headers["X-Request-ID"]
            assert re.fullmatch(r"[0-9a-f]{32}", search_id)  # nginx's $request_id

            # Static files: a hashed name is kept for good (and sent compressed), any other name for an hour.
            status, headers, body = request(port, f"/static/{HASHED_CSS}", headers=[("Accept-Encoding", "gzip")])
            assert status == 200 and headers["Content-Encoding"] == "gzip"
            assert headers["Cache-Control"] == "public, max-age=315360000, immutable"
            assert headers["Content-Type"] == "text/css" and "X-Request-ID" not in headers
            status, headers, _ = request(port, "/static/healthcms/unhashed.css")
            assert status == 200 and headers["Cache-Control"] == "public, max-age=3600"

            # An upload larger than the limit is refused by nginx, before Django or the disk sees it.
            status, _, _ = request(port, "/admin/login/", "POST", headers=[("Content-Length", str(13 * 1024 * 1024))])
            assert status == 413

            # Port 80: a load balancer's health check reaches Django whatever Host it sends; the rest is redirected.
            status, headers, body = request(http_port, "/readyz", host="10.0.0.7")
            assert status == 200 and set(json.loads(body).values()) == {"ok"}
            status, headers, _ = request(http_port, "/diseases/?page=2", host="127.0.0.1")
            assert status == 301 and headers["Location"] == "https://127.0.0.1/diseases/?page=2"

    # nginx's access log: JSON lines, with the id Django logged under, and the path without the search terms.
    log = [json.loads(line) for line in (tmp_path / "healthcms.access.log").read_text().splitlines()]
    search = [entry for entry in log if entry["request_id"] == search_id]
    assert len(search) == 1 and search[0]["path"] == "/search/" and search[0]["status"] == 200
    assert not any("flu" in json.dumps(entry) for entry in log)


def test_nginx_serves_uploaded_images_kept_for_good_and_nothing_else(nginx, tmp_path):
    port, media = free_port(), tmp_path / "media"
    (media / "renditions").mkdir(parents=True)
    (media / "renditions" / "photo-480.webp").write_bytes(b"RIFF....WEBPVP8 ")
    (media / "page.html").write_text("<script>alert(1)</script>")
    values = {"__MEDIA_SERVER_NAME__": "127.0.0.1", "__MEDIA_ROOT__": media, "logs": tmp_path}
    config = main_config(tmp_path, filled("nginx-media.conf", values, port))
    with nginx_serving(nginx, config, f"http://127.0.0.1:{port}/renditions/photo-480.webp"):
        status, headers, _ = request(port, "/renditions/photo-480.webp")
        assert status == 200 and headers["Content-Type"] == "image/webp"
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
        status, headers, _ = request(port, "/renditions/photo-800.webp")  # not made yet: a 404 nobody keeps
        assert status == 404 and "Cache-Control" not in headers
        assert request(port, "/page.html")[0] == 404


# --- systemd ----------------------------------------------------------------------------------------


def test_systemd_units_pass_systemd_analyze_verify(tmp_path):
    """
    Copies of the units with the paths of this checkout and the current user, since verify refuses
    an ExecStart that does not exist; everything else as shipped. verify reports unknown keys and
    values it cannot parse on standard error without failing, so any line naming a unit fails too.
    """
    analyze = need("systemd-analyze")
    venv_bin, user, group = (
        Path(sys.executable).parent,
        pwd.getpwuid(os.getuid()).pw_name,
        grp.getgrgid(os.getgid()).gr_name,
    )
    assert sorted(path.name for path in DEPLOY.glob("healthcms*.*") if path.suffix != ".example") == sorted(UNITS)
    for name in UNITS:
        text = (DEPLOY / name).read_text()
        text = text.replace("/srv/healthcms/current/.venv/bin/", f"{venv_bin}/").replace(
            "/srv/healthcms/current", str(BASE_DIR)
        )
        text = re.sub(r"(?m)^User=healthcms$", f"User={user}", text)
        (tmp_path / name).write_text(re.sub(r"(?m)^Group=healthcms$", f"Group={group}", text))
    result = subprocess.run(
        [analyze, "verify", *(tmp_path / name for name in UNITS)], capture_output=True, text=True, timeout=120
    )
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if any(n in line for n in UNITS)]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr


# --- What the files must agree on -------------------------------------------------------------------


def directive(text, name):
    """The one value of ``name`` in ``text`` (an nginx or systemd file)."""
    values = re.findall(rf"(?m)^\s*{name}[ =]([^;\s]+)", text)
    assert len(values) == 1, f"{name}: {values}"
    return values[0]


def test_limits_agree_with_the_app():
    site = (DEPLOY / "nginx.conf").read_text()
    gunicorn_conf = runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))
    # An image at the upload limit, with the rest of the form, gets through nginx.
    assert (
        int(directive(site, "client_max_body_size").removesuffix("m")) * 1024 * 1024
        > settings.HEALTHCMS_MAX_IMAGE_BYTES
    )
    # gunicorn ends a stuck request, not nginx; systemd waits for gunicorn's graceful stop.
    proxy = re.search(r"location @django \{.*?\}", site, re.S).group()
    assert int(directive(proxy, "proxy_read_timeout").removesuffix("s")) > gunicorn_conf["timeout"]
    service = (DEPLOY / "healthcms.service").read_text()
    assert int(directive(service, "TimeoutStopSec")) > gunicorn_conf["graceful_timeout"]


def test_environment_example_names_only_what_the_app_reads():
    example = (DEPLOY / "healthcms.env.example").read_text()
    names = set(re.findall(r"(?m)^#?([A-Z][A-Z0-9_]+)=", example))
    read = (BASE_DIR / "healthcms" / "settings.py").read_text() + (BASE_DIR / "gunicorn.conf.py").read_text()
    assert names and not {name for name in names if f'"{name}"' not in read}
