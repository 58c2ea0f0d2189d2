#!/usr/bin/env python
"""
Build a large, realistic published site for the benchmark.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_100k .venv/bin/python bench/build_data.py --articles 100000
    DATABASE_URL=sqlite:////tmp/bench_100k.sqlite3 .venv/bin/python bench/build_data.py --articles 100000

Creates the database if needed (a PostgreSQL database or a SQLite file), migrates
it, and bulk-inserts categories, writers, medical reviewers (each with an
account), an editor superuser, and ``--articles`` published articles with their
citations, approved version and review history; plus about 5 % drafts and
about 3 % published articles with a revision in progress. Refuses a database
that already holds articles unless given ``--reset``, which drops and recreates it.

Rows go in through the models (``bulk_create``, batches of ``--batch`` articles,
one transaction each), not raw SQL. bulk_create skips ``save()``, so what
``save()`` and the workflow would do is done here, and checked on a sample with
``full_clean()`` and the sanitizer (see ``check_sample``):

- primary keys of articles and versions are given explicitly, so that an
  article can point at its live version in the same transaction (the foreign
  keys are deferred), then the id sequences are reset as ``loaddata`` does;
- ``created_at``/``updated_at`` take the generated history, not the build time
  (``auto_now`` is switched off in this process only);
- each version's ``citations`` is ``[Citation.as_data() …]``, as ``ArticleVersion.snapshot`` freezes it.

On PostgreSQL the build ends with ``VACUUM ANALYZE`` (what autovacuum would do
soon after such a load), so the planner sees the real table sizes.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthcms.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-a-secret")  # DEBUG is off: Django needs one

import corpus  # noqa: E402  (bench/corpus.py)

# Databases this script never drops or fills: the shared test databases and PostgreSQL's own.
PROTECTED = {"postgres", "template0", "template1", "test"}

BATCH = 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="published articles (drafts come on top)")
    parser.add_argument("--reset", action="store_true", help="drop and recreate a database that already holds articles")
    parser.add_argument(
        "--reuse", action="store_true", help="leave a database that already holds articles as it is (exit 0)"
    )
    parser.add_argument("--batch", type=int, default=BATCH, help=f"articles per transaction (default {BATCH})")
    parser.add_argument("--categories", type=int, help="default: 50, fewer for a small site")
    parser.add_argument("--writers", type=int, help="default: 200, fewer for a small site")
    parser.add_argument("--reviewers", type=int, help="default: 50, fewer for a small site")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to the benchmark's own database (never the shared test databases).")
    n = args.articles
    # A small site has fewer sections and people: 12 articles → 6 categories, 4 writers, 3 reviewers.
    args.categories = args.categories or min(50, max(6, n // 2))
    args.writers = args.writers or min(200, max(4, n // 3))
    args.reviewers = args.reviewers or min(50, max(3, n // 4))

    import django

    started = time.perf_counter()
    if not prepare_database(settings_dict(), args.reset, args.reuse):
        return
    django.setup()
    Build(args).run()
    print(f"total: {time.perf_counter() - started:.1f} s")


def settings_dict():
    import environ

    return environ.Env().db_url("DATABASE_URL")


def prepare_database(db, reset, reuse=False):
    """
    Create the database if missing; with ``reset``, drop one that holds articles first; with ``reuse``,
    leave it (returns False: nothing to build). Refuse one that holds articles otherwise.
    """
    name = str(db["NAME"])
    if db["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(name).resolve()
        if path == ROOT / "db.sqlite3":
            sys.exit("Refusing to use the development database db.sqlite3; name a file of the benchmark's own.")
        if path.exists() and holds_articles_sqlite(path):
            if reuse and not reset:
                print(f"{path} already holds articles: reused as it is")
                return False
            if not reset:
                sys.exit(f"{path} already holds articles; pass --reset to drop it and build again.")
            for suffix in ["", "-wal", "-shm", "-journal"]:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            print(f"removed {path}")
        return True
    if name in PROTECTED or name.startswith("test_"):
        sys.exit(f"Refusing to use the database {name!r}: it is shared or PostgreSQL's own. Name a bench database.")
    import psycopg2

    server = psycopg2.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and holds_articles_postgres(db):
            if reuse and not reset:
                print(f"The database {name!r} already holds articles: reused as it is")
                return False
            if not reset:
                sys.exit(f"The database {name!r} already holds articles; pass --reset to drop it and build again.")
            cursor.execute(f'DROP DATABASE "{name}"')
            print(f"dropped database {name}")
            exists = False
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")
    server.close()
    return True


def holds_articles_sqlite(path):
    import sqlite3

    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles_article" not in tables:
            return False
        return db.execute("SELECT EXISTS (SELECT 1 FROM articles_article)").fetchone()[0]


def holds_articles_postgres(db):
    import psycopg2

    conn = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
    )
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('articles_article') IS NOT NULL")
            if not cursor.fetchone()[0]:
                return False
            cursor.execute("SELECT EXISTS (SELECT 1 FROM articles_article)")
            return cursor.fetchone()[0]
    finally:
        conn.close()


class Timer:
    """Seconds spent per step, printed at the end."""

    def __init__(self):
        self.steps = {}

    def add(self, step, seconds):
        self.steps[step] = self.steps.get(step, 0.0) + seconds

    def run(self, step, function, *args):
        start = time.perf_counter()
        result = function(*args)
        self.add(step, time.perf_counter() - start)
        print(f"  {step}: {time.perf_counter() - start:.1f} s", flush=True)
        return result


class Build:
    def __init__(self, args):
        self.args = args
        self.timer = Timer()
        self.now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)

    def run(self):
        from django.core.management import call_command

        args = self.args
        print(f"building {args.articles} published articles, {args.categories} categories, "
              f"{args.writers} writers, {args.reviewers} medical reviewers")  # fmt: skip
        self.timer.run("migrate", call_command, "migrate", "--no-input", "--verbosity", "0")
        from articles.models import Article

        if Article.objects.exists():  # a concurrent run, or a database created between the checks
            sys.exit("The database already holds articles.")
        self.timer.run("categories", self.create_categories)
        self.timer.run("people and accounts", self.create_people)
        self.create_articles()
        self.timer.run("reset id sequences", self.reset_sequences)
        self.timer.run("check a sample with full_clean", self.check_sample)
        self.timer.run("vacuum/analyze", self.analyze)
        self.report()

    # -- categories and people ------------------------------------------------

    def create_categories(self):
        from articles.models import Category

        count = self.args.categories
        tops = max(2, round(count * 0.24))
        if tops > len(corpus.TOP_CATEGORIES) or count - tops > len(corpus.SUBCATEGORIES):
            sys.exit(f"at most {len(corpus.TOP_CATEGORIES) + len(corpus.SUBCATEGORIES)} categories")
        parents = Category.objects.bulk_create(
            Category(name=name, slug=slugify(name), description=f"Reviewed articles about {name.lower()}.", position=i)
            for i, name in enumerate(corpus.TOP_CATEGORIES[:tops])
        )
        Category.objects.bulk_create(
            Category(
                name=name,
                slug=slugify(name),
                description=f"Reviewed articles about {name.lower()}.",
                parent=parents[i % tops],
                position=i,
                condition=corpus.CONDITION_OF.get(name, ""),
            )
            for i, name in enumerate(corpus.SUBCATEGORIES[: count - tops])
        )
        self.categories = list(Category.objects.order_by("pk").values_list("pk", flat=True))
        self.section_of = {category.pk: category.section_id for category in Category.objects.all()}
        rng = random.Random(corpus.SEED)
        # Some sections are much bigger than others.
        self.category_weights = [rng.uniform(0.3, 3.0) for _ in self.categories]

    def create_people(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from articles.models import Author, MedicalReviewer

        User = get_user_model()
        rng = random.Random(corpus.SEED + 1)
        args = self.args
        names = corpus.person_names(args.writers + args.reviewers, rng)
        writer_names, reviewer_names = names[: args.writers], names[args.writers :]

        def account(username):
            user = User(username=username, email=f"{username}@example.org", is_staff=True)
            user.set_unusable_password()  # hashing 250 real passwords would take a minute
            return user

        writers = User.objects.bulk_create(account(f"writer{i:04d}") for i in range(len(writer_names)))
        reviewers = User.objects.bulk_create(account(f"reviewer{i:03d}") for i in range(len(reviewer_names)))
        editor = User(username="bench-editor", email="bench-editor@example.org", is_staff=True, is_superuser=True)
        editor.set_password("bench-editor-password")  # a benchmark database only; measure.py logs in without it
        editor.save()
        groups = {group.name: group for group in Group.objects.all()}
        Membership = User.groups.through
        Membership.objects.bulk_create(
            [Membership(user_id=u.pk, group_id=groups["Writer"].pk) for u in writers]
            + [Membership(user_id=u.pk, group_id=groups["Medical reviewer"].pk) for u in reviewers]
            + [Membership(user_id=editor.pk, group_id=groups["Editor"].pk)]
        )
        Author.objects.bulk_create(
            Author(
                name=name,
                slug=slugify(name),
                credentials=rng.choice(["Health writer", "Medical journalist, MSc"]),
                bio=f"{name} writes about health for readers.",
                user=user,
            )  # fmt: skip
            for name, user in zip(writer_names, writers, strict=True)
        )
        MedicalReviewer.objects.bulk_create(
            MedicalReviewer(
                name=f"dr {name}",
                slug=slugify(f"dr {name}"),
                credentials=f"MD, {rng.choice(corpus.SPECIALTIES)}",
                registration_number=f"REG-{i:05d}",
                bio=f"dr {name} reviews articles for medical accuracy.",
                user=user,
            )
            for i, (name, user) in enumerate(zip(reviewer_names, reviewers, strict=True))
        )
        # (pk, user pk) pairs; writers and reviewers are different accounts, so nobody reviews their own writing.
        self.writers = list(Author.objects.order_by("pk").values_list("pk", "user_id"))
        self.reviewers = list(MedicalReviewer.objects.order_by("pk").values_list("pk", "user_id"))

    # -- articles ------------------------------------------------------------

    def create_articles(self):
        from django.db import transaction

        from articles.models import Article

        # Stored history, not the build time: auto_now would stamp every row with now (this process only).
        Article._meta.get_field("created_at").auto_now_add = False
        Article._meta.get_field("updated_at").auto_now = False

        n = self.args.articles
        drafts = round(n * 0.05)
        rng = random.Random(corpus.SEED + 2)
        five_years = 5 * 365 * 24 * 3600
        # Publication times over five years, in article order (ids grow with time, as on a real site).
        self.published_at = sorted(
            self.now - datetime.timedelta(seconds=rng.uniform(3600, five_years)) for _ in range(n)
        )
        self.revisions = set(rng.sample(range(n), round(n * 0.03)))
        # Featured (the home page shows the newest 3): the latest article and a few spread over the years.
        featured = min(10, max(3, n // 1000))
        self.featured = {round((n - 1) * k / (featured - 1)) for k in range(featured)}
        total = n + drafts
        print(f"articles: {n} published ({len(self.revisions)} with a revision in progress) + {drafts} drafts")
        started, done = time.perf_counter(), 0
        for first in range(0, total, self.args.batch):
            numbers = range(first, min(first + self.args.batch, total))
            rows = self.timer_call("generate text", self.generate, numbers)
            with transaction.atomic():
                self.insert(rows)
            done += len(numbers)
            if done % 10_000 < self.args.batch or done == total:
                print(f"  {done:>7} articles, {time.perf_counter() - started:.0f} s", flush=True)
        for step in ["generate text", *INSERT_STEPS]:
            print(f"  {step}: {self.timer.steps[step]:.1f} s")

    def timer_call(self, step, function, *args):
        start = time.perf_counter()
        result = function(*args)
        self.timer.add(step, time.perf_counter() - start)
        return result

    def generate(self, numbers):
        """Unsaved model instances for article numbers ``numbers`` (0-based; pk = number + 1)."""
        from articles.models import Article, ArticleVersion, ReviewEvent
        from references.models import Citation

        n = self.args.articles
        category_rng = random.Random(corpus.SEED + 3 + numbers[0])
        rows = {"articles": [], "versions": [], "citations": [], "events": []}
        S = Article.Status
        for number in numbers:
            rng = random.Random(corpus.SEED * 1000 + number)  # the same article number always reads the same
            pk = number + 1
            title, condition = corpus.title(rng)
            body = corpus.body(rng, condition, rare=corpus.has_rare_word(number))
            summary = corpus.summary(rng, condition)
            category = category_rng.choices(self.categories, weights=self.category_weights)[0]
            author, writer_user = self.writers[rng.randrange(len(self.writers))]
            reviewer, reviewer_user = self.reviewers[rng.randrange(len(self.reviewers))]
            published = number < n
            if published:
                published_at = self.published_at[number]
                submitted_at = published_at - datetime.timedelta(hours=rng.uniform(2, 240))
                created_at = submitted_at - datetime.timedelta(hours=rng.uniform(1, 24 * 30))
            else:  # a draft written in the last two months
                created_at = self.now - datetime.timedelta(hours=rng.uniform(1, 24 * 60))
            citations = [
                Citation(article_id=pk, **fields)
                for fields in corpus.citations(rng, condition, (published_at if published else created_at).year)
            ]
            rows["citations"] += citations
            common = dict(
                title=title, summary=summary, body=body, category_id=category, author_id=author, reviewer_id=reviewer
            )
            if not published:
                rows["articles"].append(Article(
                    pk=pk, slug=corpus.slug(title, pk), status=S.DRAFT, created_at=created_at, updated_at=created_at,
                    lock_version=1, **common,
                ))  # fmt: skip
                continue
            version = ArticleVersion(
                pk=pk, article_id=pk, number=1, citations=[c.as_data() for c in citations],
                reviewed_at=published_at, approved_by_id=reviewer_user, **common,
            )  # fmt: skip
            version.prerender()  # as ArticleVersion.snapshot() does at approval
            rows["versions"].append(version)
            article = Article(
                pk=pk, slug=corpus.slug(title, pk), status=S.PUBLISHED, live_version_id=pk,
                # What Article.set_live_version() copies from the version.
                live_category_id=category, live_section_id=self.section_of[category],
                live_author_id=author, live_reviewer_id=reviewer,
                featured=number in self.featured, created_at=created_at, updated_at=published_at,
                submitted_at=submitted_at, first_published_at=published_at, lock_version=1, **common,
            )  # fmt: skip
            rows["articles"].append(article)

            def event(action, from_status, to_status, actor, at, **more):
                return ReviewEvent(article_id=pk, action=action,  # noqa: B023 (called in this iteration only) from_status=from_status, to_status=to_status,
                                   actor_id=actor, created_at=at, comment="", **more)  # fmt: skip

            rows["events"] += [
                event("submit", S.DRAFT, S.IN_REVIEW, writer_user, submitted_at),
                event("approve", S.IN_REVIEW, S.PUBLISHED, reviewer_user, published_at, version_id=pk),
            ]
            if number in self.revisions:
                # The writer edits the published text; readers keep seeing the live version.
                edited_at = published_at + (self.now - published_at) * rng.uniform(0.2, 0.9)
                article.status, article.updated_at, article.lock_version = S.DRAFT, edited_at, 2
                article.body = body + f"<p>{corpus.sentences(rng, corpus.words(rng, 80), marks=True)}</p>"
                rows["events"].append(event("start_revision", S.PUBLISHED, S.DRAFT, writer_user, edited_at))
        return rows

    def insert(self, rows):
        from articles.models import Article, ArticleVersion, ReviewEvent
        from references.models import Citation

        # Articles first: their live_version_id points at versions inserted next, in the same transaction.
        self.timer_call("insert articles", Article.objects.bulk_create, rows["articles"])
        self.timer_call("insert versions", ArticleVersion.objects.bulk_create, rows["versions"])
        self.timer_call("insert citations", Citation.objects.bulk_create, rows["citations"], 2000)
        self.timer_call("insert review events", ReviewEvent.objects.bulk_create, rows["events"], 2000)

    # -- after the load ------------------------------------------------------

    def reset_sequences(self):
        from django.core.management.color import no_style
        from django.db import connection

        from articles.models import Article, ArticleVersion, Page

        Page.objects.create(slug="editorial-policy", title="Editorial policy",
                            body="<p>Every article is reviewed by a doctor before it is published.</p>")  # fmt: skip
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Article, ArticleVersion]):
                cursor.execute(sql)

    def check_sample(self):
        """What save() and the workflow would have ensured, checked on a sample of each kind of article."""
        from django.core.serializers.json import DjangoJSONEncoder
        from django.db.models import F
        from django.db.models.functions import Coalesce

        from articles import sanitize
        from articles.models import Article, Category
        from references.models import Citation

        for category in Category.objects.all():
            category.full_clean()
        n = self.args.articles
        sample = {0, n // 2, n - 1, n, *list(self.revisions)[:2]}
        for article in Article.objects.filter(pk__in=[i + 1 for i in sample]).select_related("live_version"):
            article.full_clean()
            assert sanitize.clean_html(article.body) == article.body, f"article {article.pk}: the sanitizer changes it"
            for citation in Citation.objects.filter(article=article):
                citation.full_clean()
            if article.live_version_id:
                version = article.live_version
                assert version.article_id == article.pk and article.is_published
                version.full_clean()
                frozen = [c.as_data() for c in Citation.objects.filter(article=article)]
                # As snapshot() stores it (through the JSON encoder: dates become strings).
                assert version.citations == json.loads(json.dumps(frozen, cls=DjangoJSONEncoder))
            else:
                assert article.status == Article.Status.DRAFT
        assert not Article.objects.filter(live_version__isnull=False).exclude(live_version__article=F("pk")).exists()
        # Every article's copies of its live version's category, section and people, as set_live_version() sets them.
        live = {
            "live_category": F("live_version__category"),
            "live_section": Coalesce("live_version__category__parent", "live_version__category"),
            "live_author": F("live_version__author"),
            "live_reviewer": F("live_version__reviewer"),
        }
        assert not Article.objects.filter(live_version__isnull=False).exclude(**live).exists()
        assert not Article.objects.filter(live_version__isnull=True).exclude(**dict.fromkeys(live)).exists()

    def analyze(self):
        from django.db import connection

        from articles import search

        search.rebuild()  # what approval does for each version: the search index (GIN or FTS5)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # raw SQL: Django has no API for it

    def report(self):
        from django.db import connection

        from articles.models import Article, ArticleVersion, ReviewEvent
        from references.models import Citation

        counts = {model.__name__: model.objects.count() for model in [Article, ArticleVersion, Citation, ReviewEvent]}
        published = Article.objects.published().count()
        print("rows: " + ", ".join(f"{name} {count}" for name, count in counts.items()) + f"; published {published}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_database_size(current_database())")
                size = cursor.fetchone()[0]
        else:
            size = Path(connection.settings_dict["NAME"]).stat().st_size
        print(f"database size: {size / 2**20:.0f} MB")
        print("steps: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in self.timer.steps.items()))


INSERT_STEPS = ["insert articles", "insert versions", "insert citations", "insert review events"]


def slugify(text):
    from django.utils.text import slugify as django_slugify

    return django_slugify(text)


if __name__ == "__main__":
    main()
