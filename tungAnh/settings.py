"""Settings for tungAnh, read from environment variables with safe local defaults.

DATABASE_URL         default: SQLite file db.sqlite3 beside manage.py (PostgreSQL in production)
SECRET_KEY           required when DEBUG is off: at least 50 characters
DEBUG                "1"/"true" to turn on; on by default for a local checkout
ALLOWED_HOSTS        comma-separated; default 127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS comma-separated origins ("https://tcds.hatinh.gov.vn"), when behind a proxy
TRUSTED_PROXY_COUNT  how many reverse proxies (nginx) stand in front: 0 by default. Only then
                     are X-Forwarded-Proto (HTTPS) and X-Forwarded-For (client address) believed.
STATIC_ROOT          where collectstatic writes; default staticfiles/ beside manage.py
MEDIA_ROOT           where issued documents are stored; default media/ beside manage.py
DOCUMENT_STORAGE     "s3" keeps them in an S3-compatible object store (django-storages' AWS_* settings)
REDIS_URL            the cache (public pages, request limits): redis://127.0.0.1:6379/0 in production;
                     unset, each process keeps a local-memory cache
LOG_LEVEL            default INFO (one line per issued document; warnings and errors)
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG", True)

DEVELOPMENT_SECRET_KEY = "insecure-local-development-key-never-used-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY == DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG is off "
        "(make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Reverse proxies in front (nginx terminating TLS). Their headers are believed only when
# this says they are there: otherwise anyone could claim HTTPS or another address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "lib.apps.AxesConfig",  # axes, named in Vietnamese in the admin
    "lib.apps.LibConfig",
    "auditlog",
    "teams",
    "accounts",
    "documents",
    "decisions",
    "reports",
    "joining",
    "residents",
    "integrity",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lib.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the visitor chose otherwise; the browser's Accept-Language is not asked.
    "lib.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lib.middleware.AuditlogMiddleware",
    # Last, as its documentation asks: it turns locked-out logins into a 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Throttles repeated failed logins before checking passwords (lib/throttling.py).
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the official with the user (accounts/backends.py).
    "accounts.backends.OfficialBackend",
]
# Five failures of one username from one address lock that pair; twenty failures of one
# username over all addresses lock the username, so guesses spread over many addresses do
# not help, while one address alone (locked at five) cannot lock a user out for everyone.
AXES_HANDLER = "lib.throttling.LoginThrottleHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
USERNAME_FAILURE_LIMIT = int(os.environ.get("USERNAME_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = 0.25  # hours: a locked-out login may try again after 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "lib.throttling.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Issuing a document on PostgreSQL (documents/lifecycle.py): how long to wait for the number
# sequence's lock, how long one statement may run, how long the transaction may sit idle
# (a render that hangs) before PostgreSQL ends it and releases the lock.
ISSUING_LOCK_TIMEOUT = os.environ.get("ISSUING_LOCK_TIMEOUT", "10s")
ISSUING_STATEMENT_TIMEOUT = os.environ.get("ISSUING_STATEMENT_TIMEOUT", "30s")
ISSUING_IDLE_TIMEOUT = os.environ.get("ISSUING_IDLE_TIMEOUT", "60s")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

ROOT_URLCONF = "tungAnh.urls"

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
                "lib.context_processors.languages",
                "lib.context_processors.signing",
                "tungAnh.menu.context",
            ],
        },
    },
]

WSGI_APPLICATION = "tungAnh.wsgi.application"

try:
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL is not a database address ({str(error).split('. ')[0]}); "
        "expected postgres://user:password@host:5432/name"
    ) from None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
# Each language is named in itself, so anyone can find theirs.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Issued PDFs, named by their SHA-256 (documents/storage.py): same name, same bytes.
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"allow_overwrite": True},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

if os.environ.get("DOCUMENT_STORAGE") == "s3":
    # django-storages reads its AWS_* settings; only these are taken from the environment.
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": True,
        },
    }
    if not STORAGES["documents"]["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("DOCUMENT_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")

# The cache holds the public team pages and the help requests' limit per address
# (residents/). Production shares one Redis among the workers; without REDIS_URL each
# process keeps its own local-memory cache (the embedded default).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # Several sites (or test runs) may share one Redis: each keeps to its own prefix.
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Readers' pages kept until a write may change them (lib/page_cache.py): only where every
# worker sees the same cache, so on with REDIS_URL; PAGE_CACHE=0 turns it off.
PAGE_CACHE = bool(os.environ.get("REDIS_URL")) and os.environ.get("PAGE_CACHE", "1") != "0"
# Sessions read from the cache, written through to the database: no query per page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60  # a chosen language is kept for a year
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"  # the document preview view alone allows framing by our own pages

if not DEBUG:
    # In production the app serves its own static files (after `collectstatic`): no CDN.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
    LANGUAGE_COOKIE_SECURE = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# One line per issued document and every warning or error, to stderr (systemd's journal);
# nothing personal: users by id, never a name, a phone or an address.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "tungAnh": {"level": os.environ.get("LOG_LEVEL", "INFO")},
        # django-axes logs usernames and addresses with every failed login.
        "axes": {"level": "ERROR"},
    },
}

# Digital signatures on issued documents (documents/signing.py; README, "Signing issued
# documents"): "none" (printed and signed by hand), "pkcs12", "pkcs11", or the dotted path
# of a SigningBackend class (a remote signing service). Passphrases and PINs are read from
# the environment when a document is signed (DOCUMENT_SIGNING_PKCS12_PASSPHRASE,
# DOCUMENT_SIGNING_PKCS11_PIN), never kept here.
DOCUMENT_SIGNING_BACKEND = os.environ.get("DOCUMENT_SIGNING_BACKEND", "none")
DOCUMENT_SIGNING_PKCS12_SIGNER = os.environ.get("DOCUMENT_SIGNING_PKCS12_SIGNER", "")
DOCUMENT_SIGNING_PKCS12_SEAL = os.environ.get("DOCUMENT_SIGNING_PKCS12_SEAL", "")
DOCUMENT_SIGNING_PKCS11_MODULE = os.environ.get("DOCUMENT_SIGNING_PKCS11_MODULE", "")
DOCUMENT_SIGNING_PKCS11_TOKEN = os.environ.get("DOCUMENT_SIGNING_PKCS11_TOKEN", "")
DOCUMENT_SIGNING_PKCS11_SIGNER_KEY = os.environ.get("DOCUMENT_SIGNING_PKCS11_SIGNER_KEY", "signer")
DOCUMENT_SIGNING_PKCS11_SEAL_KEY = os.environ.get("DOCUMENT_SIGNING_PKCS11_SEAL_KEY", "seal")
# The CA certificates a signing certificate must chain to (PEM or DER files), local CRLs,
# and whether to fetch OCSP responses and CRLs online (then revocation data is embedded).
DOCUMENT_SIGNING_TRUST_ROOTS = env_list("DOCUMENT_SIGNING_TRUST_ROOTS")
DOCUMENT_SIGNING_CRLS = env_list("DOCUMENT_SIGNING_CRLS")
DOCUMENT_SIGNING_FETCH_REVOCATION = env_flag("DOCUMENT_SIGNING_FETCH_REVOCATION", False)
# An RFC 3161 timestamp server: each signature is then timestamped (PAdES B-T).
DOCUMENT_SIGNING_TIMESTAMP_URL = os.environ.get("DOCUMENT_SIGNING_TIMESTAMP_URL", "")
