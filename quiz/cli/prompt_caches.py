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
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Hashable

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
        drawing = (id(app), app.render_counter)
        kept: dict[int, UIContent] = getattr(control, _KEPT, {})
        if getattr(control, _DRAWING, None) != drawing:
            kept = {}
            setattr(control, _KEPT, kept)
            setattr(control, _DRAWING, drawing)
        content = kept.get(width)
        if content is None:
            content = kept[width] = create(control, width, height)
        return content

    setattr(create_content, _KEPT, True)
    setattr(FormattedTextControl, "create_content", create_content)  # noqa: B010


_KEPT = "_skillquiz_kept"
_DRAWING = "_skillquiz_drawing"
