import datetime
import smtplib
import threading

import pytest
from django.core import mail
from django.db import connection, connections, models
from django.urls import reverse
from django.utils import timezone

from articles import history, workflow
from articles.models import Article, ArticleVersion, ReviewEvent
from articles.workflow import TransitionNotAllowed

from ..factories import ArticleFactory, AuthorFactory, CitationFactory, MedicalReviewerFactory, image_file

pytestmark = pytest.mark.django_db

S = Article.Status

# Written out here, independently of articles/workflow.py, as the rules read.
STARTING_STATUSES = {
    "submit": {S.DRAFT, S.CHANGES_REQUESTED},
    "withdraw": {S.IN_REVIEW},
    "request_changes": {S.IN_REVIEW},
    "approve": {S.IN_REVIEW},
    "start_revision": {S.PUBLISHED},
    "unpublish": {S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.PUBLISHED},
    "restore": {S.ARCHIVED},
}
TARGET = {
    "submit": S.IN_REVIEW,
    "withdraw": S.DRAFT,
    "request_changes": S.CHANGES_REQUESTED,
    "approve": S.PUBLISHED,
    "start_revision": S.DRAFT,
    "unpublish": S.ARCHIVED,
    "restore": S.DRAFT,
}
# Who may make each move on the article written by "writer" and assigned to "reviewer".
MAY = {
    "writer": {"submit", "withdraw", "start_revision"},
    "other_writer": set(),
    "reviewer": {"request_changes", "approve"},
    "other_reviewer": set(),
    "editor": {"submit", "withdraw", "start_revision", "unpublish", "restore"},
    # Superusers manage everything, but only the assigned doctor gives a medical approval.
    "superuser": {"submit", "withdraw", "start_revision", "unpublish", "restore"},
    "anonymous": set(),
}


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("move", list(STARTING_STATUSES))
@pytest.mark.parametrize("role", list(MAY))
def test_permission_matrix(make_article, people, role, move, status):
    article = make_article(status)
    events_before = article.events.count()
    live_before = article.live_version_id
    allowed = move in MAY[role] and status in STARTING_STATUSES[move]

    if allowed:
        event = workflow.TRANSITIONS[move](article, by=people[role], comment="Because.")
        article.refresh_from_db()
        assert article.status == TARGET[move]
        assert (event.from_status, event.to_status, event.actor, event.comment) == (
            status,
            TARGET[move],
            people[role],
            "Because.",
        )
        assert article.events.count() == events_before + 1
    else:
        with pytest.raises(TransitionNotAllowed):
            workflow.TRANSITIONS[move](article, by=people[role], comment="Because.")
        article.refresh_from_db()
        assert article.status == status
        assert article.events.count() == events_before
        assert article.live_version_id == live_before


def test_available_moves_match_the_matrix(make_article, people):
    article = make_article(S.IN_REVIEW)
    assert [t.action for t in workflow.available(article, people["reviewer"])] == ["request_changes", "approve"]
    assert [t.action for t in workflow.available(article, people["writer"])] == ["withdraw"]
    assert [t.action for t in workflow.available(article, people["editor"])] == ["withdraw", "unpublish"]
    assert workflow.available(article, people["other_reviewer"]) == []


def test_reviewer_cannot_approve_own_article(people):
    doctor = people["reviewer"]
    # A doctor who also writes, assigned to their own article (the form refuses this; the workflow must too).
    article = ArticleFactory(author=AuthorFactory(user=doctor), reviewer=doctor.reviewer_profile)
    doctor.groups.add(*people["writer"].groups.all())
    workflow.submit(article, by=doctor)
    with pytest.raises(TransitionNotAllowed, match="You cannot review your own article."):
        workflow.approve(article, by=doctor)
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW and article.live_version is None


def test_request_changes_and_unpublish_need_a_comment(make_article, people):
    article = make_article(S.IN_REVIEW)
    with pytest.raises(TransitionNotAllowed, match="needs a comment"):
        workflow.request_changes(article, by=people["reviewer"], comment="   ")
    with pytest.raises(TransitionNotAllowed, match="needs a comment"):
        workflow.unpublish(article, by=people["editor"], comment="")
    assert Article.objects.get(pk=article.pk).status == S.IN_REVIEW


