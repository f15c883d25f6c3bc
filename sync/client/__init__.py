"""The desk's side of sync: HTTPS transport, token vault, TLS pinning, and the `motcua enrol` / `motcua
sync` commands (registered through the `motcua.commands` entry point)."""
