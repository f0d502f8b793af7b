"""The rules of the violation-report workflow.  Each service runs in one transaction and
writes its audit event there; views and the API only call these."""

from .errors import NotAllowed, TipoffError, UnknownCode

__all__ = ["NotAllowed", "TipoffError", "UnknownCode"]
