"""``crisiswire eval TRACK``: score our coder on development data, one command per track.

Mounted by the main CLI with ``app.add_typer(eval_app, name="eval")``. Every command prints
a readable table by default; with ``--json`` it prints one JSON object (floats rounded to 4
digits) on the last line of standard output and nothing else there. A progress bar goes to
standard error. A missing or unreadable input exits with code 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from crisiswire.eval.common import EvalDataError
from crisiswire.eval.metrics import rounded

eval_app = typer.Typer(
    help="Score crisiswire on gold-standard development data: events (UD-PETRARCH "
    "validation, ConfliBERT CAMEO sets, NGEC synthetic PLOVER stories), time expressions "
    "(TimeML), places (LGL, GeoVirus), quotes (PolNeAR), story grouping and event "
    "coreference (ECB+) and briefing summaries (NeuS).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

_out = Console(highlight=False, soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)

JsonOpt = Annotated[
    bool,
    typer.Option(
        "--json", help="Print one JSON object on the last line of standard output instead."
    ),
]


def _input_file(flag: str, help_text: str, dir_okay: bool = False) -> Any:
    """An input option that must exist: a file, or with `dir_okay` a file or a folder."""
    return typer.Option(
        flag,
        exists=True,
        dir_okay=dir_okay,
        readable=True,
        resolve_path=True,
        metavar="PATH" if dir_okay else "FILE",
        help=help_text,
        show_default=False,
    )


@contextmanager
def _progress(label: str) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """(set total, advance) callbacks driving a progress bar on standard error."""
    with Progress(
        TextColumn(f"[bold]{label}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=_err,
        transient=_err.is_terminal,
    ) as bar:
        task = bar.add_task(label, total=None)
        yield (lambda total: bar.update(task, total=total)), (lambda n: bar.advance(task, n))


def _run(label: str, score: Callable[..., dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
    try:
        with _progress(label) as (on_start, advance):
            return score(progress=advance, on_start=on_start, **kwargs)
    except EvalDataError as err:
        _err.print(f"error: {err}", markup=False)
        raise typer.Exit(2) from None


def _emit_json(result: dict[str, Any]) -> None:
    print(json.dumps(rounded(result), ensure_ascii=False))


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


# --------------------------------------------------------------------------- events


@eval_app.command()
def events(
    petrarch: Annotated[
        Path, _input_file("--petrarch", "UD-PETRARCH validation records (pseudo-XML).")
    ],
    dictionaries: Annotated[
        Path | None,
        typer.Option(
            "--dictionaries",
            exists=True,
            file_okay=False,
            resolve_path=True,
            metavar="DIR",
            help="Code actors with the PETRARCH actors/agents files in DIR (the fictional "
            "Arnor/Gondor dictionaries shipped beside the records) instead of ours.",
        ),
    ] = None,
    our_verbs: Annotated[
        bool,
        typer.Option(
            "--our-verbs",
            help="With --dictionaries, code events with crisiswire's verb patterns instead "
            "of the PETRARCH verb dictionary found in DIR.",
        ),
    ] = False,
    all_records: Annotated[
        bool,
        typer.Option(
            "--all-records",
            help='Score every record with an expectation, not only evaluate="true" ones '
            "in the file's <Include> categories.",
        ),
    ] = False,
    details: Annotated[
        bool, typer.Option("--details", help="Also list every record we did not get right.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Who did what to whom: found / missed / extra codings on the UD-PETRARCH suite.

    Codings are (source, target, CAMEO code), counted as UD-PETRARCH's own validation counts
    them. With --dictionaries, the suite's actors, agents and verbs files in DIR are used,
    as UD-PETRARCH used them (it scored 68.3 % found / 31.7 % missed / 23.0 % extra per
    record on 244 records).

    Example: [cyan]crisiswire eval events --petrarch
    ../shared/data/events/petrarch-validation/PETR_Validate_records_2_02.xml
    --dictionaries ../shared/data/events/petrarch-validation[/cyan]
    """
    from crisiswire.eval.petrarch import read_records, score_petrarch

    if dictionaries is None and not json_:
        _hint_dictionaries(petrarch, read_records)
    result = _run(
        "coding records",
        score_petrarch,
        path=petrarch,
        dictionaries=dictionaries,
        their_verbs=not our_verbs,
        all_records=all_records,
        details=details,
    )
    if json_:
        _emit_json(result)
        return
    summary = Table(title=f"UD-PETRARCH validation · {petrarch.name}", title_justify="left")
    summary.add_column("metric")
    summary.add_column("ours", justify="right")
    summary.add_column("UD-PETRARCH", justify="right")
    summary.add_column("what it counts")
    rows = [
        ("found", result["found"], 0.683, "expected codings we produced / expected"),
        ("missed", result["missed"], 0.317, "1 − found"),
        ("extra", result["extra"], None, "our codings not expected / expected"),
        ("extra per record", result["extra_per_record"], 0.230, "same count / records"),
        ("found (cue)", result["found_root"], None, "CAMEO code matched on 2 digits"),
        ("root match", result["root_match"], None, "countries + 2-digit CAMEO only"),
    ]
    for name, ours, reference, note in rows:
        summary.add_row(name, _pct(ours), _pct(reference) if reference else "", note)
    _out.print(summary)
    _out.print(
        f"{result['n_records']} records ({result['subset']}), {result['n_expected']} expected "
        f"items ({result['n_noevents']} 'no event'); actors coded with "
        f"{result['dictionaries']}, verbs from {result['verbs']}; "
        f"{result['seconds']:.1f} s",
        markup=False,
    )
    table = Table(title="by category", title_justify="left")
    for column in ("category", "records", "expected", "found", "missed", "extra", "extra/rec"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for name, block in result["by_category"].items():
        table.add_row(
            name,
            str(block["n_records"]),
            str(block["n_expected"]),
            _pct(block["found"]),
            _pct(block["missed"]),
            _pct(block["extra"]),
            _pct(block["extra_per_record"]),
        )
    _out.print(table)
    if details:
        wrong = Table(title="records not fully right", title_justify="left", show_lines=True)
        for column in ("id", "expected", "coded", "text"):
            wrong.add_column(column)
        for record in result["records"]:
            if record["missed"] or record["extra"]:
                wrong.add_row(
                    record["id"],
                    "\n".join(record["expected"]),
                    "\n".join(record["coded"]) or "—",
                    record["text"],
                )
        _out.print(wrong)


def _hint_dictionaries(path: Path, read_records: Callable[[Path], Any]) -> None:
    try:
        actor_file = read_records(path).environment.get("Actorfile")
    except EvalDataError:
        return
    if actor_file and (path.parent / actor_file).is_file():
        _err.print(
            f"note: this suite uses its own actor dictionary ({actor_file}); "
            f"add --dictionaries {path.parent} to code its fictional actors",
            markup=False,
        )


# --------------------------------------------------------------------------- quad


@eval_app.command()
def quad(
    conflibert_class: Annotated[
        Path,
        _input_file("--conflibert-class", "sentence<TAB>label file, labels 0–4 (no header)."),
    ],
    json_: JsonOpt = False,
) -> None:
    """Event class of a sentence: accuracy and macro-F1 on ConfliBERT's CAMEO classes.

    Five classes (0 statement/appeal, 1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict) from the CAMEO root of our most salient event;
    0 when we code none.

    Example: [cyan]crisiswire eval quad --conflibert-class
    ../shared/data/events/conflibert-cameo-train/cameo_class/train.tsv[/cyan]
    """
    from crisiswire.eval.conflibert import QUAD_CLASSES, QUAD_NAMES, score_quad

    result = _run("coding sentences", score_quad, path=conflibert_class)
    if json_:
        _emit_json(result)
        return
    _out.print(
        f"ConfliBERT CAMEO classes · {conflibert_class.name}: accuracy "
        f"{_pct(result['accuracy'])}, macro-F1 {result['macro_f1']:.3f} on {result['n']} "
        f"sentences ({result['n_no_event']} with no event, counted as class 0); "
        f"{result['seconds']:.1f} s",
        markup=False,
    )
    per_class = Table(title="per class", title_justify="left")
    for column in ("class", "precision", "recall", "F1", "gold"):
        per_class.add_column(column, justify="left" if column == "class" else "right")
    for label in QUAD_CLASSES:
        scores = result["per_class"][str(label)]
        per_class.add_row(
            f"{label} {QUAD_NAMES[label]}",
            f"{scores['precision']:.3f}",
            f"{scores['recall']:.3f}",
            f"{scores['f1']:.3f}",
            str(scores["support"]),
        )
    _out.print(per_class)
    matrix = Table(title="confusion (rows gold, columns ours)", title_justify="left")
    matrix.add_column("gold \\ ours")
    for label in QUAD_CLASSES:
        matrix.add_column(str(label), justify="right")
    for label, row in zip(QUAD_CLASSES, result["confusion"], strict=True):
        matrix.add_row(str(label), *(str(v) for v in row))
    _out.print(matrix)


# --------------------------------------------------------------------------- actors


@eval_app.command()
def actors(
    conflibert_ner: Annotated[
        Path,
        _input_file(
            "--conflibert-ner", "'token tag' lines (B/I-S source, B/I-T target, B/I-R, O)."
        ),
    ],
    json_: JsonOpt = False,
) -> None:
    """Who is the source and who the target: token-overlap F1 on ConfliBERT's spans.

    Precision, recall and F1 of our actors (S) and recipients (T) against ConfliBERT's
    span tags, micro over the file.

    Example: [cyan]crisiswire eval actors --conflibert-ner
    ../shared/data/events/conflibert-cameo-train/cameo_ner/train.txt[/cyan]
    """
    from crisiswire.eval.conflibert import score_actors

    result = _run("coding sentences", score_actors, path=conflibert_ner)
    if json_:
        _emit_json(result)
        return
    table = Table(
        title=f"ConfliBERT source/target spans · {conflibert_ner.name}", title_justify="left"
    )
    for column in ("role", "precision", "recall", "F1", "gold tokens"):
        table.add_column(column, justify="left" if column == "role" else "right")
    for role, key, gold in (
        ("source (S)", "source", result["n_gold_source_tokens"]),
        ("target (T)", "target", result["n_gold_target_tokens"]),
    ):
        table.add_row(
            role,
            f"{result[f'{key}_precision']:.3f}",
            f"{result[f'{key}_recall']:.3f}",
            f"{result[f'{key}_f1']:.3f}",
            str(gold),
        )
    table.add_row("any actor (S ∪ T)", "", "", f"{result['actor_f1']:.3f}", "")
    _out.print(table)
    _out.print(
        f"{result['n']} sentences, {result['n_tokens']} tokens; {result['seconds']:.1f} s",
        markup=False,
    )


# --------------------------------------------------------------------------- plover


@eval_app.command()
def plover(
    synthetic: Annotated[
        Path,
        _input_file(
            "--synthetic",
            "NGEC synthetic stories: the zip of one CSV, or the CSV "
            "(disclaimer,text,title,source,prompt,label,mode).",
        ),
    ],
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, metavar="N", help="Score the first N stories only."),
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option(
            "--sample",
            min=1,
            metavar="N",
            help="Score N stories spread evenly over the file (the file is in runs of 12 "
            "stories per headline, so --limit N sees only the first N/12 headlines).",
        ),
    ] = None,
    with_title: Annotated[
        bool,
        typer.Option("--with-title", help="Code the story's headline before its text."),
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """PLOVER event type of a whole story: accuracy and macro-F1 on NGEC's synthetic stories.

    Silver labels (the intent of the prompt that generated the story). Ours is the type
    with the most non-negated events we code, NONE when none.

    Example: [cyan]crisiswire eval plover --synthetic
    ../shared/data/events/ngec-synthetic-plover/gpt_synthetic_events_2023-10-19_19.csv.zip
    --sample 500[/cyan]
    """
    from crisiswire.eval.plover_synthetic import score_plover

    if limit is not None and sample is not None:
        raise typer.BadParameter("give --limit or --sample, not both", param_hint="--sample")
    result = _run(
        "coding stories",
        score_plover,
        path=synthetic,
        limit=limit,
        sample=sample,
        with_title=with_title,
    )
    if json_:
        _emit_json(result)
        return
    if limit is not None:
        scope = f"first {result['n']}"
    elif sample is not None:
        scope = f"{result['n']} (spread evenly over {result['n_in_file']})"
    else:
        scope = f"all {result['n']}"
    _out.print(
        f"NGEC synthetic PLOVER stories · {synthetic.name}: scored {scope} stories"
        f"{' (headline + text)' if with_title else ''}: accuracy {_pct(result['accuracy'])}, "
        f"macro-F1 {result['macro_f1']:.3f}; {result['predicted_none']} with no event "
        f"(NONE); {result['seconds']:.1f} s",
        markup=False,
    )
    table = Table(title="per gold label", title_justify="left")
    for column in ("label", "precision", "recall", "F1", "gold", "predicted"):
        table.add_column(column, justify="left" if column == "label" else "right")
    predicted = result["predicted_labels"]
    for label, scores in result["per_label"].items():
        table.add_row(
            label,
            f"{scores['precision']:.3f}",
            f"{scores['recall']:.3f}",
            f"{scores['f1']:.3f}",
            str(scores["support"]),
            str(predicted.get(label, 0)),
        )
    others = {k: v for k, v in predicted.items() if k not in result["per_label"]}
    for label, count in others.items():
        table.add_row(label, "", "", "", "0", str(count))
    _out.print(table)


# --------------------------------------------------------------------------- time, geo, quotes


def _scores_table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("measure")
    table.add_column("score", justify="right")
    for name, value in rows:
        table.add_row(name, value)
    return table


@eval_app.command()
def time(
    timeml: Annotated[
        Path,
        _input_file(
            "--timeml",
            "A TimeML .tml file, or a directory searched recursively for them "
            "(document creation time in <DCT>, TIMEX3 tags inline in <TEXT>).",
            dir_okay=True,
        ),
    ],
    json_: JsonOpt = False,
) -> None:
    """Time expressions: TempEval-3 span and value scores on TimeML documents.

    Strict F1 (exact span), relaxed F1 (any overlap) and value F1 (a relaxed match with
    the right normalised value, as TempEval-3 scores attributes), each expression resolved
    against the document's creation time.

    Example: [cyan]crisiswire eval time --timeml ../shared/data/time[/cyan]
    """
    from crisiswire.eval.timeml import score_timeml

    result = _run("normalising documents", score_timeml, path=timeml)
    if json_:
        _emit_json(result)
        return
    _out.print(
        f"TimeML · {timeml.name}: {result['n_docs']} documents, {result['n_gold']} gold "
        f"expressions, {result['n_predicted']} found; {result['seconds']:.1f} s",
        markup=False,
    )
    rows = []
    for kind in ("strict", "relaxed"):
        rows.append(
            (
                f"{kind} span P / R / F1",
                f"{result[f'{kind}_precision']:.3f} / {result[f'{kind}_recall']:.3f} / "
                f"{result[f'{kind}_f1']:.3f}",
            )
        )
    rows += [("value F1", f"{result['value_f1']:.3f}"), ("type F1", f"{result['type_f1']:.3f}")]
    _out.print(_scores_table("TempEval-3 measures", rows))


@eval_app.command()
def geo(
    lgl: Annotated[
        Path | None,
        _input_file("--lgl", "Toponyms in LGL's XML schema (articles with gold toponyms)."),
    ] = None,
    geovirus: Annotated[
        Path | None,
        _input_file("--geovirus", "Toponyms in GeoVirus's XML schema."),
    ] = None,
    json_: JsonOpt = False,
) -> None:
    """Places: how far our resolved coordinates are from gold toponyms (LGL or GeoVirus).

    acc161: share of gold toponyms resolved within 161 km (each gold span resolved in
    its article's context; unresolved counts as the maximum error); median_km and auc
    (area under the curve of log errors, lower is better); recall: share of gold
    toponyms that our own recogniser finds.

    Example: [cyan]crisiswire eval geo --lgl ../shared/data/geo/LGL_lgl.xml[/cyan]
    """
    from crisiswire.eval.geo import score_geo

    if (lgl is None) == (geovirus is None):
        raise typer.BadParameter("give --lgl FILE or --geovirus FILE", param_hint="--lgl")
    path, kind = (lgl, "lgl") if lgl is not None else (geovirus, "geovirus")
    result = _run("resolving toponyms", score_geo, path=path, kind=kind)
    if json_:
        _emit_json(result)
        return
    _out.print(
        f"{kind} · {path.name}: {result['n_articles']} articles, {result['n_gold']} gold "
        f"toponyms; {result['seconds']:.1f} s",
        markup=False,
    )
    rows = [
        ("acc@161 km", _pct(result["acc161"])),
        ("median error", f"{result['median_km']:.1f} km"),
        ("AUC (lower is better)", f"{result['auc']:.3f}"),
        ("recognition recall", _pct(result["recall"])),
    ]
    for key, label in (
        ("precision", "recognition precision"),
        ("acc161_recognised", "acc@161 km, our own spans"),
    ):
        if key in result:
            rows.append((label, _pct(result[key])))
    _out.print(_scores_table("geocoding", rows))


@eval_app.command()
def quotes(
    polnear: Annotated[
        Path,
        _input_file(
            "--polnear",
            "PolNeAR brat stand-off: a directory with text/*.txt and attributions/*.ann.",
            dir_okay=True,
        ),
    ],
    json_: JsonOpt = False,
) -> None:
    """Quotes: attributed content spans and their speakers on PolNeAR.

    f1_overlap03 / f1_overlap08: our quote contents matched one to one to gold
    attribution contents overlapping by at least 0.3 / 0.8; speaker_acc: of the contents
    matched at 0.3, the share whose speaker is the gold source.

    Example: [cyan]crisiswire eval quotes --polnear ../shared/data/quotes/polnear-dev[/cyan]
    """
    from crisiswire.eval.polnear import score_polnear

    result = _run("finding quotes", score_polnear, path=polnear)
    if json_:
        _emit_json(result)
        return
    _out.print(
        f"PolNeAR · {polnear.name}: {result['n_docs']} articles, {result['n_gold']} gold "
        f"attributions, {result['n_predicted']} found; {result['seconds']:.1f} s",
        markup=False,
    )
    rows = [
        ("F1, overlap ≥ 0.3", f"{result['f1_overlap03']:.3f}"),
        ("F1, overlap ≥ 0.8", f"{result['f1_overlap08']:.3f}"),
        ("speaker accuracy", _pct(result["speaker_acc"])),
    ]
    _out.print(_scores_table("attribution", rows))


# --------------------------------------------------------------------------- stories


@eval_app.command()
def stories(
    ecbplus: Annotated[
        Path,
        _input_file(
            "--ecbplus",
            "ECB+ folder: numbered topic folders of CAT XML files (N_Kecb.xml, "
            "N_Kecbplus.xml) and ECBplus_coreference_sentences.csv.",
            dir_okay=True,
        ),
    ],
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, metavar="N", help="Score the first N topics only."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Processes for the NLP stage (0: every core)."),
    ] = 1,
    orders: Annotated[
        int,
        typer.Option(
            "--orders",
            min=1,
            metavar="K",
            help="Reading orders to average over (shuffles with seeds 0 … K-1).",
        ),
    ] = 3,
    json_: JsonOpt = False,
) -> None:
    """Stories and event coreference: article grouping and fused events on ECB+.

    Articles are grouped online by the story clusterer, in shuffled reading orders
    (seeds 0 … K-1, mean reported), against one gold cluster per incident (each topic has
    two: its ecb and its ecbplus articles): B-cubed and pairwise F1. event_coref_f1: B-cubed
    F1 over the gold action mentions of the fully annotated sentences, our events fused
    within our stories (a gold mention no event is placed on counts as a singleton);
    mention_recall: the share of gold mentions one of our events is placed on.

    Example: [cyan]crisiswire eval stories --ecbplus
    ../shared/data/stories/ecbplus-traindev --jobs 2[/cyan]
    """
    from crisiswire.eval.ecbplus import score_ecbplus

    result = _run(
        "analysing and grouping articles",
        score_ecbplus,
        path=ecbplus,
        limit=limit,
        jobs=jobs,
        orders=orders,
    )
    if json_:
        _emit_json(result)
        return
    _out.print(
        f"ECB+ · {ecbplus.name}: {result['articles']} articles, {result['topics']} topics, "
        f"{result['incidents']} incidents; {result['stories']:g} stories (mean of "
        f"{len(result['seeds'])} reading orders); {result['seconds']:.1f} s",
        markup=False,
    )
    rows = [
        ("B-cubed P / R / F1", _prf(result, "bcubed")),
        ("pairwise P / R / F1", _prf(result, "pairwise")),
        ("same, topic-sorted order: B-cubed F1", f"{result['sorted']['bcubed_f1']:.3f}"),
        ("incidents split / stories mixing incidents",
         f"{result['incidents_split']:.1f} / {result['stories_mixed']:.1f}"),
    ]  # fmt: skip
    _out.print(_scores_table("story grouping", rows))
    rows = [
        ("B-cubed P / R / F1 (event_coref_f1)", _prf(result, "event_bcubed")),
        ("MUC P / R / F1", _prf(result, "event_muc")),
        ("mention recall", _pct(result["mention_recall"])),
        ("fusion alone, on the mentions found: B-cubed / MUC F1",
         f"{result['matched_bcubed_f1']:.3f} / {result['matched_muc_f1']:.3f}"),
        ("baseline, every mention alone: B-cubed F1",
         f"{result['singleton_baseline']['bcubed_f1']:.3f}"),
        ("baseline, same text in a topic: B-cubed / MUC F1",
         f"{result['lemma_baseline']['bcubed_f1']:.3f} / "
         f"{result['lemma_baseline']['muc_f1']:.3f}"),
        ("same, on the mentions found: B-cubed / MUC F1",
         f"{result['lemma_baseline_matched']['bcubed_f1']:.3f} / "
         f"{result['lemma_baseline_matched']['muc_f1']:.3f}"),
    ]  # fmt: skip
    _out.print(
        _scores_table(
            f"event coreference · {result['gold_mentions']} gold mentions, "
            f"{result['events']} events",
            rows,
        )
    )


