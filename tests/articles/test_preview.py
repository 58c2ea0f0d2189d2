"""The article form's Preview: the reader's page of what is in the add or change form, unsaved."""

import json
import re

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from articles.models import Article
from references.models import Citation

from ..factories import CategoryFactory, CitationFactory, image_file
from .test_review_admin import change_url, edit_data

pytestmark = pytest.mark.django_db

S = Article.Status


def preview_url(article=None):
    if article is None:
        return reverse("admin:articles_article_add_preview")
    return reverse("admin:articles_article_preview", args=[article.pk])


def add_data(category, author, **changes):
    """The add form as a browser posts it, with its three empty citation rows and one filled in."""
    data = {
        "title": "Iron and anaemia",
        "slug": "iron-and-anaemia",
        "category": category.pk,
        "summary": "Why iron matters.",
        "body": "<p>Low iron is common [1].</p>",
        "hero_image_alt": "",
        "hero_image_credit": "",
        "author": author.pk,
        "reviewer": "",
        "citations-TOTAL_FORMS": 3,
        "citations-INITIAL_FORMS": 0,
        "citations-MIN_NUM_FORMS": 0,
        "citations-MAX_NUM_FORMS": 1000,
        "citations-0-position": "",
        "citations-0-title": "Anaemia fact sheet",
        "citations-0-url": "https://www.who.int/health-topics/anaemia",
    }
    for index in range(1, 3):
        data.update({f"citations-{index}-{field}": "" for field in ["position", "title", "url", "doi", "pmid"]})
    data.update(changes)
    return data


def stored(article):
    """The article's row and its citations' rows, as the database holds them."""
    row = Article.objects.filter(pk=article.pk).values().get()
    return row, list(Citation.objects.filter(article=article).values())


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])["@graph"][0]


def assert_claims_no_review(html):
    assert "Medically reviewed by" not in html and "Last updated" not in html and "<time" not in html
    page = json_ld(html)
    assert "reviewedBy" not in page and "lastReviewed" not in page and "dateModified" not in page


