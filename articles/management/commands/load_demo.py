"""
``manage.py load_demo``: a believable demo site in an empty database.

Creates the categories, writers, medical reviewers and articles of
``articles/demo_content.py`` (with generated hero images) and one login per
role. Running it again adds nothing that is already there. It refuses to run
with DEBUG off unless told, because it creates accounts with known passwords.
"""

import datetime
import io
import textwrap

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from articles import demo_content, publishing, workflow
from articles.models import Article, ArticleVersion, Author, Category, MedicalReviewer, Page, ReviewEvent
from references.models import Citation

# username -> (password, group)
DEMO_ACCOUNTS = {
    "writer": ("writer-demo-pass", "Writer"),
    "reviewer": ("reviewer-demo-pass", "Medical reviewer"),
    "editor": ("editor-demo-pass", "Editor"),
}

# One colour per top-level category, for the generated hero images.
PALETTE = [(14, 94, 111), (156, 60, 48), (72, 61, 139), (33, 120, 72), (170, 112, 20), (40, 80, 150)]


class Command(BaseCommand):
    help = "Fill the database with a demo health site and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even though DEBUG is off. The demo creates accounts with known passwords.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "DEBUG is off, so this may be a production site, and the demo creates accounts "
                "with known passwords. Set DEBUG=on, or pass --allow-production if you really mean it."
            )
        # The workflow's emails are for real decisions, not for the demo's history.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            users = self.create_accounts()
            categories = self.create_categories()
            authors = self.create_people(Author, demo_content.AUTHORS, users["writer"], "Writer")
            reviewers = self.create_people(
                MedicalReviewer, demo_content.REVIEWERS, users["reviewer"], "Medical reviewer"
            )
            created = self.create_articles(categories, authors, reviewers)
            Article.objects.filter(slug__in=demo_content.FEATURED).update(featured=True)
            for page in demo_content.PAGES:
                Page.objects.get_or_create(slug=page["slug"], defaults=page)

        publishing.purge(publishing.Pages(dirs={publishing.EVERYTHING}))
        self.stdout.write(f"Demo content ready: {created} new articles, {Article.objects.count()} in all.")
        self.stdout.write("Demo logins for the admin:")
        for username, (password, group) in DEMO_ACCOUNTS.items():
            self.stdout.write(f"  {group:<17} username {username:<9} password {password}")

    def create_accounts(self):
        User = get_user_model()
        users = {}
        for username, (password, group_name) in DEMO_ACCOUNTS.items():
            user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            users[username] = user
        return users

    def create_categories(self):
        categories = {}
        for data in demo_content.CATEGORIES:
            fields = {key: value for key, value in data.items() if key not in ("slug", "parent")}
            categories[data["slug"]], _ = Category.objects.get_or_create(slug=data["slug"], defaults=fields)
        for data in demo_content.CATEGORIES:
            category = categories[data["slug"]]
            if data["parent"] and category.parent_id is None:
                category.parent = categories[data["parent"]]
                category.save(update_fields=["parent"])
        return categories

    def create_people(self, model, rows, first_user, group_name):
        """Authors or reviewers; the first is linked to the demo login, the others get accounts that cannot log in."""
        User = get_user_model()
        people = {}
        for index, data in enumerate(rows):
            person = model.objects.filter(slug=data["slug"]).first()
            if person is None:
                if index == 0:
                    user = first_user
                else:
                    user, _ = User.objects.get_or_create(username=f"demo-{data['slug']}")
                    user.set_unusable_password()
                    user.save()
                    user.groups.add(Group.objects.get(name=group_name))
                person = model.objects.create(user=user, **data)
            people[data["slug"]] = person
        return people

    def create_articles(self, categories, authors, reviewers):
        created = 0
        now = timezone.now()
        top_level = [slug for slug, category in categories.items() if category.parent_id is None]
        for index, data in enumerate(demo_content.ARTICLES):
            if Article.objects.filter(slug=data["slug"]).exists():
                continue
            category = categories[data["category"]]
            section = next(slug for slug, other in categories.items() if other.pk == category.section_id)
            colour = PALETTE[top_level.index(section) % len(PALETTE)]
            article = Article(
                slug=data["slug"],
                title=data["title"],
                category=category,
                summary=data["summary"],
                body=data["body"],
                hero_image_alt=data["image_alt"],
                hero_image_credit=data["image_credit"],
                author=authors[data["author"]],
                reviewer=reviewers[data["reviewer"]],
            )
            article.hero_image.save(f"{data['slug']}.jpg", ContentFile(hero_image(data["title"], colour)), save=False)
            article.full_clean()
            article.save()
            for position, source in enumerate(data["citations"], start=1):
                citation = Citation(article=article, position=position, **source)
                citation.full_clean()
                citation.save()
            self.review(article, data["status"], now - datetime.timedelta(days=9 * index + 3, hours=index))
            created += 1
        return created

    def review(self, article, status, when):
        """Take the article through the real workflow to ``status``, then date its history back to ``when``."""
        if status == Article.Status.DRAFT:
            return
        workflow.submit(article, by=article.author.user)
        if status == Article.Status.PUBLISHED:
            workflow.approve(article, by=article.reviewer.user, comment="Checked against the cited sources.")
        # Believable dates for the demo: submitted two days before it was approved.
        submitted = when - datetime.timedelta(days=2)
        Article.objects.filter(pk=article.pk).update(
            submitted_at=submitted, first_published_at=when if status == Article.Status.PUBLISHED else None
        )
        ReviewEvent.objects.filter(article=article, action=ReviewEvent.Action.SUBMIT).update(created_at=submitted)
        ReviewEvent.objects.filter(article=article, action=ReviewEvent.Action.APPROVE).update(created_at=when)
        ArticleVersion.objects.filter(article=article).update(reviewed_at=when)


def hero_image(title, colour, size=(1600, 900)):
    """An abstract JPEG illustration: a gradient in the category's colour, circles, and the title."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(c + (255 - c) * shade * 0.45) for c in colour))
    for i in range(6):
        radius = 90 + 45 * i
        centre = (width - 260 - 70 * i, 160 + 55 * i)
        draw.ellipse(
            [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
            outline=(255, 255, 255),
            width=3,
        )
    lines = textwrap.wrap(title, width=34)
    font = ImageFont.load_default(size=64)
    draw.multiline_text(
        (90, height - 90 - 80 * len(lines)), "\n".join(lines), font=font, fill=(255, 255, 255), spacing=16
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