def test_submit_needs_an_assigned_reviewer(make_article, people):
    article = make_article(reviewer=None)
    with pytest.raises(TransitionNotAllowed, match="Assign a medical reviewer"):
        workflow.submit(article, by=people["writer"])


def test_approval_freezes_a_version_with_reviewer_and_review_date(make_article, people):
    article = make_article(
        S.IN_REVIEW, hero_image=image_file(), hero_image_alt="Lentils", hero_image_credit="Credit: Freepik."
    )
    CitationFactory(article=article, doi="10.1056/NEJMoa012512", publication_date=datetime.date(2002, 2, 7))
    CitationFactory(article=article, pmid="11832527", url="")
    event = workflow.approve(article, by=people["reviewer"], comment="Accurate.")

    article.refresh_from_db()
    version = article.live_version
    assert event.version == version and version.number == 1
    assert (version.title, version.summary, version.body) == (article.title, article.summary, article.body)
    assert (version.hero_image.name, version.hero_image_alt, version.hero_image_credit) == (
        article.hero_image.name,
        "Lentils",
        "Credit: Freepik.",
    )
    assert (version.hero_image_width, version.hero_image_height) == (64, 48)
    assert version.reviewer == people["reviewer"].reviewer_profile
    assert version.approved_by == people["reviewer"] and version.note == "Accurate."
    assert version.reviewed_at == event.created_at == article.first_published_at
    assert article.last_reviewed_at == version.reviewed_at
    frozen = version.citation_list()
    assert [(c.position, c.doi, c.pmid, c.publication_date) for c in frozen] == [
        (1, "10.1056/NEJMoa012512", "", datetime.date(2002, 2, 7)),
        (2, "", "11832527", None),
    ]
    assert article.is_published and Article.objects.published().filter(pk=article.pk).exists()


def test_approved_versions_cannot_be_changed(make_article):
    version = make_article(S.PUBLISHED).live_version
    version.title = "Rewritten history"
    with pytest.raises(ValueError):
        version.save()


def test_editing_a_published_article_leaves_the_public_version_unchanged(make_article, people):
    article = make_article(S.PUBLISHED, title="Dengue fever")
    live = article.live_version
    article.title, article.body = "Dengue fever: new advice", "<p>Changed advice.</p>"
    article.save()
    CitationFactory(article=article)
    workflow.start_revision(article, by=people["writer"])

    public = Article.objects.published().for_detail().get(pk=article.pk)
    assert public.status == S.DRAFT
    assert public.live_version == live
    assert (public.live_version.title, public.live_version.citations) == ("Dengue fever", [])

    workflow.submit(article, by=people["writer"])
    assert Article.objects.published().get(pk=article.pk).live_version == live  # still, while in review
    workflow.approve(article, by=people["reviewer"])
    public = Article.objects.published().get(pk=article.pk)
    assert public.live_version.title == "Dengue fever: new advice" and public.live_version.number == 2
    assert len(public.live_version.citations) == 1
    assert list(ArticleVersion.objects.filter(article=article).values_list("number", flat=True)) == [2, 1]


def test_every_approved_version_is_kept_with_when_it_was_live(make_article, people):
    article = make_article(S.PUBLISHED)
    first = article.live_version
    workflow.start_revision(article, by=people["writer"])
    workflow.submit(article, by=people["writer"])
    second_approval = workflow.approve(article, by=people["reviewer"])
    unpublish = workflow.unpublish(article, by=people["editor"], comment="Superseded.")

    published = history.publication_history(article)
    assert [(v.number, start, end) for v, start, end in published] == [
        (1, first.reviewed_at, second_approval.created_at),
        (2, second_approval.created_at, unpublish.created_at),
    ]
    assert history.version_live_on(article, first.reviewed_at) == first
    assert history.version_live_on(article, second_approval.created_at).number == 2
    assert history.version_live_on(article, unpublish.created_at) is None
    assert history.version_live_on(article, first.reviewed_at - datetime.timedelta(seconds=1)) is None


