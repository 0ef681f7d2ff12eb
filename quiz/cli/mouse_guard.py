"""A pasted colour code is not a mouse click.

A terminal reports a mouse click as ``ESC [ b ; x ; y M``, and prompt_toolkit reads any
``ESC [`` followed by digits and an ``m`` or ``M`` as one. A colour code pasted into an
answer (``ESC [31m``, copied from a coloured terminal) has no coordinates, and
prompt_toolkit's handler then fails inside the prompt: it prints a traceback and waits for
"Press ENTER to continue". Such a report is dropped here; a real click is handled as before.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prompt_toolkit.application import Application
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from prompt_toolkit.key_binding.key_bindings import Binding


@cache
def _default_mouse() -> Binding:
    from prompt_toolkit.key_binding.bindings.mouse import load_mouse_bindings
    from prompt_toolkit.keys import Keys

    (binding,) = load_mouse_bindings().get_bindings_for_keys((Keys.Vt100MouseEvent,))
    return binding


@cache
def _guard() -> KeyBindings:
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    @bindings.add(Keys.Vt100MouseEvent)
    def _(event: KeyPressEvent) -> object:
        try:
            return _default_mouse().handler(event)
        except (ValueError, KeyError):  # no coordinates, or an event no terminal sends
            return None

    return bindings


def drop_malformed_mouse_reports(app: Application[Any]) -> None:
    """Give ``app`` a mouse handler that ignores a report it cannot read. The app's own
    bindings take priority over prompt_toolkit's defaults, so this one is used first."""
    from prompt_toolkit.key_binding import merge_key_bindings

    own = [app.key_bindings] if app.key_bindings is not None else []
    app.key_bindings = merge_key_bindings([*own, _guard()])
