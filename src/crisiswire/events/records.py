"""Doc → `Event` records: the one place where spaCy objects become plain data."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from crisiswire.events.coder import CodedEvent
from crisiswire.events.ontology import cameo_for
from crisiswire.model import Article, Event, Evidence


def event_id(article_id: str, start: int, event_type: str) -> str:
    digest = hashlib.sha1(f"{article_id}:{start}:{event_type}".encode()).hexdigest()
    return digest[:16]


def doc_events(doc: Doc, article: Article) -> list[Event]:
    return [to_event(coded, article) for coded in doc._.cw_events or []]


def to_event(coded: CodedEvent, article: Article) -> Event:
    pattern = coded.pattern
    code = cameo_for(pattern.event_type, pattern.mode, pattern.cameo)
    sentence = coded.sentence
    return Event(
        id=event_id(article.id, coded.trigger.start_char, pattern.event_type),
        article_id=article.id,
        event_type=pattern.event_type,
        mode=pattern.mode,
        cameo=code.code,
        goldstein=code.goldstein,
        quad=code.quad,
        actor=coded.actor,
        recipient=coded.recipient,
        evidence=Evidence(
            coded.sentence_index,
            sentence.start_char,
            sentence.start_char + len(sentence.text.rstrip()),
            sentence.text.rstrip(),
        ),
        trigger=coded.trigger.text,
        date=coded.date if coded.date_basis else article.published,
        date_text=coded.date_text,
        date_basis=coded.date_basis or ("publication-date" if article.published else None),
        date_value=coded.date_value,
        location=coded.location,
        dead=coded.dead,
        injured=coded.injured,
        negated=coded.negated,
        modality=coded.modality,
        speaker=coded.speaker,
    )
