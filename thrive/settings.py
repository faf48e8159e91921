"""Thrive's one settings module, driven by environment variables.

Every value comes through a tiny helper that refuses bad input with a clear
message, so a misconfigured server stops at start-up, not mid-request.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no setting; anything but a clear yes or no is refused."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.strip().lower() in TRUE_WORDS:
        return True
    if raw.strip().lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated list setting."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, minimum: int = 0) -> int:
    """Read a whole-number setting; anything else, or a number below the minimum, is refused."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        value = None
    if value is None or value < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of {minimum} or more, not {raw!r}."
        )
    return value


def keep_private(path: Path, mode: int) -> None:
    """Make a file or folder of personal data readable by Thrive's own user only."""
    try:
        if path.exists() and path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:
        pass  # owned by someone else: `thrive check --deploy` cannot fix that either


def data_dir() -> Path:
    """The folder that holds the database, uploads and the secret key; must be writable.

    Everything Thrive creates is private to its own user (umask 077): the folder is 0700,
    and the database, secret key and uploads inside it 0600.
    """
    os.umask(0o077)
    path = Path(os.environ.get("THRIVE_DATA_DIR", "var")).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        keep_private(path, 0o700)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        raise ImproperlyConfigured(
            f"The data folder {path} is not writable ({error.strerror}). "
            "Choose another with THRIVE_DATA_DIR."
        ) from error
    return path


def secret_key(folder: Path) -> str:
    """The secret key from THRIVE_SECRET_KEY, or one generated into the data folder."""
    if os.environ.get("THRIVE_SECRET_KEY"):
        return os.environ["THRIVE_SECRET_KEY"]
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
    keep_private(key_file, 0o600)
    return key_file.read_text().strip()


def trusted_proxy(raw: str) -> str:
    """The one address whose X-Forwarded-* headers waitress believes: an IP address, * or empty."""
    raw = raw.strip()
    if raw in {"", "*"}:
        return raw
    try:
        return str(ipaddress.ip_address(raw.strip("[]")))
    except ValueError:
        raise ImproperlyConfigured(
            f"THRIVE_TRUSTED_PROXY must be the proxy's IP address (such as 127.0.0.1), not {raw!r}."
        ) from None


def database(folder: Path) -> dict:
    """SQLite in the data folder, or the database named by DATABASE_URL."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        for name in ("thrive.sqlite3", "thrive.sqlite3-wal", "thrive.sqlite3-shm"):
            keep_private(folder / name, 0o600)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": folder / "thrive.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    if not url.startswith(("postgres://", "postgresql://", "sqlite://")):
        scheme = url.split(":", 1)[0]
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgresql:// or sqlite:// (got {scheme}://)."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {error}") from error
    if config.get("ENGINE", "").endswith("postgresql"):
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config


def jobs_backend(name: str) -> dict:
    """Where background jobs wait: the database (default, no extra server) or RQ on Redis."""
    name = name.strip().lower()
    if name == "database":
        return {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    if name == "rq":
        return {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    raise ImproperlyConfigured(f"THRIVE_JOBS_BACKEND must be database or rq, not {name!r}.")


def redis_url(url: str) -> str:
    """The Redis server RQ uses; only read when THRIVE_JOBS_BACKEND is rq."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"THRIVE_REDIS_URL must start with redis://, rediss:// or unix:// (got {url!r})."
        )
    return url


DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("THRIVE_DEBUG")
HTTPS = env_bool("THRIVE_HTTPS")
ALLOWED_HOSTS = env_list("THRIVE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("THRIVE_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "thrive.accounts",
    "thrive.audit",
    "thrive.framework",
    "thrive.journeys",
    "thrive.inquiry",
    "thrive.economics",
    "thrive.reports",
    "thrive.files",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "thrive.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thrive.lib.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "thrive.lib.uploads.RequestSizeLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "thrive.accounts.two_factor.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thrive.urls"
WSGI_APPLICATION = "thrive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thrive.accounts.context.branding",
            ],
        },
    },
]

