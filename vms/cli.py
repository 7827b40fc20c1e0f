"""Thin command-line commands over services: ``flask --app vms <command>``."""

from __future__ import annotations

import click
from flask import Flask

from vms.extensions import db


def register_commands(app: Flask) -> None:
    app.cli.add_command(create_admin)
    app.cli.add_command(demo)
    app.cli.add_command(send_mail)
    app.cli.add_command(scheduler)


@click.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.password_option(help="Asked for when not given.")
def create_admin(email: str, name: str, password: str) -> None:
    """Create a site administrator (or make an existing account one)."""
    from vms.auth import services
    from vms.auth.passwords import password_problem

    existing = services.user_by_email(email)
    problem = password_problem(password, email=email)
    if existing is None and problem:
        raise click.UsageError(problem)
    user = services.make_admin(email, name, password)
    db.session.commit()
    kept = " (existing account: its password is unchanged)" if existing else ""
    click.echo(f"{user.email} is a site administrator{kept}.")


@click.command("demo")
def demo() -> None:
    """Load the demo programs (safe to run again: nothing is duplicated)."""
    from vms.demo_data import DEMO_PASSWORD, load_demo

    created = load_demo()
    db.session.commit()
    click.echo("Demo data loaded." if created else "Demo data already present; nothing added.")
    click.echo(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
    for role, email in (
        ("site admin", "admin@demo.vms.example"),
        ("coordinator", "coordinator@demo.vms.example"),
        ("mentor (two programs)", "mentor1@demo.vms.example"),
        ("entrepreneur", "founder1@demo.vms.example"),
        ("peer mentor", "peer1@demo.vms.example"),
    ):
        click.echo(f"  {role:<22} {email}")


@click.command("send-mail")
def send_mail() -> None:
    """Deliver the emails due in the outbox now (the scheduler does it every few seconds)."""
    from vms.mail.delivery import deliver_all

    click.echo(f"{deliver_all()} emails sent.")


@click.command("scheduler")
@click.option("--once", is_flag=True, help="Run every sweep once and exit (e.g. from cron).")
def scheduler(once: bool) -> None:
    """Reminders, the monthly meetings a year ahead, and email delivery: one process only."""
    from flask import current_app

    from vms.scheduling import scheduler as sweeps

    app = current_app._get_current_object()
    if once:
        for name, count in sweeps.run_once(app).items():
            click.echo(f"{name}: {count}")
        return
    click.echo("Scheduler running (Ctrl-C to stop).")
    sweeps.build(app).start()
