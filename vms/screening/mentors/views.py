"""Public mentor applications, the applicant's own page, and the coordinator's pipeline."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts import services as cohorts
from vms.cohorts.forms import ActionForm
from vms.cohorts.models import Program
from vms.csv_export import csv_response
from vms.extensions import db
from vms.i18n import wall_clock, wall_clock_to_utc
from vms.paging import requested_page
from vms.screening import bp
from vms.screening.mentors import exports, interviews, queries, rubric, services
from vms.screening.mentors.forms import (
    BulkMoveForm,
    InterviewForm,
    MentorApplicationForm,
    MoveForm,
    scorecard_form,
)
from vms.screening.mentors.models import MENTOR_MOVES, MentorStatus
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.states import IllegalTransition


@bp.route("/p/<program_slug>/apply/mentor", methods=["GET", "POST"])
def apply_as_mentor(program_slug: str):
    program = cohorts.program_by_slug(program_slug) or abort(404)
    form = MentorApplicationForm(program)
    if form.validate_on_submit():
        data = services.MentorApplicationInput(
            name=form.name.data, email=form.email.data, industry_id=form.industry.data,
            function_id=form.function.data, expertise_ids=form.expertise.data,
            years_experience=form.years_experience.data, bio=form.bio.data,
            link=form.link.data or "", days_per_month=form.days_per_month.data,
            max_ventures=form.max_ventures.data, weekdays=form.weekdays.data,
            heard_from=form.heard_from.data or "", motivation=form.motivation.data,
            locale=str(get_locale()),
        )  # fmt: skip
        try:
            services.submit_mentor_application(program, data)
        except services.DuplicateApplication:
            form.email.errors.append(
                _("You have already applied to this program with this address. "
                  "Your application is being reviewed: use the link in our email to see it.")
            )  # fmt: skip
        else:
            db.session.commit()
            return redirect(url_for("screening.mentor_thanks", program_slug=program.slug))
    return render_template("screening/mentor_apply.html", program=program, form=form)


@bp.route("/p/<program_slug>/apply/mentor/thanks")
def mentor_thanks(program_slug: str):
    program = cohorts.program_by_slug(program_slug) or abort(404)
    return render_template("screening/mentor_thanks.html", program=program)


@bp.route("/applications/<token>", methods=["GET", "POST"])
def applicant_status(token: str):
    """The applicant's private page: where the application stands; withdraw on POST."""
    application = services.application_for_token(token) or abort(404)
    form = ActionForm()
    if form.validate_on_submit():
        try:
            services.withdraw_by_applicant(application)
        except IllegalTransition:
            flash(_("This application can no longer be withdrawn."), "error")
        else:
            db.session.commit()
            flash(_("Your application is withdrawn. Thank you for your interest."), "success")
        return redirect(url_for("screening.applicant_status", token=token))
    program = services.application_program(application)
    can_withdraw = application.can_move_to(MentorStatus.WITHDRAWN)
    return render_template(
        "screening/applicant_status.html",
        application=application, program=program, form=form, can_withdraw=can_withdraw,
    )  # fmt: skip


def _filter_from_args() -> queries.PipelineFilter:
    status = request.args.get("status", "")
    expertise = request.args.get("expertise", "")
    return queries.PipelineFilter(
        status=MentorStatus(status) if status in {s.value for s in MentorStatus} else None,
        query=request.args.get("q", "")[:200],
        expertise_id=int(expertise) if expertise.isdigit() and len(expertise) < 10 else None,
    )


@bp.route("/p/<program_slug>/screening/mentors")
@program_view(Role.COORDINATOR)
def mentor_pipeline(program: Program):
    chosen, counts = _filter_from_args(), queries.stage_counts(program)
    page = requested_page(request.args.get("page"))
    return render_template(
        "screening/mentor_pipeline.html", program=program, chosen=chosen, counts=counts,
        found=queries.pipeline_page(program, chosen, page, counts), bulk_form=BulkMoveForm(),
        expertise=taxonomy.filter_terms(program, TaxonomyKind.EXPERTISE),
        statuses=list(MentorStatus),
    )  # fmt: skip


@bp.route("/p/<program_slug>/screening/mentors.csv")
@program_view(Role.COORDINATOR)
def export_mentor_applications(program: Program):
    """Every application matching the filter, on every page: an export is not a page."""
    rows = queries.for_export(program, _filter_from_args())
    filename = f"{program.slug}-mentor-applications.csv"
    return csv_response(filename, *exports.mentor_applications_table(rows))


def _back_to_the_page(program: Program):
    """The page the bulk form was sent from, with its filter (the form's URL carries both)."""
    page = requested_page(request.args.get("page"))
    here = {"program_slug": program.slug, "page": page if page > 1 else None}
    return redirect(url_for("screening.mentor_pipeline", **here, **_filter_from_args().as_args()))


