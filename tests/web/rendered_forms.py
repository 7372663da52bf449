"""The forms of a page as a browser would send them: each ``<form>``'s address, method and fields with
the values the page rendered (a text's value, a ticked box, a chosen option, a text area's text)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

UNSENT = {"submit", "button", "reset", "image", "file"}  # a file is the hostile-forms test's
TYPED = {"text", "search", "number", "date", "email", "tel", "url", "password", "textarea"}  # shown as typed


@dataclass
class Form:
    page: str  # the address of the page that renders it
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # in page order, a name repeated as rendered
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons, the first one pressed
    typed: set[str] = field(default_factory=set)  # the names of fields a user types into
    hidden: set[str] = field(default_factory=set)  # the names of hidden fields (a document a script fills in)

    def names(self) -> list[str]:
        return list(dict.fromkeys(name for name, _value in self.fields + self.buttons[:1]))

    def sent_as_rendered(self) -> list[tuple[str, str]]:
        """What a browser sends of the form as rendered, its first button pressed."""
        return self.fields + self.buttons[:1]

    def sent_without(self, name: str) -> list[tuple[str, str]]:
        return [(n, v) for n, v in self.sent_as_rendered() if n != name]

    def shows(self, name: str) -> bool:
        """Whether the form shows ``name``'s value as typed (a text box, not a choice)."""
        return name in self.typed


class _Forms(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms = page_url, []
        self._select = self._option = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(self.page_url, urljoin(self.page_url, a.get("action") or self.page_url).split("#")[0],
                                   (a.get("method") or "get").upper()))
        if not self.forms or "disabled" in a or "form" in a:
            return
        form = self.forms[-1]
        if tag in ("input", "button") and a.get("name"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            if kind == "submit":
                form.buttons.append((a["name"], a.get("value", "")))
            elif kind not in UNSENT and (kind not in ("checkbox", "radio") or "checked" in a):
                form.fields.append((a["name"], a.get("value", "on" if kind in ("checkbox", "radio") else "")))
            if kind in TYPED:
                form.typed.add(a["name"])
            elif kind == "hidden":
                form.hidden.add(a["name"])
        elif tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "first": None, "chosen": None}
        elif tag == "option" and self._select is not None:
            # its value, or without one its text (gathered until it ends); chosen when marked selected
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
            form.typed.add(a["name"])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select is not None:
            value = self._option["value"] if self._option["value"] is not None else self._option["text"].strip()
            if self._select["first"] is None:
                self._select["first"] = value
            if self._option["selected"]:
                self._select["chosen"] = value
            self._option = None
        elif tag == "select" and self._select is not None and self.forms:
            chosen = self._select["chosen"] if self._select["chosen"] is not None else self._select["first"]
            self.forms[-1].fields.append((self._select["name"], chosen or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self.forms:
            self.forms[-1].fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None


def forms_of(html: str, page_url: str) -> list[Form]:
    """The forms of ``html``, the page at ``page_url``, as a browser would send them."""
    parser = _Forms(page_url)
    parser.feed(html)
    return parser.forms
