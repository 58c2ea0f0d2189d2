"""Small factories for every model; override any field by keyword."""

import io

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from PIL import Image

from articles.models import Article, Author, Category, MedicalReviewer, Page
from references.models import Citation


def image_file(name="photo.jpg", size=(64, 48), image_format="JPEG"):
    """An uploaded file holding a real image of the given size and format."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        """``UserFactory(roles=["Writer"])`` puts the user in those role groups."""
        if create and extracted:
            user.groups.add(*[Group.objects.get(name=name) for name in extracted])


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.LazyAttribute(lambda author: slugify(author.name))
    credentials = "Health writer"
    user = factory.SubFactory(UserFactory, is_staff=True, roles=["Writer"])


class MedicalReviewerFactory(DjangoModelFactory):
    class Meta:
        model = MedicalReviewer

    name = factory.Sequence(lambda n: f"dr Reviewer {n}")
    slug = factory.LazyAttribute(lambda reviewer: slugify(reviewer.name))
    credentials = "MD, Internal medicine"
    registration_number = factory.Sequence(lambda n: f"REG-{n:05d}")
    user = factory.SubFactory(UserFactory, is_staff=True, roles=["Medical reviewer"])


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.LazyAttribute(lambda article: slugify(article.title))
    category = factory.SubFactory(CategoryFactory)
    summary = "What readers should know, in one sentence."
    body = "<h2>Symptoms</h2><p>Most people feel tired.<sup>[1]</sup></p>"
    author = factory.SubFactory(AuthorFactory)
    reviewer = factory.SubFactory(MedicalReviewerFactory)


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = Citation

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Fact sheet {n}")
    publisher = "World Health Organization"
    publication_year = 2023
    url = "https://www.who.int/news-room/fact-sheets/detail/diabetes"


class PageFactory(DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    body = "<p>How we work.</p>"
