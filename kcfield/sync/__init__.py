"""Signed sync packages and the keys that sign them (no database: the store and the centre use this).

``keys`` makes, stores and uses Ed25519 keys; ``package`` writes and verifies ``*.kcpkg`` files;
``limits`` holds what a reader accepts. The format is written down in ``docs/package-format.md``.
"""
