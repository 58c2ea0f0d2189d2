"""
Property-based attacks (hypothesis): arbitrary text, HTML, unicode and huge
inputs at the sanitizer, the citation checks, the admin article form and every
public URL parameter. No input gives a 500; no script survives into a page.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import richtext, workflow
from articles.sanitize import clean_html
from references.validators import normalize_doi, normalize_pmid, validate_doi, validate_pmid

from .factories import ArticleFactory, AuthorFactory, CategoryFactory, MedicalReviewerFactory, UserFactory

# GET-only or rolled-back examples share the test's database state safely.
DB_EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# What would run in a reader's browser: script-bearing elements, event-handler attributes, script URLs.
DANGEROUS = re.compile(
    r"<(script|iframe|object|embed|style|svg|math)\b|<[^>]*\son\w+\s*=|<[^>]*(href|src)\s*=\s*[\"']?\s*(javascript|vbscript|data):",
    re.I,
)

tags = st.sampled_from(
    ["p", "h2", "a", "script", "img", "iframe", "svg", "sup", "div", "style", "object", "math", "li"]
)
attributes = st.sampled_from(
    ['href="javascript:alert(1)"', "onerror=alert(1)", 'onclick="x()"', 'src="data:text/html,<script>"', 'style="x:expression(1)"',
     'href="https://www.who.int/"', 'href="JaVaScRiPt:alert(1)"', 'href="java&#x09;script:alert(1)"', 'xmlns="x"', ""]
)  # fmt: skip
fragments = st.one_of(
    st.text(max_size=40),
    st.builds(lambda t, a, body: f"<{t} {a}>{body}</{t}>", tags, attributes, st.text(max_size=20)),
    st.builds(lambda t, a: f"<{t} {a}>", tags, attributes),
    st.sampled_from(
        ["<!--", "-->", "<![CDATA[", "]]>", "</", "<sup>[1]</sup>", "&lt;script&gt;", "\x00", "<scr<script>ipt>"]
    ),
)
html = st.lists(fragments, max_size=12).map("".join)


class _Executable(HTMLParser):
    """Parses a whole page and keeps whatever a browser would run: inline scripts, on* handlers, script URLs."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (
            tag == "script"
            and "src" not in attrs
            and attrs.get("type") not in {"application/json", "application/ld+json"}
        ):
            self.found.append("inline <script>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in {"href", "src", "action", "formaction"} and re.match(
                r"\s*(javascript|vbscript|data):", value or "", re.I
            ):
                self.found.append(f"{name}={value!r} on <{tag}>")


def executable_parts(page):
    return _Executable(page).found


@given(html)
@settings(max_examples=300, deadline=None)
def test_no_script_survives_the_sanitizer(dirty):
    cleaned = clean_html(dirty)
    assert not DANGEROUS.search(cleaned), cleaned
    assert not DANGEROUS.search(clean_html(cleaned))  # nor after saving again


@given(html, st.integers(min_value=0, max_value=40))
@settings(max_examples=200, deadline=None)
def test_preparing_any_clean_body_for_readers_never_fails(dirty, references):
    body = richtext.prepare(clean_html(dirty), references)
    assert not DANGEROUS.search(body.html)


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_citation_identifiers_are_either_accepted_or_explained(value):
    for normalize, validate in [(normalize_doi, validate_doi), (normalize_pmid, validate_pmid)]:
        try:
            validate(normalize(value))
        except ValidationError as error:
            assert error.messages


@pytest.fixture
def published(db, roles):
    article = ArticleFactory(title="Dengue", slug="dengue", category=CategoryFactory(slug="diseases"))
    workflow.submit(article, by=article.author.user)
    workflow.approve(article, by=article.reviewer.user)
    return article


@pytest.mark.django_db
@given(query=st.text(max_size=300), page=st.text(max_size=20))
@DB_EXAMPLES
def test_search_and_pagination_parameters(client, published, query, page):
    response = client.get(reverse("articles:search"), {"q": query, "page": page})
    assert response.status_code == 200
    assert executable_parts(response.content.decode()) == []


@pytest.mark.django_db
@given(segment=st.text(min_size=1, max_size=80), page=st.text(max_size=20))
@DB_EXAMPLES
def test_any_address_gives_a_page_or_not_found(client, published, segment, page):
    for url in [
        f"/{segment}/",
        f"/diseases/{segment}/",
        f"/authors/{segment}/",
        f"/feeds/{segment}/",
        f"/about/{segment}/",
    ]:
        response = client.get(url, {"page": page})
        assert response.status_code in {200, 301, 302, 404}, url


@pytest.fixture
def writer(db, roles):
    user = UserFactory(is_staff=True, roles=["Writer"])
    return AuthorFactory(user=user)


huge = st.integers(min_value=1_000, max_value=50_000).map(lambda n: "é漢<" * n)
text = st.one_of(st.text(max_size=400), huge, html)


