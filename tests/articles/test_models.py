import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, Category

from ..factories import ArticleFactory, AuthorFactory, CategoryFactory, MedicalReviewerFactory, image_file

pytestmark = pytest.mark.django_db


def test_new_article_is_a_draft(article):
    assert article.status == Article.Status.DRAFT
    assert not article.is_published
    assert article.first_published_at is None


def test_hero_image_needs_alt_text():
    article = ArticleFactory.build(
        category=CategoryFactory(), author=AuthorFactory(), reviewer=None, hero_image=image_file(), hero_image_alt=" "
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_image_alt" in error.value.message_dict


def test_database_refuses_image_without_alt_text(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(hero_image="articles/x.jpg", hero_image_alt="")


def test_article_without_image_needs_no_alt_text(article):
    article.full_clean()


def test_reviewer_cannot_be_the_writer():
    author = AuthorFactory()
    reviewer = MedicalReviewerFactory(user=author.user)
    article = ArticleFactory.build(category=CategoryFactory(), author=author, reviewer=reviewer)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert error.value.message_dict["reviewer"] == ["The medical reviewer cannot be the article's own writer."]


def test_duplicate_slug_is_refused(article):
    duplicate = ArticleFactory.build(
        slug=article.slug, category=article.category, author=article.author, reviewer=article.reviewer
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict


def test_summary_is_limited_to_300_characters(article):
    article.summary = "x" * 301
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "summary" in error.value.message_dict


def test_body_is_sanitized_on_save(article):
    article.body = (
        '<h2 onclick="steal()">Causes</h2><script>alert(1)</script>'
        '<p style="color:red">Text <a href="javascript:alert(1)">link</a><sup>[1]</sup></p>'
    )
    article.save()
    article.refresh_from_db()
    assert article.body == '<h2>Causes</h2><p>Text <a rel="noopener noreferrer">link</a><sup>[1]</sup></p>'


def test_category_cannot_be_its_own_ancestor():
    parent = CategoryFactory()
    child = CategoryFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as error:
        parent.full_clean()
    assert "parent" in error.value.message_dict


def test_category_with_articles_cannot_be_deleted(article):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        article.category.delete()
    assert Category.objects.filter(pk=article.category.pk).exists()


def test_categories_are_listed_in_display_order():
    CategoryFactory(name="Nutrition", position=2)
    CategoryFactory(name="Diseases", position=1)
    CategoryFactory(name="Allergies", position=2)
    assert [c.name for c in Category.objects.all()] == ["Diseases", "Allergies", "Nutrition"]


def test_people_and_articles_read_as_their_names(article):
    assert str(article) == article.title
    assert str(article.author) == article.author.name
    assert str(article.reviewer) == article.reviewer.name
    assert str(article.category) == article.category.name


def test_the_tree_is_followed_to_any_depth(make_article):
    diseases = CategoryFactory(name="Diseases")
    infections = CategoryFactory(name="Infections", parent=diseases)
    flu = CategoryFactory(name="Flu", parent=infections)
    avian = CategoryFactory(name="Avian flu", parent=flu)
    CategoryFactory(name="Heart", parent=CategoryFactory(name="Conditions"))

    assert set(Category.objects.subtree(infections)) == {infections, flu, avian}
    assert set(Category.objects.subtree(avian)) == {avian}
    assert [c.section_id for c in [diseases, infections, flu, avian]] == [diseases.pk] * 4

    article = make_article(Article.Status.PUBLISHED, category=avian)
    assert (article.live_category, article.live_section) == (avian, diseases)
    for category in [diseases, infections, flu, avian]:
        listed = Article.objects.published().in_category(category, list(category.children.all()))
        assert list(listed) == [article], category


def test_a_category_moved_to_another_section_takes_its_whole_subtree_along(make_article):
    diseases, conditions = CategoryFactory(name="Diseases"), CategoryFactory(name="Conditions")
    infections = CategoryFactory(name="Infections", parent=diseases)
    flu = CategoryFactory(name="Flu", parent=infections)
    deep = make_article(Article.Status.PUBLISHED, category=CategoryFactory(name="Avian flu", parent=flu))
    shallow = make_article(Article.Status.PUBLISHED, category=infections)
    elsewhere = make_article(Article.Status.PUBLISHED, category=CategoryFactory(name="Heart", parent=diseases))

    infections.parent = conditions
    infections.save()
    sections = dict(Article.objects.values_list("pk", "live_section"))
    assert (sections[deep.pk], sections[shallow.pk], sections[elsewhere.pk]) == (
        conditions.pk,
        conditions.pk,
        diseases.pk,
    )
