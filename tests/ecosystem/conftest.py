"""Fixtures of the ``ecosystem`` tests: venvs holding packages that build on azure.functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from tests.ecosystem.venvs import EcosystemVenv, RegistryUnreachable, ecosystem_venv


@pytest.fixture(scope="session")
def make_ecosystem_venv() -> Callable[..., EcosystemVenv]:
    """Return ``make(name, requirements, rewrite=())``: a cached venv, or a skip when the
    package registry cannot be reached."""

    def make(name: str, requirements: Sequence[str], rewrite: Sequence[str] = ()) -> EcosystemVenv:
        try:
            return ecosystem_venv(name, requirements, rewrite=rewrite)
        except RegistryUnreachable as error:
            pytest.skip(f"package registry unreachable, cannot build the {name} venv: {error}")

    return make
