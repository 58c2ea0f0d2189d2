import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article, ArticleVersion, Author, Category, MedicalReviewer, Page, ReviewEvent
from references.models import Citation

from ..factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    CitationFactory,
    MedicalReviewerFactory,
    PageFactory,
    UserFactory,
    image_file,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    Category: CategoryFactory,
    Author: AuthorFactory,
    MedicalReviewer: MedicalReviewerFactory,
    Article: ArticleFactory,
    Page: PageFactory,
}


def published_article_records():
    """A published article's records: its approved version, its review history, a citation."""
    from articles import workflow

    article = ArticleFactory()
    citation = CitationFactory(article=article)
    workflow.submit(article, by=article.author.user)
    event = workflow.approve(article, by=article.reviewer.user)
    return {ArticleVersion: event.version, ReviewEvent: event, Citation: citation}


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", FACTORIES, ids=lambda model: model.__name__)
def test_every_admin_page_loads_for_a_superuser(admin_client, model):
    obj = FACTORIES[model]()
    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=a",
        admin_url(model, "add"),
        admin_url(model, "change", obj.pk),
        admin_url(model, "delete", obj.pk),
        admin_url(model, "history", obj.pk),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("model", [ArticleVersion, ReviewEvent, Citation], ids=lambda model: model.__name__)
def test_record_pages_load_read_only_for_a_superuser(admin_client, model):
    obj = published_article_records()[model]
    for url in [
        admin_url(model, "changelist"),
        admin_url(model, "changelist") + "?q=a",
        admin_url(model, "change", obj.pk),
    ]:
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get(admin_url(model, "add")).status_code == 403
    assert admin_client.get(admin_url(model, "delete", obj.pk)).status_code == 403


def test_review_queue_loads_for_a_superuser(admin_client):
    assert admin_client.get(reverse("admin:articles_reviewqueueitem_changelist")).status_code == 200


def test_article_list_filters_work(admin_client, article):
    other = ArticleFactory()
    url = admin_url(Article, "changelist")
    for query in [
        f"status__exact={Article.Status.DRAFT}",
        f"category__id__exact={article.category_id}",
        f"author__id__exact={article.author_id}",
        f"reviewer__id__exact={article.reviewer_id}",
    ]:
        response = admin_client.get(f"{url}?{query}")
        assert response.status_code == 200
        assert article in response.context["cl"].result_list
    response = admin_client.get(f"{url}?author__id__exact={article.author_id}")
    assert other not in response.context["cl"].result_list


def test_article_form_has_ckeditor_citations_inline_and_slug_prefill(admin_client):
    response = admin_client.get(admin_url(Article, "add"))
    html = response.content.decode()
    assert "ckeditor/ckeditor/ckeditor.js" in html
    assert "data-config=" in html
    assert 'id="citations-group"' in html
    assert response.context["adminform"].prepopulated_fields[0]["field"].name == "slug"


@pytest.fixture
def writer(db):
    user = UserFactory(username="writer", is_staff=True)
    user.groups.add(Group.objects.get(name="Writer"))
    AuthorFactory(user=user, name="Writer Person")
    return user


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def article_form_data(category, reviewer, citations=(), **overrides):
    data = {
        "title": "Understanding anaemia",
        "slug": "understanding-anaemia",
        "category": category.pk,
        "summary": "Why iron matters and how anaemia is found.",
        "body": "<h2>Causes</h2><p>Low iron is common.<sup>[1]</sup></p>",
        "hero_image_alt": "A plate of lentils and spinach",
        "hero_image_credit": "Credit: Freepik.",
        "reviewer": reviewer.pk,
        "citations-TOTAL_FORMS": len(citations),
        "citations-INITIAL_FORMS": 0,
        "citations-MIN_NUM_FORMS": 0,
        "citations-MAX_NUM_FORMS": 1000,
    }
    for index, citation in enumerate(citations):
        for field, value in citation.items():
            data[f"citations-{index}-{field}"] = value
    data.update(overrides)
    return data


THREE_CITATIONS = [
    {
        "position": 1,
        "title": "Anaemia",
        "publisher": "World Health Organization",
        "url": "https://www.who.int/health-topics/anaemia",
    },
    {
        "position": 2,
        "title": "Prevention of type 2 diabetes",
        "authors": "Knowler WC, et al.",
        "doi": "https://doi.org/10.1056/NEJMoa012512",
    },
    {"position": 3, "title": "Same trial, by PubMed ID", "pmid": "11832527", "publication_year": 2002},
]


