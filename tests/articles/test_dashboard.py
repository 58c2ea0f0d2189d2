"""The admin's home page: each person's desk (articles/desk.py), per role, and its query budget."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles import workflow
from articles.models import Article

from ..factories import ArticleFactory, AuthorFactory, UserFactory
from .test_listing_queries import explain

pytestmark = pytest.mark.django_db
S = Article.Status


def desk_page(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def titles(listing):
    return [entry.title for entry in listing.entries]


def link(article):
    return f'<a href="{change_url(article)}">{article.title}</a>'


def row_of(response, article):
    """The table row of the page that links to ``article``, as HTML."""
    html = response.content.decode()
    return html[html.index(link(article)) :].split("</tr>")[0]


def test_writer_sees_their_articles_by_what_they_wait_for(client, people, make_article):
    draft = make_article(S.DRAFT, title="My draft")
    in_review = make_article(S.IN_REVIEW, title="Mine in review")
    changes = make_article(S.CHANGES_REQUESTED, title="Mine to change")
    published = make_article(S.PUBLISHED, title="Mine live")
    make_article(S.DRAFT, title="Someone else's draft", author=people["other_writer"].author_profile)

    response = desk_page(client, people["writer"])
    desk = response.context["desk"]
    assert desk.reviewer is None and desk.editor is None
    assert titles(desk.writer.drafts) == ["My draft"]
    assert titles(desk.writer.in_review) == ["Mine in review"]
    assert titles(desk.writer.changes_requested) == ["Mine to change"]
    assert titles(desk.writer.published) == ["Mine live"]
    for article in [draft, in_review, changes, published]:
        assertContains(response, link(article), html=True)
    assertNotContains(response, "Someone else")
    assertContains(response, "1 article of yours is in medical review.")
    assertNotContains(response, "Awaiting your review")
    assertNotContains(response, "Without a medical reviewer")


def test_writer_sees_the_doctors_latest_comment_linked_to_the_article(client, people, make_article):
    article = make_article(S.CHANGES_REQUESTED)  # "Cite the 2023 guideline."
    workflow.submit(article, by=people["writer"])
    workflow.request_changes(article, by=people["reviewer"], comment="Now add the dosage table.")

    response = desk_page(client, people["writer"])
    [entry] = response.context["desk"].writer.changes_requested.entries
    assert entry.change_request.comment == "Now add the dosage table."
    row = row_of(response, article)
    assert "Now add the dosage table." in row and "dr Rita Reviewer" in row
    assertNotContains(response, "Cite the 2023 guideline.")
    assert f'<time datetime="{entry.change_request.created_at:%Y-%m-%dT%H:%M:%S%z}">' in row


def test_writer_sees_with_whom_and_since_when_an_article_is_in_review(client, people, make_article):
    article = make_article(S.IN_REVIEW, reviewer=people["other_reviewer"].reviewer_profile)
    submitted = datetime.datetime(2031, 3, 4, 9, 30, tzinfo=datetime.UTC)
    Article.objects.filter(pk=article.pk).update(submitted_at=submitted)

    response = desk_page(client, people["writer"])
    row = row_of(response, article)
    assert "dr Oscar Reviewer" in row
    assert '<time datetime="2031-03-04T09:30:00+0000">' in row


def test_a_long_list_shows_ten_and_links_to_all_of_them(client, people, make_article):
    for number in range(12):
        make_article(S.DRAFT, title=f"Draft {number:02}")

    response = desk_page(client, people["writer"])
    drafts = response.context["desk"].writer.drafts
    assert drafts.count == 12
    assert titles(drafts) == [f"Draft {number:02}" for number in range(11, 1, -1)]  # most recently edited first
    assertContains(response, "12 drafts.")
    assertContains(response, f'href="{drafts.see_all.replace("&", "&amp;")}"')
    assertContains(response, "See all 12")
    shown = client.get(drafts.see_all).context["cl"]
    assert shown.result_count == 12
    assert {article.author_id for article in shown.result_list} == {people["writer"].author_profile.pk}


def test_a_short_list_has_no_see_all_link(client, people, make_article):
    make_article(S.DRAFT)
    response = desk_page(client, people["writer"])
    assert not response.context["desk"].writer.drafts.more
    assertNotContains(response, "See all")


def test_reviewer_sees_their_queue_oldest_first_marked_new_or_update(client, people, make_article):
    now = timezone.now()
    new = make_article(S.IN_REVIEW, title="A new article")
    update = make_article(S.PUBLISHED, title="A live article, revised")
    workflow.start_revision(update, by=people["writer"])
    workflow.submit(update, by=people["writer"])
    Article.objects.filter(pk=update.pk).update(submitted_at=now - datetime.timedelta(days=2))
    make_article(S.IN_REVIEW, title="Another doctor's", reviewer=people["other_reviewer"].reviewer_profile)
    make_article(S.DRAFT, title="Not submitted")

    response = desk_page(client, people["reviewer"])
    desk = response.context["desk"]
    assert desk.writer is None and desk.editor is None
    assert titles(desk.reviewer.awaiting) == ["A live article, revised", "A new article"]
    assertContains(
        response, "2 articles awaiting your review: 1 new article, 1 update of a live article. Oldest first."
    )
    assert "Update of a live article" in row_of(response, update)
    assert "New article" in row_of(response, new)
    assertNotContains(response, "Another doctor")
    assertNotContains(response, "Not submitted")
    queue = reverse("admin:articles_reviewqueueitem_changelist")
    assert desk.reviewer.awaiting.see_all == queue  # a doctor's queue is their own


def test_reviewer_sees_what_they_approved_lately(client, people, make_article):
    mine = make_article(S.PUBLISHED, title="Approved and still mine")
    reassigned = make_article(S.PUBLISHED, title="Approved, then given to another doctor")
    workflow.reassign(reassigned, by=people["editor"], reviewer=people["other_reviewer"].reviewer_profile)

    response = desk_page(client, people["reviewer"])
    approved = response.context["desk"].reviewer.approved
    assert titles(approved) == ["Approved, then given to another doctor", "Approved and still mine"]
    assertContains(response, link(mine), html=True)
    # No longer theirs to open: named, not linked (the link would lead to "does not exist").
    assertNotContains(response, change_url(reassigned))
    assertContains(response, "Approved, then given to another doctor")
    assertContains(response, "You approved 2 versions.")


@pytest.fixture
def editors_week(people, make_article):
    """What an editor has to act on: one article of each kind, and one of each that is not theirs to act on yet."""
    now = timezone.now()
    made = {
        "unassigned": make_article(S.DRAFT, title="Nobody reviews me", reviewer=None),
        "waiting": make_article(S.IN_REVIEW, title="Waiting for a doctor"),
        "going_live": make_article(S.PUBLISHED, title="Goes live on Friday"),
        "expiring": make_article(S.PUBLISHED, title="Expires on Monday"),
        "later": make_article(S.PUBLISHED, title="Expires next month"),
        "unpublished": make_article(S.PUBLISHED, title="Withdrawn advice"),
    }
    Article.objects.filter(pk=made["going_live"].pk).update(go_live_at=now + datetime.timedelta(days=3))
    Article.objects.filter(pk=made["expiring"].pk).update(expire_at=now + datetime.timedelta(days=5))
    Article.objects.filter(pk=made["later"].pk).update(expire_at=now + datetime.timedelta(days=30))
    workflow.unpublish(made["unpublished"], by=people["editor"], comment="The guideline changed.")
    return made


def test_editor_sees_counts_and_what_to_act_on(client, people, editors_week):
    response = desk_page(client, people["editor"])
    desk = response.context["desk"].editor
    assert titles(desk.unassigned) == ["Nobody reviews me"]
    assert titles(desk.waiting) == ["Waiting for a doctor"]
    assert titles(desk.going_live) == ["Goes live on Friday"]
    assert titles(desk.expiring) == ["Expires on Monday"]
    assert titles(desk.unpublished) == ["Withdrawn advice"]
    for article in editors_week.values():
        if article.title != "Expires next month":
            assertContains(response, link(article), html=True)
    assertNotContains(response, "Expires next month")
    for counted in [
        "1 article without a medical reviewer",
        "1 article in medical review",
        "1 article going live in the next 7 days",
        "1 article expiring in the next 7 days",
        "1 unpublished article",
    ]:
        assertContains(response, counted)
    row = row_of(response, editors_week["unpublished"])
    assert "The guideline changed." in row and "editor" in row


def test_editors_see_all_links_list_the_same_articles(client, people, editors_week):
    desk = desk_page(client, people["editor"]).context["desk"].editor
    for name in ["unassigned", "waiting", "going_live", "expiring", "unpublished"]:
        listing = getattr(desk, name)
        response = client.get(listing.see_all)
        assert response.status_code == 200, name
        assert [a.pk for a in response.context["cl"].result_list] == [a.pk for a in listing.entries], name


def test_a_doctor_who_writes_sees_both_desks(client, people, make_article):
    doctor = people["other_reviewer"]
    doctor.groups.add(Group.objects.get(name="Writer"))
    AuthorFactory(user=doctor, name="Oscar as a writer")
    make_article(S.DRAFT, title="The doctor's own draft", author=doctor.author_profile)
    to_review = make_article(S.IN_REVIEW, title="For the doctor to review", reviewer=doctor.reviewer_profile)

    response = desk_page(client, doctor)
    desk = response.context["desk"]
    assert desk.editor is None
    assert titles(desk.writer.drafts) == ["The doctor's own draft"]
    assert titles(desk.reviewer.awaiting) == ["For the doctor to review"]
    assertContains(response, link(to_review), html=True)
    assertContains(response, "Your articles")
    assertContains(response, "Your medical reviews")


def test_an_editor_who_writes_sees_both_desks(client, people, make_article):
    editor = people["editor"]
    AuthorFactory(user=editor, name="Edna Editor")
    make_article(S.DRAFT, title="The editor's own draft", author=editor.author_profile)
    make_article(S.DRAFT, title="A writer's draft")

    desk = desk_page(client, editor).context["desk"]
    assert titles(desk.writer.drafts) == ["The editor's own draft"]
    assert desk.editor is not None and desk.reviewer is None


def test_an_editor_who_reviews_sees_only_their_own_queue_as_a_doctor(client, people, make_article):
    doctor = people["reviewer"]
    doctor.groups.add(Group.objects.get(name="Editor"))
    make_article(S.IN_REVIEW, title="Mine to review")
    make_article(S.IN_REVIEW, title="Another doctor's", reviewer=people["other_reviewer"].reviewer_profile)

    desk = desk_page(client, doctor).context["desk"]
    assert titles(desk.reviewer.awaiting) == ["Mine to review"]
    assert len(desk.editor.waiting.entries) == 2
    # The editor's review queue holds every doctor's: the link narrows it to theirs.
    queue = client.get(desk.reviewer.awaiting.see_all).context["cl"]
    assert [article.title for article in queue.result_list] == ["Mine to review"]


def test_staff_without_a_role_are_told_so(client, roles):
    response = desk_page(client, UserFactory(is_staff=True))
    desk = response.context["desk"]
    assert desk.empty
    assertContains(response, "your account has none of the editorial roles")
    assertNotContains(response, 'class="desk-role"')


def test_a_writer_without_a_writer_profile_is_told_what_is_missing(client, roles):
    response = desk_page(client, UserFactory(is_staff=True, roles=["Writer"]))
    assert response.context["desk"].missing_profiles == ["writer"]
    assertContains(response, "no writer profile is linked to it yet")
    assertNotContains(response, "none of the editorial roles")


def test_the_model_list_is_still_below_the_desk(client, people):
    response = desk_page(client, people["editor"])
    html = response.content.decode()
    assert html.index('id="desk-editor-heading"') < html.index("Everything in the admin")
    assertContains(response, f'href="{reverse("admin:articles_page_changelist")}"')
    assertContains(response, f'href="{reverse("admin:articles_reviewqueueitem_changelist")}"')
    assert client.get(reverse("admin:app_list", args=["articles"])).status_code == 200


def fill_every_list(people, make_article, n):
    """``n`` articles in each of the lists of each desk (all the writer's, all reviewed by ``reviewer``)."""
    now = timezone.now()
    for number in range(n):
        make_article(S.DRAFT)
        make_article(S.DRAFT, reviewer=None)
        make_article(S.IN_REVIEW)
        make_article(S.CHANGES_REQUESTED)
        live = make_article(S.PUBLISHED)
        Article.objects.filter(pk=live.pk).update(expire_at=now + datetime.timedelta(days=1, minutes=number))
        scheduled = make_article(S.PUBLISHED)
        Article.objects.filter(pk=scheduled.pk).update(go_live_at=now + datetime.timedelta(days=1, minutes=number))
        make_article(S.ARCHIVED)


# Every admin page: the session, the user, their two-factor device (AdminSite.has_permission), their
# permissions (2: the user's and their groups'), and the sidebar's recent actions.
PAGE = 6
# A list: its count and its first entries (related people joined in).
LIST = 2
# The writer: their profile, four lists, and the doctors' comments on those with changes requested (1).
WRITER = 1 + 4 * LIST + 1
# The doctor: their profile, the queue's counts (new and updates in one), its entries, what they approved.
REVIEWER = 1 + 1 + 1 + LIST
# The editor: whether they write (a profile query), six lists (the last: background work that failed), and who
# unpublished each and why (1).
EDITOR = 1 + 6 * LIST + 1


@pytest.mark.parametrize(
    "role, queries, filled",
    [
        ("writer", PAGE + WRITER, lambda desk: desk.writer.in_review),
        ("reviewer", PAGE + REVIEWER, lambda desk: desk.reviewer.awaiting),
        ("editor", PAGE + EDITOR, lambda desk: desk.editor.waiting),
    ],
)
@pytest.mark.parametrize("n", [2, 12])
def test_each_desk_costs_the_same_queries_however_many_articles(
    client, people, make_article, django_assert_num_queries, role, queries, filled, n
):
    fill_every_list(people, make_article, n)
    client.force_login(people[role])
    with django_assert_num_queries(queries):
        response = client.get(reverse("admin:index"))
    assert len(filled(response.context["desk"]).entries) == min(n, 10)


@pytest.mark.parametrize("n", [2, 12])
def test_two_desks_cost_their_sum(client, people, make_article, django_assert_num_queries, n):
    doctor = people["reviewer"]
    doctor.groups.add(Group.objects.get(name="Writer"))
    author = AuthorFactory(user=doctor)
    fill_every_list(people, make_article, n)
    for _ in range(n):
        ArticleFactory(author=author, reviewer=people["other_reviewer"].reviewer_profile)
    client.force_login(doctor)
    # Of the writer's lists only the drafts have entries: no doctor's comments to fetch.
    with django_assert_num_queries(PAGE + WRITER - 1 + REVIEWER):
        response = client.get(reverse("admin:index"))
    desk = response.context["desk"]
    assert len(desk.writer.drafts.entries) == len(desk.reviewer.awaiting.entries) == min(n, 10)


def test_staff_without_a_role_cost_only_the_page(client, roles, django_assert_num_queries):
    client.force_login(UserFactory(is_staff=True))
    with django_assert_num_queries(PAGE):
        client.get(reverse("admin:index"))


def test_the_longest_lists_read_an_index(client, people, make_article):
    """A writer's published articles and the week's expiries, among a publisher's 100,000: each an index range."""
    editor = people["editor"]
    AuthorFactory(user=editor)
    fill_every_list(people, make_article, 2)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("admin:index"))
    sql = [query["sql"] for query in queries.captured_queries]
    [published] = [
        q for q in sql if q.startswith("SELECT") and 'ORDER BY "articles_article"."first_published_at" DESC' in q
    ]
    [expiring] = [q for q in sql if 'ORDER BY "articles_article"."expire_at" ASC' in q]
    assert "article_live_author_order" in explain(published, None)
    assert "article_expiry" in explain(expiring, None)
