"""placeholder"""


def register(app) -> None:  # noqa: ANN001
    pass
