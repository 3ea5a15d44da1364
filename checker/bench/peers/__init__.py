"""Adapters that run peer extractors on suite cases and write mentions in the checker's format.

Each adapter is a script executed by the peers' virtual environment (``checker.bench.peer_env``): it
reads cases as JSONL on stdin and writes one line per case, {id, mentions, seconds[, error]}.  The
conversion from the peer's results to our fields lives in functions over plain dicts, so that the
adapters import (and are tested) without the peer packages.
"""