def test_change_preview_shows_the_form_s_text_and_citations_and_saves_nothing(client, make_article, people):
    article = make_article(title="Sleep", body="<p>Adults need seven hours.<sup>[1]</sup></p>")
    CitationFactory(article=article, position=1, title="Old guideline")
    before = stored(article)
    data = edit_data(
        article,
        title="Sleep, revised",
        body="<h2>How much</h2><p>Adults need seven hours [1] or more [2].</p>",
        **{"citations-0-title": "Sleep guideline 2024", "citations-TOTAL_FORMS": 2},
        **{"citations-1-position": "", "citations-1-title": "A new trial", "citations-1-pmid": "11832527"},
    )
    client.force_login(people["writer"])

    response = client.post(preview_url(article), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview — not published." in html
    assert "<h1>Sleep, revised</h1>" in html and 'id="how-much"' in html
    # Both citations, from the form: the edited one and the new one numbered after it; each mark linked.
    assert "Sleep guideline 2024" in html and "Old guideline" not in html
    assert 'id="ref-2"' in html and "11832527" in html
    assert '<a href="#ref-1" id="cite-1-1"' in html and '<a href="#ref-2" id="cite-2-1"' in html
    assert "Medical review pending</dt>" in html and "dr Rita Reviewer" in html
    assert_claims_no_review(html)
    assert stored(article) == before


def test_add_preview_needs_no_reviewer_and_creates_nothing(client, people):
    client.force_login(people["writer"])
    response = client.post(preview_url(), add_data(CategoryFactory(), people["writer"].author_profile))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview — not published." in html and "<h1>Iron and anaemia</h1>" in html
    assert "Medical review</dt><dd>Not assigned yet</dd>" in html
    assert "Medical review pending" not in html
    assert_claims_no_review(html)
    assert '<a href="#ref-1" id="cite-1-1"' in html and "Anaemia fact sheet" in html
    assert not Article.objects.exists() and not Citation.objects.exists()


def test_preview_of_a_published_article_s_edit_claims_no_review_of_the_new_text(client, make_article, people):
    article = make_article(S.PUBLISHED, title="Migraine")
    before = stored(article)
    client.force_login(people["writer"])
    html = client.post(preview_url(article), edit_data(article, title="Migraine: updated")).content.decode()
    assert "<h1>Migraine: updated</h1>" in html
    assert_claims_no_review(html)
    assert stored(article) == before


def test_preview_is_never_indexed_nor_cached(client, make_article, people):
    article = make_article()
    client.force_login(people["writer"])
    response = client.post(preview_url(article), edit_data(article))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_preview_sanitizes_the_body_as_saving_would_and_says_what_goes(client, make_article, people):
    article = make_article()
    client.force_login(people["writer"])
    data = edit_data(article, body='<p onclick="steal()">Text<script>alert(1)</script></p>')
    html = client.post(preview_url(article), data).content.decode()
    assert "alert(1)" not in html and "steal()" not in html
    assert "left out here: “onclick” attributes, &lt;script&gt; elements." in html


def test_preview_of_a_stale_form_still_shows_it_and_says_it_cannot_be_saved(client, make_article, people):
    article = make_article(title="Sleep")
    data = edit_data(article, title="My rewrite")
    client.force_login(people["writer"])
    assert client.post(change_url(article), edit_data(article, title="Their edit")).status_code == 302
    html = client.post(preview_url(article), data).content.decode()
    assert "<h1>My rewrite</h1>" in html
    assert "Someone else has saved this article since you opened the form" in html
    assert Article.objects.get(pk=article.pk).title == "Their edit"


def test_the_form_s_errors_are_listed_not_a_server_error(client, make_article, people):
    article = make_article()
    before = stored(article)
    client.force_login(people["writer"])
    data = edit_data(article, title="", **{"citations-TOTAL_FORMS": 1, "citations-0-title": "No way to find it"})
    response = client.post(preview_url(article), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The form has errors, so there is nothing to preview yet. Nothing was saved." in html
    assert "Title: This field is required." in html
    assert "Citation 1 in the form: Give a URL, a DOI or a PubMed ID so readers can find this source." in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert stored(article) == before


def test_an_empty_add_form_gives_its_errors(client, people):
    client.force_login(people["writer"])
    response = client.post(preview_url(), {"citations-TOTAL_FORMS": 0, "citations-INITIAL_FORMS": 0})
    assert response.status_code == 200
    assert "Title: This field is required." in response.content.decode()
    assert not Article.objects.exists()


def test_a_chosen_hero_image_is_not_stored_and_the_stored_one_is_shown(client, make_article, people, media_root):
    article = make_article(hero_image=image_file("before.jpg"), hero_image_alt="Before")
    files = sorted(media_root.rglob("*"))
    before = stored(article)
    client.force_login(people["writer"])
    data = edit_data(article, hero_image=image_file("after.jpg", size=(300, 200)), hero_image_alt="After")
    html = client.post(preview_url(article), data).content.decode()
    assert f'src="/media/{article.hero_image.name}"' in html and 'alt="After"' in html
    assert "The hero image you chose is not shown: an image is stored only when you save." in html
    assert "This page shows the stored image." in html
    assert sorted(media_root.rglob("*")) == files  # no upload written
    assert stored(article) == before


def test_a_chosen_hero_image_on_a_new_article_is_not_shown(client, people, media_root):
    client.force_login(people["writer"])
    data = add_data(
        CategoryFactory(), people["writer"].author_profile, hero_image=image_file("new.jpg"), hero_image_alt="New"
    )
    html = client.post(preview_url(), data).content.decode()
    assert 'class="hero"' not in html and "This page shows none." in html
    assert not media_root.exists() or not any(media_root.rglob("*.jpg"))


@pytest.mark.parametrize(
    "role, status",
    [("anonymous", 302), ("other_writer", 404), ("reviewer", 403), ("writer", 200), ("editor", 200)],
)
def test_change_preview_is_for_those_who_may_save_the_form(client, make_article, people, role, status):
    article = make_article()
    if role != "anonymous":
        client.force_login(people[role])
    response = client.post(preview_url(article), edit_data(article, title="Leaked?"))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("admin:login"))
    assert Article.objects.get(pk=article.pk).title != "Leaked?"


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("reviewer", 403), ("writer", 200)])
def test_add_preview_is_for_those_who_may_add(client, people, role, status):
    if role != "anonymous":
        client.force_login(people[role])
    response = client.post(preview_url(), add_data(CategoryFactory(), people["writer"].author_profile))
    assert response.status_code == status


def test_preview_takes_only_a_post_with_the_csrf_token(make_article, people):
    article = make_article()
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["writer"])
    assert client.post(preview_url(article), edit_data(article)).status_code == 403
    assert client.get(preview_url(article)).status_code == 405


def test_the_forms_have_a_preview_button_that_opens_a_new_tab(client, make_article, people):
    article = make_article()
    client.force_login(people["writer"])
    for page, target in [
        (change_url(article), preview_url(article)),
        (reverse("admin:articles_article_add"), preview_url()),
    ]:
        html = client.get(page).content.decode()
        article_form = html.split('id="article_form"')[1].split("</form>")[0]
        assert f'formaction="{target}" formmethod="post" formtarget="_blank"' in article_form
    # The doctor's page is read-only: no form to preview.
    client.force_login(people["reviewer"])
    assert "formaction=" not in client.get(change_url(article)).content.decode()


def test_a_form_s_deleted_and_reordered_citations_are_previewed_as_they_will_be_saved(client, make_article, people):
    article = make_article(body="<p>A [1]. B [2].</p>")
    CitationFactory(article=article, position=1, title="First source")
    CitationFactory(article=article, position=2, title="Second source")
    client.force_login(people["writer"])
    data = edit_data(article, **{"citations-0-DELETE": "on", "citations-1-position": 1})
    html = client.post(preview_url(article), data).content.decode()
    assert "First source" not in html and "Second source" in html
    # Mark [2] now points to no citation: said on the page.
    assert "The body has marks with no matching citation: [2]." in html
    assert model_to_dict(Citation.objects.get(title="First source"))["position"] == 1


def test_preview_ignores_workflow_fields_in_the_post(client, make_article, people):
    article = make_article()
    client.force_login(people["writer"])
    client.post(preview_url(article), edit_data(article, status="published", transition="submit"))
    assert Article.objects.get(pk=article.pk).status == S.DRAFT
    assert not article.events.exists()
