"""Settings read from and written to the desk's TOML file."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from app.domain.errors import ValidationError
from app.settings.paths import Paths
from app.settings.spec import ALL_SETTINGS, BY_KEY, DATABASE_PATH, Setting

T = TypeVar("T", str, int, bool, float)


def _coerce(setting: Setting[Any], value: Any, source: str) -> Any:
    expected = setting.type
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is int and isinstance(value, bool):
        raise ValidationError(setting.key, f"{source}: expected a whole number, got {value!r}")
    if not isinstance(value, expected):
        raise ValidationError(setting.key, f"{source}: expected {expected.__name__}, got {value!r}")
    if setting.check is not None:
        problem = setting.check(value)
        if problem:
            raise ValidationError(setting.key, f"{source}: {problem}")
    return value


def parse_value(setting: Setting[Any], text: str) -> Any:
    """A value typed on the command line, converted to the setting's type."""
    raw: Any = text
    try:
        if setting.type is int:
            raw = int(text)
        elif setting.type is float:
            raw = float(text)
        elif setting.type is bool:
            lowered = text.lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(text)
            raw = lowered in ("true", "1", "yes")
    except ValueError:
        raise ValidationError(setting.key, f"expected {setting.type.__name__}, got {text!r}") from None
    return _coerce(setting, raw, "value")


@dataclass(frozen=True)
class Settings:
    paths: Paths
    values: Mapping[str, Any] = field(default_factory=dict)

    def get(self, setting: Setting[T]) -> T:
        return cast(T, self.values.get(setting.key, setting.default))

    def is_set(self, setting: Setting[Any]) -> bool:
        return setting.key in self.values

    def is_set_key(self, key: str) -> bool:
        return key in self.values

    @property
    def database_path(self) -> Path:
        configured = self.get(DATABASE_PATH)
        return Path(configured).expanduser() if configured else self.paths.default_database

    def with_values(self, updates: Mapping[str, Any]) -> Settings:
        merged = dict(self.values)
        for key, value in updates.items():
            if key not in BY_KEY:
                raise ValidationError(key, "unknown setting")
            merged[key] = _coerce(BY_KEY[key], value, "value")
        return Settings(self.paths, merged)

    def as_dict(self) -> dict[str, Any]:
        return {s.key: self.values.get(s.key, s.default) for s in ALL_SETTINGS}


def load_settings(paths: Paths) -> Settings:
    file = paths.config_file
    if not file.exists():
        return Settings(paths)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(str(file), f"is not valid TOML: {exc}") from exc
    values: dict[str, Any] = {}
    for section, table in data.items():
        if not isinstance(table, dict):
            raise ValidationError(f"{file}:{section}", "settings live in [section] tables")
        for name, value in table.items():
            key = f"{section}.{name}"
            setting = BY_KEY.get(key)
            if setting is None:
                raise ValidationError(f"{file}:{key}", "unknown setting")
            values[key] = _coerce(setting, value, str(file))
    return Settings(paths, values)


def save_settings(settings: Settings) -> Path:
    """Write the explicitly set values, atomically (a half-written config must never be left behind)."""
    import tomli_w

    tables: dict[str, dict[str, Any]] = {}
    for key, value in settings.values.items():
        section, name = key.split(".", 1)
        tables.setdefault(section, {})[name] = value
    file = settings.paths.config_file
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_suffix(".toml.tmp")
    with temporary.open("wb") as handle:
        handle.write(b"# MotCua Desk settings; `motcua config show` lists every key with its meaning.\n")
        tomli_w.dump(tables, handle)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(file)
    return file
