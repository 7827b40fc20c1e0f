import os, sys
for _m in filter(None, os.environ.get("BLOCK", "").split(",")):
    sys.modules[_m] = None
sys.path.insert(0, os.environ.get("ROOT", "/work/scale"))
from vms import create_app as _create
from vms.extensions import db
from sqlalchemy import select

def create_app():
    import gc
    if os.environ.get("NOGC"): gc.disable()
    app = _create()
    what = os.environ["WHAT"]
    import jinja2
    app.jinja_loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader("/tmp/probe/templates"), app.jinja_loader])
    template = os.environ.get("TEMPLATE", "cohorts/team_overview.html")
    from vms.cohorts.teams import queries as _q
    patch = os.environ.get("PATCH", "")
    if "first_broken" in patch:
        _q._first_broken = lambda program: ([], 0)
    if "cards" in patch:
        _q.cards = lambda program, teams: [_q.TeamCard(t, 0, [], [], [], [], []) for t in teams]
    if "ov_" in patch:
        from sqlalchemy import case, func
        from flask import g
        from vms.cohorts.teams.models import Team, TeamStatus
        from vms.paging import page_of
        def fake(program, **kw):
            if "ov_counts" in patch:
                db.session.execute(select(func.count(case((Team.status == TeamStatus.DRAFT, 1))), func.count(case((Team.status == TeamStatus.PUBLISHED, 1)))).where(Team.program_id == program.id)).one()
            if "ov_pages" in patch:
                d = page_of(_q.teams_query(program, Team.status == TeamStatus.DRAFT), 1, total=10)
                p = page_of(_q.teams_query(program, Team.status == TeamStatus.PUBLISHED), 1, total=10)
                if "ov_replace" in patch:
                    import dataclasses
                    made = {c.team.id: c for c in _q.cards(program, [*d.rows, *p.rows])}
                    d = dataclasses.replace(d, rows=[made[t.id] for t in d.rows])
                    p = dataclasses.replace(p, rows=[made[t.id] for t in p.rows])
                if "ov_keep" in patch:
                    g._keep = (d, p)
            if "ov_scalars" in patch:
                db.session.scalars(select(Team).where(Team.program_id == program.id).limit(50)).all()
            return None
        _q.overview = fake
    if "docket" in patch:
        _q.proposable_ventures = lambda program: []
    @app.get("/x")
    def x():
        from vms.cohorts.models import Program
        from vms.cohorts.teams import queries
        program = db.session.scalar(select(Program).where(Program.slug == "cambridge-venture-mentoring"))
        if what == "broken":
            queries._first_broken(program)
        elif what == "overview":
            queries.overview(program)
        elif what == "count":
            from vms.cohorts.teams.rules import breaks_a_rule
            from vms.cohorts.teams.models import Team
            from sqlalchemy import func
            db.session.scalar(select(func.count()).where(breaks_a_rule(program)))
        elif what in ("render", "form", "field", "cards"):
            from flask import g, render_template
            from flask_login import login_user
            from vms.auth.models import User
            from vms.cohorts.forms import ActionForm
            from vms.cohorts.teams.forms import ProposeForm
            login_user(db.session.scalar(select(User).where(User.email == "coordinator@cambridge-venture-mentoring.example.org")))
            overview = None if os.environ.get("NO_OVERVIEW") else queries.overview(program)
            form = ProposeForm(overview.docket) if overview else None
            overview = overview or 1
            if what == "form":
                return "ok"
            if what == "field":
                return str(form.venture_ids())
            if what == "cards":
                return str(len([(c.team.venture.name, c.team.lead.mentor.name if c.team.lead else "", len(c.team.members), c.score, c.uncovered, c.problems) for c in [*overview.drafts.rows, *overview.published.rows, *overview.repairs.cards]]))
            g.program = program
            return render_template(template, program=program, overview=overview, form=form, action=ActionForm())
        elif what == "nothing":
            pass
        return "ok"
    return app
