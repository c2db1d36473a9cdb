"""A keyring backend whose import is visible: proves a key record cannot make Rapport load code."""

from tests.support.keyrings import MemoryKeyring


class SpyKeyring(MemoryKeyring):
    pass
