"""Sign-up, sign-in and out, password reset, and personal settings."""

from __future__ import annotations

import time

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from vms.auth import bp, registration, services
from vms.auth.forms import (
    ChangePasswordForm,
    FinishSignUpForm,
    ForgotPasswordForm,
    ResetPasswordForm,
    SettingsForm,
    SignInForm,
    SignUpForm,
)
from vms.auth.redirects import safe_next_path
from vms.extensions import db
from vms.i18n import LOCALE_SESSION_KEY, select_locale
from vms.scheduling.calendars import feeds

#: The session key holding when the password was last checked (seconds since the epoch).
PASSWORD_CHECKED_AT = "password_checked_at"


@bp.route("/signup", methods=["GET", "POST"])
def sign_up():
    if current_user.is_authenticated:
        return redirect(url_for("site.index"))
    form = SignUpForm()
    if request.method == "GET":
        form.locale.data = select_locale()
        form.timezone.data = "UTC"
        form.timezone.render_kw = {"data-detect-zone": ""}  # the browser's, if it says
    if form.validate_on_submit():
        # The same answer whether or not the address has an account: the email tells.
        registration.request_sign_up(
            registration.PendingSignUp(
                form.email.data, form.name.data, form.timezone.data, form.locale.data
            )
        )
        db.session.commit()
        flash(_("We have sent an email to %(email)s.", email=form.email.data), "success")
        return redirect(url_for("auth.sign_up_sent"))
    return render_template("auth/sign_up.html", form=form)


@bp.route("/signup/sent")
def sign_up_sent():
    return render_template("auth/sign_up_sent.html", hours=registration.SIGN_UP_LINK_HOURS)


@bp.route("/signup/finish/<token>", methods=["GET", "POST"])
def finish_sign_up(token: str):
    pending = registration.pending_sign_up(token)
    if pending is None:
        return render_template("auth/sign_up_invalid.html"), 404
    form = FinishSignUpForm()
    form.email.data = pending.email  # read-only: whatever was posted, the link's address
    if form.validate_on_submit():
        try:
            user = registration.finish_sign_up(pending, form.password.data)
        except services.EmailTaken:  # this link (or another for the address) was used
            return render_template("auth/sign_up_invalid.html"), 404
        db.session.commit()
        session.clear()  # no fixation: a fresh session for the signed-in person
        login_user(user)
        flash(_("Welcome to VMS, %(name)s.", name=user.name), "success")
        return redirect(url_for("site.index"))
    return render_template("auth/sign_up_finish.html", form=form)


@bp.route("/signin", methods=["GET", "POST"])
def sign_in():
    next_path = safe_next_path(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_path or url_for("site.index"))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except services.SignInRefused as refusal:
            db.session.commit()  # the failure counts even though sign-in failed
            form.password.errors.append(_refusal_message(refusal))
        else:
            db.session.commit()
            session.clear()  # no fixation: a fresh session for the signed-in person
            login_user(user, remember=form.remember.data)
            # When the password was last checked: signing an agreement asks for a recent one.
            session[PASSWORD_CHECKED_AT] = int(time.time())
            return redirect(next_path or url_for("site.index"))
    return render_template("auth/sign_in.html", form=form)


def _refusal_message(refusal: services.SignInRefused) -> str:
    if refusal.locked:
        minutes = max(1, round(refusal.retry_after_seconds / 60))
        return _(
            "Too many failed sign-ins. For your safety, signing in is paused for "
            "%(minutes)d minutes. You can reset your password meanwhile.",
            minutes=minutes,
        )
    if refusal.retry_after_seconds:
        return _(
            "Too many failed sign-ins. Please wait %(seconds)d seconds and try again.",
            seconds=refusal.retry_after_seconds,
        )
    return _("The email or password is not right.")


@bp.route("/signout", methods=["POST"])
@login_required
def sign_out():
    services.sign_out_everywhere(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out."), "success")
    # "Sign out and open the link again" (an invitation for another address) sends one back.
    return redirect(safe_next_path(request.form.get("next")) or url_for("auth.sign_in"))


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(
            _(
                "If an account exists for %(email)s, we have emailed a link to reset its password.",
                email=form.email.data,
            ),
            "success",
        )
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    reset = services.usable_reset_token(token)
    if reset is None:
        return render_template("auth/reset_invalid.html"), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(reset, form.new_password.data)
        db.session.commit()
        logout_user()
        flash(_("Your password is changed. Please sign in with it."), "success")
        return redirect(url_for("auth.sign_in"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def settings():
    form = SettingsForm(obj=current_user)
    if form.validate_on_submit():
        services.update_settings(current_user, form.name.data, form.timezone.data, form.locale.data)
        db.session.commit()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("auth.settings"))
    feed = feeds.existing(current_user)
    return render_template("auth/settings.html", form=form, password_form=ChangePasswordForm(),
                           feed=feed, feed_token=feed and feeds.token_of(feed))  # fmt: skip


@bp.route("/account/password", methods=["POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_own_password(user, form.current_password.data, form.new_password.data)
        except services.WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        else:
            db.session.commit()
            # This session continues (its remember-me cookie renewed); every other one ends.
            remembered = current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies
            login_user(user, remember=remembered)
            flash(_("Your password is changed. Your other sessions were signed out."), "success")
            return redirect(url_for("auth.settings"))
    settings_form = SettingsForm(obj=current_user)
    return render_template("auth/settings.html", form=settings_form, password_form=form)


@bp.route("/language", methods=["POST"])
def set_language():
    """The language switcher for visitors and members alike."""
    locale = request.form.get("locale", "")
    if locale not in current_app.config["LANGUAGES"]:
        abort(400)
    session[LOCALE_SESSION_KEY] = locale
    if current_user.is_authenticated:
        services.set_locale(current_user, locale)
        db.session.commit()
    return redirect(safe_next_path(request.form.get("next")) or url_for("site.index"))
