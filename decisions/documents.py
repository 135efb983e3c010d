"""What a decision prints, as plain data, apart from how it is laid out.

``decision_document`` returns the dict the template ``documents/decision.html`` lays out
(see ``documents.rendering``). It is JSON-serialisable: issuing stores it on the decision
as its snapshot, so an issued decision prints the names as they were on the day it was
signed. Tested without the PDF engine.
"""

from documents import formatting
from teams.models import ROLE_ORDER, ROLE_PRINTED

from .models import Decision

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
COMMITTEE = "ỦY BAN NHÂN DÂN"


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _ending(line: str, end: str) -> str:
    """Give ``line`` the punctuation Decree 30 wants at its end (";" or ".")."""
    line = line.rstrip().rstrip(";.,")
    return f"{line}{end}"


def _closing(line: str) -> str:
    """The last article ends with "./."."""
    line = line.rstrip()
    if line.endswith("./."):
        return line
    return f"{line.rstrip('.;,')}./."


def _article(label: str, text: str) -> dict:
    lines = _lines(text)
    return {"label": label, "text": lines[0] if lines else "", "paragraphs": lines[1:], "members": []}


def signature_lines(*, decision: Decision, vice: bool) -> list[str]:
    lines = [f"TM. {COMMITTEE}"] if decision.signs_for_committee else []
    lines += ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if vice else ["CHỦ TỊCH"]
    return lines


def decision_document(decision: Decision) -> dict:
    """The document as it prints now: the snapshot once issued, else built from the draft."""
    if decision.is_issued and decision.snapshot:
        return decision.snapshot
    return build_decision_document(decision)


def build_decision_document(decision: Decision) -> dict:
    commune = decision.commune
    is_draft = decision.number is None
    place_upper = commune.full_name.upper()

    bases = [_ending(f"Căn cứ {b.basis.citation}", ";") for b in decision.bases.select_related("basis")]
    bases.append(_ending(decision.proposer, "."))

    members = sorted(decision.members.select_related("person"), key=lambda m: (ROLE_ORDER[m.role], m.pk))
    article1 = _article("Điều 1.", decision.article1)
    article1["members"] = [
        {
            "index": index,
            "salutation": member.person.salutation,
            "name": member.person.full_name,
            "position": member.position or member.person.position,
            "role": ROLE_PRINTED[member.role],
        }
        for index, member in enumerate(members, start=1)
        if decision.kind != Decision.Kind.DISSOLVE
    ]
    articles = [article1, _article("Điều 2.", decision.article2), _article("Điều 3.", decision.article3)]
    last = articles[-1]
    if last["paragraphs"]:
        last["paragraphs"][-1] = _closing(last["paragraphs"][-1])
    else:
        last["text"] = _closing(last["text"])

    recipients = _lines(decision.recipients)
    recipients = [_ending(f"- {r.lstrip('- ').strip()}", ";") for r in recipients]
    if recipients:
        recipients[-1] = _ending(recipients[-1], ".")

    authority = f"{COMMITTEE} {place_upper}"
    if decision.authority == Decision.Authority.CHAIRMAN:
        authority = f"CHỦ TỊCH {authority}"
    return {
        "is_draft": is_draft,
        "governing_body": commune.governing_body.upper(),
        "issuing_body": [COMMITTEE, place_upper],
        "number_line": formatting.number_line(number=decision.number, symbol=decision.symbol),
        "nation": NATION,
        "motto": MOTTO,
        "place_date_line": formatting.place_date_line(place=commune.name, day=decision.issued_on, year=decision.year),
        "doc_type_title": "QUYẾT ĐỊNH",
        "subject": " ".join(decision.subject.split()),
        "authority": authority,
        "bases": bases,
        "decides": "QUYẾT ĐỊNH:",
        "articles": articles,
        "recipients_label": "Nơi nhận:",
        "recipients": recipients,
        "signature": {
            "lines": signature_lines(decision=decision, vice=decision.signer_is_vice),
            "name": "" if is_draft or decision.signer is None else decision.signer.full_name,
        },
    }