def test_writer_creates_article_with_image_and_three_citations(writer_client, writer):
    data = article_form_data(
        CategoryFactory(),
        MedicalReviewerFactory(),
        THREE_CITATIONS,
        author=writer.author_profile.pk,
        hero_image=image_file("lentils.jpg", size=(1600, 900)),
    )
    response = writer_client.post(admin_url(Article, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    article = Article.objects.get(slug="understanding-anaemia")
    assert article.author == writer.author_profile
    assert article.status == Article.Status.DRAFT
    assert (article.hero_image_width, article.hero_image_height) == (1600, 900)
    assert "lentils" not in article.hero_image.name
    assert [(c.position, c.url, c.doi, c.pmid) for c in article.citations.all()] == [
        (1, "https://www.who.int/health-topics/anaemia", "", ""),
        (2, "", "10.1056/NEJMoa012512", ""),
        (3, "", "", "11832527"),
    ]


def test_add_form_suggests_the_writers_own_profile(writer_client, writer):
    response = writer_client.get(admin_url(Article, "add"))
    assert response.context["adminform"].form.initial["author"] == writer.author_profile.pk


def assert_refused(response, message):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.filter(slug="understanding-anaemia").exists()
    assert not Citation.objects.exists()


def test_citation_with_nothing_to_find_it_by_saves_nothing(writer_client, writer):
    citations = THREE_CITATIONS[:2] + [{"position": 3, "title": "Hearsay"}]
    data = article_form_data(CategoryFactory(), MedicalReviewerFactory(), citations, author=writer.author_profile.pk)
    response = writer_client.post(admin_url(Article, "add"), data)
    assert_refused(response, "Give a URL, a DOI or a PubMed ID so readers can find this source.")


def test_bad_doi_and_pubmed_id_are_explained(writer_client, writer):
    citations = [{"position": 1, "title": "X", "doi": "NEJMoa012512", "pmid": "PMC123"}]
    data = article_form_data(CategoryFactory(), MedicalReviewerFactory(), citations, author=writer.author_profile.pk)
    response = writer_client.post(admin_url(Article, "add"), data)
    assert_refused(response, "A DOI looks like 10.1056/NEJMoa012512.")
    assert "A PubMed ID is a number, such as 11832527." in response.content.decode()


def test_duplicate_citation_numbers_are_refused(writer_client, writer):
    citations = [dict(c, position=1) for c in THREE_CITATIONS[:2]]
    data = article_form_data(CategoryFactory(), MedicalReviewerFactory(), citations, author=writer.author_profile.pk)
    response = writer_client.post(admin_url(Article, "add"), data)
    assert_refused(response, "Two citations have number 1. Give each citation its own number.")


def test_duplicate_slug_is_refused_with_a_message(writer_client, writer):
    ArticleFactory(slug="understanding-anaemia", title="Earlier article")
    data = article_form_data(
        CategoryFactory(), MedicalReviewerFactory(), THREE_CITATIONS, author=writer.author_profile.pk
    )
    response = writer_client.post(admin_url(Article, "add"), data)
    assert response.status_code == 200
    assert "Article with this Slug already exists." in response.content.decode()
    assert Article.objects.get(slug="understanding-anaemia").title == "Earlier article"
    assert not Citation.objects.exists()


def test_file_that_is_not_an_image_is_refused(writer_client, writer):
    fake = SimpleUploadedFile("scan.jpg", b"<?php echo 'hi'; ?>", content_type="image/jpeg")
    data = article_form_data(
        CategoryFactory(), MedicalReviewerFactory(), THREE_CITATIONS, author=writer.author_profile.pk, hero_image=fake
    )
    response = writer_client.post(admin_url(Article, "add"), data)
    assert_refused(response, "Upload a valid image.")


def test_oversized_image_is_refused(writer_client, writer, settings):
    settings.HEALTHCMS_MAX_IMAGE_BYTES = 2000
    data = article_form_data(
        CategoryFactory(),
        MedicalReviewerFactory(),
        THREE_CITATIONS,
        author=writer.author_profile.pk,
        hero_image=image_file(size=(800, 600), image_format="PNG"),
    )
    response = writer_client.post(admin_url(Article, "add"), data)
    assert_refused(response, "images may be at most 2.0\xa0KB")


def test_image_without_alt_text_is_refused(writer_client, writer):
    data = article_form_data(
        CategoryFactory(),
        MedicalReviewerFactory(),
        THREE_CITATIONS,
        author=writer.author_profile.pk,
        hero_image=image_file(),
        hero_image_alt="",
    )
    response = writer_client.post(admin_url(Article, "add"), data)
    assert_refused(response, "Describe the image for readers who cannot see it.")


def test_status_cannot_be_set_from_the_form(writer_client, writer):
    data = article_form_data(
        CategoryFactory(), MedicalReviewerFactory(), author=writer.author_profile.pk, status="published"
    )
    writer_client.post(admin_url(Article, "add"), data)
    assert Article.objects.get(slug="understanding-anaemia").status == Article.Status.DRAFT


def test_editing_an_article_keeps_its_image_and_reorders_citations(admin_client):
    article = ArticleFactory(hero_image=image_file(size=(300, 200)), hero_image_alt="Something")
    first, second = CitationFactory(article=article), CitationFactory(article=article)
    data = article_form_data(
        article.category,
        article.reviewer,
        title="Renamed",
        slug=article.slug,
        author=article.author.pk,
        loaded_version=article.lock_version,
        **{
            "citations-TOTAL_FORMS": 2,
            "citations-INITIAL_FORMS": 2,
            "citations-0-id": first.pk,
            "citations-0-position": 2,
            "citations-0-title": first.title,
            "citations-0-url": first.url,
            "citations-1-id": second.pk,
            "citations-1-position": 1,
            "citations-1-title": second.title,
            "citations-1-url": second.url,
        },
    )
    response = admin_client.post(admin_url(Article, "change", article.pk), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Renamed"
    assert article.hero_image.name.startswith("articles/")
    assert list(article.citations.all()) == [second, first]


def test_the_article_list_query_budget_does_not_grow(client, django_assert_max_num_queries):
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("chief", password="a-long-test-password")
    for _ in range(5):
        ArticleFactory()
    client.force_login(editor)
    # session and user (2) + two-factor device (1) + count (1) + page of articles with category,
    # writer and reviewer (1) + the date drill-down (2) + the filters' choices (3)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("admin:articles_article_changelist")).status_code == 200
