"""Evaluation scorers: our coder on development data, one track per gold-standard set.

Each track is a plain function returning a dict of scores, so it can be called from Python;
``crisiswire eval TRACK`` (`crisiswire.eval.cli.eval_app`) wraps them for the command line.

- ``score_petrarch``: UD-PETRARCH functional validation suite (found / missed / extra).
- ``score_quad``: ConfliBERT CAMEO class of a sentence (accuracy, macro-F1).
- ``score_actors``: ConfliBERT source/target spans (token-overlap F1).
- ``score_plover``: NGEC synthetic stories, story-level PLOVER type (accuracy, macro-F1).

Every scorer takes an optional ``coder(texts, ref_date)`` (see `crisiswire.eval.common`), so
hand-made predictions can be scored without loading spaCy.
"""

from crisiswire.eval.common import EvalDataError, pipeline_coder
from crisiswire.eval.conflibert import score_actors, score_quad
from crisiswire.eval.petrarch import load_petrarch_dictionaries, score_petrarch
from crisiswire.eval.plover_synthetic import score_plover

__all__ = [
    "EvalDataError",
    "load_petrarch_dictionaries",
    "pipeline_coder",
    "score_actors",
    "score_petrarch",
    "score_plover",
    "score_quad",
]
