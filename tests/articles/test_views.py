"""The public site, as readers, search engines and feed readers see it."""

import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article

from ..factories import CategoryFactory, CitationFactory, PageFactory, image_file

pytestmark = pytest.mark.django_db

S = Article.Status

BODY = (
    "<p>Dengue is spread by mosquitoes.<sup>[1]</sup></p>"
    "<h2>Symptoms</h2><p>High fever and headache.<sup>[2][3]</sup></p>"
    "<h2>Warning signs</h2><p>Severe belly pain needs care at once.<sup>[1]</sup></p>"
    "<h2>Prevention</h2><p>Empty standing water weekly.<sup>[9]</sup></p>"
)


@pytest.fixture
def article(make_article, people):
    """A published article with everything the page shows: image, headings, citations, a condition."""
    section = CategoryFactory(name="Diseases", slug="diseases")
    category = CategoryFactory(name="Infections", slug="infections", parent=section, condition="Dengue")
    article = make_article(
        title="Dengue fever",
        slug="dengue-fever",
        summary="How dengue spreads and when to see a doctor.",
        category=category,
        body=BODY,
        hero_image=image_file("mosquito.jpg", size=(1600, 900)),
        hero_image_alt="An Aedes mosquito on skin",
        hero_image_credit="Credit: Freepik.",
    )
    CitationFactory(
        article=article,
        title="Dengue and severe dengue",
        publisher="World Health Organization",
        url="https://www.who.int/news-room/fact-sheets/detail/dengue-and-severe-dengue",
    )
    CitationFactory(
        article=article,
        title="The global distribution and burden of dengue",
        authors="Bhatt S, Gething PW, et al.",
        publisher="Nature",
        publication_year=2013,
        url="",
        doi="10.1038/nature12060",
        pmid="23563266",
    )
    CitationFactory(article=article, title="Dengue", publisher="CDC", url="https://www.cdc.gov/dengue/")
    return put_live(article, people)


def put_live(article, people):
    workflow.submit(article, by=article.author.user)
    workflow.approve(article, by=people["reviewer"])
    article.refresh_from_db()
    return article


def url_of(article):
    return reverse("articles:article", args=[article.live_version.category.slug, article.slug])


class Links(HTMLParser):
    """Every element's id and every link's href in a page."""

    def __init__(self, html):
        super().__init__()
        self.ids, self.hrefs = set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))


def test_article_page_shows_every_element(client, article):
    response = client.get(url_of(article))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and "<h1>Dengue fever</h1>" in html
    assert 'aria-label="Breadcrumb"' in html and 'href="/diseases/"' in html and 'href="/infections/"' in html
    assert "How dengue spreads and when to see a doctor." in html
    writer, reviewer = article.author, article.live_version.reviewer
    assert f'href="/authors/{writer.slug}/">{writer.name}</a>' in html
    assert f'href="/reviewers/{reviewer.slug}/">{reviewer.name}</a>, {reviewer.credentials}' in html
    assert "Last updated" in html and re.search(r"\w+day, \d{1,2} \w+ \d{4} \| \d\d:\d\d", html)
    assert 'type="image/webp"' in html and "-480.webp 480w" in html and "-1600.jpg 1600w" in html
    assert 'alt="An Aedes mosquito on skin"' in html and "<figcaption>Credit: Freepik.</figcaption>" in html
    assert 'id="toc-heading">On this page' in html and '<a href="#symptoms">Symptoms</a>' in html
    assert '<h2 id="warning-signs">Warning signs</h2>' in html
    for network in ["facebook.com/sharer", "twitter.com/intent", "linkedin.com/sharing", "wa.me", "mailto:"]:
        assert network in html
    assert "<script src=" in html and "googletagmanager" not in html  # our own script only
    assert 'doi:<a href="https://doi.org/10.1038/nature12060">10.1038/nature12060</a>' in html
    assert 'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/23563266/">23563266</a>' in html
    assert (
        "Bhatt S, Gething PW, et al. <cite>The global distribution and burden of dengue.</cite> Nature; 2013." in html
    )
    assert "does not replace advice from your own doctor" in html
    assert 'href="/about/editorial-policy/"' in html
    assert f'<link rel="canonical" href="http://testserver{url_of(article)}">' in html
    assert '<meta name="description" content="How dengue spreads and when to see a doctor.">' in html
    assert (
        '<meta property="og:title" content="Dengue fever">' in html
        and 'name="twitter:card" content="summary_large_image"' in html
    )