def test_unpublish_takes_the_article_off_the_site_and_restore_starts_over(make_article, people):
    article = make_article(S.PUBLISHED)
    workflow.unpublish(article, by=people["editor"], comment="Guidance withdrawn by WHO.")
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert article.versions.count() == 1
    workflow.restore(article, by=people["editor"])
    assert article.status == S.DRAFT and not article.is_published


def test_readers_see_an_article_only_between_go_live_and_expiry(make_article):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    scheduled = make_article(S.PUBLISHED, go_live_at=now + hour)
    running = make_article(S.PUBLISHED, go_live_at=now - hour, expire_at=now + hour)
    expired = make_article(S.PUBLISHED, expire_at=now - hour)
    assert list(Article.objects.published()) == [running]
    assert (scheduled.is_published, running.is_published, expired.is_published) == (False, True, False)


def test_go_live_cannot_move_a_live_article_into_the_future(make_article):
    article = make_article(S.PUBLISHED)
    article.go_live_at = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(Exception) as error:
        article.full_clean()
    assert "go_live_at" in error.value.message_dict


def test_expiry_must_follow_go_live(make_article):
    now = timezone.now()
    article = make_article(go_live_at=now, expire_at=now)
    with pytest.raises(Exception) as error:
        article.full_clean()
    assert "expire_at" in error.value.message_dict


def test_editor_reassigns_the_reviewer_and_it_is_recorded(make_article, people, django_capture_on_commit_callbacks):
    article = make_article(S.IN_REVIEW)
    people["other_reviewer"].email = "oscar@example.com"
    people["other_reviewer"].save()
    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.reassign(article, by=people["editor"], reviewer=people["other_reviewer"].reviewer_profile)
    article.refresh_from_db()
    assert article.reviewer == people["other_reviewer"].reviewer_profile
    assert event.comment == "Medical reviewer: dr Rita Reviewer → dr Oscar Reviewer"
    assert [m.to for m in mail.outbox] == [["oscar@example.com"]]


def test_only_editors_reassign_and_never_to_the_writer(make_article, people):
    article = make_article(S.IN_REVIEW)
    with pytest.raises(TransitionNotAllowed):
        workflow.reassign(article, by=people["writer"], reviewer=people["other_reviewer"].reviewer_profile)
    writer_as_doctor = MedicalReviewerFactory(user=people["writer"])
    with pytest.raises(TransitionNotAllowed, match="own writer"):
        workflow.reassign(article, by=people["editor"], reviewer=writer_as_doctor)
    assert Article.objects.get(pk=article.pk).reviewer == people["reviewer"].reviewer_profile


def test_people_are_told_after_commit(make_article, people, django_capture_on_commit_callbacks):
    article = make_article()
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.submit(article, by=people["writer"])
        assert mail.outbox == []  # nothing is sent before the decision is committed
    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.request_changes(article, by=people["reviewer"], comment="Add the dosage table.")
        workflow.submit(article, by=people["writer"])
        workflow.approve(article, by=people["reviewer"])
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([people["reviewer"].email], f"Please review: {article.title}"),
        ([people["writer"].email], f"Changes requested: {article.title}"),
        ([people["reviewer"].email], f"Please review: {article.title}"),
        ([people["writer"].email], f"Published: {article.title}"),
    ]
    assert "Add the dosage table." in mail.outbox[1].body
    assert f"/admin/articles/article/{article.pk}/change/" in mail.outbox[1].body


