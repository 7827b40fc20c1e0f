"""The agreements' models and queries: frozen evidence, the lifecycle, the documents."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import NotFound

from tests.agreements.agreement_world import CLIENT, NOW, peer_agreement, sign_as
from vms.agreements import queries, services
from vms.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementSignature,
    AgreementStatus,
    EvidenceIsFinal,
    canonical_text,
)
from vms.agreements.seeds import current_template
from vms.extensions import db
from vms.states import IllegalTransition


def test_the_hash_recomputed_from_the_stored_text_matches(aw):
    agreement = peer_agreement(aw)
    version = agreement.current_version
    assert version.text == canonical_text(version.sections, version.plan)
    assert hashlib.sha256(version.text.encode("utf-8")).hexdigest() == version.text_sha256
    assert "Help with pricing" in version.text and "A shop in every town" in version.text
    signature = sign_as(agreement, aw.member)
    db.session.commit()
    assert signature.text_sha256 == version.text_sha256


def test_a_versions_text_cannot_be_changed(aw):
    agreement = peer_agreement(aw)
    sign_as(agreement, aw.member)
    db.session.commit()
    agreement.current_version.text = "Something else"
    with pytest.raises(EvidenceIsFinal):
        db.session.flush()


def test_a_published_template_cannot_be_changed(aw):
    template = current_template(aw.program, AgreementKind.PEER)
    db.session.commit()
    template.title = "Another title"
    with pytest.raises(EvidenceIsFinal):
        db.session.flush()


def test_the_model_refuses_to_update_or_delete_a_signature(aw):
    agreement = peer_agreement(aw)
    signature = sign_as(agreement, aw.member)
    db.session.commit()
    signature.typed_name = "Someone Else"
    with pytest.raises(EvidenceIsFinal):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AgreementSignature, signature.id))
    with pytest.raises(EvidenceIsFinal):
        db.session.flush()


def test_postgresql_refuses_to_update_or_delete_a_signature(aw):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the trigger is PostgreSQL's")
    agreement = peer_agreement(aw)
    signature_id = sign_as(agreement, aw.member).id
    db.session.commit()
    for statement in ("UPDATE agreement_signatures SET typed_name = 'x' WHERE id = :id",
                      "DELETE FROM agreement_signatures WHERE id = :id"):  # fmt: skip
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement), {"id": signature_id})
        db.session.rollback()
    assert db.session.get(AgreementSignature, signature_id).typed_name == aw.member.name


def test_the_lifecycle_moves_and_refuses_illegal_ones(aw):
    agreement = peer_agreement(aw, sent=False)
    assert agreement.status is AgreementStatus.DRAFT
    with pytest.raises(IllegalTransition):
        agreement.complete(date(2030, 1, 1), NOW)
    with pytest.raises(IllegalTransition):
        agreement.end_early("a reason", NOW)
    agreement.send(NOW)
    with pytest.raises(IllegalTransition):
        agreement.send(NOW)
    assert agreement.activate_if_signed({aw.member.id}, NOW.date(), NOW) is False
    assert agreement.activate_if_signed({aw.member.id, aw.peer.id}, NOW.date(), NOW)
    assert agreement.status is AgreementStatus.ACTIVE
    assert agreement.ends_on == date(2027, 9, 10)  # six months
    with pytest.raises(IllegalTransition):  # before the end of the term
        agreement.complete(agreement.ends_on - timedelta(days=1), NOW)
    with pytest.raises(IllegalTransition):
        agreement.renewal(agreement.template, aw.coordinator)
    agreement.complete(agreement.ends_on, NOW)
    assert agreement.status is AgreementStatus.COMPLETED
    with pytest.raises(IllegalTransition):
        agreement.end_early("too late", NOW)
    renewed = agreement.renewal(agreement.template, aw.coordinator)
    assert renewed.status is AgreementStatus.DRAFT and renewed.seeks == agreement.seeks
    assert [p.user_id for p in renewed.parties] == [aw.member.id, aw.peer.id]


def test_ending_early_needs_a_reason(aw):
    agreement = peer_agreement(aw)
    with pytest.raises(ValueError):
        agreement.end_early("  ", NOW)
    agreement.end_early("Moved abroad", NOW)
    assert agreement.status is AgreementStatus.ENDED


def test_verification_codes_are_random_and_unique(aw):
    first = peer_agreement(aw)
    second = services.make_for_team(aw.program, aw.team, aw.coordinator, CLIENT, NOW)
    db.session.commit()
    assert len(first.verification_code) == 12 and first.verification_code.isalnum()
    assert first.verification_code != second.verification_code
    assert str(first.id) != first.verification_code


def test_document_for_carries_text_plan_signatures_and_trail(aw, app):
    agreement = peer_agreement(aw)
    sign_as(agreement, aw.member)
    db.session.commit()
    with app.test_request_context():
        document = queries.document_for(agreement)
    assert document.version == 1 and document.text_sha256 == agreement.current_version.text_sha256
    assert [s.heading for s in document.sections][0] == "What the member seeks"
    assert document.plan[0].body == "A shop in every town"
    assert [(s.name, s.party) for s in document.signatures] == [(aw.member.name, "Member")]
    assert [t.what for t in document.trail][:2] == ["Created", "Sent for signature (version 1)"]
    assert document.verification_url.endswith(f"/verify?code={agreement.verification_code}")


def test_verified_by_code_knows_issued_agreements_only(aw, app):
    draft = peer_agreement(aw, sent=False)
    team = services.make_for_team(aw.program, aw.team, aw.coordinator, CLIENT, NOW)
    services.send_for_signature(team, aw.coordinator, CLIENT, NOW)
    sign_as(team, aw.founder)
    db.session.commit()
    with app.test_request_context():
        assert queries.verified_by_code(draft.verification_code) is None
        assert queries.verified_by_code("NOSUCHCODE12") is None
        verified = queries.verified_by_code(team.verification_code.lower())
    assert verified.program == "Agreements Program"
    assert [name for name, _party, _at in verified.signed_by] == ["Fay Founder"]


def test_agreement_for_hides_it_from_non_parties_and_other_programs(aw, app, make_program,
                                                                   make_member):  # fmt: skip
    from vms.auth.models import Role

    agreement = peer_agreement(aw)
    other = make_program("Other Program")
    other_coordinator = make_member(other, Role.COORDINATOR)
    with app.test_request_context():
        assert queries.agreement_for(aw.program, agreement.id, aw.peer) == agreement
        assert queries.agreement_for(aw.program, agreement.id, aw.coordinator) == agreement
        with pytest.raises(NotFound):
            queries.agreement_for(aw.program, agreement.id, aw.outsider)
        with pytest.raises(NotFound):
            queries.agreement_for(other, agreement.id, other_coordinator)
    assert isinstance(agreement, Agreement)


def test_a_spanish_program_gets_its_templates_in_spanish(app, make_program):
    program = make_program("Programa", "Europe/Madrid", "es")
    template = current_template(program, AgreementKind.PEER)
    team = current_template(program, AgreementKind.TEAM)
    assert (template.language, template.title) == ("es", "Acuerdo de mentoría entre pares")
    assert template.published_at is not None and template.version == 1
    assert "Confidencialidad" in [s["heading"] for s in template.sections]
    assert "orden del día antes de cada reunión" in " ".join(s["body"] for s in team.sections)
