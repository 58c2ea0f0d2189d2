"""
Every admin page for every role, enforced by the server: what each role may
open (200), what it is refused (403), what does not exist for it (302 back to
the admin index, or 404), and the login page for the anonymous (302).
"""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleVersion, Author, Category, MedicalReviewer, Page, ReviewEvent
from references.models import Citation

from ..factories import CitationFactory, PageFactory
from .test_review_admin import edit_data

pytestmark = pytest.mark.django_db

S = Article.Status
ROLES = ["anonymous", "writer", "reviewer", "editor"]


@pytest.fixture
def objects(make_article, people):
    """
    The writer's article, live and now in review again (assigned to the reviewer),
    and another writer's draft assigned to another reviewer.
    """
    article = make_article(S.PUBLISHED)
    CitationFactory(article=article)
    workflow.start_revision(article, by=people["writer"])
    workflow.submit(article, by=people["writer"])
    return {
        "article": article,
        "other_draft": make_article(
            author=people["other_writer"].author_profile, reviewer=people["other_reviewer"].reviewer_profile
        ),
        "category": article.category,
        "author": article.author,
        "reviewer": article.reviewer,
        "page": PageFactory(),
        "version": article.live_version,
        "event": ReviewEvent.objects.filter(article=article).first(),
        "citation": article.citations.first(),
    }


def admin(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


# (model, object key) → expected status per role for: changelist, add, change, delete, history.
# "view" means the change page opens read-only (200).
PAGES = {
    (Category, "category"): {
        "writer": (200, 403, 200, 403, 200),
        "reviewer": (200, 403, 200, 403, 200),
        "editor": (200, 200, 200, 200, 200),
    },
    (Author, "author"): {
        "writer": (200, 403, 200, 403, 200),
        "reviewer": (200, 403, 200, 403, 200),
        "editor": (200, 200, 200, 200, 200),
    },
    (MedicalReviewer, "reviewer"): {
        "writer": (200, 403, 200, 403, 200),
        "reviewer": (200, 403, 200, 403, 200),
        "editor": (200, 200, 200, 200, 200),
    },
    (Page, "page"): {
        "writer": (403, 403, 403, 403, 403),
        "reviewer": (403, 403, 403, 403, 403),
        "editor": (200, 200, 200, 200, 200),
    },
    (Article, "article"): {
        "writer": (200, 200, 200, 403, 200),
        "reviewer": (200, 403, 200, 403, 200),
        "editor": (200, 200, 200, 403, 200),  # nobody deletes an article with a history
    },
    (Article, "other_draft"): {
        # Another writer's draft does not exist for this writer or this reviewer (302 to the
        # admin index); deleting is refused before the article is even looked up (403).
        "writer": (200, 200, 302, 403, 302),
        "reviewer": (200, 403, 302, 403, 302),
        "editor": (200, 200, 200, 403, 200),
    },
    (ArticleVersion, "version"): {
        "writer": (403, 403, 403, 403, 403),
        "reviewer": (200, 403, 200, 403, 200),
        "editor": (200, 403, 200, 403, 200),
    },
    (ReviewEvent, "event"): {
        "writer": (403, 403, 403, 403, 403),
        "reviewer": (403, 403, 403, 403, 403),
        "editor": (200, 403, 200, 403, 200),
    },
    (Citation, "citation"): {
        "writer": (200, 403, 200, 403, 200),
        "reviewer": (200, 403, 200, 403, 200),
        "editor": (200, 403, 200, 403, 200),
    },
}


def client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=lambda key: f"{key[0].__name__}-{key[1]}")
def test_admin_pages_per_role(client, people, objects, role, page):
    model, key = page
    obj = objects[key]
    client = client_for(client, people, role)
    urls = [
        admin(model, "changelist"),
        admin(model, "add"),
        admin(model, "change", obj.pk),
        admin(model, "delete", obj.pk),
        admin(model, "history", obj.pk),
    ]
    got = tuple(client.get(url).status_code for url in urls)
    if role == "anonymous":
        assert got == (302,) * 5  # to the login page
    else:
        assert got == PAGES[page][role]


@pytest.mark.parametrize("role, expected", [("anonymous", 302), ("writer", 403), ("reviewer", 200), ("editor", 200)])
def test_review_queue_per_role(client, people, objects, role, expected):
    assert (
        client_for(client, people, role).get(reverse("admin:articles_reviewqueueitem_changelist")).status_code
        == expected
    )


@pytest.mark.parametrize("role, expected", [("anonymous", 302), ("writer", 403), ("reviewer", 403), ("editor", 403)])
def test_user_accounts_are_for_superusers(client, people, objects, role, expected):
    assert client_for(client, people, role).get(reverse("admin:auth_user_changelist")).status_code == expected


@pytest.mark.parametrize(
    "role, key, expected",
    [
        ("anonymous", "article", 302), ("writer", "article", 200), ("reviewer", "article", 200), ("editor", "article", 200),
        ("writer", "other_draft", 404), ("reviewer", "other_draft", 404), ("editor", "other_draft", 200),
    ],
)  # fmt: skip
def test_preview_per_role(client, people, objects, role, key, expected):
    url = reverse("articles:preview", args=[objects[key].pk])
    assert client_for(client, people, role).get(url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_approve_through_the_admin_per_role(client, people, objects, role):
    article = objects["article"]
    response = client_for(client, people, role).post(
        reverse("admin:articles_article_workflow", args=[article.pk]), {"transition": "approve"}
    )
    article.refresh_from_db()
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    approved = article.status == S.PUBLISHED
    assert approved == (role == "reviewer")
    assert ArticleVersion.objects.filter(article=article).count() == (2 if approved else 1)


@pytest.mark.parametrize("role", ROLES)
def test_editing_the_text_through_the_admin_per_role(client, people, objects, role):
    """The writer's draft in "changes requested": its writer and editors may edit it; the reviewer may not."""
    article = objects["article"]
    workflow.request_changes(article, by=people["reviewer"], comment="Fix.")
    article.refresh_from_db()
    response = client_for(client, people, role).post(
        admin(Article, "change", article.pk), edit_data(article, title="Edited")
    )
    edited = Article.objects.get(pk=article.pk).title == "Edited"
    assert edited == (role in {"writer", "editor"})
    if role == "reviewer":
        assert response.status_code == 403