def test_citation_marks_and_references_link_both_ways(client, article):
    html = client.get(url_of(article)).content.decode()
    page = Links(html)
    marks = [href for href in page.hrefs if href.startswith("#ref-")]
    assert marks == ["#ref-1", "#ref-2", "#ref-3", "#ref-1"]
    for href in marks:
        assert href[1:] in page.ids  # each mark leads to its entry
    backlinks = [href for href in page.hrefs if href.startswith("#cite-")]
    assert sorted(backlinks) == ["#cite-1-1", "#cite-1-2", "#cite-2-1", "#cite-3-1"]
    for href in backlinks:
        assert href[1:] in page.ids  # each entry leads back to its marks
    assert "[9]" in html and "#ref-9" not in html  # a mark with no reference stays plain text


def test_json_ld_describes_a_medical_web_page(client, article):
    data = json_ld(client.get(url_of(article)).content.decode())
    page, breadcrumb = data["@graph"]
    assert page["@type"] == "MedicalWebPage"
    assert page["headline"] == "Dengue fever"
    assert page["author"]["name"] == article.author.name
    assert page["reviewedBy"]["name"] == article.live_version.reviewer.name
    assert page["reviewedBy"]["jobTitle"] == article.live_version.reviewer.credentials
    assert page["lastReviewed"] == article.live_version.reviewed_at.date().isoformat()
    assert page["dateModified"].startswith(article.live_version.reviewed_at.date().isoformat())
    assert page["datePublished"].startswith(article.first_published_at.date().isoformat())
    assert page["image"]["url"].startswith("http://testserver/media/renditions/articles/")
    assert page["image"]["url"].endswith("-1600.jpg")  # a rendition: no EXIF data from the upload
    assert [c["name"] for c in page["citation"]] == [
        "Dengue and severe dengue",
        "The global distribution and burden of dengue",
        "Dengue",
    ]
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1038/nature12060"} in page["citation"][1][
        "identifier"
    ]
    assert page["about"] == {"@type": "MedicalCondition", "name": "Dengue"}
    assert [item["name"] for item in breadcrumb["itemListElement"]] == [
        "Home",
        "Diseases",
        "Infections",
        "Dengue fever",
    ]


