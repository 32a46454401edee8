"""``crisiswire_timex``: every temporal expression of a Doc, normalised against its date.

The reference date is the article's publication date (``doc._.cw_ref_date``, set by
`crisiswire.nlp.pipeline.make_doc`); the tense of each clause comes from the parse, so that
"will meet on Monday" looks forward and "met on Monday" back.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from crisiswire.timex.grammar import find_timexes
from crisiswire.timex.tense import tense_function

if not Doc.has_extension("cw_timexes"):
    Doc.set_extension("cw_timexes", default=None)
if not Doc.has_extension("cw_ref_date"):
    Doc.set_extension("cw_ref_date", default=None)


class TimexTagger:
    def __call__(self, doc: Doc) -> Doc:
        timexes = find_timexes(doc.text, doc._.cw_ref_date, tense_function(doc))
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else []
        for timex in timexes:
            timex.sentence = _index(starts, timex.start)
        doc._.cw_timexes = timexes
        return doc


def _index(starts: list[int], offset: int) -> int | None:
    return bisect_right(starts, offset) - 1 if starts else None


@Language.factory("crisiswire_timex", assigns=["doc._.cw_timexes"])
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    return TimexTagger()
