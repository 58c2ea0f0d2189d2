from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_view, name="search"),
    path("authors/<slug:slug>/", views.author_detail, name="author"),
    path("reviewers/<slug:slug>/", views.reviewer_detail, name="reviewer"),
    path("about/<slug:slug>/", views.page_detail, name="page"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("feeds/latest/", views.public_page(feeds.LatestArticlesFeed()), name="feed"),
    path("feeds/latest/atom/", views.public_page(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("feeds/<slug:slug>/", views.public_page(feeds.CategoryFeed()), name="category_feed"),
    path("feeds/<slug:slug>/atom/", views.public_page(feeds.CategoryAtomFeed()), name="category_feed_atom"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("<slug:slug>/", views.category_detail, name="category"),
    path("<slug:category_slug>/<slug:slug>/", views.article_detail, name="article"),
]