@bp.route("/p/<program_slug>/screening/mentors/bulk", methods=["POST"])
@program_view(Role.COORDINATOR)
def bulk_move(program: Program):
    """Moves the rows ticked on one page of the pipeline (the form lists no other rows)."""
    form = BulkMoveForm()
    if not form.validate_on_submit() or not form.ids.data:
        flash(_("Choose at least one application and an action."), "error")
        return _back_to_the_page(program)
    result = services.bulk_move(
        program, form.ids.data, MentorStatus(form.target.data), current_user, form.note.data
    )
    db.session.commit()
    moved = len(result.moved)
    flash(ngettext("%(num)d application moved.", "%(num)d applications moved.", moved), "success")
    for application, reason in result.refused:
        flash(_("%(name)s was not moved. %(reason)s", name=application.name, reason=reason),
              "error")  # fmt: skip
    return _back_to_the_page(program)


def _application_or_404(program: Program, application_id: int):
    return services.application_or_none(program, application_id) or abort(404)


def _render_application(program: Program, application, form: MoveForm):
    interview = application.interviews[-1] if application.interviews else None
    visible = interview is None or rubric.may_see_scores(interview, current_user)
    return render_template(
        "screening/mentor_application.html", program=program, application=application, form=form,
        decision=rubric.decision(application) if visible else None,
    )  # fmt: skip


@bp.route("/p/<program_slug>/screening/mentors/<int:application_id>", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def show_mentor_application(program: Program, application_id: int):
    application = _application_or_404(program, application_id)
    # Scheduling an interview has its own page (it sends calendar invitations).
    allowed = MENTOR_MOVES[application.status] - {MentorStatus.INTERVIEW_SCHEDULED}
    form = MoveForm(sorted(allowed, key=list(MentorStatus).index))
    if form.validate_on_submit():
        try:
            services.move(application, MentorStatus(form.target.data), current_user, form.note.data)
        except IllegalTransition:
            form.target.errors.append(_("Someone moved this application meanwhile. Look again."))
        except services.MoveRefused as refusal:
            form.target.errors.append(str(refusal))
        else:
            db.session.commit()
            status = application.status.label
            flash(_("%(name)s: %(status)s.", name=application.name, status=status), "success")
            return redirect(request.path)
    return _render_application(program, application, form)


@bp.route(
    "/p/<program_slug>/screening/mentors/<int:application_id>/interview", methods=["GET", "POST"]
)
@program_view(Role.COORDINATOR)
def schedule_interview(program: Program, application_id: int):
    application = _application_or_404(program, application_id)
    current = application.interviews[-1] if application.interviews else None
    form = InterviewForm(interviews.interviewer_candidates(program), obj=current)
    if request.method == "GET" and current is not None:
        form.day.data, form.start.data = wall_clock(current.starts_at, program.timezone)
        form.interviewers.data = [user.id for user in current.interviewers]
    if form.validate_on_submit():
        details = interviews.InterviewDetails(
            starts_at=wall_clock_to_utc(form.day.data, form.start.data, program.timezone),
            duration_minutes=form.duration_minutes.data, location=form.location.data or "",
            video_url=form.video_url.data or "", interviewer_ids=form.interviewers.data,
        )  # fmt: skip
        try:
            interviews.schedule(application, details, current_user)
        except interviews.InterviewRefused as refusal:
            form.day.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("Interview saved; everyone received a calendar invitation."), "success")
            return redirect(url_for("screening.show_mentor_application", program_slug=program.slug,
                                    application_id=application.id))  # fmt: skip
    return render_template(
        "screening/interview_form.html", program=program, application=application, form=form
    )


@bp.route(
    "/p/<program_slug>/screening/interviews/<int:interview_id>/score", methods=["GET", "POST"]
)
@program_view(Role.COORDINATOR, Role.MENTOR)
def score_interview(program: Program, interview_id: int):
    interview = services.interview_in_program(program, interview_id) or abort(404)
    if current_user not in interview.interviewers:
        abort(403)
    criteria = rubric.active_criteria(program.id)  # a retired criterion is not asked again
    form = scorecard_form(criteria)
    submitted = rubric.scorecard_of(interview, current_user) is not None
    if submitted and request.method == "POST":  # a second click, or a second tab
        return _scores_already_in()
    if not submitted and not rubric.scoring_open(interview):  # the page says when it opens
        refused = request.method == "POST"
        page = _score_page(program, interview, form, criteria, refused=refused)
        return page, 409 if refused else 200
    if not submitted and form.validate_on_submit():
        values = {c.id: (form[f"score_{c.id}"].data, form[f"note_{c.id}"].data or "")
                  for c in criteria}  # fmt: skip
        try:
            rubric.submit(interview, current_user, values)
        except rubric.AlreadySubmitted:  # the other click got there first
            return _scores_already_in()
        db.session.commit()
        flash(_("Your scores are in. You can now see the other interviewers' scores."), "success")
        return redirect(request.path)
    return _score_page(program, interview, form, criteria, submitted=submitted)


def _score_page(program, interview, form, criteria, submitted=False, refused=False):
    return render_template(
        "screening/interview_score.html", program=program, interview=interview, form=form,
        criteria=criteria, submitted=submitted, refused=refused,
        scoring_open=rubric.scoring_open(interview),
        decision=rubric.decision(interview.application) if submitted else None,
    )  # fmt: skip


def _scores_already_in():
    db.session.rollback()
    flash(_("Your scores were already in; sent scores are final."), "notice")
    return redirect(request.path)
