import pytest
from django.contrib.auth.models import AnonymousUser, Group

from articles import workflow
from articles.models import Article

from ..factories import ArticleFactory, AuthorFactory, MedicalReviewerFactory, UserFactory


def member_of(group_name, **kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def people(roles):
    """One user per role, with ``writer`` writing and ``reviewer`` assigned to the articles below."""
    writer = member_of("Writer", username="writer")
    reviewer = member_of("Medical reviewer", username="reviewer")
    people = {
        "writer": writer,
        "other_writer": member_of("Writer", username="other_writer"),
        "reviewer": reviewer,
        "other_reviewer": member_of("Medical reviewer", username="other_reviewer"),
        "editor": member_of("Editor", username="editor"),
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
        "anonymous": AnonymousUser(),
    }
    AuthorFactory(user=writer, name="Wendy Writer")
    AuthorFactory(user=people["other_writer"], name="Otto Writer")
    MedicalReviewerFactory(user=reviewer, name="dr Rita Reviewer")
    MedicalReviewerFactory(user=people["other_reviewer"], name="dr Oscar Reviewer")
    return people


def put_in_status(article, status, people):
    """Walk ``article`` through the real workflow to ``status``."""
    if status == Article.Status.DRAFT:
        return article
    if status == Article.Status.ARCHIVED:
        workflow.unpublish(article, by=people["editor"], comment="Outdated guidance.")
        return article
    workflow.submit(article, by=article.author.user)
    if status == Article.Status.CHANGES_REQUESTED:
        workflow.request_changes(article, by=people["reviewer"], comment="Cite the 2023 guideline.")
    elif status == Article.Status.PUBLISHED:
        workflow.approve(article, by=people["reviewer"])
    assert article.status == status
    return article


@pytest.fixture
def make_article(people):
    def make(status=Article.Status.DRAFT, **kwargs):
        kwargs.setdefault("author", people["writer"].author_profile)
        kwargs.setdefault("reviewer", people["reviewer"].reviewer_profile)
        return put_in_status(ArticleFactory(**kwargs), status, people)

    return make


def static_pages_in(root):
    """STORAGES["static_pages"], publishing the public pages as files under ``root``."""
    return {"BACKEND": "articles.static_pages.StaticPagesStorage", "OPTIONS": {"location": root}}


@pytest.fixture
def static_root(settings, tmp_path):
    """Publishing to static is on, for the test client's address: the files' directory."""
    settings.STORAGES = {**settings.STORAGES, "static_pages": static_pages_in(tmp_path / "pages")}
    settings.SITE_URL = "http://testserver"
    return tmp_path / "pages"
