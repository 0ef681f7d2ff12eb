"""prompt_toolkit's default key bindings, built once per process rather than once a prompt.

Every prompt_toolkit ``Application`` builds its default bindings afresh (about 600 of them:
Emacs, Vi, mouse, search), and a questionary select or checkbox makes three applications.
That was most of the time between a person's answer and the next question on screen.
The bindings are data: their handlers act on the application of the key event and their
conditions read the running application when a key comes, so one set serves every prompt
(prompts run one at a time).
"""

from __future__ import annotations

import functools
from typing import Any

_SHARED = "_skillquiz_shared"


def share_default_bindings() -> None:
    """Make every later Application use one set of default and page-navigation bindings.

    Only prompt_toolkit's own lookup in ``prompt_toolkit.application.application`` is
    replaced; if a release moves it, prompts still work, building their bindings each time.
    """
    from prompt_toolkit.application import application

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        load = getattr(application, name, None)
        if load is None or getattr(load, _SHARED, False):
            continue
        shared: Any = functools.cache(load)
        setattr(shared, _SHARED, True)
        setattr(application, name, shared)
