"""Quotes and reported speech in a parsed Doc, each with its speaker and cue.

Direct quotes are the quotations `marks.find_quotations` pairs in the text. Each is given the
cue that attributes it, tried in this order:

1. a verb of saying that governs the quoted words in the parse ("Miller said the US was
   watching “very, very closely”", '“…,” he said' when the parser hangs the quote on it);
2. a verb of saying (or "according to") just after the closing mark, in the same sentence
   ('“…,” said Miller', '“…” he wrote on X');
3. a verb of saying just before the opening mark ('Miller said: “…”', 'She told reporters, “…”');
4. a dash after the closing mark and a name ('“…” ― Jane Roe');
5. the quote before it, when nothing but that quote's own attribution stands between them
   ('“…,” Miller said. “…”', a quote running on over paragraphs, the second half of a quote
   split by its attribution): same speaker, same cue.

A paragraph opening with a name in capitals and a colon ("WALLACE: …") is a transcript
turn, quoted whole. A quotation with no cue is a quote only when it is four words or more
and not a title (every word capitalised, "The Art of the Deal"); shorter ones are scare
quotes and names ("‘Operation X’", a quoted word) and are skipped.

Reported speech is the clausal complement of a verb of saying ("Miller said [tensions are
not connected to …]", "told reporters that …", "warned that …"), or the clause a reporting
verb interrupts or follows ("The talks will resume, he said"), or the clause an "according
to X" phrase sits in. Verbs of thinking and finding (``stance_verbs``: "officials fear
that …", "a poll found that …") attribute reported content too, never a quotation. A report
whose words are mostly a quotation is left to the direct quote. The parser may run a
sentence over a paragraph break; contents and speakers are cut at it.

The speaker is the subject of the cue verb (climbing through "adding that …", "continued to
say …", "who said …"), the object of "according to", or the issuer of a statement ("a
statement issued by the foreign office" → the foreign office). It is resolved with the
`ActorResolver` (names, titles, pronouns); when the resolver leaves the name empty a
pronoun takes the text of its nearest agreeing antecedent, a title ("the spokesman") the
nearest person described by it, and a proper name its own words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

import crisiswire.actors.component  # noqa: F401  (registers doc._.cw_mentions, cw_ref_date)
from crisiswire.actors.resolve import ActorResolver
from crisiswire.events.patterns import load_patterns
from crisiswire.model import ActorRef, Quote
from crisiswire.quotes.cues import QuoteCues, load_cues
from crisiswire.quotes.marks import Quotation, find_quotations

_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB = ("conj", "advcl", "xcomp")
"""A cue verb without a subject takes that of the verb it hangs from: "…, adding that",
"continued to say", "paused and said"."""
_RELATIVE = {"who", "that", "which"}
_HE_SHE = {"he", "she", "him", "her"}
_IT = {"it", "its"}
_THEY = {"they", "them", "we", "us"}
_PRONOUNS = _HE_SHE | _IT | _THEY | {"i", "me", "you"}
_NP_LEFT = {"compound", "amod", "poss", "nmod", "flat", "nummod", "det", "case", "npadvmod"}
_COMPLEMENTISERS = {"that", "whether", "if"}
_OWN = {"dobj", "dative", "iobj", "npadvmod", "advmod", "prep", "agent", "aux", "neg", "prt"}
"""Children of a reporting verb that belong to the reporting clause ("told reporters on
Friday"), not to what was reported."""
_MIN_WORDS_WITHOUT_CUE = 4
_MAX_AFTER = 20
"""Tokens after a closing mark searched for its cue ('“…,” Jane Roe, an economist at the
central bank, told reporters')."""
_MAX_BEFORE = 10
_WORD = re.compile(r"\w+")
_LABEL = re.compile(
    r"^[^\S\n]*[“\"]?"  # a paragraph, perhaps opening with a quotation mark
    r"([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2})"  # WALLACE, MR. TRUMP
    r"[^\S\n]*(:)[^\S\n]+(\S[^\n]*)$",  # a colon and the words spoken
    re.M,
)
_SENTENCE_END = {".", "!", "?"}
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+)*"  # ISLAMABAD/DUBAI, NEW DELHI
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # , Jan 22
    r"(?:\s*\([^)\n]{1,60}\))?"  # (Northstar Wire)
    r"\s*[-–—]\s"
)
_FLOOR_CHARS = 1500
"""How far back (in characters) the last speaker still holds the floor for "he said"."""
_PERSON_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "president",
    "official", "ambassador", "envoy", "general", "commander", "chief", "leader", "premier",
    "adviser", "advisor", "diplomat", "analyst", "man", "woman", "mayor", "governor",
}  # fmt: skip


