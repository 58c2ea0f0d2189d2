"""
An article's address outlives its publication (articles/views.py): an article
readers saw that is no longer published answers 410 Gone, saying so and
pointing to its replacement; a changed slug redirects for good; what readers
never saw stays 404. And the page cache never serves the old answer.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, OldAddress

from ..factories import CategoryFactory
from .test_review_admin import edit_data

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.fixture
def flu(db):
    return CategoryFactory(name="Flu", slug="flu", parent=CategoryFactory(name="Diseases", slug="diseases"))


@pytest.fixture
def live(make_article, flu):
    """Make a published article in Flu."""
    return lambda **kwargs: make_article(S.PUBLISHED, category=flu, **kwargs)


def unpublish(article, people):
    workflow.unpublish(article, by=people["editor"], comment="Outdated guidance.")


def submit_and_approve(article, people):
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])


def fetch(client, path):
    """``(response, kept)``: the page as a reader gets it, and whether it came from the page cache (no queries)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries) == 0


def rename(client, people, article, slug):
    """An editor changes the slug in the admin, which records the old one (ArticleAdmin.save_model)."""
    client.force_login(people["editor"])
    article.refresh_from_db()
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), edit_data(article, slug=slug))
    assert response.status_code == 302
    client.logout()


# 410 Gone


