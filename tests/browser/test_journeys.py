"""The three journeys of the product, each as a person makes it in Chromium."""

import io

import pytest
from PIL import Image

from articles.models import Article

from ..factories import AuthorFactory, CategoryFactory, MedicalReviewerFactory, UserFactory
from .conftest import PASSWORD, wait_for_page

pytestmark = pytest.mark.django_db(transaction=True)

BODY_SOURCE = """<p>Anaemia means too few healthy red blood cells.<sup>[1]</sup></p>
<h2>Common signs</h2>
<ul><li>tiredness</li><li>pale skin</li><li>shortness of breath</li></ul>
<h2>When to see a doctor</h2>
<p>See a doctor if tiredness lasts more than a few weeks.<sup>[2]</sup><sup>[3]</sup></p>"""


@pytest.fixture
def newsroom(roles):
    """A writer and a medical reviewer who log in with a password, and a category."""
    writer = UserFactory(username="wendy", password=PASSWORD, is_staff=True, roles=["Writer"])
    reviewer = UserFactory(username="drrita", password=PASSWORD, is_staff=True, roles=["Medical reviewer"])
    AuthorFactory(user=writer, name="Wendy Writer")
    MedicalReviewerFactory(user=reviewer, name="dr Rita Reviewer")
    CategoryFactory(name="Blood disorders", slug="blood-disorders")
    return {"writer": writer, "reviewer": reviewer}


def hero_png(path):
    image = Image.new("RGB", (1600, 900), (180, 40, 50))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def set_body_source(page, html):
    """Type the body into CKEditor through its Source view, then return to the WYSIWYG view."""
    page.wait_for_selector(".cke_button__source")
    page.click(".cke_button__source")
    page.fill("textarea.cke_source", html)
    page.click(".cke_button__source")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")


def write_article(session, tmp_path):
    page = session.page
    page.goto("/admin/articles/article/add/")
    page.fill("#id_title", "Anaemia: signs and causes")
    page.select_option("#id_category", label="Blood disorders")
    page.fill("#id_summary", "What anaemia is, how it shows, and when to see a doctor.")
    set_body_source(page, BODY_SOURCE)
    editable = page.frame_locator("iframe.cke_wysiwyg_frame")
    assert editable.locator("h2").count() == 2 and editable.locator("li").count() == 3
    page.set_input_files("#id_hero_image", hero_png(tmp_path / "blood-cells.png"))
    page.fill("#id_hero_image_alt", "Red blood cells under a microscope")
    page.fill("#id_hero_image_credit", "Credit: Freepik.")
    page.select_option("#id_reviewer", label="dr Rita Reviewer")
    citations = [
        {
            "title": "Anaemia",
            "publisher": "World Health Organization",
            "url": "https://www.who.int/health-topics/anaemia",
        },
        {
            "title": "Iron deficiency anemia",
            "authors": "Camaschella C",
            "publisher": "N Engl J Med",
            "doi": "10.1056/NEJMra1401038",
        },
        {"title": "Prevention of type 2 diabetes", "authors": "Knowler WC, et al.", "pmid": "11832527"},
    ]
    for index, citation in enumerate(citations):
        page.fill(f"#id_citations-{index}-position", str(index + 1))
        for field, value in citation.items():
            page.fill(f"#id_citations-{index}-{field}", value)
    session.screenshot("article-form-filled")
    page.click("input[name=_continue]")
    wait_for_page(page, "text=was added successfully")
    return Article.objects.get(slug="anaemia-signs-and-causes")


def test_writer_journey(open_session, newsroom, tmp_path):
    session = open_session("writer")
    session.log_in("wendy")
    session.screenshot("logged-in")
    article = write_article(session, tmp_path)
    assert article.author.user == newsroom["writer"] and article.citations.count() == 3
    assert article.hero_image and "<h2" in article.body and "<sup>[1]</sup>" in article.body
    session.screenshot("saved")

    session.page.click("button[value=submit]")
    wait_for_page(session.page, "text=Submit for medical review: done.")
    session.screenshot("submitted")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW


