"""The surveys' pages: each person's own surveys and answer forms; for coordinators, the
measures, the fit flags and the CSV downloads."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program, VentureStage
from vms.csv_export import csv_response
from vms.database import now_utc
from vms.evidence.surveys import bp, exports, queries, services
from vms.evidence.surveys.forms import ExitForm, FitForm, exit_form
from vms.evidence.surveys.measures import MIN_ANSWERS, MIN_RATE
from vms.evidence.surveys.models import GoalReached, Side, SurveyInvitation, SurveyKind
from vms.extensions import db

_MINE = "/p/<program_slug>/surveys"
_COORDINATORS = "/p/<program_slug>/evidence/surveys"
#: The coordinator page shows the latest answers; the CSV has them all.
ANSWERS_SHOWN = 50


@bp.route(_MINE)
@program_view()
def my_surveys(program: Program):
    rows = queries.open_surveys(program.id, current_user.id)
    return render_template("evidence/surveys/mine.html", program=program, rows=rows)


def _form_for(program: Program, invitation: SurveyInvitation):
    if invitation.kind is SurveyKind.FIT:
        data = {"fit": invitation.fit.value if invitation.fit else None, "words": invitation.words}
        return FitForm(data=data if request.method == "GET" else None)
    areas = services.need_areas(program, invitation)
    data = {"rating": str(invitation.rating) if invitation.rating else None,
            "goal_reached": invitation.goal_reached.value if invitation.goal_reached else None,
            "words": invitation.words, "program_better": invitation.program_better,
            "mentors_better": invitation.mentors_better,
            **{f"need_{n.term_id}": str(n.strength) for n in invitation.needs_after}}  # fmt: skip
    return exit_form(areas, invitation.side is Side.FOUNDER,
                     data=data if request.method == "GET" else None)  # fmt: skip


def _save(invitation: SurveyInvitation, form) -> None:
    if isinstance(form, ExitForm):
        services.answer_exit(invitation, services.ExitAnswer(
            rating=int(form.rating.data), goal_reached=GoalReached(form.goal_reached.data),
            words=form.words.data or "", program_better=form.program_better.data or "",
            mentors_better=(form.mentors_better.data or "") if "mentors_better" in form else "",
            needs=form.needs()), now_utc())  # fmt: skip
    else:
        services.answer_fit(invitation, services.FitAnswer(form.chosen, form.words.data or ""),
                            now_utc())  # fmt: skip


@bp.route(f"{_MINE}/<int:survey_id>", methods=["GET", "POST"])
@program_view()
def answer_survey(program: Program, survey_id: int):
    """Only the invitee's own survey: anyone else (a coordinator too) is told it is not there."""
    invitation = services.invitation_of(program, survey_id, current_user.id) or abort(404)
    form = _form_for(program, invitation)
    if form.validate_on_submit():
        _save(invitation, form)
        db.session.commit()
        flash(_("Thank you: your answer is saved. You may change it here at any time."),
              "success")  # fmt: skip
        return redirect(url_for("surveys.my_surveys", program_slug=program.slug))
    status = 400 if request.method == "POST" else 200
    about = queries.answer_rows(program.id, SurveyInvitation.id == invitation.id)[0].subject
    return render_template("evidence/surveys/answer.html", program=program, about=about,
                           invitation=invitation, form=form), status  # fmt: skip


@bp.route(_COORDINATORS)
@program_view(Role.COORDINATOR)
def survey_measures(program: Program):
    found = queries.survey_measures(program.id)
    rows = queries.answer_rows(program.id, SurveyInvitation.answered_at.is_not(None),
                               limit=ANSWERS_SHOWN)  # fmt: skip
    return render_template("evidence/surveys/measures.html", program=program, found=found,
                           rows=rows, min_rate=MIN_RATE, min_answers=MIN_ANSWERS,
                           shown=ANSWERS_SHOWN, flags=len(queries.fit_flags(program.id)),
                           stage_labels={s.value: s.label for s in VentureStage})  # fmt: skip


@bp.route(f"{_COORDINATORS}/flags")
@program_view(Role.COORDINATOR)
def list_fit_flags(program: Program):
    rows = queries.flagged_answers(program.id)
    return render_template("evidence/surveys/flags.html", program=program, rows=rows)


@bp.route(f"{_COORDINATORS}/answers.csv")
@program_view(Role.COORDINATOR)
def export_answers(program: Program):
    rows = queries.answer_rows(program.id)
    return csv_response(f"{program.slug}-survey-answers.csv", *exports.answers_table(rows))


@bp.route(f"{_COORDINATORS}/measures.csv")
@program_view(Role.COORDINATOR)
def export_measures(program: Program):
    found = queries.survey_measures(program.id)
    return csv_response(f"{program.slug}-survey-measures.csv", *exports.measures_table(found))
