"""Where a desk keeps its configuration and its data. MOTCUA_HOME moves both (tests and portable installs)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "motcua"


@dataclass(frozen=True, slots=True)
class Paths:
    config_dir: Path
    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "motcua.toml"

    @property
    def default_database(self) -> Path:
        return self.data_dir / "motcua.sqlite3"

    @property
    def calendar_dir(self) -> Path:
        """Admins drop YYYY.toml here to add or correct a year's official schedule."""
        return self.data_dir / "calendar"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def blobs_dir(self) -> Path:
        return self.data_dir / "blobs"


def resolve_paths(environ: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if environ is None else environ
    home = env.get("MOTCUA_HOME")
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(config_dir=root / "config", data_dir=root / "data")
    import platformdirs

    return Paths(
        config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
        data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
    )