@pytest.mark.django_db
@given(
    title=text,
    summary=text,
    body=html,
    citation_title=text,
    doi=st.text(max_size=60),
    pmid=st.text(max_size=15),
    url=text,
)
@DB_EXAMPLES
def test_article_form_takes_anything_without_error_and_stores_no_script(
    client, writer, title, summary, body, citation_title, doi, pmid, url
):
    client.force_login(writer.user)
    data = {
        "title": title, "slug": "fuzzed", "category": CategoryFactory().pk, "summary": summary, "body": body,
        "author": writer.pk, "reviewer": MedicalReviewerFactory().pk,
        "citations-TOTAL_FORMS": 1, "citations-INITIAL_FORMS": 0, "citations-MIN_NUM_FORMS": 0, "citations-MAX_NUM_FORMS": 1000,
        "citations-0-title": citation_title, "citations-0-doi": doi, "citations-0-pmid": pmid, "citations-0-url": url,
    }  # fmt: skip
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code in {200, 302}
    from articles.models import Article

    saved = Article.objects.filter(slug="fuzzed").first()
    if saved is not None:
        assert not DANGEROUS.search(saved.body)
        preview = client.get(reverse("articles:preview", args=[saved.pk]))
        assert preview.status_code in {200, 404}
        assert executable_parts(preview.content.decode()) == []
        saved.citations.all().delete()
        saved.delete()


@pytest.fixture
def editor(db, roles):
    return UserFactory(is_staff=True, roles=["Editor"])


# Every other form of the workspace, with every text field fuzzed at once.
FORMS = {
    "articles_category": ["name", "slug", "description", "position", "condition"],
    "articles_author": ["name", "slug", "credentials", "bio"],
    "articles_medicalreviewer": ["name", "slug", "credentials", "registration_number", "bio", "user"],
    "articles_page": ["title", "slug", "body"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("form", FORMS)
def test_every_admin_form_takes_anything_without_error(client, editor, form):
    client.force_login(editor)
    url = reverse(f"admin:{form}_add")

    @given(st.fixed_dictionaries({field: text for field in FORMS[form]}))
    @DB_EXAMPLES
    def post(data):
        response = client.post(url, data)
        assert response.status_code in {200, 302}
        assert executable_parts(response.content.decode()) == []

    post()


@pytest.mark.django_db
@given(username=text, password=text, token=st.text(max_size=20))
@DB_EXAMPLES
def test_the_login_form_takes_anything_without_error(client, username, password, token):
    response = client.post(reverse("admin:login"), {"username": username, "password": password, "otp_token": token})
    assert response.status_code == 200


# Every admin list, with every parameter it knows given values no form would send.
ODD_VALUES = ["99999999999", "10000", "-1", "abc", "", "\x00", "2026-13-45", "' OR 1=1 --", "9" * 400]


def admin_lists():
    from django.contrib import admin

    return sorted((model._meta.label_lower, model_admin) for model, model_admin in admin.site._registry.items())


def changelist_parameters(model_admin, request):
    """The query parameters ``model_admin``'s list reads: its filters, date drill-down, ordering, page, search…"""
    names = {"o", "p", "q", "e", "all", "_to_field", "_popup", "no_such_field__exact"}
    changelist = model_admin.get_changelist_instance(request)
    for spec in changelist.filter_specs:
        names |= set(spec.expected_parameters())
    if model_admin.date_hierarchy:
        names |= {f"{model_admin.date_hierarchy}__{part}" for part in ["year", "month", "day"]}
    return sorted(names)


@pytest.mark.django_db
@pytest.mark.parametrize("label, model_admin", admin_lists(), ids=[label for label, _ in admin_lists()])
def test_admin_lists_answer_any_query_parameter_without_a_500(
    admin_client, admin_user, rf, published, label, model_admin
):
    # ``published``: something in every list, and filters with choices to offer.
    request = rf.get("/")
    request.user = admin_user
    url = reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_changelist")
    admin_client.raise_request_exception = False
    failures = []
    for name in changelist_parameters(model_admin, request):
        for value in ODD_VALUES:
            status = admin_client.get(url, {name: value}).status_code
            if status >= 500:
                failures.append(f"{name}={value[:20]!r}: {status}")
    # The date drill-down as a whole, at the calendar's edges.
    if model_admin.date_hierarchy:
        field = model_admin.date_hierarchy
        for year, month, day in [
            ("9999", "12", "31"),
            ("9999", "12", ""),
            ("1", "1", "1"),
            ("2026", "2", "30"),
            ("2026", "0", "1"),
        ]:
            query = {f"{field}__year": year, f"{field}__month": month, f"{field}__day": day}
            status = admin_client.get(url, {k: v for k, v in query.items() if v}).status_code
            if status >= 500:
                failures.append(f"{query}: {status}")
    assert failures == []