def test_json_ld_cannot_be_broken_out_of(client, make_article, people):
    article = put_live(make_article(title="</script><script>alert(1)</script>"), people)
    html = client.get(url_of(article)).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["@graph"][0]["headline"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("status", [S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.ARCHIVED])
def test_unpublished_articles_are_invisible_to_the_public(client, make_article, status):
    article = make_article(status, title="Secret draft", slug="secret-draft")
    for url in [
        f"/{article.category.slug}/secret-draft/",
        reverse("articles:home"),
        reverse("articles:category", args=[article.category.slug]),
        reverse("articles:author", args=[article.author.slug]),
        reverse("articles:search") + "?q=Secret",
        reverse("articles:feed"),
        reverse("articles:feed_atom"),
        reverse("articles:category_feed", args=[article.category.slug]),
        reverse("sitemap"),
    ]:
        response = client.get(url)
        assert "Secret draft" not in response.content.decode() and "secret-draft" not in response.content.decode(), url
    assert client.get(f"/{article.category.slug}/secret-draft/").status_code == 404


def test_scheduled_and_expired_articles_are_invisible(client, article):
    from datetime import timedelta

    from django.utils import timezone

    Article.objects.filter(pk=article.pk).update(go_live_at=timezone.now() + timedelta(hours=1))
    assert client.get(url_of(article)).status_code == 404
    Article.objects.filter(pk=article.pk).update(go_live_at=None, expire_at=timezone.now() - timedelta(hours=1))
    assert client.get(url_of(article)).status_code == 404


def test_readers_keep_the_approved_text_while_a_revision_waits(client, article, people):
    workflow.start_revision(article, by=article.author.user)
    article.title, article.body = "Dengue: unreviewed", "<p>Unreviewed advice.</p>"
    article.save()
    workflow.submit(article, by=article.author.user)
    html = client.get(url_of(article)).content.decode()
    assert "<h1>Dengue fever</h1>" in html and "Unreviewed advice" not in html


def test_a_stale_category_in_the_address_redirects_to_the_right_one(client, article):
    response = client.get(f"/diseases/{article.slug}/")
    assert response.status_code == 301 and response["Location"] == url_of(article)


def test_preview_is_for_staff_who_may_open_the_article(client, make_article, people):
    article = make_article(body="<p>Work in progress.</p>", hero_image=image_file(), hero_image_alt="x")
    url = reverse("articles:preview", args=[article.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(people["other_writer"])
    assert client.get(url).status_code == 404
    client.force_login(people["writer"])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview: this is the working copy" in html and "Work in progress." in html
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert article.hero_image.url in html  # the upload itself: renditions are made on approval


def test_home_lists_featured_latest_and_categories(client, article, make_article, people):
    other = put_live(make_article(title="Healthy sleep"), people)
    Article.objects.filter(pk=other.pk).update(featured=True)
    html = client.get(reverse("articles:home")).content.decode()
    assert html.index("Healthy sleep") < html.index("Dengue fever")  # featured first
    assert 'id="categories-heading"' in html and 'href="/diseases/"' in html


def test_category_page_lists_subcategories_and_their_articles_newest_first(client, article, make_article, people):
    older = put_live(make_article(title="Older piece", category=article.live_version.category.parent), people)
    Article.objects.filter(pk=older.pk).update(first_published_at=article.first_published_at.replace(year=2020))
    html = client.get("/diseases/").content.decode()
    assert "<h1>Diseases</h1>" in html and 'href="/infections/"' in html
    assert html.index("Dengue fever") < html.index("Older piece")


def test_category_pages_are_paginated_and_old_page_numbers_lead_to_the_first_page(client, make_article, people):
    category = CategoryFactory(slug="nutrition")
    for n in range(13):
        put_live(make_article(title=f"Food {n:02d}", category=category), people)
    first = client.get("/nutrition/").content.decode()
    assert "Food 12" in first and "Food 00" not in first and 'rel="prev"' not in first
    older = re.search(r'href="(\?before=[^"]+)" rel="next"', first)[1]
    second = client.get(f"/nutrition/{older}").content.decode()
    assert "Food 00" in second and "Food 01" not in second and 'rel="prev"' in second and 'rel="next"' not in second
    for old in ["1", "2", "0", "-1", "999", "abc", "1e9", "%00"]:
        response = client.get(f"/nutrition/?page={old}")
        assert (response.status_code, response["Location"]) == (301, "/nutrition/")


def test_author_and_reviewer_pages_show_the_person_and_their_articles(client, article):
    author_html = client.get(article.author.get_absolute_url()).content.decode()
    assert f"<h1>{article.author.name}</h1>" in author_html and "Dengue fever" in author_html
    reviewer = article.live_version.reviewer
    reviewer_html = client.get(reviewer.get_absolute_url()).content.decode()
    assert (
        reviewer.credentials in reviewer_html
        and "Articles medically reviewed" in reviewer_html
        and "Dengue fever" in reviewer_html
    )


def test_search_finds_by_title_and_body_words(client, article):
    for word in ["Dengue", "mosquitoes", "headache"]:
        html = client.get(reverse("articles:search"), {"q": word}).content.decode()
        assert "Dengue fever" in html, word
    assert "No articles found" in client.get(reverse("articles:search"), {"q": "xylophone"}).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%",
        "%%%_",
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "<script>",
        "!!!",
        "&|:*()",
        "x" * 5000,
        "dengue " * 50,
        "ünïcödé 漢字",
    ],
)
def test_search_answers_any_query_without_error(client, article, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_feeds_and_sitemap_are_valid_xml_with_published_articles(client, article):
    rss = ElementTree.fromstring(client.get(reverse("articles:feed")).content)
    assert [item.findtext("title") for item in rss.iter("item")] == ["Dengue fever"]
    atom = ElementTree.fromstring(client.get(reverse("articles:feed_atom")).content)
    assert atom.tag == "{http://www.w3.org/2005/Atom}feed"
    category_rss = ElementTree.fromstring(client.get(reverse("articles:category_feed", args=["diseases"])).content)
    assert [item.findtext("title") for item in category_rss.iter("item")] == ["Dengue fever"]
    entries = sitemap_entries(client)
    assert f"http://testserver{url_of(article)}" in entries
    assert (
        "http://testserver/infections/" in entries
        and f"http://testserver{article.author.get_absolute_url()}" in entries
    )
    assert entries[f"http://testserver{url_of(article)}"] == article.live_version.reviewed_at.date().isoformat()


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    """{address: lastmod} of every page the sitemap lists, following its index to each file."""
    index = ElementTree.fromstring(client.get(reverse("sitemap")).content)
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    entries = {}
    for file in index.findall("s:sitemap", SITEMAP_NS):
        sitemap = ElementTree.fromstring(client.get(file.findtext("s:loc", namespaces=SITEMAP_NS)).content)
        for url in sitemap.findall("s:url", SITEMAP_NS):
            entries[url.findtext("s:loc", namespaces=SITEMAP_NS)] = url.findtext("s:lastmod", namespaces=SITEMAP_NS)
    return entries


def test_the_sitemap_holds_every_article_in_files_of_bounded_size(client, make_article, people, settings, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    category = CategoryFactory(slug="nutrition")
    articles = [put_live(make_article(title=f"Food {n}", category=category), people) for n in range(5)]
    index = client.get(reverse("sitemap")).content.decode()
    assert index.count("/sitemap-articles.xml") == 3  # 5 articles, 2 a file
    entries = sitemap_entries(client)
    assert all(f"http://testserver{url_of(article)}" in entries for article in articles)


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert (
        "Sitemap: http://testserver/sitemap.xml" in text
        and "Disallow: /admin/" in text
        and "Disallow: /preview/" in text
    )


def test_editorial_policy_page(client):
    PageFactory(slug="editorial-policy", title="Editorial policy", body="<p>Doctors review every article.</p>")
    html = client.get("/about/editorial-policy/").content.decode()
    assert "<h1>Editorial policy</h1>" in html and "Doctors review every article." in html


def test_not_found_page_is_in_the_site_design(client):
    response = client.get("/no-such-category/no-such-article/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'role="search"' in html and "site-header" in html


def test_server_error_page_renders_without_a_database():
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "Something went wrong" in html


# Query budgets. Each page's count is explained; none grows with the content.
# Every page: top-level categories for the navigation (1).


def test_article_page_queries_do_not_grow_with_citations(
    client, article, make_article, people, django_assert_num_queries
):
    few, many = make_article(title="One source", category=article.category), make_article(title="Many sources")
    CitationFactory(article=few)
    for _ in range(30):
        CitationFactory(article=many)
    one_citation, thirty_citations = url_of(put_live(few, people)), url_of(put_live(many, people))
    # article joined to its live version, category (and parent), writer and reviewer (1)
    # + "more in category" (1) + related articles (1) + navigation (1). Citations are part of the version.
    with django_assert_num_queries(4):
        client.get(one_citation)
    with django_assert_num_queries(4):
        client.get(thirty_citations)


def test_home_page_queries(client, article, django_assert_num_queries):
    # featured (1) + latest (1) + categories (1) + navigation (1)
    with django_assert_num_queries(4):
        client.get(reverse("articles:home"))


def test_category_page_queries(client, article, django_assert_num_queries):
    # category with parent (1) + subcategories (1) + page of articles (1) + navigation (1); no count (keyset pages)
    with django_assert_num_queries(4):
        client.get("/diseases/")


def test_search_page_queries(client, article, django_assert_num_queries):
    # count (1) + page of results (1) + navigation (1)
    with django_assert_num_queries(3):
        client.get(reverse("articles:search"), {"q": "dengue"})


def test_a_demo_article_page_has_every_element(client, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    html = client.get("/diabetes/type-2-diabetes/").content.decode()
    for element in [
        'aria-label="Breadcrumb"',
        "<h1>Type 2 diabetes",
        "Writer</dt>",
        "Medically reviewed by</dt>",
        "MD, Internal medicine",
        "Last updated</dt>",
        "<picture>",
        "Illustration: healthcms demo.",
        'id="toc-heading"',
        'href="#ref-3"',
        'id="ref-3"',
        'doi:<a href="https://doi.org/10.1056/NEJMoa012512"',
        "PMID: <a href=",
        "Copy link",
        'id="related-heading"',
        "How we write and review our articles",
        '"@type": "MedicalWebPage"',
        '"about": {"@type": "MedicalCondition"',
    ]:
        assert element in html, element
    assert client.get("/about/editorial-policy/").status_code == 200


def test_editors_edit_the_editorial_policy(client, people):
    page = PageFactory(slug="editorial-policy", title="Editorial policy")
    client.force_login(people["editor"])
    url = reverse("admin:articles_page_change", args=[page.pk])
    data = {
        "title": "Editorial policy",
        "slug": "editorial-policy",
        "body": "<p>Updated <script>x()</script>policy.</p>",
    }
    assert client.post(url, data).status_code == 302
    assert "Updated policy." in client.get("/about/editorial-policy/").content.decode()
    client.force_login(people["writer"])
    assert client.post(url, data).status_code == 403


def test_search_ranks_title_matches_first(client, make_article, people):
    # The title match is the older article: newest-first would list it second.
    put_live(make_article(title="Malaria", body="<p>A disease spread by mosquitoes.</p>"), people)
    put_live(make_article(title="Healthy sleep", body="<p>Sleep helps the body recover from malaria.</p>"), people)
    html = client.get(reverse("articles:search"), {"q": "malaria"}).content.decode()
    assert html.index(">Malaria</a>") < html.index(">Healthy sleep</a>")


# What the public and the doctor are told.


def test_the_byline_shows_the_review_moment_once(client, article):
    """Until an article can be re-reviewed without a new text, its last update is its last review: one date."""
    html = client.get(url_of(article)).content.decode()
    byline = re.search(r'<dl class="byline">.*?</dl>', html, re.DOTALL).group(0)
    assert "Medically reviewed by</dt>" in byline and "Last updated</dt>" in byline
    assert "Last medical review" not in html
    assert byline.count("<time") == 1


def test_times_are_given_to_the_second_as_html_allows(client, article):
    from datetime import datetime, timezone

    moment = datetime(2026, 3, 4, 10, 20, 30, 123456, tzinfo=timezone.utc)
    type(article.live_version).objects.filter(pk=article.live_version_id).update(reviewed_at=moment)
    Article.objects.filter(pk=article.pk).update(first_published_at=moment)
    for url in [url_of(article), "/diseases/", reverse("articles:home")]:
        html = client.get(url).content.decode()
        stamps = re.findall(r'(?:datetime|content)="(2026-03-04T[^"]*)"', html)
        assert stamps and set(stamps) == {"2026-03-04T10:20:30+00:00"}, url


def test_the_preview_of_a_draft_claims_no_medical_review(client, make_article, people):
    article = make_article(body="<p>Work in progress.</p>")
    client.force_login(people["writer"])
    html = client.get(reverse("articles:preview", args=[article.pk])).content.decode()
    assert "Medical review pending</dt>" in html and "dr Rita Reviewer" in html
    assert "Medically reviewed by" not in html and "Last updated" not in html and "<time" not in html
    page = json_ld(html)["@graph"][0]
    assert "reviewedBy" not in page and "lastReviewed" not in page and "dateModified" not in page


def test_the_preview_of_a_revision_claims_no_review_of_the_new_text(client, article, people):
    workflow.start_revision(article, by=people["writer"])
    client.force_login(people["writer"])
    html = client.get(reverse("articles:preview", args=[article.pk])).content.decode()
    assert "Medical review pending</dt>" in html and "Medically reviewed by" not in html


def test_the_sitemap_lists_people_as_readers_see_them(client, article, people):
    """Reassigning a live article's reviewer changes nobody's public page until the new version is approved."""
    workflow.start_revision(article, by=people["writer"])
    workflow.reassign(article, by=people["editor"], reviewer=people["other_reviewer"].reviewer_profile)
    sitemap = " ".join(sitemap_entries(client))
    assert "/reviewers/dr-rita-reviewer/" in sitemap
    assert "/reviewers/dr-oscar-reviewer/" not in sitemap
    assert "/authors/otto-writer/" not in sitemap


def test_feeds_send_the_summary_as_text_not_markup(client, article):
    type(article.live_version).objects.filter(pk=article.live_version_id).update(
        summary='Fever <img src=x onerror="alert(1)">'
    )
    for name in ["articles:feed", "articles:feed_atom"]:
        feed = ElementTree.fromstring(client.get(reverse(name)).content)
        texts = [
            element.text for element in feed.iter() if element.tag.rsplit("}", 1)[-1] in {"description", "summary"}
        ]
        summaries = [text for text in texts if text and "Fever" in text]
        assert summaries == ["Fever &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"], name


def test_pages_answer_head_requests(client, article):
    """Uptime monitors and link checkers ask with HEAD."""
    PageFactory(slug="editorial-policy")
    urls = [
        "/", "/diseases/", url_of(article), article.author.get_absolute_url(), article.live_version.reviewer.get_absolute_url(),
        reverse("articles:search") + "?q=dengue", "/about/editorial-policy/", "/robots.txt", reverse("sitemap"),
        reverse("articles:feed"), reverse("articles:feed_atom"),
    ]  # fmt: skip
    for url in urls:
        response = client.head(url)
        assert response.status_code == 200 and response.content == b"", url
    assert client.post("/").status_code == 405  # still not a form


def test_the_search_page_has_a_meta_description(client):
    html = client.get(reverse("articles:search")).content.decode()
    assert re.search(
        r'<meta name="description" content="Search the medically reviewed health articles of [^"]+\.">', html
    )


# Pre-rendered at approval: a request only fills in the page around it.


def test_the_article_page_serves_what_approval_rendered(client, article, monkeypatch):
    version = article.live_version
    assert 'id="symptoms"' in version.rendered_body and 'href="#ref-1"' in version.rendered_body
    assert [level for level, _, _ in version.toc] == [2, 2, 2] and 'id="ref-3"' in version.rendered_references

    def never(*args, **kwargs):
        raise AssertionError("parsed or formatted during a request")

    monkeypatch.setattr("articles.richtext.prepare", never)
    monkeypatch.setattr("references.formatting.vancouver", never)
    html = client.get(url_of(article)).content.decode()
    assert '<h2 id="warning-signs">Warning signs</h2>' in html and 'id="toc-heading"' in html and 'id="ref-3"' in html
