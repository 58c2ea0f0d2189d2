"""The workflow as people use it in the admin: buttons, queue, history, concurrent edits."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.management.commands.load_demo import DEMO_ACCOUNTS
from articles.models import Article, ArticleVersion, ReviewEvent
from references.models import Citation

from ..factories import CitationFactory

pytestmark = pytest.mark.django_db

S = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def workflow_url(article):
    return reverse("admin:articles_article_workflow", args=[article.pk])


def edit_data(article, **changes):
    """The change form as a browser would post it, from the article as it was loaded."""
    citations = list(article.citations.all())
    data = {
        "title": article.title,
        "slug": article.slug,
        "category": article.category_id,
        "summary": article.summary,
        "body": article.body,
        "hero_image_alt": article.hero_image_alt,
        "hero_image_credit": article.hero_image_credit,
        "author": article.author_id,
        "reviewer": article.reviewer_id or "",
        "loaded_version": article.lock_version,
        "citations-TOTAL_FORMS": len(citations),
        "citations-INITIAL_FORMS": len(citations),
        "citations-MIN_NUM_FORMS": 0,
        "citations-MAX_NUM_FORMS": 1000,
    }
    for index, citation in enumerate(citations):
        for field in ["id", "position", "title", "url", "doi", "pmid"]:
            data[f"citations-{index}-{field}"] = getattr(citation, field)
        data[f"citations-{index}-article"] = article.pk
    data.update(changes)
    return data


def logged_in(client, user):
    client.force_login(user)
    return client


def test_second_of_two_concurrent_edits_is_refused_and_keeps_its_text(make_article, people, client):
    article = make_article(title="Sleep")
    first = edit_data(article, body="<p>Adults need seven hours or more.</p>")
    second = edit_data(article, body="<p>My careful rewrite of the whole article.</p>")

    assert logged_in(client, people["writer"]).post(change_url(article), first).status_code == 302
    response = logged_in(client, people["editor"]).post(change_url(article), second)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this article while you were editing it" in html
    assert "My careful rewrite of the whole article." in html  # still in the editor's form
    article.refresh_from_db()
    assert article.body == "<p>Adults need seven hours or more.</p>"


def test_edit_refused_when_the_article_was_submitted_meanwhile(make_article, people, client):
    article = make_article()
    data = edit_data(article, body="<p>Late edit.</p>")
    workflow.submit(article, by=people["writer"])
    response = logged_in(client, people["editor"]).post(change_url(article), data)
    assert response.status_code == 200
    assert "cannot be edited. Your changes have not been saved." in response.content.decode()
    assert Article.objects.get(pk=article.pk).body != "<p>Late edit.</p>"


def test_article_in_review_is_read_only_for_its_writer(make_article, people, client):
    article = make_article(S.IN_REVIEW)
    client = logged_in(client, people["writer"])
    assert client.get(change_url(article)).context["has_change_permission"] is False
    response = client.post(change_url(article), edit_data(article, title="Sneaky"))
    assert "is now “In medical review” and cannot be edited" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == article.title


def test_saving_a_published_article_starts_a_revision_and_keeps_the_live_version(make_article, people, client):
    article = make_article(S.PUBLISHED, title="Migraine")
    live = article.live_version
    response = logged_in(client, people["writer"]).post(
        change_url(article), edit_data(article, title="Migraine: updated"), follow=True
    )
    assert "Readers see the published version until a medical reviewer approves this one." in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.title, article.live_version) == (S.DRAFT, "Migraine: updated", live)
    assert Article.objects.published().get(pk=article.pk).live_version.title == "Migraine"
    assert article.events.filter(action="start_revision", actor=people["writer"]).exists()


def test_writers_do_not_see_other_writers_articles(make_article, people, client):
    mine = make_article()
    theirs = make_article(author=people["other_writer"].author_profile)
    client = logged_in(client, people["writer"])
    listed = client.get(reverse("admin:articles_article_changelist")).context["cl"].result_list
    assert list(listed) == [mine]
    response = client.get(change_url(theirs))
    assert response.status_code == 302  # the admin's "does not exist" redirect
    assert client.post(workflow_url(theirs), {"transition": "submit"}).status_code == 404
    assert Article.objects.get(pk=theirs.pk).status == S.DRAFT


def test_reviewer_queue_lists_what_awaits_me_oldest_first(make_article, people, client):
    now = timezone.now()
    make_article(S.IN_REVIEW, title="Newer")
    older = make_article(S.IN_REVIEW, title="Older")
    Article.objects.filter(pk=older.pk).update(submitted_at=now - datetime.timedelta(days=3))
    make_article(S.DRAFT, title="Not submitted")
    make_article(S.IN_REVIEW, title="Someone else's", reviewer=people["other_reviewer"].reviewer_profile)

    queue_url = reverse("admin:articles_reviewqueueitem_changelist")
    response = logged_in(client, people["reviewer"]).get(queue_url)
    html = response.content.decode()
    assert [a.title for a in response.context["cl"].result_list] == ["Older", "Newer"]
    assert "Awaiting my review" in html and "3\xa0days" in html and "Wendy Writer" in html
    assert change_url(older) in html

    assert (
        logged_in(client, people["other_reviewer"]).get(queue_url).context["cl"].result_list[0].title
        == "Someone else's"
    )
    assert len(logged_in(client, people["editor"]).get(queue_url).context["cl"].result_list) == 3
    assert logged_in(client, people["writer"]).get(queue_url).status_code == 403


def test_refused_move_explains_why_and_keeps_the_comment(make_article, people, client):
    article = make_article(S.IN_REVIEW)
    client = logged_in(client, people["writer"])
    response = client.post(workflow_url(article), {"transition": "approve", "comment": "Looks fine to me"}, follow=True)
    html = response.content.decode()
    assert "You cannot review your own article." in html
    assert "Looks fine to me</textarea>" in html
    assert Article.objects.get(pk=article.pk).status == S.IN_REVIEW


def test_workflow_view_accepts_only_post_and_known_moves(make_article, people, client):
    article = make_article()
    client = logged_in(client, people["writer"])
    assert client.get(workflow_url(article)).status_code == 405
    response = client.post(workflow_url(article), {"transition": "delete_everything"}, follow=True)
    assert "Unknown action." in response.content.decode()


def test_editor_reassigns_from_the_article_page(make_article, people, client):
    article = make_article(S.IN_REVIEW)
    response = logged_in(client, people["editor"]).post(
        workflow_url(article),
        {"transition": "reassign", "new_reviewer": people["other_reviewer"].reviewer_profile.pk},
        follow=True,
    )
    assert "The medical reviewer is now dr Oscar Reviewer." in response.content.decode()
    assert Article.objects.get(pk=article.pk).reviewer == people["other_reviewer"].reviewer_profile


@pytest.mark.parametrize("model", [ReviewEvent, ArticleVersion])
def test_history_cannot_be_edited_or_deleted_in_the_admin(make_article, people, client, model):
    make_article(S.PUBLISHED)
    record = model.objects.first()
    name = f"admin:articles_{model._meta.model_name}"
    client = logged_in(client, people["superuser"])
    assert client.get(reverse(f"{name}_changelist")).status_code == 200
    response = client.get(reverse(f"{name}_change", args=[record.pk]))
    assert response.status_code == 200 and response.context["has_change_permission"] is False
    assert client.get(reverse(f"{name}_add")).status_code == 403
    assert (
        client.post(reverse(f"{name}_change", args=[record.pk]), {"comment": "rewritten", "title": "x"}).status_code
        == 403
    )
    assert client.post(reverse(f"{name}_delete", args=[record.pk]), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=record.pk).exists()
    assert logged_in(client, people["writer"]).get(reverse(f"{name}_changelist")).status_code == 403


def test_an_article_with_a_history_cannot_be_deleted(make_article, people, client):
    article = make_article(S.PUBLISHED)
    client = logged_in(client, people["superuser"])
    response = client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert response.status_code == 200
    assert "<title>Cannot delete article" in response.content.decode()
    assert Article.objects.filter(pk=article.pk).exists()


def test_article_page_shows_the_history_and_the_changes_under_review(make_article, people, client):
    article = make_article(S.PUBLISHED, body="<h2>Causes</h2><p>Mosquitoes spread the virus.</p>")
    CitationFactory(article=article, title="Dengue fact sheet")
    workflow.start_revision(article, by=people["writer"])
    article.body = "<h2>Causes</h2><p>Aedes mosquitoes spread the virus.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])

    response = logged_in(client, people["reviewer"]).get(change_url(article))
    html = response.content.decode()
    assert "What changed since the live version" in html
    assert (
        '<del><span class="visually-hidden">deleted: </span>Mosquitoes<span class="visually-hidden"> (end deleted)</span>'
        '</del><ins><span class="visually-hidden">inserted: </span>Aedes mosquitoes' in html
    )
    assert "[1] Dengue fact sheet" in html  # the new citation, marked as added
    assert [m.action for m in response.context["workflow_moves"]] == ["request_changes", "approve"]
    assert "Approve and publish" in html and "Request changes" in html
    assert html.count("<td>writer</td>") == 3  # submit, start revision, submit


def test_demo_accounts_walk_the_whole_review_path(settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    writer_password, reviewer_password = DEMO_ACCOUNTS["writer"][0], DEMO_ACCOUNTS["reviewer"][0]
    article = Article.objects.get(author__user__username="writer", status=S.PUBLISHED, slug="type-2-diabetes")
    live_title = article.live_version.title

    # The writer revises a published article and submits it.
    assert client.login(username="writer", password=writer_password)
    client.post(change_url(article), edit_data(article, summary="Updated: who is at risk and how to lower it."))
    client.post(workflow_url(article), {"transition": "submit"})
    client.logout()

    # The reviewer finds it in the queue, reads the diff and asks for a change.
    assert client.login(username="reviewer", password=reviewer_password)
    queue = client.get(reverse("admin:articles_reviewqueueitem_changelist")).content.decode()
    assert article.title in queue
    page = client.get(change_url(article)).content.decode()
    assert '<ins><span class="visually-hidden">inserted: </span>Updated:' in page
    client.post(workflow_url(article), {"transition": "request_changes", "comment": "Say which age groups."})
    client.logout()

    # The writer sees the comment, fixes the text and resubmits.
    assert client.login(username="writer", password=writer_password)
    assert "Say which age groups." in client.get(change_url(article)).content.decode()
    article.refresh_from_db()
    client.post(change_url(article), edit_data(article, summary="Updated: adults over 35 are most at risk."))
    client.post(workflow_url(article), {"transition": "submit"})
    client.logout()

    assert Article.objects.published().get(pk=article.pk).live_version.title == live_title
    assert client.login(username="reviewer", password=reviewer_password)
    client.post(workflow_url(article), {"transition": "approve", "comment": "Checked."})

    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.is_published
    assert article.live_version.summary == "Updated: adults over 35 are most at risk."
    assert article.live_version.reviewer.user.username == "reviewer"
    assert list(article.events.values_list("action", flat=True))[:5] == [
        "approve",
        "submit",
        "request_changes",
        "submit",
        "start_revision",
    ]


def test_only_editors_set_go_live_and_expiry(make_article, people, client):
    article = make_article()
    later = (timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%d")
    data = edit_data(article, go_live_at_0=later, go_live_at_1="09:00:00")
    assert logged_in(client, people["writer"]).post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.go_live_at is None  # read-only for writers: the posted value is ignored

    data = edit_data(article, go_live_at_0=later, go_live_at_1="09:00:00")
    assert logged_in(client, people["editor"]).post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.go_live_at is not None


def test_history_lists_every_decision_with_its_comment(make_article, people, client):
    article = make_article(S.CHANGES_REQUESTED)
    html = logged_in(client, people["writer"]).get(change_url(article)).content.decode()
    assert "Cite the 2023 guideline." in html
    assert "<td>Request changes</td>" in html and "<td>Submit for medical review</td>" in html


def test_changing_only_the_schedule_of_a_published_article_needs_no_new_review(make_article, people, client):
    article = make_article(S.PUBLISHED)
    later = (timezone.now() + datetime.timedelta(days=30)).strftime("%Y-%m-%d")
    data = edit_data(article, expire_at_0=later, expire_at_1="00:00:00", featured="on")
    assert logged_in(client, people["editor"]).post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.featured and article.expire_at


def test_writers_write_as_themselves(make_article, people, client):
    article = make_article()
    data = edit_data(article, author=people["other_writer"].author_profile.pk)
    response = logged_in(client, people["writer"]).post(change_url(article), data)
    assert "Select a valid choice." in response.content.decode()
    assert Article.objects.get(pk=article.pk).author == people["writer"].author_profile


def test_reviewer_cannot_approve_text_changed_after_opening_it(make_article, people, client):
    article = make_article(S.IN_REVIEW, body="<p>Reviewed text.</p>")
    seen = article.lock_version
    workflow.withdraw(article, by=people["writer"])
    article.body = "<p>Unreviewed text.</p>"
    article.save()
    workflow.record_edit(article, ["body"], by=people["writer"])
    workflow.submit(article, by=people["writer"])

    response = logged_in(client, people["reviewer"]).post(
        workflow_url(article), {"transition": "approve", "seen_version": seen}, follow=True
    )
    assert "The article was changed after you opened it." in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW and article.live_version is None


def test_reassign_with_a_bad_reviewer_id_is_explained(make_article, people, client):
    article = make_article(S.IN_REVIEW)
    for bad in ["abc", "", "999999", "1; DROP TABLE"]:
        response = logged_in(client, people["editor"]).post(
            workflow_url(article), {"transition": "reassign", "new_reviewer": bad}, follow=True
        )
        assert response.status_code == 200
        assert "Choose a medical reviewer from the list." in response.content.decode()
    assert Article.objects.get(pk=article.pk).reviewer == people["reviewer"].reviewer_profile


def test_citations_change_only_with_their_article(make_article, people, client):
    theirs = make_article(S.IN_REVIEW, author=people["other_writer"].author_profile)
    citation = CitationFactory(article=theirs, title="Original source")
    mine = make_article()
    CitationFactory(article=mine, title="My source")
    client = logged_in(client, people["writer"])
    listed = client.get(reverse("admin:references_citation_changelist")).context["cl"].result_list
    assert [c.title for c in listed] == ["My source"]
    url = reverse("admin:references_citation_change", args=[citation.pk])
    client.post(url, {"article": theirs.pk, "position": 1, "title": "Tampered", "url": "https://quack.example/"})
    assert Citation.objects.get(pk=citation.pk).title == "Original source"
    editor = logged_in(client, people["editor"])
    assert (
        editor.post(
            url, {"article": theirs.pk, "position": 1, "title": "Tampered", "url": "https://x.example/"}
        ).status_code
        == 403
    )


def test_saving_the_form_locks_the_article_row_from_the_first_read(make_article, people, client):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; its IMMEDIATE transactions serialize writers instead")
    article = make_article()
    with CaptureQueriesContext(connection) as queries:
        logged_in(client, people["writer"]).post(change_url(article), edit_data(article, title="Locked"))
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and 'FROM "articles_article"' in q["sql"]]
    assert reads and "FOR UPDATE" in reads[0]


def test_unpublishing_tells_the_writer_why(make_article, people, django_capture_on_commit_callbacks):
    from django.core import mail

    article = make_article(S.PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=people["editor"], comment="WHO withdrew this guidance.")
    assert mail.outbox[-1].to == [people["writer"].email]
    assert "WHO withdrew this guidance." in mail.outbox[-1].body


@pytest.mark.django_db(transaction=True)  # as in production: no test transaction around the request
def test_saving_and_moving_an_article_outside_a_test_transaction(make_article, people, client):
    article = make_article()
    client = logged_in(client, people["writer"])
    assert client.post(change_url(article), edit_data(article, title="Saved for real")).status_code == 302
    assert client.post(workflow_url(article), {"transition": "submit"}).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Saved for real", S.IN_REVIEW)


# The workflow buttons and the form never disagree: on an editable page a button saves the edits first.


def controls_of(html, name):
    """The form attribute of each workflow control named ``name`` ("transition", "comment", "new_reviewer")."""
    import re

    tags = re.findall(rf'<(?:button|textarea|select)[^>]*name="{name}"[^>]*>', html)
    return [re.search(r'form="([^"]*)"', tag).group(1) if 'form="' in tag else None for tag in tags]


@pytest.mark.parametrize("role", ["writer", "editor"])
@pytest.mark.parametrize("status", [S.DRAFT, S.CHANGES_REQUESTED, S.PUBLISHED])
def test_every_workflow_control_on_an_editable_page_belongs_to_the_article_form(
    make_article, people, client, role, status
):
    article = make_article(status)
    response = logged_in(client, people[role]).get(change_url(article))
    assert response.context["has_change_permission"] is True
    html = response.content.decode()
    assert 'id="article_form"' in html
    controls = controls_of(html, "transition") + controls_of(html, "comment") + controls_of(html, "new_reviewer")
    assert set(controls) <= {"article_form"}
    assert controls or not response.context["workflow_moves"]  # a writer has no button on a published article
    # Enter presses the form's first button in the page, and the panel comes before the form: that must be Save.
    first = re.search(r'<(?:input|button)[^>]*type="submit"[^>]*form="article_form"[^>]*>', html).group(0)
    assert 'name="_save"' in first


@pytest.mark.parametrize("role, status", [("reviewer", S.IN_REVIEW), ("writer", S.IN_REVIEW), ("editor", S.ARCHIVED)])
def test_on_a_read_only_page_the_workflow_panel_posts_on_its_own(make_article, people, client, role, status):
    article = make_article(status)
    html = logged_in(client, people[role]).get(change_url(article)).content.decode()
    assert controls_of(html, "transition") and set(controls_of(html, "transition")) == {None}
    assert f'action="{workflow_url(article)}"' in html


def test_submit_saves_the_writers_unsaved_edit_first(make_article, people, client):
    article = make_article(title="Sleep")
    response = logged_in(client, people["writer"]).post(
        change_url(article),
        edit_data(article, title="Sleep and memory", transition="submit", comment="Ready."),
        follow=True,
    )
    assert "Your changes are saved. Submit for medical review: done." in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.title) == (S.IN_REVIEW, "Sleep and memory")
    assert article.events.get(action="submit").comment == "Ready."


def test_a_form_with_errors_stops_the_move_and_keeps_the_edits(make_article, people, client):
    article = make_article(title="Sleep")
    response = logged_in(client, people["writer"]).post(
        change_url(article),
        edit_data(article, title="Sleep and memory", summary="", transition="submit", comment="Ready."),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was done: correct the errors below, then press the button again." in html
    assert "This field is required." in html
    assert 'value="Sleep and memory"' in html and ">Ready.</textarea>" in html  # the edit and the comment are kept
    article.refresh_from_db()
    assert (article.status, article.title) == (S.DRAFT, "Sleep")
    assert not article.events.exists()


def test_a_refused_move_keeps_the_saved_edit_and_says_both(make_article, people, client):
    article = make_article(title="Sleep", reviewer=None)  # nobody to submit to yet
    response = logged_in(client, people["writer"]).post(
        change_url(article), edit_data(article, title="Sleep and memory", transition="submit"), follow=True
    )
    assert (
        "Your changes are saved, but: Assign a medical reviewer before submitting the article."
        in response.content.decode()
    )
    article.refresh_from_db()
    assert (article.status, article.title) == (S.DRAFT, "Sleep and memory")


def test_editor_unpublishes_and_reassigns_with_unsaved_edits_kept(make_article, people, client):
    article = make_article()
    client = logged_in(client, people["editor"])
    other = people["other_reviewer"].reviewer_profile
    client.post(
        change_url(article), edit_data(article, title="Edited first", transition="reassign", new_reviewer=other.pk)
    )
    article.refresh_from_db()
    assert (article.title, article.reviewer) == ("Edited first", other)
    assert article.events.filter(action="reassign").exists()
    client.post(
        change_url(article), edit_data(article, title="Edited again", transition="unpublish", comment="Outdated.")
    )
    article.refresh_from_db()
    assert (article.title, article.status) == ("Edited again", S.ARCHIVED)


# The hero image after a failed save.


def test_a_chosen_image_lost_to_a_failed_save_is_said_and_never_shown_broken(make_article, people, client):
    from ..factories import image_file

    article = make_article(hero_image=image_file("before.jpg"), hero_image_alt="Before")
    stored = article.hero_image.name
    data = edit_data(article, summary="", hero_image=image_file("after.jpg", size=(300, 200)))
    html = logged_in(client, people["writer"]).post(change_url(article), data).content.decode()
    assert (
        "The hero image you chose has not been saved, because of the errors below. Choose it again before saving."
        in html
    )
    assert f'src="/media/{stored}"' in html  # the stored image, which exists
    assert "after" not in html.split('id="article_form"')[1]  # not a preview of a file that was never stored
    new = (
        logged_in(client, people["writer"])
        .post(
            reverse("admin:articles_article_add"),
            {
                **edit_data(article, slug="new-one", summary="", loaded_version=""),
                "hero_image": image_file("new.jpg"),
                "hero_image_alt": "x",
            },
        )
        .content.decode()
    )
    assert "has not been saved" in new and "/media/articles/" not in new


# Small things a user notices.


def test_the_comment_box_says_when_a_comment_is_needed(make_article, people, client):
    label = lambda user, article: logged_in(client, user).get(change_url(article)).context["workflow_comment_label"]  # noqa: E731
    draft, in_review = make_article(), make_article(S.IN_REVIEW)
    assert label(people["writer"], draft) == "Comment (optional)"
    assert label(people["reviewer"], in_review) == "Comment (required to: Request changes)"
    assert label(people["editor"], draft) == "Comment (required to: Unpublish)"


def test_featured_reads_as_words_not_as_an_error(make_article, people, client):
    article = make_article()
    html = logged_in(client, people["writer"]).get(change_url(article)).content.decode()
    assert "icon-no.svg" not in html
    assert '<div class="readonly">No</div>' in html


def test_the_queue_wording_and_columns_fit_the_reader(make_article, people, client):
    queue_url = reverse("admin:articles_reviewqueueitem_changelist")
    html = logged_in(client, people["reviewer"]).get(queue_url).content.decode()
    assert (
        "No article is waiting for medical review." in html
        and "0 articles" not in html
        and "0 review queue" not in html
    )
    make_article(S.IN_REVIEW)
    html = client.get(queue_url).content.decode()
    assert "1 article awaiting review" in html
    assert "column-reviewer" not in html  # a doctor's own queue: the reviewer is always them
    assert "column-reviewer" in logged_in(client, people["editor"]).get(queue_url).content.decode()


# The doctor's request, review rounds, comparisons, approved versions.


def test_the_doctors_request_is_shown_first_to_the_writer_until_resubmitted(make_article, people, client):
    article = make_article(S.CHANGES_REQUESTED)
    html = logged_in(client, people["writer"]).get(change_url(article)).content.decode()
    request = html.index('<section class="changes-requested"')
    assert request < html.index('id="workflow-heading"') < html.index('id="article_form"')
    shown = html[request : html.index("</section>", request)]
    assert "Changes requested by reviewer" in shown and "Cite the 2023 guideline." in shown
    assert article.events.get(action="request_changes").created_at.strftime("%Y") in shown  # when

    workflow.submit(article, by=people["writer"])
    html = client.get(change_url(article)).content.decode()
    assert "changes-requested" not in html
    assert "Cite the 2023 guideline." in html  # still in the history


def revised_twice(make_article, people):
    """A published article revised, sent back by the doctor with a comment, corrected and submitted again."""
    article = make_article(S.PUBLISHED, body="<p>Rest well.</p><p>Take 5 mg daily.</p>")
    workflow.start_revision(article, by=people["writer"])
    article.body = "<p>Rest well.</p><p>Take 50 mg daily.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])
    workflow.request_changes(article, by=people["reviewer"], comment="50 mg is too much.")
    article.body = "<p>Rest well.</p><p>Take 10 mg daily.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])
    return article


def test_a_resubmission_shows_the_changes_since_the_last_round_first_then_against_the_live_version(
    make_article, people, client
):
    article = revised_twice(make_article, people)
    response = logged_in(client, people["reviewer"]).get(change_url(article))
    html = response.content.decode()
    since_round, since_live = re.findall(r'<details class="workflow-diff"( open)?>\s*<summary>([^<]*)</summary>', html)
    assert since_round == (
        " open",
        f"What changed since review round 2 (submitted {date(article.rounds.get(number=2))})",
    )
    assert since_live == ("", "What changed since the live version")
    first, second = html.split('<details class="workflow-diff"')[1:3]
    # What the writer did about the comment: 50 → 10; against the live version: 5 → 10.
    assert "<del>50</del><ins>10</ins>" in unlabelled(first) and "<del>5</del><ins>10</ins>" in unlabelled(second)
    assert "<p>Rest well.</p>" in first and "<p>Rest well.</p>" in second  # untouched: never marked


def date(review_round):
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    return date_format(localtime(review_round.submitted_at), "DATETIME_FORMAT")


def unlabelled(html):
    return re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)


def test_a_first_submission_is_compared_with_the_live_version_only(make_article, people, client):
    article = make_article(S.IN_REVIEW)
    response = logged_in(client, people["reviewer"]).get(change_url(article))
    assert [review_round for review_round, parts in response.context["comparisons"]] == [None]
    html = response.content.decode()
    assert html.count('<details class="workflow-diff"') == 1
    assert "The whole text (new article)" in html and "review round" not in html.split('id="article_form"')[0]


def test_a_new_articles_resubmission_is_compared_with_the_round_before_then_whole(make_article, people, client):
    article = make_article(S.CHANGES_REQUESTED, body="<p>Rest.</p>")
    article.body = "<p>Rest and drink.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])
    html = logged_in(client, people["reviewer"]).get(change_url(article)).content.decode()
    assert html.count('<details class="workflow-diff"') == 2
    assert html.index("What changed since review round 1") < html.index("The whole text (new article)")
    assert "<p>Rest<ins> and drink</ins>.</p>" in unlabelled(html)


def test_review_rounds_are_listed_in_the_history_with_their_comments(make_article, people, client):
    article = revised_twice(make_article, people)
    response = logged_in(client, people["writer"]).get(change_url(article))
    rounds = response.context["review_rounds"]
    assert [(r.number, [e.action for e in decisions]) for r, decisions in rounds] == [
        (3, []),
        (2, ["request_changes"]),
        (1, ["approve"]),
    ]
    html = response.content.decode()
    table = html[html.index('<table class="review-rounds">') :]
    table = table[: table.index("</table>")]
    assert "50 mg is too much." in table and "No decision." in table
    assert table.index("<td>3</td>") < table.index("No decision.") < table.index("<td>2</td>")
    assert table.index("<td>2</td>") < table.index("50 mg is too much.") < table.index("<td>1</td>")


def version_url(version):
    return reverse("admin:articles_articleversion_change", args=[version.pk])


def two_versions(make_article, people):
    article = make_article(S.PUBLISHED, title="Anaemia", body="<h2>Causes</h2><p>Too little iron.</p>")
    workflow.start_revision(article, by=people["writer"])
    article.body = "<h2>Causes</h2><p>Too little iron or folate.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    return article, article.versions.get(number=1), article.versions.get(number=2)


def test_any_two_approved_versions_can_be_compared(make_article, people, client):
    article, first, second = two_versions(make_article, people)
    compare_url = reverse("admin:articles_articleversion_compare", args=[first.pk, second.pk])

    page = logged_in(client, people["editor"]).get(version_url(second)).content.decode()
    assert f'<a href="{compare_url}">Compare with version 1' in page
    html = client.get(compare_url).content.decode()
    assert "Anaemia: version 1 → version 2" in html
    assert "<h2>Causes</h2><p>Too little iron<ins> or folate</ins>.</p>" in unlabelled(html)
    assert "healthcms/admin.css" in html

    assert logged_in(client, people["reviewer"]).get(compare_url).status_code == 200
    assert logged_in(client, people["writer"]).get(compare_url).status_code == 403  # no access to versions
    other = make_article(S.PUBLISHED, title="Other").live_version
    mixed = reverse("admin:articles_articleversion_compare", args=[first.pk, other.pk])
    assert logged_in(client, people["editor"]).get(mixed).status_code == 404


@pytest.mark.parametrize("role, offered", [("editor", True), ("superuser", True), ("reviewer", False)])
def test_restore_as_draft_is_offered_to_editors_only(make_article, people, client, role, offered):
    article, first, second = two_versions(make_article, people)
    html = logged_in(client, people[role]).get(version_url(first)).content.decode()
    restore_url = reverse("admin:articles_articleversion_restore", args=[first.pk])
    assert (f'action="{restore_url}"' in html) is offered
    assert ("Restore as draft</button>" in html) is offered


def test_an_editor_restores_an_old_version_as_a_draft(make_article, people, client):
    article, first, second = two_versions(make_article, people)
    restore_url = reverse("admin:articles_articleversion_restore", args=[first.pk])
    client = logged_in(client, people["editor"])
    assert client.get(restore_url).status_code == 405
    response = client.post(restore_url, {"comment": "The folate advice was withdrawn."}, follow=True)
    assert response.redirect_chain[-1][0] == change_url(article)
    assert "The working copy is now version 1 again, as a draft." in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.body, article.live_version) == (S.DRAFT, first.body, second)
    assert article.events.first().comment == "From version 1.\n\nThe folate advice was withdrawn."


def test_a_refused_restore_says_why_and_changes_nothing(make_article, people, client):
    article, first, second = two_versions(make_article, people)
    restore_url = reverse("admin:articles_articleversion_restore", args=[first.pk])
    response = logged_in(client, people["reviewer"]).post(restore_url, follow=True)
    assert "You are not allowed to “Start a draft from an approved version” this article." in (
        response.content.decode()
    )
    assert response.redirect_chain[-1][0] == version_url(first)
    workflow.start_revision(article, by=people["writer"])
    workflow.submit(article, by=people["writer"])
    response = logged_in(client, people["editor"]).post(restore_url, follow=True)
    assert "is not possible while the article is “In medical review”" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.body) == (S.IN_REVIEW, second.body)
    assert logged_in(client, people["writer"]).post(restore_url).status_code == 404  # versions are not theirs to see


def test_a_restore_never_destroys_text_that_no_version_keeps(make_article, people, client):
    """A writer's unreviewed draft, or an edit saved after the editor opened the version's page, is never overwritten."""
    article, first, second = two_versions(make_article, people)
    restore_url = reverse("admin:articles_articleversion_restore", args=[first.pk])
    client = logged_in(client, people["editor"])
    seen = article.lock_version
    article.body = "<p>A writer's edit, saved after the editor opened the page.</p>"
    article.save()
    workflow.record_edit(article, ["body"], by=people["writer"])  # now a draft no version holds
    response = client.post(restore_url, {"seen_version": seen}, follow=True).content.decode()
    assert "is not possible while the article is “Draft”" in response
    article.refresh_from_db()
    assert (article.status, article.body) == (
        S.DRAFT,
        "<p>A writer's edit, saved after the editor opened the page.</p>",
    )

    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])  # published again: the working copy is the live version
    response = client.post(restore_url, {"seen_version": seen}, follow=True).content.decode()
    assert "The article was changed after you opened it." in response  # the editor's page was older than the text
    article.refresh_from_db()
    assert (
        article.status == S.PUBLISHED
        and article.body == "<p>A writer's edit, saved after the editor opened the page.</p>"
    )