def test_an_unpublished_article_says_it_was_withdrawn_under_its_last_approved_title(client, live, people):
    article = live(title="Flu basics", slug="flu-basics")
    workflow.start_revision(article, by=people["writer"])
    article.title = "Flu: <em>the</em> basics"
    article.save()
    submit_and_approve(article, people)
    workflow.start_revision(article, by=people["writer"])
    article.title = "Flu: unreviewed title"
    article.save()
    unpublish(article, people)

    response = client.get("/flu/flu-basics/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "Article withdrawn" in html and "has been withdrawn and is no longer published" in html
    assert "“Flu: &lt;em&gt;the&lt;/em&gt; basics”" in html  # version 2, as approved, escaped
    assert "unreviewed" not in html and "Flu basics" not in html
    assert "site-header" in html and 'role="search"' in html and "Read instead" not in html


def test_the_410_page_links_the_replacement_only_while_it_is_published(client, live, make_article, people, flu):
    old, new = live(title="Flu basics", slug="flu-basics"), live(title="Flu in 2026", slug="flu-2026")
    Article.objects.filter(pk=old.pk).update(replaced_by=new)
    unpublish(old, people)
    html = client.get("/flu/flu-basics/").content.decode()
    assert "Read instead" in html and '<a href="/flu/flu-2026/">Flu in 2026</a>' in html

    workflow.start_revision(new, by=people["writer"])
    Article.objects.filter(pk=new.pk).update(title="Flu in 2026: unreviewed")
    html = client.get("/flu/flu-basics/").content.decode()
    assert '<a href="/flu/flu-2026/">Flu in 2026</a>' in html and "unreviewed" not in html  # as approved

    unpublish(new, people)
    response = client.get("/flu/flu-basics/")
    assert response.status_code == 410 and "Read instead" not in response.content.decode()

    Article.objects.filter(pk=old.pk).update(replaced_by=make_article(title="Flu draft", category=flu))
    html = client.get("/flu/flu-basics/").content.decode()
    assert "Read instead" not in html and "Flu draft" not in html


def test_only_articles_readers_saw_answer_410_the_rest_404(client, live, make_article, people, flu):
    now = timezone.now()
    draft = make_article(title="Secret draft", slug="secret-draft", category=flu)
    in_review = make_article(S.IN_REVIEW, title="Secret review", slug="secret-review", category=flu)
    scheduled = live(title="Secret schedule", slug="secret-schedule", go_live_at=now + datetime.timedelta(days=1))
    # Approved to go live tomorrow, then unpublished today: readers never saw it.
    called_off = live(title="Secret plan", slug="secret-plan", go_live_at=now + datetime.timedelta(days=1))
    unpublish(called_off, people)
    withdrawn = live(title="Flu basics", slug="flu-basics")
    unpublish(withdrawn, people)

    for article in [draft, in_review, scheduled, called_off]:
        response = client.get(f"/flu/{article.slug}/")
        assert response.status_code == 404, article.slug
        assert "Secret" not in response.content.decode()
    assert client.get("/flu/flu-basics/").status_code == 410
    assert client.get("/no-such-category/flu-basics/").status_code == 410  # the slug names the article


def test_the_address_of_a_restored_article_is_gone_until_it_is_approved_again(client, live, people):
    article = live(title="Flu basics", slug="flu-basics")
    unpublish(article, people)
    workflow.restore(article, by=people["editor"])
    assert client.get("/flu/flu-basics/").status_code == 410
    submit_and_approve(article, people)
    assert client.get("/flu/flu-basics/").status_code == 200


def test_an_expired_article_answers_410_and_one_that_expired_before_readers_saw_it_404(
    client, live, people, monkeypatch
):
    """Expiry is an unpublication set in advance: the address says so, as long as readers saw the article."""
    now = timezone.now()
    seen = live(title="Flu season 2025", slug="flu-2025", expire_at=now + datetime.timedelta(hours=1))
    new = live(title="Flu season 2026", slug="flu-2026")
    Article.objects.filter(pk=seen.pk).update(replaced_by=new)
    unseen = live(title="Secret expired", slug="secret-expired")
    Article.objects.filter(pk=unseen.pk).update(expire_at=now - datetime.timedelta(hours=1))  # before its approval
    assert client.get("/flu/flu-2025/").status_code == 200

    later = now + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get("/flu/flu-2025/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "“Flu season 2025” has been withdrawn" in html and '<a href="/flu/flu-2026/">Flu season 2026</a>' in html
    response = client.get("/flu/secret-expired/")
    assert response.status_code == 404 and "Secret" not in response.content.decode()


def test_the_410_page_answers_head_requests(client, live, people):
    unpublish(live(slug="flu-basics"), people)
    response = client.head("/flu/flu-basics/")
    assert response.status_code == 410 and response.content == b""


def test_the_410_page_queries(client, live, people, django_assert_num_queries):
    old, new = live(slug="flu-basics"), live(slug="flu-2026")
    Article.objects.filter(pk=old.pk).update(replaced_by=new)
    unpublish(old, people)
    # no published article with the slug (1) + the article with it (1) + its approvals and unpublications, with
    # their versions (1) + the replacement, as listings show it (1) + navigation (1)
    with django_assert_num_queries(5):
        assert client.get("/flu/flu-basics/").status_code == 410


# 301 from an old address


def test_a_changed_slug_redirects_permanently_from_every_old_address_in_one_hop(client, live, people):
    article = live(title="Flu basics", slug="flu-basics")
    rename(client, people, article, "flu-facts")
    rename(client, people, article, "flu-essentials")

    assert set(OldAddress.objects.values_list("slug", "article")) == {
        ("flu-basics", article.pk),
        ("flu-facts", article.pk),
    }
    for old in ["/flu/flu-basics/", "/flu/flu-facts/", "/diseases/flu-basics/"]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/flu/flu-essentials/"), old
    assert client.get("/flu/flu-essentials/").status_code == 200
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED  # a new address is not a new revision


def test_renaming_back_to_an_old_slug_makes_it_the_articles_own_again(client, live, people):
    article = live(slug="flu-basics")
    rename(client, people, article, "flu-facts")
    rename(client, people, article, "flu-basics")
    assert client.get("/flu/flu-basics/").status_code == 200
    response = client.get("/flu/flu-facts/")
    assert (response.status_code, response["Location"]) == (301, "/flu/flu-basics/")


def test_an_old_address_of_an_article_no_longer_published_answers_410(client, live, people):
    article = live(title="Flu basics", slug="flu-basics")
    rename(client, people, article, "flu-facts")
    unpublish(article, people)
    for address in ["/flu/flu-basics/", "/flu/flu-facts/"]:
        response = client.get(address)
        assert response.status_code == 410, address
        assert "“Flu basics” has been withdrawn" in response.content.decode()


def test_a_draft_taking_an_old_slug_does_not_hide_the_redirect_until_it_is_published(
    client, live, make_article, people, flu
):
    article = live(slug="flu-basics")
    rename(client, people, article, "flu-facts")
    newcomer = make_article(title="Secret newcomer", slug="flu-basics", category=flu)
    response = client.get("/flu/flu-basics/")
    assert (response.status_code, response["Location"]) == (301, "/flu/flu-facts/")
    submit_and_approve(newcomer, people)
    assert "Secret newcomer" in client.get("/flu/flu-basics/").content.decode()


def test_a_draft_renamed_to_another_articles_old_slug_does_not_delete_its_redirect(
    client, live, make_article, people, flu
):
    article = live(slug="flu-basics")
    rename(client, people, article, "flu-facts")
    draft = make_article(title="A draft", slug="a-draft", category=flu)
    rename(client, people, draft, "flu-basics")
    response = client.get("/flu/flu-basics/")
    assert (response.status_code, response["Location"]) == (301, "/flu/flu-facts/")


# The page cache: 410s and 301s are never kept; a change purges the pages it makes stale.


def test_unpublishing_and_approving_again_purge_the_address(client, live, people, committed):
    article = live(title="Flu basics", slug="flu-basics")
    fetch(client, "/flu/flu-basics/")
    assert fetch(client, "/flu/flu-basics/")[1]
    with committed():
        unpublish(article, people)
    response, kept = fetch(client, "/flu/flu-basics/")
    assert (response.status_code, kept) == (410, False)  # not the kept page
    assert fetch(client, "/flu/flu-basics/")[1] is False  # a 410 is not kept either
    with committed():
        workflow.restore(article, by=people["editor"])
    assert fetch(client, "/flu/flu-basics/")[0].status_code == 410
    with committed():
        submit_and_approve(article, people)
    response, kept = fetch(client, "/flu/flu-basics/")
    assert (response.status_code, kept) == (200, False)
    assert fetch(client, "/flu/flu-basics/")[1]


def test_a_changed_slug_purges_the_old_address_from_the_cache_and_the_files(
    client, live, people, committed, static_root
):
    root = static_root
    article = live(slug="flu-basics")
    fetch(client, "/flu/flu-basics/")
    assert fetch(client, "/flu/flu-basics/")[1] and (root / "flu/flu-basics/index.html").exists()
    with committed():
        rename(client, people, article, "flu-facts")
    response, kept = fetch(client, "/flu/flu-basics/")
    assert (response.status_code, response["Location"], kept) == (301, "/flu/flu-facts/", False)
    assert not (root / "flu/flu-basics/index.html").exists()
    assert not fetch(client, "/flu/flu-basics/")[1]  # a redirect is not kept: it could change with the next rename
