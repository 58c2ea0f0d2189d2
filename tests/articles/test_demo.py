import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles import demo_content
from articles.management.commands.load_demo import DEMO_ACCOUNTS
from articles.models import Article, Author, Category, MedicalReviewer
from references.models import Citation

from ..factories import image_file
from .test_admin import THREE_CITATIONS, article_form_data

pytestmark = pytest.mark.django_db

MODELS = [Category, Author, MedicalReviewer, Article, Citation]


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    return load_demo()


def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="known passwords"):
        load_demo()
    assert not Article.objects.exists()


def test_demo_runs_with_debug_off_when_told(settings):
    settings.DEBUG = False
    load_demo("--allow-production")
    assert Article.objects.count() == len(demo_content.ARTICLES)


def test_demo_fills_the_site_and_prints_the_logins(demo):
    assert Category.objects.count() >= 5
    assert Author.objects.count() >= 3 and MedicalReviewer.objects.count() >= 3
    assert Article.objects.count() >= 10
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() >= 10
    for username, (password, group) in DEMO_ACCOUNTS.items():
        assert re.search(rf"{group}\s+username {username}\s+password {password}", demo)


def test_running_the_demo_twice_duplicates_nothing(demo):
    counts = [model.objects.count() for model in MODELS]
    out = load_demo()
    assert [model.objects.count() for model in MODELS] == counts
    assert "0 new articles" in out


def test_demo_logins_work_and_have_their_roles(demo, client):
    for username, (password, _group) in DEMO_ACCOUNTS.items():
        assert client.login(username=username, password=password)
        assert client.get(reverse("admin:index")).status_code == 200
        client.logout()
    assert Author.objects.get(user__username="writer")
    assert MedicalReviewer.objects.get(user__username="reviewer")


def test_demo_content_obeys_the_models_rules(demo):
    for article in Article.objects.all():
        article.full_clean()
        assert article.hero_image and article.hero_image_alt and article.hero_image_credit
        assert (article.hero_image_width, article.hero_image_height) == (1600, 900)
        assert article.author.user_id != article.reviewer.user_id
        positions = [c.position for c in article.citations.all()]
        assert positions == list(range(1, len(positions) + 1)) and len(positions) >= 3
        marks = {int(n) for n in re.findall(r"<sup>\[(\d+)\]</sup>", article.body)}
        assert marks == set(positions), article.slug
        if article.is_published:
            assert article.first_published_at and article.last_reviewed_at
    for citation in Citation.objects.all():
        citation.full_clean()
    assert Citation.objects.exclude(doi="").exclude(pmid="").values("article").distinct().count() >= 6


def test_demo_writer_creates_an_article_with_an_image_and_three_citations(demo, client, django_user_model):
    password = DEMO_ACCOUNTS["writer"][0]
    assert client.login(username="writer", password=password)
    writer = Author.objects.get(user__username="writer")
    data = article_form_data(
        Category.objects.first(),
        MedicalReviewer.objects.get(user__username="reviewer"),
        THREE_CITATIONS,
        author=writer.pk,
        hero_image=image_file("clinic.png", size=(1200, 800), image_format="PNG"),
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(slug="understanding-anaemia")
    assert article.author == writer and article.hero_image and article.citations.count() == 3
