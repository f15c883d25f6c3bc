"""Dossier search at scale: by code, by ID number, by unaccented name prefix."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass

from app.domain.text import fold
from bench.dataset import Dataset
from bench.measure import Timing, time_each

__all__ = ["SearchResults", "Timing", "run"]


@dataclass(frozen=True)
class SearchResults:
    by_code: Timing
    by_id_number: Timing
    by_name: Timing


def _samples(dataset: Dataset, n: int) -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(42)
    with sqlite3.connect(dataset.database) as connection:
        top = connection.execute("SELECT max(id) FROM dossiers").fetchone()[0]
        ids = [rng.randint(1, top) for _ in range(n)]
        rows = [
            connection.execute(
                "SELECT code, applicant_id_number, applicant_name FROM dossiers WHERE id = ?", (i,)
            ).fetchone()
            for i in ids
        ]
    names = []
    for _, _, name in rows:
        words = fold(name).split()
        # What an officer types: the whole name, or its first words and the start of the last one.
        cut = rng.randint(2, len(words))
        typed = words[:cut]
        typed[-1] = typed[-1][: rng.randint(2, max(2, len(typed[-1])))]
        names.append(" ".join(typed))
    return [r[0] for r in rows], [r[1] for r in rows], names


def run(dataset: Dataset, samples: int = 300) -> SearchResults:
    import os

    from app.bootstrap import open_desk
    from app.services.queries import search_dossiers
    from app.settings.paths import resolve_paths
    from app.settings.store import load_settings

    os.environ["MOTCUA_HOME"] = str(dataset.home)
    desk = open_desk(load_settings(resolve_paths()))
    try:
        codes, id_numbers, names = _samples(dataset, samples)

        def search(text: object) -> object:
            return search_dossiers(desk.services, str(text), limit=50)

        return SearchResults(
            time_each(codes, search), time_each(id_numbers, search), time_each(names, search)
        )
    finally:
        desk.close()
