"""The evidence on the web: an agreement's sealed PDF, and the public verification page.

The verification page says whether a PDF (or a code) is an agreement this installation
issued, unaltered, and who signed it when: nothing more (``queries.verified_by_code``).
Checking is read-only, so a POST shows its answer directly instead of redirecting.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import StringField
from wtforms.validators import Length, Optional

from vms.agreements import bp, keys, pdf, queries, seal, verify
from vms.agreements.document import Verified
from vms.agreements.verify import Problem
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.errors import ERROR_TEXTS
from vms.i18n import lazy_gettext as _l

#: Longer than any code we print; a longer "code" is unknown without a lookup.
CODE_MAX_LENGTH = 40


class VerifyForm(FlaskForm):
    document = FileField(_l("The agreement's PDF"))
    code = StringField(
        _l("Or the verification code printed on it"),
        validators=[Optional(), Length(max=CODE_MAX_LENGTH)],
        filters=[lambda value: "".join((value or "").split()).upper()],
    )

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not self.document.data and not self.code.data:
            self.document.errors.append(_("Choose the PDF to check, or type its code."))
            return False
        return True


@dataclass(frozen=True)
class Verdict:
    """What the page shows: whether the PDF or code checks out, why, and what it names."""

    ok: bool
    message: str
    verified: Verified | None = None


@bp.route("/p/<program_slug>/agreements/<int:agreement_id>/agreement.pdf")
@program_view()
def download_pdf(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    document = queries.document_for(agreement)
    document = replace(document, labels={**pdf_labels(), **document.labels})
    identity = keys.signing_identity()
    sealed = seal.seal(pdf.render(document), identity.key, identity.cert)
    response = Response(sealed, mimetype="application/pdf")
    filename = f"agreement-{agreement.id}-v{document.version}.pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # It carries names, IP addresses and user agents: no shared cache may keep it.
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/verify", methods=["GET", "POST"], endpoint="verify")
def verify_document():
    form = VerifyForm()
    verdict = None
    if form.validate_on_submit():
        if form.document.data:
            verdict = _verdict_for_upload(form.document.data.read())
        else:
            verdict = _verdict_for_code(form.code.data)
    elif request.method == "GET" and request.args.get("code"):
        verdict = _verdict_for_code(request.args["code"][:CODE_MAX_LENGTH])
    return render_template("agreements/verify.html", form=form, verdict=verdict)


@bp.route("/verify/<code>")
def verify_code(code: str):
    """The address in the PDF's QR code: the same answer as typing the code."""
    form = VerifyForm(formdata=None, code=code[:CODE_MAX_LENGTH])
    verdict = _verdict_for_code(code[:CODE_MAX_LENGTH])
    return render_template("agreements/verify.html", form=form, verdict=verdict)


@bp.errorhandler(RequestEntityTooLarge)
def upload_too_large(error: RequestEntityTooLarge):
    """An upload over MAX_CONTENT_LENGTH: say so on the verification page itself."""
    if request.endpoint != "agreements.verify":
        title, text = ERROR_TEXTS[413]
        return render_template("errors/error.html", code=413, title=title, text=text), 413
    # The body was refused unread, so the form must not look at it.
    form = VerifyForm(formdata=None)
    verdict = Verdict(False, _("This file is too large to be an agreement issued here."))
    return render_template("agreements/verify.html", form=form, verdict=verdict), 413


def _verdict_for_upload(data: bytes) -> Verdict:
    checked = verify.check(data, keys.signing_identity().cert)
    if not checked.ok:
        return Verdict(False, _problem_message(checked.problem))
    verified = queries.verified_by_code(checked.code or "")
    if verified is None:
        return Verdict(False, _("This PDF was sealed here, but names no agreement issued here."))
    return Verdict(True, _("This PDF was issued here and has not changed since."), verified)


def _verdict_for_code(code: str) -> Verdict:
    verified = queries.verified_by_code(code)
    if verified is None:
        return Verdict(False, _("No agreement issued here has this code. Check how it was typed."))
    message = _(
        "This code belongs to an agreement issued here. Compare what it says with your copy, "
        "or upload the PDF to check that it has not changed."
    )
    return Verdict(True, message, verified)


def _problem_message(problem: Problem | None) -> str:
    messages = {
        Problem.NOT_PDF: _("This file is not a PDF."),
        Problem.NO_SIGNATURE: _("This PDF carries no seal, so it was not issued here."),
        Problem.OTHER_KEY: _("This PDF was sealed by someone else, not by this installation."),
        Problem.ALTERED: _("This PDF was changed after it was issued, or it is damaged."),
    }
    return messages.get(problem, messages[Problem.ALTERED])


def pdf_labels() -> dict[str, str]:
    """The PDF's labels in the reader's language (keys of ``pdf.DEFAULT_LABELS``)."""
    return {
        "version": _("Version"), "status": _("Status"), "issued_at": _("Issued"),
        "text_sha256": _("SHA-256 of the text"), "agreement": _("Agreement"),
        "plan": _("One-page plan"), "signatures": _("Signatures"),
        "no_signatures": _("No one has signed yet."), "name": _("Name"),
        "typed_name": _("Typed name"), "party": _("Party"), "signed_at": _("Signed"),
        "ip_address": _("IP address"), "user_agent": _("User agent"),
        "superseded": _("Superseded: signed an earlier version of the text"),
        "trail": _("Audit trail"), "when": _("When"), "what": _("What"), "who": _("Who"),
        "verification": _("Verification"), "verification_code": _("Verification code"),
        "verify_at": _("Check this document at"),
        "verify_hint": _(
            "The PDF is sealed by this installation: a PDF reader shows whether it changed "
            "since it was issued. Upload it, or type the code, on the verification page."
        ),
        "page": _("Page"),
    }  # fmt: skip
