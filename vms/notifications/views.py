"""The person's notification choices, and the one-click unsubscribe every non-essential email
links to (RFC 8058)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from vms.extensions import csrf, db
from vms.notifications import bp, preferences
from vms.notifications.categories import Choice
from vms.notifications.forms import PreferencesForm
from vms.notifications.labels import CATEGORY_NAMES
from vms.notifications.unsubscribe import read_token


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def edit_preferences():
    form = PreferencesForm()
    if form.validate_on_submit():
        preferences.save_choices(current_user, form.chosen())
        db.session.commit()
        flash(_("Your email choices are saved."), "success")
        return redirect(url_for("notifications.edit_preferences"))
    if request.method == "GET":
        form.show(preferences.choices_for(current_user))
    return render_template("notifications/preferences.html", form=form)


@bp.route("/unsubscribe/<token>", methods=["GET"])
def confirm_unsubscribe(token: str):
    """Links in emails are fetched by scanners: the GET only asks."""
    user, category = _named_by(token)
    return render_template("notifications/unsubscribe.html", token=token, user=user,
                           category=CATEGORY_NAMES[category], done=False)  # fmt: skip


@bp.route("/unsubscribe/<token>", methods=["POST"])
@csrf.exempt  # RFC 8058: the provider's POST has no session; the signed token is the credential
def unsubscribe(token: str):
    user, category = _named_by(token)
    preferences.set_choice(user, category, Choice.OFF)
    db.session.commit()
    return render_template("notifications/unsubscribe.html", token=token, user=user,
                           category=CATEGORY_NAMES[category], done=True)  # fmt: skip


def _named_by(token: str):
    named = read_token(token)
    if named is None:
        abort(404)
    return named
