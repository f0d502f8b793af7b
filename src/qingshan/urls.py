from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from qingshan.api.urls import api
from qingshan.portal import views as portal_views

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("plans/", include("qingshan.plans.urls")),
    path("reporting/", include("qingshan.reporting.urls")),
    path("monitoring/", include("qingshan.monitoring.urls")),
    path("indicators/", include("qingshan.indicators.urls")),
    path("assessment/", include("qingshan.assessment.urls")),
    path("polluters/", include("qingshan.polluters.urls")),
    path("tipoffs/", include("qingshan.tipoffs.urls")),
    path("open-data/", include("qingshan.portal.urls")),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
]
