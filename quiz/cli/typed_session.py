"""One PromptSession for every typed prompt (numeric, order and short-text questions).

``questionary.text`` builds a whole PromptSession for each question: an Application with
its buffers, toolbars, key bindings merged from about 600 defaults, and a renderer whose
caches start empty. All of it is built between a person's answer and the next question
on screen, and the first key looked up in a new Application walks every binding. What
differs from one typed question to the next is read by the session when drawn or when a
key comes (its message, validator and extra keys), so a session that has finished its
prompt is lent to the next typed prompt with these set anew, its input box emptied and
its history forgotten (Up never brings back an earlier question's answer).

A session is lent again only once its prompt has been given back (``borrowing`` in
prompt_caches), and only on the terminal (input and output) it was built for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import questionary
    from prompt_toolkit.key_binding import KeyBindingsBase


def typed_question(
    message: object,
    default: str,
    validate: Callable[[str], bool | str],
    key_bindings: KeyBindingsBase | None = None,
) -> questionary.Question:
    """What ``questionary.text(message, default=default, validate=validate, qmark=">",
    erase_when_done=True, key_bindings=key_bindings)`` asks, on a kept session."""
    from prompt_toolkit.document import Document
    from prompt_toolkit.history import InMemoryHistory
    from questionary.prompts.common import build_validator
    from questionary.question import Question

    from quiz.cli.prompt_caches import lend_typed_session

    def tokens() -> list[tuple[str, str]]:
        # As questionary words it, so a Reflowing message is laid out when drawn.
        return [("class:qmark", ">"), ("class:question", " {} ".format(message))]  # noqa: UP032

    validator = build_validator(validate)
    session = lend_typed_session(lambda: _build(tokens, validator, key_bindings))
    session.message = tokens
    session.validator = validator
    session.key_bindings = key_bindings
    session.history = session.default_buffer.history = InMemoryHistory()
    session.default_buffer.reset(Document(default))
    # A new prompt's first drawing sets the arrow keys' mode, as a new application does.
    session.app.renderer._cursor_key_mode_reset = False
    return Question(session.app)


def _build(tokens: Any, validator: Any, key_bindings: KeyBindingsBase | None) -> Any:
    """A session as ``questionary.text`` builds one for a single-line typed answer."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.lexers import SimpleLexer
    from questionary.styles import merge_styles_default

    return PromptSession(
        tokens,
        style=merge_styles_default([None]),
        validator=validator,
        lexer=SimpleLexer("class:answer"),
        multiline=False,
        erase_when_done=True,
        key_bindings=key_bindings,
    )
