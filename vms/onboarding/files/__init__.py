"""Stored files (issue 17): a venture's logo or photo and documents, a program's welcome file.

``checking`` (pure) decides what a file is by its content and re-encodes images; ``storage``
keeps the bytes outside the web root; ``services`` writes rows and says who may see them;
``views`` upload, replace, remove and serve.
"""

from flask import Blueprint

bp = Blueprint("files", __name__)

from vms.onboarding.files import views as _views  # noqa: E402,F401