def find_quotes(doc: Doc, resolver: ActorResolver | None = None) -> list[Quote]:
    """Direct quotes and reported speech in `doc`, in text order (``article_id`` empty)."""
    if resolver is None:
        resolver = ActorResolver(doc, doc._.cw_ref_date, load_patterns().body_anaphors)
    return _Extractor(doc, resolver, load_cues()).run()


class _Extractor:
    def __init__(self, doc: Doc, resolver: ActorResolver, cues: QuoteCues) -> None:
        self.doc = doc
        self.text = doc.text
        self.resolver = resolver
        self.cues = cues
        self.quotations = find_quotations(doc.text)
        self.sentences = list(doc.sents)
        self.sentence_starts = [s.start_char for s in self.sentences]
        self.quoted = self._quoted_tokens()
        self.mentions = doc._.cw_mentions or []
        dateline = _DATELINE.match(doc.text)
        self.dateline_end = dateline.end() if dateline else 0
        """End of an opening dateline ("ISLAMABAD, Jan 22 (Wire) - "): never a speaker."""
        self.breaks = [t.i for t in doc if "\n" in t.text]
        """Tokens holding a line break: the parser may run a sentence over a paragraph
        break, our quotes never do."""

    def run(self) -> list[Quote]:
        transcript = self._transcript()
        taken = [(q.start, q.end) for q in transcript]
        direct = [q for q in self._direct() if not any(s < q.end and q.start < e for s, e in taken)]
        direct += transcript
        reported = self._reported(direct)
        out = direct + reported
        out.sort(key=lambda q: (q.start, -q.end))
        self._continue_speakers(out)
        return out

    def _continue_speakers(self, quotes: list[Quote]) -> None:
        """ "“…,” Kirby told reporters travelling with the president. “…,” he added": a
        pronoun speaker is the last speaker quoted, when that one agrees (a person for
        he/she, an organisation for it) and spoke within the last few paragraphs — news
        writing keeps the floor with the speaker, whoever else was named in between."""
        last: dict[str, tuple[int, ActorRef]] = {}
        for quote in quotes:
            speaker = quote.speaker
            if speaker is None or speaker.start is None:
                continue
            at = quote.cue_start if quote.cue_start is not None else quote.start
            lower = speaker.text.lower()
            kind = "person" if lower in _HE_SHE else "organisation" if lower in _IT else None
            if kind is not None:
                previous = last.get(kind)
                if previous is not None and 0 <= at - previous[0] <= _FLOOR_CHARS:
                    ref = previous[1]
                    speaker.name, speaker.country, speaker.sector = (
                        ref.name,
                        ref.country,
                        ref.sector,
                    )
                    last[kind] = (at, ref)
                continue
            if lower in _PRONOUNS:
                continue
            last[self._speaker_kind(speaker)] = (at, speaker)

    def _speaker_kind(self, speaker: ActorRef) -> str:
        span = self.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if span is None:
            return "organisation"
        head = span.root
        mention = next((m for m in self.mentions if m.start <= head.i < m.end), None)
        if mention is not None and mention.kind == "person":
            return "person"
        if any(t.ent_type_ == "PERSON" for t in span) or head.lemma_.lower() in _PERSON_NOUNS:
            return "person"
        return "organisation"

    # -- direct quotes ------------------------------------------------------------------

    def _quoted_tokens(self) -> dict[int, int]:
        """Token index → number of the quotation whose words it is in."""
        out: dict[int, int] = {}
        for number, quote in enumerate(self.quotations):
            span = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is not None:
                for token in span:
                    out[token.i] = number
        return out

    def _direct(self) -> list[Quote]:
        out: list[Quote] = []
        previous: tuple[Quotation, Quote] | None = None
        for number, quotation in enumerate(self.quotations):
            span = self.doc.char_span(quotation.start, quotation.end, alignment_mode="expand")
            if span is None:
                continue
            words = len(_WORD.findall(self.text[quotation.start : quotation.end]))
            found = (
                self._governing_cue(span, number)
                or self._cue_after(quotation, number)
                or self._cue_before(quotation, number)
            )
            if found is not None:
                cue_start, cue_end, speaker_head = found
                if words < _MIN_WORDS_WITHOUT_CUE and _is_title(span) and not quotation.single:
                    continue  # "the operation dubbed “Marg Bar Sarmachar”": a name
                speaker = self._speaker(speaker_head) if speaker_head is not None else None
                quote = self._quote(quotation, True, speaker, cue_start, cue_end)
            else:
                dashed = self._dash_speaker(quotation)
                carried = self._continues(previous, quotation) if dashed is None else None
                if dashed is not None:
                    quote = self._quote(quotation, True, dashed[1], dashed[0], dashed[0] + 1)
                elif carried is not None:
                    quote = self._quote(quotation, True, carried.speaker, None, None)
                    quote.cue, quote.cue_start, quote.cue_end = (
                        carried.cue,
                        carried.cue_start,
                        carried.cue_end,
                    )
                elif (
                    words >= _MIN_WORDS_WITHOUT_CUE and not quotation.single and not _is_title(span)
                ):
                    quote = self._quote(quotation, True, None, None, None)
                else:
                    continue
            out.append(quote)
            previous = (quotation, quote)
        return out

    def _transcript(self) -> list[Quote]:
        """Interview transcripts: a paragraph opening with a speaker's name in capitals and
        a colon ("WALLACE: …", "MR. TRUMP: …") quotes that speaker."""
        out: list[Quote] = []
        matches = list(_LABEL.finditer(self.text))
        opening = len(self.text) - len(self.text.lstrip())
        for match in matches:
            label = self.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if label is None or not any(c.isalpha() for c in match.group(1)[1:]):
                continue
            if match.start(1) == opening and len(matches) == 1:
                continue  # "ISLAMABAD: …" opening an article is its dateline, not a speaker
            start, end = match.start(3), match.end(3)
            while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in '”"'):
                end -= 1
            if self.text[start] in '“"':
                start += 1
            speaker = self._speaker(label.root)
            colon = match.start(2)
            out.append(self._quote((start, end), True, speaker, colon, colon + 1))
        return out

    def _quote(
        self,
        quotation: Quotation | tuple[int, int],
        direct: bool,
        speaker: ActorRef | None,
        cue_start: int | None,
        cue_end: int | None,
    ) -> Quote:
        if isinstance(quotation, Quotation):
            start, end = quotation.start, quotation.end
        else:
            start, end = quotation
        cue = self.text[cue_start:cue_end] if cue_start is not None else None
        return Quote(
            article_id="",
            text=self.text[start:end],
            start=start,
            end=end,
            direct=direct,
            speaker=speaker,
            cue=cue,
            cue_start=cue_start,
            cue_end=cue_end,
            sentence=self._sentence_of(start),
        )

    def _paragraph(self, token: Token) -> int:
        return bisect.bisect_right(self.breaks, token.i)

    def _segment(self, token: Token) -> tuple[int, int]:
        """Token range of the sentence of `token`, cut at paragraph breaks."""
        sent = token.sent
        number = bisect.bisect_right(self.breaks, token.i)
        start = self.breaks[number - 1] + 1 if number > 0 else 0
        end = self.breaks[number] if number < len(self.breaks) else len(self.doc)
        return max(sent.start, start), min(sent.end, end)

    def _sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def _is_cue_verb(self, token: Token, stance: bool = False) -> bool:
        """A verb that attributes words to its subject; with `stance`, a verb of thinking
        or finding as well (which attributes reported content but no quotation)."""
        if token.i in self.quoted or token.pos_ not in ("VERB", "AUX"):
            return False
        if token.dep_ == "acl" and token.lemma_.lower() == "call":
            return False  # "a film called “…”" names it
        if token.lower_ == "called" and token.i >= 2 and self.doc[token.i - 2].lower_ == "so":
            return False  # "so-called": scare quotes follow
        lemma = token.lemma_.lower()
        if stance and lemma in self.cues.stance_verbs:
            return True
        if lemma in self.cues.speech_verbs:
            return True
        return lemma in self.cues.posting_verbs and self._names_platform(token)

    def _names_platform(self, verb: Token) -> bool:
        """ "shared on Facebook", "published on its website": the post's platform is named."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "in", "via", "to"):
                words = " ".join(t.text for t in child.subtree)
                if any(re.search(rf"\b{re.escape(p)}\b", words) for p in self.cues.platforms):
                    return True
        return False

    def _governing_cue(self, span: Span, number: int) -> tuple[int, int, Token | None] | None:
        """A verb of saying above the quoted words in the parse, outside every quotation."""
        paragraph = self._paragraph(span[0])
        for token in span:
            if token.head.i in self.quoted and self.quoted[token.head.i] == number:
                continue  # inside: only the tokens the quote hangs from matter
            head = token
            for _ in range(6):
                if head.head is head:
                    break
                head = head.head
                if head.i in self.quoted or self._paragraph(head) != paragraph:
                    break
                if self._is_cue_verb(head):
                    return head.idx, head.idx + len(head), self._subject(head)
                if head.pos_ in ("NOUN", "PROPN") and head.dep_ not in ("dobj", "pobj"):
                    break  # "the film “Rocky”": the quote names something
        return None

    def _cue_after(self, quotation: Quotation, number: int) -> tuple[int, int, Token | None] | None:
        """'“…,” said Miller', '“…,” the ministry said in a statement', '“…,” according to X'."""
        after = self.doc.char_span(quotation.close, len(self.text), alignment_mode="expand")
        if after is None or quotation.runs_on:
            return None
        first = after[0]
        if first.idx < quotation.close + 1 and first.text in '”"’»':
            first = first.nbor(1) if first.i + 1 < len(self.doc) else None
        if first is None:
            return None
        sentence = first.sent
        for token in self.doc[first.i : min(first.i + _MAX_AFTER, len(self.doc))]:
            if "\n" in token.text or token.i in self.quoted or token.sent != sentence:
                break
            if token.text in ("“", '"', "«") or (token.text in _SENTENCE_END and token.i > first.i):
                break
            according = self._according_at(token)
            if according is not None:
                cue_start, cue_end, source = according
                return cue_start, cue_end, source
            if token.pos_ in ("VERB", "AUX") and not self._is_cue_verb(token):
                if token.dep_ not in ("relcl", "acl", "aux", "auxpass", "amod"):
                    break  # '“…” was off, and a film …': another clause, not an attribution
                continue
            if self._is_cue_verb(token):
                subject = self._subject(token, after=True)
                if subject is not None and subject.idx < quotation.open:
                    return None  # 'Miller called the “deal” a mistake, she said': not his
                return token.idx, token.idx + len(token), subject
        return None

    def _cue_before(
        self, quotation: Quotation, number: int
    ) -> tuple[int, int, Token | None] | None:
        """'Miller said: “…”', 'She told reporters on Monday, “…”'."""
        before = self.doc.char_span(0, quotation.open, alignment_mode="contract")
        if before is None or not len(before):
            return None
        last = before[-1]
        if last.text not in (":", ",") and not self._is_cue_verb(last):
            return None
        start = max(0, last.i - _MAX_BEFORE)
        for token in reversed(self.doc[start : last.i + 1]):
            if "\n" in token.text or token.i in self.quoted:
                break
            if token.text in _SENTENCE_END or token.text in ("”", '"', "»"):
                break
            if self._is_cue_verb(token):
                return token.idx, token.idx + len(token), self._subject(token)
        return None

    def _dash_speaker(self, quotation: Quotation) -> tuple[int, ActorRef | None] | None:
        """'“…” ― Jane Roe': the dash's position and the name after it."""
        rest = self.text[quotation.close + 1 : quotation.close + 80]
        match = re.match(r"[^\S\n]*(\S)[^\S\n]*", rest)
        if match is None or match.group(1) not in self.cues.dashes:
            return None
        dash = quotation.close + 1 + match.start(1)
        name_start = quotation.close + 1 + match.end()
        span = self.doc.char_span(name_start, len(self.text), alignment_mode="expand")
        if span is None or not span[0].text[:1].isupper():
            return None
        tokens = []
        for token in span[:8]:
            if "\n" in token.text or token.text in (",", "(", ".", ";") or token.i in self.quoted:
                break
            tokens.append(token)
        if not tokens:
            return None
        name = self.doc[tokens[0].i : tokens[-1].i + 1]
        head = name.root
        ref = self._speaker(head)
        if ref is not None and (ref.start is None or ref.start < name.start_char):
            ref.text, ref.start, ref.end = name.text, name.start_char, name.end_char
        return dash, ref

    def _continues(
        self, previous: tuple[Quotation, Quote] | None, quotation: Quotation
    ) -> Quote | None:
        """The previous quote, when this one carries on its words: nothing stands between
        them but the previous quote's own attribution and its sentence."""
        if previous is None:
            return None
        before, quote = previous
        if quote.cue is None or quote.cue in self.cues.dashes:
            return None  # a list of quotes signed with a dash: each has its own
        gap_start, gap_end = before.close + 1, quotation.open
        if gap_end - gap_start > 200 or self.text.count("\n\n", gap_start, gap_end) > 1:
            return None
        if quote.cue_start is not None and gap_start <= quote.cue_start < gap_end:
            # skip the sentence of the attribution ('“…,” Miller said. “…”')
            sentence = self.doc.char_span(quote.cue_start, quote.cue_end, "expand")
            if sentence is not None:
                gap_start = max(gap_start, sentence.sent.end_char)
            if quote.speaker is not None and quote.speaker.end is not None:
                gap_start = max(gap_start, quote.speaker.end)
        gap = self.text[gap_start:gap_end]
        if any(c.isalnum() for c in gap):
            # allow an attribution clause only: "he said", "Miller added on Monday"
            gap_span = self.doc.char_span(gap_start, gap_end, alignment_mode="contract")
            if gap_span is None or not any(self._is_cue_verb(t) for t in gap_span):
                return None
            if len([t for t in gap_span if t.is_alpha]) > 8:
                return None
        return quote

    # -- reported speech ----------------------------------------------------------------

    def _reported(self, direct: list[Quote]) -> list[Quote]:
        covered = [(q.start, q.end) for q in direct]
        out: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        for token in self.doc:
            according = self._according_at(token)
            if according is not None:
                content = self._according_content(token)
                parts = [content] if content is not None else []
                cue_start, cue_end, source = according
            elif self._is_cue_verb(token, stance=True):
                parts = self._complement(token)
                cue_start, cue_end = token.idx, token.idx + len(token)
                source = self._subject(token) if parts else None
            else:
                continue
            parts = [p for p in parts if p not in seen and not _mostly_covered(*p, covered)]
            if not parts:
                continue
            speaker = self._speaker(source) if source is not None else None
            for start, end in parts:
                seen.add((start, end))
                quote = self._quote((start, end), False, speaker, cue_start, cue_end)
                out.append(quote)
        return out

    def _complement(self, verb: Token) -> list[tuple[int, int]]:
        """The words a verb of saying reports: its clausal complement, or the clause its
        reporting clause follows, or the two halves of the one it interrupts ("The talks,
        he said, will resume")."""
        start, end = self._segment(verb)
        comps = [
            c
            for c in verb.children
            if c.dep_ == "ccomp" and c.i not in self.quoted and start <= c.i < end
        ]
        if not comps and verb.dep_ == "acl" and verb.head.dep_ == "ROOT":
            # "The group posted on Telegram that …" parsed as a noun with a reduced
            # relative: the "that" clause hangs from the noun
            comps = [
                c
                for c in verb.head.children
                if c.i > verb.i
                and c.dep_ in ("relcl", "ccomp", "acl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ]
        after = [c for c in comps if c.i > verb.i]
        if len(after) > 1:
            # "Miller said tensions are not connected …, but … there's risk": two
            # complements joined by a conjunction are one report
            first, last = after[0].left_edge.i, after[-1].right_edge.i
            tokens = [t for t in self.doc[first : last + 1] if start <= t.i < end]
            return _found(self._trim(tokens, verb))
        if comps:
            comp = comps[-1] if comps[-1].i > verb.i else comps[0]
            return _found(self._trim([t for t in comp.subtree if start <= t.i < end], verb))
        subject = self._subject(verb)
        if subject is None or not start <= subject.i < end:
            return []
        own = {verb.i} | {t.i for t in subject.subtree}
        for child in verb.children:
            if child.dep_ in _OWN and child.i not in own:
                own |= {t.i for t in child.subtree}
        first, last = min(own), max(own)
        if last - first + 1 != len(own) or first <= start:
            return []  # the reporting clause is not one stretch, or opens the sentence
        before = self.doc[start:first]
        if not before or before[-1].text not in (",", "—", "–"):
            return []
        parts = _found(self._trim(list(before), verb))
        after = self.doc[last + 1 : end]
        if parts and len(after) > 1 and after[0].text == ",":
            opener = after[1]
            if verb.dep_ == "parataxis" or not (
                opener.head is verb or (opener.head.head is verb and opener.dep_ == "mark")
            ):
                parts += _found(self._trim(list(after), verb))
        return parts

    def _trim(self, tokens: list[Token], cue: Token) -> tuple[int, int] | None:
        tokens = sorted(tokens, key=lambda t: t.i)
        if not tokens or cue in tokens:
            return None
        while tokens and (
            tokens[0].is_punct
            or tokens[0].is_space
            or (tokens[0].dep_ == "mark" and tokens[0].lower_ in _COMPLEMENTISERS)
        ):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            if tokens[-1].text in ("?", "!", ")", "”", '"') and len(tokens) > 1:
                break
            tokens = tokens[:-1]
        if len([t for t in tokens if t.is_alpha]) < 2:
            return None
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if "\n\n" in self.text[start:end]:
            return None
        return start, end

    def _according_at(self, token: Token) -> tuple[int, int, Token | None] | None:
        """ "according to X" starting at `token`: the cue's characters and X's head."""
        for phrase in self.cues.according_to:
            end = token.i + len(phrase)
            if end > len(self.doc) or token.i in self.quoted:
                continue
            words = self.doc[token.i : end]
            if tuple(t.lower_ for t in words) != phrase:
                continue
            last = words[-1]
            source = next((c for c in last.children if c.dep_ == "pobj"), None)
            if source is None and end < len(self.doc):
                source = next(
                    (t for t in self.doc[end : end + 6] if t.pos_ in ("NOUN", "PROPN", "PRON")),
                    None,
                )
                source = _np_head(source) if source is not None else None
            return words.start_char, words.end_char, source
        return None

    def _according_content(self, first: Token) -> tuple[int, int] | None:
        """The clause an "according to" phrase sits in, without the phrase."""
        clause = first.head
        for _ in range(4):
            if clause.pos_ in ("VERB", "AUX") or clause.head is clause:
                break
            clause = clause.head
        own = {t.i for t in first.subtree}
        if first.head is first:  # "According to X." as a sentence of its own
            return None
        tokens = [t for t in clause.subtree if t.i not in own and t.sent == first.sent]
        if not tokens:
            return None
        return self._trim(tokens, first)

    # -- speakers ------------------------------------------------------------------------

    def _subject(self, verb: Token, after: bool = False) -> Token | None:
        current = verb
        for _ in range(4):
            for child in current.children:
                if child.dep_ in _SUBJECTS and child.i not in self.quoted:
                    return child  # "who" in "Miller, who said": `_speaker` resolves it
            if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
                return current.head  # "a statement saying that …"
            if after or current is verb:
                # inverted: '“…,” said Miller' parsed with Miller as object
                for child in current.rights:
                    if child.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd") and (
                        child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG")
                    ):
                        return child
            if current.dep_ not in _CLIMB:
                return None
            current = current.head
        return None

    def _issuer(self, head: Token) -> Token:
        """ "a statement issued by the foreign office" → office; "the ministry's
        statement" → ministry; else the phrase itself."""
        if head.lemma_.lower() not in self.cues.source_nouns:
            return head
        for child in head.children:
            if child.dep_ == "poss":
                return child
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
            if child.dep_ == "acl":
                for grandchild in child.children:
                    if grandchild.dep_ == "agent" or (
                        grandchild.dep_ == "prep" and grandchild.lower_ in ("by", "from")
                    ):
                        pobj = next((c for c in grandchild.children if c.dep_ == "pobj"), None)
                        if pobj is not None:
                            return pobj
        for child in head.children:
            if child.dep_ == "compound" and (
                child.pos_ == "PROPN" or child.ent_type_ in ("ORG", "PERSON", "GPE")
            ):
                return child
        return head

    def _speaker(self, head: Token) -> ActorRef | None:
        if head.idx < self.dateline_end:
            return None  # the parser took the dateline's city for the subject
        written = head  # the words by the cue: "who" in "Miller, who said …"
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head is not head:
            head = head.head.head
        head = self._issuer(head)
        refs = self.resolver.resolve(head)
        span = self._phrase(head)
        if refs:
            ref = replace(refs[0])
            if ref.start is not None and ref.start > span.start_char >= ref.start - 4:
                ref.text, ref.start = self.text[span.start_char : ref.end], span.start_char
        else:
            ref = ActorRef(span.text, None, None, None, span.start_char, span.end_char)
        if ref.name is None:
            ref.name = self._fallback_name(head)
        if written is not head and written.lower_ in _RELATIVE:
            if ref.name is None and ref.start is not None:
                ref.name = ref.text
            ref.text, ref.start, ref.end = written.text, written.idx, written.idx + len(written)
        self._clip(ref, head)
        return ref

    def _clip(self, ref: ActorRef, head: Token) -> None:
        """Keep the speaker's words within the paragraph of its head: the parser may run a
        headline or a dateline ("12:15 p.m.") into the sentence after it."""
        if ref.start is None or ref.end is None:
            return
        start, end = ref.start, ref.end
        cut = self.text.rfind("\n", start, max(start, head.idx))
        if cut >= 0:
            start = cut + 1
        cut = self.text.find("\n", min(end, head.idx + len(head)), end)
        if cut >= 0:
            end = cut
        words = self.text[start:end]
        start += len(words) - len(words.lstrip())
        end -= len(words) - len(words.rstrip())
        if end > start:
            ref.text, ref.start, ref.end = self.text[start:end], start, end

    def _phrase(self, head: Token) -> Span:
        """The head, its left modifiers and a leading determiner: "the foreign office"."""
        if head.lower_ in _PRONOUNS:
            return self.doc[head.i : head.i + 1]
        left = [head]
        for child in head.lefts:
            if child.dep_ in _NP_LEFT:
                left.extend(child.subtree)
        start = min(t.i for t in left)
        while start < head.i and self.doc[start].is_punct:
            start += 1
        return self.doc[start : head.i + 1]

    def _fallback_name(self, head: Token) -> str | None:
        lower = head.lower_
        if lower in _HE_SHE | _IT | _THEY:
            return self._antecedent_text(head)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            holder = self._title_holder(head)
            if holder is not None:
                return holder
        if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG"):
            span = self._phrase(head)
            words = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
            if words:
                return self.doc[words[0].i : words[-1].i + 1].text
        return None

    def _antecedent_text(self, pronoun: Token) -> str | None:
        """The nearest earlier mention a pronoun can stand for: a person for he/she, a
        state or organisation for it, a group or state for they/we."""
        lower = pronoun.lower_
        for mention in reversed(self.mentions):
            if mention.start >= pronoun.i:
                continue
            if mention.start < pronoun.i - 400:
                break
            span = self.doc[mention.start : mention.end]
            person = mention.kind == "person" or (
                mention.kind == "unknown" and any(t.ent_type_ == "PERSON" for t in span)
            )
            organisation = mention.kind in ("country", "capital", "group", "igo") or (
                mention.kind == "unknown" and any(t.ent_type_ == "ORG" for t in span)
            )
            if (lower in _HE_SHE and person) or (lower in _IT and organisation):
                return mention.entry.name if mention.entry is not None else span.text
            if lower in _THEY and (organisation or mention.kind == "sector"):
                return mention.entry.name if mention.entry is not None else span.text
        return None

    def _title_holder(self, head: Token) -> str | None:
        """ "the spokesman" → the nearest earlier person described by that word
        ("spokesman Matthew Miller", "Matthew Miller, the State Department's spokesman")."""
        title = head.lemma_.lower()
        for mention in reversed(self.mentions):
            if mention.start >= head.i:
                continue
            if mention.start < head.i - 400:
                break
            span = self.doc[mention.start : mention.end]
            if not (
                mention.kind == "person"
                or (mention.kind == "unknown" and any(t.ent_type_ == "PERSON" for t in span))
            ):
                continue
            if title in _described_by(span):
                return mention.entry.name if mention.entry is not None else span.text
        return None


def _described_by(span: Span) -> set[str]:
    """Lemmas of the words that describe a person's name: compounds before it ("spokesman
    Matthew Miller"), an apposition ("Miller, a spokesman for …") or the noun it is in
    apposition to ("the spokesman, Matthew Miller")."""
    root = span.root
    words: set[str] = set()
    for token in [root, *([root.head] if root.dep_ == "appos" else [])]:
        for child in token.children:
            if child.dep_ in ("compound", "appos", "amod") and child.i not in range(
                span.start, span.end
            ):
                words |= {t.lemma_.lower() for t in child.subtree}
        if token is not root:
            words.add(token.lemma_.lower())
    for token in span.doc[max(0, span.start - 4) : span.start]:
        words.add(token.lemma_.lower())  # titles the parser left outside: "Spokesman Lee"
    return words


def _found(part: tuple[int, int] | None) -> list[tuple[int, int]]:
    return [part] if part is not None else []


def _np_head(token: Token) -> Token:
    while token.dep_ in _NP_LEFT and token.head is not token:
        token = token.head
    return token


def _is_title(span: Span) -> bool:
    """Every word capitalised and no sentence inside: a title or name, not speech."""
    words = [t for t in span if t.is_alpha]
    if not words or any(t.text in _SENTENCE_END for t in span[:-1]):
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or"}
    return all(t.text[:1].isupper() or t.lower_ in small for t in words) and (
        words[0].text[:1].isupper()
    )


def _mostly_covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside >= 0.7 * (end - start)