# Widgets render through the templates above, so thrive/templates/django/forms/ can word them.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {"default": jobs_backend(os.environ.get("THRIVE_JOBS_BACKEND", "database"))}
RQ_QUEUES = {
    "default": {
        "URL": redis_url(os.environ.get("THRIVE_REDIS_URL", "redis://127.0.0.1:6379/0")),
        "DEFAULT_TIMEOUT": 60 * 60,
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "thrive_cache",
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Two-factor sign-in (django-otp TOTP): open to everyone, required for coordinators by choice.
THRIVE_REQUIRE_2FA_FOR_COORDINATORS = env_bool("THRIVE_REQUIRE_2FA_FOR_COORDINATORS")
OTP_TOTP_ISSUER = os.environ.get("THRIVE_SERVICE_NAME", "Thrive")
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "reports:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: the locked-out page says "15 minutes" from this
# One name at one address (a nested list means the pair): wrong passwords for an
# invented name lock nobody else out, and the same name can still log in elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "thrive.accounts.lockout.locked_out"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # so "wait 15 minutes" stays true
AXES_CLIENT_IP_CALLABLE = "thrive.lib.proxy.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("THRIVE_TIME_ZONE", "Europe/London")
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "uploads"
keep_private(MEDIA_ROOT, 0o700)

STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if os.environ.get("THRIVE_STORAGE", "").lower() == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("THRIVE_S3_BUCKET", "thrive"),
            "endpoint_url": os.environ.get("THRIVE_S3_ENDPOINT_URL") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }

FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Uploads: form fields (a pasted transcript) up to 6 MB; files above 2.5 MB stream to a
# temporary file rather than memory; at most 20 files a request (a batch of transcripts);
# and no request over the largest upload Thrive accepts (a 100 MB project file plus its
# form), refused unread with a 413 page by thrive.lib.uploads.
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Interview recordings (transcribed on this machine) may be larger than other uploads.
THRIVE_MAX_AUDIO_BYTES = env_int("THRIVE_MAX_AUDIO_BYTES", 100 * 1024 * 1024, minimum=1)
THRIVE_MAX_REQUEST_BYTES = max(101 * 1024 * 1024, THRIVE_MAX_AUDIO_BYTES + 1024 * 1024)
# The speech model: empty is the bundled Whisper tiny.en; otherwise a CTranslate2 Whisper
# model folder the trust installs (small.en, or a multilingual model, which hears
# THRIVE_SPEECH_LANGUAGE, such as "cy", or detects the language when that is empty).
THRIVE_SPEECH_MODEL = os.environ.get("THRIVE_SPEECH_MODEL", "").strip()
THRIVE_SPEECH_LANGUAGE = os.environ.get("THRIVE_SPEECH_LANGUAGE", "").strip().lower()

# Messages (such as "Saved on Ada's timeline") live in the server-side session, so
# no name travels in a readable cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("THRIVE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a proxy, `thrive serve` tells waitress to believe X-Forwarded-For and
# X-Forwarded-Proto from TRUSTED_PROXY only (thrive/lib/proxy.py); from anyone else
# waitress clears them, so the header Django reads below cannot be forged.
BEHIND_PROXY = env_bool("THRIVE_BEHIND_PROXY")
TRUSTED_PROXY = trusted_proxy(os.environ.get("THRIVE_TRUSTED_PROXY", "127.0.0.1"))
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

THRIVE_SERVICE_NAME = os.environ.get("THRIVE_SERVICE_NAME", "Thrive")
THRIVE_ACCENT_COLOUR = os.environ.get("THRIVE_ACCENT_COLOUR", "#2f6f5e")
# Uploads for import larger than this many bytes are imported by a background job.
THRIVE_INLINE_IMPORT_BYTES = env_int("THRIVE_INLINE_IMPORT_BYTES", 1_048_576)
# Retention for `thrive housekeeping` (0 keeps forever); see docs/operations.md.
THRIVE_KEEP_UNMATCHED_REFERRALS_MONTHS = env_int("THRIVE_KEEP_UNMATCHED_REFERRALS_MONTHS", 24)
THRIVE_KEEP_FINISHED_JOBS_DAYS = env_int("THRIVE_KEEP_FINISHED_JOBS_DAYS", 90)
# Days between a participant withdrawing from an inquiry and housekeeping erasing them.
THRIVE_WITHDRAWAL_GRACE_DAYS = env_int("THRIVE_WITHDRAWAL_GRACE_DAYS", 14)
# Days a participant's member-check link works, and the address links printed by commands use.
THRIVE_MEMBER_CHECK_DAYS = env_int("THRIVE_MEMBER_CHECK_DAYS", 28, minimum=1)
THRIVE_BASE_URL = os.environ.get("THRIVE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The text model search by meaning uses: the dotted path of a factory returning a TextModel.
THRIVE_TEXT_MODEL = os.environ.get(
    "THRIVE_TEXT_MODEL", "thrive.inquiry.core.text_model.bundled_model"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
