"""Flask extensions, created unbound and attached to the app in ``create_app``."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from vms import gc_safe_states
from vms.database import Base

# Before any row is loaded: see the module's docstring (a CPython 3.11 crash).
gc_safe_states.install()

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
