"""policylint: a policy-as-code linter for privacy notices kept as Markdown."""

__version__ = "0.1.0"
