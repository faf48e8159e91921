from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from thrive.accounts.forms import ChangePasswordForm
from thrive.accounts.views import coder_name, login, two_factor

app_name = "accounts"

urlpatterns = [
    path("login/", login_not_required(login.LoginView.as_view()), name="login"),
    path("login/code/", login.login_code, name="login_code"),
    path("logout/", login.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            form_class=ChangePasswordForm,
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("two-factor/", two_factor.set_up, name="two_factor"),
    path("two-factor/off/", two_factor.turn_off, name="two_factor_off"),
    path("coder-name/", coder_name.coder_name, name="coder_name"),
]
