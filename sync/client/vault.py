"""Where the desk keeps its device token: the OS keyring, or a file the admin named explicitly.

keyring picks Windows Credential Manager, the macOS Keychain or Secret Service. On a headless Linux box
it finds none (`NoKeyringError`); it may also pick `keyrings.alt`'s plaintext file on its own. Both cases
are refused with a message that says what to do: the token goes to a plaintext place only when an admin
asked for it by name (`--token-file`), and that file is created readable by its owner only.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from app.services.sync.enrolment import KEYRING_SERVICE, Enrolment, TokenVault, VaultUnavailable

NO_KEYRING = (
    "no OS keyring is available on this machine ({why}); start one (Secret Service: gnome-keyring or "
    "KeePassXC) or pass --token-file PATH to keep the token in a file only this user can read"
)


class KeyringVault:
    name = "keyring"
    location: str | None = None

    def check(self) -> None:
        import keyring
        from keyring.errors import KeyringError

        backend = keyring.get_keyring()
        module = type(backend).__module__
        if module.startswith("keyring.backends.fail"):
            raise VaultUnavailable(NO_KEYRING.format(why="no backend found"))
        if module.startswith("keyrings.alt"):
            raise VaultUnavailable(NO_KEYRING.format(why=f"only the plaintext {type(backend).__name__}"))
        try:
            keyring.get_password(KEYRING_SERVICE, "probe")
        except KeyringError as exc:
            raise VaultUnavailable(NO_KEYRING.format(why=str(exc) or type(exc).__name__)) from None

    def save(self, account: str, token: str) -> None:
        import keyring
        from keyring.errors import KeyringError

        try:
            keyring.set_password(KEYRING_SERVICE, account, token)
        except KeyringError as exc:
            raise VaultUnavailable(NO_KEYRING.format(why=str(exc) or type(exc).__name__)) from None

    def load(self, account: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, account)
        except KeyringError as exc:
            raise VaultUnavailable(NO_KEYRING.format(why=str(exc) or type(exc).__name__)) from None

    def delete(self, account: str) -> None:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError, KeyringError):
            keyring.delete_password(KEYRING_SERVICE, account)


class FileVault:
    """A JSON file {account: token}, mode 0600, replaced atomically. Plaintext: protected only by the
    file's permissions, which is why it is used only when named explicitly."""

    name = "file"

    def __init__(self, path: Path) -> None:
        self.path = path.expanduser().absolute()
        self.location: str | None = str(self.path)

    def check(self) -> None:
        directory = self.path.parent
        if not directory.is_dir():
            raise VaultUnavailable(f"token file directory {directory} does not exist")
        if not os.access(directory, os.W_OK):
            raise VaultUnavailable(f"cannot write the token file in {directory}")
        if self.path.exists():
            self._tokens()

    def _tokens(self) -> dict[str, str]:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return {}
        if os.name == "posix" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise VaultUnavailable(f"token file {self.path} is readable by other users; chmod 600 it")
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise VaultUnavailable(f"token file {self.path} cannot be read: {exc}") from None
        if not isinstance(data, dict):
            raise VaultUnavailable(f"token file {self.path} is not a token file")
        return {str(k): str(v) for k, v in data.items()}

    def save(self, account: str, token: str) -> None:
        tokens = self._tokens()
        tokens[account] = token
        self._write(tokens)

    def _write(self, tokens: dict[str, str]) -> None:
        temporary = self.path.with_name(f".{self.path.name}.tmp")
        temporary.unlink(missing_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(tokens, handle)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(self.path)

    def load(self, account: str) -> str | None:
        return self._tokens().get(account)

    def delete(self, account: str) -> None:
        tokens = self._tokens()
        if tokens.pop(account, None) is not None:
            self._write(tokens)


def vault_for(enrolment: Enrolment) -> TokenVault:
    if enrolment.token_store == "file" and enrolment.token_file:
        return FileVault(Path(enrolment.token_file))
    return KeyringVault()
