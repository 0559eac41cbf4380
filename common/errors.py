"""Errors a user should see. Library code raises these; the CLI and the UI turn them into messages."""


class AssistantError(Exception):
    """Base of every error whose message is meant for the person using the assistant."""


class ConfigError(AssistantError):
    """A setting has a bad value."""


class CorpusError(AssistantError):
    """A policy document under corpus/ cannot be read."""


class ImportProblem(CorpusError):
    """A file given to ``corpus add`` cannot be imported as a policy document."""


class IndexNotBuilt(AssistantError):
    """The index is missing or unreadable; it can be rebuilt from corpus/."""


class BadQuery(AssistantError):
    """A search or a question cannot be used as given."""


class BadClaim(AssistantError):
    """Input to the award calculator names an unknown field or value, or an impossible amount."""


class BadAmount(AssistantError):
    """A money amount could not be read."""


class BadFeedback(AssistantError):
    """A rating or a feedback export option is not one the feedback store accepts."""
