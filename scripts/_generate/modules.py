"""Write the static forms: `commands/_forms.py`, and the fenced blocks of each model module.

A model module gets, where it needs them, a typed `__init__` fence at the end
of each class with nested fields and one import fence after its imports
(the names those signatures use that the module does not already bind).
The generator adds, updates and removes these fences itself.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from .discover import Found, Module
from .forms import FORMS, Alias, Renderer, needs_init, typed_dict, typed_init
from .render import FENCE_END, FENCE_START, HEADER, imports

INIT = "typed __init__"
IMPORTS = "typing imports"


def forms_module(found: Found) -> str:
    """`commands/_forms.py`: the `...Dict` of every nested model and union alias."""
    tags = {m: a.tag for a in found.aliases.values() for m in a.members}
    uses: dict[str, str] = {}
    bodies: dict[str, tuple[str, set[str]]] = {}
    for model in found.nested:
        renderer = Renderer(found.aliases)
        text = typed_dict(model, renderer, tags.get(model))
        uses.update(renderer.uses)
        bodies[f"{model.__name__}Dict"] = (
            text,
            {n for n, m in renderer.uses.items() if m == FORMS},
        )
    for alias in _unions(found):
        members = [f"{m.__name__}Dict" for m in alias.members]
        text = f'{alias.name}Dict = {" | ".join(members)}\n"""`{alias.name}` as a plain dict."""\n'
        bodies[f"{alias.name}Dict"] = (text, set(members))
    outside = {n: m for n, m in uses.items() if m != FORMS}
    head = [
        HEADER.format(source="the nested models in commands/options/"),
        '"""Each nested request object as a plain dict: the `...Dict` `TypedDict`s."""\n\n',
        "from typing_extensions import TypedDict\n",
        *_imports_by_module(outside, "telnyx_gather.commands"),
        "\n__all__ = [\n" + "".join(f'    "{n}",\n' for n in sorted(bodies)) + "]\n\n",
    ]
    return "".join(head) + "\n\n".join(bodies[n][0] for n in _ordered(bodies))


def _unions(found: Found) -> list[Alias]:
    return sorted({a.name: a for a in found.aliases.values() if a.members}.values(), key=_name)


def _name(alias: Alias) -> str:
    return alias.name


def _ordered(bodies: dict[str, tuple[str, set[str]]]) -> list[str]:
    """The names, each after the forms it uses (they are evaluated at import)."""
    done: list[str] = []

    def visit(name: str) -> None:
        if name in done or name not in bodies:
            return
        for used in sorted(bodies[name][1] - {name}):
            visit(used)
        if name not in done:
            done.append(name)

    for name in sorted(bodies):
        visit(name)
    return done


def _imports_by_module(uses: dict[str, str], package: str) -> list[str]:
    by_module: dict[str, list[str]] = {}
    for name, module in uses.items():
        by_module.setdefault(module, []).append(name)
    return [
        imports(_relative(module, package), sorted(names))
        for module, names in sorted(by_module.items())
    ]


def _relative(module: str, package: str) -> str:
    if not module.startswith("telnyx_gather."):
        return module
    here, there = package.split("."), module.split(".")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "." * (len(here) - common + 1) + ".".join(there[common:])


def _bound(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        for inner in [node, *(node.body if isinstance(node, ast.If) else [])]:
            if isinstance(inner, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in inner.names)
            elif isinstance(inner, (ast.ClassDef, ast.FunctionDef)):
                names.add(inner.name)
            elif isinstance(inner, ast.Assign):
                names.update(t.id for t in inner.targets if isinstance(t, ast.Name))
            elif isinstance(inner, ast.AnnAssign) and isinstance(inner.target, ast.Name):
                names.add(inner.target.id)
    return names


def _strip_fences(lines: list[str], name: str) -> list[str]:
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.strip() == FENCE_START.format(name=name):
            skipping = True
            while out and not out[-1].strip():
                out.pop()
        elif line.strip() == FENCE_END.format(name=name):
            skipping = False
        elif not skipping:
            out.append(line)
    return out


def _indent(text: str, prefix: str) -> list[str]:
    return [prefix + line if line.strip() else line for line in text.splitlines(True)]


def _fenced(name: str, body: str, prefix: str) -> list[str]:
    start, end = FENCE_START.format(name=name), FENCE_END.format(name=name)
    return [f"{prefix}{start}\n", *_indent(body, prefix), f"{prefix}{end}\n"]


def model_module(module: Module, models: Iterable[type], found: Found) -> str:
    """The text of a model module with its typed `__init__` and import fences up to date."""
    lines = module.path.read_text(encoding="utf-8").splitlines(True)
    lines = _strip_fences(_strip_fences(lines, INIT), IMPORTS)
    tree = ast.parse("".join(lines))
    renderer = Renderer(found.aliases)
    inserts: list[tuple[int, list[str]]] = []
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    for model in models:
        if needs_init(model):
            node = classes[model.__name__]
            prefix = " " * node.body[0].col_offset
            assert node.end_lineno is not None
            inserts.append((node.end_lineno, _fenced(INIT, typed_init(model, renderer), prefix)))
    needed = {n: m for n, m in renderer.uses.items() if n not in _bound(tree)}
    if inserts and "TYPE_CHECKING" not in _bound(tree):
        needed["TYPE_CHECKING"] = "typing"
    if needed:
        package = module.dotted.rpartition(".")[0]
        checking = {n: m for n, m in needed.items() if n != "TYPE_CHECKING"}
        body = "# isort: split\n"
        if "TYPE_CHECKING" in needed:
            body += "from typing import TYPE_CHECKING\n"
        if checking:
            body += "\nif TYPE_CHECKING:\n"
            body += "".join(
                "".join(_indent(t, "    ")) for t in _imports_by_module(checking, package)
            )
        body += "# isort: split\n"
        last = max(
            n.end_lineno or 0
            for n in tree.body
            if isinstance(n, (ast.Import, ast.ImportFrom)) and n.col_offset == 0
        )
        inserts.append((last, ["\n", *_fenced(IMPORTS, body, "")]))
    for at, new in sorted(inserts, key=lambda item: item[0], reverse=True):
        lines[at:at] = new
    return "".join(lines)


def model_modules(found: Found) -> dict[Path, str]:
    """Every action and option module as it should read."""
    modules = [*found.actions, *found.options]
    exported = {m: [c for c in found.models if c.__module__ == m.dotted] for m in modules}
    return {m.path: model_module(m, models, found) for m, models in exported.items()}
