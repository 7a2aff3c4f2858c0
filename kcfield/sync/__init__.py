"""Signed, encrypted sync packages and the keys that sign and open them (no database: the store and the centre
use this).

``keys`` makes, stores and uses Ed25519 keys and the X25519 keys derived from them; ``envelope`` seals a
package for its recipient; ``package`` writes and verifies ``*.kcpkg`` files; ``limits`` holds what a reader
accepts. The format is written down in ``docs/package-format.md``.
"""
