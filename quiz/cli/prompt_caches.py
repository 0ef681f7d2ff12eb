"""What every prompt would otherwise work out again, kept from one prompt to the next or
from one part of a drawing to the next.

Between a person's answer and the next question on screen, the next prompt is built and
drawn for the first time. prompt_toolkit gives each new Application its own style, merged
anew from every rule of its defaults and questionary's, and its own empty cache of what each
style string means; a first drawing then parses every style string again. The rules are the
same for every prompt, so one merged style, remembering what each style string means, serves
them all.

Within one drawing, prompt_toolkit asks each piece of text for its content once per layout
question (each enclosing box asks its children's heights), splitting the whole text into
lines each time: a question with its options is split dozens of times per drawing. The
text cannot change within a drawing (prompt_toolkit itself formats it once a drawing), so
the lines are kept for the rest of it.

And questionary builds two whole PromptSessions for each select and checkbox only to borrow
their layouts; the sessions of a finished prompt serve the next one (``_Sessions``), as a
typed prompt's whole session serves the next typed prompt.
"""

from __future__ import annotations

import contextlib
import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterator

    from prompt_toolkit.application import Application
    from prompt_toolkit.layout.controls import UIContent
    from prompt_toolkit.styles import Attrs, BaseStyle


@functools.cache
def prompt_style() -> BaseStyle:
    """The style every prompt is drawn in and every answer echoed in: prompt_toolkit's
    defaults, then questionary's, merged as an Application merges them, once."""
    from prompt_toolkit.styles import default_pygments_style, default_ui_style, merge_styles
    from questionary.styles import merge_styles_default

    merged = merge_styles(
        [default_ui_style(), default_pygments_style(), merge_styles_default([None])]
    )
    return _remembering(merged)


def _remembering(style: BaseStyle) -> BaseStyle:
    """``style``, remembering what each style string it was asked about means."""
    from prompt_toolkit.styles import DEFAULT_ATTRS, BaseStyle

    class Remembering(BaseStyle):
        def __init__(self) -> None:
            self._attrs: dict[tuple[str, Attrs], Attrs] = {}

        def get_attrs_for_style_str(self, style_str: str, default: Attrs = DEFAULT_ATTRS) -> Attrs:
            key = (style_str, default)
            attrs = self._attrs.get(key)
            if attrs is None:
                attrs = self._attrs[key] = style.get_attrs_for_style_str(style_str, default)
            return attrs

        @property
        def style_rules(self) -> list[tuple[str, str]]:
            return style.style_rules

        def invalidation_hash(self) -> Hashable:
            return style.invalidation_hash()

    return Remembering()


def share_style(app: Application[Any]) -> None:
    """Draw ``app`` in the one shared style. Every prompt is made with questionary's
    default style (none of ours is passed), so this draws the same colours."""
    app.renderer.style = prompt_style()
    app._merged_style = prompt_style()


def split_once_a_drawing() -> None:
    """Make every piece of prompt text split into lines once a drawing and width.

    prompt_toolkit's ``FormattedTextControl.create_content`` is replaced by one that keeps
    what it made for the rest of the drawing of the running application; outside a
    running application it makes the content afresh each time, as before.
    """
    from prompt_toolkit.layout.controls import FormattedTextControl

    create = FormattedTextControl.create_content
    if getattr(create, _KEPT, False):
        return

    def create_content(control: FormattedTextControl, width: int, height: int | None) -> UIContent:
        from prompt_toolkit.application import get_app_or_none

        app = get_app_or_none()
        if app is None or not app.is_running:
            return create(control, width, height)
        # A text's content depends on the drawing and the width, never on the height.
        kept: dict[int, UIContent] = getattr(control, _KEPT, {})
        drawn: tuple[object, int] = getattr(control, _DRAWING, (None, -1))
        if drawn[0] is not app or drawn[1] != app.render_counter:
            kept = {}
            setattr(control, _KEPT, kept)
            setattr(control, _DRAWING, (app, app.render_counter))
        content = kept.get(width)
        if content is None:
            content = kept[width] = create(control, width, height)
        return content

    setattr(create_content, _KEPT, True)
    setattr(FormattedTextControl, "create_content", create_content)  # noqa: B010


def split_prompt_once_a_drawing() -> None:
    """Make a PromptSession split its message at the input line once a drawing.

    The message of a questionary prompt is many lines (the question, an exhibit, the
    hints), and prompt_toolkit cuts it into single characters to find its last line each
    time the input line asks for its prefix, several times a drawing. Only sessions made
    after this call (questionary's, once ``reuse_layout_sessions`` keeps them) are changed.
    """
    import importlib

    # The module, not the function of the same name its package exports.
    prompt = importlib.import_module("prompt_toolkit.shortcuts.prompt")
    split = getattr(prompt, "_split_multiline_prompt", None)
    if split is None or getattr(split, _KEPT, False):
        return  # a prompt_toolkit without it: prompts split as they always did

    def split_once(get_prompt_text: Any) -> Any:
        has_before, before, first_line = split(get_prompt_text)
        return _once_a_drawing(has_before), _once_a_drawing(before), _once_a_drawing(first_line)

    setattr(split_once, _KEPT, True)
    setattr(prompt, "_split_multiline_prompt", split_once)  # noqa: B010


