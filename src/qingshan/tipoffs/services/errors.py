class TipoffError(ValueError):
    """A request the rules refuse; the message is shown to the person as it is."""


class NotAllowed(TipoffError):
    pass


class UnknownCode(TipoffError):
    pass
