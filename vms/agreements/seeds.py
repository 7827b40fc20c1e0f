"""The agreement texts a program starts with, stored per language (English and Spanish).

The texts are data, not interface strings: once published a template is a signed document's
source and never changes, so it is kept as rows (a new version is a new row), not in the
message catalogue. ``seed_templates`` publishes version 1 of each kind in the program's language.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from vms.agreements.models import AgreementKind, AgreementTemplate
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db

# (key, heading, body); the parts the parties fill in follow the sections keyed seeks,
# provides, boundaries and time.
_PEER_EN = (
    (
        "seeks",
        "What the member seeks",
        "The member says what they want from this mentoring, in their own words:",
    ),
    (
        "provides",
        "What the peer mentor can provide",
        "The peer mentor says what they can offer, and what they cannot:",
    ),
    (
        "boundaries",
        "Boundaries",
        "Either of us may decline a topic or a request. We keep to the time we agreed and say "
        "early when we cannot. Our own boundaries:",
    ),
    (
        "confidentiality",
        "Confidentiality",
        "What we discuss stays between us unless we both agree otherwise, or someone's safety is "
        "at risk.",
    ),
    (
        "term",
        "Term",
        "This agreement lasts six months from the day the last of us signs. We may renew it.",
    ),
    (
        "time",
        "Time committed",
        "The time we commit each month, how often we meet, and any sum committed each month:",
    ),
    (
        "stopping",
        "If one of us wants to stop",
        "Either of us may end this agreement early by telling the other and the program's "
        "coordinator, with a reason. No one is blamed for stopping.",
    ),
)
_PEER_ES = (
    (
        "seeks",
        "Lo que busca el miembro",
        "El miembro dice qué espera de esta mentoría, con sus propias palabras:",
    ),
    (
        "provides",
        "Lo que puede ofrecer el mentor par",
        "El mentor par dice qué puede ofrecer, y qué no:",
    ),
    (
        "boundaries",
        "Límites",
        "Cualquiera de los dos puede rechazar un tema o una petición. Respetamos el tiempo "
        "acordado y avisamos con antelación cuando no podemos. Nuestros propios límites:",
    ),
    (
        "confidentiality",
        "Confidencialidad",
        "Lo que hablamos queda entre nosotros salvo que ambos acordemos lo contrario, o que la "
        "seguridad de alguien esté en riesgo.",
    ),
    (
        "term",
        "Duración",
        "Este acuerdo dura seis meses desde el día en que firme el último de nosotros. Podemos "
        "renovarlo.",
    ),
    (
        "time",
        "Tiempo comprometido",
        "El tiempo que dedicamos cada mes, con qué frecuencia nos reunimos y cualquier suma "
        "comprometida cada mes:",
    ),
    (
        "stopping",
        "Si uno de los dos quiere terminar",
        "Cualquiera de los dos puede terminar este acuerdo antes de tiempo avisando al otro y a la "
        "coordinación del programa, con un motivo. Nadie es culpable por terminar.",
    ),
)
_TEAM_EN = (
    ("seeks", "What the venture seeks", "The founders say what they want from their mentor team:"),
    (
        "provides",
        "What the mentors can provide",
        "The mentors say what they can offer, and what they cannot:",
    ),
    (
        "meetings",
        "Meetings",
        "The venture sends an agenda before each meeting and a summary after it.",
    ),
    ("progress", "Progress", "The venture reports its progress to the team every two months."),
    (
        "interest",
        "No financial interest",
        "The mentors hold no financial interest in the venture and accept none while this "
        "agreement lasts.",
    ),
    (
        "confidentiality",
        "Confidentiality",
        "What the venture shares stays within the team unless the founders agree otherwise.",
    ),
    (
        "term",
        "Term",
        "This engagement lasts six months from the day the last party signs. It may be renewed.",
    ),
    ("time", "Time committed", "The time the mentors commit each month and how often we meet:"),
    (
        "stopping",
        "If someone wants to stop",
        "Any party may end this engagement early by telling the others and the program's "
        "coordinator, with a reason.",
    ),
)
_TEAM_ES = (
    (
        "seeks",
        "Lo que busca la empresa",
        "Los fundadores dicen qué esperan de su equipo de mentores:",
    ),
    (
        "provides",
        "Lo que pueden ofrecer los mentores",
        "Los mentores dicen qué pueden ofrecer, y qué no:",
    ),
    (
        "meetings",
        "Reuniones",
        "La empresa envía un orden del día antes de cada reunión y un resumen después.",
    ),
    ("progress", "Avances", "La empresa informa de sus avances al equipo cada dos meses."),
    (
        "interest",
        "Sin interés financiero",
        "Los mentores no tienen interés financiero en la empresa y no aceptan ninguno "
        "mientras dure este acuerdo.",
    ),
    (
        "confidentiality",
        "Confidencialidad",
        "Lo que la empresa comparte queda dentro del equipo salvo que los fundadores acuerden lo "
        "contrario.",
    ),
    (
        "term",
        "Duración",
        "Este compromiso dura seis meses desde el día en que firme la última parte. Puede "
        "renovarse.",
    ),
    (
        "time",
        "Tiempo comprometido",
        "El tiempo que los mentores dedican cada mes y con qué frecuencia nos reunimos:",
    ),
    (
        "stopping",
        "Si alguien quiere terminar",
        "Cualquier parte puede terminar este compromiso antes de tiempo avisando a las demás "
        "y a la coordinación del programa, con un motivo.",
    ),
)

TEXTS = {
    (AgreementKind.PEER, "en"): ("Peer mentoring agreement", _PEER_EN),
    (AgreementKind.PEER, "es"): ("Acuerdo de mentoría entre pares", _PEER_ES),
    (AgreementKind.TEAM, "en"): ("Venture team engagement", _TEAM_EN),
    (AgreementKind.TEAM, "es"): ("Compromiso del equipo de mentores", _TEAM_ES),
}


def language_for(program: Program) -> str:
    return "es" if (program.default_locale or "en").startswith("es") else "en"


def seed_templates(program: Program, now: datetime) -> list[AgreementTemplate]:
    """Publish version 1 of each kind in the program's language, unless it has one already."""
    language = language_for(program)
    made = []
    for kind in AgreementKind:
        exists = db.session.scalar(
            select(AgreementTemplate.id).where(AgreementTemplate.program_id == program.id,
                                               AgreementTemplate.kind == kind).limit(1)
        )  # fmt: skip
        if exists:
            continue
        title, sections = TEXTS[(kind, language)]
        template = AgreementTemplate(
            program_id=program.id, kind=kind, language=language, version=1, title=title,
            sections=[{"key": k, "heading": h, "body": b} for k, h, b in sections],
            published_at=now,
        )  # fmt: skip
        db.session.add(template)
        made.append(template)
    db.session.flush()
    return made


def current_template(program: Program, kind: AgreementKind) -> AgreementTemplate:
    """The newest published version in the program's language (seeding it when there is none)."""
    query = (
        select(AgreementTemplate)
        .where(AgreementTemplate.program_id == program.id, AgreementTemplate.kind == kind,
               AgreementTemplate.language == language_for(program),
               AgreementTemplate.published_at.is_not(None))
        .order_by(AgreementTemplate.version.desc()).limit(1)
    )  # fmt: skip
    template = db.session.scalar(query)
    if template is None:
        seed_templates(program, now_utc())
        template = db.session.scalar(query)
    return template