def test_a_failing_mail_server_loses_no_decision(
    make_article, people, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server down")

    monkeypatch.setattr("articles.notifications.send_mail", broken)
    article = make_article(S.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, by=people["reviewer"])
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.live_version is not None
    assert "send_notification failed" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_publish_once(people):
    if connection.vendor != "postgresql":
        pytest.skip("needs two real connections with row locks: runs in the PostgreSQL suite")
    article = ArticleFactory(author=people["writer"].author_profile, reviewer=people["reviewer"].reviewer_profile)
    workflow.submit(article, by=people["writer"])
    start = threading.Barrier(2)
    outcomes = []

    def approve():
        try:
            copy = Article.objects.get(pk=article.pk)  # each thread has its own connection
            start.wait()
            workflow.approve(copy, by=people["reviewer"], comment="Approved.")
            outcomes.append("approved")
        except TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["approved", "refused"]
    assert ArticleVersion.objects.filter(article=article).count() == 1
    assert ReviewEvent.objects.filter(article=article, action="approve").count() == 1


def test_a_new_move_is_one_row_of_the_transition_table(
    make_article, people, client, monkeypatch, django_capture_on_commit_callbacks
):
    """
    A move nobody has built (an editor escalating a review to the medical
    director), made of a Transition alone: the checks, the admin's panel, the
    history and the email find it from its row.
    """

    class Action(models.TextChoices):
        ESCALATE = "escalate", "Escalate to the medical director"

    escalate = workflow.Transition(
        Action.ESCALATE,
        frozenset({S.IN_REVIEW}),
        S.CHANGES_REQUESTED,
        lambda user, article: user.has_perm("articles.manage_article"),
        needs_comment=True,
        tell=lambda article: [article.author],
        subject="Escalated: %(title)s",
    )
    monkeypatch.setitem(workflow.TRANSITIONS, Action.ESCALATE, escalate)
    article = make_article(S.IN_REVIEW, title="Sepsis")
    assert escalate in workflow.available(article, people["editor"])
    assert escalate not in workflow.available(article, people["writer"])
    assert escalate not in workflow.available(make_article(title="A draft"), people["editor"])

    client.force_login(people["editor"])
    change_url = reverse("admin:articles_article_change", args=[article.pk])
    workflow_url = reverse("admin:articles_article_workflow", args=[article.pk])
    assert '<button type="submit" name="transition" value="escalate"' in client.get(change_url).content.decode()
    refused = client.post(workflow_url, {"transition": "escalate"}, follow=True).content.decode()
    assert "“Escalate to the medical director” needs a comment saying why." in refused

    with django_capture_on_commit_callbacks(execute=True):
        client.post(workflow_url, {"transition": "escalate", "comment": "Needs a second opinion."})
    article.refresh_from_db()
    assert article.status == S.CHANGES_REQUESTED
    event = article.events.first()
    assert (event.action, event.from_status, event.to_status, event.actor, event.comment) == (
        "escalate", S.IN_REVIEW, S.CHANGES_REQUESTED, people["editor"], "Needs a second opinion.",
    )  # fmt: skip
    assert [(m.to, m.subject) for m in mail.outbox] == [([people["writer"].email], "Escalated: Sepsis")]
    with pytest.raises(TransitionNotAllowed):
        escalate(article, by=people["editor"], comment="Again.")  # not from "changes requested"


def test_an_edit_made_anywhere_is_counted_and_a_published_articles_becomes_a_revision(make_article, people):
    """workflow.record_edit, which the admin calls and a command or an import would: not the admin's rule alone."""
    article = make_article(S.PUBLISHED, title="Migraine")
    live, before = article.live_version, article.lock_version
    article.title = "Migraine: updated"
    article.save()
    assert Article.objects.get(pk=article.pk).lock_version == before  # a save alone is not an edit

    event = workflow.record_edit(article, ["title"], by=people["editor"])
    article.refresh_from_db()
    assert (event.action, event.actor, article.status) == ("start_revision", people["editor"], S.DRAFT)
    assert (article.lock_version, article.live_version) == (before + 1, live)


@pytest.mark.parametrize(
    "changed,revision",
    [(["featured", "go_live_at", "reviewer"], False), (["citations"], True), (["hero_image_alt"], True), ([], False)],
)
def test_only_an_edit_of_what_readers_read_starts_a_revision(make_article, people, changed, revision):
    article = make_article(S.PUBLISHED)
    before = article.lock_version
    event = workflow.record_edit(article, changed, by=people["editor"])
    article.refresh_from_db()
    assert (event is not None, article.status) == (revision, S.DRAFT if revision else S.PUBLISHED)
    assert article.lock_version == before + (1 if changed else 0)


def test_a_misspelt_detail_of_a_move_is_an_error_not_ignored(make_article, people):
    article = make_article(S.IN_REVIEW)
    with pytest.raises(TypeError, match="withdraw takes no coment"):
        workflow.withdraw(article, by=people["writer"], coment="Not ready.")
    with pytest.raises(TypeError):
        workflow.submit(make_article(), by=people["writer"], reviewer=people["reviewer"].reviewer_profile)
    assert Article.objects.get(pk=article.pk).status == S.IN_REVIEW


# Review rounds: what each submission sent to the reviewer.


def test_each_submission_keeps_what_was_sent_as_a_numbered_review_round(make_article, people):
    article = make_article(title="Sleep", body="<p>Seven hours.</p>")
    CitationFactory(article=article, title="Sleep guideline")
    first = workflow.submit(article, by=people["writer"], comment="Ready.")
    workflow.request_changes(article, by=people["reviewer"], comment="Say for whom.")
    article.body = "<p>Seven hours for adults.</p>"
    article.save()
    article.citations.all().delete()
    second = workflow.submit(article, by=people["writer"])

    assert [r.number for r in article.rounds.all()] == [2, 1]
    one, two = article.rounds.get(number=1), article.rounds.get(number=2)
    assert (first.round, second.round) == (one, two)
    assert (one.title, one.body, one.submitted_by, one.submitted_at) == (
        "Sleep", "<p>Seven hours.</p>", people["writer"], first.created_at,
    )  # fmt: skip
    assert [c.title for c in one.citation_list()] == ["Sleep guideline"]
    assert (two.body, two.citations, two.submitted_at) == ("<p>Seven hours for adults.</p>", [], second.created_at)
    assert make_article().rounds.count() == 0
    assert workflow.submit(make_article(), by=people["writer"]).round.number == 1  # numbered per article


def test_the_round_compared_is_the_one_before_the_text_under_review_in_this_revision(make_article, people):
    article = make_article(S.PUBLISHED)  # round 1, approved
    assert history.earlier_round(article) is None
    workflow.start_revision(article, by=people["writer"])
    workflow.submit(article, by=people["writer"])  # round 2
    assert history.earlier_round(article) is None  # the first round of this revision
    workflow.request_changes(article, by=people["reviewer"], comment="Shorter.")
    assert history.earlier_round(article).number == 2  # the writer's changes since the round commented on
    workflow.submit(article, by=people["writer"])  # round 3
    assert history.earlier_round(article).number == 2
    assert history.changes_requested(article) is None
    workflow.request_changes(article, by=people["reviewer"], comment="Shorter still.")
    assert history.changes_requested(article).comment == "Shorter still."


def test_the_round_compared_is_the_one_the_doctor_commented_on_across_a_withdrawal(make_article, people):
    article = make_article(body="<p>Take 10 mg.</p>")
    workflow.submit(article, by=people["writer"])  # round 1
    workflow.request_changes(article, by=people["reviewer"], comment="Check the dose.")
    article.body = "<p>Take 5 mg.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])  # round 2: the answer
    workflow.withdraw(article, by=people["writer"])
    article.body = "<p>Take 5 mg!</p>"
    article.save()
    workflow.submit(article, by=people["writer"])  # round 3: a typo since
    assert history.earlier_round(article).number == 1  # so the dose change stays in view


# Restoring an approved version as a draft.


def with_two_versions(make_article, people, status):
    """An article with versions 1 and 2 approved (2 live), then moved to ``status``."""
    article = make_article(title="Anaemia", body="<p>Iron.</p>", hero_image=image_file("one.jpg"), hero_image_alt="One")
    CitationFactory(article=article, title="Iron fact sheet", doi="10.1056/NEJMoa012512")
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    workflow.start_revision(article, by=people["writer"])
    article.title, article.body = "Anaemia: causes", "<p>Iron and folate.</p>"
    article.hero_image, article.hero_image_alt = image_file("two.jpg", size=(80, 60)), "Two"
    article.save()
    article.citations.all().delete()
    CitationFactory(article=article, title="Folate review", url="https://example.org/folate")
    CitationFactory(article=article, title="Iron review")
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    if status == S.DRAFT:
        workflow.start_revision(article, by=people["writer"])
    elif status in {S.IN_REVIEW, S.CHANGES_REQUESTED}:
        workflow.start_revision(article, by=people["writer"])
        workflow.submit(article, by=people["writer"])
        if status == S.CHANGES_REQUESTED:
            workflow.request_changes(article, by=people["reviewer"], comment="Again.")
    elif status == S.ARCHIVED:
        workflow.unpublish(article, by=people["editor"], comment="Withdrawn.")
    assert article.status == status and article.versions.count() == 2
    return article


RESTORE_FROM = {S.PUBLISHED}  # only while the working copy is the live version: nothing unreviewed is lost


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("role", list(MAY))
def test_who_may_restore_a_version_and_from_which_statuses(make_article, people, role, status):
    article = with_two_versions(make_article, people, status)
    first, before = article.versions.get(number=1), (article.title, article.lock_version, article.events.count())
    if role in {"editor", "superuser"} and status in RESTORE_FROM:
        event = workflow.restore_version(article, by=people[role], version=first)
        assert (event.action, event.from_status, event.to_status, event.version) == (
            "restore_version", status, S.DRAFT, first,
        )  # fmt: skip
        assert article.title == "Anaemia"
    else:
        with pytest.raises(TransitionNotAllowed):
            workflow.restore_version(article, by=people[role], version=first)
        article.refresh_from_db()
        assert (article.title, article.lock_version, article.events.count()) == before
        assert article.status == status


def test_restoring_a_version_makes_it_the_working_copy_again_a_draft_the_live_version_untouched(
    make_article, people, django_capture_on_commit_callbacks
):
    article = with_two_versions(make_article, people, S.PUBLISHED)
    first, second = article.versions.get(number=1), article.versions.get(number=2)
    lock_version, kept_citation_ids = article.lock_version, set(article.citations.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        event = workflow.restore_version(
            article, by=people["editor"], version=first, comment="Folate advice withdrawn."
        )

    for copy in [article, Article.objects.get(pk=article.pk)]:  # the caller's copy, and the database's
        assert (copy.status, copy.title, copy.body) == (S.DRAFT, "Anaemia", "<p>Iron.</p>")
        assert (copy.hero_image.name, copy.hero_image_width, copy.hero_image_height) == (
            first.hero_image.name, 64, 48,
        )  # fmt: skip
        assert (copy.hero_image_alt, copy.lock_version) == ("One", lock_version + 1)
        assert (copy.author, copy.reviewer) == (people["writer"].author_profile, people["reviewer"].reviewer_profile)
    citations = list(article.citations.all())
    assert [(c.position, c.title, c.doi) for c in citations] == [(1, "Iron fact sheet", "10.1056/NEJMoa012512")]
    assert not kept_citation_ids & {c.pk for c in citations}  # the rows were replaced
    assert article.live_version == second
    assert Article.objects.published().get(pk=article.pk).live_version.title == "Anaemia: causes"
    assert ArticleVersion.objects.filter(article=article).count() == 2
    assert event.comment == "From version 1.\n\nFolate advice withdrawn." and event.actor == people["editor"]
    assert article.events.first() == event
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([people["writer"].email], "Draft started from an approved version: Anaemia")
    ]
    # It goes through review like any edit.
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    assert Article.objects.published().get(pk=article.pk).live_version.title == "Anaemia"


def test_a_restore_is_refused_for_another_articles_version_and_for_the_text_already_there(make_article, people):
    article = with_two_versions(make_article, people, S.PUBLISHED)
    other = make_article(S.PUBLISHED).live_version
    with pytest.raises(TransitionNotAllowed, match="belongs to another article"):
        workflow.restore_version(article, by=people["editor"], version=other)
    with pytest.raises(TransitionNotAllowed, match="already holds version 2"):
        workflow.restore_version(article, by=people["editor"], version=article.live_version)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.title == "Anaemia: causes"
    assert not article.events.filter(action="restore_version").exists()


def test_a_decision_on_the_text_before_a_restore_is_refused(make_article, people):
    article = with_two_versions(make_article, people, S.PUBLISHED)
    seen = article.lock_version
    workflow.restore_version(article, by=people["editor"], version=article.versions.get(number=1))
    workflow.submit(article, by=people["writer"])
    with pytest.raises(TransitionNotAllowed, match="changed after you opened it"):
        workflow.approve(article, by=people["reviewer"], seen_version=seen)
