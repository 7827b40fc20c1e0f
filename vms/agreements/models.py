"""Agreement templates, agreements and their parties, versions of the text, signatures, the audit
trail, check-ins and the reminders sent.

Evidence is never rewritten: a published template, a version's text and a signature refuse
changes here (``before_update``/``before_delete``), and on PostgreSQL a trigger refuses changes
to signatures too (migration bd4e5f6a7b84). A signature on a replaced version is superseded by
its version (``AgreementVersion.superseded_at``), not by editing the signature.
"""

from __future__ import annotations

from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy import event as sa_event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vms.agreements.kinds import (  # noqa: F401  (re-exported: the models' vocabulary)
    AgreementKind,
    AgreementStatus,
    EvidenceIsFinal,
    PartyRole,
    ReminderKind,
    TrailKind,
    canonical_text,
    new_verification_code,
    text_sha256,
)
from vms.auth.models import User
from vms.database import UTCDateTime, enum_type, now_utc
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.states import IllegalTransition

#: The term of an agreement unless the template says otherwise.
DEFAULT_TERM_MONTHS = 6


class AgreementTemplate(db.Model):
    """One version of a program's agreement text in one language; frozen once published."""

    __tablename__ = "agreement_templates"
    __table_args__ = (UniqueConstraint("program_id", "kind", "language", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[AgreementKind] = mapped_column(enum_type(AgreementKind))
    language: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    #: [{"key": ..., "heading": ..., "body": ...}]; a filled-in part follows its section's body.
    sections: Mapped[list[dict]] = mapped_column(JSON)
    term_months: Mapped[int] = mapped_column(Integer, default=DEFAULT_TERM_MONTHS)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def publish(self, now: datetime) -> None:
        if self.published_at is not None:
            raise EvidenceIsFinal(f"template {self.id} is published")
        self.published_at = now


@sa_event.listens_for(AgreementTemplate, "before_update")
def _published_template_is_final(mapper, connection, target: AgreementTemplate) -> None:
    # What the database holds, not the object (whose attributes may be expired or changed).
    stored = connection.scalar(
        select(AgreementTemplate.published_at).where(AgreementTemplate.id == target.id)
    )
    if stored is not None:
        raise EvidenceIsFinal(f"template {target.id} is published: make a new version")


class Agreement(db.Model):
    """An agreement for a published peer pair or venture team, through its lifecycle."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    template_id: Mapped[int] = mapped_column(ForeignKey("agreement_templates.id"), index=True)
    kind: Mapped[AgreementKind] = mapped_column(enum_type(AgreementKind))
    peer_pair_id: Mapped[int | None] = mapped_column(
        ForeignKey("peer_pairs.id", ondelete="SET NULL"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), index=True
    )
    renewed_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="SET NULL")
    )
    status: Mapped[AgreementStatus] = mapped_column(
        enum_type(AgreementStatus), default=AgreementStatus.DRAFT, index=True
    )
    #: Printed on the PDF for the public verification page.
    verification_code: Mapped[str] = mapped_column(
        String(16), unique=True, default=new_verification_code
    )
    #: What the member (or venture) seeks; what the peer mentor (or mentors) can provide.
    seeks: Mapped[str] = mapped_column(Text, default="")
    provides: Mapped[str] = mapped_column(Text, default="")
    boundaries: Mapped[str] = mapped_column(Text, default="")
    #: How often they meet, in words ("every other week").
    cadence: Mapped[str] = mapped_column(String(200), default="")
    hours_per_month: Mapped[int | None] = mapped_column(Integer)
    #: An optional sum committed each month, in words ("$50").
    monthly_sum: Mapped[str] = mapped_column(String(60), default="")
    #: The one-page plan: three years, the next year, the next six months.
    plan_three_years: Mapped[str] = mapped_column(Text, default="")
    plan_next_year: Mapped[str] = mapped_column(Text, default="")
    plan_six_months: Mapped[str] = mapped_column(Text, default="")
    term_months: Mapped[int] = mapped_column(Integer, default=DEFAULT_TERM_MONTHS)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    ended_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    activated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    template: Mapped[AgreementTemplate] = relationship()
    parties: Mapped[list[AgreementParty]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementParty.id"
    )
    versions: Mapped[list[AgreementVersion]] = relationship(
        back_populates="agreement", order_by="AgreementVersion.number"
    )

    @property
    def current_version(self) -> AgreementVersion | None:
        return self.versions[-1] if self.versions else None

    def party_of(self, user: User) -> AgreementParty | None:
        return next((p for p in self.parties if p.user_id == user.id), None)

    def compose(self) -> tuple[list[list[str]], list[list[str]]]:
        """The text as it stands: the template's sections, each followed by its filled-in part."""
        filled = {"seeks": self.seeks, "provides": self.provides, "boundaries": self.boundaries,
                  "time": self._time_words()}  # fmt: skip
        sections = []
        for section in self.template.sections:
            extra = filled.get(section["key"], "").strip()
            body = f"{section['body']}\n\n{extra}" if extra else section["body"]
            sections.append([section["heading"], body])
        plan = [
            [str(_l("Goals for the next three years")), self.plan_three_years.strip()],
            [str(_l("What must happen in the next year")), self.plan_next_year.strip()],
            [str(_l("Milestones for the next six months")), self.plan_six_months.strip()],
        ]
        return sections, plan

    def _time_words(self) -> str:
        lines = []
        if self.hours_per_month:
            lines.append(str(_l("Hours each month: %(hours)s", hours=self.hours_per_month)))
        if self.cadence.strip():
            lines.append(str(_l("We meet: %(cadence)s", cadence=self.cadence.strip())))
        if self.monthly_sum.strip():
            lines.append(str(_l("Sum committed each month: %(sum)s", sum=self.monthly_sum.strip())))
        return "\n".join(lines)

    def _move(self, allowed: tuple[AgreementStatus, ...], target: AgreementStatus) -> None:
        if self.status not in allowed:
            raise IllegalTransition(self.status, target)
        self.status = target

    @property
    def editable(self) -> bool:
        return self.status in (AgreementStatus.DRAFT, AgreementStatus.OUT_FOR_SIGNATURE)

    def send(self, now: datetime) -> AgreementVersion:
        """Freeze the text as version 1 and ask every party to sign it."""
        self._move((AgreementStatus.DRAFT,), AgreementStatus.OUT_FOR_SIGNATURE)
        self.sent_at = now
        return self._new_version(now)

    def revise(self, now: datetime) -> AgreementVersion | None:
        """After the parts changed: out for signature, a changed text is a new version that
        replaces the current one (whose signatures stay, superseded). None: nothing changed."""
        if self.status is AgreementStatus.DRAFT:
            return None
        if self.status is not AgreementStatus.OUT_FOR_SIGNATURE:
            raise IllegalTransition(self.status, AgreementStatus.OUT_FOR_SIGNATURE)
        current = self.current_version
        if current is not None and current.text == canonical_text(*self.compose()):
            return None
        if current is not None:
            current.superseded_at = now
        return self._new_version(now)

    def _new_version(self, now: datetime) -> AgreementVersion:
        sections, plan = self.compose()
        text = canonical_text(sections, plan)
        number = len(self.versions) + 1
        version = AgreementVersion(number=number, sections=sections, plan=plan, text=text,
                                   text_sha256=text_sha256(text), created_at=now)  # fmt: skip
        self.versions.append(version)
        return version

    def activate_if_signed(self, signed_user_ids: set[int], today: date, now: datetime) -> bool:
        """Active once every party signed the current version; the term starts today."""
        if self.status is not AgreementStatus.OUT_FOR_SIGNATURE:
            raise IllegalTransition(self.status, AgreementStatus.ACTIVE)
        if not {p.user_id for p in self.parties} <= signed_user_ids:
            return False
        self.status, self.activated_at = AgreementStatus.ACTIVE, now
        self.starts_on = today
        self.ends_on = today + relativedelta(months=self.term_months)
        return True

    def complete(self, today: date, now: datetime) -> None:
        """At the end of the term (ending it before is ``end_early``, with a reason)."""
        if self.status is AgreementStatus.ACTIVE and self.ends_on and today < self.ends_on:
            raise IllegalTransition(self.status, AgreementStatus.COMPLETED)
        self._move((AgreementStatus.ACTIVE,), AgreementStatus.COMPLETED)
        self.closed_at = now

    def end_early(self, reason: str, now: datetime) -> None:
        if not reason.strip():
            raise ValueError("ending an agreement early needs a reason")
        self._move((AgreementStatus.OUT_FOR_SIGNATURE, AgreementStatus.ACTIVE),
                   AgreementStatus.ENDED)  # fmt: skip
        self.ended_reason, self.closed_at = reason.strip(), now

    def renewal(self, template: AgreementTemplate, actor: User | None) -> Agreement:
        """A new term from the current text: a draft with the same parties and parts."""
        if self.status is not AgreementStatus.COMPLETED:
            raise IllegalTransition(self.status, AgreementStatus.DRAFT)
        fields = ("seeks", "provides", "boundaries", "cadence", "hours_per_month", "monthly_sum",
                  "plan_three_years", "plan_next_year", "plan_six_months")  # fmt: skip
        renewed = Agreement(program_id=self.program_id, template=template, kind=self.kind,
                            status=AgreementStatus.DRAFT,
                            peer_pair_id=self.peer_pair_id, team_id=self.team_id,
                            renewed_from_id=self.id, term_months=template.term_months,
                            created_by_id=actor.id if actor else None,
                            **{name: getattr(self, name) for name in fields})  # fmt: skip
        renewed.parties = [AgreementParty(user_id=p.user_id, role=p.role) for p in self.parties]
        return renewed


class AgreementParty(db.Model):
    """Someone who signs: fixed when the agreement is made."""

    __tablename__ = "agreement_parties"
    __table_args__ = (UniqueConstraint("agreement_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[PartyRole] = mapped_column(enum_type(PartyRole))

    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    user: Mapped[User] = relationship()


class AgreementVersion(db.Model):
    """The text as sent for signature; never changed, replaced by a new version."""

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    #: [[heading, body], ...] of the agreement and of the plan, as shown.
    sections: Mapped[list] = mapped_column(JSON)
    plan: Mapped[list] = mapped_column(JSON)
    #: ``canonical_text(sections, plan)``: what ``text_sha256`` covers.
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agreement: Mapped[Agreement] = relationship(back_populates="versions")


@sa_event.listens_for(AgreementVersion, "before_update")
def _version_text_is_final(mapper, connection, target: AgreementVersion) -> None:
    state = sa_inspect(target)
    for name in ("sections", "plan", "text", "text_sha256", "number", "agreement_id"):
        if state.attrs[name].history.has_changes():
            raise EvidenceIsFinal(f"version {target.id}'s text is signed evidence: revise instead")


@sa_event.listens_for(AgreementVersion, "before_delete")
def _version_stays(mapper, connection, target: AgreementVersion) -> None:
    raise EvidenceIsFinal(f"version {target.id} is evidence")


class AgreementSignature(db.Model):
    """A party's signature on one version: append-only (the model and PostgreSQL refuse changes)."""

    __tablename__ = "agreement_signatures"
    __table_args__ = (UniqueConstraint("version_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[PartyRole] = mapped_column(enum_type(PartyRole))
    #: The full name typed, as typed (it matched the account's name).
    typed_name: Mapped[str] = mapped_column(String(120))
    consent: Mapped[bool] = mapped_column(Boolean)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    ip_address: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    #: SHA-256 of the exact text shown when signing.
    text_sha256: Mapped[str] = mapped_column(String(64))

    version: Mapped[AgreementVersion] = relationship()
    user: Mapped[User] = relationship()

    @property
    def superseded(self) -> bool:
        return self.version.superseded_at is not None


@sa_event.listens_for(AgreementSignature, "before_update")
def _signature_is_final(mapper, connection, target: AgreementSignature) -> None:
    raise EvidenceIsFinal(f"signature {target.id} is append-only")


@sa_event.listens_for(AgreementSignature, "before_delete")
def _signature_stays(mapper, connection, target: AgreementSignature) -> None:
    raise EvidenceIsFinal(f"signature {target.id} is append-only")


class AgreementEvent(db.Model):
    """One line of the audit trail: what happened, when, by whom, from where."""

    __tablename__ = "agreement_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[TrailKind] = mapped_column(enum_type(TrailKind))
    version_number: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    ip_address: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")

    user: Mapped[User | None] = relationship()


class AgreementCheckIn(db.Model):
    """A monthly check-in on an active agreement, by either party."""

    __tablename__ = "agreement_check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    went_well: Mapped[str] = mapped_column(Text)
    did_not: Mapped[str] = mapped_column(Text)
    next_step: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    user: Mapped[User | None] = relationship()


class AgreementReminder(db.Model):
    """A reminder sent: one per agreement, person, kind and occasion (a version, a month...)."""

    __tablename__ = "agreement_reminders"
    __table_args__ = (UniqueConstraint("agreement_id", "user_id", "kind", "occasion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ReminderKind] = mapped_column(enum_type(ReminderKind))
    occasion: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