def _once_a_drawing(get: Callable[[], Any]) -> Callable[[], Any]:
    """``get``, called once a drawing of the running application (each time otherwise)."""
    kept: list[Any] = [None, -1, None]

    def once() -> Any:
        from prompt_toolkit.application import get_app_or_none

        app = get_app_or_none()
        if app is None or not app.is_running:
            return get()
        if kept[0] is not app or kept[1] != app.render_counter:
            kept[:] = [app, app.render_counter, get()]
        return kept[2]

    return once


_KEPT = "_skillquiz_kept"
_DRAWING = "_skillquiz_drawing"


class _Sessions:
    """The PromptSessions questionary borrows layouts from, kept to be lent again.

    questionary builds two whole PromptSessions for every select and checkbox (each with
    its own Application, buffers, toolbars and key bindings) only to put their layouts in
    the prompt's own. What differs from one prompt to the next is the message and the
    toolbar's text, both read when drawn; so once a prompt has finished, its sessions are
    lent to the next prompt with the same settings. A session is lent again only once the
    prompt it was lent to has been given back (``give_back``): a prompt built and not yet
    asked keeps its own.
    """

    def __init__(self) -> None:
        self.free: dict[Hashable, list[Any]] = {}
        self.lent: list[tuple[Hashable, Any]] = []
        self.drawings = 0

    def session(self, message: Any = "", **kwargs: Any) -> Any:
        from prompt_toolkit import PromptSession

        toolbar = kwargs.pop("bottom_toolbar", None)
        try:
            key: Hashable = (message == "", toolbar is None, frozenset(kwargs.items()))
            hash(key)
        except TypeError:  # a setting that cannot be compared: a session of its own
            return PromptSession(message, bottom_toolbar=toolbar, **kwargs)
        free = self.free.get(key)
        if free:
            session = free.pop()
            session.message, session.bottom_toolbar = message, toolbar
            session.default_buffer.reset()
        else:
            session = PromptSession(message, bottom_toolbar=toolbar, **kwargs)
        self.lent.append((key, session))
        return session

    def typed(self, build: Callable[[], Any]) -> Any:
        """A session for a typed prompt: one an earlier typed prompt gave back, built for
        this terminal (its input and output), else ``build()``."""
        from prompt_toolkit.application.current import get_app_session

        terminal = get_app_session()
        free = self.free.setdefault(_TYPED, [])
        free[:] = [
            session
            for session in free
            if session.app.input is terminal.input and session.app.output is terminal.output
        ]
        session = free.pop() if free else build()
        self.lent.append((_TYPED, session))
        return session

    def counted_on(self, app: Application[Any]) -> None:
        """Number ``app``'s drawings on from the last prompt's.

        prompt_toolkit keeps what a piece of the layout made (a message's text, a window's
        content) by the number of the drawing, which every Application counts from 0; a
        part lent to a new prompt would then be drawn with what it held for the old one.
        """
        app.render_counter = max(app.render_counter, self.drawings)

    def give_back(self, app: Application[Any]) -> None:
        """Take back the sessions lent to ``app``'s layout, now that it has finished."""
        self.drawings = max(self.drawings, app.render_counter + 1)
        shown = {id(container) for container in app.layout.walk()}
        for key, session in list(self.lent):
            if id(session.layout.container) in shown:
                self.lent.remove((key, session))
                self.free.setdefault(key, []).append(session)


_TYPED = "typed"
_SESSIONS = _Sessions()


def lend_typed_session(build: Callable[[], Any]) -> Any:
    """The PromptSession for the next typed prompt: one given back by an earlier typed
    prompt on this terminal, else ``build()`` (see typed_session)."""
    return _SESSIONS.typed(build)


def reuse_layout_sessions() -> None:
    """Make questionary's selects and checkboxes borrow their PromptSessions from the
    ones earlier prompts have given back (prompts run inside ``borrowing``)."""
    from questionary.prompts import common

    if getattr(getattr(common, "PromptSession", None), _KEPT, False):
        return

    def lend(message: Any = "", **kwargs: Any) -> Any:
        return _SESSIONS.session(message, **kwargs)

    setattr(lend, _KEPT, True)
    setattr(common, "PromptSession", lend)  # noqa: B010


def borrowing(app: Application[Any]) -> contextlib.AbstractContextManager[None]:
    """Around running the prompt ``app``: its drawings numbered on from the last prompt's,
    and once it has finished, the sessions lent to it free to serve the next prompt."""

    @contextlib.contextmanager
    def running() -> Iterator[None]:
        _SESSIONS.counted_on(app)
        try:
            yield
        finally:
            _SESSIONS.give_back(app)

    return running()