def _prf(result: dict[str, Any], prefix: str) -> str:
    return (
        f"{result[f'{prefix}_precision']:.3f} / {result[f'{prefix}_recall']:.3f} / "
        f"{result[f'{prefix}_f1']:.3f}"
    )


# --------------------------------------------------------------------------- summary


@eval_app.command()
def summary(
    neus: Annotated[
        Path,
        typer.Option(
            "--neus",
            metavar="PREFIX",
            help="NeuS stories: PREFIX.source (three outlets' 'TITLE=> … ARTICLE=> …' "
            "joined by ' [SEP] ', one story a line) and PREFIX.target (the neutral "
            "summaries, line-aligned).",
            show_default=False,
        ),
    ],
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, metavar="N", help="Score the first N stories only."),
    ] = None,
    with_titles: Annotated[
        bool,
        typer.Option("--with-titles", help="Offer the outlets' headlines as sentences too."),
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Briefings: ROUGE of our extractive summariser and of TextRank on NeuS stories.

    Both pick sentences from the outlets' leads within the same fixed budget (60 words,
    5 sentences); ROUGE-1, ROUGE-2 and ROUGE-L F-measure (Porter stemmer) against the
    editors' neutral summary, averaged over stories.

    Example: [cyan]crisiswire eval summary --neus
    ../shared/data/summaries/neus-allsides-val/val[/cyan]
    """
    from crisiswire.eval.neus import MEASURES, score_neus

    result = _run("summarising stories", score_neus, prefix=neus, limit=limit, titles=with_titles)
    if json_:
        _emit_json(result)
        return
    _out.print(
        f"NeuS · {neus.name}: {result['stories']} stories, budget {result['max_words']} "
        f"words / {result['max_sentences']} sentences"
        f"{', headlines included' if with_titles else ''}; mean length ours "
        f"{result['words']:.0f}, TextRank {result['textrank_words']:.0f}, gold "
        f"{result['target_words']:.0f} words; {result['seconds']:.1f} s",
        markup=False,
    )
    table = Table(title="ROUGE F-measure", title_justify="left")
    for column in ("measure", "ours", "TextRank"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for measure in MEASURES:
        table.add_row(measure, f"{result[measure]:.4f}", f"{result['textrank'][measure]:.4f}")
    _out.print(table)
