"""
The shape of the code, as a reviewer would draw it: which app may import
which, no import circle between modules, and no module too long to read.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["articles", "references", "healthcms"]
# Data rather than code: the demo site's articles, and the migrations Django writes.
LONG_AS_DATA = {"articles/demo_content.py"}


def modules():
    """Each module of the project's apps: its dotted name and its file (migrations aside)."""
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            yield name, path


def imports(name, path):
    """The project's modules ``name`` imports, at the top or inside a function alike."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = f"{base}.{node.module}" if node.level and node.module else node.module or base
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # `from . import workflow`
    known = dict(modules())
    return {module for module in found if module in known and module != name}


GRAPH = {name: imports(name, path) for name, path in modules()}


def test_references_is_a_leaf_app():
    """Citations and their formatting import nothing of the articles app or the project: it imports them."""
    for name, imported in GRAPH.items():
        if name.startswith("references"):
            assert not {m for m in imported if m.split(".")[0] in {"articles", "healthcms"}}, name


def test_no_module_imports_itself_through_others():
    """No circle: following the imports from any module never leads back to it."""

    def reachable(start):
        seen, todo = set(), [start]
        while todo:
            for module in GRAPH[todo.pop()] - seen:
                seen.add(module)
                todo.append(module)
        return seen

    assert [name for name in GRAPH if name in reachable(name)] == []


@pytest.mark.parametrize("name,path", list(modules()), ids=lambda value: str(value).rpartition("/")[2])
def test_no_module_is_too_long_to_read(name, path):
    if str(path.relative_to(ROOT)) not in LONG_AS_DATA:
        assert len(path.read_text().splitlines()) <= 420, f"{name}: split it along a seam (STYLE.md: ~400 lines)"