def test_medical_reviewer_journey(open_session, newsroom, tmp_path, live_server):
    writer = open_session("reviewer-journey-writer")
    writer.log_in("wendy")
    article = write_article(writer, tmp_path)
    writer.page.click("button[value=submit]")
    wait_for_page(writer.page, "text=Submit for medical review: done.")

    reviewer = open_session("reviewer")
    reviewer.log_in("drrita")
    page = reviewer.page
    page.click("text=Articles awaiting review")
    wait_for_page(page, "h1:has-text('Awaiting my review')")
    reviewer.screenshot("queue")
    page.click("text=Anaemia: signs and causes")
    wait_for_page(page, "text=The whole text (new article)")
    assert page.locator(".workflow-diff ins", has_text="Anaemia means too few").count() == 1
    reviewer.screenshot("what-changed")
    page.fill("#workflow-comment", "Please say how long tiredness should last before seeing a doctor.")
    page.click("button[value=request_changes]")
    wait_for_page(page, "text=Request changes: done.")
    reviewer.screenshot("changes-requested")

    page = writer.page
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.click("summary:has-text('History')")
    page.wait_for_selector("text=Please say how long tiredness should last")
    writer.screenshot("sees-comment")
    set_body_source(page, BODY_SOURCE.replace("more than a few weeks", "more than three weeks"))
    page.click("input[name=_continue]")
    wait_for_page(page, "text=was changed successfully")
    page.click("button[value=submit]")
    wait_for_page(page, "text=Submit for medical review: done.")

    page = reviewer.page
    page.goto("/admin/articles/reviewqueueitem/")
    page.click("text=Anaemia: signs and causes")
    wait_for_page(page, ".readonly >> text=more than three weeks")  # the text under review, not a comparison's
    reviewer.screenshot("reviews-again")
    page.click("button[value=approve]")
    wait_for_page(page, "text=Approve and publish: done.")
    reviewer.screenshot("approved")

    article.refresh_from_db()
    assert article.is_published and article.live_version.reviewer.user == newsroom["reviewer"]
    page.goto(article.get_absolute_url())
    page.wait_for_selector("h1:has-text('Anaemia: signs and causes')")
    reviewer.screenshot("live")


def test_public_reader_journey(open_session, demo_site):
    session = open_session("reader")
    page = session.page
    page.goto("/")
    session.screenshot("home")
    page.click(".site-nav >> text=Diseases")
    wait_for_page(page, "h1:has-text('Diseases')")
    session.screenshot("category")
    page.click("text=Dengue fever: symptoms, warning signs and prevention")
    wait_for_page(page, "h1:has-text('Dengue fever')")
    session.screenshot("article")

    page.click("sup.cite a >> nth=0")
    page.wait_for_url("**#ref-1")
    assert page.locator("#ref-1").is_visible()
    session.screenshot("reference")
    page.click("#ref-1 a.backlink >> nth=0")
    page.wait_for_url("**#cite-1-1")
    assert page.locator("#cite-1-1").is_visible()

    first_entry = page.locator(".toc a").first
    target = first_entry.get_attribute("href")
    first_entry.click()
    page.wait_for_url(f"**{target}")
    assert page.locator(target).is_visible()
    session.screenshot("table-of-contents")

    page.fill("#site-search-q", "mosquito")
    page.press("#site-search-q", "Enter")
    wait_for_page(page, "text=found for “mosquito”")
    assert page.locator(".cards a", has_text="Dengue fever").count() == 1
    session.screenshot("search")

    phone = open_session("reader-phone", viewport={"width": 375, "height": 740}, device_scale_factor=1, is_mobile=True)
    phone.page.goto("/diseases/dengue-fever/")
    phone.page.wait_for_function("document.querySelector('.hero img').complete")
    scroll_width, client_width = phone.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, "the page scrolls sideways on a phone"
    hero = phone.page.evaluate("document.querySelector('.hero img').currentSrc")
    assert "-480.webp" in hero, hero
    phone.screenshot("phone-article")
