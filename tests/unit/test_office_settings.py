from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.domain.office import Officer, Role, hash_password, verify_password
from app.settings.paths import resolve_paths
from app.settings.spec import ALL_SETTINGS, DESK_CODE_SLOT, DESK_COUNTER
from app.settings.store import load_settings, save_settings


def test_passwords_are_hashed_with_salt_and_verified() -> None:
    first, second = hash_password("mật khẩu 2026"), hash_password("mật khẩu 2026")
    assert first != second  # salted
    assert "mật khẩu" not in first and first.startswith("scrypt$")
    assert verify_password("mật khẩu 2026", first)
    assert not verify_password("mat khau 2026", first)
    assert not verify_password("anything", "plain-text-password")
    with pytest.raises(ValidationError):
        hash_password("short")


def test_roles_grant_what_they_should() -> None:
    officer = Officer("an.le", "Lê An", Role.OFFICER, "X", hash_password("12345678"))
    supervisor = Officer("binh.tran", "Trần Bình", Role.SUPERVISOR, "X", officer.password_hash)
    assert officer.can("dossier.receive") and not officer.can("report.view")
    assert supervisor.can("report.view") and not supervisor.can("catalog.edit")
    with pytest.raises(ValidationError):
        Officer("Bad Name", "x", Role.OFFICER, "X", "h")


def test_motcua_home_moves_config_and_data(tmp_path: Path) -> None:
    paths = resolve_paths({"MOTCUA_HOME": str(tmp_path)})
    assert paths.config_file == tmp_path / "config" / "motcua.toml"
    assert paths.default_database == tmp_path / "data" / "motcua.sqlite3"


def test_every_setting_is_described_in_both_languages() -> None:
    keys = [s.key for s in ALL_SETTINGS]
    assert len(keys) == len(set(keys))
    for setting in ALL_SETTINGS:
        assert setting.description and setting.description_vi
        assert isinstance(setting.default, setting.type)
        if setting.check:
            assert setting.check(setting.default) is None, setting.key


def test_settings_round_trip_and_refuse_unknown_keys_and_wrong_types(tmp_path: Path) -> None:
    paths = resolve_paths({"MOTCUA_HOME": str(tmp_path)})
    settings = load_settings(paths)
    assert settings.get(DESK_COUNTER) == 1
    save_settings(settings.with_values({"desk.counter": 3, "desk.code_slot": 2}))
    reloaded = load_settings(paths)
    assert (reloaded.get(DESK_COUNTER), reloaded.get(DESK_CODE_SLOT)) == (3, 2)
    paths.config_file.write_text("[desk]\ncountr = 3\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="unknown setting"):
        load_settings(paths)
    paths.config_file.write_text("[desk]\ncode_slot = 11\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="between 0 and 9"):
        load_settings(paths)
    paths.config_file.write_text("[desk\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="TOML"):
        load_settings(paths)
