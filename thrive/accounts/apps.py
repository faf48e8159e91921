from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "thrive.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Registers the proxy set-up check that `thrive check --deploy` runs.
        from thrive.lib import proxy  # noqa: F401
        from thrive.lib.forms import use_warm_messages

        use_warm_messages()
