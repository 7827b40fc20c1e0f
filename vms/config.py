"""Default settings. Nothing here reads the environment: ``create_app`` layers
``instance/config.py`` and ``VMS_*`` variables on top of these."""

from datetime import timedelta

#: "production" (the safe default), "development" (``make run``) or "testing".
ENV = "production"

#: Development-only key; ``create_app`` refuses to start in production with it.
DEV_SECRET_KEY = "dev-insecure-secret-key-change-me"
SECRET_KEY = DEV_SECRET_KEY

#: None means ``sqlite:///<instance folder>/vms.sqlite3`` (filled in by create_app).
DATABASE_URL = None
SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

# Cookies: HttpOnly and SameSite=Lax always; Secure is switched on outside
# development and testing by create_app (plain-HTTP localhost needs it off).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = None
REMEMBER_COOKIE_NAME = "remember_token"
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_SECURE = None
REMEMBER_COOKIE_DURATION = timedelta(days=14)
PERMANENT_SESSION_LIFETIME = timedelta(days=14)

#: Requests larger than this are refused with 413 (Flask leaves it unset).
MAX_CONTENT_LENGTH = 2 * 1024 * 1024
MAX_FORM_MEMORY_SIZE = 500 * 1024
#: One uploaded file (a logo, a deck, a welcome file) may be this large; only the upload
#: views take a request that size (vms/input_guard.py). Files live in UPLOAD_DIR, outside the
#: web root (None: ``<instance folder>/uploads``).
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_DIR = None

WTF_CSRF_TIME_LIMIT = 8 * 3600

#: Werkzeug's scrypt: memory-hard (2**15 × 8 × 1 uses 32 MiB per hash).
PASSWORD_HASH_METHOD = "scrypt:32768:8:1"
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 1024

#: Failed sign-ins per account before each further try must wait, and before a lock.
LOGIN_SLOWDOWN_AFTER = 3
LOGIN_LOCK_AFTER = 8
LOGIN_LOCK_MINUTES = 15

PASSWORD_RESET_HOURS = 2
INVITATION_DAYS = 14

# Mail: "smtp" delivers through MAIL_SERVER; "log" writes messages to the log
# (the development default, so a laptop needs no mail server).
MAIL_BACKEND = "smtp"
MAIL_SERVER = "localhost"
MAIL_PORT = 25
MAIL_USE_TLS = False
MAIL_USE_SSL = False
MAIL_USERNAME = None
MAIL_PASSWORD = None
MAIL_DEFAULT_SENDER = "VMS <no-reply@localhost>"
MAIL_TIMEOUT = 10

#: The public address used in emailed links when no request is at hand.
BASE_URL = "http://127.0.0.1:5000"

LANGUAGES = {"en": "English", "es": "Español"}
BABEL_DEFAULT_LOCALE = "en"
BABEL_DEFAULT_TIMEZONE = "UTC"
BABEL_TRANSLATION_DIRECTORIES = "translations"

# Agreements: the installation's key that seals agreement PDFs (PAdES). Paths to PEM files;
# when neither is set, a key and a self-signed certificate are made once in the instance folder.
AGREEMENTS_SIGNING_KEY = None
AGREEMENTS_SIGNING_CERT = None
#: Minutes a password check stays fresh enough to sign an agreement.
AGREEMENT_SIGN_IN_FRESH_MINUTES = 5
