"""prompt_toolkit's screen diff (``prompt_toolkit.renderer._output_screen_diff``), writing a
run of characters in one style at once.

A new prompt is drawn whole on its first drawing: every character of the question, each
followed in prompt_toolkit by a cursor move that moves nothing, a style check and a write
of its own; some 700 characters and 2-3 ms of the wait between an answer and the next
question. Here the characters that follow one another on a row in the same style, with
nothing between them, are written together. What reaches the terminal is the same, byte
for byte; everything else is prompt_toolkit's function as written in the releases listed
in ``CHECKED`` (BSD licence, prompt_toolkit's authors), and with any other release the
terminal is drawn by prompt_toolkit's own.
"""

from __future__ import annotations

from typing import Any

# The prompt_toolkit releases whose _output_screen_diff this one was compared against.
CHECKED = frozenset({"3.0.52", "3.0.53"})
_OURS = "_skillquiz_runs"
_prompt_toolkits: Any = None


def write_runs_together() -> None:
    """Draw prompts with ``output_screen_diff`` on a prompt_toolkit release in CHECKED."""
    import prompt_toolkit
    from prompt_toolkit import renderer

    if prompt_toolkit.__version__ not in CHECKED:
        return
    if getattr(renderer._output_screen_diff, _OURS, False):
        return
    global _prompt_toolkits
    _prompt_toolkits = renderer._output_screen_diff
    setattr(output_screen_diff, _OURS, True)
    setattr(renderer, "_output_screen_diff", output_screen_diff)  # noqa: B010


def prompt_toolkits() -> Any:
    """prompt_toolkit's own screen diff (to compare with), once replaced; else None."""
    return _prompt_toolkits


def output_screen_diff(
    app: Any,
    output: Any,
    screen: Any,
    current_pos: Any,
    color_depth: Any,
    previous_screen: Any,
    last_style: str | None,
    is_done: bool,
    full_screen: bool,
    attrs_for_style_string: Any,
    style_string_has_style: Any,
    size: Any,
    previous_width: int,
) -> tuple[Any, str | None]:
    """Output the difference between ``previous_screen`` and ``screen``, as prompt_toolkit
    does; the new cursor position and the style last written."""
    from prompt_toolkit.data_structures import Point
    from prompt_toolkit.layout.screen import Screen

    width: int = size.columns
    height: int = size.rows
    diff = _Diff(output, width, current_pos, last_style, color_depth, attrs_for_style_string)
    output.hide_cursor()
    if not previous_screen:
        diff.reset_attributes()
    if not previous_screen or not full_screen:
        output.disable_autowrap()
    if is_done or not previous_screen or previous_width != width:
        diff.move_cursor(Point(x=0, y=0))
        diff.reset_attributes()
        output.erase_down()
        previous_screen = Screen()

    has_style = style_string_has_style
    current_height = min(screen.height, height)
    for y in range(min(max(screen.height, previous_screen.height), height)):
        new_row, old_row = screen.data_buffer[y], previous_screen.data_buffer[y]
        new_last = min(width - 1, _last_shown(new_row, has_style))
        old_last = min(width - 1, _last_shown(old_row, has_style))
        diff.row(y, new_row, old_row, screen.zero_width_escapes[y], new_last)
        if previous_screen and new_last < old_last:
            diff.move_cursor(Point(x=new_last + 1, y=y))
            diff.reset_attributes()
            output.erase_end_of_line()

    if current_height > previous_screen.height:
        diff.move_cursor(Point(x=0, y=current_height - 1))
    if is_done:
        diff.move_cursor(Point(x=0, y=current_height))
        output.erase_down()
    else:
        diff.move_cursor(screen.get_cursor_position(app.layout.current_window))
    if is_done or not full_screen:
        output.enable_autowrap()
    diff.reset_attributes()
    if screen.show_cursor:
        output.show_cursor()
    return diff.position, diff.last_style


def _last_shown(row: dict[int, Any], has_style: Any) -> int:
    """The last column that shows something: a character, or a style on a blank."""
    shown = (x for x, cell in row.items() if cell.char != " " or has_style[cell.style])
    return max(shown, default=0)


class _Diff:
    """The cursor and the style as written so far, and writing a row of the diff."""

    def __init__(
        self,
        output: Any,
        width: int,
        position: Any,
        last_style: str | None,
        color_depth: Any,
        attrs_for_style_string: Any,
    ) -> None:
        self.output = output
        self.width = width
        self.position = position
        self.last_style = last_style
        self.color_depth = color_depth
        self.attrs = attrs_for_style_string

    def reset_attributes(self) -> None:
        self.output.reset_attributes()
        self.last_style = None  # what the next character needs is written again

    def move_cursor(self, new: Any) -> None:
        """Move the cursor to ``new`` as prompt_toolkit moves it."""
        output, width = self.output, self.width
        current_x, current_y = self.position.x, self.position.y
        self.position = new
        if new.y > current_y:
            # Line feeds (which may add lines at the bottom), in the default colours.
            self.reset_attributes()
            output.write("\r\n" * (new.y - current_y))
            output.cursor_forward(new.x)
            return
        if new.y < current_y:
            output.cursor_up(current_y - new.y)
        if current_x >= width - 1:
            output.write("\r")
            output.cursor_forward(new.x)
        elif new.x < current_x:
            output.cursor_backward(current_x - new.x)
        elif new.x > current_x:
            output.cursor_forward(new.x - current_x)

    def output_char(self, char: Any) -> None:
        """Write ``char``, its style first when it differs from the last one written."""
        if self.last_style != char.style:
            attrs = self.attrs[char.style]
            if not self.last_style or attrs != self.attrs[self.last_style]:
                self.output.set_attributes(attrs, self.color_depth)
            self.last_style = char.style
        self.output.write(char.char)

    def row(self, y: int, new_row: Any, old_row: Any, escapes: Any, last: int) -> None:
        """Write the cells of row ``y`` up to column ``last`` that changed."""
        from prompt_toolkit.data_structures import Point

        x = 0
        while x <= last:
            char = new_row[x]
            old = old_row[x]
            if char.char == old.char and char.style == old.style:
                x += char.width or 1
                continue
            self.move_cursor(Point(x=x, y=y))
            if x in escapes:
                self.output.write_raw(escapes[x])
            self.output_char(char)
            x += char.width or 1
            # The changed cells after it in the same style, with no escape sequence before
            # them and short of the last column (where prompt_toolkit moves the cursor
            # again): prompt_toolkit writes each on its own; they go in one write here.
            run: list[str] = []
            while x <= last and x < self.width - 1 and x not in escapes:
                char = new_row[x]
                old = old_row[x]
                if char.style != self.last_style or (
                    char.char == old.char and char.style == old.style
                ):
                    break
                run.append(char.char)
                x += char.width or 1
            if run:
                self.output.write("".join(run))
            self.position = Point(x=x, y=y)
