"""Typed errors. Library code raises these; only cli.py prints them and picks exit codes."""


class ChipwatchError(Exception):
    """Base error: `code` is a stable identifier, `hint` says what to do next."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{msg} ({self.hint})" if self.hint else msg


class InputError(ChipwatchError):
    """One input could not be turned into an article: names the input and the reason."""

    code = "E100"
    exit_code = 2

    def __init__(self, source: str, reason: str, hint: str | None = None):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}", hint)


class StoreError(ChipwatchError):
    code = "E200"
    exit_code = 1


class SettingsError(ChipwatchError):
    code = "E300"
    exit_code = 1


class NotFound(ChipwatchError):
    code = "E404"
    exit_code = 1
