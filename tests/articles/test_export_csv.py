"""The editors' CSV export of the article list, and the list's publication columns (articles/admin/)."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article

from ..factories import CategoryFactory

pytestmark = pytest.mark.django_db

S = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")
HEADER = [
    "Title", "Public address", "Category", "Writer", "Medical reviewer", "Status", "Live version",
    "Last medical review", "First published", "Last updated",
]  # fmt: skip


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def export(client, articles):
    """The changelist's action posted as the browser posts it: the CSV's rows, or the response when it is no CSV."""
    response = client.post(
        CHANGELIST, {"action": "export_csv", "index": 0, "_selected_action": [article.pk for article in articles]}
    )
    if not response.get("Content-Type", "").startswith("text/csv"):
        return response
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def actions_offered(client):
    action_form = client.get(CHANGELIST).context["action_form"]
    return {name for name, _label in action_form.fields["action"].choices} if action_form else set()


def test_editors_export_the_selected_articles_as_csv(client, make_article, people, settings):
    settings.SITE_URL = "http://testserver"
    flu = CategoryFactory(name="Flu", slug="flu")
    live = make_article(S.PUBLISHED, title="Flu basics", slug="flu-basics", category=flu)
    workflow.start_revision(live, by=people["writer"])
    workflow.submit(live, by=people["writer"])
    workflow.approve(live, by=people["reviewer"])  # version 2
    draft = make_article(title='=HYPERLINK("http://evil.example")', category=flu, reviewer=None)
    make_article(title="Not selected")
    live.refresh_from_db()
    draft.refresh_from_db()

    client.force_login(people["editor"])
    response = client.post(CHANGELIST, {"action": "export_csv", "index": 0, "_selected_action": [live.pk, draft.pk]})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="articles-{timezone.localdate().isoformat()}.csv"'
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # so that Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    assert rows == [
        HEADER,
        [
            "Flu basics", "http://testserver/flu/flu-basics/", "Flu", "Wendy Writer", "dr Rita Reviewer", "Published", "2",
            iso(live.live_version.reviewed_at), iso(live.first_published_at), iso(live.updated_at),
        ],
        # A spreadsheet would run a cell starting with "=": it is written as text.
        ["'=HYPERLINK(\"http://evil.example\")", "", "Flu", "Wendy Writer", "", "Draft", "", "", "", iso(draft.updated_at)],
    ]  # fmt: skip


@pytest.mark.parametrize("role", ["writer", "reviewer"])
def test_writers_and_doctors_get_no_export(client, make_article, people, role):
    article = make_article(S.PUBLISHED)
    client.force_login(people[role])
    assert "export_csv" not in actions_offered(client)
    response = export(client, [article])
    assert response["Content-Type"].startswith("text/html")  # the list again, no file
    client.force_login(people["editor"])
    assert "export_csv" in actions_offered(client)


def test_the_export_costs_the_same_queries_for_2_or_12_articles(client, make_article, people):
    articles = [make_article(S.PUBLISHED) for _ in range(12)]
    client.force_login(people["editor"])
    counts = []
    for selected in [articles[:2], articles]:
        with CaptureQueriesContext(connection) as queries:
            rows = export(client, selected)
        assert len(rows) == 1 + len(selected)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_article_list_shows_live_version_and_last_review_in_queries_that_do_not_grow(client, make_article, people):
    client.force_login(people["editor"])
    counts = []
    for how_many in [2, 10]:  # 2, then 12
        for _ in range(how_many):
            make_article(S.PUBLISHED)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(CHANGELIST).content.decode()
        counts.append(len(queries))
    assert re.findall(r'class="field-live_version_number">([^<]*)<', html) == ["1"] * 12
    reviewed = re.findall(r'class="field-last_reviewed_at[^"]*">([^<]*)<', html)
    assert len(reviewed) == 12 and "—" not in reviewed
    # The live version comes with each article (list_select_related), not in a query per row.
    assert counts[0] == counts[1]
