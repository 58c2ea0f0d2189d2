"""Structured logs (healthcms/logs.py): a request id on every line, one JSON line per request and per workflow move."""

import io
import json
import logging
import re

import pytest
from django.conf import settings
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from articles.models import Article
from healthcms.logs import RequestIdFilter


@pytest.fixture
def json_lines():
    """What the production handler (settings.LOGGING's "json" formatter) writes, as parsed lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(
        JsonFormatter(**{k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"})
    )
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


@pytest.mark.django_db
def test_each_request_leaves_one_json_line_with_its_id(client, json_lines):
    response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    lines = [line for line in json_lines() if line["logger"] == "healthcms.requests"]
    assert len(lines) == 1
    line = lines[0]
    assert (line["request_id"], line["method"], line["path"], line["status"]) == (request_id, "GET", "/healthz", 200)
    assert line["level"] == "INFO" and isinstance(line["duration_ms"], float) and "time" in line


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123-def-456"})["X-Request-ID"] == "abc-123-def-456"
    replaced = client.get("/healthz", headers={"X-Request-ID": "bad id\nwith a newline"})["X-Request-ID"]
    assert len(replaced) == 32 and "bad" not in replaced
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


@pytest.mark.django_db
def test_a_workflow_move_logs_what_who_and_the_request(client, make_article, people, json_lines):
    article = make_article(Article.Status.IN_REVIEW)
    client.force_login(people["reviewer"])
    response = client.post(
        reverse("admin:articles_article_workflow", args=[article.pk]),
        {"transition": "approve"},
        headers={"X-Request-ID": "req-approve-0001"},
    )
    assert response.status_code == 302, response.content[:500]
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    moves = [line for line in json_lines() if line["logger"] == "articles.workflow"]
    assert [(m["action"], m["article"], m["user"], m["to_status"], m["request_id"]) for m in moves] == [
        ("submit", article.pk, people["writer"].pk, "in_review", ""),  # made outside a request
        ("approve", article.pk, people["reviewer"].pk, "published", "req-approve-0001"),
    ]


@pytest.mark.django_db
def test_what_a_reader_searched_for_stays_out_of_the_logs(client, json_lines):
    assert client.get("/no-such-page/?q=my+diabetes+symptoms").status_code == 404
    assert client.get("/search/", {"q": "my diabetes symptoms"}).status_code == 200
    lines = json_lines()
    assert [line["path"] for line in lines if line["logger"] == "healthcms.requests"] == ["/no-such-page/", "/search/"]
    assert any(line["logger"] == "django.request" for line in lines)  # Django's "Not Found" line, without the query
    assert "diabetes" not in json.dumps(lines)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", line["time"]) for line in lines)
